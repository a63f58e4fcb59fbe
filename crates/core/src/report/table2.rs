//! Table 二 (主动公开政府信息情况) of the 2019 and 2021 formats: the cells counted from the
//! catalogue (rules and normative documents) and the cells the agency enters for the year
//! (licensing, penalty and coercion decisions, fees, procurement), with their keys, units and
//! how each is obtained (spec report-model.md "Table 二", regulation-and-formats.md §2.3).

use std::collections::BTreeMap;

use time::Date;

use crate::catalogue::validity::{DocKind, Validity};
use crate::field::FieldError;
use crate::request::outcome::ReportFormat;

/// The unit of a cell: a count (件/项) or an amount in 万元 (decimal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// 万元 (2021 `fees.amount_10k_yuan`), or 万元 for 2019 `procurement.amount`.
    TenThousandYuan,
    /// 本年增/减: a signed count.
    Change,
}

/// Where a cell comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Counted from the catalogue's 文件类型 / 有效性 data.
    Catalogue,
    /// Entered by the agency (form or CSV).
    Entered,
}

/// One cell of table 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub key: &'static str,
    /// Row and column of the official table, e.g. "行政许可 本年处理决定数量".
    pub label: &'static str,
    pub unit: Unit,
    pub source: Source,
    /// What to enter, for the form (entered cells) or how it is counted (catalogue cells).
    pub hint: &'static str,
}

const fn cell(key: &'static str, label: &'static str, unit: Unit, source: Source, hint: &'static str) -> Cell {
    Cell { key, label, unit, source, hint }
}

use Source::{Catalogue, Entered};
use Unit::{Change, Count, TenThousandYuan};

const CELLS_2021: [Cell; 10] = [
    cell("rules.issued", "规章 本年制发件数", Count, Catalogue, "成文日期在本年的规章"),
    cell("rules.repealed", "规章 本年废止件数", Count, Catalogue, "有效性为“废止”且废止（失效）日期在本年的规章"),
    cell("rules.in_force", "规章 现行有效件数", Count, Catalogue, "年末现行有效的规章"),
    cell(
        "normative_documents.issued",
        "行政规范性文件 本年制发件数",
        Count,
        Catalogue,
        "成文日期在本年的行政规范性文件",
    ),
    cell(
        "normative_documents.repealed",
        "行政规范性文件 本年废止件数",
        Count,
        Catalogue,
        "有效性为“废止”且废止（失效）日期在本年的行政规范性文件",
    ),
    cell(
        "normative_documents.in_force",
        "行政规范性文件 现行有效件数",
        Count,
        Catalogue,
        "年末现行有效的行政规范性文件",
    ),
    cell("licensing.decisions", "行政许可 本年处理决定数量", Count, Entered, "本年作出的行政许可处理决定数量"),
    cell("penalty.decisions", "行政处罚 本年处理决定数量", Count, Entered, "本年作出的行政处罚决定数量"),
    cell("coercion.decisions", "行政强制 本年处理决定数量", Count, Entered, "本年作出的行政强制决定数量"),
    cell(
        "fees.amount_10k_yuan",
        "行政事业性收费 本年收费金额（万元）",
        TenThousandYuan,
        Entered,
        "本年行政事业性收费金额，单位万元，可有小数",
    ),
];

const CELLS_2019: [Cell; 22] = [
    cell("rules.made", "规章 本年新制作数量", Count, Catalogue, "成文日期在本年的规章"),
    cell("rules.published", "规章 本年新公开数量", Count, Catalogue, "发布日期在本年的规章"),
    cell("rules.total_public", "规章 对外公开总数量", Count, Catalogue, "年末已公开的规章总数"),
    cell("normative_documents.made", "规范性文件 本年新制作数量", Count, Catalogue, "成文日期在本年的规范性文件"),
    cell("normative_documents.published", "规范性文件 本年新公开数量", Count, Catalogue, "发布日期在本年的规范性文件"),
    cell(
        "normative_documents.total_public",
        "规范性文件 对外公开总数量",
        Count,
        Catalogue,
        "年末已公开的规范性文件总数",
    ),
    cell("licensing.last_year_items", "行政许可 上一年项目数量", Count, Entered, "上一年行政许可项目数量"),
    cell("licensing.change", "行政许可 本年增/减", Change, Entered, "本年行政许可项目增（正数）或减（负数）"),
    cell("licensing.decisions", "行政许可 处理决定数量", Count, Entered, "本年行政许可处理决定数量"),
    cell(
        "other_services.last_year_items",
        "其他对外管理服务事项 上一年项目数量",
        Count,
        Entered,
        "上一年其他对外管理服务事项数量",
    ),
    cell(
        "other_services.change",
        "其他对外管理服务事项 本年增/减",
        Change,
        Entered,
        "本年其他对外管理服务事项增（正数）或减（负数）",
    ),
    cell(
        "other_services.decisions",
        "其他对外管理服务事项 处理决定数量",
        Count,
        Entered,
        "本年其他对外管理服务事项处理决定数量",
    ),
    cell("penalty.last_year_items", "行政处罚 上一年项目数量", Count, Entered, "上一年行政处罚项目数量"),
    cell("penalty.change", "行政处罚 本年增/减", Change, Entered, "本年行政处罚项目增（正数）或减（负数）"),
    cell("penalty.decisions", "行政处罚 处理决定数量", Count, Entered, "本年行政处罚决定数量"),
    cell("coercion.last_year_items", "行政强制 上一年项目数量", Count, Entered, "上一年行政强制项目数量"),
    cell("coercion.change", "行政强制 本年增/减", Change, Entered, "本年行政强制项目增（正数）或减（负数）"),
    cell("coercion.decisions", "行政强制 处理决定数量", Count, Entered, "本年行政强制决定数量"),
    cell("fees.last_year_items", "行政事业性收费 上一年项目数量", Count, Entered, "上一年行政事业性收费项目数量"),
    cell("fees.change", "行政事业性收费 本年增/减", Change, Entered, "本年行政事业性收费项目增（正数）或减（负数）"),
    cell("procurement.items", "政府集中采购 采购项目数量", Count, Entered, "本年政府集中采购项目数量"),
    cell(
        "procurement.amount",
        "政府集中采购 采购总金额（万元）",
        TenThousandYuan,
        Entered,
        "本年政府集中采购总金额，单位万元，可有小数",
    ),
];

/// The cells of table 二 in `format`, in table order.
pub fn cells(format: ReportFormat) -> &'static [Cell] {
    match format {
        ReportFormat::F2019 => &CELLS_2019,
        ReportFormat::F2021 => &CELLS_2021,
    }
}

/// The cell `key` of `format`, if the format has it.
pub fn cell_of(format: ReportFormat, key: &str) -> Option<Cell> {
    cells(format).iter().copied().find(|c| c.key == key)
}

/// Table 二: cell key → value. Counts are integers; 万元 amounts may be decimals, kept as the
/// JSON number the agency entered (e.g. `1.25`), so no float rounding creeps in.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Table2(pub BTreeMap<String, serde_json::Number>);

impl Table2 {
    /// The cell as written in the table ("" when absent).
    pub fn display(&self, key: &str) -> String {
        self.0.get(key).map(|n| n.to_string()).unwrap_or_default()
    }
}

/// Parses what an agency entered for `cell` (form or CSV): a non-negative integer for counts, a
/// signed integer for 增/减, a non-negative decimal with at most 4 places (i.e. 元) for 万元.
pub fn parse_entered(cell: Cell, input: &str) -> Result<serde_json::Number, FieldError> {
    let s = input.trim().trim_start_matches('+');
    let field = format!("table2.{}", cell.key);
    let bad = |why: &str| FieldError::new(&field, cell.label, format!("{}：“{}”{why}", cell.label, input.trim()));
    match cell.unit {
        Unit::Count | Unit::Change => {
            let n: i64 = s.parse().map_err(|_| bad("不是整数"))?;
            if n < 0 && cell.unit == Unit::Count {
                return Err(bad("不能为负数"));
            }
            Ok(n.into())
        }
        Unit::TenThousandYuan => {
            let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
            let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            if !digits(whole) || !(frac.is_empty() || digits(frac)) {
                return Err(bad("不是金额（单位万元，如 1.25）"));
            }
            if frac.len() > 4 {
                return Err(bad("小数位数过多（万元最多保留4位小数，即精确到元）"));
            }
            let frac = frac.trim_end_matches('0');
            let text = if frac.is_empty() {
                whole.trim_start_matches('0').to_owned()
            } else {
                format!("{}.{frac}", whole.trim_start_matches('0'))
            };
            let text = if text.is_empty() || text.starts_with('.') { format!("0{text}") } else { text };
            serde_json::from_str(&text).map_err(|_| bad("不是金额"))
        }
    }
}

/// What table 二 needs to know about one public rule or normative document in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentFacts {
    pub kind: DocKind,
    /// 成文日期 (falls back to the publication date when the catalogue has none).
    pub written: Date,
    pub published: Option<Date>,
    pub validity: Validity,
    /// When it stopped being in force (废止/失效 date), for documents no longer in force.
    pub ended: Option<Date>,
}

/// Table 二 of `year`: the catalogue cells counted from `documents`, then the `entered` cells
/// (only keys of the format; missing entered cells are 0).
pub fn compile(
    format: ReportFormat,
    year: i32,
    documents: &[DocumentFacts],
    entered: &BTreeMap<String, serde_json::Number>,
) -> Table2 {
    let end = Date::from_calendar_date(year, time::Month::December, 31).expect("valid year");
    let mut t = BTreeMap::new();
    for (kind, prefix) in [(DocKind::Rule, "rules"), (DocKind::NormativeDocument, "normative_documents")] {
        let of_kind = || documents.iter().filter(move |d| d.kind == kind);
        let count =
            |f: &dyn Fn(&DocumentFacts) -> bool| serde_json::Number::from(of_kind().filter(|d| f(d)).count() as i64);
        let ended_by_end = |d: &DocumentFacts| d.validity != Validity::InForce && d.ended.is_none_or(|e| e <= end);
        match format {
            ReportFormat::F2021 => {
                t.insert(format!("{prefix}.issued"), count(&|d| d.written.year() == year));
                t.insert(
                    format!("{prefix}.repealed"),
                    count(&|d| d.validity == Validity::Repealed && d.ended.is_some_and(|e| e.year() == year)),
                );
                t.insert(format!("{prefix}.in_force"), count(&|d| d.written <= end && !ended_by_end(d)));
            }
            ReportFormat::F2019 => {
                t.insert(format!("{prefix}.made"), count(&|d| d.written.year() == year));
                t.insert(format!("{prefix}.published"), count(&|d| d.published.is_some_and(|p| p.year() == year)));
                t.insert(format!("{prefix}.total_public"), count(&|d| d.published.is_some_and(|p| p <= end)));
            }
        }
    }
    for c in cells(format).iter().filter(|c| c.source == Source::Entered) {
        t.insert(c.key.to_owned(), entered.get(c.key).cloned().unwrap_or_else(|| 0.into()));
    }
    Table2(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).unwrap()
    }

    fn doc(kind: DocKind, written: Date, validity: Validity, ended: Option<Date>) -> DocumentFacts {
        DocumentFacts { kind, written, published: Some(written), validity, ended }
    }

    #[test]
    fn the_2021_cells_count_issued_repealed_and_in_force_at_the_year_end() {
        use DocKind::{NormativeDocument as N, Rule as R};
        let docs = [
            doc(N, d(2024, 3, 1), Validity::InForce, None),
            doc(N, d(2022, 3, 1), Validity::Repealed, Some(d(2024, 6, 1))),
            doc(N, d(2021, 3, 1), Validity::Repealed, Some(d(2025, 2, 1))), // repealed after the year: in force at its end
            doc(N, d(2020, 3, 1), Validity::Expired, Some(d(2023, 12, 31))),
            doc(N, d(2025, 1, 2), Validity::InForce, None), // written after the year
            doc(R, d(2024, 12, 31), Validity::InForce, None),
            doc(DocKind::Other, d(2024, 5, 5), Validity::InForce, None),
        ];
        let mut entered = BTreeMap::new();
        entered.insert("fees.amount_10k_yuan".to_owned(), serde_json::from_str("1.25").unwrap());
        entered.insert("rules.issued".to_owned(), 99.into()); // not an entered cell: ignored
        let t = compile(ReportFormat::F2021, 2024, &docs, &entered);
        let get = |k: &str| t.display(k);
        assert_eq!(
            [
                get("normative_documents.issued"),
                get("normative_documents.repealed"),
                get("normative_documents.in_force")
            ],
            ["1", "1", "2"]
        );
        assert_eq!([get("rules.issued"), get("rules.repealed"), get("rules.in_force")], ["1", "0", "1"]);
        assert_eq!((get("fees.amount_10k_yuan"), get("licensing.decisions")), ("1.25".into(), "0".into()));
        assert_eq!(t.0.len(), cells(ReportFormat::F2021).len());
        assert_eq!(serde_json::to_string(&t.0["fees.amount_10k_yuan"]).unwrap(), "1.25");
    }

    #[test]
    fn the_2019_cells_count_made_published_and_total_public() {
        let mut late = doc(DocKind::Rule, d(2019, 12, 20), Validity::InForce, None);
        late.published = Some(d(2020, 1, 10));
        let docs = [late, doc(DocKind::Rule, d(2018, 1, 1), Validity::Repealed, Some(d(2019, 1, 1)))];
        let t = compile(ReportFormat::F2019, 2019, &docs, &BTreeMap::new());
        assert_eq!(
            [t.display("rules.made"), t.display("rules.published"), t.display("rules.total_public")],
            ["1", "0", "1"]
        );
        assert_eq!(t.0.len(), cells(ReportFormat::F2019).len());
    }

    #[test]
    fn entered_values_are_checked_by_unit() {
        let fees = cell_of(ReportFormat::F2021, "fees.amount_10k_yuan").unwrap();
        let count = cell_of(ReportFormat::F2021, "licensing.decisions").unwrap();
        let change = cell_of(ReportFormat::F2019, "licensing.change").unwrap();
        assert_eq!(parse_entered(fees, " 001.2500 ").unwrap().to_string(), "1.25");
        assert_eq!(parse_entered(fees, "0.5").unwrap().to_string(), "0.5");
        assert_eq!(parse_entered(fees, "3").unwrap().to_string(), "3");
        assert!(parse_entered(fees, "1.23456").unwrap_err().message.contains("最多保留4位小数"));
        assert!(parse_entered(fees, "-1").is_err());
        assert!(parse_entered(fees, "1e3").is_err());
        assert_eq!(parse_entered(count, "12").unwrap().to_string(), "12");
        let err = parse_entered(count, "-2").unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.message.as_str()),
            ("table2.licensing.decisions", "行政许可 本年处理决定数量：“-2”不能为负数")
        );
        assert_eq!(parse_entered(change, "-2").unwrap().to_string(), "-2");
        assert!(parse_entered(count, "三").is_err());
    }
}

//! What the results page shows of one audited source: its format, year and agency, the
//! findings and ambiguities in Chinese, and its tables in the official layout
//! (`gongkai_core::report::layout`, or a label | value table for the pre-2019 statistics) with
//! every value cell marked: `flagged` when a finding covers it ([`AuditOutput::about`]),
//! `ambiguous` when its digits can be read more than one way. Blank cells stay blank.

use gongkai_core::report::layout::{Grid, GridCell, table2, table3, table4};
use gongkai_core::report::rules::Severity;
use gongkai_core::report::stats::{ROWS, row_of};
use gongkai_report_reader::{AuditFinding, AuditOutput, ImportFormat, ImportedReport};

use super::Audited;
use crate::report_view::{self, HtmlCell, HtmlTable};

pub struct FindingView {
    pub rule: &'static str,
    /// 错误 or 提示.
    pub severity: &'static str,
    pub is_error: bool,
    pub location: String,
    pub expected: String,
    pub actual: String,
    pub message: String,
}

pub struct AmbiguityView {
    pub location: String,
    /// Each reading, its values separated by spaces.
    pub candidates: Vec<String>,
}

/// One source on the results page.
pub struct FileView {
    pub source: String,
    pub format: &'static str,
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub encoding: &'static str,
    /// Why nothing (or no table) could be read from it.
    pub problem: Option<&'static str>,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<FindingView>,
    pub ambiguities: Vec<AmbiguityView>,
    pub tables: Vec<HtmlTable>,
}

impl FileView {
    /// The tables as HTML (the report templates of the export crate).
    pub fn tables_html(&self) -> Vec<String> {
        self.tables.iter().map(report_view::table_html).collect()
    }
}

/// The Chinese name of a format.
pub fn format_label(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::F2021 => "2021年版",
        ImportFormat::F2019 => "2019年版",
        ImportFormat::Pre2019 => "2019年以前（统计表）",
        ImportFormat::Unknown => "无法识别",
    }
}

pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "提示",
    }
}

/// A reading of run-together digits, e.g. "2 0 0 0 0 0 2".
pub fn reading(values: &[serde_json::Number]) -> String {
    values.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
}

impl FileView {
    pub fn of(audited: &Audited) -> FileView {
        let Some(output) = &audited.output else {
            return FileView {
                source: audited.source.clone(),
                format: format_label(ImportFormat::Unknown),
                year: None,
                agency: None,
                encoding: "",
                problem: audited.problem,
                errors: 0,
                warnings: 0,
                findings: Vec::new(),
                ambiguities: Vec::new(),
                tables: Vec::new(),
            };
        };
        let findings: Vec<FindingView> = output.findings.iter().map(finding).collect();
        FileView {
            source: audited.source.clone(),
            format: format_label(output.format),
            year: output.year,
            agency: output.agency.clone(),
            encoding: output.encoding,
            problem: audited.problem,
            errors: findings.iter().filter(|f| f.is_error).count(),
            warnings: findings.iter().filter(|f| !f.is_error).count(),
            findings,
            ambiguities: output
                .ambiguities
                .iter()
                .map(|a| AmbiguityView {
                    location: a.r#where.clone(),
                    candidates: a.candidates.iter().map(|c| reading(c)).collect(),
                })
                .collect(),
            tables: grids(&output.report)
                .iter()
                .map(|g| HtmlTable { label: format!("{}：{}", audited.source, g.caption), ..marked(g, output) })
                .collect(),
        }
    }
}

fn finding(f: &AuditFinding) -> FindingView {
    let figure = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    FindingView {
        rule: f.rule,
        severity: severity_label(f.severity),
        is_error: f.severity == Severity::Error,
        location: f.r#where.clone(),
        expected: figure(f.expected),
        actual: figure(f.actual),
        message: f.message.clone(),
    }
}

/// The tables read from `report`, blank where a cell is blank or unreadable: tables 二–四 of the
/// 2019 and 2021 formats, or the pre-2019 statistics table.
fn grids(report: &ImportedReport) -> Vec<Grid> {
    let mut grids = Vec::new();
    let shown =
        |n: Option<&Option<serde_json::Number>>| n.cloned().flatten().map(|n| n.to_string()).unwrap_or_default();
    if let Some(format) = report.format.tables() {
        if let Some(t2) = &report.table2 {
            grids.push(table2(format, &|key| shown(t2.get(key))));
        }
        if let Some(t3) = &report.table3 {
            grids.push(table3(format, &|row, column| {
                t3.get(row).and_then(|r| r.get(column)).copied().flatten().map(|n| n.to_string()).unwrap_or_default()
            }));
        }
        if let Some(t4) = &report.table4 {
            grids.push(table4(&|block, column| {
                t4.get(block).and_then(|r| r.get(column)).copied().flatten().map(|n| n.to_string()).unwrap_or_default()
            }));
        }
    } else if let Some(stats) = report.stats.as_ref().filter(|s| !s.is_empty()) {
        let label = |key: &str| match row_of(key) {
            Some(row) => format!("{}（{}）", row.label, row.unit),
            None => report.labels.get(key).cloned().unwrap_or_else(|| key.to_owned()),
        };
        // The national form's rows in table order, then the rows it does not have.
        let national = ROWS.iter().map(|r| r.key).filter(|k| stats.contains_key(*k));
        let extra = stats.keys().map(String::as_str).filter(|k| row_of(k).is_none());
        let mut rows = vec![vec![GridCell::header("统计指标"), GridCell::header("数值")]];
        rows.extend(national.chain(extra).map(|key| {
            vec![GridCell::label(label(key)), GridCell::value(format!("stats.{key}"), shown(stats.get(key)))]
        }));
        grids.push(Grid { caption: "政府信息公开情况统计表".into(), columns: 2, header_rows: 1, rows });
    }
    grids
}

/// `grid` as HTML cells, each value cell marked with what the audit says of it.
fn marked(grid: &Grid, output: &AuditOutput) -> HtmlTable {
    let keys: Vec<&str> = grid.rows.iter().flatten().filter_map(|c| c.key.as_deref()).collect();
    report_view::table_with(grid, |c| cell(c, &keys, output))
}

fn cell(c: &GridCell, keys: &[&str], output: &AuditOutput) -> HtmlCell {
    let mut out = report_view::cell(c);
    let key = out.key.as_str();
    let mut notes: Vec<String> = Vec::new();
    let mut flagged = false;
    let mut ambiguous = false;
    if !key.is_empty() {
        let about = output.about(key);
        flagged = !about.is_empty();
        notes.extend(about.iter().map(|f| format!("{}：{}", severity_label(f.severity), f.message)));
        if let Some(a) = output.ambiguity_of(key) {
            ambiguous = true;
            // The readings give one value per cell of the ambiguous row, in grid order.
            let position =
                keys.iter().filter(|k| gongkai_report_reader::output::covers(&a.r#where, k)).position(|k| *k == key);
            let values: Vec<String> = position
                .map(|i| a.candidates.iter().filter_map(|c| c.get(i)).map(ToString::to_string).collect())
                .unwrap_or_default();
            notes.push(if values.is_empty() {
                "数字连写，无法确定如何拆分".to_owned()
            } else {
                format!("数字连写，无法确定：可能为{}", values.join("或"))
            });
        }
    }
    let class = match (flagged, ambiguous) {
        (true, true) => "flagged ambiguous",
        (true, false) => "flagged",
        (false, true) => "ambiguous",
        (false, false) => "",
    };
    out.class = class;
    out.title = notes.join("；");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use gongkai_report_reader::{Ambiguity, AuditFinding};

    use super::*;

    /// An empty source's output made into a 2021 report with `table3` and `findings`.
    fn output(
        table3: &[(&str, &str, Option<i64>)],
        findings: Vec<AuditFinding>,
        ambiguities: Vec<Ambiguity>,
    ) -> AuditOutput {
        let mut out = gongkai_report_reader::audit(b"", "a.html");
        out.format = ImportFormat::F2021;
        out.report.format = ImportFormat::F2021;
        let mut t3: BTreeMap<String, BTreeMap<String, Option<i64>>> = BTreeMap::new();
        for (row, column, value) in table3 {
            t3.entry((*row).to_owned()).or_default().insert((*column).to_owned(), *value);
        }
        out.report.table3 = Some(t3);
        out.findings = findings;
        out.ambiguities = ambiguities;
        out
    }

    fn finding(r#where: &str) -> AuditFinding {
        AuditFinding {
            rule: "table3.results_sum",
            severity: Severity::Error,
            r#where: r#where.into(),
            expected: Some(5),
            actual: Some(4),
            message: "自然人：办理结果各项之和为5，但(七)总计为4".into(),
        }
    }

    fn cell<'a>(view: &'a FileView, key: &str) -> &'a HtmlCell {
        view.tables.iter().flat_map(|t| t.body.iter().flatten()).find(|c| c.key == key).unwrap()
    }

    fn view(out: AuditOutput) -> FileView {
        FileView::of(&Audited { source: "a.html".into(), problem: None, output: Some(out) })
    }

    #[test]
    fn cells_a_finding_covers_are_flagged_with_its_message() {
        let out = output(
            &[("results_total", "natural_person", Some(4)), ("granted", "natural_person", Some(5))],
            vec![finding("table3.*.natural_person")],
            vec![],
        );
        let v = view(out);
        let wrong = cell(&v, "table3.results_total.natural_person");
        assert_eq!((wrong.class, wrong.text.as_str()), ("flagged", "4"));
        assert!(wrong.title.contains("错误：自然人"), "{}", wrong.title);
        assert_eq!(cell(&v, "table3.granted.business").class, "");
        assert_eq!((v.errors, v.warnings, v.findings[0].severity), (1, 0, "错误"));
        assert_eq!(
            v.tables[0].label, "a.html：表三 收到和处理政府信息公开申请情况",
            "each file's tables are told apart"
        );
    }

    #[test]
    fn blank_cells_stay_blank_never_zero() {
        let v = view(output(&[("received", "total", None), ("received", "business", Some(0))], vec![], vec![]));
        assert_eq!(cell(&v, "table3.received.total").text, "");
        assert_eq!(cell(&v, "table3.received.business").text, "0");
        assert_eq!(cell(&v, "table3.carried_in.total").text, "", "a row not read at all");
    }

    #[test]
    fn an_ambiguous_cell_names_its_possible_values() {
        let candidates = vec![
            [2, 0, 0, 0, 0, 0, 2].map(serde_json::Number::from).to_vec(),
            [20, 0, 0, 0, 0, 0, 20].map(serde_json::Number::from).to_vec(),
        ];
        let v = view(output(&[], vec![], vec![Ambiguity { r#where: "table3.granted".into(), candidates }]));
        let first = cell(&v, "table3.granted.natural_person");
        assert_eq!(first.class, "ambiguous");
        assert!(first.title.contains("可能为2或20"), "{}", first.title);
        assert_eq!(v.ambiguities[0].candidates, ["2 0 0 0 0 0 2", "20 0 0 0 0 0 20"]);
    }

    #[test]
    fn a_pre2019_report_shows_its_statistics_as_label_and_value_rows() {
        let mut out = gongkai_report_reader::audit(b"", "a.txt");
        out.report.format = ImportFormat::Pre2019;
        let stats = [("requests.received", Some(3.into())), ("extra.row_1", None)];
        out.report.stats = Some(stats.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
        out.report.labels.insert("extra.row_1".into(), "其他统计".into());
        out.findings = vec![AuditFinding {
            rule: "stats.missing",
            severity: Severity::Warning,
            r#where: "stats.extra.row_1".into(),
            expected: None,
            actual: None,
            message: "空白".into(),
        }];
        let v = view(out);
        let table = &v.tables[0];
        let rows: Vec<(&str, &str, &str)> =
            table.body.iter().map(|r| (r[0].text.as_str(), r[1].text.as_str(), r[1].class)).collect();
        assert_eq!(rows, [("收到申请数（件）", "3", ""), ("其他统计", "", "flagged")]);
    }
}

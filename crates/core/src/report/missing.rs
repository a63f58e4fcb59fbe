//! `*.missing`: a cell the format requires that is blank or unreadable in an imported report
//! (severity `warning`; the arithmetic rules skip it, see [`super::rules::Cells`]).
//!
//! One finding per missing cell, except that a whole missing row is one finding (`where` the
//! row, e.g. `table3.granted`) and a whole missing table is one finding (`where` the table,
//! e.g. `table3`). A missing cell has no figure: `expected` and `actual` are 0 and the audit
//! output shows them as `null` ([`is_missing_rule`]).

use std::collections::BTreeMap;

use super::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};
use super::rules::{Cells, Finding, Severity, column_label};
use super::stats::{Stats, row_of};
use super::table2;
use super::table3::{COLUMNS, rows};
use crate::request::outcome::{Outcome, ReportFormat};

/// Whether a rule id is one of the `*.missing` rules.
pub fn is_missing_rule(rule: &str) -> bool {
    rule.ends_with(".missing")
}

fn warning(rule: &'static str, r#where: String, message: String) -> Finding {
    Finding { rule, severity: Severity::Warning, r#where, expected: 0, actual: 0, message }
}

/// The wording of a table 三 row, without its number.
fn table3_row_label(row: &str) -> &'static str {
    match row {
        "received" => "本年新收政府信息公开申请数量",
        "carried_in" => "上年结转政府信息公开申请数量",
        "results_total" => "办理结果总计",
        "carried_over" => "结转下年度继续办理",
        _ => Outcome::ALL.iter().find(|o| o.key() == row).map_or("", |o| o.label()),
    }
}

fn table4_labels(block: &str, column: &str) -> (&'static str, &'static str) {
    let b = match block {
        "reconsideration" => "行政复议",
        "litigation_direct" => "行政诉讼（未经复议直接起诉）",
        _ => "行政诉讼（复议后起诉）",
    };
    let c = match column {
        "upheld" => "结果维持",
        "corrected" => "结果纠正",
        "other" => "其他结果",
        "pending" => "尚未审结",
        _ => "总计",
    };
    (b, c)
}

/// One row of a table for [`grouped`]: key, label, and each cell's (column key, column label,
/// missing).
type RowCells<'a> = (&'a str, &'static str, Vec<(&'a str, &'static str, bool)>);

/// Groups missing (row, column) cells: the whole table, whole rows, or single cells.
fn grouped(rule: &'static str, table: &str, table_name: &str, grid: &[RowCells<'_>]) -> Vec<Finding> {
    let total: usize = grid.iter().map(|(_, _, cells)| cells.len()).sum();
    let missing: usize = grid.iter().map(|(_, _, cells)| cells.iter().filter(|c| c.2).count()).sum();
    if total > 0 && missing == total {
        return vec![warning(rule, table.to_owned(), format!("未能读取{table_name}：各单元格均空白或无法识别"))];
    }
    let mut findings = Vec::new();
    for (row, row_label, cells) in grid {
        if !cells.is_empty() && cells.iter().all(|c| c.2) {
            findings.push(warning(
                rule,
                format!("{table}.{row}"),
                format!("{table_name}“{row_label}”一行空白或无法识别"),
            ));
            continue;
        }
        for (column, column_label, _) in cells.iter().filter(|c| c.2) {
            let message = if column_label.is_empty() {
                format!("{table_name}“{row_label}”空白或无法识别")
            } else {
                format!("{table_name}“{row_label}”行“{column_label}”列空白或无法识别")
            };
            findings.push(warning(rule, format!("{table}.{row}.{column}"), message));
        }
    }
    findings
}

/// `table3.missing`: every row of `format`, every column.
pub fn check_table3<T: Cells + ?Sized>(format: ReportFormat, t: &T) -> Vec<Finding> {
    let grid: Vec<_> = rows(format)
        .into_iter()
        .map(|row| {
            (
                row,
                table3_row_label(row),
                COLUMNS.iter().map(|c| (*c, column_label(c), t.cell(row, c).is_none())).collect(),
            )
        })
        .collect();
    grouped("table3.missing", "table3", "表三", &grid)
}

/// `table4.missing`: every block, every column.
pub fn check_table4<T: Cells + ?Sized>(t: &T) -> Vec<Finding> {
    let grid: Vec<_> = TABLE4_BLOCKS
        .iter()
        .map(|block| {
            let cells =
                TABLE4_COLUMNS.iter().map(|c| (*c, table4_labels(block, c).1, t.cell(block, c).is_none())).collect();
            (*block, table4_labels(block, "").0, cells)
        })
        .collect();
    grouped("table4.missing", "table4", "表四", &grid)
}

/// `table2.missing`: every cell of table 二 of `format`.
pub fn check_table2(format: ReportFormat, t: &BTreeMap<String, Option<serde_json::Number>>) -> Vec<Finding> {
    let cells = table2::cells(format);
    let missing: Vec<_> = cells.iter().filter(|c| t.get(c.key).is_none_or(|v| v.is_none())).collect();
    if !cells.is_empty() && missing.len() == cells.len() {
        return vec![warning("table2.missing", "table2".into(), "未能读取表二：各单元格均空白或无法识别".into())];
    }
    missing
        .into_iter()
        .map(|c| warning("table2.missing", format!("table2.{}", c.key), format!("表二“{}”空白或无法识别", c.label)))
        .collect()
}

/// `stats.missing`: a row of the statistics table that is present with a blank or unreadable
/// value (absent rows are not required: the form varies by year and province), or no
/// statistics table at all.
pub fn check_stats(stats: &Stats) -> Vec<Finding> {
    if stats.is_empty() {
        return vec![warning("stats.missing", "stats".into(), "未找到政府信息公开情况统计表".into())];
    }
    stats
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(key, _)| {
            let label = row_of(key).map_or(key.as_str(), |r| r.label.trim_start_matches("其中："));
            warning("stats.missing", format!("stats.{key}"), format!("统计表“{label}”空白或无法识别"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::rules::check_table3 as arithmetic;

    type Imported = BTreeMap<String, BTreeMap<String, Option<i64>>>;

    fn full(format: ReportFormat, value: Option<i64>) -> Imported {
        rows(format)
            .into_iter()
            .map(|r| (r.to_owned(), COLUMNS.iter().map(|c| (c.to_string(), value)).collect()))
            .collect()
    }

    #[test]
    fn a_blank_cell_is_a_warning_and_not_an_arithmetic_error() {
        let mut t = full(ReportFormat::F2021, Some(0));
        t.get_mut("granted").unwrap().insert("natural_person".into(), None);
        let found = check_table3(ReportFormat::F2021, &t);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].rule, found[0].severity, found[0].r#where.as_str()),
            ("table3.missing", Severity::Warning, "table3.granted.natural_person")
        );
        assert_eq!(found[0].message, "表三“予以公开”行“自然人”列空白或无法识别");
        assert_eq!(arithmetic(ReportFormat::F2021, &t), vec![], "the column and the row with the blank are not summed");
    }

    #[test]
    fn a_missing_row_or_table_is_one_finding() {
        let mut t = full(ReportFormat::F2019, Some(1));
        t.remove("other");
        let found = check_table3(ReportFormat::F2019, &t);
        assert_eq!(found.iter().map(|f| f.r#where.as_str()).collect::<Vec<_>>(), ["table3.other"]);
        let none = full(ReportFormat::F2019, None);
        assert_eq!(check_table3(ReportFormat::F2019, &none)[0].r#where, "table3");
        assert_eq!(check_table4(&Imported::new())[0].r#where, "table4");
        assert!(is_missing_rule(found[0].rule) && !is_missing_rule("table3.balance"));
    }

    #[test]
    fn only_present_blank_stats_rows_are_missing() {
        let mut s = Stats::new();
        s.insert("proactive.total".into(), Some(1.into()));
        s.insert("proactive.normative_documents".into(), None);
        let found = check_stats(&s);
        assert_eq!(
            found.iter().map(|f| f.r#where.as_str()).collect::<Vec<_>>(),
            ["stats.proactive.normative_documents"]
        );
        assert_eq!(found[0].message, "统计表“主动公开规范性文件数”空白或无法识别");
        assert_eq!(check_stats(&Stats::new())[0].r#where, "stats");
    }
}

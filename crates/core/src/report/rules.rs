//! The consistency rules (勾稽关系) of `report-model.md`, as findings. A generated report must
//! have none; an imported one is audited with the same functions.
//!
//! The rules read cells through [`Cells`]: a compiled table answers every cell, an imported one
//! answers `None` for a blank or unreadable cell, and a rule whose cells are not all known is
//! skipped for that column, row or block (the cell is reported by `*.missing` instead, see
//! [`super::missing`]).

use std::collections::BTreeMap;

use super::table3::{COLUMNS, Table3, leaf_rows};
use crate::request::outcome::ReportFormat;

/// Read access to the cells of table 三 (row → column) or table 四 (block → column).
pub trait Cells {
    /// The cell, or `None` when it is blank or unreadable.
    fn cell(&self, row: &str, column: &str) -> Option<i64>;
    /// The rows (or blocks) the table holds, in key order.
    fn row_keys(&self) -> Vec<&str>;
}

/// A compiled table: every cell is known, an absent one counts 0.
impl Cells for BTreeMap<String, BTreeMap<String, i64>> {
    fn cell(&self, row: &str, column: &str) -> Option<i64> {
        Some(self.get(row).and_then(|r| r.get(column)).copied().unwrap_or(0))
    }
    fn row_keys(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

impl Cells for Table3 {
    fn cell(&self, row: &str, column: &str) -> Option<i64> {
        self.0.cell(row, column)
    }
    fn row_keys(&self) -> Vec<&str> {
        self.0.row_keys()
    }
}

/// An imported table: `null` cells and absent rows are unknown.
impl Cells for BTreeMap<String, BTreeMap<String, Option<i64>>> {
    fn cell(&self, row: &str, column: &str) -> Option<i64> {
        self.get(row).and_then(|r| r.get(column)).copied().flatten()
    }
    fn row_keys(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One broken rule, naming the cells.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub r#where: String,
    pub expected: i64,
    pub actual: i64,
    pub message: String,
}

/// The Chinese name of a table 三 column.
pub fn column_label(c: &str) -> &'static str {
    match c {
        "natural_person" => "自然人",
        "business" => "商业企业",
        "research" => "科研机构",
        "nonprofit" => "社会公益组织",
        "legal_service" => "法律服务机构",
        "other_org" => "其他",
        _ => "总计",
    }
}

/// `table3.balance`, `table3.results_sum` (each column) and `table3.row_sum` (each row). A
/// column or row with an unknown cell is not checked.
pub fn check_table3<T: Cells + ?Sized>(format: ReportFormat, t: &T) -> Vec<Finding> {
    let mut findings = Vec::new();
    let leaves = leaf_rows(format);
    for c in COLUMNS {
        let label = column_label(c);
        if let (Some(received), Some(carried_in), Some(total), Some(over)) =
            (t.cell("received", c), t.cell("carried_in", c), t.cell("results_total", c), t.cell("carried_over", c))
            && received + carried_in != total + over
        {
            findings.push(Finding {
                rule: "table3.balance",
                severity: Severity::Error,
                r#where: format!("table3.*.{c}"),
                expected: received + carried_in,
                actual: total + over,
                message: format!(
                    "{label}：新收{received}件加上年结转{carried_in}件应等于办理结果总计{total}件加结转下年度{over}件"
                ),
            });
        }
        let sum: Option<i64> = leaves.iter().map(|r| t.cell(r, c)).sum();
        if let (Some(sum), Some(total)) = (sum, t.cell("results_total", c))
            && sum != total
        {
            findings.push(Finding {
                rule: "table3.results_sum",
                severity: Severity::Error,
                r#where: format!("table3.*.{c}"),
                expected: sum,
                actual: total,
                message: format!("{label}：办理结果各项之和为{sum}，但(七)总计为{total}"),
            });
        }
    }
    for row in t.row_keys() {
        let sum: Option<i64> = COLUMNS[..6].iter().map(|c| t.cell(row, c)).sum();
        if let (Some(sum), Some(total)) = (sum, t.cell(row, "total"))
            && sum != total
        {
            findings.push(Finding {
                rule: "table3.row_sum",
                severity: Severity::Error,
                r#where: format!("table3.{row}.total"),
                expected: sum,
                actual: total,
                message: format!("{row}：六类申请人之和为{sum}，但总计为{total}"),
            });
        }
    }
    findings
}

/// `series.carry_over`: this year's `carried_in` equals last year's `carried_over`, per column
/// (a column with an unknown cell on either side is not checked).
pub fn check_carry_over<A: Cells + ?Sized, B: Cells + ?Sized>(last_year: &A, this_year: &B) -> Vec<Finding> {
    COLUMNS
        .iter()
        .filter_map(|c| {
            let (before, now) = (last_year.cell("carried_over", c)?, this_year.cell("carried_in", c)?);
            (before != now).then(|| Finding {
                rule: "series.carry_over",
                severity: Severity::Error,
                r#where: format!("table3.carried_in.{c}"),
                expected: before,
                actual: now,
                message: format!("{}：上年结转申请应为上一年度报告的结转下年度数{before}，实为{now}", column_label(c)),
            })
        })
        .collect()
}

/// `table4.block_sum`: `upheld + corrected + other + pending = total` in each block (a block
/// with an unknown cell is not checked).
pub fn check_table4<T: Cells + ?Sized>(t: &T) -> Vec<Finding> {
    t.row_keys()
        .into_iter()
        .filter_map(|block| {
            let get = |c: &str| t.cell(block, c);
            let sum = get("upheld")? + get("corrected")? + get("other")? + get("pending")?;
            let total = get("total")?;
            (sum != total).then(|| Finding {
                rule: "table4.block_sum",
                severity: Severity::Error,
                r#where: format!("table4.{block}.total"),
                expected: sum,
                actual: total,
                message: format!("{block}：结果维持、纠正、其他、尚未审结之和为{sum}，但总计为{total}"),
            })
        })
        .collect()
}

//! The consistency rules (勾稽关系) of `report-model.md`, as findings. A generated report must
//! have none; an imported one is audited with the same functions.

use super::table3::{COLUMNS, Table3, leaf_rows};
use crate::request::outcome::ReportFormat;

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

fn column_label(c: &str) -> &'static str {
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

/// `table3.balance`, `table3.results_sum` (each column) and `table3.row_sum` (each row).
pub fn check_table3(format: ReportFormat, t: &Table3) -> Vec<Finding> {
    let mut findings = Vec::new();
    for c in COLUMNS {
        let label = column_label(c);
        let (received, carried_in, total, over) = (t.get("received", c), t.get("carried_in", c), t.get("results_total", c), t.get("carried_over", c));
        if received + carried_in != total + over {
            findings.push(Finding {
                rule: "table3.balance",
                severity: Severity::Error,
                r#where: format!("table3.*.{c}"),
                expected: received + carried_in,
                actual: total + over,
                message: format!("{label}：新收{received}件加上年结转{carried_in}件应等于办理结果总计{total}件加结转下年度{over}件"),
            });
        }
        let sum: i64 = leaf_rows(format).iter().map(|r| t.get(r, c)).sum();
        if sum != total {
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
    for row in t.0.keys() {
        let sum: i64 = COLUMNS[..6].iter().map(|c| t.get(row, c)).sum();
        let total = t.get(row, "total");
        if sum != total {
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

/// `series.carry_over`: this year's `carried_in` equals last year's `carried_over`, per column.
pub fn check_carry_over(last_year: &Table3, this_year: &Table3) -> Vec<Finding> {
    COLUMNS
        .iter()
        .filter_map(|c| {
            let (before, now) = (last_year.get("carried_over", c), this_year.get("carried_in", c));
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

/// `table4.block_sum`: `upheld + corrected + other + pending = total` in each block.
pub fn check_table4(t: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, i64>>) -> Vec<Finding> {
    t.iter()
        .filter_map(|(block, cells)| {
            let get = |c: &str| cells.get(c).copied().unwrap_or(0);
            let sum = get("upheld") + get("corrected") + get("other") + get("pending");
            (sum != get("total")).then(|| Finding {
                rule: "table4.block_sum",
                severity: Severity::Error,
                r#where: format!("table4.{block}.total"),
                expected: sum,
                actual: get("total"),
                message: format!("{block}：结果维持、纠正、其他、尚未审结之和为{sum}，但总计为{}", get("total")),
            })
        })
        .collect()
}

//! What changed between two versions of one year's report (the published one and the one the
//! records give now): every table cell whose value differs, and every narrative section whose text
//! differs. Drives the amendment page and the correction note of a republished report.

use super::model::Report;
use super::rules::column_label;
use super::table2;
use super::table3::{COLUMNS, rows};
use crate::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};
use crate::request::outcome::Outcome;

/// One changed cell or section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// Model path, e.g. `table3.granted.natural_person`, `sections.problems`.
    pub key: String,
    /// Where it is in the report, in Chinese, e.g. "表三 予以公开 · 自然人".
    pub label: String,
    pub before: String,
    pub after: String,
}

fn row_label(row: &str) -> String {
    match row {
        "received" => "本年新收申请".into(),
        "carried_in" => "上年结转申请".into(),
        "results_total" => "办理结果总计".into(),
        "carried_over" => "结转下年度继续办理".into(),
        leaf => Outcome::parse(leaf)
            .map(|o| {
                if o.group_label() == o.label() {
                    o.label().to_owned()
                } else {
                    format!("{}·{}", o.group_label(), o.label())
                }
            })
            .unwrap_or_else(|_| leaf.to_owned()),
    }
}

fn block_label(block: &str) -> &'static str {
    match block {
        "reconsideration" => "行政复议",
        "litigation_direct" => "行政诉讼（未经复议直接起诉）",
        _ => "行政诉讼（复议后起诉）",
    }
}

fn result_label(column: &str) -> &'static str {
    match column {
        "upheld" => "结果维持",
        "corrected" => "结果纠正",
        "other" => "其他结果",
        "pending" => "尚未审结",
        _ => "总计",
    }
}

/// Every difference from `before` to `after` (same agency and year), in table order. Reports in
/// different formats differ in every cell that exists in either.
pub fn diff(before: &Report, after: &Report) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |key: String, label: String, b: String, a: String| {
        if b != a {
            changes.push(Change { key, label, before: b, after: a });
        }
    };
    for (key, name, b, a) in [
        ("overview", "一、总体情况", &before.sections.overview, &after.sections.overview),
        ("problems", "五、存在的主要问题及改进情况", &before.sections.problems, &after.sections.problems),
        ("other", "六、其他需要报告的事项", &before.sections.other, &after.sections.other),
    ] {
        push(format!("sections.{key}"), name.into(), b.clone(), a.clone());
    }
    for c in table2::cells(after.format) {
        push(
            format!("table2.{}", c.key),
            format!("表二 {}", c.label),
            before.table2.display(c.key),
            after.table2.display(c.key),
        );
    }
    for row in rows(after.format) {
        for column in COLUMNS {
            push(
                format!("table3.{row}.{column}"),
                format!("表三 {} · {}", row_label(row), column_label(column)),
                before.table3.get(row, column).to_string(),
                after.table3.get(row, column).to_string(),
            );
        }
    }
    for block in TABLE4_BLOCKS {
        for column in TABLE4_COLUMNS {
            let get = |r: &Report| r.table4.get(block).and_then(|b| b.get(column)).copied().unwrap_or(0).to_string();
            push(
                format!("table4.{block}.{column}"),
                format!("表四 {} · {}", block_label(block), result_label(column)),
                get(before),
                get(after),
            );
        }
    }
    changes
}

/// The correction note printed on a republished report: when, why, and what changed.
pub fn correction_note(date_zh: &str, reason: &str, changes: &[Change]) -> String {
    let what: Vec<String> = changes
        .iter()
        .map(|c| {
            if c.key.starts_with("sections.") {
                format!("{}的文字", c.label)
            } else {
                format!("{}由{}更正为{}", c.label, c.before, c.after)
            }
        })
        .collect();
    let what = if what.is_empty() { "无数据变化".to_owned() } else { what.join("；") };
    format!("更正说明：本报告于{date_zh}更正。更正原因：{}。更正内容：{what}。", reason.trim().trim_end_matches('。'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sections::Sections;
    use crate::report::table2::Table2;
    use crate::report::table3::Table3;
    use crate::request::outcome::ReportFormat;

    fn report() -> Report {
        Report {
            format: ReportFormat::F2021,
            year: 2024,
            agency: "浩口乡人民政府".into(),
            sections: Sections { overview: "总体".into(), problems: "问题".into(), other: "其他".into() },
            table2: Table2::default(),
            table3: Table3::default(),
            table4: crate::report::model::compile_table4(2024, &[]),
        }
    }

    #[test]
    fn a_changed_cell_and_a_changed_section_are_named_with_before_and_after() {
        let before = report();
        let mut after = report();
        after.table3.0.entry("granted".into()).or_default().insert("natural_person".into(), 2);
        after.sections.problems = "新的问题".into();
        let changes = diff(&before, &after);
        assert_eq!(
            changes.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["sections.problems", "table3.granted.natural_person"]
        );
        assert_eq!(
            (changes[1].label.as_str(), changes[1].before.as_str(), changes[1].after.as_str()),
            ("表三 予以公开 · 自然人", "0", "2")
        );
        assert_eq!(diff(&before, &before), vec![]);
        assert_eq!(
            correction_note("2025年3月2日", "漏统计一件申请。", &changes),
            "更正说明：本报告于2025年3月2日更正。更正原因：漏统计一件申请。更正内容：五、存在的主要问题及改进情况的文字；表三 予以公开 · 自然人由0更正为2。"
        );
    }
}

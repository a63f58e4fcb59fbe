//! The monthly notice (一月一通报) as data: a title, a summary of the subtree's month, every
//! subordinate unit ranked with its figures and deductions, and the rules applied. The export
//! crate lays it out as DOCX and PDF; nothing here knows about files.

use time::Date;

use super::figures::{Figures, Totals};
use super::period::Month;
use super::ranking::{self, Ranked};
use super::rules::Rules;
use crate::request::letter::chinese_date;

/// The ranking table's header.
pub const COLUMNS: [&str; 11] = [
    "排名",
    "单位",
    "得分",
    "逾期未办结申请",
    "逾期办结申请",
    "逾期公开信息",
    "未按时更新栏目",
    "空白栏目",
    "超期未回应留言",
    "上年度年报",
    "扣分明细",
];

/// One ranked unit, every cell as printed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub rank: usize,
    pub score: u32,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    pub title: String,
    pub issuer: String,
    pub month: String,
    /// The day the month is judged on, written `2026年10月31日`.
    pub as_of: String,
    pub summary: Vec<String>,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Row>,
    pub rules: Vec<String>,
}

fn row(r: &Ranked<(&str, &Figures)>) -> Row {
    let (name, f) = r.who;
    let deductions = if r.deductions.is_empty() {
        "无".to_owned()
    } else {
        r.deductions.iter().map(|d| format!("{}{}项扣{}分", d.label, d.count, d.points)).collect::<Vec<_>>().join("；")
    };
    let cells = vec![
        r.rank.to_string(),
        name.to_owned(),
        r.score.to_string(),
        f.requests_overdue.to_string(),
        f.requests_closed_late.to_string(),
        f.items_late.to_string(),
        f.stale_columns.len().to_string(),
        f.empty_columns.len().to_string(),
        f.enquiries_overdue.to_string(),
        f.report.label().to_owned() + if f.report_findings.is_empty() { "" } else { "（有勾稽问题）" },
        deductions,
    ];
    Row { rank: r.rank, score: r.score, cells }
}

impl Notice {
    /// The notice of `issuer` for `month` judged on `as_of`: `units` are the agencies ranked
    /// (the subordinate units, by name), `totals` the whole subtree's figures.
    pub fn build(
        issuer: &str,
        month: Month,
        as_of: Date,
        units: &[(&str, &Figures)],
        totals: &Totals,
        rules: &Rules,
    ) -> Notice {
        let ranked = ranking::rank(units.iter().map(|(name, f)| (*name, *f, (*name, *f))), &rules.weights);
        let full = ranked.iter().filter(|r| r.score == 100).count();
        let dated = chinese_date(as_of);
        let rate =
            totals.on_time_rate().map_or("本月无办结的申请".to_owned(), |r| format!("按时办结率{r:.1}%"));
        let summary = vec![
            format!(
                "{}月，{}及所属{}个单位共新公开政府信息{}条，其中超过{}个工作日公开{}条；办结政府信息公开申请{}件，其中逾期办结{}件，{}；截至{}，尚有{}件申请未办结，其中逾期{}件、即将到期{}件。",
                month.label(),
                issuer,
                totals.agencies.saturating_sub(1),
                totals.items_published,
                rules.publish_workdays,
                totals.items_late,
                totals.requests_closed,
                totals.requests_closed_late,
                rate,
                dated,
                totals.requests_open,
                totals.requests_overdue,
                totals.requests_due_soon
            ),
            format!(
                "栏目维护方面，未按时更新栏目{}个、空白栏目{}个；互动回应方面，超期未回应的咨询留言{}条；上年度政府信息公开工作年度报告已公布{}家（其中逾期公布{}家），逾期未公布{}家，存在勾稽问题{}家。",
                totals.stale_columns,
                totals.empty_columns,
                totals.enquiries_overdue,
                totals.reports_published,
                totals.reports_late,
                totals.reports_missing,
                totals.reports_with_findings
            ),
            format!("参加排名的{}个单位中，{}个单位得满分。请存在问题的单位对照下表逐项整改。", ranked.len(), full),
        ];
        Notice {
            title: format!("{issuer}{}政府信息公开工作通报", month.label()),
            issuer: issuer.to_owned(),
            month: month.to_string(),
            as_of: dated,
            summary,
            columns: COLUMNS.to_vec(),
            rows: ranked.iter().map(row).collect(),
            rules: rules.describe(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::Level;
    use crate::supervision::figures::{AgencyFacts, columns_of};
    use time::macros::date;

    #[test]
    fn units_are_ranked_with_their_deductions_and_the_rules_are_quoted() {
        let as_of = date!(2026 - 10 - 31);
        let filled =
            || columns_of(Level::Township).into_iter().map(|k| (k.to_string(), Some(date!(2026 - 10 - 01)))).collect();
        let clean = Figures::judge(
            &AgencyFacts {
                column_latest: filled(),
                report_published_on: Some(date!(2026 - 01 - 20)),
                ..Default::default()
            },
            Level::Township,
            &Rules::default(),
            as_of,
        );
        let late = Figures::judge(
            &AgencyFacts {
                column_latest: filled(),
                requests_closed: 2,
                requests_closed_late: 1,
                items_published: 3,
                items_late: 2,
                ..Default::default()
            },
            Level::Township,
            &Rules::default(),
            as_of,
        );
        let totals = Totals::of([&clean, &late]);
        let notice = Notice::build(
            "浩县人民政府",
            Month::parse("2026-10").unwrap(),
            as_of,
            &[("石门镇人民政府", &late), ("浩口乡人民政府", &clean)],
            &totals,
            &Rules::default(),
        );
        assert_eq!(notice.title, "浩县人民政府2026年10月政府信息公开工作通报");
        assert_eq!(notice.rows[0].cells[..3], ["1", "浩口乡人民政府", "100"]);
        // 100 − 2 (closed late) − 2 (two late items) − 20 (report missing since 31 January).
        assert_eq!(notice.rows[1].cells[..3], ["2", "石门镇人民政府", "76"]);
        assert_eq!(notice.rows[1].cells[9], "逾期未公布");
        assert_eq!(notice.rows[1].cells[10], "逾期办结申请1项扣2分；逾期公开信息2项扣2分；年报逾期未公布1项扣20分");
        assert!(notice.summary[0].contains("共新公开政府信息3条，其中超过20个工作日公开2条；办结政府信息公开申请2件，其中逾期办结1件，按时办结率50.0%"), "{}", notice.summary[0]);
        assert!(notice.summary[0].contains("截至2026年10月31日，尚有"), "{}", notice.summary[0]);
        assert_eq!(notice.as_of, "2026年10月31日");
        assert!(notice.rules.iter().any(|r| r.contains("第二十六条")));
        assert_eq!(notice.columns.len(), notice.rows[0].cells.len());
    }
}

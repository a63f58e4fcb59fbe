//! The pre-2019 statistics table (政府信息公开情况统计表, `"pre2019"` reports up to 2018): its
//! keys with the row wording and unit of the 2016–2018 national form (spec
//! regulation-and-formats.md §3, report-model.md "Pre-2019 statistics table"), and the `stats.*`
//! consistency rules.
//!
//! Rows vary by year and province: a key the table does not have is simply absent, and a rule
//! is checked only where all its cells are present and readable (`null` cells are reported by
//! `stats.missing`, see [`super::missing`]). Rows the national form does not have are kept
//! under `extra.*` keys by the importer; no rule reads them.

use std::collections::BTreeMap;

use super::rules::{Finding, Severity};

/// The statistics of one report: key → value, `None` for a blank or unreadable cell. Counts are
/// integers; the two 万元 amounts (`fees_10k_yuan`, `org.budget_10k_yuan`) may be decimals.
pub type Stats = BTreeMap<String, Option<serde_json::Number>>;

/// One row of the national form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsRow {
    pub key: &'static str,
    /// The wording of the row without its number, e.g. "当面申请数".
    pub label: &'static str,
    /// 条, 件, 次, 篇, 个, 人, 人次 or 万元.
    pub unit: &'static str,
}

const fn row(key: &'static str, label: &'static str, unit: &'static str) -> StatsRow {
    StatsRow { key, label, unit }
}

/// The rows of the 2016 national form, in table order.
pub const ROWS: [StatsRow; 60] = [
    row("proactive.total", "主动公开政府信息数", "条"),
    row("proactive.normative_documents", "其中：主动公开规范性文件数", "条"),
    row("proactive.normative_documents_made", "制发规范性文件总数", "件"),
    row("channels.gazette", "政府公报公开政府信息数", "条"),
    row("channels.website", "政府网站公开政府信息数", "条"),
    row("channels.weibo", "政务微博公开政府信息数", "条"),
    row("channels.wechat", "政务微信公开政府信息数", "条"),
    row("channels.other", "其他方式公开政府信息数", "条"),
    row("proposals.npc", "人大代表建议", "件"),
    row("proposals.cppcc", "政协提案", "件"),
    row("response.hot_topics", "回应公众关注热点或重大舆情数", "次"),
    row("response.press_conferences", "参加或举办新闻发布会总次数", "次"),
    row("response.press_conferences_leaders", "其中：主要负责同志参加新闻发布会次数", "次"),
    row("response.online_interviews", "政府网站在线访谈次数", "次"),
    row("response.online_interviews_leaders", "其中：主要负责同志参加政府网站在线访谈次数", "次"),
    row("response.interpretations", "政策解读稿件发布数", "篇"),
    row("response.weibo_wechat", "微博微信回应事件数", "次"),
    row("response.other", "其他方式回应事件数", "次"),
    row("requests.received", "收到申请数", "件"),
    row("requests.in_person", "当面申请数", "件"),
    row("requests.fax", "传真申请数", "件"),
    row("requests.online", "网络申请数", "件"),
    row("requests.letter", "信函申请数", "件"),
    row("requests.closed", "申请办结数", "件"),
    row("requests.closed_on_time", "按时办结数", "件"),
    row("requests.closed_extended", "延期办结数", "件"),
    row("requests.answered", "申请答复数", "件"),
    row("answers.already_public", "属于已主动公开范围数", "件"),
    row("answers.granted", "同意公开答复数", "件"),
    row("answers.partially_granted", "同意部分公开答复数", "件"),
    row("answers.refused", "不同意公开答复数", "件"),
    row("answers.refused.state_secret", "其中：涉及国家秘密", "件"),
    row("answers.refused.commercial_secret", "涉及商业秘密", "件"),
    row("answers.refused.privacy", "涉及个人隐私", "件"),
    row("answers.refused.security_stability", "危及国家安全、公共安全、经济安全和社会稳定", "件"),
    row("answers.refused.not_government_information", "不是《条例》所指政府信息", "件"),
    row("answers.refused.other_law", "法律法规规定的其他情形", "件"),
    row("answers.not_this_agency", "不属于本行政机关公开数", "件"),
    row("answers.not_exist", "申请信息不存在数", "件"),
    row("answers.amend_requested", "告知作出更改补充数", "件"),
    row("answers.other_channel", "告知通过其他途径办理数", "件"),
    row("reconsideration.total", "行政复议数量", "件"),
    row("reconsideration.upheld", "维持具体行政行为数", "件"),
    row("reconsideration.corrected", "被依法纠错数", "件"),
    row("reconsideration.other", "其他情形数", "件"),
    row("litigation.total", "行政诉讼数量", "件"),
    row("litigation.upheld", "维持具体行政行为或者驳回原告诉讼请求数", "件"),
    row("litigation.corrected", "被依法纠错数", "件"),
    row("litigation.other", "其他情形数", "件"),
    row("complaints", "举报投诉数量", "件"),
    row("fees_10k_yuan", "依申请公开信息收取的费用", "万元"),
    row("org.dedicated_units", "政府信息公开工作专门机构数", "个"),
    row("org.reading_points", "设置政府信息公开查阅点数", "个"),
    row("org.staff", "从事政府信息公开工作人员数", "人"),
    row("org.staff_full_time", "专职人员数", "人"),
    row("org.staff_part_time", "兼职人员数", "人"),
    row("org.budget_10k_yuan", "政府信息公开专项经费", "万元"),
    row("training.meetings", "召开政府信息公开工作会议或专题会议数", "次"),
    row("training.courses", "举办各类培训班数", "次"),
    row("training.trainees", "接受培训人员数", "人次"),
];

/// The national-form row of `key`, if it is one (`extra.*` keys are not).
pub fn row_of(key: &str) -> Option<StatsRow> {
    ROWS.iter().copied().find(|r| r.key == key)
}

/// What a rule sees of one key.
enum Cell {
    Absent,
    Unknown,
    Value(i64),
}

fn cell(stats: &Stats, key: &str) -> Cell {
    match stats.get(key) {
        None => Cell::Absent,
        Some(None) => Cell::Unknown,
        Some(Some(n)) => n.as_i64().map_or(Cell::Unknown, Cell::Value),
    }
}

/// The values of `keys` if every one is present and readable.
fn all(stats: &Stats, keys: &[&str]) -> Option<Vec<i64>> {
    keys.iter()
        .map(|k| match cell(stats, k) {
            Cell::Value(v) => Some(v),
            _ => None,
        })
        .collect()
}

fn label(key: &str) -> &'static str {
    row_of(key).map_or("", |r| r.label.trim_start_matches("其中："))
}

/// `total = sum of parts` where all are present and readable.
fn sum_rule(stats: &Stats, rule: &'static str, total: &str, parts: &[&str], findings: &mut Vec<Finding>) {
    let (Some(t), Some(p)) = (all(stats, &[total]), all(stats, parts)) else { return };
    let (t, sum) = (t[0], p.iter().sum::<i64>());
    if t != sum {
        let names: Vec<&str> = parts.iter().map(|k| label(k)).collect();
        findings.push(Finding {
            rule,
            severity: Severity::Error,
            r#where: format!("stats.{total}"),
            expected: sum,
            actual: t,
            message: format!("{}为{t}，但{}之和为{sum}", label(total), names.join("、")),
        });
    }
}

/// Every `stats.*` rule of report-model.md.
pub fn check(stats: &Stats) -> Vec<Finding> {
    let mut findings = Vec::new();
    // stats.channels: the same item on several channels counts once, so the total is at most
    // the sum of the channels present.
    let channels: Vec<&str> =
        ["channels.gazette", "channels.website", "channels.weibo", "channels.wechat", "channels.other"]
            .into_iter()
            .filter(|k| stats.contains_key(*k))
            .collect();
    if let (false, Some(total), Some(parts)) =
        (channels.is_empty(), all(stats, &["proactive.total"]), all(stats, &channels))
    {
        let sum: i64 = parts.iter().sum();
        if total[0] > sum {
            findings.push(Finding {
                rule: "stats.channels",
                severity: Severity::Error,
                r#where: "stats.proactive.total".into(),
                expected: sum,
                actual: total[0],
                message: format!("主动公开政府信息数为{}，超过各渠道公开数之和{sum}", total[0]),
            });
        }
    }
    sum_rule(
        stats,
        "stats.requests_by_channel",
        "requests.received",
        &["requests.in_person", "requests.fax", "requests.online", "requests.letter"],
        &mut findings,
    );
    sum_rule(
        stats,
        "stats.closed",
        "requests.closed",
        &["requests.closed_on_time", "requests.closed_extended"],
        &mut findings,
    );
    sum_rule(
        stats,
        "stats.answers",
        "requests.answered",
        &[
            "answers.already_public",
            "answers.granted",
            "answers.partially_granted",
            "answers.refused",
            "answers.not_this_agency",
            "answers.not_exist",
            "answers.amend_requested",
            "answers.other_channel",
        ],
        &mut findings,
    );
    sum_rule(
        stats,
        "stats.answers",
        "answers.refused",
        &[
            "answers.refused.state_secret",
            "answers.refused.commercial_secret",
            "answers.refused.privacy",
            "answers.refused.security_stability",
            "answers.refused.not_government_information",
            "answers.refused.other_law",
        ],
        &mut findings,
    );
    for block in ["reconsideration", "litigation"] {
        let parts = [format!("{block}.upheld"), format!("{block}.corrected"), format!("{block}.other")];
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        sum_rule(stats, "stats.review", &format!("{block}.total"), &parts, &mut findings);
    }
    sum_rule(stats, "stats.staff", "org.staff", &["org.staff_full_time", "org.staff_part_time"], &mut findings);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(cells: &[(&str, Option<i64>)]) -> Stats {
        cells.iter().map(|(k, v)| (k.to_string(), v.map(serde_json::Number::from))).collect()
    }

    #[test]
    fn a_consistent_table_has_no_finding_and_absent_rows_are_not_checked() {
        let s = stats(&[
            ("proactive.total", Some(645)),
            ("channels.website", Some(927)),
            ("channels.weibo", Some(12)),
            ("requests.received", Some(1)),
            ("requests.online", Some(1)),
            ("org.staff", Some(2)),
            ("org.staff_full_time", Some(0)),
            ("org.staff_part_time", Some(2)),
        ]);
        // requests.in_person, fax and letter are absent: stats.requests_by_channel is not checked.
        assert_eq!(check(&s), vec![]);
    }

    #[test]
    fn each_rule_names_the_total_cell_and_both_figures() {
        let s = stats(&[
            ("proactive.total", Some(30)),
            ("channels.website", Some(20)),
            ("requests.closed", Some(5)),
            ("requests.closed_on_time", Some(3)),
            ("requests.closed_extended", Some(1)),
            ("litigation.total", Some(2)),
            ("litigation.upheld", Some(0)),
            ("litigation.corrected", Some(0)),
            ("litigation.other", Some(1)),
        ]);
        let found: Vec<(&str, String, i64, i64)> =
            check(&s).into_iter().map(|f| (f.rule, f.r#where, f.expected, f.actual)).collect();
        assert_eq!(
            found,
            [
                ("stats.channels", "stats.proactive.total".to_string(), 20, 30),
                ("stats.closed", "stats.requests.closed".to_string(), 4, 5),
                ("stats.review", "stats.litigation.total".to_string(), 1, 2),
            ]
        );
        assert_eq!(check(&s)[1].message, "申请办结数为5，但按时办结数、延期办结数之和为4");
    }

    #[test]
    fn a_blank_cell_skips_the_rule_it_belongs_to() {
        let s = stats(&[("org.staff", Some(3)), ("org.staff_full_time", None), ("org.staff_part_time", Some(1))]);
        assert_eq!(check(&s), vec![]);
    }
}

//! Figures the narrative states about the tables (`共收到政府信息公开申请5件`, `通过门户网站公开
//! 783条`), and `text.table_mismatch`: a stated figure that contradicts the table (a warning:
//! prose is looser than a table, but a supervisor wants to see it).
//!
//! Only plain phrasings are recognised: the anchors of a pattern within a few characters of each
//! other, then the figure and its unit; a negated `未收到…申请` states 0. Figures in the tables
//! themselves are not narrative.

use gongkai_core::report::rules::Severity;

use crate::output::AuditFinding;

/// One figure stated in the narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The cell it is about, e.g. `table3.received.total` or `stats.channels.website`.
    pub key: &'static str,
    pub value: i64,
    /// The words as matched (matching form).
    pub text: String,
}

struct Pattern {
    anchors: &'static [&'static str],
    unit: &'static str,
    key: &'static str,
    /// The figure is stated as none (`未收到…申请`).
    none: bool,
}

const fn p(anchors: &'static [&'static str], unit: &'static str, key: &'static str) -> Pattern {
    Pattern { anchors, unit, key, none: false }
}

/// Patterns for reports with tables 二–四.
const TABLES: [Pattern; 8] = [
    p(&["新收", "申请"], "件", "table3.received.total"),
    p(&["收到", "申请"], "件", "table3.received.total"),
    Pattern { anchors: &["未收到", "申请"], unit: "", key: "table3.received.total", none: true },
    p(&["上年结转"], "件", "table3.carried_in.total"),
    p(&["办结"], "件", "table3.results_total.total"),
    p(&["结转下年度"], "件", "table3.carried_over.total"),
    p(&["行政复议"], "件", "table4.reconsideration.total"),
    Pattern { anchors: &["未", "行政复议"], unit: "", key: "table4.reconsideration.total", none: true },
];

/// Patterns for pre-2019 reports.
const STATS: [Pattern; 10] = [
    p(&["主动公开政府信息"], "条", "stats.proactive.total"),
    p(&["网站公开"], "条", "stats.channels.website"),
    p(&["微博", "公开"], "条", "stats.channels.weibo"),
    p(&["微信", "公开"], "条", "stats.channels.wechat"),
    p(&["新闻发布会"], "次", "stats.response.press_conferences"),
    p(&["收到", "申请"], "件", "stats.requests.received"),
    Pattern { anchors: &["未收到", "申请"], unit: "", key: "stats.requests.received", none: true },
    p(&["工作会议"], "次", "stats.training.meetings"),
    p(&["开展培训"], "次", "stats.training.courses"),
    p(&["培训人员"], "人", "stats.training.trainees"),
];

const GAP: usize = 14;
const FILLER: usize = 6;

/// The figures stated in `lines` (matching form), for a report with tables (`tables`) or a
/// pre-2019 one.
pub fn figures<'a>(lines: impl Iterator<Item = &'a str>, tables: bool) -> Vec<Figure> {
    let patterns: &[Pattern] = if tables { &TABLES } else { &STATS };
    let mut out: Vec<Figure> = Vec::new();
    for line in lines {
        for sentence in line.split(['。', ';', '；', '!', '?']) {
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for pat in patterns {
                for (at, value, end) in find(sentence, pat) {
                    // A longer pattern already took these words (`未收到` over `收到`).
                    if taken.iter().any(|&(s, e)| at < e && end > s) {
                        continue;
                    }
                    taken.push((at, end));
                    let fig = Figure { key: pat.key, value, text: sentence[at..end].to_owned() };
                    if !out.iter().any(|f| f.key == fig.key && f.value == fig.value) {
                        out.push(fig);
                    }
                }
            }
        }
    }
    out
}

/// Matches of a pattern in a sentence: (start, figure, end).
fn find(sentence: &str, pat: &Pattern) -> Vec<(usize, i64, usize)> {
    let mut out = Vec::new();
    for (start, _) in sentence.match_indices(pat.anchors[0]) {
        if !pat.none && pat.anchors[0] != "未收到" && sentence[..start].ends_with('未') {
            continue;
        }
        let mut at = start + pat.anchors[0].len();
        let mut ok = true;
        for anchor in &pat.anchors[1..] {
            let window = crate::read::floor_boundary(sentence, (at + GAP * 3).min(sentence.len()));
            match sentence[at..window].find(anchor) {
                Some(i) if !sentence[at..at + i].contains([',', '，', '、']) => at += i + anchor.len(),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        if pat.none {
            out.push((start, 0, at));
            continue;
        }
        // A few characters of filler (共, 数, 了, 为), then the figure and its unit.
        let rest = &sentence[at..];
        let Some(d) = rest.char_indices().take(FILLER + 1).find(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i) else {
            continue;
        };
        if rest[..d].contains([',', '，', '、', '(', ')']) {
            continue;
        }
        let digits: String = rest[d..].chars().take_while(char::is_ascii_digit).collect();
        let tail = &rest[d + digits.len()..];
        let after = tail.trim_start();
        if !after.starts_with(pat.unit)
            || (pat.unit == "人" && after.starts_with("人次"))
            || (pat.unit == "次" && rest[..d].ends_with('人'))
        {
            continue;
        }
        if let Some(v) = crate::output::count(&digits) {
            let spaces = tail.len() - after.len();
            out.push((start, v, at + d + digits.len() + spaces + pat.unit.len()));
        }
    }
    out
}

/// `text.table_mismatch` for each figure whose cell is known and differs.
pub fn mismatches(figures: &[Figure], cell: impl Fn(&str) -> Option<i64>) -> Vec<AuditFinding> {
    figures
        .iter()
        .filter_map(|f| {
            let table = cell(f.key)?;
            (table != f.value).then(|| AuditFinding {
                rule: "text.table_mismatch",
                severity: Severity::Warning,
                r#where: f.key.to_owned(),
                expected: Some(table),
                actual: Some(f.value),
                message: format!("正文“{}”为{}，但表中为{table}", f.text, f.value),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, tables: bool) -> Vec<(&'static str, i64)> {
        figures(std::iter::once(text), tables).into_iter().map(|f| (f.key, f.value)).collect()
    }

    #[test]
    fn request_figures_are_found_and_a_negation_states_none() {
        assert_eq!(
            keys("本年度共收到政府信息公开申请5件,上年结转1件,本年度办结4件,结转下年度继续办理2件。", true),
            [
                ("table3.received.total", 5),
                ("table3.carried_in.total", 1),
                ("table3.results_total.total", 4),
                ("table3.carried_over.total", 2)
            ]
        );
        assert_eq!(keys("2024年,我乡未收到政府信息公开申请。", true), [("table3.received.total", 0)]);
        assert_eq!(
            keys("共收到政府信息公开申请 41 件", true),
            [("table3.received.total", 41)],
            "spaces around the figure"
        );
    }

    #[test]
    fn channel_figures_of_a_pre_2019_report() {
        let text = "2016全年主动公开政府信息645条,通过门户网站公开783条,在微信公众平台公开37条,微博公开12条。";
        assert_eq!(
            keys(text, false),
            [
                ("stats.proactive.total", 645),
                ("stats.channels.website", 783),
                ("stats.channels.weibo", 12),
                ("stats.channels.wechat", 37)
            ]
        );
        assert_eq!(keys("参加了由市委组织的信息工作业务培训6人次", false), []);
    }

    #[test]
    fn a_contradicted_figure_is_a_warning_naming_the_cell() {
        let f = figures(std::iter::once("通过门户网站公开783条"), false);
        let found = mismatches(&f, |k| (k == "stats.channels.website").then_some(927));
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].r#where.as_str(), found[0].expected, found[0].actual),
            ("stats.channels.website", Some(927), Some(783))
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }
}

//! The pre-2019 statistics table (政府信息公开情况统计表): rows `统计指标 | 单位 | 统计数`, found
//! by the words of their labels wherever they are (the rows vary by year and province), mapped
//! to the `stats` keys of report-model.md. A label is a row only where a unit, a separator or a
//! figure follows it, never in prose (`收到申请数为5件`).
//!
//! The three outcomes under 四、行政复议数量 and 五、行政诉讼数量 share their wording; they belong
//! to the block whose total came last. Rows of older local forms that match no key are kept
//! under `extra.*` with their label; header rows (`一、主动公开情况`) are not rows.

use std::collections::BTreeMap;

use gongkai_core::report::stats::Stats;

use super::cells::{Item, Mode, looks_tabular, read_items};
use super::rows::prefix_start;
use crate::output::number;

/// Label words → key. Where two hits overlap, the one that starts first wins (`不同意公开` over
/// `同意公开答复`), then the longer.
const KEYS: [(&str, &str); 66] = [
    ("主动公开政府信息数", "proactive.total"),
    ("主动公开规范性文件数", "proactive.normative_documents"),
    ("制发规范", "proactive.normative_documents_made"),
    ("政府公报公开", "channels.gazette"),
    ("政府网站公开", "channels.website"),
    ("政务微博公开", "channels.weibo"),
    ("政务微信公开", "channels.wechat"),
    ("其他方式公开", "channels.other"),
    ("人大代表建议", "proposals.npc"),
    ("政协提案", "proposals.cppcc"),
    ("回应公众关注", "response.hot_topics"),
    ("新闻发布会总次数", "response.press_conferences"),
    ("举办新闻发布会", "response.press_conferences"),
    ("参加新闻发布会次数", "response.press_conferences_leaders"),
    ("在线访谈次数", "response.online_interviews"),
    ("参加政府网站在线访谈", "response.online_interviews_leaders"),
    ("政策解读稿件", "response.interpretations"),
    ("微博微信回应", "response.weibo_wechat"),
    ("其他方式回应", "response.other"),
    ("收到申请数", "requests.received"),
    ("当面申请", "requests.in_person"),
    ("传真申请", "requests.fax"),
    ("网络申请", "requests.online"),
    ("信函申请", "requests.letter"),
    ("申请办结数", "requests.closed"),
    ("按时办结", "requests.closed_on_time"),
    ("延期办结", "requests.closed_extended"),
    ("申请答复数", "requests.answered"),
    ("已主动公开范围", "answers.already_public"),
    ("同意公开答复", "answers.granted"),
    ("同意部分公开", "answers.partially_granted"),
    ("不同意公开", "answers.refused"),
    ("国家秘密", "answers.refused.state_secret"),
    ("商业秘密", "answers.refused.commercial_secret"),
    ("个人隐私", "answers.refused.privacy"),
    ("危及国家安全", "answers.refused.security_stability"),
    ("所指政府信息", "answers.refused.not_government_information"),
    ("法律法规规定的其他情形", "answers.refused.other_law"),
    ("不属于本行政机关", "answers.not_this_agency"),
    ("申请信息不存在", "answers.not_exist"),
    ("更改补充", "answers.amend_requested"),
    ("通过其他途径", "answers.other_channel"),
    ("行政复议数量", "reconsideration.total"),
    ("行政诉讼数量", "litigation.total"),
    ("维持具体行政行为", "*.upheld"),
    ("被依法纠错", "*.corrected"),
    ("其他情形数", "*.other"),
    ("举报投诉数量", "complaints"),
    ("收取的费用", "fees_10k_yuan"),
    ("专门机构数", "org.dedicated_units"),
    ("查阅点", "org.reading_points"),
    ("从事政府信息公开工作人员数", "org.staff"),
    ("专职人员", "org.staff_full_time"),
    ("兼职人", "org.staff_part_time"),
    ("专项经费", "org.budget_10k_yuan"),
    ("专题会议数", "training.meetings"),
    ("公开工作会议", "training.meetings"),
    ("培训班", "training.courses"),
    ("接受培训人员", "training.trainees"),
    ("培训人员数", "training.trainees"),
    // Rows of the 2008–2013 local forms.
    ("电子邮件申请", "extra.requests.email"),
    ("免予公开", "extra.answers.exempt"),
    // Header rows: found so that they end the row before them, never values.
    ("主动公开情况", ""),
    ("回应解读情况", ""),
    ("依申请公开情况", ""),
    ("保障经费情况", ""),
];

/// Further header rows (ending the row before them).
const HEADINGS: [&str; 5] =
    ["通过不同渠道和方式", "建议提案办理结果公开情况", "会议和培训情况", "统计指标", "填报单位"];

/// The statistics table as read.
#[derive(Debug, Clone, Default)]
pub struct StatsRead {
    pub stats: Stats,
    /// Source label (matching form) of each `extra.*` key.
    pub labels: BTreeMap<String, String>,
    pub span: (usize, usize),
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    label_start: usize,
    end: usize,
    key: &'static str,
}

/// Reads the statistics table of `text`.
pub fn read(text: &str) -> Option<StatsRead> {
    let start = ["情况统计表", "统计指标"].iter().filter_map(|w| text.find(w)).min().unwrap_or(0);
    let end = ["单位负责人", "填报人"]
        .iter()
        .filter_map(|w| text[start..].find(w).map(|i| start + i))
        .min()
        .unwrap_or(text.len());
    let region = &text[start..end];
    // The footer (负责人, 填报人, 联系电话, 填报日期) belongs to the table, not to the text after it.
    let mut footer_end = end;
    for line in text[end..].split_inclusive('\n').take(3) {
        if ["负责人", "填报人", "联系电话", "填报日期"].iter().any(|w| line.contains(w)) {
            footer_end += line.len();
        } else {
            break;
        }
    }
    let mut hits: Vec<Hit> = KEYS
        .iter()
        .flat_map(|&(core, key)| {
            region.match_indices(core).map(move |(i, _)| Hit {
                start: start + i,
                label_start: start + i,
                end: start + i + core.len(),
                key,
            })
        })
        .chain(HEADINGS.iter().flat_map(|h| {
            region.match_indices(h).map(move |(i, _)| Hit {
                start: start + i,
                label_start: start + i,
                end: start + i + h.len(),
                key: "",
            })
        }))
        .collect();
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match kept.last_mut() {
            Some(k) if h.start < k.end => {}
            // Two words of one label (`公开工作会议或专题会议数`): one row.
            Some(k)
                if k.key == h.key
                    && !text[k.end..h.start].contains(['|', '\n'])
                    && !text[k.end..h.start].contains(|c: char| c.is_ascii_digit()) =>
            {
                k.end = h.end;
            }
            _ => kept.push(h),
        }
    }
    // A row's label starts at its number (`1.`, `(二)`, `四、`, `其中:`) and may begin before the
    // words found (`涉及国家秘密`).
    let floor = |i: usize, kept: &[Hit]| if i == 0 { start } else { kept[i - 1].end };
    for i in 0..kept.len() {
        let f = floor(i, &kept);
        let ps = prefix_start(text, kept[i].start, f);
        // Words before the prefix on the same line or cell belong to the label too, if they
        // hold no figure.
        let line_start = text[f..ps].rfind(['\n', '|']).map_or(f, |p| f + p + 1);
        let words = &text[line_start..ps];
        kept[i].label_start = if words.contains(|c: char| c.is_ascii_digit()) { ps } else { line_start.max(f) };
    }
    let mut out = StatsRead { span: (start, footer_end), ..Default::default() };
    let mut block = "reconsideration";
    let mut found_any = false;
    for i in 0..kept.len() {
        let hit = kept[i];
        if hit.key == "reconsideration.total" || hit.key == "litigation.total" {
            block = if hit.key.starts_with("litigation") { "litigation" } else { "reconsideration" };
        }
        if hit.key.is_empty() {
            continue;
        }
        let next = kept.get(i + 1).map_or(end, |n| n.label_start.max(hit.end));
        let segment = &text[hit.end..next];
        if !looks_tabular(segment, Mode::Stats) {
            continue;
        }
        let key = match hit.key.strip_prefix("*.") {
            Some(outcome) => format!("{block}.{outcome}"),
            None => hit.key.to_owned(),
        };
        if out.stats.contains_key(&key) {
            continue;
        }
        let value = match read_items(segment, Mode::Stats, 1).first() {
            Some(Item::Num(n)) => number(n),
            _ => None,
        };
        if key.starts_with("extra.") {
            out.labels.insert(key.clone(), row_label(text, hit.label_start, hit.start));
        }
        found_any = true;
        out.stats.insert(key, value);
    }
    read_unknown_rows(text, start, end, &kept, &mut out);
    (found_any && out.stats.len() >= 3).then_some(out)
}

/// The label of a row: from its number to the next cell, without a unit or figure run into it.
fn row_label(text: &str, label_start: usize, core_start: usize) -> String {
    let rest = text[core_start..].split(['|', '\n']).next().unwrap_or("");
    let mut label = format!("{}{}", &text[label_start..core_start], rest.trim());
    while label.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        label.pop();
    }
    if let Some(unit) = super::cells::UNITS.iter().find(|u| label.ends_with(*u) && label.len() > u.len() + 6) {
        label.truncate(label.len() - unit.len());
    }
    label.trim().to_owned()
}

/// Rows on their own line that no key matched, with a label and a figure: `extra.row_N`.
fn read_unknown_rows(text: &str, start: usize, end: usize, kept: &[Hit], out: &mut StatsRead) {
    let mut n = 0;
    let mut at = start;
    for line in text[start..end].split('\n') {
        let (from, to) = (at, at + line.len());
        at = to + 1;
        if !line.contains('|') || kept.iter().any(|h| h.start < to && h.end > from) {
            continue;
        }
        let label = line.trim().trim_start_matches('|').split('|').next().unwrap_or("").trim();
        let words = label.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()).count();
        if words < 2 || label.contains("年度") {
            continue;
        }
        let rest = &line[line.find(label).map_or(0, |i| i + label.len())..];
        if let Some(Item::Num(v)) = read_items(rest, Mode::Stats, 1).first() {
            n += 1;
            let key = format!("extra.row_{n}");
            out.labels.insert(key.clone(), label.to_owned());
            out.stats.insert(key, number(v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_map_to_keys_and_the_review_outcomes_follow_their_block() {
        let text = "政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n(一)收到申请数 | 件 | 3\n1.当面申请数 | 件 | 1\n4.不同意公开答复数 | 件 | 1\n其中:涉及国家秘密 | 件 | 1\n四、行政复议数量 | 件 | 1\n(一)维持具体行政行为数 | 件 | 1\n五、行政诉讼数量 | 件 | 2\n(一)维持具体行政行为或者驳回原告诉讼请求数 | 件 | 0\n(二)被依法纠错数 | 件 | 2\n其中:主动公开规范性文件数 | 条 | |\n单位负责人:";
        let s = read(text).unwrap();
        let get = |k: &str| s.stats.get(k).cloned().flatten().and_then(|n| n.as_i64());
        assert_eq!(get("requests.received"), Some(3));
        assert_eq!(get("answers.refused"), Some(1));
        assert_eq!(get("answers.refused.state_secret"), Some(1));
        assert_eq!(s.stats.get("answers.granted"), None, "不同意公开 is not 同意公开");
        assert_eq!(get("reconsideration.upheld"), Some(1));
        assert_eq!(get("litigation.upheld"), Some(0));
        assert_eq!(get("litigation.corrected"), Some(2));
        assert_eq!(s.stats.get("proactive.normative_documents"), Some(&None), "a blank value is null");
    }

    #[test]
    fn flattened_rows_and_prose_are_told_apart() {
        let text = "全年收到申请数为5件。\n政府信息公开情况统计表(2016年度)(一)收到申请数件11.当面申请数件02.传真申请数件03.网络申请数件1";
        let s = read(text).unwrap();
        let get = |k: &str| s.stats.get(k).cloned().flatten().and_then(|n| n.as_i64());
        assert_eq!(
            (get("requests.received"), get("requests.in_person"), get("requests.fax"), get("requests.online")),
            (Some(1), Some(0), Some(0), Some(1))
        );
    }

    #[test]
    fn an_unknown_row_is_kept_with_its_label() {
        let text = "统计指标 | 单位 | 统计数\n(一)收到申请数 | 件 | 3\n5.电子邮件申请数 | 件 | 2\n1.当面申请数 | 件 | 1\n9.来电咨询数 | 次 | 7\n";
        let s = read(text).unwrap();
        assert_eq!(s.stats["extra.requests.email"], Some(2.into()));
        assert_eq!(s.labels["extra.requests.email"], "5.电子邮件申请数");
        assert_eq!(s.stats["extra.row_1"], Some(7.into()));
        assert_eq!(s.labels["extra.row_1"], "9.来电咨询数");
    }
}

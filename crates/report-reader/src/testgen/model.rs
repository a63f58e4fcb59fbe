//! Consistent random report models: table 三 built column by column (received and carried in,
//! some decided across the leaf rows, the rest carried over), table 四 block by block, table 二
//! within its units, and the pre-2019 statistics with the rows of a random province's form.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_core::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};
use gongkai_core::report::table2::{Unit, cells};
use gongkai_core::report::table3::{COLUMNS, leaf_rows, rows};
use gongkai_core::request::outcome::ReportFormat;

use super::Rng;
use crate::output::ImportFormat;

/// A generated report: the truth the reader should recover.
#[derive(Debug, Clone, PartialEq)]
pub struct GenReport {
    pub format: ImportFormat,
    pub year: i32,
    pub agency: String,
    pub table2: BTreeMap<String, serde_json::Number>,
    pub table3: BTreeMap<String, BTreeMap<String, i64>>,
    pub table4: BTreeMap<String, BTreeMap<String, i64>>,
    /// Pre-2019 statistics, in form order (key, value).
    pub stats: Vec<(String, serde_json::Number)>,
    /// Cells rendered blank (`table3.granted.business`, `stats.requests.fax`): `null` when read.
    pub blanks: BTreeSet<String>,
    /// Figures the narrative states (key, value), taken from the tables.
    pub stated: Vec<(String, i64)>,
}

const AGENCIES: [&str; 8] = [
    "浩口乡人民政府",
    "某市人民政府办公室",
    "某县自然资源局",
    "某区人力资源和社会保障局",
    "山福镇人民政府",
    "某市生态环境局",
    "某县交通运输局",
    "某街道办事处",
];

/// A consistent report of `format` (with no blank cell).
pub fn random_report(rng: &mut Rng, format: ImportFormat) -> GenReport {
    let year = match format {
        ImportFormat::F2021 => 2021 + rng.below(5) as i32,
        ImportFormat::F2019 => 2019 + rng.below(2) as i32,
        _ => 2009 + rng.below(10) as i32,
    };
    let mut r = GenReport {
        format,
        year,
        agency: rng.pick(&AGENCIES).to_string(),
        table2: BTreeMap::new(),
        table3: BTreeMap::new(),
        table4: BTreeMap::new(),
        stats: Vec::new(),
        blanks: BTreeSet::new(),
        stated: Vec::new(),
    };
    match format.tables() {
        Some(f) => {
            r.table3 = table3(rng, f);
            r.table4 = table4(rng);
            r.table2 = table2(rng, f);
            let t = |row: &str| r.table3[row]["total"];
            r.stated = vec![
                ("table3.received.total".into(), t("received")),
                ("table3.carried_in.total".into(), t("carried_in")),
                ("table3.results_total.total".into(), t("results_total")),
                ("table3.carried_over.total".into(), t("carried_over")),
                ("table4.reconsideration.total".into(), r.table4["reconsideration"]["total"]),
            ];
        }
        None => {
            r.stats = stats(rng);
            let get = |k: &str| r.stats.iter().find(|(key, _)| key == k).and_then(|(_, v)| v.as_i64());
            r.stated = [
                "proactive.total",
                "channels.website",
                "channels.weibo",
                "channels.wechat",
                "response.press_conferences",
                "requests.received",
            ]
            .iter()
            .filter_map(|k| Some((format!("stats.{k}"), get(k)?)))
            .collect();
        }
    }
    r
}

fn table3(rng: &mut Rng, format: ReportFormat) -> BTreeMap<String, BTreeMap<String, i64>> {
    let leaves = leaf_rows(format);
    let mut t: BTreeMap<String, BTreeMap<String, i64>> = rows(format)
        .into_iter()
        .map(|r| (r.to_owned(), COLUMNS.iter().map(|c| (c.to_string(), 0)).collect()))
        .collect();
    for (i, c) in COLUMNS[..6].iter().enumerate() {
        let scale = if i == 0 { 3 } else { 1 };
        let (received, carried_in) = (
            if i == 0 || rng.chance(40) { rng.count(scale) } else { 0 },
            if rng.chance(30) { rng.count(1) } else { 0 },
        );
        let open = received + carried_in;
        let decided =
            if open == 0 { 0 } else { open - rng.below((open as u64 / 4).max(1) + 1).min(open as u64) as i64 };
        let mut left = decided;
        let put = |row: &str, v: i64, t: &mut BTreeMap<String, BTreeMap<String, i64>>| {
            *t.get_mut(row).unwrap().get_mut(*c).unwrap() += v;
        };
        put("received", received, &mut t);
        put("carried_in", carried_in, &mut t);
        while left > 0 {
            // Most decisions are grants or "not held"; the rest spread over the leaves.
            let row = match rng.below(10) {
                0..=4 => "granted",
                5..=6 => "unable.not_held",
                _ => leaves[rng.below(leaves.len() as u64) as usize],
            };
            let n = 1 + rng.below(left as u64) as i64;
            put(row, n, &mut t);
            left -= n;
        }
        put("results_total", decided, &mut t);
        put("carried_over", open - decided, &mut t);
    }
    for row in t.values_mut() {
        let sum: i64 = COLUMNS[..6].iter().map(|c| row[*c]).sum();
        row.insert("total".into(), sum);
    }
    t
}

fn table4(rng: &mut Rng) -> BTreeMap<String, BTreeMap<String, i64>> {
    TABLE4_BLOCKS
        .iter()
        .map(|b| {
            let mut cells: BTreeMap<String, i64> = TABLE4_COLUMNS[..4]
                .iter()
                .map(|c| (c.to_string(), if rng.chance(25) { rng.count(1).min(12) } else { 0 }))
                .collect();
            let total = cells.values().sum();
            cells.insert("total".into(), total);
            (b.to_string(), cells)
        })
        .collect()
}

fn table2(rng: &mut Rng, format: ReportFormat) -> BTreeMap<String, serde_json::Number> {
    cells(format)
        .iter()
        .map(|cell| {
            let value: serde_json::Number = match cell.unit {
                Unit::Count => rng.count(if cell.key.ends_with("decisions") { 20 } else { 1 }).into(),
                Unit::Change => match rng.below(20) {
                    0..=11 => 0.into(),
                    12..=16 => (1 + rng.below(9) as i64).into(),
                    _ => (-(1 + rng.below(5) as i64)).into(),
                },
                Unit::TenThousandYuan => {
                    if rng.chance(60) {
                        0.into()
                    } else {
                        let cents = 1 + rng.below(99_999);
                        serde_json::Number::from_f64(cents as f64 / 100.0).unwrap_or(0.into())
                    }
                }
            };
            (cell.key.to_owned(), value)
        })
        .collect()
}

/// The statistics of a random province's form: always 主动公开, 依申请公开 and 行政复议/诉讼;
/// 建议提案, 回应解读, 收费, 机构 and 培训 each present or not.
fn stats(rng: &mut Rng) -> Vec<(String, serde_json::Number)> {
    let mut s: Vec<(String, i64)> = Vec::new();
    let put = |s: &mut Vec<(String, i64)>, k: &str, v: i64| s.push((k.to_owned(), v));
    let channels: Vec<i64> = (0..5).map(|_| rng.count(20)).collect();
    let sum: i64 = channels.iter().sum();
    let total = if sum == 0 { 0 } else { sum - rng.below(sum as u64 / 3 + 1) as i64 };
    put(&mut s, "proactive.total", total);
    put(&mut s, "proactive.normative_documents", rng.count(1));
    put(&mut s, "proactive.normative_documents_made", rng.count(1));
    for (k, v) in ["gazette", "website", "weibo", "wechat", "other"].iter().zip(&channels) {
        put(&mut s, &format!("channels.{k}"), *v);
    }
    if rng.chance(50) {
        put(&mut s, "proposals.npc", rng.count(2));
        put(&mut s, "proposals.cppcc", rng.count(2));
    }
    if rng.chance(80) {
        let press = rng.count(1);
        let online = rng.count(1);
        put(&mut s, "response.hot_topics", rng.count(1));
        put(&mut s, "response.press_conferences", press);
        put(&mut s, "response.press_conferences_leaders", press.min(rng.count(1)));
        put(&mut s, "response.online_interviews", online);
        put(&mut s, "response.online_interviews_leaders", online.min(rng.count(1)));
        put(&mut s, "response.interpretations", rng.count(2));
        put(&mut s, "response.weibo_wechat", rng.count(1));
        put(&mut s, "response.other", rng.count(1));
    }
    let by: Vec<i64> = (0..4).map(|_| rng.count(2)).collect();
    let received: i64 = by.iter().sum();
    put(&mut s, "requests.received", received);
    for (k, v) in ["in_person", "fax", "online", "letter"].iter().zip(&by) {
        put(&mut s, &format!("requests.{k}"), *v);
    }
    let closed = received - rng.below(received as u64 / 5 + 1) as i64;
    let extended = rng.below(closed as u64 / 4 + 1) as i64;
    put(&mut s, "requests.closed", closed);
    put(&mut s, "requests.closed_on_time", closed - extended);
    put(&mut s, "requests.closed_extended", extended);
    let reasons: Vec<i64> = (0..6).map(|_| if rng.chance(15) { rng.count(1) } else { 0 }).collect();
    let refused: i64 = reasons.iter().sum();
    let kinds: Vec<i64> = (0..7).map(|_| rng.count(1)).collect();
    put(&mut s, "requests.answered", kinds.iter().sum::<i64>() + refused);
    let names = [
        "already_public",
        "granted",
        "partially_granted",
        "not_this_agency",
        "not_exist",
        "amend_requested",
        "other_channel",
    ];
    for (k, v) in names[..3].iter().zip(&kinds) {
        put(&mut s, &format!("answers.{k}"), *v);
    }
    put(&mut s, "answers.refused", refused);
    for (k, v) in [
        "state_secret",
        "commercial_secret",
        "privacy",
        "security_stability",
        "not_government_information",
        "other_law",
    ]
    .iter()
    .zip(&reasons)
    {
        put(&mut s, &format!("answers.refused.{k}"), *v);
    }
    for (k, v) in names[3..].iter().zip(&kinds[3..]) {
        put(&mut s, &format!("answers.{k}"), *v);
    }
    for block in ["reconsideration", "litigation"] {
        let parts: Vec<i64> = (0..3).map(|_| if rng.chance(20) { rng.count(1).min(9) } else { 0 }).collect();
        put(&mut s, &format!("{block}.total"), parts.iter().sum());
        for (k, v) in ["upheld", "corrected", "other"].iter().zip(&parts) {
            put(&mut s, &format!("{block}.{k}"), *v);
        }
    }
    put(&mut s, "complaints", rng.count(1));
    let mut out: Vec<(String, serde_json::Number)> = s.into_iter().map(|(k, v)| (k, v.into())).collect();
    if rng.chance(50) {
        out.push(("fees_10k_yuan".into(), 0.into()));
    }
    if rng.chance(80) {
        let (full, part) = (rng.below(4) as i64, rng.below(6) as i64);
        for (k, v) in [
            ("org.dedicated_units", rng.below(3) as i64),
            ("org.reading_points", rng.below(5) as i64),
            ("org.staff", full + part),
            ("org.staff_full_time", full),
            ("org.staff_part_time", part),
        ] {
            out.push((k.into(), v.into()));
        }
        let budget = if rng.chance(50) {
            0.into()
        } else {
            serde_json::Number::from_f64((1 + rng.below(500)) as f64 / 10.0).unwrap_or(0.into())
        };
        out.push(("org.budget_10k_yuan".into(), budget));
    }
    if rng.chance(60) {
        for k in ["training.meetings", "training.courses", "training.trainees"] {
            out.push((k.into(), rng.count(1).into()));
        }
    }
    out
}

/// The value of a cell of a generated report by its key (`table3.received.total`,
/// `stats.requests.received`).
pub fn value_of(r: &GenReport, key: &str) -> Option<i64> {
    if let Some(k) = key.strip_prefix("stats.") {
        return r.stats.iter().find(|(key, _)| key == k)?.1.as_i64();
    }
    let (table, rest) = key.split_once('.')?;
    let (row, column) = rest.rsplit_once('.')?;
    match table {
        "table3" => r.table3.get(row)?.get(column).copied(),
        "table4" => r.table4.get(row)?.get(column).copied(),
        _ => None,
    }
}

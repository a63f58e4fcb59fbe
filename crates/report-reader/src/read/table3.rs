//! Table 三 (收到和处理政府信息公开申请情况): its 25 (2021) or 23 (2019) rows found by their
//! labels, seven cells each, in the column order of the format.
//!
//! The table is tried from every place where its first row (`本年新收…`) appears and in both
//! formats; the reading that finds and reads the most rows wins (the 2021 format has the three
//! rows of (六), the 2019 format one). Rows whose digits ran together are cut by the row rule;
//! rows still ambiguous are settled by the column rules (balance and results sum) when exactly
//! one combination of readings satisfies them, and are reported as ambiguities otherwise.

use std::collections::BTreeMap;

use gongkai_core::report::table3::{COLUMNS, leaf_rows, rows};
use gongkai_core::request::outcome::ReportFormat;

use super::rows::{Found, RowSpec, RowValue, locate, read_row, segments};
use super::split::row_rule;
use super::{Ambiguity, candidates_json};
use crate::output::{ImportedCells, count};

const WINDOW: usize = 1800;
const MAX_STARTS: usize = 8;
/// The most combinations of ambiguous rows tried against the column rules.
const MAX_COMBINATIONS: usize = 4096;

/// Table 三 as read.
#[derive(Debug, Clone)]
pub struct Table3Read {
    pub format: ReportFormat,
    pub cells: ImportedCells,
    pub ambiguities: Vec<Ambiguity>,
    /// Byte range of the table in the matching text.
    pub span: (usize, usize),
    /// Rows found and read.
    pub rows_read: usize,
}

/// The label cores of a row.
fn cores(row: &str) -> Vec<&'static str> {
    match row {
        "received" => vec!["本年新收"],
        "carried_in" => vec!["上年结转"],
        "granted" => vec!["予以公开"],
        "partially_granted" => vec!["部分公开"],
        "withheld.state_secret" => vec!["国家秘密"],
        "withheld.prohibited_by_law" => vec!["禁止公开"],
        "withheld.security_stability" => vec!["三安全一稳定"],
        "withheld.third_party_rights" => vec!["第三方合法权益"],
        "withheld.internal_affairs" => vec!["内部事务"],
        "withheld.process_information" => vec!["过程性信息"],
        "withheld.enforcement_file" => vec!["执法案卷"],
        "withheld.administrative_inquiry" => vec!["行政查询"],
        "unable.not_held" => vec!["不掌握"],
        "unable.needs_creation" => vec!["另行制作", "没有现成信息"],
        "unable.unclear_after_clarification" => vec!["仍不明确"],
        "not_processed.petition_or_complaint" => vec!["信访举报投诉"],
        "not_processed.duplicate" => vec!["重复申请"],
        "not_processed.publication" => vec!["公开出版物"],
        "not_processed.excessive" => vec!["大量反复"],
        "not_processed.confirmation" => vec!["重新出具", "确认或重新"],
        "other.no_clarification" => vec!["逾期不补正"],
        "other.fee_unpaid" => vec!["收费通知", "缴纳费用"],
        "other.other" => vec!["其他"],
        "other" => vec!["其他处理"],
        "results_total" => vec!["总计"],
        "carried_over" => vec!["结转下年度"],
        _ => vec![],
    }
}

fn specs(format: ReportFormat) -> Vec<RowSpec> {
    rows(format).into_iter().map(|r| RowSpec { key: r.to_owned(), cores: cores(r), cells: COLUMNS.len() }).collect()
}

/// Reads table 三, trying both formats from each start; `prefer` breaks ties (the format of the
/// report's year).
pub fn read(text: &str, prefer: Option<ReportFormat>) -> Option<Table3Read> {
    let mut starts: Vec<usize> = text.match_indices("本年新收").map(|(i, _)| i).take(MAX_STARTS).collect();
    if starts.is_empty() {
        starts.extend(text.find("收到和处理政府信息公开申请"));
    }
    let mut best: Option<(i64, Table3Read)> = None;
    for &start in &starts {
        for format in [ReportFormat::F2021, ReportFormat::F2019] {
            let Some(read) = read_from(text, start, format) else { continue };
            let specs_len = rows(format).len() as i64;
            let missing = specs_len - read.found as i64;
            let mut score = read.table.rows_read as i64 * 2 - missing;
            if Some(format) == prefer {
                score = score * 4 + 1;
            } else {
                score *= 4;
            }
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, read.table));
            }
        }
    }
    best.map(|(_, t)| t).filter(|t| t.rows_read >= 4)
}

struct Attempt {
    table: Table3Read,
    found: usize,
}

fn read_from(text: &str, start: usize, format: ReportFormat) -> Option<Attempt> {
    let specs = specs(format);
    let found = locate(text, &specs, start, text.len(), WINDOW);
    let first = found.iter().flatten().next()?;
    let segs = segments(text, &found, text.len(), WINDOW);
    let rule = row_rule();
    let values: Vec<Option<RowValue>> = segs.iter().map(|seg| seg.map(|s| read_row(s, COLUMNS.len(), &rule))).collect();
    let last_end =
        found.iter().zip(&segs).filter_map(|(f, s)| Some(f.as_ref()?.end + s.as_ref()?.find('\n').unwrap_or(0))).max();
    let span = (first.start, last_end.unwrap_or(first.end));
    let (cells, ambiguities, rows_read) = settle(format, &specs, &found, values);
    Some(Attempt {
        table: Table3Read { format, cells, ambiguities, span, rows_read },
        found: found.iter().flatten().count(),
    })
}

/// Settles ambiguous rows with the column rules, and builds the cells.
fn settle(
    format: ReportFormat,
    specs: &[RowSpec],
    found: &[Option<Found>],
    values: Vec<Option<RowValue>>,
) -> (ImportedCells, Vec<Ambiguity>, usize) {
    let mut known: BTreeMap<String, Vec<Option<i64>>> = BTreeMap::new();
    let mut open: Vec<(String, Vec<Vec<i64>>)> = Vec::new();
    let mut rows_read = 0;
    for (spec, (value, f)) in specs.iter().zip(values.into_iter().zip(found)) {
        let row = match (value, f) {
            (Some(RowValue::Cells(cells)), Some(_)) => {
                let ints: Vec<Option<i64>> = cells.iter().map(|c| c.as_deref().and_then(count)).collect();
                if ints.iter().any(Option::is_some) {
                    rows_read += 1;
                }
                ints
            }
            (Some(RowValue::Ambiguous(c)), _) => {
                let ints: Vec<Vec<i64>> = c.iter().filter_map(|cand| cand.iter().map(|v| count(v)).collect()).collect();
                open.push((spec.key.clone(), ints));
                vec![None; COLUMNS.len()]
            }
            _ => vec![None; COLUMNS.len()],
        };
        known.insert(spec.key.clone(), row);
    }
    let mut ambiguities = Vec::new();
    if !open.is_empty() {
        let combos: usize =
            open.iter().try_fold(1usize, |n, (_, c)| n.checked_mul(c.len().max(1))).unwrap_or(usize::MAX);
        let mut surviving: Vec<Vec<usize>> = Vec::new();
        if combos <= MAX_COMBINATIONS && open.iter().all(|(_, c)| !c.is_empty()) {
            for n in 0..combos {
                let mut rest = n;
                let choice: Vec<usize> = open
                    .iter()
                    .map(|(_, c)| {
                        let i = rest % c.len();
                        rest /= c.len();
                        i
                    })
                    .collect();
                let mut trial = known.clone();
                for ((row, cands), &i) in open.iter().zip(&choice) {
                    trial.insert(row.clone(), cands[i].iter().copied().map(Some).collect());
                }
                if columns_hold(format, &trial) {
                    surviving.push(choice);
                }
            }
        }
        for (k, (row, cands)) in open.iter().enumerate() {
            let picks: Vec<usize> = surviving.iter().map(|c| c[k]).collect();
            let agreed = !picks.is_empty() && picks.iter().all(|&p| p == picks[0]);
            if agreed {
                known.insert(row.clone(), cands[picks[0]].iter().copied().map(Some).collect());
                rows_read += 1;
            } else {
                let shown: Vec<&Vec<i64>> = if picks.is_empty() {
                    cands.iter().collect()
                } else {
                    let mut p = picks.clone();
                    p.sort_unstable();
                    p.dedup();
                    p.into_iter().map(|i| &cands[i]).collect()
                };
                ambiguities.push(Ambiguity { r#where: format!("table3.{row}"), candidates: candidates_json(shown) });
            }
        }
    }
    let cells = known
        .into_iter()
        .map(|(row, values)| (row, COLUMNS.iter().zip(values).map(|(c, v)| (c.to_string(), v)).collect()))
        .collect();
    (cells, ambiguities, rows_read)
}

/// The balance and results-sum rules, per column, where all cells are known.
fn columns_hold(format: ReportFormat, t: &BTreeMap<String, Vec<Option<i64>>>) -> bool {
    let get = |row: &str, c: usize| t.get(row).and_then(|r| r.get(c).copied().flatten());
    let leaves = leaf_rows(format);
    (0..COLUMNS.len()).all(|c| {
        let balance = match (get("received", c), get("carried_in", c), get("results_total", c), get("carried_over", c))
        {
            (Some(a), Some(b), Some(t), Some(o)) => a + b == t + o,
            _ => true,
        };
        let sum: Option<i64> = leaves.iter().map(|r| get(r, c)).sum();
        let results = match (sum, get("results_total", c)) {
            (Some(s), Some(t)) => s == t,
            _ => true,
        };
        balance && results
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::request::outcome::Outcome;

    fn label(row: &str) -> String {
        match row {
            "received" => "一、本年新收政府信息公开申请数量".into(),
            "carried_in" => "二、上年结转政府信息公开申请数量".into(),
            "results_total" => "(七)总计".into(),
            "carried_over" => "四、结转下年度继续办理".into(),
            r => Outcome::ALL.iter().find(|o| o.key() == r).unwrap().label().into(),
        }
    }

    fn pipe_table(format: ReportFormat, value: impl Fn(&str) -> [i64; 7], sep: &str) -> String {
        rows(format)
            .into_iter()
            .map(|r| format!("{}{sep}{}", label(r), value(r).map(|v| v.to_string()).join(sep)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn value(row: &str) -> [i64; 7] {
        match row {
            "received" | "results_total" => [10, 1, 0, 0, 0, 1, 12],
            "granted" => [8, 1, 0, 0, 0, 0, 9],
            "unable.not_held" => [2, 0, 0, 0, 0, 1, 3],
            _ => [0; 7],
        }
    }

    #[test]
    fn a_pipe_table_of_either_format_is_read_in_its_format() {
        for format in [ReportFormat::F2021, ReportFormat::F2019] {
            let t = read(&pipe_table(format, value, " | "), None).unwrap();
            assert_eq!(t.format, format);
            assert_eq!(t.rows_read, rows(format).len());
            assert_eq!(t.cells["granted"]["natural_person"], Some(8));
            assert_eq!(t.cells["results_total"]["total"], Some(12));
            assert!(t.ambiguities.is_empty());
        }
    }

    #[test]
    fn flattened_rows_are_cut_by_the_row_and_column_rules() {
        // "101000112" cuts as 10 1 0 0 0 1 12 and as 1 0 10 0 0 1 12: both sum; only the first
        // makes the results sum (9 + 3 per column) and the balance hold.
        let t = read(&pipe_table(ReportFormat::F2021, value, ""), None).unwrap();
        for row in ["received", "results_total"] {
            let cells: Vec<Option<i64>> = COLUMNS.iter().map(|c| t.cells[row][*c]).collect();
            assert_eq!(cells, [10, 1, 0, 0, 0, 1, 12].map(Some), "{row}");
        }
        assert!(t.ambiguities.is_empty(), "{:?}", t.ambiguities);
    }

    #[test]
    fn a_row_the_rules_cannot_settle_is_an_ambiguity_with_null_cells() {
        // Only one row, no column to check it against.
        let t = read("一、本年新收政府信息公开申请数量101000112\n二、上年结转政府信息公开申请数量0000000\n(一)予以公开0000000\n(二)部分公开0000000\n1.属于国家秘密0000000\n2.其他法律行政法规禁止公开0000000", None).unwrap();
        assert_eq!(t.cells["received"]["total"], None);
        assert_eq!(t.ambiguities[0].r#where, "table3.received");
        assert!(t.ambiguities[0].candidates.len() >= 2);
    }
}

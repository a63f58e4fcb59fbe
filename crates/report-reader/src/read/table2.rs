//! Table 二 (主动公开政府信息情况): the rows of 第二十条 (一), (五), (六), (八) and, in the 2019
//! format, (九), each with the cells of its format (report-model.md "Table 二"). No rule relates
//! its cells, so digits that ran together are read only when they can be cut one way.

use gongkai_core::report::table2::cells;
use gongkai_core::request::outcome::ReportFormat;

use super::rows::{RowSpec, RowValue, locate, read_row, segments};
use super::{Ambiguity, candidates_json_text};
use crate::output::{ImportedTable2, number};

const WINDOW: usize = 1500;
const MAX_STARTS: usize = 6;

/// Table 二 as read.
#[derive(Debug, Clone)]
pub struct Table2Read {
    pub cells: ImportedTable2,
    pub ambiguities: Vec<Ambiguity>,
    pub span: (usize, usize),
    pub known: usize,
}

fn core(prefix: &str) -> Vec<&'static str> {
    match prefix {
        "rules" => vec!["规章"],
        "normative_documents" => vec!["规范性文件"],
        "licensing" => vec!["行政许可"],
        "other_services" => vec!["对外管理服务"],
        "penalty" => vec!["行政处罚"],
        "coercion" => vec!["行政强制"],
        "fees" => vec!["行政事业性收费"],
        "procurement" => vec!["政府集中采购"],
        _ => vec![],
    }
}

/// The rows of `format`: the cell keys grouped by their row (the part before the dot).
fn specs(format: ReportFormat) -> Vec<(RowSpec, Vec<&'static str>)> {
    let mut out: Vec<(RowSpec, Vec<&'static str>)> = Vec::new();
    for cell in cells(format) {
        let prefix = cell.key.split('.').next().unwrap_or(cell.key);
        match out.last_mut() {
            Some((spec, keys)) if spec.key == prefix => {
                spec.cells += 1;
                keys.push(cell.key);
            }
            _ => out.push((RowSpec { key: prefix.to_owned(), cores: core(prefix), cells: 1 }, vec![cell.key])),
        }
    }
    out
}

/// Reads table 二 of `format` before byte `until` (the start of table 三).
pub fn read(text: &str, format: ReportFormat, until: usize) -> Option<Table2Read> {
    let until = until.min(text.len());
    let mut starts: Vec<usize> = text[..until].match_indices("第二十条").map(|(i, _)| i).take(MAX_STARTS).collect();
    starts.extend(text[..until].find("主动公开政府信息情况"));
    let mut best: Option<Table2Read> = None;
    for start in starts {
        let read = read_from(text, format, start, until);
        if best.as_ref().is_none_or(|b| read.known > b.known) {
            best = Some(read);
        }
    }
    best.filter(|b| b.known > 0 || !b.ambiguities.is_empty())
}

fn read_from(text: &str, format: ReportFormat, start: usize, until: usize) -> Table2Read {
    let specs = specs(format);
    let row_specs: Vec<RowSpec> = specs.iter().map(|(s, _)| s.clone()).collect();
    let found = locate(text, &row_specs, start, until, WINDOW);
    let segs = segments(text, &found, until, WINDOW);
    let mut cells = ImportedTable2::new();
    let mut ambiguities = Vec::new();
    for ((spec, keys), seg) in specs.iter().zip(segs) {
        let value = seg.map_or(RowValue::Cells(vec![None; spec.cells]), |s| read_row(s, spec.cells, &[]));
        match value {
            RowValue::Cells(v) => {
                for (key, v) in keys.iter().zip(v) {
                    cells.insert(key.to_string(), v.as_deref().and_then(number));
                }
            }
            RowValue::Ambiguous(c) => {
                keys.iter().for_each(|k| {
                    cells.insert(k.to_string(), None);
                });
                ambiguities
                    .push(Ambiguity { r#where: format!("table2.{}", spec.key), candidates: candidates_json_text(&c) });
            }
            RowValue::Unreadable => keys.iter().for_each(|k| {
                cells.insert(k.to_string(), None);
            }),
        }
    }
    let known = cells.values().filter(|v| v.is_some()).count();
    let end = found.iter().flatten().map(|f| f.end).max().unwrap_or(start);
    Table2Read { cells, ambiguities, span: (start, end), known }
}

/// Which format the words of table 二 belong to, if they tell.
pub fn format_evidence(text: &str) -> Option<ReportFormat> {
    let f2021 =
        ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"].iter().filter(|w| text.contains(*w)).count();
    let f2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购"]
        .iter()
        .filter(|w| text.contains(*w))
        .count();
    match f2021.cmp(&f2019) {
        std::cmp::Ordering::Greater => Some(ReportFormat::F2021),
        std::cmp::Ordering::Less => Some(ReportFormat::F2019),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2021_rows_are_read_with_their_cells() {
        let text = "第二十条第(一)项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0\n行政规范性文件 | 0 | 0 | 1\n第二十条第(五)项\n行政许可 | 62\n行政处罚 | 4\n行政强制 | 0\n行政事业性收费 | 0.5\n三、收到";
        let t = read(text, ReportFormat::F2021, text.len()).unwrap();
        assert_eq!(t.cells["normative_documents.in_force"], Some(1.into()));
        assert_eq!(t.cells["licensing.decisions"], Some(62.into()));
        assert_eq!(t.cells["fees.amount_10k_yuan"], serde_json::Number::from_f64(0.5).map(Some).unwrap());
        assert_eq!(t.known, 10);
        assert_eq!(format_evidence(text), Some(ReportFormat::F2021));
    }

    #[test]
    fn a_2019_change_cell_may_be_negative() {
        let text = "第二十条第(五)项\n行政许可 | 12 | -2 | 300\n";
        let t = read(text, ReportFormat::F2019, text.len()).unwrap();
        assert_eq!(t.cells["licensing.change"], Some((-2).into()));
        assert_eq!(t.cells["licensing.decisions"], Some(300.into()));
    }
}

//! Table 四 (行政复议、行政诉讼): fifteen cells, three blocks of 结果维持, 结果纠正, 其他结果, 尚未审结
//! and 总计. Usually laid out as header rows followed by one row of fifteen figures; read as
//! that row (the header words skipped), or else block by block (`行政复议 | 0 | 0 | …`).

use gongkai_core::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};

use super::rows::{RowSpec, RowValue, floor_boundary, locate, read_row, segments};
use super::split::{SumRule, block_rules};
use super::{Ambiguity, candidates_json};
use crate::output::{ImportedCells, count};

const WINDOW: usize = 2400;
const MAX_STARTS: usize = 6;

/// Table 四 as read.
#[derive(Debug, Clone)]
pub struct Table4Read {
    pub cells: ImportedCells,
    pub ambiguities: Vec<Ambiguity>,
    pub span: (usize, usize),
    pub known: usize,
}

/// Reads table 四 after byte `from` of `text`.
pub fn read(text: &str, from: usize) -> Option<Table4Read> {
    let from = floor_boundary(text, from);
    let mut best: Option<Table4Read> = None;
    for (i, _) in text[from..].match_indices("行政复议").take(MAX_STARTS) {
        let start = from + i;
        for candidate in [as_one_row(text, start), block_by_block(text, start)].into_iter().flatten() {
            if best.as_ref().is_none_or(|b| candidate.known > b.known) {
                best = Some(candidate);
            }
        }
        if best.as_ref().is_some_and(|b| b.known == 15) {
            break;
        }
    }
    best.filter(|b| b.known > 0 || !b.ambiguities.is_empty())
}

/// The end of the table's region: the next section heading (五、/六、) or the window.
fn region_end(text: &str, start: usize) -> usize {
    let end = floor_boundary(text, (start + WINDOW).min(text.len()));
    ["\n五、", "\n六、"].iter().filter_map(|h| text[start..end].find(h).map(|i| start + i)).min().unwrap_or(end)
}

fn as_one_row(text: &str, start: usize) -> Option<Table4Read> {
    let end = region_end(text, start);
    let segment = &text[start + "行政复议".len()..end];
    let value = read_row(segment, 15, &block_rules());
    Some(build(vec![("*", value, 15)], (start, end)))
}

fn block_by_block(text: &str, start: usize) -> Option<Table4Read> {
    let end = region_end(text, start);
    let specs: Vec<RowSpec> = [
        ("reconsideration", "行政复议"),
        ("litigation_direct", "直接起诉"),
        ("litigation_after_reconsideration", "复议后起诉"),
    ]
    .into_iter()
    .map(|(key, core)| RowSpec { key: key.into(), cores: vec![core], cells: 5 })
    .collect();
    let found = locate(text, &specs, start, end, WINDOW);
    let segs = segments(text, &found, end, WINDOW);
    let rule = [SumRule { parts: vec![0, 1, 2, 3], total: 4 }];
    let values = specs
        .iter()
        .zip(segs)
        .map(|(s, seg)| (s.key.as_str(), seg.map_or(RowValue::Cells(vec![None; 5]), |g| read_row(g, 5, &rule)), 5))
        .collect();
    Some(build(values, (start, end)))
}

/// Builds the cells from row values: `*` is the fifteen-cell row of all blocks.
fn build(values: Vec<(&str, RowValue, usize)>, span: (usize, usize)) -> Table4Read {
    let mut cells: ImportedCells = TABLE4_BLOCKS
        .iter()
        .map(|b| (b.to_string(), TABLE4_COLUMNS.iter().map(|c| (c.to_string(), None)).collect()))
        .collect();
    let mut ambiguities = Vec::new();
    for (key, value, width) in values {
        let blocks: Vec<&str> = if key == "*" { TABLE4_BLOCKS.to_vec() } else { vec![key] };
        match value {
            RowValue::Cells(v) => {
                for (i, v) in v.into_iter().enumerate() {
                    let (Some(b), c) = (blocks.get(i / 5).copied(), TABLE4_COLUMNS[i % 5]) else { break };
                    if let Some(block) = cells.get_mut(b) {
                        block.insert(c.into(), v.as_deref().and_then(count));
                    }
                }
            }
            RowValue::Ambiguous(cands) => {
                let ints: Vec<Vec<i64>> = cands.iter().filter_map(|c| c.iter().map(|v| count(v)).collect()).collect();
                let r#where = if width == 15 { "table4".to_owned() } else { format!("table4.{key}") };
                ambiguities.push(Ambiguity { r#where, candidates: candidates_json(ints.iter().collect()) });
            }
            RowValue::Unreadable => {}
        }
    }
    let known = cells.values().flat_map(|b| b.values()).filter(|v| v.is_some()).count();
    Table4Read { cells, ambiguities, span, known }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_rows_then_fifteen_figures_are_read() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | 行政诉讼 |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |\n五、存在的主要问题";
        let t = read(text, 0).unwrap();
        assert_eq!(t.known, 15);
        assert_eq!(t.cells["reconsideration"]["total"], Some(2));
        assert_eq!(t.cells["litigation_after_reconsideration"]["pending"], Some(1));
    }

    #[test]
    fn fifteen_flattened_figures_are_cut_by_the_block_sums() {
        let t = read("行政复议 行政诉讼 结果维持 总计\n100010000000000", 0).unwrap();
        assert_eq!(t.known, 15);
        assert_eq!((t.cells["reconsideration"]["upheld"], t.cells["reconsideration"]["total"]), (Some(1), Some(1)));
    }

    #[test]
    fn block_rows_are_read_block_by_block() {
        let text =
            "行政复议 | 0 | 1 | 0 | 0 | 1\n未经复议直接起诉 | 0 | 0 | 0 | 0 | 0\n复议后起诉 | 0 | 0 | 0 | 2 | 2\n";
        let t = read(text, 0).unwrap();
        assert_eq!(t.known, 15);
        assert_eq!(t.cells["litigation_after_reconsideration"]["total"], Some(2));
    }
}

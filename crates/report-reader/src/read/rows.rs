//! Rows of a table found by their labels, in table order, and their cells fitted to the row's
//! width.
//!
//! A row is found by a core of its label (`予以公开`, `本机关不掌握`) searched after the row
//! before it, within a window, so that a word the narrative happens to share is not taken for a
//! row far away. The number or heading before the core (`2.`, `(七)`, `四、`, `其中:`) belongs
//! to the row: it is cut from the cells of the row before, which matters when cells and labels
//! run together (`00000002.其他法律…`).

use super::cells::{Item, Mode, read_items};
use super::split::{SumRule, split};

/// A row to find: its key, the label cores that identify it, its number of cells.
#[derive(Debug, Clone)]
pub struct RowSpec {
    pub key: String,
    pub cores: Vec<&'static str>,
    pub cells: usize,
}

/// Where a row's label was found: from its number to the end of its core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
}

/// The cells of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowValue {
    /// One value per cell (`None`: blank).
    Cells(Vec<Option<String>>),
    /// Digits that run together and can be cut into cells in more than one way.
    Ambiguous(Vec<Vec<String>>),
    /// Cells that cannot be read (wrong count, no way to cut them).
    Unreadable,
}

impl RowValue {
    /// How many cells are known.
    pub fn known(&self) -> usize {
        match self {
            RowValue::Cells(c) => c.iter().filter(|v| v.is_some()).count(),
            _ => 0,
        }
    }
}

/// Finds `specs` in order in `s[from..until]`, each within `window` bytes after the previous
/// row found.
pub fn locate(s: &str, specs: &[RowSpec], from: usize, until: usize, window: usize) -> Vec<Option<Found>> {
    let until = until.min(s.len());
    let mut cursor = from.min(until);
    specs
        .iter()
        .map(|spec| {
            let end = floor_boundary(s, (cursor + window).min(until));
            let hay = &s[cursor..end];
            let hit =
                spec.cores.iter().filter_map(|core| hay.find(core).map(|i| (i, core.len()))).min_by_key(|&(i, _)| i)?;
            let core_start = cursor + hit.0;
            let found = Found { start: prefix_start(s, core_start, cursor), end: core_start + hit.1 };
            cursor = found.end;
            Some(found)
        })
        .collect()
}

/// The segment after each found row: up to the next found row (or `window` bytes, or `until`).
pub fn segments<'a>(s: &'a str, found: &[Option<Found>], until: usize, window: usize) -> Vec<Option<&'a str>> {
    let until = until.min(s.len());
    (0..found.len())
        .map(|i| {
            let f = found[i]?;
            let next = found[i + 1..].iter().flatten().next().map(|n| n.start);
            let end = floor_boundary(s, next.unwrap_or((f.end + window).min(until)).max(f.end));
            Some(&s[f.end..end])
        })
        .collect()
}

/// The start of the number or heading before a label core at `core`: `1.`, `(三)`, `四、`,
/// `其中:` (each optional, not before `floor`).
pub fn prefix_start(s: &str, core: usize, floor: usize) -> usize {
    let mut start = core;
    let before = |start: usize| &s[floor..start];
    // One space between the number and the words.
    if before(start).ends_with(' ') {
        start -= 1;
    }
    for tag in ["其中:", "其中"] {
        if before(start).ends_with(tag) {
            start -= tag.len();
            break;
        }
    }
    let b = before(start);
    if let Some(rest) = b.strip_suffix(['.', '、']) {
        let sep = b.len() - rest.len();
        let mut chars = rest.char_indices().rev();
        match chars.next() {
            // One digit only: the digits before it are the previous row's cells.
            Some((i, c)) if c.is_ascii_digit() => return floor + i,
            Some((_, c)) if is_numeral(c) => {
                let len: usize = rest.chars().rev().take_while(|c| is_numeral(*c)).map(char::len_utf8).sum();
                return start - sep - len;
            }
            _ => {}
        }
    }
    if let Some(rest) = b.strip_suffix(')') {
        let inner: usize = rest.chars().rev().take_while(|c| is_numeral(*c)).map(char::len_utf8).sum();
        if inner > 0 && rest[..rest.len() - inner].ends_with('(') {
            return start - 1 - inner - 1;
        }
    }
    start
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// The largest char boundary at or below `i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Reads the cells of a row from its segment and fits them to `cells`.
pub fn read_row(segment: &str, cells: usize, rules: &[SumRule]) -> RowValue {
    fit(&read_items(segment, Mode::Table, cells * 2 + 4), cells, rules)
}

/// Fits what was read to the row's width: as read when the count is right (trailing blank cells
/// beyond the width are padding); one run of digits with no separator is cut (see
/// [`super::split`]); anything else is unreadable.
pub fn fit(items: &[Item], cells: usize, rules: &[SumRule]) -> RowValue {
    let as_value = |i: &Item| match i {
        Item::Num(n) => Some(n.clone()),
        Item::Blank => None,
    };
    let mut items = items;
    while items.len() > cells && items.last() == Some(&Item::Blank) {
        items = &items[..items.len() - 1];
    }
    if items.len() == cells {
        return RowValue::Cells(items.iter().map(as_value).collect());
    }
    let trimmed = {
        let mut t = items;
        while t.last() == Some(&Item::Blank) {
            t = &t[..t.len() - 1];
        }
        t
    };
    if trimmed.is_empty() {
        return RowValue::Cells(vec![None; cells]);
    }
    let nums: Vec<String> = items.iter().filter_map(as_value).collect();
    if nums.len() == cells {
        // Blank cells around a full row are padding.
        return RowValue::Cells(nums.into_iter().map(Some).collect());
    }
    // Only a single run of digits, with nothing separating it, is cut: where cells are
    // separated, a wrong count means a cell is lost, not run together.
    if trimmed.len() != 1 || nums.len() != 1 {
        return RowValue::Unreadable;
    }
    let found = split(&nums, cells, rules);
    match found.unique() {
        Some(cut) => RowValue::Cells(cut.iter().cloned().map(Some).collect()),
        None if found.candidates().is_empty() => RowValue::Unreadable,
        None => RowValue::Ambiguous(found.candidates().to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(key: &str, cores: &[&'static str], cells: usize) -> RowSpec {
        RowSpec { key: key.into(), cores: cores.to_vec(), cells }
    }

    #[test]
    fn numbers_before_a_label_belong_to_the_label() {
        let s = "1 00000002.其他法律";
        let core = s.find("其他").unwrap();
        assert_eq!(&s[prefix_start(s, core, 0)..], "2.其他法律");
        let s = "0 |\n(七)总计";
        assert_eq!(&s[prefix_start(s, s.find("总计").unwrap(), 0)..], "(七)总计");
        let s = "0四、结转下年度";
        assert_eq!(&s[prefix_start(s, s.find("结转").unwrap(), 0)..], "四、结转下年度");
        let s = "件0其中:主动公开规范性文件数";
        assert_eq!(&s[prefix_start(s, s.find("主动").unwrap(), 0)..], "其中:主动公开规范性文件数");
    }

    #[test]
    fn rows_are_found_in_order_and_read_up_to_the_next_row() {
        let s = "(一)予以公开 | 5 | 0 |\n(二)部分公开(区分处理的) | 1 | 1 |\n(三)不予公开";
        let specs = [spec("granted", &["予以公开"], 2), spec("partially_granted", &["部分公开"], 2)];
        let found = locate(s, &specs, 0, s.len(), 500);
        let segs = segments(s, &found, s.len(), 500);
        let values: Vec<RowValue> = segs.iter().map(|seg| read_row(seg.unwrap(), 2, &[])).collect();
        assert_eq!(values[0], RowValue::Cells(vec![Some("5".into()), Some("0".into())]));
        assert_eq!(values[1], RowValue::Cells(vec![Some("1".into()), Some("1".into())]));
    }

    #[test]
    fn a_row_with_the_wrong_number_of_separated_cells_is_unreadable() {
        let items = [Item::Num("5".into()), Item::Blank, Item::Num("12".into())];
        assert_eq!(fit(&items, 7, &[]), RowValue::Unreadable);
        let separated = [Item::Num("12".into()), Item::Num("0".into())];
        assert_eq!(fit(&separated, 3, &[]), RowValue::Unreadable, "separated cells are never cut");
        let blank_total = [Item::Num("1".into()), Item::Num("0".into()), Item::Blank];
        assert_eq!(fit(&blank_total, 3, &[]), RowValue::Cells(vec![Some("1".into()), Some("0".into()), None]));
        assert_eq!(fit(&[], 3, &[]), RowValue::Cells(vec![None; 3]));
    }
}

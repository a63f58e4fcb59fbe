//! Column proportions of a report table, read off its grid, and the line break of a merged group
//! label, shared by the PDF, DOCX and XLSX renderers so the three look alike.
//!
//! A column is as wide as its widest single-column cell needs, in characters of the table font
//! (a CJK character counts 1, other characters ½), within [`MIN`]..=[`MAX`]: a row label gets
//! one line (longer ones wrap at [`MAX`]), a group label merged down several rows ("（三）不予公开")
//! gets [`GROUP_LABEL`] and breaks after its number ([`cell_text`]), a heading may wrap onto two
//! lines, and a figure never wraps ([`VALUE`]
//! characters leave room for five digits). Cells spanning several columns don't widen them.

use std::borrow::Cow;

use gongkai_core::report::layout::{CellKind, Grid, GridCell};

/// Narrowest column, in characters.
const MIN: f64 = 3.0;
/// Widest column: longer labels wrap.
const MAX: f64 = 14.0;
/// A column with figures.
const VALUE: f64 = 2.6;
/// A group label merged down several rows: "（三）" on the first line, four characters a line
/// after it, with room to spare in Word's metrics too.
const GROUP_LABEL: f64 = 4.6;

/// One weight per column (in characters of the table font; use them as proportions).
pub(crate) fn column_weights(grid: &Grid) -> Vec<f64> {
    let mut weights = vec![MIN; grid.columns];
    let Ok(placed) = grid.placements() else {
        return weights;
    };
    for p in placed.iter().filter(|p| p.cell.colspan == 1) {
        let need = match p.cell.kind {
            CellKind::Value => VALUE,
            // Two lines, the second never longer than the first, with room for Word's metrics.
            CellKind::Header => (characters(&p.cell.text) / 2.0).ceil() + 0.5,
            CellKind::Label if p.cell.rowspan > 1 && group_number(&p.cell.text).is_some() => GROUP_LABEL,
            CellKind::Label if p.cell.rowspan > 1 => MIN,
            CellKind::Label => characters(&p.cell.text),
        };
        weights[p.col] = weights[p.col].max(need.clamp(MIN, MAX));
    }
    weights
}

/// The text a renderer prints in `cell`: a group label merged down several rows breaks after its
/// number ("（三）\n不予公开"); any other text as it is.
pub(crate) fn cell_text(cell: &GridCell) -> Cow<'_, str> {
    match group_number(&cell.text) {
        Some(end) if cell.kind == CellKind::Label && cell.rowspan > 1 => {
            Cow::Owned(format!("{}\n{}", &cell.text[..end], &cell.text[end..]))
        }
        _ => Cow::Borrowed(&cell.text),
    }
}

/// The byte length of a leading group number "（三）" followed by more text.
fn group_number(text: &str) -> Option<usize> {
    let end = text.strip_prefix('（')?.find('）')? + '（'.len_utf8() + '）'.len_utf8();
    (end < text.len() && end <= 4 * 3 + 2 * 3).then_some(end)
}

/// The width of `text` in characters: a CJK character counts 1, other characters ½.
pub(crate) fn characters(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

#[cfg(test)]
mod tests {
    use gongkai_core::report::layout::{table3, table4};
    use gongkai_core::request::outcome::ReportFormat;

    use super::*;

    #[test]
    fn table3_gives_the_leaf_labels_the_widest_column_and_figures_narrow_ones() {
        let w = column_weights(&table3(ReportFormat::F2021, &|_, _| String::new()));
        assert_eq!(w.len(), 10);
        assert_eq!(w[2], MAX, "leaf labels wrap at the widest column");
        assert!(w[0] < w[1] && w[1] < w[2], "{w:?}");
        assert!(w[3..].iter().all(|v| *v >= VALUE && *v <= 4.0), "{w:?}");
    }

    #[test]
    fn a_merged_group_label_breaks_after_its_number_and_nothing_else_does() {
        let group = GridCell::label("（三）不予公开").span(1, 8);
        assert_eq!(cell_text(&group), "（三）\n不予公开");
        assert_eq!(cell_text(&GridCell::label("（三）不予公开")), "（三）不予公开", "a one-row label");
        assert_eq!(cell_text(&GridCell::label("三、本年度办理结果").span(1, 22)), "三、本年度办理结果");
        assert_eq!(cell_text(&GridCell::label("（七）").span(1, 2)), "（七）", "nothing after the number");
        assert_eq!(
            cell_text(&GridCell::header("（本列数据的勾稽关系为：第一项）").span(3, 3)),
            "（本列数据的勾稽关系为：第一项）"
        );
    }

    #[test]
    fn table4_columns_are_equal() {
        let w = column_weights(&table4(&|_, _| String::new()));
        assert!(w.iter().all(|v| *v == w[0]), "{w:?}");
    }
}

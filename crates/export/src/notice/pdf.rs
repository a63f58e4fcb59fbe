//! PDF rendering of the monthly notice: one [`Notice`] → one PDF, typeset by the shared typst
//! engine with `notice.typ`. The notice goes in as a `sys.inputs` dictionary (strings, numbers,
//! arrays), never as markup, so a unit name such as `#set text(red)` prints as itself.

use gongkai_core::supervision::notice::Notice;
use typst::foundations::{Array, Dict, IntoValue, Value};

use super::{RULES_HEADING, cells, column_layout, subtitle};
use crate::ExportError;
use crate::engine::{self, Template};

/// Renders the notice as a PDF file (A4 landscape, CJK font subset embedded, the table header
/// repeated on every page).
pub fn notice_pdf(notice: &Notice) -> Result<Vec<u8>, ExportError> {
    render(notice).map(|(pdf, _warnings)| pdf)
}

/// The PDF and typst's warnings (tests insist there are none).
pub(crate) fn render(notice: &Notice) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    engine::render(Template::Notice, inputs(notice))
}

/// The `sys.inputs` dictionary `notice.typ` documents (the engine adds `font`).
fn inputs(notice: &Notice) -> Dict {
    let strings = |items: &[String]| array(items.iter().map(String::as_str));
    let layout: Vec<(f64, bool)> = notice.columns.iter().map(|c| column_layout(c)).collect();
    let entries = [
        ("title", notice.title.as_str().into_value()),
        ("subtitle", subtitle(notice).into_value()),
        ("summary", strings(&notice.summary)),
        ("columns", array(notice.columns.iter().copied())),
        ("widths", array(layout.iter().map(|&(width, _)| width))),
        ("left_aligned", array(layout.iter().map(|&(_, left)| left))),
        ("rows", array(cells(notice).map(array))),
        ("rules_heading", RULES_HEADING.into_value()),
        ("rules", strings(&notice.rules)),
        ("issuer", notice.issuer.as_str().into_value()),
        ("date", notice.as_of.clone().into_value()),
    ];
    let mut dict = Dict::new();
    for (key, value) in entries {
        dict.insert(key.into(), value);
    }
    dict
}

/// A typst array of the values.
fn array<T: IntoValue>(values: impl IntoIterator<Item = T>) -> Value {
    values.into_iter().map(IntoValue::into_value).collect::<Array>().into_value()
}

#[cfg(test)]
mod tests {
    use gongkai_core::supervision::notice::{COLUMNS, Row};

    use super::*;

    fn notice(rows: Vec<Row>) -> Notice {
        Notice {
            title: "浩县人民政府2026年10月政府信息公开工作通报".into(),
            issuer: "浩县人民政府".into(),
            month: "2026-10".into(),
            as_of: "2026年10月31日".into(),
            summary: vec!["10月，全县共新公开政府信息3条。".into()],
            columns: COLUMNS.to_vec(),
            rows,
            rules: vec!["满分100分。".into()],
        }
    }

    #[test]
    fn the_template_compiles_without_warnings_with_rows_short_rows_and_none() {
        let full = Row { rank: 1, score: 100, cells: COLUMNS.iter().map(|c| format!("{c}值")).collect() };
        let short = Row { rank: 2, score: 90, cells: vec!["2".into(), "石门镇人民政府".into()] };
        for rows in [vec![full, short], Vec::new()] {
            let (pdf, warnings) = render(&notice(rows)).unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            assert!(warnings.is_empty(), "typst warnings: {warnings:?}");
        }
    }
}

//! PDF rendering of an annual report: the layout's [`Block`]s → one PDF, typeset by the shared
//! typst engine with `report.typ`. Every block goes in as a `sys.inputs` dictionary (strings,
//! integers, arrays), never as markup, so text from the report prints literally whatever it holds.

use gongkai_core::report::layout::{Block, CellKind, Grid, GridCell};
use typst::foundations::{Array, Dict, IntoValue, Value};

use super::widths::{cell_text, column_weights};
use crate::ExportError;
use crate::engine::{self, Template};

/// Renders the report as a PDF file (A4, CJK font subset embedded, tables with merged cells).
pub fn report_pdf(blocks: &[Block]) -> Result<Vec<u8>, ExportError> {
    render(blocks).map(|(pdf, _warnings)| pdf)
}

/// The PDF and typst's warnings (tests insist there are none).
pub(crate) fn render(blocks: &[Block]) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    engine::render(Template::Report, inputs(blocks))
}

/// The `sys.inputs` dictionary `report.typ` documents (the engine adds `font`).
fn inputs(blocks: &[Block]) -> Dict {
    let title = blocks.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.as_str()),
        _ => None,
    });
    let mut dict = Dict::new();
    dict.insert("title".into(), title.unwrap_or_default().into_value());
    dict.insert("blocks".into(), blocks.iter().map(block).collect::<Array>().into_value());
    dict
}

fn block(block: &Block) -> Value {
    let text = |kind: &str, text: &str| dict([("kind", kind.into_value()), ("text", text.into_value())]);
    match block {
        Block::Title(t) => text("title", t),
        Block::Heading(t) => text("heading", t),
        Block::SubHeading(t) => text("subheading", t),
        Block::Paragraph(t) => text("paragraph", t),
        Block::Note(t) => text("note", t),
        Block::Table(grid) => table(grid),
    }
}

fn table(grid: &Grid) -> Value {
    let rows: Array = grid.rows.iter().map(|row| row.iter().map(cell).collect::<Array>().into_value()).collect();
    let widths: Array = column_weights(grid).into_iter().map(IntoValue::into_value).collect();
    dict([
        ("kind", "table".into_value()),
        ("caption", grid.caption.as_str().into_value()),
        ("header_rows", (grid.header_rows as i64).into_value()),
        ("widths", widths.into_value()),
        ("rows", rows.into_value()),
    ])
}

fn cell(cell: &GridCell) -> Value {
    let kind = match cell.kind {
        CellKind::Header => "header",
        CellKind::Label => "label",
        CellKind::Value => "value",
    };
    dict([
        ("text", cell_text(cell).as_ref().into_value()),
        ("kind", kind.into_value()),
        ("colspan", i64::from(cell.colspan).into_value()),
        ("rowspan", i64::from(cell.rowspan).into_value()),
    ])
}

fn dict<const N: usize>(entries: [(&str, Value); N]) -> Value {
    let mut dict = Dict::new();
    for (key, value) in entries {
        dict.insert(key.into(), value);
    }
    dict.into_value()
}

#[cfg(test)]
mod tests {
    use gongkai_core::report::layout::document;
    use gongkai_core::report::model::Report;
    use gongkai_core::report::sections::Sections;
    use gongkai_core::request::outcome::ReportFormat;

    use super::*;

    #[test]
    fn the_template_compiles_without_warnings_for_both_formats_and_blank_cells() {
        for format in [ReportFormat::F2019, ReportFormat::F2021] {
            let report = Report {
                format,
                year: 2024,
                agency: "浩县人民政府".into(),
                sections: Sections {
                    overview: "（一）主动公开\n\n正文。".into(),
                    problems: "无。".into(),
                    other: String::new(),
                },
                table2: Default::default(),
                table3: Default::default(),
                table4: Default::default(),
            };
            let (pdf, warnings) = render(&document(&report, Some("更正说明：无。"))).unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            assert!(warnings.is_empty(), "typst warnings: {warnings:?}");
        }
    }
}

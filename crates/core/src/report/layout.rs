//! The official layout of the annual report as data, shared by every renderer (HTML, PDF, DOCX,
//! XLSX, CSV): the document as a list of [`Block`]s (title, the six section headings, texts, the
//! three tables) and each table as a [`Grid`] of cells with the exact row and column labels of
//! the format (spec regulation-and-formats.md §2.2–2.5), merged cells included.
//!
//! - [`tables`]: the grid builders [`table2`], [`table3`] and [`table4`], parametric on the values
//!   so the same layout serves generated reports (counts) and imported ones (blank cells).
//! - [`placement`]: where each cell sits once the spans are accounted for, and the row and column
//!   labels of a value cell (for the CSV and for cell titles).
//!
//! Invariants (checked by the tests): every row of a grid, with the cells that reach into it from
//! rows above (rowspan), covers exactly [`Grid::columns`] columns; every value cell carries its
//! model path as `key` (`table3.granted.natural_person`), and every cell of the model appears in
//! exactly one value cell.

pub mod placement;
pub mod tables;

#[cfg(test)]
mod tests;

pub use placement::{GridError, Placed, ValueCell};
pub use tables::{TABLE3_NOTE, table2, table3, table4};

use super::model::Report;
use super::sections::{HEADINGS, OVERVIEW_ITEMS};

/// What a cell of a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// A column heading (申请人情况, 自然人, 本年制发件数) or a block heading (第二十条第（一）项).
    Header,
    /// A row label (一、本年新收政府信息公开申请数量, 规章).
    Label,
    /// A figure of the report.
    Value,
}

/// One cell of a table, placed after the cells before it in its row and after the cells that
/// reach into its row from above (as in HTML).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GridCell {
    pub text: String,
    /// At least 1.
    pub colspan: u16,
    /// At least 1.
    pub rowspan: u16,
    pub kind: CellKind,
    /// The model path of a value cell (`table2.rules.issued`, `table3.granted.natural_person`,
    /// `table4.reconsideration.total`), so a UI can highlight the cells a finding names.
    pub key: Option<String>,
}

impl GridCell {
    pub fn header(text: impl Into<String>) -> GridCell {
        GridCell { text: text.into(), colspan: 1, rowspan: 1, kind: CellKind::Header, key: None }
    }

    pub fn label(text: impl Into<String>) -> GridCell {
        GridCell { text: text.into(), colspan: 1, rowspan: 1, kind: CellKind::Label, key: None }
    }

    pub fn value(key: impl Into<String>, text: impl Into<String>) -> GridCell {
        GridCell { text: text.into(), colspan: 1, rowspan: 1, kind: CellKind::Value, key: Some(key.into()) }
    }

    pub fn span(mut self, colspan: u16, rowspan: u16) -> GridCell {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }
}

/// One table of the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Grid {
    /// e.g. "表三 收到和处理政府信息公开申请情况" (the section heading above the table says the same
    /// in the document; the caption names the table where it stands alone, e.g. a sheet).
    pub caption: String,
    /// Number of columns of the grid.
    pub columns: usize,
    /// The leading rows that are the table's column headings (repeated on a page break). Table 二
    /// has none: its headings are inside, one set per block.
    pub header_rows: usize,
    pub rows: Vec<Vec<GridCell>>,
}

/// One piece of the report document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
pub enum Block {
    /// The report title, centred.
    Title(String),
    /// A section heading: one of `sections::HEADINGS`.
    Heading(String),
    /// A sub-item of 一、总体情况 (`sections::OVERVIEW_ITEMS`).
    SubHeading(String),
    /// A paragraph of text; a `\n` inside is a line break.
    Paragraph(String),
    Table(Grid),
    /// A remark set apart from the text, e.g. the correction note of a republished report.
    Note(String),
}

/// The three tables of `report`, filled with its figures (blank where the model has no value).
pub fn grids(report: &Report) -> [Grid; 3] {
    let t2 = |key: &str| report.table2.display(key);
    let t3 = |row: &str, column: &str| {
        report.table3.0.get(row).and_then(|r| r.get(column)).map(i64::to_string).unwrap_or_default()
    };
    let t4 = |block: &str, column: &str| {
        report.table4.get(block).and_then(|r| r.get(column)).map(i64::to_string).unwrap_or_default()
    };
    [table2(report.format, &t2), table3(report.format, &t3), table4(&t4)]
}

/// The whole report in reading order: the title, then `correction` (if any, as a note), then the
/// six sections. Section 一 is split into paragraphs at blank lines, and a line that is exactly a
/// sub-item heading ("（一）主动公开") becomes a [`Block::SubHeading`]; the tables go under
/// 二, 三 and 四; the texts of 五 and 六 are split into paragraphs.
pub fn document(report: &Report, correction: Option<&str>) -> Vec<Block> {
    let [t2, t3, t4] = grids(report);
    let mut blocks = vec![Block::Title(report.title())];
    if let Some(note) = correction.map(str::trim).filter(|n| !n.is_empty()) {
        blocks.push(Block::Note(note.to_owned()));
    }
    blocks.push(Block::Heading(HEADINGS[0].to_owned()));
    blocks.extend(paragraphs(&report.sections.overview, &OVERVIEW_ITEMS));
    for (heading, table) in HEADINGS[1..4].iter().zip([t2, t3, t4]) {
        blocks.push(Block::Heading((*heading).to_owned()));
        blocks.push(Block::Table(table));
    }
    blocks.push(Block::Heading(HEADINGS[4].to_owned()));
    blocks.extend(paragraphs(&report.sections.problems, &[]));
    blocks.push(Block::Heading(HEADINGS[5].to_owned()));
    blocks.extend(paragraphs(&report.sections.other, &[]));
    blocks
}

/// Splits a section text into paragraphs at blank lines; a line equal (after trimming) to one of
/// `subheadings` stands alone as a sub-heading. Lines of one paragraph keep their `\n`.
fn paragraphs(text: &str, subheadings: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !current.is_empty() {
            blocks.push(Block::Paragraph(current.join("\n")));
            current.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut current, &mut blocks);
        } else if subheadings.contains(&line) {
            flush(&mut current, &mut blocks);
            blocks.push(Block::SubHeading(line.to_owned()));
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

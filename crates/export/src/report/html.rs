//! The annual report as HTML: the official layout (`gongkai_core::report::layout`) turned into
//! blocks and tables, written by one set of templates (`templates/report/`) for the portal page,
//! the console preview, the standalone file (`report build --format html`) and the report audit's
//! marked tables ([`table_with`] lets the audit set each cell's class and tooltip).
//!
//! The templates escape everything; the HTML strings returned here are safe to embed as they are.

use askama::Template;
use gongkai_core::report::layout::{Block, CellKind, Grid, GridCell, document};
use gongkai_core::report::model::Report;

/// One table cell as HTML writes it.
#[derive(Debug, Clone)]
pub struct HtmlCell {
    pub text: String,
    pub colspan: u16,
    pub rowspan: u16,
    /// `th` for headings and row labels, `td` for figures.
    pub tag: &'static str,
    /// `col` for column headings, `row` for row labels.
    pub scope: &'static str,
    pub key: String,
    /// The cell's class, "" for none (the report audit marks `flagged` and `ambiguous` cells).
    pub class: &'static str,
    /// The cell's tooltip, "" for none.
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct HtmlTable {
    pub caption: String,
    /// The name of the table's scrolling region for assistive technology: the caption, or more
    /// where a page shows several tables of that caption (the audit names the source file).
    pub label: String,
    pub head: Vec<Vec<HtmlCell>>,
    pub body: Vec<Vec<HtmlCell>>,
}

/// One block of the document: `kind` is title, heading, subheading, paragraph, table or note.
#[derive(Debug, Clone)]
pub struct HtmlBlock {
    pub kind: &'static str,
    pub text: String,
    pub table: Option<HtmlTable>,
}

/// The report laid out for the templates.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub title: String,
    pub blocks: Vec<HtmlBlock>,
}

/// A grid cell as plain HTML: no class, no tooltip.
pub fn cell(c: &GridCell) -> HtmlCell {
    let (tag, scope) = match c.kind {
        CellKind::Header => ("th", "col"),
        CellKind::Label => ("th", "row"),
        CellKind::Value => ("td", ""),
    };
    HtmlCell {
        text: c.text.clone(),
        colspan: c.colspan,
        rowspan: c.rowspan,
        tag,
        scope,
        key: c.key.clone().unwrap_or_default(),
        class: "",
        title: String::new(),
    }
}

/// `g` as an HTML table, its column-heading rows in the head, each cell made by `cell`.
pub fn table_with(g: &Grid, mut cell: impl FnMut(&GridCell) -> HtmlCell) -> HtmlTable {
    let mut rows = g.rows.iter().map(|r| r.iter().map(&mut cell).collect::<Vec<_>>());
    let head = rows.by_ref().take(g.header_rows).collect();
    HtmlTable { caption: g.caption.clone(), label: g.caption.clone(), head, body: rows.collect() }
}

/// `report` in the official layout, with the correction note of its version, if any.
pub fn render(report: &Report, correction: Option<&str>) -> Rendered {
    let blocks = document(report, correction)
        .iter()
        .map(|b| match b {
            Block::Title(t) => HtmlBlock { kind: "title", text: t.clone(), table: None },
            Block::Heading(t) => HtmlBlock { kind: "heading", text: t.clone(), table: None },
            Block::SubHeading(t) => HtmlBlock { kind: "subheading", text: t.clone(), table: None },
            Block::Paragraph(t) => HtmlBlock { kind: "paragraph", text: t.clone(), table: None },
            Block::Note(t) => HtmlBlock { kind: "note", text: t.clone(), table: None },
            Block::Table(g) => HtmlBlock { kind: "table", text: String::new(), table: Some(table_with(g, cell)) },
        })
        .collect();
    Rendered { title: report.title(), blocks }
}

#[derive(Template)]
#[template(path = "report/standalone.html")]
struct Standalone<'a> {
    report: &'a Rendered,
}

#[derive(Template)]
#[template(path = "report/body_only.html")]
struct Body<'a> {
    report: &'a Rendered,
}

#[derive(Template)]
#[template(path = "report/table_only.html")]
struct Table<'a> {
    t: &'a HtmlTable,
}

/// The `<article>` of the report, for a page to embed.
pub fn body_html(report: &Rendered) -> String {
    Body { report }.render().expect("the report templates render every value")
}

/// One table, for a page to embed.
pub fn table_html(t: &HtmlTable) -> String {
    Table { t }.render().expect("the report templates render every value")
}

/// A complete HTML document of the report.
pub fn standalone_html(report: &Rendered) -> String {
    Standalone { report }.render().expect("the report templates render every value")
}

//! The annual report as the web shows and serves it: the official layout
//! (`gongkai_core::report::layout`) turned into HTML-ready blocks for the templates (the portal
//! page, the console preview and the standalone HTML file; the report audit's marked tables use
//! the same cells through [`table_with`]), and the report rendered in every
//! download format (HTML, PDF, DOCX, XLSX, CSV, JSON) on a blocking thread.

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongkai_core::report::layout::{Block, CellKind, Grid, GridCell, document};
use gongkai_core::report::model::Report;
use gongkai_store::{Error, Result};

use crate::portal::encode_query;

/// One table cell as HTML writes it.
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

pub struct HtmlTable {
    pub caption: String,
    /// The name of the table's scrolling region for assistive technology: the caption, or more
    /// where a page shows several tables of that caption (the audit names the source file).
    pub label: String,
    pub head: Vec<Vec<HtmlCell>>,
    pub body: Vec<Vec<HtmlCell>>,
}

/// One block of the document: `kind` is title, heading, subheading, paragraph, table or note.
pub struct HtmlBlock {
    pub kind: &'static str,
    pub text: String,
    pub table: Option<HtmlTable>,
}

/// The report laid out for a template.
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

/// A standalone HTML file of the report (what `gongkai report build --format html` writes).
#[derive(Template)]
#[template(path = "report/standalone.html")]
struct Standalone<'a> {
    report: &'a Rendered,
}

/// The download formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Html,
    Pdf,
    Docx,
    Xlsx,
    Csv,
    Json,
}

impl FileFormat {
    pub const ALL: [FileFormat; 6] =
        [FileFormat::Html, FileFormat::Pdf, FileFormat::Docx, FileFormat::Xlsx, FileFormat::Csv, FileFormat::Json];

    pub fn parse(s: &str) -> Result<FileFormat> {
        FileFormat::ALL.into_iter().find(|f| f.extension() == s).ok_or_else(|| {
            Error::field("format", "格式", format!("不支持“{s}”格式，可选：html、pdf、docx、xlsx、csv、json"))
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Html => "html",
            FileFormat::Pdf => "pdf",
            FileFormat::Docx => "docx",
            FileFormat::Xlsx => "xlsx",
            FileFormat::Csv => "csv",
            FileFormat::Json => "json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FileFormat::Html => "网页",
            FileFormat::Pdf => "PDF",
            FileFormat::Docx => "Word",
            FileFormat::Xlsx => "Excel",
            FileFormat::Csv => "CSV",
            FileFormat::Json => "JSON",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            FileFormat::Html => "text/html; charset=utf-8",
            FileFormat::Pdf => "application/pdf",
            FileFormat::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Json => "application/json",
        }
    }
}

/// `report` as a file of `format` (synchronous and CPU-bound for PDF: see [`file_async`]).
pub fn file(format: FileFormat, report: &Report, correction: Option<&str>) -> Result<Vec<u8>> {
    let failed = |e: gongkai_export::ExportError| Error::field("format", "格式", e.to_string());
    Ok(match format {
        FileFormat::Html => Standalone { report: &render(report, correction) }
            .render()
            .map_err(|e| Error::Internal(e.to_string()))?
            .into_bytes(),
        FileFormat::Pdf => gongkai_export::report_pdf(&document(report, correction)).map_err(failed)?,
        FileFormat::Docx => gongkai_export::report_docx(&document(report, correction)).map_err(failed)?,
        FileFormat::Xlsx => gongkai_export::report_xlsx(report).map_err(failed)?,
        FileFormat::Csv => gongkai_export::report_csv(report),
        FileFormat::Json => {
            let mut json = serde_json::to_vec_pretty(report).map_err(|e| Error::Internal(e.to_string()))?;
            json.push(b'\n');
            json
        }
    })
}

/// [`file()`] on a blocking thread, for async handlers.
pub async fn file_async(format: FileFormat, report: Report, correction: Option<String>) -> Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || file(format, &report, correction.as_deref()))
        .await
        .map_err(|e| Error::Internal(format!("report rendering task: {e}")))?
}

/// A download response: `{title}.{ext}`, cacheable by the portal (a published version never
/// changes; a correction is a new version with its own URL).
pub fn download(title: &str, format: FileFormat, bytes: Vec<u8>, cacheable: bool) -> Response {
    let filename = format!("{title}.{}", format.extension());
    let disposition = if format == FileFormat::Html {
        "inline".to_owned()
    } else {
        format!("attachment; filename=\"report.{}\"; filename*=UTF-8''{}", format.extension(), encode_query(&filename))
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if cacheable { "public, max-age=300" } else { "no-store" }),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

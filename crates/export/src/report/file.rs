//! The annual report in each download format, from one call: [`report_file`].

use gongkai_core::report::layout::document;
use gongkai_core::report::model::Report;

use super::html;
use crate::ExportError;

/// The download formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFileFormat {
    Html,
    Pdf,
    Docx,
    Xlsx,
    Csv,
    Json,
}

impl ReportFileFormat {
    pub const ALL: [ReportFileFormat; 6] = [Self::Html, Self::Pdf, Self::Docx, Self::Xlsx, Self::Csv, Self::Json];

    /// The format with extension `s` (`pdf`), or None.
    pub fn from_extension(s: &str) -> Option<ReportFileFormat> {
        Self::ALL.into_iter().find(|f| f.extension() == s)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Html => "网页",
            Self::Pdf => "PDF",
            Self::Docx => "Word",
            Self::Xlsx => "Excel",
            Self::Csv => "CSV",
            Self::Json => "JSON",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Html => "text/html; charset=utf-8",
            Self::Pdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Json => "application/json",
        }
    }
}

/// `report` as a file of `format`, with the correction note of its version (synchronous and
/// CPU-bound for PDF: call it from a blocking thread).
pub fn report_file(
    format: ReportFileFormat,
    report: &Report,
    correction: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ReportFileFormat::Html => html::standalone_html(&html::render(report, correction)).into_bytes(),
        ReportFileFormat::Pdf => super::report_pdf(&document(report, correction))?,
        ReportFileFormat::Docx => super::report_docx(&document(report, correction))?,
        ReportFileFormat::Xlsx => super::report_xlsx(report)?,
        ReportFileFormat::Csv => super::report_csv(report),
        ReportFileFormat::Json => {
            let mut json = serde_json::to_vec_pretty(report).map_err(|e| ExportError::Json(e.to_string()))?;
            json.push(b'\n');
            json
        }
    })
}

//! The annual report (政府信息公开工作年度报告) in the official layout of
//! `gongkai_core::report::layout`, as files:
//!
//! - `pdf`: [`report_pdf`] typesets the layout's blocks with typst (`report.typ`, shared engine).
//! - `docx`: [`report_docx`] writes a Word document with real merged table cells.
//! - `xlsx`: [`report_xlsx`] writes a workbook: a sheet 报告, then one sheet per table.
//! - `csv`: [`report_csv`] writes every value cell as one line, with its labels.
//! - [`html`]: the layout as HTML (page fragments, a table, the standalone document).
//! - `file`: [`report_file`], any of the formats from one call.
//! - `widths`: the column proportions of a table, shared by PDF, DOCX and XLSX.
//!
//! PDF and DOCX take the blocks (`layout::document`), so a corrected version can carry its note;
//! XLSX and CSV take the report, since they hold only its tables.

mod csv;
mod docx;
mod file;
pub mod html;
mod pdf;
mod widths;
mod xlsx;

pub use csv::report_csv;
pub use docx::report_docx;
pub use file::{ReportFileFormat, report_file};
pub use pdf::report_pdf;
pub use xlsx::report_xlsx;

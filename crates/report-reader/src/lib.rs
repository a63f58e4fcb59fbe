//! gongkai-report-reader: published annual reports (政府信息公开工作年度报告) read into the report model
//! of `report-model.md` and checked with the same rules as the reports gongkai generates.
//!
//! Entry points: [`audit()`] (bytes and a source name in, [`AuditOutput`] out: the JSON of
//! report-model.md §Audit output), [`audit_file`], and [`audit_series`] for the carry-over
//! between consecutive years. A web handler renders `output.report`'s tables and marks each
//! cell with [`AuditOutput::about`] (findings whose `where` covers the cell's key).
//!
//! Reading order:
//! - [`decode`]: bytes to text (UTF-8, GB18030/GBK, Big5; mojibake repair).
//! - [`html`], [`site_boilerplate`], [`normalize`]: lines of text without page chrome, in display and
//!   matching form (简体, folded widths).
//! - [`read`]: the reader (format, year, agency, sections, table cells, ambiguities).
//! - [`narrative`]: figures stated in the text, `text.table_mismatch`.
//! - [`audit`](mod@audit): the rules, `*.missing`, series mode.
//! - [`output`]: the output types.
//! - `testgen` (feature `testgen`): random reports rendered in every style, for tests, the fuzz
//!   driver and the benchmark.

pub mod audit;
pub mod decode;
pub mod error;
pub mod html;
pub mod narrative;
pub mod normalize;
pub mod output;
pub mod read;
pub mod site_boilerplate;
#[cfg(feature = "testgen")]
pub mod testgen;

use std::path::Path;

pub use audit::{audit, audit_series};
pub use error::Error;
pub use output::{Ambiguity, AuditFinding, AuditOutput, ImportFormat, ImportedReport};

/// Reads and audits a file; the source is named by its file name.
pub fn audit_file(path: &Path) -> Result<AuditOutput, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(audit(&bytes, &name))
}

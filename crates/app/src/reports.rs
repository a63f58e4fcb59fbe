//! The annual report's files: rendering a report in a download format on a blocking thread
//! (PDF and DOCX are CPU-bound), for the portal, the console and `gongkai report build`.

use gongkai_core::report::model::Report;
use gongkai_export::ReportFileFormat;
use gongkai_store::{Error, Result};

/// `report` as a file of `format`, with its correction note.
pub async fn file(format: ReportFileFormat, report: Report, correction: Option<String>) -> Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || gongkai_export::report_file(format, &report, correction.as_deref()))
        .await
        .map_err(|e| Error::Internal(format!("report rendering task: {e}")))?
        .map_err(|e| Error::field("format", "格式", e.to_string()))
}

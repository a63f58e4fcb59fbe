//! The supervisors' audit of published annual reports (`/admin/report-audit`): upload one or
//! many reports (HTML or text files, or pasted text), see each one's tables in the official
//! layout beside the findings with the offending cells marked, and download the findings as
//! XLSX.
//!
//! Only supervisors and administrators may use it (others get 403). Nothing is stored: the
//! files are read in memory, audited with `gongkai_report_reader` on a blocking thread and forgotten;
//! the audit log records state changes only, so the page writes no record and logs the number
//! of files audited and by whom instead.
//!
//! The XLSX is a second submit button of the same form (`formaction`): browsers cannot re-send
//! chosen files without JavaScript, so the results page repeats the form for the download.

mod upload;
mod view;
mod workbook;

use askama::Template;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use gongkai_core::agency::Permission;
use gongkai_core::field::FieldErrors;
use gongkai_report_reader::{AuditOutput, ImportFormat, audit, audit_series};
use gongkai_store::Error;

use self::upload::{Batch, MAX_FILES};
use self::view::FileView;
use super::ConsoleHeader;
use crate::auth::StaffSession;
use crate::error::WebResult;
use crate::report_view::{FileFormat, download};

/// One source after the audit: what it is called, why it could not be read (if so), and the
/// audit's output (absent when the source was refused before reading).
pub struct Audited {
    pub source: String,
    pub problem: Option<&'static str>,
    pub output: Option<AuditOutput>,
}

#[derive(Template)]
#[template(path = "admin/report_audit.html")]
struct AuditPage {
    nav: ConsoleHeader,
    max_files: usize,
    series: bool,
    /// The pasted text, shown again so the Excel button re-sends it.
    pasted: String,
    errors: FieldErrors,
    files: Vec<FileView>,
}

/// A submission read and audited.
struct Done {
    series: bool,
    pasted: String,
    audited: Vec<Audited>,
}

fn allowed(me: &StaffSession) -> WebResult<()> {
    me.require(Permission::AuditPublishedReports, &me.agency)
}

fn page(me: &StaffSession, errors: FieldErrors, done: Option<Done>) -> AuditPage {
    let (series, pasted, files) = match done {
        Some(d) => (d.series, d.pasted, d.audited.iter().map(FileView::of).collect()),
        None => (false, String::new(), Vec::new()),
    };
    AuditPage { nav: ConsoleHeader::of(me), max_files: MAX_FILES, series, pasted, errors, files }
}

/// The upload form.
pub async fn form(me: StaffSession) -> WebResult<Response> {
    allowed(&me)?;
    Ok(crate::view::page(&page(&me, FieldErrors::new(), None)))
}

/// The results page.
pub async fn submit(me: StaffSession, multipart: Multipart) -> WebResult<Response> {
    allowed(&me)?;
    match read_and_audit(&me, multipart).await? {
        Ok(done) => Ok(crate::view::page(&page(&me, FieldErrors::new(), Some(done)))),
        Err(refused) => Ok(refused),
    }
}

/// The findings as an XLSX workbook.
pub async fn findings_xlsx(me: StaffSession, multipart: Multipart) -> WebResult<Response> {
    allowed(&me)?;
    let done = match read_and_audit(&me, multipart).await? {
        Ok(done) => done,
        Err(refused) => return Ok(refused),
    };
    let bytes =
        tokio::task::spawn_blocking(move || gongkai_export::audit_findings_xlsx(&workbook::sheets(&done.audited)))
            .await
            .map_err(|e| Error::Internal(format!("audit workbook task: {e}")))?
            .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(download("年度报告审查发现的问题", FileFormat::Xlsx, bytes, false))
}

/// Reads the form and audits every source; an invalid form is answered with the form again
/// and its message (422).
async fn read_and_audit(me: &StaffSession, multipart: Multipart) -> WebResult<Result<Done, Response>> {
    let batch = match Batch::read(multipart).await {
        Ok(batch) => batch,
        Err(errors) => {
            return Ok(Err(crate::view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page(me, errors, None))));
        }
    };
    let series = batch.series;
    let pasted = batch
        .sources
        .iter()
        .find(|s| !s.uploaded)
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .unwrap_or_default();
    tracing::info!(staff = %me.staff.username, files = batch.sources.len(), series, "report audit");
    let audited = tokio::task::spawn_blocking(move || audit_batch(batch))
        .await
        .map_err(|e| Error::Internal(format!("report audit task: {e}")))?;
    Ok(Ok(Done { series, pasted, audited }))
}

/// Audits each source (CPU-bound), then the carry-over between years if asked.
fn audit_batch(batch: Batch) -> Vec<Audited> {
    let mut audited: Vec<Audited> = batch
        .sources
        .into_iter()
        .map(|s| match s.unreadable() {
            Some(problem) => Audited { source: s.name, problem: Some(problem), output: None },
            None => {
                let output = audit(&s.bytes, &s.name);
                let problem = (output.format == ImportFormat::Unknown)
                    .then_some("未能识别为政府信息公开工作年度报告：既没有找到表二至表四，也没有找到2019年以前的统计表。请确认上传的是年度报告全文。");
                Audited { source: s.name, problem, output: Some(output) }
            }
        })
        .collect();
    if batch.series {
        let read: Vec<usize> = (0..audited.len()).filter(|&i| audited[i].output.is_some()).collect();
        let mut outputs: Vec<AuditOutput> = read.iter().filter_map(|&i| audited[i].output.take()).collect();
        audit_series(&mut outputs);
        for (i, output) in read.into_iter().zip(outputs) {
            audited[i].output = Some(output);
        }
    }
    audited
}

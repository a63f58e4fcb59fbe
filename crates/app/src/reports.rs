//! The annual report as staff work on it: the figures and texts they enter, publication and
//! corrections (each authorized: 编辑年度报告 / 发布和更正年度报告), and the report's files in
//! every download format, rendered on a blocking thread (PDF and DOCX are CPU-bound).

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

use std::collections::BTreeMap;

use gongkai_core::agency::policy::Permission;
use gongkai_core::report::sections::Sections;
use gongkai_store::agency::{self, Agency};
use gongkai_store::report::publish::{self as stored_publish, Version};
use gongkai_store::report::{self as stored_report, entries};

use crate::principal::Principal;
use crate::services::App;

async fn agency_with(app: &App, who: &Principal, agency_id: i64, permission: Permission) -> Result<Agency> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(permission, &agency)?;
    Ok(agency)
}

/// The agency whose report `who` reads (the console page checks this first).
pub async fn readable(app: &App, who: &Principal, agency_id: i64) -> Result<Agency> {
    agency_with(app, who, agency_id, Permission::ReadReport).await
}

/// Saves the table 二 figures the agency enters for `year` (typed in a form or read from CSV).
pub async fn save_figures(
    app: &App,
    who: &Principal,
    agency_id: i64,
    year: i32,
    values: &BTreeMap<String, serde_json::Number>,
) -> Result<()> {
    agency_with(app, who, agency_id, Permission::EditReport).await?;
    entries::save_figures(&app.db, &who.actor(), agency_id, year, values).await
}

/// Saves the narrative sections of the report of `year`.
pub async fn save_sections(app: &App, who: &Principal, agency_id: i64, year: i32, sections: &Sections) -> Result<()> {
    agency_with(app, who, agency_id, Permission::EditReport).await?;
    entries::save_sections(&app.db, &who.actor(), agency_id, year, sections).await
}

/// Publishes (or republishes, while amending) the report of `year`; refused while a finding stands.
pub async fn publish(app: &App, who: &Principal, agency_id: i64, year: i32) -> Result<Version> {
    agency_with(app, who, agency_id, Permission::PublishReport).await?;
    let version = stored_report::publish_year(&app.db, &who.actor(), agency_id, year).await?;
    // A published report is a record the public relies on: sign the log as it stands now.
    if let Err(e) = crate::jobs::checkpoint_audit(app, "report_published").await {
        tracing::error!(error = %e, "audit checkpoint after a report publication failed");
    }
    Ok(version)
}

/// Opens a correction of the published report of `year`, with its reason.
pub async fn open_amendment(app: &App, who: &Principal, agency_id: i64, year: i32, reason: &str) -> Result<()> {
    agency_with(app, who, agency_id, Permission::PublishReport).await?;
    stored_publish::open_amendment(&app.db, &who.actor(), agency_id, year, reason).await
}

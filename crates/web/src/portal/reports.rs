//! The portal's 政府信息公开年报 column: the published annual reports of an agency, each in its
//! official layout with its correction note, earlier versions on request, and the files (PDF,
//! Word, Excel, CSV, JSON, HTML). Only published versions are ever shown here.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_store::agency::{self, Agency};
use gongkai_store::report::publish::{self, Version};
use gongkai_store::{Error, timestamp};
use serde::Deserialize;

use super::preferences::Prefs;
use super::{PageFrame, cacheable};
use crate::error::WebResult;
use crate::report_view::{self, FileFormat, Rendered};
use crate::state::AppState;
use crate::view;

/// One published year in the column.
pub struct Year {
    pub year: i32,
    pub version: i64,
    pub published: String,
}

#[derive(Template)]
#[template(path = "portal/reports.html")]
struct Column {
    chrome: PageFrame,
    agency: Agency,
    years: Vec<Year>,
}

pub async fn list(State(state): State<AppState>, prefs: Prefs, Path(code): Path<String>) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let years = publish::published_years(&state.db, agency.id)
        .await?
        .into_iter()
        .map(|(year, version, at)| Year { year, version, published: timestamp::china_minutes(&at) })
        .collect();
    let chrome = PageFrame::new(&state.site, Some(&agency), prefs);
    Ok(cacheable(view::page(&Column { chrome, agency, years })))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct VersionQuery {
    version: Option<i64>,
}

/// A version shown in the list of versions.
pub struct VersionLine {
    pub version: i64,
    pub published: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "portal/report.html")]
struct Page {
    chrome: PageFrame,
    agency: Agency,
    year: i32,
    version: i64,
    latest: i64,
    published: String,
    report: Rendered,
    report_html: String,
    formats: Vec<(&'static str, &'static str)>,
    versions: Vec<VersionLine>,
}

async fn version(
    state: &AppState,
    code: &str,
    year: i32,
    wanted: Option<i64>,
) -> WebResult<(Agency, Version, Vec<Version>)> {
    let agency = agency::by_code(&state.db, code).await?;
    let versions = publish::versions(&state.db, agency.id, year).await?;
    let chosen = match wanted {
        Some(n) => versions.iter().find(|v| v.version == n),
        None => versions.last(),
    }
    .cloned()
    .ok_or(Error::NotFound("该年度已发布的年度报告"))?;
    Ok((agency, chosen, versions))
}

pub async fn show(
    State(state): State<AppState>,
    prefs: Prefs,
    Path((code, year)): Path<(String, i32)>,
    Query(q): Query<VersionQuery>,
) -> WebResult<Response> {
    let (agency, v, versions) = version(&state, &code, year, q.version).await?;
    let report = report_view::render(&v.report()?, v.correction_note.as_deref());
    let page = Page {
        chrome: PageFrame::new(&state.site, Some(&agency), prefs),
        year,
        version: v.version,
        latest: versions.last().map_or(v.version, |l| l.version),
        published: v.published_at.to_string(),
        report_html: report_view::body_html(&report),
        report,
        formats: FileFormat::ALL
            .iter()
            .filter(|f| **f != FileFormat::Html)
            .map(|f| (f.extension(), f.label()))
            .collect(),
        versions: versions
            .iter()
            .map(|x| VersionLine {
                version: x.version,
                published: x.published_at.to_string(),
                note: x.correction_note.clone().unwrap_or_default(),
            })
            .collect(),
        agency,
    };
    Ok(cacheable(view::page(&page)))
}

pub async fn file(
    State(state): State<AppState>,
    Path((code, year, format)): Path<(String, i32, String)>,
    Query(q): Query<VersionQuery>,
) -> WebResult<Response> {
    let format = report_view::parse_format(&format)?;
    let (_, v, _) = version(&state, &code, year, q.version).await?;
    let report = v.report()?;
    let title = report.title();
    let bytes = gongkai_app::reports::file(format, report, v.correction_note.clone()).await?;
    Ok(report_view::download(&title, format, bytes, true))
}

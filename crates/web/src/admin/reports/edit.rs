//! The report page's forms (POST): the table 二 figures (form or CSV), the narrative, publishing
//! and opening a correction. Each is one use case of [`gongkai_app::reports`]; invalid input re-shows the page with every
//! message beside its field and changes nothing.

use std::collections::BTreeMap;

use crate::extract::Path;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::reports;
use gongkai_core::report::sections::Sections;
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::report::entries;
use serde::Deserialize;

use super::page::invalid;
use super::{may_edit, may_publish};
use crate::admin::HtmlForm;
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::state::AppState;

async fn load(
    state: &AppState,
    me: &StaffSession,
    id: i64,
    allowed: fn(&StaffSession, &Agency) -> bool,
) -> WebResult<Agency> {
    // The use case authorizes too; this check comes first so that a form with errors is never
    // re-shown (with the report in it) to someone who may not edit it.
    let agency = agency::get(&state.db, id).await?;
    if !allowed(me, &agency) {
        return Err(WebError::App(Error::Forbidden));
    }
    Ok(agency)
}

fn back(id: i64, year: i32, saved: &str) -> Response {
    Redirect::to(&format!("/admin/agencies/{id}/report?year={year}&saved={saved}")).into_response()
}

/// The figures form: one field per entered cell, named by its key.
pub async fn figures(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, year)): Path<(i64, i32)>,
    HtmlForm(form): HtmlForm<BTreeMap<String, String>>,
) -> WebResult<Response> {
    let agency = load(&state, &me, id, may_edit).await?;
    let result = match entries::parse_figures(year, &form) {
        Ok(values) => reports::save_figures(&state.app, &me.principal, id, year, &values).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(back(id, year, "figures")),
        Err(Error::Invalid(errors)) => invalid(&state, &me, agency, year, (Some(&form), None), errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

/// A CSV file of figures (`键,数值` lines), as exported by spreadsheets.
pub async fn figures_csv(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, year)): Path<(i64, i32)>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let agency = load(&state, &me, id, may_edit).await?;
    let mut bytes = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            bytes = field
                .bytes()
                .await
                .map_err(|_| WebError::App(Error::field("file", "CSV文件", "CSV文件无法读取")))?
                .to_vec();
        }
    }
    let result = match String::from_utf8(bytes) {
        Ok(text) if !text.trim().is_empty() => match entries::parse_figures_csv(year, &text) {
            Ok(values) => reports::save_figures(&state.app, &me.principal, id, year, &values).await,
            Err(e) => Err(e),
        },
        Ok(_) => Err(Error::field("file", "CSV文件", "请选择要导入的CSV文件")),
        Err(_) => Err(Error::field("file", "CSV文件", "CSV文件须为UTF-8编码（在表格软件中“另存为 CSV UTF-8”）")),
    };
    match result {
        Ok(()) => Ok(back(id, year, "figures")),
        Err(Error::Invalid(errors)) => invalid(&state, &me, agency, year, (None, None), errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize)]
pub struct SectionsForm {
    overview: String,
    problems: String,
    other: String,
}

pub async fn sections(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, year)): Path<(i64, i32)>,
    HtmlForm(form): HtmlForm<SectionsForm>,
) -> WebResult<Response> {
    let agency = load(&state, &me, id, may_edit).await?;
    let typed = Sections { overview: form.overview, problems: form.problems, other: form.other };
    match reports::save_sections(&state.app, &me.principal, id, year, &typed).await {
        Ok(()) => Ok(back(id, year, "sections")),
        Err(Error::Invalid(errors)) => invalid(&state, &me, agency, year, (None, Some(&typed)), errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

pub async fn publish(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, year)): Path<(i64, i32)>,
) -> WebResult<Response> {
    let agency = load(&state, &me, id, may_publish).await?;
    match reports::publish(&state.app, &me.principal, id, year).await {
        Ok(_) => Ok(back(id, year, "published")),
        Err(Error::Invalid(errors)) => invalid(&state, &me, agency, year, (None, None), errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize)]
pub struct AmendForm {
    reason: String,
}

pub async fn amend(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, year)): Path<(i64, i32)>,
    HtmlForm(form): HtmlForm<AmendForm>,
) -> WebResult<Response> {
    let agency = load(&state, &me, id, may_publish).await?;
    match reports::open_amendment(&state.app, &me.principal, id, year, &form.reason).await {
        Ok(()) => Ok(back(id, year, "amending")),
        Err(Error::Invalid(errors)) => invalid(&state, &me, agency, year, (None, None), errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

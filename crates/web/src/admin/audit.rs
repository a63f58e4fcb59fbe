//! The audit log as seen by admins and supervisors (their subtree's records).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_store::Error;
use gongkai_store::audit::{self, Record};

use super::Nav;
use crate::auth::Me;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    nav: Nav,
    records: Vec<Record>,
}

pub async fn recent(State(state): State<AppState>, me: Me) -> WebResult<Response> {
    if !me.sees_subtree() {
        return Err(WebError::App(Error::Forbidden));
    }
    let records = audit::recent(&state.db, &me.agency.path, 200).await?;
    Ok(view::page(&AuditPage { nav: Nav::of(&me), records }))
}

//! The audit log as seen by admins and supervisors (their subtree's records), described by
//! [`gongkai_app::audit_log`].

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_app::audit_log::{self, AuditLine};

use super::ConsoleHeader;
use crate::auth::StaffSession;
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    nav: ConsoleHeader,
    lines: Vec<AuditLine>,
}

pub async fn recent(State(state): State<AppState>, me: StaffSession) -> WebResult<Response> {
    let lines = audit_log::recent(&state.app, &me.principal, 200).await?;
    Ok(view::page(&AuditPage { nav: ConsoleHeader::of(&me), lines }))
}

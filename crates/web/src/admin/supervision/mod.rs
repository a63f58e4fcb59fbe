//! The supervision dashboard (`/admin/agencies/{id}/supervision`) for supervisors and
//! administrators over their agency's subtree: the month's figures of the agency itself and of
//! each child with everything below it, each figure a link to the records behind it
//! ([`drill`]), charts drawn on the server as SVG with their numbers in a table beside them
//! ([`charts`]), and the monthly notice as DOCX or PDF ([`notice`]).
//!
//! Every route checks [`allowed`]: the viewer holds the supervisor or admin role and reads the
//! target agency (own or below); an agency above or beside the viewer's is refused with 403.

mod charts;
mod dashboard;
mod drill;
mod notice;

use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::agency::Permission;
use gongkai_core::supervision::Month;
use gongkai_store::agency::{self, Agency};
use gongkai_store::{Error, timestamp};
use serde::Deserialize;

use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::state::AppState;

pub use dashboard::show;
pub use drill::list;
pub use notice::file;

/// `?month=2026-10` (default: the current month) and `?own=1` (the agency alone).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MonthQuery {
    pub month: String,
    pub own: String,
}

impl MonthQuery {
    /// The month asked for, or the current one; a malformed month is a field error (422).
    pub fn month(&self) -> WebResult<Month> {
        if self.month.trim().is_empty() {
            return Ok(Month::of(timestamp::today_in_china()));
        }
        Month::parse(&self.month).map_err(|e| WebError::App(Error::Invalid(e.into())))
    }
}

/// The agency, if the viewer may supervise it.
async fn allowed(state: &AppState, me: &StaffSession, id: i64) -> WebResult<Agency> {
    let target = agency::get(&state.db, id).await?;
    me.require(Permission::ReadSupervision, &target)?;
    Ok(target)
}

/// `/admin/supervision`: the viewer's own agency.
pub async fn mine(me: StaffSession) -> Response {
    Redirect::to(&format!("/admin/agencies/{}/supervision", me.agency.id)).into_response()
}

//! The staff console under `/admin`.
//!
//! Every route but the login page extracts [`crate::auth::StaffSession`] (redirecting to the login page
//! without a valid session) and, before touching an agency's data, calls [`StaffSession::require`] with the
//! access it needs: read for pages, write for changes. Forms are re-shown with each field's
//! Chinese message beside it when the input is invalid; nothing is written in that case.

mod account;
mod agencies;
mod audit;
mod calendar;
mod form;
mod items;
mod login;
mod report_audit;
mod reports;
mod request_steps;
mod requests;
mod staff;
mod supervision;
mod tokens;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};

use crate::auth::StaffSession;
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

pub use form::{HtmlForm, SelectOption};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(home))
        .route("/admin/login", get(login::show).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/password", get(account::show).post(account::submit))
        .route("/admin/agencies", get(agencies::tree))
        .route("/admin/agencies/{id}", get(agencies::show).post(agencies::update))
        .route("/admin/agencies/{id}/edit", get(agencies::edit))
        .route("/admin/agencies/{id}/new", get(agencies::new_child))
        .route("/admin/agencies/{id}/children", post(agencies::create_child))
        .route("/admin/agencies/{id}/staff", get(staff::list).post(staff::create))
        .route("/admin/agencies/{id}/staff/new", get(staff::new_form))
        .route("/admin/staff/{id}", get(staff::show).post(staff::update))
        .route("/admin/staff/{id}/password", post(staff::reset_password))
        .route("/admin/staff/{id}/email", post(staff::set_email))
        .route("/admin/tokens", get(tokens::mine))
        .route("/admin/staff/{id}/tokens", get(tokens::list).post(tokens::issue))
        .route("/admin/staff/{id}/tokens/{token}/revoke", post(tokens::revoke))
        .route("/admin/audit", get(audit::recent))
        .route("/admin/agencies/{id}/items", get(items::list).post(items::create))
        .route("/admin/agencies/{id}/items/new", get(items::new_form))
        .route("/admin/items/{id}", get(items::show).post(items::update))
        .route("/admin/items/{id}/edit", get(items::edit))
        .route("/admin/items/{id}/workflow", post(items::transition))
        .route("/admin/items/{id}/hits/{hit}", post(items::resolve_hit))
        .route(
            "/admin/items/{id}/attachments",
            post(items::upload).layer(axum::extract::DefaultBodyLimit::max(crate::portal::UPLOAD_BODY_LIMIT)),
        )
        .route("/admin/items/{id}/attachments/{attachment}/delete", post(items::remove_attachment))
        .route("/admin/attachments/{attachment}", get(items::download))
        .route(
            "/admin/agencies/{id}/requests",
            get(requests::list)
                .post(requests::register)
                .layer(axum::extract::DefaultBodyLimit::max(crate::portal::UPLOAD_BODY_LIMIT)),
        )
        .route("/admin/agencies/{id}/requests/new", get(requests::new_form))
        .route("/admin/agencies/{id}/requests/ledger.csv", get(requests::ledger_csv))
        .route("/admin/agencies/{id}/requests/ledger.xlsx", get(requests::ledger_xlsx))
        .route("/admin/requests/{id}", get(requests::show))
        .route("/admin/requests/{id}/print", get(requests::print))
        .route("/admin/requests/{id}/workflow", post(requests::step))
        .route("/admin/requests/{id}/appeals", post(requests::add_appeal))
        .route("/admin/requests/{id}/letter/{format}", get(requests::letter))
        .route("/admin/agencies/{id}/messages", get(requests::messages))
        .route("/admin/agencies/{id}/report", get(reports::show))
        .route("/admin/agencies/{id}/report/{year}/figures", post(reports::figures))
        .route("/admin/agencies/{id}/report/{year}/figures.csv", post(reports::figures_csv))
        .route("/admin/agencies/{id}/report/{year}/sections", post(reports::sections))
        .route("/admin/agencies/{id}/report/{year}/publish", post(reports::publish))
        .route("/admin/agencies/{id}/report/{year}/amend", post(reports::amend))
        .route("/admin/agencies/{id}/messages/{message}/reply", post(requests::reply))
        .route("/admin/agencies/{id}/letter-templates", get(requests::templates).post(requests::save_template))
        .route(
            "/admin/report-audit",
            get(report_audit::form)
                .post(report_audit::submit)
                .layer(axum::extract::DefaultBodyLimit::max(crate::portal::UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/admin/report-audit/findings.xlsx",
            post(report_audit::findings_xlsx)
                .layer(axum::extract::DefaultBodyLimit::max(crate::portal::UPLOAD_BODY_LIMIT)),
        )
        .route("/admin/supervision", get(supervision::mine))
        .route("/admin/agencies/{id}/supervision", get(supervision::show))
        .route("/admin/agencies/{id}/supervision/notice/{format}", get(supervision::file))
        .route("/admin/agencies/{id}/supervision/{figure}", get(supervision::list))
        .route("/admin/calendar", get(calendar::show))
        .route("/admin/calendar/overrides", post(calendar::add_override))
        .route("/admin/calendar/years", post(calendar::load_year))
}

/// The console's header: who is logged in, and which links to show.
pub struct ConsoleHeader {
    pub display_name: String,
    pub username: String,
    /// The signed-in member's account (the link to their own account page).
    pub staff_id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub sees_subtree: bool,
}

impl ConsoleHeader {
    pub fn of(me: &StaffSession) -> Self {
        Self {
            display_name: me.staff.display_name.clone(),
            username: me.staff.username.clone(),
            staff_id: me.staff.id,
            agency_id: me.agency.id,
            agency_name: me.agency.name.clone(),
            sees_subtree: me.sees_subtree(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/home.html")]
struct Home {
    nav: ConsoleHeader,
    roles: String,
    missing_year: Option<i32>,
    /// The member's own reminders, newest first.
    reminders: Vec<gongkai_store::request::notify::Notification>,
}

async fn home(State(state): State<AppState>, me: StaffSession) -> WebResult<Response> {
    let missing_year = calendar::missing_year_warning(&state).await;
    let reminders = gongkai_app::notifications::mine(&state.app, &me.principal, 5).await?;
    Ok(view::page(&Home { roles: me.staff.roles().labels(), nav: ConsoleHeader::of(&me), missing_year, reminders }))
}

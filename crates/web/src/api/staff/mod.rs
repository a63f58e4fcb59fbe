//! The staff JSON API under `/api/v1/staff` for the office systems agencies connect (OA, 12345
//! hotline platforms): the console's use cases over `Authorization: Bearer gk_…` personal tokens
//! ([`gongkai_app::tokens`]). A token acts as its staff member, with the member's roles and
//! agency scope; every route calls one use case of the application layer, which authorizes.
//!
//! - `bearer`: the token check ([`ApiStaff`]), 401 with `WWW-Authenticate: Bearer`.
//! - `requests`: list, read and register requests; apply a workflow step.
//! - `items`: list, read, create and update drafts; review steps; import.
//!
//! Every answer is `Cache-Control: no-store` (it carries personal data), errors are the API's
//! JSON (`{"error", "fields": [{"field", "label", "message"}]}`), and another agency's record
//! answers 403 naming the permission.

mod bearer;
mod items;
mod requests;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

pub use bearer::ApiStaff;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/staff/me", get(bearer::me))
        .route("/api/v1/staff/requests", get(requests::list).post(requests::register))
        .route("/api/v1/staff/requests/{id}", get(requests::read))
        .route("/api/v1/staff/requests/{id}/steps", post(requests::step))
        .route("/api/v1/staff/items", get(items::list).post(items::create))
        .route("/api/v1/staff/items/import", post(items::import))
        .route("/api/v1/staff/items/{id}", get(items::read).put(items::update))
        .route("/api/v1/staff/items/{id}/review", post(items::review))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

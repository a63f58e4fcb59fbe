//! gongkai-web: the HTTP adapter.
//!
//! Reading order:
//! - [`state`]: what every handler shares (database, site settings, login limits, metrics).
//! - [`error`]: how domain errors become Chinese error pages or JSON, never leaking internals.
//! - [`auth`]: the session cookie, the logged-in staff extractor, and the one access check.
//! - [`portal`]: the public site (never touches sessions, so it stays cacheable and fast).
//! - [`admin`]: the staff console under `/admin`.
//! - [`api`]: the JSON API under `/api/v1`.
//! - [`ops`]: `/healthz`, `/metrics`, request metrics.
//! - [`jobs`]: background steps (search indexing from the outbox, scheduled publication,
//!   notification delivery).
//! - [`letters`]: reply letters rendered through the export crate, archived, downloaded.
//! - [`report_view`]: the annual report in its official layout as HTML, and as PDF, Word, Excel,
//!   CSV and JSON files.
//! - [`app`]: the router with its middleware, and [`app::serve`].
//!
//! Handlers are short lists of steps: extract, parse the input into domain types, call a domain
//! function, render.

pub mod admin;
pub mod api;
pub mod app;
pub mod auth;
pub mod error;
pub mod jobs;
pub mod letters;
pub mod ops;
pub mod portal;
pub mod report_view;
pub mod state;
mod view;

pub use app::{router, serve};
pub use state::{AppState, SiteConfig};

//! gongkai-web: the HTTP adapter.
//!
//! Reading order:
//! - [`state`]: what every handler shares (the application layer, site settings, login limits).
//! - [`error`]: how domain errors become Chinese error pages or JSON, never leaking internals.
//! - [`input_guard`]: refuses a NUL character in the address or a text body (400).
//! - [`load_limits`]: bounded heavy work (503 when the queue is full) and per-address limits on
//!   the public's posts and uploads (429), each with `Retry-After`.
//! - [`security_headers`]: `no-store` on personal answers, Permissions-Policy, HSTS over TLS.
//! - [`auth`]: the session cookie, the logged-in staff extractor, and the one access check.
//! - [`portal`]: the public site (never touches sessions, so it stays cacheable and fast).
//! - [`admin`]: the staff console under `/admin`.
//! - [`api`]: the JSON API under `/api/v1`.
//! - [`ops`]: `/healthz`, `/metrics`, request metrics.
//! - [`letters`]: reply letters as downloads (rendered and archived by [`gongkai_app::letters`]).
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
pub mod client_address;
pub mod error;
pub mod extract;
pub mod input_guard;
pub mod letters;
pub mod load_limits;
mod once;
pub mod ops;
pub mod portal;
pub mod report_view;
pub mod security_headers;
pub mod state;
mod view;

pub use app::{router, serve};
pub use state::{AppState, SiteConfig};

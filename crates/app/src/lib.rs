//! gongkai-app: the application layer. One function per use case, each authorizing completely
//! inside (role, agency scope, relation to the record) through [`Principal::authorize`], and
//! orchestrating the store, the search replica, the blob store, the exports and the
//! notifications. The console, the JSON APIs and the CLI call these functions and nothing below
//! them for state changes; nothing here knows about HTTP or terminals.
//!
//! Module map (read in this order):
//! - [`principal`]: who acts ([`Principal`]: staff, the operator at the command line, the public,
//!   gongkai itself) and the one authorization call, backed by the table in
//!   [`gongkai_core::agency::policy`].
//! - [`services`]: [`App`], the handle every use case runs on (database, blobs, search, config).
//! - [`config`]: the installation's settings the use cases read (mail, notification files,
//!   supervision rules).
//! - [`account`]: signing in and out, changing one's own password.
//! - [`calendar`]: local working-day overrides and national year files.
//! - [`agencies`], [`staff`]: the agency tree and its accounts, as administrators manage them.
//! - [`catalogue`]: drafts, attachments, secrecy hits and the review chain of proactive items.
//! - [`requests`]: disclosure requests: intake, lists, one case, workflow steps, appeals,
//!   messages, letter templates and letters.
//! - [`tokens`]: personal API tokens of the staff JSON API (made, listed, revoked, checked).
//! - [`audit_log`]: the audit log described for people (who, what, which record, in Chinese).
//! - [`reports`]: the annual report's files in every download format.
//! - [`search_index`]: this node's search replica; following the outbox, rebuilding.
//! - [`notifications`]: delivering the notification outbox (SMTP or files).
//! - [`letters`]: reply letters rendered, archived, fetched.
//! - [`jobs`]: the background jobs as "one step + a loop".
//!
//! Errors are [`gongkai_store::Error`] throughout: the one error enum of the application, with
//! field errors in Chinese, not found, denied (naming the permission), and internal failures.

pub mod account;
pub mod agencies;
pub mod audit_log;
pub mod calendar;
pub mod catalogue;
pub mod config;
pub mod item_history;
pub mod jobs;
pub mod letters;
pub mod notifications;
pub mod principal;
pub mod reports;
pub mod requests;
pub mod search_index;
pub mod search_log;
pub mod services;
pub mod staff;
pub mod tokens;

pub use config::{Config, SmtpConfig};
pub use gongkai_store::{Error, Result};
pub use principal::{Principal, StaffMember, Via};
pub use services::App;

//! gongkai-store: the single source of truth, and the domain services that change it.
//!
//! Reading order:
//! - [`error`]: the one error type of the application (field errors, not found, forbidden, storage).
//! - [`decode`]: stored text read into the core's types once, at this boundary (a value that does
//!   not decode is an error naming its row).
//! - [`db`]: the database handle; SQLite (embedded default) or PostgreSQL, chosen once from the URL.
//!   Nothing outside this module knows which backend runs.
//! - [`audit`]: the append-only, SHA-256 hash-chained log every state change writes to, and its verifier.
//! - [`calendar`]: the working-day calendar as an agency sees it (national data, loaded year files,
//!   local overrides of the agency and its ancestors).
//! - [`catalogue`]: proactive disclosure: items, review chain, secrecy hits, attachments, import,
//!   the outbox feeding search.
//! - [`report`]: the annual report compiled from the records (tables 三 and 四 so far) and checked.
//! - [`request`]: disclosure requests: intake, workflow over an event log, deadlines, appeals,
//!   complaints and enquiries, notifications.
//! - [`supervision`]: a subtree judged for a month (requests, timeliness, columns, enquiries, reports), its monthly series and drill-down lists.
//! - [`agency`]: the agency tree and the disclosure-office contact details.
//! - [`staff`]: staff accounts, roles, argon2id passwords.
//! - [`session`]: login sessions (only token hashes are stored).
//! - [`login_failures`]: failed sign-ins per account and address, the throttle shared by all nodes.
//! - [`actor`]: who performs an action (a staff member, the command line, the public).
//! - `testing` (feature `testing`): fresh PostgreSQL databases for the test suites.
//! - `bench_data` (feature `bench-data`): a province-sized data set written with bulk SQL, for
//!   benchmarks only.
//!
//! Every function that changes state opens one transaction, writes the change and its audit record,
//! and commits; on any error nothing is written.

pub mod actor;
pub mod agency;
pub mod api_token;
pub mod audit;
pub mod audit_checkpoint;
#[cfg(feature = "bench-data")]
pub mod bench_data;
pub mod calendar;
pub mod catalogue;
pub mod db;
pub mod decode;
pub mod error;
pub mod login_failures;
pub mod report;
pub mod request;
pub mod search_terms;
pub mod session;
pub mod staff;
pub mod supervision;
#[cfg(feature = "testing")]
pub mod testing;
pub mod timestamp;

pub use actor::Actor;
pub use db::{Backend, Db};
pub use error::{Error, Result};

//! The store crate's integration tests in one binary.

#[macro_use]
mod backends;

mod audit_tampering;
mod calendar;
mod group_commit;
mod reports;
mod request_deadlines;
mod requests;
mod schema_parity;
mod store;
mod supervision;

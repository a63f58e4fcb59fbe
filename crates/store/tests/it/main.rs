//! The store crate's integration tests in one binary.

#[macro_use]
mod backends;

mod calendar;
mod reports;
mod requests;
mod store;
mod supervision;
mod schema_parity;

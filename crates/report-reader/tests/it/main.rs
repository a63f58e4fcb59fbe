//! The audit crate's integration tests in one binary.

mod fixtures;
mod fuzz;
mod generated;

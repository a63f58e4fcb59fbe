//! The search crate's integration tests in one binary.

mod common;

mod filters;
mod indexer;
mod matching;
mod pagination;
mod properties;
mod ranking;
mod snippets;

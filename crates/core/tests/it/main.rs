//! The core crate's integration tests in one binary.

mod calendar_overrides;
mod calendar_properties;
mod calendar_worked_examples;
mod catalogue_numbers;
mod catalogue_review;
mod catalogue_secrecy;
mod deadline_examples;
mod deadline_properties;
mod law_tables;

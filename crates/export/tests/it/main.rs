//! The export crate's tests in one binary: letters, reports and notices rendered and read back.

mod report_support;

mod letters;
mod notice;
mod report;

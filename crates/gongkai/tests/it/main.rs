//! The gongkai binary's tests, in one test binary (one link of the whole application instead of
//! one per file): HTTP stories against the real router on both backends, the command line and the
//! demo as users run them, and the browser tests in headless Chromium.

// Shared with the export crate's tests; this binary uses part of it.
#[allow(dead_code)]
#[path = "../../../export/tests/it/report_support/mod.rs"]
mod report_support;
mod support;

mod admin_access;
mod admin_calendar;
mod admin_forms;
mod bad_input;
mod browser;
mod catalogue;
mod cli;
mod console_crawl;
mod demo;
mod load_limits;
mod notice;
mod portal;
mod portal_script;
mod report_audit_page;
mod reports;
mod request_durability;
mod requests;
mod staff_api;
mod supervision;

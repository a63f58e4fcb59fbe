//! The files crate's integration tests in one binary.

mod samples;

mod blob_store;
mod extract_limits;
mod extract_office;
mod extract_pdf;
mod extract_text;
mod never_panics;
mod upload_check;

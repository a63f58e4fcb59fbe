//! Pure rules of disclosure requests.
pub mod deadline;

//! Pure rules of disclosure requests (依申请公开, Art. 27–45 of the regulation).
//!
//! - [`deadline`]: the statutory deadline engine (Art. 30, 33).
//! - [`receipt`]: when an application counts as received, by channel (Art. 31).
//! - [`applicant`]: applicant kinds, identity documents, form and delivery wanted (Art. 29).
//! - [`outcome`]: the outcome codes of a decided request, as table 三 rows of the annual report.
//! - [`fee`]: the information processing fee (Art. 42, 国办函〔2020〕109号).
//! - [`letter`]: the words of reply letters: per-outcome templates, placeholders, the remedy statement.
//! - [`workflow`]: the handling of a request as a state machine over an append-only event log.
pub mod applicant;
pub mod deadline;
pub mod fee;
pub mod letter;
pub mod outcome;
pub mod receipt;
pub mod workflow;

//! gongkai-core: the pure rules of government information disclosure.
//!
//! Nothing in this crate touches a database, the network or the terminal; every function is
//! deterministic and fast to test. Reading order:
//!
//! - [`calendar`]: working days (weekends, statutory off days, 调休 make-up workdays, local overrides).
//! - [`law`]: statutory rules as data (Art. 20 categories, the 主题分类 tree).
//! - [`catalogue`]: proactive disclosure rules (document numbers, index numbers, the secrecy scan,
//!   the review workflow, validity).
//! - [`request`]: rules of disclosure requests that are pure functions (deadlines, workflow, outcomes,
//!   fees, letters).
//! - [`report`]: the annual report as data: table 三 compiled from request facts, consistency rules.
//! - [`supervision`]: the figures a parent government watches below it, the monthly ranking, chart geometry.
//! - [`agency`]: validated identifiers of agencies and staff (统一社会信用代码, roles, permissions).
//! - [`field`]: field-level validation errors, shared by every form and import.

pub mod agency;
pub mod calendar;
pub mod catalogue;
pub mod field;
pub mod law;
pub mod report;
pub mod request;
pub mod supervision;

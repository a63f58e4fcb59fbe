//! Supervision over the agency tree (监督): the figures a parent government watches for every
//! unit below it, as pure functions over facts the store reads.
//!
//! - [`rules`]: the limits applied, as data with their sources (Art. 26's 20 working days, the
//!   website inspection's column update limits and 3-month reply limit, 国办秘函〔2019〕19号),
//!   configurable, and the deduction weights of the monthly ranking.
//! - [`period`]: the month a dashboard or notice looks at.
//! - [`figures`]: one agency's figures from its facts (stale and empty columns, report status),
//!   and their roll-up over a subtree.
//! - [`notice`]: the monthly notice as data (summary, ranked units, rules applied).
//! - [`ranking`]: the monthly notice's score and ranking (一月一通报).
//! - [`chart`]: server-side SVG chart geometry (bars and a rate line) with the numbers kept for
//!   the table beside each chart.

pub mod chart;
pub mod figures;
pub mod notice;
pub mod period;
pub mod ranking;
pub mod rules;

pub use figures::{AgencyFacts, Figures, ReportStatus};
pub use period::Month;
pub use rules::Rules;

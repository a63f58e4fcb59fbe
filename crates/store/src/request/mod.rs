//! Disclosure requests (依申请公开): intake and registration, the handling workflow over an
//! append-only event log, deadlines derived from it, reply letters, reconsideration and
//! litigation records, complaints and enquiries, and notifications.
//!
//! - [`row`]: the stored request and its derived columns.
//! - [`intake`]: the public form, the API body and staff registration, parsed into an [`intake::Intake`].
//! - [`workflow`]: [`workflow::transition`], the one way a request changes state.
//! - [`fees`]: the fee of a request under the schedule in force.
//! - [`queries`]: console lists (overdue, due soon), the applicant's status lookup.
//! - [`query_key`]: the keyed hash of query passwords.
//! - [`letters`]: reply-letter templates, the facts a letter states, the archive of rendered letters.
//! - [`appeals`]: 行政复议 / 行政诉讼 records; [`messages`]: 举报投诉 and 咨询.
//! - [`notify`]: the notification outbox; [`reminders`]: the daily due-soon / overdue reminder of
//!   each office; [`ledger`]: import of a historical request ledger (台账).

pub mod appeals;
pub mod fees;
pub mod group_commit;
pub mod intake;
pub mod ledger;
pub mod letters;
pub mod messages;
pub mod notify;
pub mod queries;
pub mod query_key;
pub mod reminders;
pub mod row;
pub mod workflow;

//! The handling of a disclosure request (依申请公开, Art. 27–45) as a pure state machine:
//! [`decide`] takes the request's [`RequestState`] (folded from its event log), a [`Command`] and a
//! [`Context`] (who acts, today, the current reply deadline) and returns the [`Event`]s to append,
//! or a [`RequestError`] whose Chinese message says what is refused and why.
//!
//! | status | command | who | events | next status |
//! |---|---|---|---|---|
//! | 待确认收到 `registered` | `Confirm` | handler/admin | `Confirmed` | 已受理 |
//! | 已受理 / 办理中 | `RequestClarification` (once, Art. 30) | handler/admin | `ClarificationRequested` | 待申请人补正 |
//! | 待申请人补正 | `ReceiveCorrection` | handler/admin | `CorrectionReceived` (clock restarts) | 已受理 or 办理中 |
//! | 待申请人补正 | `ExpireClarification` (after the reply-by day) | handler/admin | `ClarificationExpired`, `Decided` (逾期不补正) | 已作出答复 |
//! | 已受理 / 办理中 / 征求意见中 / 待缴费 | `Assign` | handler/admin | `Assigned` | 办理中 (from 已受理) |
//! | 办理中 / 征求意见中 | `StartConsultation` (several allowed) | handler/admin | `ConsultationStarted` | 征求意见中 |
//! | 征求意见中 | `EndConsultation` | handler/admin | `ConsultationEnded` | 办理中 when none is open |
//! | 已受理 / 办理中 / 征求意见中 / 待缴费 | `Extend` (once, ≤ 20 working days, before the due day) | approver (office head)/admin | `Extended` | same |
//! | 办理中 | `IssueFeeNotice` (once) | handler/admin | `FeeNoticeIssued` | 待缴纳信息处理费 |
//! | 待缴费 | `RecordPayment` | handler/admin | `FeePaid` | 办理中 |
//! | 待缴费 | `ExpireFee` (after the pay-by day) | handler/admin | `FeeExpired`, `Decided` (逾期未缴费) | 已作出答复 |
//! | 办理中 | `Decide` (an outcome of the decision year's taxonomy) | handler/admin | `Decided` | 已作出答复 |
//! | 已作出答复 | `Deliver` | handler/admin | `Delivered` | 答复已送达 |
//! | 答复已送达 | `Close` | handler/admin | `Closed` | 已办结 |
//! | 答复已送达 / 已办结 | `Reopen` (ordered by reconsideration or a court) | handler/admin | `Reopened` | 办理中 |
//! | any status awaiting a reply | `Supervise` (督办) | supervisor/admin | `Supervised` | same |
//!
//! Every other pair is refused. No command may be dated in the future or before the request's
//! previous step. Deadlines are not stored: [`RequestState::deadline_case`] feeds the deadline engine.
//! A fee notice is issued within the reply period, payable within the period the fee rules set
//! ([`Context::fee_pay_by`]); while the applicant pays, the reply clock stands still where the
//! fee rules say so ([`crate::request::fee::FeeSchedule::pauses_reply_clock`], with its source).

pub mod catalogue;
mod command;
mod decide;
mod error;
mod event;
mod status;
mod wording;

pub use catalogue::Kind;
pub use command::Command;
pub use decide::{Context, decide, open};
pub use error::RequestError;
pub use event::{ConsultKind, Decision, Event, FeeNotice, OpenedConsultation, ReopenOrder, RequestState};
pub use status::Status;
pub use wording::Audience;

#[cfg(test)]
mod tests;

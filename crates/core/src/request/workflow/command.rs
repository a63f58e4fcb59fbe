//! What staff (or the applicant, or the system) ask to do with a request.

use time::Date;

use super::{ConsultKind, Kind, ReopenOrder};
use crate::request::outcome::Outcome;

/// A command on a request. Dates are the days the step took effect (a letter's date, the day a
/// correction arrived), which staff may record a few days late; they may not be in the future.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Fix the day the application counts as received (Art. 31).
    Confirm {
        received: Date,
    },
    RequestClarification {
        on: Date,
        matters: String,
        reply_by: Date,
    },
    ReceiveCorrection {
        on: Date,
    },
    /// The reply-by day of a clarification passed without a correction.
    ExpireClarification {
        on: Date,
    },
    Assign {
        handler: String,
        on: Date,
    },
    StartConsultation {
        kind: ConsultKind,
        party: String,
        on: Date,
    },
    EndConsultation {
        no: u32,
        on: Date,
        opinion: String,
    },
    Extend {
        days: u32,
        on: Date,
        reason: String,
    },
    /// `pay_by` absent: the last day the fee rules allow ([`super::Context::fee_pay_by`]).
    IssueFeeNotice {
        amount_yuan: u64,
        explanation: String,
        payment_method: String,
        on: Date,
        pay_by: Option<Date>,
    },
    RecordPayment {
        on: Date,
    },
    ExpireFee {
        on: Date,
    },
    Decide {
        outcome: Outcome,
        on: Date,
        basis: String,
        reasons: String,
        responsible_agency: Option<String>,
    },
    Deliver {
        on: Date,
        method: String,
    },
    Close {
        on: Date,
    },
    /// A reconsideration decision or judgment orders a new reply: a new reply period runs from
    /// `on` (the order's date), of `reply_workdays` working days when the order sets them.
    Reopen {
        on: Date,
        order: ReopenOrder,
        document_number: String,
        reason: String,
        reply_workdays: Option<u32>,
    },
    Supervise {
        on: Date,
        note: String,
    },
}

impl Command {
    /// The kind of the command (its row in [`super::catalogue::CATALOGUE`]).
    pub fn kind(&self) -> Kind {
        match self {
            Command::Confirm { .. } => Kind::Confirm,
            Command::RequestClarification { .. } => Kind::RequestClarification,
            Command::ReceiveCorrection { .. } => Kind::ReceiveCorrection,
            Command::ExpireClarification { .. } => Kind::ExpireClarification,
            Command::Assign { .. } => Kind::Assign,
            Command::StartConsultation { .. } => Kind::StartConsultation,
            Command::EndConsultation { .. } => Kind::EndConsultation,
            Command::Extend { .. } => Kind::Extend,
            Command::IssueFeeNotice { .. } => Kind::IssueFeeNotice,
            Command::RecordPayment { .. } => Kind::RecordPayment,
            Command::ExpireFee { .. } => Kind::ExpireFee,
            Command::Decide { .. } => Kind::Decide,
            Command::Deliver { .. } => Kind::Deliver,
            Command::Close { .. } => Kind::Close,
            Command::Reopen { .. } => Kind::Reopen,
            Command::Supervise { .. } => Kind::Supervise,
        }
    }

    /// The form name of the command (`request_clarification`).
    pub fn key(&self) -> &'static str {
        self.kind().key()
    }

    /// Chinese name of the command, for messages.
    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    /// The day the command takes effect.
    pub fn day(&self) -> Date {
        match self {
            Command::Confirm { received } => *received,
            Command::RequestClarification { on, .. }
            | Command::ReceiveCorrection { on }
            | Command::ExpireClarification { on }
            | Command::Assign { on, .. }
            | Command::StartConsultation { on, .. }
            | Command::EndConsultation { on, .. }
            | Command::Extend { on, .. }
            | Command::IssueFeeNotice { on, .. }
            | Command::RecordPayment { on }
            | Command::ExpireFee { on }
            | Command::Decide { on, .. }
            | Command::Deliver { on, .. }
            | Command::Close { on }
            | Command::Reopen { on, .. }
            | Command::Supervise { on, .. } => *on,
        }
    }
}

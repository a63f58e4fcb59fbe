//! What staff (or the applicant, or the system) ask to do with a request.

use time::Date;

use super::{ConsultKind, ReopenOrder};
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
    IssueFeeNotice {
        amount_yuan: u64,
        explanation: String,
        on: Date,
        pay_by: Date,
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
    Reopen {
        on: Date,
        order: ReopenOrder,
        reason: String,
    },
    Supervise {
        on: Date,
        note: String,
    },
}

impl Command {
    /// The form name of the command (`request_clarification`).
    pub fn key(&self) -> &'static str {
        match self {
            Command::Confirm { .. } => "confirm",
            Command::RequestClarification { .. } => "request_clarification",
            Command::ReceiveCorrection { .. } => "receive_correction",
            Command::ExpireClarification { .. } => "expire_clarification",
            Command::Assign { .. } => "assign",
            Command::StartConsultation { .. } => "start_consultation",
            Command::EndConsultation { .. } => "end_consultation",
            Command::Extend { .. } => "extend",
            Command::IssueFeeNotice { .. } => "issue_fee_notice",
            Command::RecordPayment { .. } => "record_payment",
            Command::ExpireFee { .. } => "expire_fee",
            Command::Decide { .. } => "decide",
            Command::Deliver { .. } => "deliver",
            Command::Close { .. } => "close",
            Command::Reopen { .. } => "reopen",
            Command::Supervise { .. } => "supervise",
        }
    }

    /// Chinese name of the command, for messages.
    pub fn label(&self) -> &'static str {
        match self {
            Command::Confirm { .. } => "确认收到",
            Command::RequestClarification { .. } => "告知补正",
            Command::ReceiveCorrection { .. } => "登记补正",
            Command::ExpireClarification { .. } => "逾期未补正",
            Command::Assign { .. } => "分配经办人",
            Command::StartConsultation { .. } => "征求意见",
            Command::EndConsultation { .. } => "结束征求意见",
            Command::Extend { .. } => "延长答复期限",
            Command::IssueFeeNotice { .. } => "发出收费通知",
            Command::RecordPayment { .. } => "登记缴费",
            Command::ExpireFee { .. } => "逾期未缴费",
            Command::Decide { .. } => "作出答复",
            Command::Deliver { .. } => "登记送达",
            Command::Close { .. } => "办结归档",
            Command::Reopen { .. } => "重新办理",
            Command::Supervise { .. } => "督办",
        }
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

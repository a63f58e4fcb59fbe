//! Why a command on a request is refused. `Display` is Chinese, for staff.

use time::Date;

use super::Status;
use crate::calendar::iso_date::chinese;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("当前状态“{}”不能{command}", status.label())]
    NotAllowed { status: Status, command: &'static str },
    /// A text the step needs is empty (`field` names the form field).
    #[error("{command}须填写{label}")]
    Required { command: &'static str, field: &'static str, label: &'static str },
    #[error("日期{date}不能早于本申请上一步的日期{last}")]
    BeforeLastStep { date: Date, last: Date },
    #[error("日期{date}不能晚于今天{today}")]
    InFuture { date: Date, today: Date },
    /// A 补正 notice after the 7 working days of Art. 30 (2019 regulation): a late one cannot
    /// restart the reply clock.
    #[error(
        "补正须在收到申请之日起7个工作日内一次性告知（条例第三十条）：本申请的告知期限为{}，{}已超过期限，不能再要求补正",
        chinese(*due),
        chinese(*on)
    )]
    ClarificationTooLate { on: Date, due: Date },
    #[error("{0}")]
    Rule(String),
}

impl RequestError {
    /// The form field the error belongs to, when there is one.
    pub fn field(&self) -> &'static str {
        match self {
            RequestError::Required { field, .. } => field,
            RequestError::BeforeLastStep { .. }
            | RequestError::InFuture { .. }
            | RequestError::ClarificationTooLate { .. } => "on",
            _ => "command",
        }
    }
}

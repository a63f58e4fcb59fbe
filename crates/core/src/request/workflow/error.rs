//! Why a command on a request is refused. `Display` is Chinese, for staff.

use time::Date;

use super::Status;

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
    #[error("{0}")]
    Rule(String),
}

impl RequestError {
    /// The form field the error belongs to, when there is one.
    pub fn field(&self) -> &'static str {
        match self {
            RequestError::Required { field, .. } => field,
            RequestError::BeforeLastStep { .. } | RequestError::InFuture { .. } => "on",
            _ => "command",
        }
    }
}

//! Why a deadline cannot be computed. Every message is one line; [`DeadlineError::message_zh`]
//! gives the same in Chinese for staff and applicants.

use time::Date;

use crate::calendar::CalendarError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// Not JSON, an unknown or missing key, or an impossible date.
    #[error("invalid case JSON: {message}")]
    InvalidJson { message: String },
    #[error("the clarification was requested on {requested}, before the application was received on {received}")]
    ClarificationBeforeReceipt { requested: Date, received: Date },
    #[error(
        "the corrected application was received on {corrected}, before the clarification was requested on {requested}"
    )]
    CorrectionBeforeRequest { corrected: Date, requested: Date },
    #[error("the consultation started on {start} ends on {end}, before it started")]
    ConsultationEndsBeforeStart { start: Date, end: Date },
    #[error("the consultation starts on {start}, before the application was received on {received}")]
    ConsultationBeforeReceipt { start: Date, received: Date },
    #[error("an extension of {days} working days exceeds the maximum of {max} under the {rules}")]
    ExtensionTooLong { days: u32, max: u32, rules: &'static str },
    #[error(
        "the consultation started on {start} has no end date and the {rules} sets no period for opinions: give the date the last opinion arrived"
    )]
    OpenConsultationWithoutLimit { start: Date, rules: &'static str },
    #[error("the fee notice was issued on {notified}, before the application was received on {received}")]
    FeeBeforeReceipt { notified: Date, received: Date },
    #[error(
        "the fee notice of {notified} must be payable after it was issued (pay by {pay_by}) and paid after it (paid {paid:?})"
    )]
    FeeDatesOutOfOrder { notified: Date, pay_by: Date, paid: Option<Date> },
    #[error("no disclosure regulation was in force on {received} (the first took effect on 2008-05-01)")]
    NoRegulationInForce { received: Date },
    /// A date lies in a year whose holiday notice is not loaded (names the year).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl DeadlineError {
    /// The same message in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            Self::InvalidJson { message } => format!("申请数据格式错误：{message}"),
            Self::ClarificationBeforeReceipt { requested, received } => {
                format!("补正告知日期{requested}早于收到申请日期{received}")
            }
            Self::CorrectionBeforeRequest { corrected, requested } => {
                format!("收到补正申请日期{corrected}早于补正告知日期{requested}")
            }
            Self::ConsultationEndsBeforeStart { start, end } => {
                format!("征求意见结束日期{end}早于开始日期{start}")
            }
            Self::ConsultationBeforeReceipt { start, received } => {
                format!("征求意见开始日期{start}早于收到申请日期{received}")
            }
            Self::ExtensionTooLong { days, max, .. } => {
                format!("延长答复期限{days}个工作日，超过最长{max}个工作日")
            }
            Self::OpenConsultationWithoutLimit { start, .. } => {
                format!(
                    "{start}开始的征求意见尚无结束日期，且所适用条例未规定提出意见的期限：请填写收到最后一份意见的日期"
                )
            }
            Self::FeeBeforeReceipt { notified, received } => {
                format!("收费通知日期{notified}早于收到申请日期{received}")
            }
            Self::FeeDatesOutOfOrder { notified, pay_by, paid } => match paid {
                Some(paid) if paid < notified => format!("缴费日期{paid}早于收费通知日期{notified}"),
                _ => format!("缴费期限{pay_by}须晚于收费通知日期{notified}"),
            },
            Self::NoRegulationInForce { received } => {
                format!("收到申请日期{received}时《政府信息公开条例》尚未施行（2008年5月1日起施行）")
            }
            Self::Calendar(e) => e.message_zh(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncovered_year_reads_the_same_as_in_the_calendar() {
        let err = DeadlineError::from(CalendarError::YearNotCovered { year: 2027 });
        assert_eq!(err.to_string(), CalendarError::YearNotCovered { year: 2027 }.to_string());
        assert!(err.message_zh().contains("2027年"));
    }
}

//! Why the review chain refuses a command. `Display` is Chinese, for staff: it says what is not
//! allowed and why.

use time::OffsetDateTime;

use super::Status;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The command does not apply in this status.
    #[error("当前状态“{}”不能执行“{command}”", status.label())]
    NotAllowed { status: Status, command: &'static str },
    /// Only the item's author (or an admin) may do this.
    #[error("只有起草人本人或管理员可以{command}")]
    NotAuthor { command: &'static str },
    /// Separation of duties: the author does not review their own item.
    #[error("职责分离：起草人不能对自己起草的信息{command}（本机关要求起草、保密审查、审核、签发由不同人员办理）")]
    OwnItem { command: &'static str },
    /// The secrecy scan still has hits nobody has redacted or confirmed.
    #[error("还有{count}处保密审查提示未处理")]
    SecrecyHitsRemain { count: usize },
    /// Returning and withdrawing need a reason.
    #[error("{command}须填写理由")]
    ReasonRequired { command: &'static str },
    /// Signing off beyond the Art. 26 limit needs a reason.
    #[error("距信息形成之日已{workdays}个工作日，超过《条例》第二十六条规定的20个工作日：签发须填写逾期理由")]
    LateReasonRequired { workdays: i64 },
    /// The draft has no 形成日期 and none was given at sign-off.
    #[error("本信息未填写形成日期：签发时须填写信息形成（变更）日期，以核对《条例》第二十六条的期限")]
    FormedDateRequired,
    /// 废止/失效 needs the new validity.
    #[error("请选择“废止”或“失效”")]
    RepealNeedsValidity,
    /// 废止/失效 needs its date.
    #[error("请填写废止或失效的日期")]
    RepealNeedsDate,
    /// A scheduled item's time has not come (see [`super::check_due`]).
    #[error("定时发布时间{}（北京时间）未到", china_time(*publish_at))]
    NotDue { publish_at: OffsetDateTime },
}

/// `2025-01-02 09:00` in UTC+8.
fn china_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::macros::offset!(+8));
    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn messages_say_what_is_refused_and_why() {
        let msg = |e: ReviewError| e.to_string();
        assert_eq!(
            msg(ReviewError::NotAllowed { status: Status::Review, command: "签发" }),
            "当前状态“待审核”不能执行“签发”"
        );
        assert_eq!(msg(ReviewError::SecrecyHitsRemain { count: 2 }), "还有2处保密审查提示未处理");
        assert_eq!(msg(ReviewError::ReasonRequired { command: "退回" }), "退回须填写理由");
        assert_eq!(msg(ReviewError::NotAuthor { command: "提交" }), "只有起草人本人或管理员可以提交");
        assert_eq!(
            msg(ReviewError::NotDue { publish_at: datetime!(2025-01-02 01:00 UTC) }),
            "定时发布时间2025-01-02 09:00（北京时间）未到"
        );
    }
}

//! What each event says, to whom: the one place for the wording of a request's history (staff),
//! of the status page (the applicant) and of the applicant's notifications.
//!
//! Dates are written the Chinese way (`2025年10月9日`); outcome, channel and order codes as their
//! labels; people as the names stored in the event (a display name with the role, such as
//! `王主任（签发）`, for events recorded since the application layer names actors that way).

use super::Event;
use crate::calendar::iso_date::chinese;
use crate::request::fee::FeeSchedule;
use crate::request::outcome::Outcome;
use crate::request::receipt::Channel;

/// Who reads the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Staff in the console and the staff API: everything, with names.
    Staff,
    /// The applicant on the status page: what concerns them, without internal steps or names.
    Applicant,
}

fn outcome_label(key: &str) -> String {
    Outcome::parse(key).map(|o| o.label().to_owned()).unwrap_or_else(|_| key.to_owned())
}

fn channel_label(key: &str) -> String {
    Channel::parse(key).map(|c| c.label().to_owned()).unwrap_or_else(|_| key.to_owned())
}

impl Event {
    /// The line this event adds to a history read by `audience` (None: not shown to them).
    pub fn describe_for(&self, audience: Audience) -> Option<String> {
        use Audience::{Applicant, Staff};
        Some(match (self, audience) {
            (Event::Registered { channel, .. }, Staff) => format!("登记申请（{}）", channel_label(channel)),
            (Event::Registered { .. }, Applicant) => "申请已提交".into(),
            (Event::Confirmed { received }, _) => format!("确认收到申请，收到申请之日为{}", chinese(*received)),
            (Event::ClarificationRequested { matters, reply_by, .. }, Staff) => {
                format!("一次性告知补正：{matters}；补正期限至{}", chinese(*reply_by))
            }
            (Event::ClarificationRequested { matters, reply_by, .. }, Applicant) => {
                format!("请补正：{matters}（补正期限至{}）", chinese(*reply_by))
            }
            (Event::CorrectionReceived { .. }, Staff) => "收到补正后的申请，答复期限重新计算".into(),
            (Event::CorrectionReceived { .. }, Applicant) => "已收到补正后的申请".into(),
            (Event::ClarificationExpired { .. }, _) => "申请人逾期未补正，视为放弃申请".into(),
            (Event::Assigned { handler, .. }, Staff) => format!("交由{handler}办理"),
            (Event::Assigned { .. }, Applicant) => return None,
            (Event::ConsultationStarted { no, kind, party, .. }, Staff) => {
                format!("征求意见{no}：书面征求{}（{party}）意见", kind.label())
            }
            (Event::ConsultationStarted { .. }, Applicant) => "正在征求意见（所需时间不计入答复期限）".into(),
            (Event::ConsultationEnded { no, opinion, .. }, Staff) => format!("征求意见{no}结束：{opinion}"),
            (Event::ConsultationEnded { .. }, Applicant) => "征求意见已结束".into(),
            (Event::Extended { days, approved_by, reason, .. }, Staff) => {
                format!("经{approved_by}同意延长答复期限{days}个工作日：{reason}")
            }
            (Event::Extended { days, .. }, Applicant) => format!("答复期限延长{days}个工作日"),
            (Event::FeeNoticeIssued { amount_yuan, explanation, pay_by, .. }, Staff) => {
                format!("发出收费通知，信息处理费{amount_yuan}元（{explanation}），缴费期限至{}", chinese(*pay_by))
            }
            (Event::FeeNoticeIssued { amount_yuan, pay_by, payment_method, .. }, Applicant) => {
                let how = if payment_method.is_empty() {
                    String::new()
                } else {
                    format!("，缴纳方式：{payment_method}")
                };
                format!("需缴纳信息处理费{amount_yuan}元，缴费期限至{}{how}", chinese(*pay_by))
            }
            (Event::FeePaid { .. }, Staff) => "申请人已缴纳信息处理费".into(),
            (Event::FeePaid { .. }, Applicant) => "已缴纳信息处理费".into(),
            (Event::FeeExpired { .. }, _) => "申请人逾期未缴纳信息处理费，视为放弃申请".into(),
            (Event::Decided { outcome, .. }, Staff) => format!("作出答复（{}）", outcome_label(outcome)),
            (Event::Decided { .. }, Applicant) => "已作出答复".into(),
            (Event::Delivered { method, .. }, Staff) => format!("答复已送达（{method}）"),
            (Event::Delivered { .. }, Applicant) => "答复已送达".into(),
            (Event::Closed { .. }, Staff) => "办结归档".into(),
            (Event::Closed { .. }, Applicant) => "已办结".into(),
            (Event::Reopened { .. }, Staff) => self.describe(),
            (Event::Reopened { .. }, Applicant) => "重新办理".into(),
            (Event::Supervised { by, note, .. }, Staff) => format!("{by}督办：{note}"),
            (Event::Supervised { .. }, Applicant) => return None,
        })
    }

    /// The notification the applicant gets for this event (subject, body), if any.
    /// `reply_due` is the reply deadline after the event, as the engine computed it, and whether
    /// it is provisional (预估: next year's holiday notice not published yet).
    pub fn applicant_notice(
        &self,
        tracking_code: &str,
        reply_due: Option<(time::Date, bool)>,
    ) -> Option<(&'static str, String)> {
        let code = tracking_code;
        let due = match reply_due {
            Some((d, true)) => format!("{}（预估：下一年度节假日安排公布后重新计算）", chinese(d)),
            Some((d, false)) => chinese(d),
            None => "（待计算）".into(),
        };
        Some(match self {
            Event::Confirmed { received } => (
                "申请已受理",
                format!("您的申请{code}已确认收到，收到申请之日为{}，答复期限为{due}。", chinese(*received)),
            ),
            Event::Reopened { order, .. } => {
                ("申请重新办理", format!("根据{}，您的申请{code}将重新办理，答复期限为{due}。", order.label()))
            }
            Event::ClarificationRequested { matters, reply_by, .. } => {
                ("请补正申请", format!("您的申请{code}需要补正：{matters}。请于{}前补正。", chinese(*reply_by)))
            }
            Event::Extended { days, .. } => {
                ("答复期限延长", format!("您的申请{code}答复期限延长{days}个工作日，新的答复期限为{due}。"))
            }
            Event::FeeNoticeIssued { amount_yuan, explanation, on, pay_by, payment_method } => (
                "信息处理费收费通知",
                format!(
                    "您的申请{code}需缴纳信息处理费{amount_yuan}元（{explanation}），收费依据为{}。请于{}前缴纳{}。逾期未缴纳的，视为放弃申请。",
                    FeeSchedule::in_force_on(*on)
                        .map_or("《政府信息公开信息处理费管理办法》", |s| s.name_zh),
                    chinese(*pay_by),
                    if payment_method.is_empty() {
                        String::new()
                    } else {
                        format!("，缴纳方式：{payment_method}")
                    },
                ),
            ),
            Event::Decided { .. } => ("申请已答复", format!("您的申请{code}已作出答复，请凭查询码和密码查看答复书。")),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn staff_see_labels_not_codes() {
        let e = Event::Decided {
            outcome: "partially_granted".into(),
            on: date!(2025 - 10 - 20),
            basis: "x".into(),
            reasons: "y".into(),
            responsible_agency: None,
        };
        let text = e.describe_for(Audience::Staff).unwrap();
        assert!(!text.contains("partially_granted"), "{text}");
        assert!(text.contains("部分公开"), "{text}");
        let registered = Event::Registered { channel: "in_person".into(), submitted: date!(2025 - 10 - 9) };
        assert_eq!(registered.describe_for(Audience::Staff).unwrap(), "登记申请（当面提交）");
    }

    #[test]
    fn applicants_do_not_see_internal_steps() {
        let assigned = Event::Assigned { handler: "李四".into(), on: date!(2025 - 10 - 10) };
        assert_eq!(assigned.describe_for(Audience::Applicant), None);
        let confirmed = Event::Confirmed { received: date!(2025 - 10 - 9) };
        assert_eq!(confirmed.describe_for(Audience::Applicant).unwrap(), "确认收到申请，收到申请之日为2025年10月9日");
    }

    #[test]
    fn notices_write_dates_in_chinese() {
        let e = Event::FeeNoticeIssued {
            amount_yuan: 100,
            explanation: "x".into(),
            on: date!(2025 - 10 - 10),
            pay_by: date!(2025 - 10 - 30),
            payment_method: "通过非税收入收缴系统缴纳".into(),
        };
        let (subject, body) = e.applicant_notice("GK1", None).unwrap();
        assert_eq!(subject, "信息处理费收费通知");
        assert!(body.contains("2025年10月30日前缴纳，缴纳方式：通过非税收入收缴系统缴纳"), "{body}");
        assert!(body.contains("国办函〔2020〕109号") && body.contains("视为放弃申请"), "{body}");
    }
}

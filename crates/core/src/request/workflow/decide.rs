//! The decision: record + command + context → events, or a refusal saying why.

use time::Date;

use super::{Command, Event, Kind, RequestError, RequestState, Status};
use crate::request::outcome::{Outcome, ReportFormat};

/// What [`decide`] needs to know besides the record and the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The actor's display name, kept in events that name a person.
    pub actor_name: String,
    /// Today in China time; no command may be dated after it.
    pub today: Date,
    /// The reply deadline as computed now, when the clock runs (an extension must come before it).
    pub reply_due: Option<Date>,
    /// The longest extension under the regulation in force for this request.
    pub max_extension_workdays: u32,
    /// The last day for the one-time clarification notice (Art. 30 of the 2019 regulation: 7
    /// working days from receipt); `None` under the 2008 regulation, which fixes no such period.
    pub clarification_notice_due: Option<Date>,
    /// For a fee notice: the last day to pay one dated as the command is, under the fee rules
    /// ([`crate::request::fee::payment_due`]); a notice may give the applicant longer, not less.
    pub fee_pay_by: Option<Date>,
}

/// The longest reply period an order may be entered with: a sanity bound on typing, not law.
const MAX_ORDERED_WORKDAYS: u32 = 120;

fn required(command: &Command, text: &str, field: &'static str, label: &'static str) -> Result<String, RequestError> {
    let t = text.trim();
    if t.is_empty() { Err(RequestError::Required { command: command.label(), field, label }) } else { Ok(t.to_owned()) }
}

/// The outcome for "the application counts as abandoned" in the taxonomy of `on`'s year: the
/// 2021 format has its own rows, the 2019 format counts them under 其他处理.
fn abandoned(specific: Outcome, on: Date) -> Outcome {
    match ReportFormat::for_year(on.year()) {
        Some(ReportFormat::F2019) => Outcome::Other,
        _ => specific,
    }
}

fn decided(outcome: Outcome, on: Date, basis: &str, reasons: &str) -> Event {
    Event::Decided {
        outcome: outcome.key().to_owned(),
        on,
        basis: basis.into(),
        reasons: reasons.into(),
        responsible_agency: None,
    }
}

/// Whether a command of `kind` can be taken on `record` now, whatever its values: the status it
/// needs and the once-only rules (one clarification, one extension, one fee notice). Rules on the
/// values (an extension dated before the due day, say) are [`decide`]'s. The console offers exactly the steps this allows; [`decide`] checks it first.
pub fn open(kind: Kind, record: &RequestState) -> Result<(), RequestError> {
    use Status as S;
    let status = record.status;
    let refuse = || Err(RequestError::NotAllowed { status, command: kind.label() });
    match kind {
        Kind::Confirm if status != S::Registered => refuse(),
        Kind::RequestClarification if !matches!(status, S::Confirmed | S::Processing) => refuse(),
        Kind::RequestClarification if record.clarification.is_some() => {
            Err(RequestError::Rule("补正须一次性告知（条例第三十条），本申请已告知过补正".into()))
        }
        Kind::ReceiveCorrection | Kind::ExpireClarification if status != S::Clarifying => refuse(),
        Kind::Assign if !matches!(status, S::Confirmed | S::Processing | S::Consulting | S::AwaitingPayment) => {
            refuse()
        }
        Kind::StartConsultation if !matches!(status, S::Processing | S::Consulting) => refuse(),
        Kind::EndConsultation if status != S::Consulting => refuse(),
        // Whenever the clock runs and no reply is made yet (before the due day: see `decide`).
        Kind::Extend if !matches!(status, S::Confirmed | S::Processing | S::Consulting | S::AwaitingPayment) => {
            refuse()
        }
        Kind::Extend if record.extension_days.is_some() => Err(RequestError::Rule("答复期限只能延长一次".into())),
        Kind::IssueFeeNotice if status != S::Processing => refuse(),
        Kind::IssueFeeNotice if record.fee.is_some() => Err(RequestError::Rule("本申请已发出过收费通知".into())),
        Kind::RecordPayment | Kind::ExpireFee if status != S::AwaitingPayment => refuse(),
        Kind::Decide if status == S::Consulting => {
            Err(RequestError::Rule("还有未结束的征求意见，结束后才能作出答复".into()))
        }
        Kind::Decide if status == S::AwaitingPayment => {
            Err(RequestError::Rule("收费通知尚未缴费或届满，不能作出答复".into()))
        }
        Kind::Decide if status != S::Processing => refuse(),
        Kind::Deliver if status != S::Decided => refuse(),
        Kind::Close if status != S::Delivered => refuse(),
        Kind::Reopen if !matches!(status, S::Delivered | S::Closed) => refuse(),
        Kind::Supervise if !status.awaits_reply() => refuse(),
        _ => Ok(()),
    }
}

/// The events `command` produces for a request in `record`, or why it is refused. The rules are
/// the table in the module docs; checks run in the order dates, [`open`], content. Who may send
/// the command is not decided here: the application layer authorizes it first, with the
/// command's permission from [`super::catalogue`].
pub fn decide(record: &RequestState, command: &Command, ctx: &Context) -> Result<Vec<Event>, RequestError> {
    use Command as C;
    let day = command.day();
    if day > ctx.today {
        return Err(RequestError::InFuture { date: day, today: ctx.today });
    }
    if let Some(last) = record.last_day
        && day < last
    {
        return Err(RequestError::BeforeLastStep { date: day, last });
    }
    open(command.kind(), record)?;
    let events = match command {
        C::Confirm { received } => vec![Event::Confirmed { received: *received }],
        C::RequestClarification { on, matters, reply_by } => {
            if let Some(due) = ctx.clarification_notice_due
                && on > &due
            {
                return Err(RequestError::ClarificationTooLate { on: *on, due });
            }
            let matters = required(command, matters, "matters", "需要补正的事项")?;
            if reply_by <= on {
                return Err(RequestError::Rule(format!("补正期限{reply_by}须晚于告知日期{on}")));
            }
            vec![Event::ClarificationRequested { on: *on, matters, reply_by: *reply_by }]
        }
        C::ReceiveCorrection { on } => vec![Event::CorrectionReceived { on: *on }],
        C::ExpireClarification { on } => {
            let reply_by = record.clarification.map(|c| c.1).unwrap_or(*on);
            if *on <= reply_by {
                return Err(RequestError::Rule(format!("补正期限{reply_by}尚未届满")));
            }
            let outcome = abandoned(Outcome::OtherNoClarification, *on);
            vec![
                Event::ClarificationExpired { on: *on },
                decided(
                    outcome,
                    *on,
                    "《中华人民共和国政府信息公开条例》第三十条",
                    "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
                ),
            ]
        }
        C::Assign { handler, on } => {
            let handler = required(command, handler, "handler", "经办人")?;
            vec![Event::Assigned { handler, on: *on }]
        }
        C::StartConsultation { kind, party, on } => {
            let party = required(command, party, "party", "征求意见对象")?;
            let no = record.consultations.iter().map(|c| c.no).max().unwrap_or(0) + 1;
            vec![Event::ConsultationStarted { no, kind: *kind, party, on: *on }]
        }
        C::EndConsultation { no, on, opinion } => {
            if !record.consultations.iter().any(|c| c.no == *no && c.end.is_none()) {
                return Err(RequestError::Rule(format!("没有进行中的征求意见{no}")));
            }
            let opinion = required(command, opinion, "opinion", "反馈意见")?;
            vec![Event::ConsultationEnded { no: *no, on: *on, opinion }]
        }
        C::Extend { days, on, reason } => {
            if *days == 0 || *days > ctx.max_extension_workdays {
                return Err(RequestError::Rule(format!(
                    "延长的期限须为1至{}个工作日（条例第三十三条）",
                    ctx.max_extension_workdays
                )));
            }
            if let Some(due) = ctx.reply_due
                && *on > due
            {
                return Err(RequestError::Rule(format!("答复期限已于{due}届满，不能再延长")));
            }
            let reason = required(command, reason, "reason", "延期理由")?;
            vec![Event::Extended { days: *days, on: *on, approved_by: ctx.actor_name.clone(), reason }]
        }
        C::IssueFeeNotice { amount_yuan, explanation, payment_method, on, pay_by } => {
            if *amount_yuan == 0 {
                return Err(RequestError::Rule("按收费标准本申请不收费，无需发出收费通知".into()));
            }
            if let Some(due) = ctx.reply_due
                && *on > due
            {
                return Err(RequestError::Rule(format!("收费通知应在答复期限内发出，本申请答复期限已于{due}届满")));
            }
            let statutory = ctx
                .fee_pay_by
                .ok_or_else(|| RequestError::Rule(format!("无法按节假日数据计算{on}发出的收费通知的缴费期限")))?;
            let pay_by = match pay_by {
                Some(d) if *d < statutory => {
                    return Err(RequestError::Rule(format!(
                        "缴费期限不得早于{statutory}（申请人收到收费通知次日起20个工作日）"
                    )));
                }
                Some(d) => *d,
                None => statutory,
            };
            let explanation = required(command, explanation, "explanation", "收费依据")?;
            let payment_method = required(command, payment_method, "payment_method", "缴纳方式")?;
            vec![Event::FeeNoticeIssued { amount_yuan: *amount_yuan, explanation, on: *on, pay_by, payment_method }]
        }
        C::RecordPayment { on } => vec![Event::FeePaid { on: *on }],
        C::ExpireFee { on } => {
            let pay_by = record.fee.as_ref().map(|f| f.pay_by).unwrap_or(*on);
            if *on <= pay_by {
                return Err(RequestError::Rule(format!("缴费期限{pay_by}尚未届满")));
            }
            let outcome = abandoned(Outcome::OtherFeeUnpaid, *on);
            vec![
                Event::FeeExpired { on: *on },
                decided(
                    outcome,
                    *on,
                    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
                    "申请人逾期未缴纳信息处理费，视为放弃申请。",
                ),
            ]
        }
        C::Decide { outcome, on, basis, reasons, responsible_agency } => {
            if !ReportFormat::for_year(on.year()).is_some_and(|f| outcome.in_format(f)) {
                return Err(RequestError::Rule(format!(
                    "答复类型“{}”不属于{}年适用的年报分类",
                    outcome.label(),
                    on.year()
                )));
            }
            let basis = required(command, basis, "basis", "法律依据")?;
            let reasons = if *outcome == Outcome::Granted {
                reasons.trim().to_owned()
            } else {
                required(command, reasons, "reasons", "理由")?
            };
            let responsible_agency =
                responsible_agency.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
            if responsible_agency.is_some() && !outcome.names_responsible_agency() {
                return Err(RequestError::Rule("只有“本机关不掌握相关政府信息”的答复可以告知负责公开的机关".into()));
            }
            vec![Event::Decided { outcome: outcome.key().to_owned(), on: *on, basis, reasons, responsible_agency }]
        }
        C::Deliver { on, method } => {
            let method = required(command, method, "method", "送达方式")?;
            vec![Event::Delivered { on: *on, method }]
        }
        C::Close { on } => vec![Event::Closed { on: *on }],
        C::Reopen { on, order, document_number, reason, reply_workdays } => {
            let document_number = required(command, document_number, "document_number", "决定书或判决书文号")?;
            let reason = required(command, reason, "reason", "重新办理的依据")?;
            if let Some(days) = reply_workdays
                && !(1..=MAX_ORDERED_WORKDAYS).contains(days)
            {
                return Err(RequestError::Rule(format!(
                    "责令的答复期限应为1至{MAX_ORDERED_WORKDAYS}个工作日，不规定的请留空（按20个工作日）"
                )));
            }
            vec![Event::Reopened { on: *on, order: *order, document_number, reason, reply_workdays: *reply_workdays }]
        }
        C::Supervise { on, note } => {
            let note = required(command, note, "note", "督办意见")?;
            vec![Event::Supervised { on: *on, by: ctx.actor_name.clone(), note }]
        }
    };
    Ok(events)
}

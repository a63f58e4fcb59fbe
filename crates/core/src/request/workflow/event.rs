//! What happened to a request: the entries of its append-only event log, and the [`RequestState`] they
//! fold into (status, receipt date, clarification, consultations, extension, fee, decision).

use time::Date;

use super::Status;
use crate::calendar::iso_date;
use crate::request::deadline::{Case, Clarification, Consultation, FeeWait};
use crate::request::fee::FeeSchedule;

/// Who was consulted (Art. 32 third party, Art. 34 another agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultKind {
    ThirdParty,
    Agency,
}

impl ConsultKind {
    pub fn label(self) -> &'static str {
        match self {
            ConsultKind::ThirdParty => "第三方",
            ConsultKind::Agency => "其他机关",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "third_party" => Some(Self::ThirdParty),
            "agency" => Some(Self::Agency),
            _ => None,
        }
    }
}

/// What ordered a closed request to be handled again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReopenOrder {
    /// A reconsideration body (行政复议机关) ordered it.
    Reconsideration,
    /// A court (人民法院) ordered it.
    Court,
}

impl ReopenOrder {
    pub fn label(self) -> &'static str {
        match self {
            ReopenOrder::Reconsideration => "行政复议决定",
            ReopenOrder::Court => "人民法院判决",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reconsideration" => Some(Self::Reconsideration),
            "court" => Some(Self::Court),
            _ => None,
        }
    }
}

/// One entry of a request's event log, serialised with a `type` tag and ISO dates:
/// `{"type":"confirmed","received":"2025-09-26"}`. Dates are calendar dates in China time, as
/// the statute counts them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The application arrived through `channel` on `submitted`.
    Registered {
        channel: String,
        #[serde(with = "iso_date")]
        submitted: Date,
    },
    /// The day the application counts as received (收到申请之日, Art. 31).
    Confirmed {
        #[serde(with = "iso_date")]
        received: Date,
    },
    /// The one-time notice to clarify (补正告知, Art. 30).
    ClarificationRequested {
        #[serde(with = "iso_date")]
        on: Date,
        matters: String,
        #[serde(with = "iso_date")]
        reply_by: Date,
    },
    /// The corrected application arrived; the reply clock restarts from this day.
    CorrectionReceived {
        #[serde(with = "iso_date")]
        on: Date,
    },
    /// No correction by the period set: the application counts as abandoned (视为放弃申请).
    ClarificationExpired {
        #[serde(with = "iso_date")]
        on: Date,
    },
    Assigned {
        handler: String,
        #[serde(with = "iso_date")]
        on: Date,
    },
    /// Consultation number `no` (1, 2, …) sent to `party`.
    ConsultationStarted {
        no: u32,
        kind: ConsultKind,
        party: String,
        #[serde(with = "iso_date")]
        on: Date,
    },
    ConsultationEnded {
        no: u32,
        #[serde(with = "iso_date")]
        on: Date,
        opinion: String,
    },
    /// The head of the disclosure office approved an extension (Art. 33).
    Extended {
        days: u32,
        #[serde(with = "iso_date")]
        on: Date,
        approved_by: String,
        reason: String,
    },
    /// A fee notice (收费通知) for `amount_yuan`, payable by `pay_by` in the way
    /// `payment_method` says (缴纳方式; empty in notices recorded before it was asked for).
    FeeNoticeIssued {
        amount_yuan: u64,
        explanation: String,
        #[serde(with = "iso_date")]
        on: Date,
        #[serde(with = "iso_date")]
        pay_by: Date,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        payment_method: String,
    },
    FeePaid {
        #[serde(with = "iso_date")]
        on: Date,
    },
    /// The fee was not paid in time: the application counts as abandoned.
    FeeExpired {
        #[serde(with = "iso_date")]
        on: Date,
    },
    /// The decision: one outcome code (table 三 leaf key) with its legal basis and reasons.
    Decided {
        outcome: String,
        #[serde(with = "iso_date")]
        on: Date,
        basis: String,
        reasons: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        responsible_agency: Option<String>,
    },
    Delivered {
        #[serde(with = "iso_date")]
        on: Date,
        method: String,
    },
    Closed {
        #[serde(with = "iso_date")]
        on: Date,
    },
    /// A reconsideration body or a court ordered the request to be handled again.
    Reopened {
        #[serde(with = "iso_date")]
        on: Date,
        order: ReopenOrder,
        /// The decision's or judgment's document number (empty in events recorded before it was asked).
        #[serde(default)]
        document_number: String,
        reason: String,
        /// The reply period the order set, in working days; `None`: the regulation's (20).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_workdays: Option<u32>,
    },
    /// A supervisor's order (督办) on the request; does not move the status.
    Supervised {
        #[serde(with = "iso_date")]
        on: Date,
        by: String,
        note: String,
    },
}

impl Event {
    /// The day the event took effect.
    pub fn day(&self) -> Date {
        match self {
            Event::Registered { submitted, .. } => *submitted,
            Event::Confirmed { received } => *received,
            Event::ClarificationRequested { on, .. }
            | Event::CorrectionReceived { on }
            | Event::ClarificationExpired { on }
            | Event::Assigned { on, .. }
            | Event::ConsultationStarted { on, .. }
            | Event::ConsultationEnded { on, .. }
            | Event::Extended { on, .. }
            | Event::FeeNoticeIssued { on, .. }
            | Event::FeePaid { on }
            | Event::FeeExpired { on }
            | Event::Decided { on, .. }
            | Event::Delivered { on, .. }
            | Event::Closed { on }
            | Event::Reopened { on, .. }
            | Event::Supervised { on, .. } => *on,
        }
    }

    /// The snake_case tag, as stored beside the JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Registered { .. } => "registered",
            Event::Confirmed { .. } => "confirmed",
            Event::ClarificationRequested { .. } => "clarification_requested",
            Event::CorrectionReceived { .. } => "correction_received",
            Event::ClarificationExpired { .. } => "clarification_expired",
            Event::Assigned { .. } => "assigned",
            Event::ConsultationStarted { .. } => "consultation_started",
            Event::ConsultationEnded { .. } => "consultation_ended",
            Event::Extended { .. } => "extended",
            Event::FeeNoticeIssued { .. } => "fee_notice_issued",
            Event::FeePaid { .. } => "fee_paid",
            Event::FeeExpired { .. } => "fee_expired",
            Event::Decided { .. } => "decided",
            Event::Delivered { .. } => "delivered",
            Event::Closed { .. } => "closed",
            Event::Reopened { .. } => "reopened",
            Event::Supervised { .. } => "supervised",
        }
    }

    /// One line in Chinese for the request's history.
    pub fn describe(&self) -> String {
        match self {
            Event::Registered { channel, .. } => format!("登记申请（{channel}）"),
            Event::Confirmed { received } => format!("确认收到申请，收到申请之日为{received}"),
            Event::ClarificationRequested { matters, reply_by, .. } => {
                format!("一次性告知补正：{matters}；补正期限至{reply_by}")
            }
            Event::CorrectionReceived { .. } => "收到补正后的申请，答复期限重新计算".into(),
            Event::ClarificationExpired { .. } => "申请人逾期未补正，视为放弃申请".into(),
            Event::Assigned { handler, .. } => format!("交由{handler}办理"),
            Event::ConsultationStarted { no, kind, party, .. } => {
                format!("征求意见{no}：书面征求{}（{party}）意见", kind.label())
            }
            Event::ConsultationEnded { no, opinion, .. } => format!("征求意见{no}结束：{opinion}"),
            Event::Extended { days, approved_by, reason, .. } => {
                format!("经{approved_by}同意延长答复期限{days}个工作日：{reason}")
            }
            Event::FeeNoticeIssued { amount_yuan, explanation, pay_by, .. } => {
                format!("发出收费通知，信息处理费{amount_yuan}元（{explanation}），缴费期限至{pay_by}")
            }
            Event::FeePaid { .. } => "申请人已缴纳信息处理费".into(),
            Event::FeeExpired { .. } => "申请人逾期未缴纳信息处理费，视为放弃申请".into(),
            Event::Decided { outcome, .. } => format!("作出答复（{outcome}）"),
            Event::Delivered { method, .. } => format!("答复已送达（{method}）"),
            Event::Closed { .. } => "办结归档".into(),
            Event::Reopened { order, document_number, reason, reply_workdays, .. } => {
                let number =
                    if document_number.is_empty() { String::new() } else { format!("（{document_number}）") };
                let period = match reply_workdays {
                    Some(n) => format!("，责令{n}个工作日内答复"),
                    None => String::new(),
                };
                format!("根据{}{number}重新办理：{reason}{period}；答复期限自决定或判决之日重新计算", order.label())
            }
            Event::Supervised { by, note, .. } => format!("{by}督办：{note}"),
        }
    }
}

/// A consultation as the record holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedConsultation {
    pub no: u32,
    pub kind: ConsultKind,
    pub party: String,
    pub start: Date,
    pub end: Option<Date>,
}

/// The fee notice as the record holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeNotice {
    pub amount_yuan: u64,
    pub issued: Date,
    pub pay_by: Date,
    pub paid: Option<Date>,
    pub expired: bool,
}

/// The decision as the record holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: String,
    pub on: Date,
}

/// Everything the event log says about a request, folded in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestState {
    pub status: Status,
    pub submitted: Option<Date>,
    pub received: Option<Date>,
    /// Asked on, reply by, corrected application received on.
    pub clarification: Option<(Date, Date, Option<Date>)>,
    pub consultations: Vec<OpenedConsultation>,
    pub extension_days: Option<u32>,
    pub fee: Option<FeeNotice>,
    pub decision: Option<Decision>,
    pub delivered: Option<Date>,
    pub handler: Option<String>,
    /// Day of the last event (a new event may not be dated before it).
    pub last_day: Option<Date>,
    pub reopened: u32,
    /// The latest reopening: the order's date and the reply period it set. A new reply period
    /// runs from it (consultations and the extension of the earlier handling no longer count).
    pub reopening: Option<(Date, Option<u32>)>,
}

impl Default for RequestState {
    fn default() -> Self {
        Self {
            status: Status::Registered,
            submitted: None,
            received: None,
            clarification: None,
            consultations: Vec::new(),
            extension_days: None,
            fee: None,
            decision: None,
            delivered: None,
            handler: None,
            last_day: None,
            reopened: 0,
            reopening: None,
        }
    }
}

impl RequestState {
    /// The record of this event log.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> RequestState {
        let mut record = RequestState::default();
        for e in events {
            record.apply(e);
        }
        record
    }

    /// Folds one event in. Total and unchecked: events come from [`super::decide`].
    pub fn apply(&mut self, event: &Event) {
        self.last_day = Some(self.last_day.map_or(event.day(), |d| d.max(event.day())));
        match event {
            Event::Registered { submitted, .. } => {
                self.submitted = Some(*submitted);
                self.status = Status::Registered;
            }
            Event::Confirmed { received } => {
                self.received = Some(*received);
                self.status = Status::Confirmed;
            }
            Event::ClarificationRequested { on, reply_by, .. } => {
                self.clarification = Some((*on, *reply_by, None));
                self.status = Status::Clarifying;
            }
            Event::CorrectionReceived { on } => {
                if let Some(c) = &mut self.clarification {
                    c.2 = Some(*on);
                }
                self.status = if self.handler.is_some() { Status::Processing } else { Status::Confirmed };
            }
            Event::ClarificationExpired { .. } => {}
            Event::Assigned { handler, .. } => {
                self.handler = Some(handler.clone());
                if self.status == Status::Confirmed {
                    self.status = Status::Processing;
                }
            }
            Event::ConsultationStarted { no, kind, party, on } => {
                self.consultations.push(OpenedConsultation {
                    no: *no,
                    kind: *kind,
                    party: party.clone(),
                    start: *on,
                    end: None,
                });
                self.status = Status::Consulting;
            }
            Event::ConsultationEnded { no, on, .. } => {
                if let Some(c) = self.consultations.iter_mut().find(|c| c.no == *no) {
                    c.end = Some(*on);
                }
                if self.open_consultations() == 0 {
                    self.status = Status::Processing;
                }
            }
            Event::Extended { days, .. } => self.extension_days = Some(*days),
            Event::FeeNoticeIssued { amount_yuan, on, pay_by, .. } => {
                self.fee = Some(FeeNotice {
                    amount_yuan: *amount_yuan,
                    issued: *on,
                    pay_by: *pay_by,
                    paid: None,
                    expired: false,
                });
                self.status = Status::AwaitingPayment;
            }
            Event::FeePaid { on } => {
                if let Some(f) = &mut self.fee {
                    f.paid = Some(*on);
                }
                self.status = Status::Processing;
            }
            Event::FeeExpired { .. } => {
                if let Some(f) = &mut self.fee {
                    f.expired = true;
                }
            }
            Event::Decided { outcome, on, .. } => {
                self.decision = Some(Decision { outcome: outcome.clone(), on: *on });
                self.status = Status::Decided;
            }
            Event::Delivered { on, .. } => {
                self.delivered = Some(*on);
                self.status = Status::Delivered;
            }
            Event::Closed { .. } => self.status = Status::Closed,
            Event::Reopened { on, reply_workdays, .. } => {
                self.reopened += 1;
                self.reopening = Some((*on, *reply_workdays));
                self.consultations.clear();
                self.extension_days = None;
                self.decision = None;
                self.delivered = None;
                self.status = Status::Processing;
            }
            Event::Supervised { .. } => {}
        }
    }

    pub fn open_consultations(&self) -> usize {
        self.consultations.iter().filter(|c| c.end.is_none()).count()
    }

    /// The deadline-relevant facts, once the receipt date is fixed. A pending clarification
    /// gives no case: the reply clock has not started yet.
    pub fn deadline_case(&self) -> Option<Case> {
        let received = self.received?;
        let consultations = self.consultations.iter().map(|c| Consultation { start: c.start, end: c.end }).collect();
        // The payment time does not count where the fee rules in force on the notice say so.
        let fee = |from: Date| {
            self.fee.as_ref().filter(|f| f.issued >= from).and_then(|f| {
                FeeSchedule::in_force_on(f.issued).filter(|s| s.pauses_reply_clock).map(|_| FeeWait {
                    notified: f.issued,
                    pay_by: f.pay_by,
                    paid: f.paid,
                })
            })
        };
        if let Some((ordered, reply_workdays)) = self.reopening {
            // A new reply period from the order's date; the 补正 and fee of the first handling are history.
            return Some(Case {
                received: ordered,
                clarification: None,
                consultations,
                extension_days: self.extension_days,
                reply_workdays,
                fee: fee(ordered),
            });
        }
        let clarification = match self.clarification {
            Some((requested, _, Some(corrected))) => Some(Clarification { requested, received: corrected }),
            Some((_, _, None)) => return None,
            None => None,
        };
        Some(Case {
            received,
            clarification,
            consultations,
            extension_days: self.extension_days,
            reply_workdays: None,
            fee: fee(received),
        })
    }
}

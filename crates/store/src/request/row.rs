//! A stored request and its events, decoded into the core's types when read. The columns after `delivery` are derived from the event log and rewritten
//! with every event, so lists and supervision can filter on them; the log stays the truth.

use gongkai_core::calendar::china_time::Moment;
use gongkai_core::calendar::iso_date;
use gongkai_core::request::applicant::{ApplicantKind, Delivery, FormWanted, IdType};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::receipt::Channel;
use gongkai_core::request::workflow::{Event, Status};
use time::Date;

use crate::actor::StoredActor;

/// One row of `requests`, decoded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Request {
    pub id: i64,
    pub agency_id: i64,
    pub tracking_code: String,
    #[serde(skip)]
    pub password_hash: String,
    pub channel: Channel,
    pub applicant_type: ApplicantKind,
    pub applicant_name: String,
    pub id_type: IdType,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// Organisations: 法定代表人 or 负责人, and the contact person; empty otherwise.
    pub legal_representative: String,
    pub contact_person: String,
    pub info_title: String,
    pub doc_number: String,
    pub description: String,
    pub form_wanted: FormWanted,
    pub delivery: Delivery,
    pub status: Status,
    #[serde(with = "iso_date")]
    pub submitted_on: Date,
    #[serde(with = "iso_date::option")]
    pub received_on: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub clarification_notice_due: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub reply_due: Option<Date>,
    /// The due dates were counted with estimated holidays (预估): next year's notice is not loaded.
    pub deadline_provisional: bool,
    pub handler: Option<String>,
    pub outcome: Option<Outcome>,
    #[serde(with = "iso_date::option")]
    pub decided_on: Option<Date>,
    pub fee_yuan: Option<i64>,
    pub source_id: Option<String>,
    pub created_by: StoredActor,
    pub created_at: Moment,
    pub updated_at: Moment,
}

crate::from_row!(Request, "requests", |r| Ok(Request {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    tracking_code: r.text("tracking_code")?,
    password_hash: r.text("password_hash")?,
    channel: r.key("channel", Channel::parse)?,
    applicant_type: r.key("applicant_type", ApplicantKind::parse)?,
    applicant_name: r.text("applicant_name")?,
    id_type: r.key("id_type", IdType::parse)?,
    id_number: r.text("id_number")?,
    phone: r.text("phone")?,
    email: r.text("email")?,
    address: r.text("address")?,
    legal_representative: r.text("legal_representative")?,
    contact_person: r.text("contact_person")?,
    info_title: r.text("info_title")?,
    doc_number: r.text("doc_number")?,
    description: r.text("description")?,
    form_wanted: r.key("form_wanted", FormWanted::parse)?,
    delivery: r.key("delivery", Delivery::parse)?,
    status: r.key("status", |s| Status::parse(s).ok_or(()))?,
    submitted_on: r.date("submitted_on")?,
    received_on: r.opt_date("received_on")?,
    clarification_notice_due: r.opt_date("clarification_notice_due")?,
    reply_due: r.opt_date("reply_due")?,
    deadline_provisional: r.flag("deadline_provisional")?,
    handler: r.opt_text("handler")?,
    outcome: r.opt_key("outcome", Outcome::parse)?,
    decided_on: r.opt_date("decided_on")?,
    fee_yuan: r.opt_int("fee_yuan")?,
    source_id: r.opt_text("source_id")?,
    created_by: r.actor("created_by")?,
    created_at: r.moment("created_at")?,
    updated_at: r.moment("updated_at")?,
}));

impl Request {
    pub fn status(&self) -> Status {
        self.status
    }

    /// The ID number with all but the first 3 and last 2 characters masked, for lists and the
    /// public status page.
    pub fn masked_id(&self) -> String {
        let chars: Vec<char> = self.id_number.chars().collect();
        if chars.len() <= 5 {
            return "＊".repeat(chars.len());
        }
        let mut out: String = chars[..3].iter().collect();
        out.push_str(&"＊".repeat(chars.len() - 5));
        out.extend(&chars[chars.len() - 2..]);
        out
    }

    /// `（预估）` after a provisional due date, for pages and letters; empty otherwise.
    pub fn provisional_mark(&self) -> &'static str {
        if self.deadline_provisional { "（预估）" } else { "" }
    }

    /// Whether the reply is late on `today` (awaiting a reply and due before today).
    pub fn is_overdue(&self, today: &Date) -> bool {
        self.status.awaits_reply() && self.reply_due.is_some_and(|due| due < *today)
    }
}

/// One stored event of a request, decoded: when it was recorded, by whom, and what happened.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub request_id: i64,
    /// When it was recorded (the event itself carries the day it took effect).
    pub at: Moment,
    pub actor: StoredActor,
    pub event: Event,
}

crate::from_row!(StoredEvent, "request_events", |r| Ok(StoredEvent {
    id: r.id(),
    request_id: r.int("request_id")?,
    at: r.moment("at")?,
    actor: r.actor("actor")?,
    event: r.json("event")?,
}));

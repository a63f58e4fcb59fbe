//! Moving a request along its workflow.
//!
//! [`transition`] is the one entry point: it folds the request's event log into a
//! [`RequestState`], computes the current deadline with the agency's calendar, asks the pure rule
//! ([`gongkai_core::request::workflow::decide`]) which events the command produces, and in one
//! transaction appends them, rewrites the derived columns ([`refresh`]), writes the audit record
//! and queues the notifications.

use gongkai_core::calendar::{Calendar, iso_date};
use gongkai_core::request::deadline::{self, Rules};
use gongkai_core::request::fee::{self, FeeSchedule};
use gongkai_core::request::workflow::{self, Command, Context, Event, RequestState};
use time::Date;

use super::notify;
use super::row::{Request, StoredEvent};
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;

/// Appends events to a request's log (inside the caller's transaction).
pub async fn append(tx: &mut Tx, actor: &Actor, request_id: i64, events: &[Event]) -> Result<()> {
    let at = timestamp::now();
    for event in events {
        let json = serde_json::to_string(event).map_err(|e| Error::Internal(e.to_string()))?;
        sqlx::query("insert into request_events (request_id, at, actor, kind, event) values ($1, $2, $3, $4, $5)")
            .bind(request_id)
            .bind(&at)
            .bind(actor.to_string())
            .bind(event.kind())
            .bind(json)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The stored events of a request, in order.
pub async fn events(db: &Db, request_id: i64) -> Result<Vec<StoredEvent>> {
    Ok(sqlx::query_as("select * from request_events where request_id = $1 order by id")
        .bind(request_id)
        .fetch_all(db.reader())
        .await?)
}

async fn log_in(tx: &mut Tx, request_id: i64) -> Result<Vec<Event>> {
    let rows: Vec<StoredEvent> = sqlx::query_as("select * from request_events where request_id = $1 order by id")
        .bind(request_id)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().map(|r| r.event).collect())
}

pub(crate) async fn get_in(tx: &mut Tx, id: i64) -> Result<Request> {
    sqlx::query_as("select * from requests where id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound("该申请"))
}

/// The deadlines of a record under the regulation in force on its receipt day, provisional
/// where next year's holiday notice is not loaded yet ([`deadline::estimate`]); None while the
/// clock is not running, or when the calendar does not cover a past date.
pub fn deadlines(calendar: &Calendar, record: &RequestState) -> Option<deadline::Deadlines> {
    let case = record.deadline_case()?;
    let rules = Rules::in_force_on(case.received)?;
    match deadline::estimate(calendar, rules, &case) {
        Ok(d) => Some(d),
        Err(e) => {
            tracing::warn!(error = %e.message_zh(), "request deadline cannot be computed");
            None
        }
    }
}

/// The last day for the one-time 补正 notice: 7 working days from the receipt (Art. 30), also
/// after a reopening (whose reply period runs from the order, but whose application was
/// received when it was); `None` under the 2008 regulation.
pub fn clarification_notice_due(
    calendar: &Calendar,
    record: &RequestState,
    due: Option<&deadline::Deadlines>,
) -> Option<Date> {
    match (record.reopening, record.received) {
        (Some(_), Some(received)) => {
            let rules = Rules::in_force_on(received)?;
            deadline::estimate(calendar, rules, &deadline::Case::received_on(received)).ok()?.clarification_notice_due
        }
        _ => due.and_then(|d| d.clarification_notice_due),
    }
}

/// For a fee notice, the last day to pay it under the fee rules in force on its date.
fn fee_pay_by(calendar: &Calendar, command: &Command) -> Option<Date> {
    let Command::IssueFeeNotice { on, .. } = command else { return None };
    let schedule = FeeSchedule::in_force_on(*on)?;
    fee::payment_due(calendar, schedule, *on).ok().map(|(day, _)| day)
}

/// Rewrites the derived columns of request `id` from its log.
pub async fn refresh(tx: &mut Tx, id: i64, calendar: &Calendar) -> Result<Request> {
    let record = RequestState::replay(&log_in(tx, id).await?);
    write_derived(tx, id, calendar, &record).await?;
    get_in(tx, id).await
}

/// Writes the derived columns of a request whose whole log is `log` (a request just
/// registered, whose events the caller appended), without reading it back; returns its state.
pub(crate) async fn derive_new(tx: &mut Tx, id: i64, calendar: &Calendar, log: &[Event]) -> Result<RequestState> {
    let record = RequestState::replay(log);
    write_derived(tx, id, calendar, &record).await?;
    Ok(record)
}

async fn write_derived(tx: &mut Tx, id: i64, calendar: &Calendar, record: &RequestState) -> Result<()> {
    let due = deadlines(calendar, record);
    // Shown while a 补正 may still be asked for; once asked, or after a reopening, it is history.
    let clarification_notice_due = match (&record.clarification, record.reopening) {
        (None, None) => due.as_ref().and_then(|d| d.clarification_notice_due).map(iso_date::format),
        _ => None,
    };
    sqlx::query(
        "update requests set status = $1, received_on = $2, clarification_notice_due = $3, reply_due = $4, handler = $5,
            outcome = $6, decided_on = $7, fee_yuan = $8, updated_at = $9, deadline_provisional = $10 where id = $11",
    )
    .bind(record.status.as_str())
    .bind(record.received.map(iso_date::format))
    .bind(clarification_notice_due)
    .bind(due.as_ref().map(|d| iso_date::format(d.reply_due)))
    .bind(record.handler.clone())
    .bind(record.decision.as_ref().map(|d| d.outcome.clone()))
    .bind(record.decision.as_ref().map(|d| iso_date::format(d.on)))
    .bind(record.fee.as_ref().map(|f| f.amount_yuan as i64))
    .bind(timestamp::now())
    .bind(i64::from(due.as_ref().is_some_and(|d| d.provisional)))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Applies `command` to request `id`, `today` being the date in China. `actor_name` is how events
/// that name a person (an extension's approver, a 督办) record the actor.
///
/// The caller has authorized the command (the application layer's use case does, with the
/// command's permission from the catalogue); this function only checks the workflow's own rules.
pub async fn transition(
    db: &Db,
    actor: &Actor,
    actor_name: &str,
    id: i64,
    command: &Command,
    today: Date,
) -> Result<Request> {
    let agency_id: i64 = sqlx::query_scalar("select agency_id from requests where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该申请"))?;
    let agency = crate::agency::get(db, agency_id).await?;
    let calendar = crate::calendar::for_agency(db, &agency).await?;
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let record = RequestState::replay(&log_in(&mut tx, id).await?);
    let rules = record.received.and_then(Rules::in_force_on).unwrap_or(&Rules::REGULATION_2019);
    let due = deadlines(&calendar, &record);
    let ctx = Context {
        actor_name: actor_name.to_owned(),
        today,
        reply_due: due.as_ref().map(|d| d.reply_due),
        max_extension_workdays: rules.max_extension_workdays,
        clarification_notice_due: clarification_notice_due(&calendar, &record, due.as_ref()),
        fee_pay_by: fee_pay_by(&calendar, command),
    };
    let events = workflow::decide(&record, command, &ctx)
        .map_err(|e| Error::field(e.field(), command.label(), e.to_string()))?;
    append(&mut tx, actor, id, &events).await?;
    let after = refresh(&mut tx, id, &calendar).await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "request",
        entity_id: id.to_string(),
        action: command.key(),
        before: Some(serde_json::json!({"status": before.status, "reply_due": before.reply_due})),
        after: Some(
            serde_json::json!({"status": after.status, "reply_due": after.reply_due, "events": events.iter().map(Event::kind).collect::<Vec<_>>()}),
        ),
    };
    audit::append(&mut tx, actor, change).await?;
    for event in &events {
        if let Some((subject, body)) = agency_notice(event, &after) {
            notify::to_agency(&mut tx, agency_id, subject, &body).await?;
        }
        if let Some((subject, body)) =
            event.applicant_notice(&after.tracking_code, after.reply_due.map(|d| (d, after.deadline_provisional)))
        {
            notify::to_applicant(&mut tx, &after, &agency.name, subject, &body).await?;
        }
    }
    tx.commit().await?;
    Ok(after)
}

/// The message to the agency's staff an event calls for: a 督办 order or a reopening.
fn agency_notice(event: &Event, after: &Request) -> Option<(&'static str, String)> {
    let due = after.reply_due.map(|d| format!("{}{}", iso_date::chinese(d), after.provisional_mark()));
    let due = due.unwrap_or_else(|| "未定".into());
    match event {
        Event::Supervised { by, note, .. } => {
            Some(("收到督办", format!("申请{}收到{by}的督办意见：{note}。答复期限{due}。", after.tracking_code)))
        }
        Event::Reopened { order, document_number, .. } => Some((
            "申请重新办理",
            format!("申请{}根据{}（{document_number}）重新办理，答复期限{due}。", after.tracking_code, order.label()),
        )),
        _ => None,
    }
}

/// A request whose provisional deadline was recomputed after a year file was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recomputed {
    pub request_id: i64,
    pub before: Option<Date>,
    pub after: Option<Date>,
    /// Whether the new date is still an estimate (the case runs into a year still unpublished).
    pub still_provisional: bool,
}

/// Recomputes every open request whose deadline was provisional, with the calendars as they are
/// now (after a year file was loaded): each one in its own transaction, audited; the applicant is
/// told when the reply date moves.
pub async fn recompute_provisional(db: &Db, actor: &Actor) -> Result<Vec<Recomputed>> {
    let ids: Vec<(i64, i64)> = sqlx::query_as(
        "select id, agency_id from requests where deadline_provisional = 1 and decided_on is null order by agency_id, id",
    )
    .fetch_all(db.reader())
    .await?;
    let mut done = Vec::new();
    let mut calendars: Vec<(i64, Calendar, String)> = Vec::new();
    for (id, agency_id) in ids {
        if !calendars.iter().any(|(a, _, _)| *a == agency_id) {
            let agency = crate::agency::get(db, agency_id).await?;
            calendars.push((agency_id, crate::calendar::for_agency(db, &agency).await?, agency.name));
        }
        let (_, calendar, agency_name) = calendars.iter().find(|(a, _, _)| *a == agency_id).expect("just added");
        let mut tx = db.begin().await?;
        let before = get_in(&mut tx, id).await?;
        let after = refresh(&mut tx, id, calendar).await?;
        let change = Change {
            agency_id: Some(agency_id),
            entity: "request",
            entity_id: id.to_string(),
            action: "recompute_deadline",
            before: Some(serde_json::json!({"reply_due": before.reply_due, "provisional": true})),
            after: Some(serde_json::json!({"reply_due": after.reply_due, "provisional": after.deadline_provisional})),
        };
        audit::append(&mut tx, actor, change).await?;
        if after.reply_due != before.reply_due
            && let Some(due) = after.reply_due
        {
            let body = format!(
                "您的政府信息公开申请（查询码{}）的答复期限按新公布的节假日安排重新计算，由{}调整为{}{}。",
                after.tracking_code,
                before.reply_due.map(iso_date::chinese).unwrap_or_else(|| "未定".into()),
                iso_date::chinese(due),
                after.provisional_mark(),
            );
            notify::to_applicant(&mut tx, &after, agency_name, "答复期限已重新计算", &body).await?;
        }
        tx.commit().await?;
        done.push(Recomputed {
            request_id: id,
            before: before.reply_due,
            after: after.reply_due,
            still_provisional: after.deadline_provisional,
        });
    }
    Ok(done)
}

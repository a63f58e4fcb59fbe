//! Moving a request along its workflow.
//!
//! [`transition`] is the one entry point: it folds the request's event log into a
//! [`RequestState`], computes the current deadline with the agency's calendar, asks the pure rule
//! ([`gongkai_core::request::workflow::decide`]) which events the command produces, and in one
//! transaction appends them, rewrites the derived columns ([`refresh`]), writes the audit record
//! and queues the notifications.

use gongkai_core::calendar::{Calendar, iso_date};
use gongkai_core::request::deadline::{self, Rules};
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

/// The deadlines of a record under the regulation in force on its receipt day (None while the
/// clock is not running, or when the calendar does not cover the dates yet).
pub fn deadlines(calendar: &Calendar, record: &RequestState) -> Option<deadline::Deadlines> {
    let case = record.deadline_case()?;
    let rules = Rules::in_force_on(case.received)?;
    match deadline::compute(calendar, rules, &case) {
        Ok(d) => Some(d),
        Err(e) => {
            tracing::warn!(error = %e.message_zh(), "request deadline cannot be computed");
            None
        }
    }
}

/// Rewrites the derived columns of request `id` from its log.
pub async fn refresh(tx: &mut Tx, id: i64, calendar: &Calendar) -> Result<Request> {
    let record = RequestState::replay(&log_in(tx, id).await?);
    let due = deadlines(calendar, &record);
    let clarification_notice_due = match (&record.clarification, record.received) {
        (None, Some(received)) => Rules::in_force_on(received)
            .and_then(|r| r.clarification_notice_workdays)
            .and_then(|n| calendar.add_workdays(received, n).ok())
            .map(iso_date::format),
        _ => None,
    };
    sqlx::query(
        "update requests set status = $1, received_on = $2, clarification_notice_due = $3, reply_due = $4, handler = $5,
            outcome = $6, decided_on = $7, fee_yuan = $8, updated_at = $9 where id = $10",
    )
    .bind(record.status.as_str())
    .bind(record.received.map(iso_date::format))
    .bind(clarification_notice_due)
    .bind(due.map(|d| iso_date::format(d.reply_due)))
    .bind(record.handler.clone())
    .bind(record.decision.as_ref().map(|d| d.outcome.clone()))
    .bind(record.decision.as_ref().map(|d| iso_date::format(d.on)))
    .bind(record.fee.as_ref().map(|f| f.amount_yuan as i64))
    .bind(timestamp::now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    get_in(tx, id).await
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
    let ctx = Context {
        actor_name: actor_name.to_owned(),
        today,
        reply_due: deadlines(&calendar, &record).map(|d| d.reply_due),
        max_extension_workdays: rules.max_extension_workdays,
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
        if let Some((subject, body)) = event.applicant_notice(&after.tracking_code, after.reply_due) {
            notify::to_applicant(&mut tx, &after, &agency.name, subject, &body).await?;
        }
    }
    tx.commit().await?;
    Ok(after)
}

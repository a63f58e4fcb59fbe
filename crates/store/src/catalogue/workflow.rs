//! Moving an item along the review chain.
//!
//! [`transition`] is the one entry point: it asks the pure rule
//! ([`gongkai_core::catalogue::review::decide`]) which events a command produces for the item's
//! status and the open secrecy hits, then in one transaction appends the events,
//! applies them to the item, issues the index number at first publication, fixes the Art. 26
//! timeliness figure, writes the outbox entry for search and the audit record.

use gongkai_core::calendar::{Calendar, iso_date};
use gongkai_core::catalogue::index_number;
use gongkai_core::catalogue::review::{self, Command, Context, Event, Status};
use serde_json::json;
use time::OffsetDateTime;

use super::drafts::{get_in, summary};
use super::item::Item;
use super::{outbox, revision, secrecy};
use gongkai_core::calendar::china_time::Moment;

use crate::actor::Actor;
use crate::actor::StoredActor;
use crate::audit::{self, Change};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;

/// Applies `command` to item `id` at `now`. The caller has authorized it (the application layer's
/// review use case: the command's permission, and the author relation where the command needs
/// it); this function checks the chain's own rules.
pub async fn transition(db: &Db, actor: &Actor, id: i64, command: &Command, now: OffsetDateTime) -> Result<Item> {
    let agency_id: i64 = sqlx::query_scalar("select agency_id from items where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该信息"))?;
    let calendar = crate::calendar::for_agency(db, &crate::agency::get(db, agency_id).await?).await?;
    let mut tx = db.begin().await?;
    let mut item = get_in(&mut tx, id).await?;
    let command = &given_formed_date_only_if_missing(command, &item);
    let ctx = Context {
        now,
        unresolved_secrecy_hits: secrecy::unresolved_count(&mut tx, id).await?,
        sign_off: sign_off_timing(&item, command, now, &calendar),
    };
    if matches!(command, Command::PublishDue) {
        let due = item.scheduled_at.map(|m| m.0);
        match due {
            Some(at) => review::check_due(at, now).map_err(|e| Error::field("command", "操作", e.to_string()))?,
            None => return Err(Error::field("command", "操作", "该信息没有定时发布时间")),
        }
    }
    let events =
        review::decide(item.status(), command, &ctx).map_err(|e| Error::field("command", "操作", e.to_string()))?;
    let mut status = item.status();
    // What the caller sees afterwards: this item, or the revision just opened, or the item a
    // published revision went into.
    let mut shown = id;
    for event in &events {
        status = review::apply(status, event);
        record_event(&mut tx, actor, id, event).await?;
        match event {
            Event::RevisionOpened => shown = revision::open(&mut tx, &actor.to_string(), &item).await?,
            Event::Published { .. } if item.revision_of.is_some() => {
                let original = item.revision_of.unwrap_or_default();
                let (into, replaced_version) = revision::merge(&mut tx, &item, original).await?;
                let merged = Event::Merged { into };
                record_event(&mut tx, actor, id, &merged).await?;
                status = review::apply(status, &merged);
                record_event(&mut tx, actor, into, &Event::RevisionPublished { replaced_version }).await?;
                shown = into;
            }
            Event::Repealed { validity, on, basis } => {
                sqlx::query("update items set validity = $1, expires_on = $2, repealed_by = $3 where id = $4")
                    .bind(validity.as_str())
                    .bind(iso_date::format(*on))
                    .bind(basis)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                outbox::push(&mut tx, "item", id, "upsert").await?;
            }
            Event::SignedOff { formed_on: Some(formed), .. } => {
                sqlx::query("update items set formed_on = $1 where id = $2")
                    .bind(iso_date::format(*formed))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                item.formed_on = Some(*formed);
            }
            Event::Published { at } => publish(&mut tx, &item, *at, &calendar).await?,
            Event::Scheduled { publish_at } => {
                sqlx::query("update items set scheduled_at = $1 where id = $2")
                    .bind(timestamp::format(*publish_at))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            Event::Withdrawn { .. } => outbox::push(&mut tx, "item", id, "delete").await?,
            _ => {}
        }
    }
    sqlx::query("update items set status = $1, updated_at = $2 where id = $3")
        .bind(status.as_str())
        .bind(timestamp::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = get_in(&mut tx, id).await?;
    let action = events.first().map(event_kind).unwrap_or("noop");
    let shown = if shown == id { after.clone() } else { get_in(&mut tx, shown).await? };
    let change = Change {
        agency_id: Some(item.agency_id),
        entity: "item",
        entity_id: id.to_string(),
        action,
        before: Some(summary(&item)),
        after: Some(summary(&after)),
    };
    audit::append(&mut tx, actor, change).await?;
    if shown.id != id {
        let (action, from) = if item.revision_of == Some(shown.id) {
            ("publish_revision", json!({"revision": id}))
        } else {
            ("create_revision", json!({"revision_of": id}))
        };
        let change = Change {
            agency_id: Some(item.agency_id),
            entity: "item",
            entity_id: shown.id.to_string(),
            action,
            before: None,
            after: Some(from),
        };
        audit::append(&mut tx, actor, change).await?;
    }
    tx.commit().await?;
    Ok(shown)
}

/// A 形成日期 given at sign-off counts only for a draft without one.
fn given_formed_date_only_if_missing(command: &Command, item: &Item) -> Command {
    match command {
        Command::SignOff { publish_at, late_reason, formed_on: Some(_) } if item.formed_on.is_some() => {
            Command::SignOff { publish_at: *publish_at, late_reason: late_reason.clone(), formed_on: None }
        }
        other => other.clone(),
    }
}

/// Where signing `item` off at `now` stands against Art. 26 (`None` unless it waits at 签发, and
/// for imported items, which keep the date the old site published them).
pub fn sign_off_timing(
    item: &Item,
    command: &Command,
    now: OffsetDateTime,
    calendar: &Calendar,
) -> Option<review::SignOffTiming> {
    if item.status() != Status::SignOff || item.source_id.is_some() {
        return None;
    }
    let given = match command {
        Command::SignOff { formed_on, .. } => *formed_on,
        _ => None,
    };
    let today = now.to_offset(time::macros::offset!(+8)).date();
    review::SignOffTiming::of(item.formed_on.or(given), today, calendar)
}

/// Publishes every scheduled item whose time has come (the job step; returns how many).
pub async fn publish_due(db: &Db, now: OffsetDateTime) -> Result<usize> {
    let due: Vec<i64> = sqlx::query_scalar("select id from items where status = $1 and scheduled_at <= $2 order by id")
        .bind(Status::Scheduled.as_str())
        .bind(timestamp::format(now))
        .fetch_all(db.reader())
        .await?;
    for id in &due {
        transition(db, &Actor::System, *id, &Command::PublishDue, now).await?;
    }
    Ok(due.len())
}

async fn record_event(tx: &mut Tx, actor: &Actor, id: i64, event: &Event) -> Result<()> {
    let json = serde_json::to_string(event).map_err(|e| Error::Internal(e.to_string()))?;
    sqlx::query("insert into item_events (item_id, at, actor, kind, event) values ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(timestamp::now())
        .bind(actor.to_string())
        .bind(event_kind(event))
        .bind(json)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub fn event_kind(event: &Event) -> &'static str {
    match event {
        Event::Submitted => "submitted",
        Event::SecrecyPassed => "secrecy_passed",
        Event::ReviewPassed => "review_passed",
        Event::SignedOff { .. } => "signed_off",
        Event::Scheduled { .. } => "scheduled",
        Event::Published { .. } => "published",
        Event::Returned { .. } => "returned",
        Event::Withdrawn { .. } => "withdrawn",
        Event::Revised => "revised",
        Event::RevisionOpened => "revision_opened",
        Event::RevisionPublished { .. } => "revision_published",
        Event::Merged { .. } => "merged",
        Event::Repealed { .. } => "repealed",
    }
}

/// Sets the publication date, issues the index number once, fixes the timeliness figure. An
/// imported item keeps the date it was first published on the old site.
async fn publish(tx: &mut Tx, item: &Item, at: OffsetDateTime, calendar: &Calendar) -> Result<()> {
    let published_on = match (&item.source_id, item.published_on) {
        (Some(_), Some(first)) => first,
        _ => at.to_offset(time::macros::offset!(+8)).date(),
    };
    let index_number = match &item.index_number {
        Some(n) => n.clone(),
        None => issue_index_number(tx, item.agency_id, published_on).await?,
    };
    let workdays = item.formed_on.and_then(|formed| calendar.workdays_between(formed, published_on).ok());
    sqlx::query("update items set published_on = $1, published_at = $2, index_number = $3, publish_workdays = $4, scheduled_at = null where id = $5")
        .bind(iso_date::format(published_on))
        .bind(timestamp::format(at))
        .bind(&index_number)
        .bind(workdays)
        .bind(item.id)
        .execute(&mut **tx)
        .await?;
    outbox::push(tx, "item", item.id, "upsert").await
}

/// The next index number of an agency for a date's year, from its scheme.
pub async fn issue_index_number(tx: &mut Tx, agency_id: i64, date: time::Date) -> Result<String> {
    let (code, scheme): (String, Option<String>) =
        sqlx::query_as("select credit_code, index_scheme from agencies where id = $1")
            .bind(agency_id)
            .fetch_one(&mut **tx)
            .await?;
    let serial: i64 = sqlx::query_scalar(
        "insert into index_serials (agency_id, year, last) values ($1, $2, 1)
         on conflict (agency_id, year) do update set last = index_serials.last + 1 returning last",
    )
    .bind(agency_id)
    .bind(date.year() as i64)
    .fetch_one(&mut **tx)
    .await?;
    let scheme = scheme.unwrap_or_else(|| index_number::DEFAULT_SCHEME.to_owned());
    index_number::format(&scheme, &code, date, serial as u32).map_err(|e| Error::Invalid(e.into()))
}

/// The event log of an item, oldest first: (time, actor, kind, event JSON).
/// One entry of an item's history, decoded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ItemEvent {
    pub id: i64,
    pub item_id: i64,
    pub at: Moment,
    pub actor: StoredActor,
    pub event: Event,
}

crate::from_row!(ItemEvent, "item_events", |r| Ok(ItemEvent {
    id: r.id(),
    item_id: r.int("item_id")?,
    at: r.moment("at")?,
    actor: r.actor("actor")?,
    event: r.json("event")?,
}));

/// The history of item `id`, in order.
pub async fn events(db: &Db, id: i64) -> Result<Vec<ItemEvent>> {
    Ok(sqlx::query_as("select * from item_events where item_id = $1 order by id")
        .bind(id)
        .fetch_all(db.reader())
        .await?)
}

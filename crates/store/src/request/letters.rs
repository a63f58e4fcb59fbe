//! Reply letters as stored: the agencies' own templates per outcome, the facts a letter states
//! (from the request and its latest decision), and the archive of rendered letters. Rendering
//! itself happens in the web adapter through the export crate; once archived, a letter is served
//! as it was, never regenerated over.

use gongkai_core::request::letter::{self, LetterFacts};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::Event;

use super::row::Request;
use super::workflow;
use gongkai_core::calendar::china_time::Moment;

use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

/// The template `agency_id` uses for `outcome`: its own, or gongkai's default.
pub async fn template(db: &Db, agency_id: i64, outcome: Outcome) -> Result<String> {
    let own: Option<String> =
        sqlx::query_scalar("select body from letter_templates where agency_id = $1 and outcome = $2")
            .bind(agency_id)
            .bind(outcome.key())
            .fetch_optional(db.reader())
            .await?;
    Ok(own.unwrap_or_else(|| letter::default_template(outcome).to_owned()))
}

/// Saves an agency's template for `outcome` (checked: known placeholders only).
pub async fn save_template(db: &Db, actor: &Actor, agency_id: i64, outcome: Outcome, body: &str) -> Result<()> {
    let body = body.replace("\r\n", "\n");
    letter::check_template(&body).map_err(|e| Error::Invalid(gongkai_core::field::FieldErrors(vec![e])))?;
    let mut tx = db.begin().await?;
    sqlx::query("delete from letter_templates where agency_id = $1 and outcome = $2")
        .bind(agency_id)
        .bind(outcome.key())
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into letter_templates (agency_id, outcome, body, updated_at) values ($1, $2, $3, $4)")
        .bind(agency_id)
        .bind(outcome.key())
        .bind(&body)
        .bind(timestamp::now())
        .execute(&mut *tx)
        .await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "letter_template",
        entity_id: outcome.key().to_owned(),
        action: "save",
        before: None,
        after: Some(serde_json::json!({"chars": body.chars().count()})),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// What the latest decision's letter says, and which archive slot it goes in (`reply-1`,
/// `reply-2` after a reopened request is decided again). None before any decision.
pub async fn facts(db: &Db, r: &Request, agency_name: &str) -> Result<Option<(String, LetterFacts)>> {
    let events: Vec<Event> = workflow::events(db, r.id).await?.into_iter().map(|e| e.event).collect();
    let decisions: Vec<&Event> = events.iter().filter(|e| matches!(e, Event::Decided { .. })).collect();
    let Some(Event::Decided { outcome, on, basis, reasons, responsible_agency }) = decisions.last() else {
        return Ok(None);
    };
    let Ok(outcome) = Outcome::parse(outcome) else { return Ok(None) };
    let received = r.received_on.unwrap_or(*on);
    let sought = [r.info_title.as_str(), r.doc_number.as_str(), r.description.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("，");
    let facts = LetterFacts {
        agency_name: agency_name.to_owned(),
        applicant_name: r.applicant_name.clone(),
        received,
        sought,
        outcome,
        decided: *on,
        basis: basis.clone(),
        reasons: reasons.clone(),
        responsible_agency: responsible_agency.clone(),
        tracking_code: r.tracking_code.clone(),
    };
    Ok(Some((format!("reply-{}", decisions.len()), facts)))
}

/// One archived rendering.
#[derive(Debug, Clone)]
pub struct Archived {
    pub id: i64,
    pub request_id: i64,
    pub kind: String,
    pub format: String,
    pub blob_key: String,
    pub size: i64,
    pub created_at: Moment,
}

crate::from_row!(Archived, "request_letters", |r| Ok(Archived {
    id: r.id(),
    request_id: r.int("request_id")?,
    kind: r.text("kind")?,
    format: r.text("format")?,
    blob_key: r.text("blob_key")?,
    size: r.int("size")?,
    created_at: r.moment("created_at")?,
}));

pub async fn archived(db: &Db, request_id: i64, kind: &str, format: &str) -> Result<Option<Archived>> {
    Ok(sqlx::query_as(
        "select * from request_letters where request_id = $1 and kind = $2 and format = $3 order by id limit 1",
    )
    .bind(request_id)
    .bind(kind)
    .bind(format)
    .fetch_optional(db.reader())
    .await?)
}

/// Records a rendered letter already put in the blob store.
pub async fn archive(
    db: &Db,
    actor: &Actor,
    r: &Request,
    kind: &str,
    format: &str,
    blob_key: &str,
    size: usize,
) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("insert into request_letters (request_id, kind, format, blob_key, size, created_at) values ($1, $2, $3, $4, $5, $6)")
        .bind(r.id)
        .bind(kind)
        .bind(format)
        .bind(blob_key)
        .bind(size as i64)
        .bind(timestamp::now())
        .execute(&mut *tx)
        .await?;
    let change = Change {
        agency_id: Some(r.agency_id),
        entity: "request",
        entity_id: r.id.to_string(),
        action: "archive_letter",
        before: None,
        after: Some(serde_json::json!({"kind": kind, "format": format, "size": size})),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

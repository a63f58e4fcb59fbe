//! The facts a year's report is compiled from, read from the records: requests (received,
//! latest decision), appeals, the catalogue's rules and normative documents, and the figures the
//! narrative draft states (items published and on time, fees paid, enquiries answered).

use std::collections::BTreeMap;

use gongkai_core::calendar::iso_date;
use gongkai_core::catalogue::validity::{DocKind, Validity};
use gongkai_core::report::model::AppealFacts;
use gongkai_core::report::sections::DraftFacts;
use gongkai_core::report::table2::DocumentFacts;
use gongkai_core::report::table3::RequestFacts;
use gongkai_core::request::applicant::ApplicantKind;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::Event;

use crate::db::Db;
use crate::error::Result;

/// Every request of the agency that has a receipt day, with the decision it is counted by.
///
/// The report model counts a request by its latest decision, so a reopened request decided
/// again counts once, in the year of its new decision. A published (locked) year's figures never
/// change, though: when a request was decided in a year whose report is published and reopened
/// later, it stays counted by its decision of that year (the first such year), and the new
/// handling is not counted a second time.
pub async fn requests(db: &Db, agency_id: i64) -> Result<Vec<RequestFacts>> {
    type Row = (i64, String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "select id, applicant_type, received_on, decided_on, outcome from requests where agency_id = $1 and received_on is not null order by id",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?;
    let locked: Vec<i32> =
        super::publish::published_years(db, agency_id).await?.into_iter().map(|(year, _, _)| year).collect();
    let earlier = if locked.is_empty() { BTreeMap::new() } else { decisions_of_reopened(db, agency_id).await? };
    let mut facts = Vec::with_capacity(rows.len());
    for (id, kind, received, decided_on, outcome) in rows {
        let (Ok(applicant), Some(Ok(received))) =
            (ApplicantKind::parse(&kind), received.as_deref().map(iso_date::parse))
        else {
            continue;
        };
        let latest = match (decided_on.as_deref().map(iso_date::parse), outcome.as_deref().map(Outcome::parse)) {
            (Some(Ok(on)), Some(Ok(o))) => Some((on, o)),
            _ => None,
        };
        let frozen = earlier.get(&id).and_then(|decisions| {
            let year = decisions.iter().map(|(on, _)| on.year()).filter(|y| locked.contains(y)).min()?;
            decisions.iter().rev().find(|(on, _)| on.year() == year).copied()
        });
        facts.push(RequestFacts { applicant, received, decided: frozen.or(latest) });
    }
    Ok(facts)
}

/// The decisions (day, outcome) in order of every request of the agency that was reopened.
async fn decisions_of_reopened(db: &Db, agency_id: i64) -> Result<BTreeMap<i64, Vec<(time::Date, Outcome)>>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "select e.request_id, e.event from request_events e join requests r on r.id = e.request_id
         where r.agency_id = $1 and e.kind = 'decided'
           and e.request_id in (select request_id from request_events where kind = 'reopened')
         order by e.id",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?;
    let mut out: BTreeMap<i64, Vec<(time::Date, Outcome)>> = BTreeMap::new();
    for (id, json) in rows {
        if let Ok(Event::Decided { on, outcome, .. }) = serde_json::from_str::<Event>(&json)
            && let Ok(outcome) = Outcome::parse(&outcome)
        {
            out.entry(id).or_default().push((on, outcome));
        }
    }
    Ok(out)
}

/// Every reconsideration and lawsuit recorded for the agency.
pub async fn appeals(db: &Db, agency_id: i64) -> Result<Vec<AppealFacts>> {
    let rows: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as("select kind, filed_on, result, result_on from appeals where agency_id = $1")
            .bind(agency_id)
            .fetch_all(db.reader())
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, filed, result, result_on)| {
            Some(AppealFacts {
                kind,
                filed: iso_date::parse(&filed).ok()?,
                result,
                result_on: result_on.as_deref().and_then(|d| iso_date::parse(d).ok()),
            })
        })
        .collect())
}

/// The published rules and normative documents of the agency. A document no longer in force
/// ended on its 失效日期 (`expires_on`), or, without one, on the day its record last changed.
pub async fn documents(db: &Db, agency_id: i64) -> Result<Vec<DocumentFacts>> {
    type Row = (String, Option<String>, Option<String>, String, Option<String>, String);
    let rows: Vec<Row> = sqlx::query_as(
        "select kind, written_on, published_on, validity, expires_on, updated_at from items
         where agency_id = $1 and status = 'published' and kind in ('rule', 'normative_document')",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?;
    let date = |s: &Option<String>| s.as_deref().and_then(|d| iso_date::parse(d.get(..10).unwrap_or(d)).ok());
    Ok(rows
        .into_iter()
        .filter_map(|(kind, written, published, validity, expires, updated)| {
            let kind = if kind == "rule" { DocKind::Rule } else { DocKind::NormativeDocument };
            let validity: Validity = validity.parse().ok()?;
            let published = date(&published);
            let written = date(&written).or(published)?;
            let ended =
                (validity != Validity::InForce).then(|| date(&expires).or_else(|| date(&Some(updated)))).flatten();
            Some(DocumentFacts { kind, written, published, validity, ended })
        })
        .collect())
}

/// The figures of `year` the narrative draft states.
pub async fn draft(db: &Db, agency_id: i64, year: i32) -> Result<DraftFacts> {
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let (items_published, items_on_time): (i64, i64) = sqlx::query_as(
        "select cast(count(*) as bigint), cast(coalesce(sum(case when publish_workdays is null or publish_workdays <= 20 then 1 else 0 end), 0) as bigint)
         from items where agency_id = $1 and status = 'published' and published_on between $2 and $3",
    )
    .bind(agency_id)
    .bind(&from)
    .bind(&to)
    .fetch_one(db.reader())
    .await?;
    let messages_answered: i64 = sqlx::query_scalar(
        "select cast(count(*) as bigint) from messages where agency_id = $1 and replied_at is not null and substr(replied_at, 1, 4) = $2",
    )
    .bind(agency_id)
    .bind(year.to_string())
    .fetch_one(db.reader())
    .await?;
    let (fees_paid_yuan, fees_paid_requests) = fees_paid(db, agency_id, year).await?;
    Ok(DraftFacts { items_published, items_on_time, fees_paid_yuan, fees_paid_requests, messages_answered })
}

/// 信息处理费 paid in `year`: the amount of each request's latest fee notice before its payment.
async fn fees_paid(db: &Db, agency_id: i64, year: i32) -> Result<(i64, i64)> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "select e.request_id, e.event from request_events e join requests r on r.id = e.request_id
         where r.agency_id = $1 and e.kind in ('fee_notice_issued', 'fee_paid') order by e.request_id, e.id",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?;
    let mut notice: BTreeMap<i64, u64> = BTreeMap::new();
    let (mut yuan, mut requests) = (0i64, 0i64);
    for (request_id, json) in rows {
        match serde_json::from_str::<Event>(&json) {
            Ok(Event::FeeNoticeIssued { amount_yuan, .. }) => {
                notice.insert(request_id, amount_yuan);
            }
            Ok(Event::FeePaid { on }) if on.year() == year => {
                if let Some(amount) = notice.remove(&request_id) {
                    yuan += amount as i64;
                    requests += 1;
                }
            }
            _ => {}
        }
    }
    Ok((yuan, requests))
}

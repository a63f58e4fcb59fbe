//! Lists and lookups of requests: the console list with its overdue and due-soon views, the
//! applicant's lookup by tracking code and query password.

use gongkai_core::calendar::{Calendar, iso_date};
use time::Date;

use super::query_key::QueryKey;
use super::row::Request;
use crate::db::Db;
use crate::error::{Error, Result};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::Status;

/// Which requests a console list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every request awaiting a reply.
    Open,
    /// Awaiting a reply and past the reply deadline.
    Overdue,
    /// Awaiting a reply, due within the next 3 working days.
    DueSoon,
    /// Everything, newest first.
    All,
}

impl View {
    pub fn parse(s: &str) -> View {
        match s {
            "overdue" => View::Overdue,
            "due_soon" => View::DueSoon,
            "all" => View::All,
            _ => View::Open,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            View::Open => "open",
            View::Overdue => "overdue",
            View::DueSoon => "due_soon",
            View::All => "all",
        }
    }
}

const OPEN: &str =
    "status in ('registered', 'confirmed', 'clarifying', 'processing', 'consulting', 'awaiting_payment')";

/// Working days that count as "due soon".
pub const DUE_SOON_WORKDAYS: u32 = 3;

/// What a handler narrows a request list to (every part optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the tracking code or of the applicant's name.
    pub text: String,
    /// Received on or after / on or before.
    pub received_from: Option<Date>,
    pub received_to: Option<Date>,
    pub status: Option<Status>,
    /// Part of the handler's name.
    pub handler: String,
    pub outcome: Option<Outcome>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// `%text%` for LIKE with the wildcards in `text` escaped.
fn contains(text: &str) -> String {
    let escaped = text.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Requests of an agency in `view` on `today`, at most `limit`, most urgent first.
pub async fn list(
    db: &Db,
    calendar: &Calendar,
    agency_id: i64,
    view: View,
    today: Date,
    limit: i64,
) -> Result<Vec<Request>> {
    list_filtered(db, calendar, agency_id, view, today, &Filter::default(), limit).await
}

/// [`list`] narrowed by `filter`.
pub async fn list_filtered(
    db: &Db,
    calendar: &Calendar,
    agency_id: i64,
    view: View,
    today: Date,
    filter: &Filter,
    limit: i64,
) -> Result<Vec<Request>> {
    let today_s = iso_date::format(today);
    let soon =
        calendar.add_workdays(today, DUE_SOON_WORKDAYS).map(iso_date::format).unwrap_or_else(|_| today_s.clone());
    let mut texts: Vec<String> = Vec::new();
    let mut param = |value: String| {
        texts.push(value);
        format!("${}", texts.len() + 1)
    };
    let mut conditions = vec!["agency_id = $1".to_owned()];
    let order = match view {
        View::Open => {
            conditions.push(OPEN.to_owned());
            "coalesce(reply_due, '9999'), id"
        }
        View::Overdue => {
            conditions.push(format!("{OPEN} and reply_due < {}", param(today_s.clone())));
            "reply_due, id"
        }
        View::DueSoon => {
            conditions.push(format!(
                "{OPEN} and reply_due >= {} and reply_due <= {}",
                param(today_s.clone()),
                param(soon)
            ));
            "reply_due, id"
        }
        View::All => "id desc",
    };
    if !filter.text.trim().is_empty() {
        let like = contains(&filter.text);
        conditions.push(format!(
            "(upper(tracking_code) like upper({}) escape '\\' or applicant_name like {} escape '\\')",
            param(like.clone()),
            param(like)
        ));
    }
    if let Some(from) = filter.received_from {
        conditions.push(format!("received_on >= {}", param(iso_date::format(from))));
    }
    if let Some(to) = filter.received_to {
        conditions.push(format!("received_on <= {}", param(iso_date::format(to))));
    }
    if let Some(status) = filter.status {
        conditions.push(format!("status = {}", param(status.as_str().to_owned())));
    }
    if !filter.handler.trim().is_empty() {
        conditions.push(format!("handler like {} escape '\\'", param(contains(&filter.handler))));
    }
    if let Some(outcome) = filter.outcome {
        conditions.push(format!("outcome = {}", param(outcome.key().to_owned())));
    }
    let limit_at = texts.len() + 2;
    let sql = format!("select * from requests where {} order by {order} limit ${limit_at}", conditions.join(" and "));
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(agency_id);
    for t in texts {
        query = query.bind(t);
    }
    Ok(query.bind(limit).fetch_all(db.reader()).await?)
}

/// Counts of open and overdue requests of one agency on `today`.
pub async fn open_and_overdue(db: &Db, agency_id: i64, today: Date) -> Result<(i64, i64)> {
    let today = iso_date::format(today);
    let open: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "select cast(count(*) as bigint) from requests where agency_id = $1 and {OPEN}"
    )))
    .bind(agency_id)
    .fetch_one(db.reader())
    .await?;
    let overdue: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "select cast(count(*) as bigint) from requests where agency_id = $1 and {OPEN} and reply_due < $2"
    )))
    .bind(agency_id)
    .bind(today)
    .fetch_one(db.reader())
    .await?;
    Ok((open, overdue))
}

pub async fn get(db: &Db, id: i64) -> Result<Request> {
    sqlx::query_as("select * from requests where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该申请"))
}

/// The request with this tracking code, if the query password matches. A wrong code and a wrong
/// password give the same answer, so codes cannot be probed.
pub async fn by_code_and_password(db: &Db, code: &str, password: &str, key: &QueryKey) -> Result<Request> {
    let code = code.trim().to_ascii_uppercase();
    let found: Option<Request> = sqlx::query_as("select * from requests where tracking_code = $1")
        .bind(&code)
        .fetch_optional(db.reader())
        .await?;
    let hash = found.as_ref().map(|r| r.password_hash.clone()).unwrap_or_default();
    let ok = key.matches(&code, password.trim(), &hash).await;
    match found {
        Some(r) if ok => Ok(r),
        _ => Err(Error::field("tracking_code", "查询码", "查询码或查询密码不正确")),
    }
}

/// Attachments of a request: (id, filename, size).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct RequestFile {
    pub id: i64,
    pub request_id: i64,
    pub filename: String,
    pub blob_key: String,
    pub size: i64,
    pub content_type: String,
}

pub async fn attachments(db: &Db, request_id: i64) -> Result<Vec<RequestFile>> {
    Ok(sqlx::query_as("select id, request_id, filename, blob_key, size, content_type from request_attachments where request_id = $1 order by id")
        .bind(request_id)
        .fetch_all(db.reader())
        .await?)
}

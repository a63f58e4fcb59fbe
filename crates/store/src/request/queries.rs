//! Lists and lookups of requests: the console list with its overdue and due-soon views, the
//! applicant's lookup by tracking code and query password.

use gongkai_core::calendar::{Calendar, iso_date};
use time::Date;

use super::query_key::QueryKey;
use super::row::Request;
use crate::db::Db;
use crate::error::{Error, Result};

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

/// Requests of an agency in `view` on `today`, at most `limit`, most urgent first.
pub async fn list(
    db: &Db,
    calendar: &Calendar,
    agency_id: i64,
    view: View,
    today: Date,
    limit: i64,
) -> Result<Vec<Request>> {
    let today_s = iso_date::format(today);
    let soon =
        calendar.add_workdays(today, DUE_SOON_WORKDAYS).map(iso_date::format).unwrap_or_else(|_| today_s.clone());
    let (sql, a, b) = match view {
        View::Open => (
            format!(
                "select * from requests where agency_id = $1 and {OPEN} and $2 = $2 and $3 = $3 order by coalesce(reply_due, '9999'), id limit $4"
            ),
            today_s.clone(),
            today_s,
        ),
        View::Overdue => (
            format!(
                "select * from requests where agency_id = $1 and {OPEN} and reply_due < $2 and $3 = $3 order by reply_due, id limit $4"
            ),
            today_s.clone(),
            today_s,
        ),
        View::DueSoon => (
            format!(
                "select * from requests where agency_id = $1 and {OPEN} and reply_due >= $2 and reply_due <= $3 order by reply_due, id limit $4"
            ),
            today_s,
            soon,
        ),
        View::All => (
            "select * from requests where agency_id = $1 and $2 = $2 and $3 = $3 order by id desc limit $4".to_owned(),
            today_s.clone(),
            today_s,
        ),
    };
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(agency_id)
        .bind(a)
        .bind(b)
        .bind(limit)
        .fetch_all(db.reader())
        .await?)
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

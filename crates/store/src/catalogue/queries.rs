//! Lists and lookups of items for the console and the portal.
//!
//! Optional filters are passed as empty strings (never NULL parameters, which PostgreSQL cannot
//! type), and every list is ordered by a unique key so pages are stable. Integer parameters are
//! bound as 64-bit (`bigint` on PostgreSQL): a function taking `integer` (`substr`) gets an
//! explicit `cast($n as integer)`, since PostgreSQL does not narrow implicitly.

use gongkai_core::catalogue::review::Status;

use super::item::Item;
use crate::db::Db;
use crate::error::{Error, Result};

/// Filters of the public catalogue of one agency.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub agency_id: i64,
    /// An Art. 20 key (`art20.1`) or empty.
    pub category: String,
    /// A 主题分类 top level (`综合政务`) or full path (`综合政务\政务公开`), or empty.
    pub subject: String,
    /// A year (`2024`) or empty.
    pub year: String,
    /// `in_force` / `expired` / `repealed` or empty.
    pub validity: String,
    /// Only items in the 政府信息公开制度 column.
    pub system_column: bool,
}

const PUBLIC_WHERE: &str = "agency_id = $1 and status = 'published'
    and ($2 = '' or category = $2)
    and ($3 = '' or subject = $3 or substr(subject, 1, cast($4 as integer)) = $5)
    and ($6 = '' or substr(published_on, 1, 4) = $6)
    and ($7 = '' or validity = $7)
    and ($8 = 0 or in_system_column = 1)";

macro_rules! bind_public {
    ($query:expr, $f:expr) => {{
        let prefix = format!("{}\\", $f.subject);
        $query
            .bind($f.agency_id)
            .bind(&$f.category)
            .bind(&$f.subject)
            .bind(prefix.chars().count() as i64)
            .bind(prefix)
            .bind(&$f.year)
            .bind(&$f.validity)
            .bind($f.system_column as i64)
    }};
}

/// One page of an agency's published items, newest first, and the total.
pub async fn public_page(db: &Db, f: &PublicFilter, page: i64, per_page: i64) -> Result<(Vec<Item>, i64)> {
    Ok((public_items(db, f, page, per_page).await?, public_count(db, f).await?))
}

/// One page of an agency's published items, newest first.
pub async fn public_items(db: &Db, f: &PublicFilter, page: i64, per_page: i64) -> Result<Vec<Item>> {
    let list_sql =
        format!("select * from items where {PUBLIC_WHERE} order by published_on desc, id desc limit $9 offset $10");
    Ok(bind_public!(sqlx::query_as(sqlx::AssertSqlSafe(list_sql)), f)
        .bind(per_page)
        .bind((page.max(1) - 1) * per_page)
        .fetch_all(db.reader())
        .await?)
}

/// How many published items of an agency pass the filter (reads every matching row: callers
/// on hot paths cache it, see the portal's column summaries).
pub async fn public_count(db: &Db, f: &PublicFilter) -> Result<i64> {
    let count_sql = format!("select cast(count(*) as bigint) from items where {PUBLIC_WHERE}");
    Ok(bind_public!(sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)), f).fetch_one(db.reader()).await?)
}

/// One page of an agency's items in any status (console), newest change first.
pub async fn console_page(db: &Db, agency_id: i64, status: &str, page: i64, per_page: i64) -> Result<(Vec<Item>, i64)> {
    let items = sqlx::query_as(
        "select * from items where agency_id = $1 and ($2 = '' or status = $2) order by updated_at desc, id desc limit $3 offset $4",
    )
    .bind(agency_id)
    .bind(status)
    .bind(per_page)
    .bind((page.max(1) - 1) * per_page)
    .fetch_all(db.reader())
    .await?;
    let total = sqlx::query_scalar(
        "select cast(count(*) as bigint) from items where agency_id = $1 and ($2 = '' or status = $2)",
    )
    .bind(agency_id)
    .bind(status)
    .fetch_one(db.reader())
    .await?;
    Ok((items, total))
}

pub async fn get(db: &Db, id: i64) -> Result<Item> {
    sqlx::query_as("select * from items where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该信息"))
}

/// A published item by id (the portal never shows other statuses).
pub async fn published(db: &Db, id: i64) -> Result<Item> {
    sqlx::query_as("select * from items where id = $1 and status = $2")
        .bind(id)
        .bind(Status::Published.as_str())
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该信息"))
}

/// Counts per status for an agency (console overview).
pub async fn status_counts(db: &Db, agency_id: i64) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "select status, cast(count(*) as bigint) from items where agency_id = $1 group by status order by status",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?)
}

/// Published items of an agency that came out later than 20 working days after they were formed.
pub async fn late(db: &Db, agency_id: i64, limit: i64) -> Result<Vec<Item>> {
    Ok(sqlx::query_as(
        "select * from items where agency_id = $1 and status = 'published' and publish_workdays > 20
         order by published_on desc, id desc limit $2",
    )
    .bind(agency_id)
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}

/// Documents an interpretation interprets, and interpretations of a document. `cross join` makes
/// SQLite start from the (small) link table rather than scan items; PostgreSQL plans it freely.
pub async fn links(db: &Db, id: i64) -> Result<(Vec<Item>, Vec<Item>)> {
    let interprets = sqlx::query_as(
        "select items.* from item_links cross join items where items.id = item_links.document_id
         and item_links.interpretation_id = $1 and items.status = 'published' order by items.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    let interpreted_by = sqlx::query_as(
        "select items.* from item_links cross join items where items.id = item_links.interpretation_id
         and item_links.document_id = $1 and items.status = 'published' order by items.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    Ok((interprets, interpreted_by))
}

/// Number of published items (all agencies).
pub async fn published_count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("select cast(count(*) as bigint) from items where status = 'published'")
        .fetch_one(db.reader())
        .await?)
}

/// The site's latest published items, newest first (the portal's home page): a backward walk of
/// `items_status_published`, stopping after `limit`.
pub async fn latest_published(db: &Db, limit: i64) -> Result<Vec<Item>> {
    Ok(sqlx::query_as("select * from items where status = 'published' order by published_on desc, id desc limit $1")
        .bind(limit)
        .fetch_all(db.reader())
        .await?)
}

/// Published items with id greater than `after`, by id (for rebuilding the index).
pub async fn published_after(db: &Db, after: i64, limit: i64) -> Result<Vec<Item>> {
    Ok(sqlx::query_as("select * from items where status = 'published' and id > $1 order by id limit $2")
        .bind(after)
        .bind(limit)
        .fetch_all(db.reader())
        .await?)
}

/// The id and publication day (`YYYY-MM-DD`) of published items by id, skipping `offset` (one
/// file of the sitemap): no bodies are read.
pub async fn published_stamps(db: &Db, offset: i64, limit: i64) -> Result<Vec<(i64, Option<String>)>> {
    Ok(sqlx::query_as("select id, published_on from items where status = 'published' order by id limit $1 offset $2")
        .bind(limit)
        .bind(offset)
        .fetch_all(db.reader())
        .await?)
}

/// Years with published items of an agency, newest first.
///
/// One index seek per year (the latest date before the previous year found) on
/// `items(agency_id, status, published_on)`, instead of reading every item of the agency.
pub async fn published_years(db: &Db, agency_id: i64) -> Result<Vec<i64>> {
    let mut years = Vec::new();
    let mut before = "9999".to_owned();
    loop {
        let latest: Option<String> = sqlx::query_scalar(
            "select max(published_on) from items where agency_id = $1 and status = 'published' and published_on < $2",
        )
        .bind(agency_id)
        .bind(&before)
        .fetch_one(db.reader())
        .await?;
        let Some(year) = latest.as_deref().and_then(|d| d.get(..4)).map(str::to_owned) else { break };
        match year.parse() {
            Ok(y) => years.push(y),
            Err(_) => break,
        }
        before = year;
    }
    Ok(years)
}

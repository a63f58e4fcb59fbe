//! Revising a published item without taking it offline, and the versions it leaves behind.
//!
//! `open` makes a revision: a new item (`revision_of` the original) holding a copy of the
//! original's fields, attachments and links, which goes through the whole review chain as any
//! draft does while the original stays on the portal. One revision at a time per item. When the
//! revision is published (`merge`, from the workflow's publication step), the original's public
//! version is kept as an [`ItemVersion`] (reachable on the portal as history), the revision's
//! fields, attachments, links and secrecy hits move into the original, which keeps its page, its
//! index number and its first publication date, and the revision's row stays as the record of
//! its own review (status 已替换 / `superseded`).

use gongkai_core::calendar::china_time::Moment;
use gongkai_core::calendar::iso_date;
use gongkai_core::catalogue::validity::{DocKind, Validity};
use serde::{Deserialize, Serialize};
use time::Date;

use super::drafts::get_in;
use super::item::Item;
use super::outbox;
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;

/// The fields an item's revision copies and a published revision writes back.
const FIELDS: &str = "title, summary, body, body_text, category, subject, issuer, doc_number, written_on, formed_on,
    keywords, validity, kind, effective_on, expires_on, in_system_column, repealed_by";

/// A public version as it was before a revision replaced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub title: String,
    pub summary: Option<String>,
    pub body: String,
    pub category: String,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    #[serde(with = "iso_date::option")]
    pub written_on: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub published_on: Option<Date>,
    pub keywords: Option<String>,
    pub validity: Validity,
    pub kind: DocKind,
    #[serde(with = "iso_date::option")]
    pub effective_on: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub expires_on: Option<Date>,
    pub index_number: Option<String>,
    pub attachments: Vec<SnapshotAttachment>,
}

/// An attachment of a replaced version (the blob stays in the store: blobs are never deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotAttachment {
    pub filename: String,
    pub blob_key: String,
    pub size: i64,
    pub content_type: String,
}

impl SnapshotAttachment {
    pub fn size_label(&self) -> String {
        super::attachments::size_label(self.size)
    }
}

/// A replaced public version of an item.
#[derive(Debug, Clone)]
pub struct ItemVersion {
    pub item_id: i64,
    /// 1 for the first public version.
    pub number: i64,
    pub snapshot: Snapshot,
    /// When the revision replaced it.
    pub replaced_at: Moment,
    pub revision_id: i64,
}

crate::from_row!(ItemVersion, "item_versions", |r| Ok(ItemVersion {
    item_id: r.int("item_id")?,
    number: r.int("number")?,
    snapshot: r.json("snapshot")?,
    replaced_at: r.moment("replaced_at")?,
    revision_id: r.int("revision_id")?,
}));

/// Opens a revision of the published `original` inside `tx`, for `author`; returns its id.
pub(crate) async fn open(tx: &mut Tx, author: &str, original: &Item) -> Result<i64> {
    let open: Option<(i64, String)> = sqlx::query_as(
        "select id, status from items where revision_of = $1 and status <> 'superseded' order by id limit 1",
    )
    .bind(original.id)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((_, status)) = open {
        let label = status.parse::<gongkai_core::catalogue::review::Status>().map(|s| s.label()).unwrap_or("办理中");
        return Err(Error::field("command", "操作", format!("该信息已有一份修订稿（{label}）：请在修订稿上继续办理")));
    }
    let now = timestamp::now();
    let sql = format!(
        "insert into items ({FIELDS}, agency_id, status, revision_of, created_by, created_at, updated_at)
         select {FIELDS}, agency_id, 'draft', id, $1, $2, $2 from items where id = $3 returning id"
    );
    let revision: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(author)
        .bind(&now)
        .bind(original.id)
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query(
        "insert into item_attachments (item_id, filename, blob_key, size, content_type, extracted_text, text_problem, created_at)
         select $1, filename, blob_key, size, content_type, extracted_text, text_problem, $2
         from item_attachments where item_id = $3 order by id",
    )
    .bind(revision)
    .bind(&now)
    .bind(original.id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "insert into item_links (interpretation_id, document_id)
         select $1, document_id from item_links where interpretation_id = $2",
    )
    .bind(revision)
    .bind(original.id)
    .execute(&mut **tx)
    .await?;
    Ok(revision)
}

/// Publishes the signed-off `revision` inside `tx`: keeps the original's public version as the
/// next [`ItemVersion`] and copies the revision into it. Returns the original's id and the
/// number the replaced version was kept under.
pub(crate) async fn merge(tx: &mut Tx, revision: &Item, original_id: i64) -> Result<(i64, i64)> {
    let original = get_in(tx, original_id).await?;
    let attachments: Vec<(String, String, i64, String)> = sqlx::query_as(
        "select filename, blob_key, size, content_type from item_attachments where item_id = $1 order by id",
    )
    .bind(original_id)
    .fetch_all(&mut **tx)
    .await?;
    let snapshot = Snapshot {
        title: original.title.clone(),
        summary: original.summary.clone(),
        body: original.body.clone(),
        category: original.category.clone(),
        subject: original.subject.clone(),
        issuer: original.issuer.clone(),
        doc_number: original.doc_number.clone(),
        written_on: original.written_on,
        published_on: original.published_on,
        keywords: original.keywords.clone(),
        validity: original.validity,
        kind: original.kind,
        effective_on: original.effective_on,
        expires_on: original.expires_on,
        index_number: original.index_number.clone(),
        attachments: attachments
            .into_iter()
            .map(|(filename, blob_key, size, content_type)| SnapshotAttachment {
                filename,
                blob_key,
                size,
                content_type,
            })
            .collect(),
    };
    let number: i64 = sqlx::query_scalar("select cast(count(*) as bigint) + 1 from item_versions where item_id = $1")
        .bind(original_id)
        .fetch_one(&mut **tx)
        .await?;
    let json = serde_json::to_string(&snapshot).map_err(|e| Error::Internal(e.to_string()))?;
    sqlx::query(
        "insert into item_versions (item_id, number, snapshot, replaced_at, revision_id) values ($1, $2, $3, $4, $5)",
    )
    .bind(original_id)
    .bind(number)
    .bind(json)
    .bind(timestamp::now())
    .bind(revision.id)
    .execute(&mut **tx)
    .await?;
    // `update … from` differs between the backends: copy column by column through a subquery.
    let sets = FIELDS
        .split(',')
        .map(str::trim)
        .map(|f| format!("{f} = (select {f} from items r where r.id = $1)"))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "update items set {sets}, status = 'published', updated_at = $2 where id = $3"
    )))
    .bind(revision.id)
    .bind(timestamp::now())
    .bind(original_id)
    .execute(&mut **tx)
    .await?;
    for table in ["item_attachments", "secrecy_hits"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("delete from {table} where item_id = $1")))
            .bind(original_id)
            .execute(&mut **tx)
            .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("update {table} set item_id = $1 where item_id = $2")))
            .bind(original_id)
            .bind(revision.id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("delete from item_links where interpretation_id = $1").bind(original_id).execute(&mut **tx).await?;
    sqlx::query("update item_links set interpretation_id = $1 where interpretation_id = $2")
        .bind(original_id)
        .bind(revision.id)
        .execute(&mut **tx)
        .await?;
    outbox::push(tx, "item", original_id, "upsert").await?;
    Ok((original_id, number))
}

/// The replaced versions of item `id`, oldest first.
pub async fn versions(db: &Db, id: i64) -> Result<Vec<ItemVersion>> {
    Ok(sqlx::query_as("select * from item_versions where item_id = $1 order by number")
        .bind(id)
        .fetch_all(db.reader())
        .await?)
}

/// Version `number` of item `id`.
pub async fn version(db: &Db, id: i64, number: i64) -> Result<ItemVersion> {
    sqlx::query_as("select * from item_versions where item_id = $1 and number = $2")
        .bind(id)
        .bind(number)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该历史版本"))
}

/// The revisions of item `id` (open and published), oldest first.
pub async fn revisions(db: &Db, id: i64) -> Result<Vec<Item>> {
    Ok(sqlx::query_as("select * from items where revision_of = $1 order by id").bind(id).fetch_all(db.reader()).await?)
}

//! Attachments of an item: the bytes go to the blob store (content-addressed), the row keeps the
//! file name, size, type and the extracted text (for search and the secrecy scan).

use gongkai_files::blob::BlobStore;
use gongkai_files::extract;
use serde_json::json;

use super::drafts::get_in;
use super::secrecy;
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;
use gongkai_core::calendar::china_time::Moment;

/// Largest attachment accepted.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// An attachment of an item, decoded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Attachment {
    pub id: i64,
    pub item_id: i64,
    pub filename: String,
    pub blob_key: String,
    pub size: i64,
    pub content_type: String,
    #[serde(skip)]
    pub extracted_text: String,
    /// Why its text could not be read, for the reviewer; `None` when it was read.
    pub text_problem: Option<String>,
    pub created_at: Moment,
}

crate::from_row!(Attachment, "item_attachments", |r| Ok(Attachment {
    id: r.id(),
    item_id: r.int("item_id")?,
    filename: r.text("filename")?,
    blob_key: r.text("blob_key")?,
    size: r.int("size")?,
    content_type: r.text("content_type")?,
    extracted_text: r.text("extracted_text")?,
    text_problem: r.opt_text("text_problem")?,
    created_at: r.moment("created_at")?,
}));

impl Attachment {
    /// Size for people (KB / MB).
    pub fn size_label(&self) -> String {
        size_label(self.size)
    }
}

/// A file size for people (KB / MB).
pub fn size_label(size: i64) -> String {
    if size >= 1024 * 1024 {
        format!("{:.1} MB", size as f64 / 1048576.0)
    } else {
        format!("{} KB", (size + 1023) / 1024)
    }
}

/// The MIME type served for a stored file, by its extension.
pub(crate) fn content_type(filename: &str) -> &'static str {
    let ext = filename.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The text of a file for search and the secrecy scan, or, when it cannot be read (too large
/// once inflated, broken, encrypted), an empty text and the note saying why: such a file holds
/// the secrecy review until a reviewer has read it by hand. Files with no text to read (images)
/// are not a problem.
pub(crate) fn read_text(filename: &str, bytes: &[u8]) -> (String, Option<String>) {
    match extract::extract_text(filename, bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let problem = e.unreadable_text_note();
            if problem.is_some() {
                // The file name is staff-chosen and may be personal: log only the kind of failure.
                let limit = matches!(e, gongkai_files::Error::Limit { .. });
                tracing::warn!(limit, "attachment text could not be read; held for review");
            }
            (String::new(), problem)
        }
    }
}

/// Stores a file for a draft item, extracts its text and re-runs the secrecy scan.
pub async fn add(
    db: &Db,
    blobs: &BlobStore,
    actor: &Actor,
    item_id: i64,
    filename: &str,
    bytes: Vec<u8>,
) -> Result<Attachment> {
    let filename = filename.rsplit(['/', '\\']).next().unwrap_or(filename).trim().to_owned();
    if filename.is_empty() || filename.chars().count() > 200 {
        return Err(Error::field("attachment", "附件", "附件文件名不能为空且不超过200个字符"));
    }
    // Parsing a PDF or DOCX is CPU work: keep it off the async workers.
    let name = filename.clone();
    let (bytes, (text, problem)) = tokio::task::spawn_blocking(move || {
        extract::check_upload(&name, &bytes, MAX_BYTES).map(|_kind| {
            let read = read_text(&name, &bytes);
            (bytes, read)
        })
    })
    .await
    .map_err(|e| Error::Internal(format!("text extraction task: {e}")))?
    .map_err(|e| Error::field("attachment", "附件", e.to_string()))?;
    let stored = blobs.put(bytes.into()).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
    let mut tx = db.begin().await?;
    let item = get_in(&mut tx, item_id).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into item_attachments (item_id, filename, blob_key, size, content_type, extracted_text, text_problem,
            created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(item_id)
    .bind(&filename)
    .bind(&stored.key)
    .bind(stored.size as i64)
    .bind(content_type(&filename))
    .bind(&text)
    .bind(&problem)
    .bind(timestamp::now())
    .fetch_one(&mut *tx)
    .await?;
    secrecy::rescan(&mut tx, db.secrecy_key(), item_id).await?;
    let after = json!({"attachment": id, "filename": filename, "size": stored.size, "sha256": stored.sha256});
    let change = Change {
        agency_id: Some(item.agency_id),
        entity: "item",
        entity_id: item_id.to_string(),
        action: "add_attachment",
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    get(db, id).await
}

/// Removes an attachment from a draft (the blob stays: it may be shared by identical content).
pub async fn remove(db: &Db, actor: &Actor, item_id: i64, attachment_id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let item = get_in(&mut tx, item_id).await?;
    let filename: Option<String> =
        sqlx::query_scalar("select filename from item_attachments where id = $1 and item_id = $2")
            .bind(attachment_id)
            .bind(item_id)
            .fetch_optional(&mut *tx)
            .await?;
    let done = sqlx::query("delete from item_attachments where id = $1 and item_id = $2")
        .bind(attachment_id)
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound("该附件"));
    }
    secrecy::rescan(&mut tx, db.secrecy_key(), item_id).await?;
    let change = Change {
        agency_id: Some(item.agency_id),
        entity: "item",
        entity_id: item_id.to_string(),
        action: "remove_attachment",
        before: Some(json!({"attachment": attachment_id, "filename": filename})),
        after: None,
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn of_item(db: &Db, item_id: i64) -> Result<Vec<Attachment>> {
    Ok(sqlx::query_as("select * from item_attachments where item_id = $1 order by id")
        .bind(item_id)
        .fetch_all(db.reader())
        .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Attachment> {
    sqlx::query_as("select * from item_attachments where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该附件"))
}

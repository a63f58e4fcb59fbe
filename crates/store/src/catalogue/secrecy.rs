//! Secrecy-scan hits of an item and their resolution.
//!
//! The scan ([`gongkai_core::catalogue::secrecy::scan`]) runs over the title, summary, body text and
//! every attachment's extracted text on each save. A hit stays resolved across saves while the
//! same text is still there in the same place; new hits start unresolved, and hits whose text is
//! gone disappear. The secrecy reviewer cannot pass an item while any hit is unresolved: each must
//! be redacted (the text in the item is masked) or confirmed as fine with a reason. An attachment
//! whose text could not be read (too large once inflated, broken, encrypted) is a hit of kind
//! [`HitKind::UnreadableFile`]: it cannot be redacted, only confirmed after reading the file by hand
//! (or the file removed or replaced).
//!
//! A stored hit never holds the value found: only its mask (what the reviewer sees) and a keyed
//! hash of its place, kind and value (HMAC-SHA256 under [`SecrecyKey`]), by which a later scan
//! recognises it. While a hit is unresolved or confirmed the value is still in the item itself;
//! once redacted it is nowhere. Audit records name hits by id and kind only.

use gongkai_core::catalogue::secrecy::{self as scan, HitKind};
use gongkai_core::field::{FieldError, FieldErrors};
use serde_json::json;

use super::drafts::get_in;
use gongkai_core::calendar::china_time::Moment;

use crate::actor::Actor;
use crate::actor::StoredActor;
use crate::audit::{self, Change};
use crate::db::{Db, SecrecyKey, Tx};
use crate::error::{Error, Result};
use crate::timestamp;

/// A stored hit, decoded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredHit {
    pub id: i64,
    pub item_id: i64,
    /// `title`, `summary`, `body` or `attachment:{id}`.
    pub source: String,
    pub kind: String,
    /// The value found, masked (see [`scan::mask`]).
    pub masked: String,
    /// The keyed hash of source, kind and value (see [`digest`]).
    pub digest: String,
    /// `redacted` or `confirmed`.
    pub resolution: Option<String>,
    pub reason: Option<String>,
    pub resolved_by: Option<StoredActor>,
    pub resolved_at: Option<Moment>,
    /// The file name, for a hit in an attachment (filled in by [`hits`]).
    pub attachment_name: Option<String>,
}

crate::from_row!(StoredHit, "secrecy_hits", |r| Ok(StoredHit {
    id: r.id(),
    item_id: r.int("item_id")?,
    source: r.text("source")?,
    kind: r.key("kind", |k| kind_of(k).map(|_| k.to_owned()).ok_or(()))?,
    masked: r.text("masked")?,
    digest: r.text("digest")?,
    resolution: r.opt_text("resolution")?,
    reason: r.opt_text("reason")?,
    resolved_by: r.opt_actor("resolved_by")?,
    resolved_at: r.opt_moment("resolved_at")?,
    attachment_name: None,
}));

impl StoredHit {
    pub fn kind_label(&self) -> &'static str {
        kind_of(&self.kind).map(|k| k.label()).unwrap_or("其他")
    }

    pub fn source_label(&self) -> String {
        match self.source.as_str() {
            "title" => "标题".into(),
            "summary" => "内容概述".into(),
            "body" => "正文".into(),
            _ => match &self.attachment_name {
                Some(name) => format!("附件 {name}"),
                None => "附件".into(),
            },
        }
    }

    /// The attachment a hit was found in, if any.
    pub fn attachment_id(&self) -> Option<i64> {
        self.source.strip_prefix("attachment:").and_then(|id| id.parse().ok())
    }

    /// Whether the reviewer can mask the text in place (not in an attachment's file).
    pub fn can_redact(&self) -> bool {
        self.attachment_id().is_none()
    }

    /// A file the scan could not read: the reviewer must read it by hand.
    pub fn is_unreadable_file(&self) -> bool {
        self.kind == "unreadable_file"
    }

    pub fn is_resolved(&self) -> bool {
        self.resolution.is_some()
    }

    /// How an attachment's hit is dealt with, since it cannot be masked online.
    pub fn attachment_advice(&self) -> Option<&'static str> {
        self.attachment_id()?;
        Some(if self.is_unreadable_file() {
            "该附件的文字无法读取，也无法在线遮盖：请人工阅读全文后确认；含有不宜公开的内容的，请退回起草人删除该附件并上传处理后的文件。"
        } else {
            "附件中的内容无法在线遮盖：请退回起草人，删除该附件并上传遮盖后的文件；确认可以公开的，填写理由后确认。处理前不能通过保密审查。"
        })
    }
}

/// The keyed hash standing for the value `text` of kind `kind` found in `source`.
pub fn digest(key: &SecrecyKey, source: &str, kind: HitKind, text: &str) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key.0).expect("HMAC takes any key length");
    for part in [source, kind.as_str(), text] {
        mac.update(part.as_bytes());
        mac.update(&[0]);
    }
    hex::encode(mac.finalize().into_bytes())
}

fn kind_of(s: &str) -> Option<HitKind> {
    serde_json::from_value(json!(s)).ok()
}

fn kind_str(k: HitKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The texts of an item the scan reads, by source: title, summary, body text and attachments.
async fn sources(tx: &mut Tx, item_id: i64) -> Result<(Vec<(String, String)>, Vec<(String, String)>)> {
    let item = get_in(tx, item_id).await?;
    let mut sources: Vec<(String, String)> = vec![
        ("title".into(), item.title.clone()),
        ("summary".into(), item.summary.clone().unwrap_or_default()),
        ("body".into(), item.body_text.clone()),
    ];
    let attachments: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("select id, extracted_text, text_problem from item_attachments where item_id = $1")
            .bind(item_id)
            .fetch_all(&mut **tx)
            .await?;
    let mut unreadable = Vec::new();
    for (id, text, problem) in attachments {
        let source = format!("attachment:{id}");
        if let Some(problem) = problem {
            unreadable.push((source.clone(), problem));
        }
        sources.push((source, text));
    }
    Ok((sources, unreadable))
}

/// Re-runs the scan for an item inside `tx`, keeping resolutions of hits that are still present.
pub async fn rescan(tx: &mut Tx, key: &SecrecyKey, item_id: i64) -> Result<()> {
    let (sources, unreadable) = sources(tx, item_id).await?;
    // A file whose text could not be read was never scanned: it is a hit of its own, held until a
    // reviewer has read it by hand and confirms it.
    let mut found: Vec<(String, HitKind, String)> =
        unreadable.into_iter().map(|(source, problem)| (source, HitKind::UnreadableFile, problem)).collect();
    for (source, text) in &sources {
        found.extend(scan::scan(text).into_iter().map(|hit| (source.clone(), hit.kind, hit.text)));
    }
    let existing: Vec<StoredHit> =
        sqlx::query_as("select * from secrecy_hits where item_id = $1").bind(item_id).fetch_all(&mut **tx).await?;
    let mut kept = Vec::new();
    for (source, kind, text) in &found {
        let digest = digest(key, source, *kind, text);
        if let Some(old) = existing.iter().find(|h| h.digest == digest && !kept.contains(&h.id)) {
            kept.push(old.id);
            continue;
        }
        sqlx::query(
            "insert into secrecy_hits (item_id, source, kind, text, masked, digest) values ($1, $2, $3, '', $4, $5)",
        )
        .bind(item_id)
        .bind(source)
        .bind(kind_str(*kind))
        .bind(scan::mask(*kind, text))
        .bind(&digest)
        .execute(&mut **tx)
        .await?;
    }
    for old in existing.iter().filter(|h| !kept.contains(&h.id)) {
        sqlx::query("delete from secrecy_hits where id = $1").bind(old.id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The hits of an item, in the order found, with their attachments' file names.
pub async fn hits(db: &Db, item_id: i64) -> Result<Vec<StoredHit>> {
    let mut hits: Vec<StoredHit> = sqlx::query_as("select * from secrecy_hits where item_id = $1 order by id")
        .bind(item_id)
        .fetch_all(db.reader())
        .await?;
    let names: Vec<(i64, String)> = sqlx::query_as("select id, filename from item_attachments where item_id = $1")
        .bind(item_id)
        .fetch_all(db.reader())
        .await?;
    for hit in &mut hits {
        if let Some(id) = hit.attachment_id() {
            hit.attachment_name = names.iter().find(|(a, _)| *a == id).map(|(_, name)| name.clone());
        }
    }
    Ok(hits)
}

pub async fn unresolved_count(tx: &mut Tx, item_id: i64) -> Result<usize> {
    let n: i64 = sqlx::query_scalar(
        "select cast(count(*) as bigint) from secrecy_hits where item_id = $1 and resolution is null",
    )
    .bind(item_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n as usize)
}

/// How a reviewer resolves a hit.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// Mask the text in the item (title, summary, body).
    Redact,
    /// Keep it: the reviewer confirms it may be published, and says why.
    Confirm { reason: String },
}

/// The value a stored hit stands for, found again in the item's text by its hash.
async fn value_of(tx: &mut Tx, key: &SecrecyKey, hit: &StoredHit) -> Result<String> {
    let (sources, _) = sources(tx, hit.item_id).await?;
    let kind = kind_of(&hit.kind);
    sources
        .iter()
        .filter(|(source, _)| *source == hit.source)
        .flat_map(|(_, text)| scan::scan(text))
        .find(|found| Some(found.kind) == kind && digest(key, &hit.source, found.kind, &found.text) == hit.digest)
        .map(|found| found.text)
        .ok_or_else(|| {
            Error::field("resolution", "处理方式", "该内容已不在信息中（可能已被修改），请刷新页面后重新核对")
        })
}

/// Empties the raw values kept by hits stored before hits were hashed: each gets its mask and
/// keyed hash. Run when the application opens the database with its key; returns how many.
pub async fn seal_raw_values(db: &Db) -> Result<u64> {
    let mut tx = db.begin().await?;
    let rows: Vec<(i64, String, String, String)> =
        sqlx::query_as("select id, source, kind, text from secrecy_hits where digest = '' and text <> ''")
            .fetch_all(&mut *tx)
            .await?;
    for (id, source, kind, text) in &rows {
        // Kinds are checked when rows are read: an unknown one cannot be stored.
        let Some(kind) = kind_of(kind) else { continue };
        sqlx::query("update secrecy_hits set text = '', masked = $1, digest = $2 where id = $3")
            .bind(scan::mask(kind, text))
            .bind(digest(db.secrecy_key(), source, kind, text))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len() as u64)
}

/// Resolves one hit of an item.
pub async fn resolve(db: &Db, actor: &Actor, item_id: i64, hit_id: i64, resolution: Resolution) -> Result<()> {
    let mut tx = db.begin().await?;
    let hit: StoredHit = sqlx::query_as("select * from secrecy_hits where id = $1 and item_id = $2")
        .bind(hit_id)
        .bind(item_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound("该保密审查提示"))?;
    let item = get_in(&mut tx, item_id).await?;
    let (resolution_str, reason) = match &resolution {
        Resolution::Confirm { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(Error::Invalid(FieldErrors::from(FieldError::new(
                    "reason",
                    "理由",
                    "确认无需处理时须填写理由",
                ))));
            }
            ("confirmed", Some(reason.to_owned()))
        }
        Resolution::Redact => {
            if let Some(advice) = hit.attachment_advice() {
                return Err(Error::field("resolution", "处理方式", advice));
            }
            let value = value_of(&mut tx, db.secrecy_key(), &hit).await?;
            let replace = |s: &str| s.replace(&value, &hit.masked);
            sqlx::query(
                "update items set title = $1, summary = $2, body = $3, body_text = $4, updated_at = $5 where id = $6",
            )
            .bind(replace(&item.title))
            .bind(item.summary.as_deref().map(replace))
            .bind(replace(&item.body))
            .bind(replace(&item.body_text))
            .bind(timestamp::now())
            .bind(item_id)
            .execute(&mut *tx)
            .await?;
            ("redacted", None)
        }
    };
    sqlx::query(
        "update secrecy_hits set resolution = $1, reason = $2, resolved_by = $3, resolved_at = $4 where id = $5",
    )
    .bind(resolution_str)
    .bind(&reason)
    .bind(actor.to_string())
    .bind(timestamp::now())
    .bind(hit_id)
    .execute(&mut *tx)
    .await?;
    let after = json!({"hit": hit_id, "kind": hit.kind, "resolution": resolution_str, "reason": reason});
    let change = Change {
        agency_id: Some(item.agency_id),
        entity: "item",
        entity_id: item_id.to_string(),
        action: "resolve_secrecy_hit",
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

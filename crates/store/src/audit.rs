//! The audit log: an append-only record of every state change, chained by SHA-256.
//!
//! [`append`] runs inside the transaction of the change it records, so a change and its record
//! commit or fail together. Each record stores the hash of the previous one; its own hash covers
//! its sequence number, time, actor, agency, entity, action, before/after summaries and that
//! previous hash. The chain head (`audit_head`) is updated in the same transaction, which also
//! serialises concurrent writers on PostgreSQL (a row lock) and SQLite (one writer).
//!
//! [`verify`] walks the whole chain from record 1 and reports the first record whose stored hash,
//! link or sequence does not match, or a record numbered outside the chain (0 or below).
//! [`verify_against`] also checks the signed checkpoints of [`crate::audit_checkpoint`], which
//! catch what a chain without a key cannot: a rewrite with every hash recomputed, a cut tail
//! with the head fixed, renumbering. Summaries never contain secrets (password hashes, session
//! tokens).

use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::actor::{Actor, StoredActor};
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::timestamp;
use gongkai_core::calendar::china_time::Moment;

/// What happened, for [`append`].
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub agency_id: Option<i64>,
    pub entity: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One stored record exactly as chained: the raw text its hash covers (read by [`verify`]; the
/// console reads [`AuditEntry`], the same row decoded).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ChainRecord {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub agency_id: Option<i64>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl ChainRecord {
    /// The hash this record must carry given its content and `prev_hash`.
    pub fn expected_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.id.to_string().as_str(),
            &self.at,
            &self.actor,
            &self.agency_id.map(|a| a.to_string()).unwrap_or_default(),
            &self.entity,
            &self.entity_id,
            &self.action,
            self.before.as_deref().unwrap_or(""),
            self.after.as_deref().unwrap_or(""),
            &self.prev_hash,
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// Appends the record of `change` by `actor` inside `tx`; returns its sequence number.
pub async fn append(tx: &mut Tx, actor: &Actor, change: Change<'_>) -> Result<i64> {
    let ids = append_all(tx, vec![(actor, change)]).await?;
    Ok(ids[0])
}

/// Appends several records in order, moving the head once (a batch of new requests, say): the
/// head row stays locked from here to the commit, so a batch holds it once, not once a record.
pub async fn append_all(tx: &mut Tx, changes: Vec<(&Actor, Change<'_>)>) -> Result<Vec<i64>> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let n = changes.len() as i64;
    let head = sqlx::query("update audit_head set seq = seq + $1 where id = 1 returning seq, hash")
        .bind(n)
        .fetch_one(&mut **tx)
        .await?;
    let last: i64 = head.try_get("seq")?;
    let mut prev_hash: String = head.try_get("hash")?;
    let mut ids = Vec::with_capacity(changes.len());
    for (i, (actor, change)) in changes.into_iter().enumerate() {
        let mut record = ChainRecord {
            id: last - n + 1 + i as i64,
            at: timestamp::now(),
            actor: actor.to_string(),
            agency_id: change.agency_id,
            entity: change.entity.to_owned(),
            entity_id: change.entity_id,
            action: change.action.to_owned(),
            before: change.before.map(|v| v.to_string()),
            after: change.after.map(|v| v.to_string()),
            prev_hash,
            hash: String::new(),
        };
        record.hash = record.expected_hash();
        sqlx::query(
            "insert into audit_log (id, at, actor, agency_id, entity, entity_id, action, before, after, prev_hash, hash)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(record.id)
        .bind(&record.at)
        .bind(&record.actor)
        .bind(record.agency_id)
        .bind(&record.entity)
        .bind(&record.entity_id)
        .bind(&record.action)
        .bind(&record.before)
        .bind(&record.after)
        .bind(&record.prev_hash)
        .bind(&record.hash)
        .execute(&mut **tx)
        .await?;
        ids.push(record.id);
        prev_hash = record.hash;
    }
    sqlx::query("update audit_head set hash = $1 where id = 1").bind(&prev_hash).execute(&mut **tx).await?;
    Ok(ids)
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every record matches; `count` records were checked.
    Intact { count: i64 },
    /// The first record that does not match, and why.
    Broken { id: i64, reason: String },
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const PAGE: i64 = 1000;

/// Walks the chain from the first record to the head.
pub async fn verify(db: &Db) -> Result<Verdict> {
    let outside: Option<i64> =
        sqlx::query_scalar("select min(id) from audit_log where id < 1").fetch_one(db.reader()).await?;
    if let Some(id) = outside {
        return Ok(Verdict::Broken {
            id,
            reason: format!("record {id} is numbered outside the chain (ids start at 1)"),
        });
    }
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1;
    loop {
        let page: Vec<ChainRecord> = sqlx::query_as("select * from audit_log where id >= $1 order by id limit $2")
            .bind(expected_id)
            .bind(PAGE)
            .fetch_all(db.reader())
            .await?;
        for record in &page {
            if record.id != expected_id {
                return Ok(Verdict::Broken {
                    id: expected_id,
                    reason: format!("record {expected_id} is missing (next stored record is {})", record.id),
                });
            }
            if record.prev_hash != expected_prev {
                return Ok(Verdict::Broken {
                    id: record.id,
                    reason: "link to the previous record does not match".into(),
                });
            }
            if record.hash != record.expected_hash() {
                return Ok(Verdict::Broken { id: record.id, reason: "content does not match its hash".into() });
            }
            expected_prev = record.hash.clone();
            expected_id += 1;
        }
        if (page.len() as i64) < PAGE {
            break;
        }
    }
    let head = sqlx::query("select seq, hash from audit_head where id = 1").fetch_one(db.reader()).await?;
    let (seq, hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
    let count = expected_id - 1;
    if seq != count || hash != expected_prev {
        return Ok(Verdict::Broken {
            id: seq.max(count),
            reason: format!("the chain head says {seq} records but {count} were found (records removed from the end?)"),
        });
    }
    Ok(Verdict::Intact { count })
}

/// [`verify`], then every checkpoint: signed by `public_key` (this node's key), and agreeing with
/// the record it names (which must still exist). The first problem is reported.
pub async fn verify_against(
    db: &Db,
    checkpoints: &[crate::audit_checkpoint::Checkpoint],
    public_key: &str,
) -> Result<Verdict> {
    let verdict = verify(db).await?;
    let Verdict::Intact { count } = verdict else { return Ok(verdict) };
    for c in checkpoints {
        if !c.signed_by(public_key) {
            return Ok(Verdict::Broken {
                id: c.seq,
                reason: format!("the checkpoint of {} is not signed by this node's audit key", c.at),
            });
        }
        if c.seq > count {
            return Ok(Verdict::Broken {
                id: c.seq,
                reason: format!(
                    "the checkpoint signed at {} covers record {} but the log ends at {count} (records removed from the end)",
                    c.at, c.seq
                ),
            });
        }
        let hash: String =
            sqlx::query_scalar("select hash from audit_log where id = $1").bind(c.seq).fetch_one(db.reader()).await?;
        if hash != c.hash {
            return Ok(Verdict::Broken {
                id: c.seq,
                reason: format!(
                    "record {} differs from the checkpoint signed at {} (the log was rewritten or renumbered up to here)",
                    c.seq, c.at
                ),
            });
        }
    }
    Ok(Verdict::Intact { count })
}

/// One record of the log, decoded for people: when (China time on display), who, what.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Moment,
    pub actor: StoredActor,
    pub agency_id: Option<i64>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

crate::from_row!(AuditEntry, "audit_log", |r| Ok(AuditEntry {
    id: r.id(),
    at: r.moment("at")?,
    actor: r.actor("actor")?,
    agency_id: r.opt_int("agency_id")?,
    entity: r.text("entity")?,
    entity_id: r.text("entity_id")?,
    action: r.text("action")?,
    before: r
        .opt_text("before")?
        .map(|t| serde_json::from_str(&t))
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
    after: r
        .opt_text("after")?
        .map(|t| serde_json::from_str(&t))
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
}));

/// The most recent records about agencies in the subtree whose path starts with `path_prefix`.
pub async fn recent(db: &Db, path_prefix: &str, limit: i64) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as(
        "select audit_log.* from audit_log join agencies on agencies.id = audit_log.agency_id
         where agencies.path like $1 order by audit_log.id desc limit $2",
    )
    .bind(format!("{path_prefix}%"))
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}

/// The records about one entity (`item`, `17`), oldest first.
pub async fn of_entity(db: &Db, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as("select * from audit_log where entity = $1 and entity_id = $2 order by id")
        .bind(entity)
        .bind(entity_id)
        .fetch_all(db.reader())
        .await?)
}

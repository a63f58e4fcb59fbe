//! `gongkai backup DIR` and `gongkai restore DIR` (issue 15.4), for the embedded SQLite database.
//!
//! A copy of `gongkai.db` taken from a running server misses what is still in the WAL; the
//! backup is `VACUUM INTO`, one consistent snapshot taken while the server keeps writing, plus the
//! attachments (`blobs/`), the config file, the keys (`query-key`, `audit-key`: without them
//! query passwords no longer verify and checkpoints cannot be checked) and the audit checkpoints,
//! with `manifest.json` giving each file's size and SHA-256 and the database's row counts and
//! audit head. `restore` checks every hash, refuses a directory that holds data, copies the files
//! back and verifies the audit chain and checkpoints of the result.
//!
//! PostgreSQL installations back up with the server's tools (README: `pg_dump`, or a base backup
//! with WAL archiving) and the object store's versioning; both commands say so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai_store::Db;
use gongkai_store::audit::{self, Verdict};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{CliResult, Failure, Settings};

/// The tables whose row counts the manifest records.
const COUNTED: &[&str] = &[
    "agencies",
    "staff",
    "items",
    "item_attachments",
    "requests",
    "request_events",
    "request_attachments",
    "messages",
    "report_versions",
    "audit_log",
];
/// Files of the data directory copied besides the database and `blobs/`.
const KEPT: &[&str] = &["gongkai.toml", "query-key", "audit-key", "audit-checkpoints.jsonl"];

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    created_at: String,
    gongkai_version: String,
    audit_head: (i64, String),
    rows: BTreeMap<String, i64>,
    /// Path relative to the backup → (size, SHA-256).
    files: BTreeMap<String, (u64, String)>,
}

fn postgres_refusal() -> Failure {
    Failure::input(
        "this installation uses PostgreSQL: back it up with pg_dump (or a base backup with WAL archiving) and the object store's versioning; see README",
    )
}

fn sha256_of(path: &Path) -> Result<(u64, String), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::from(format!("cannot read {}: {e}", path.display())))?;
    Ok((bytes.len() as u64, hex::encode(Sha256::digest(&bytes))))
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(dir.join(&rel))
            .map_err(|e| Failure::from(format!("cannot list {}: {e}", dir.join(&rel).display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| Failure::from(e.to_string()))?;
            let path = rel.join(entry.file_name());
            if entry.file_type().map_err(|e| Failure::from(e.to_string()))?.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn copy(from: &Path, to: &Path) -> Result<(), Failure> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::from(format!("cannot create {}: {e}", parent.display())))?;
    }
    std::fs::copy(from, to).map_err(|e| Failure::from(format!("cannot copy {}: {e}", from.display())))?;
    Ok(())
}

fn empty_or_missing(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true)
}

async fn counts(db: &Db) -> Result<(BTreeMap<String, i64>, (i64, String)), Failure> {
    let mut rows = BTreeMap::new();
    for table in COUNTED {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select cast(count(*) as bigint) from {table}")))
            .fetch_one(db.reader())
            .await
            .map_err(|e| Failure::from(e.to_string()))?;
        rows.insert((*table).to_owned(), n);
    }
    let head = sqlx::query("select seq, hash from audit_head where id = 1")
        .fetch_one(db.reader())
        .await
        .map_err(|e| Failure::from(e.to_string()))?;
    Ok((rows, (head.get("seq"), head.get("hash"))))
}

/// `gongkai backup DIR`.
pub async fn backup(settings: Settings, dir: PathBuf) -> CliResult {
    if !settings.database_url.starts_with("sqlite:") {
        return Err(postgres_refusal());
    }
    if !empty_or_missing(&dir) {
        return Err(Failure::input(format!("{} is not empty: back up into a new directory", dir.display())));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Failure::input(format!("cannot create {}: {e}", dir.display())))?;
    let db = settings.open_db().await?;
    let target = dir.join("gongkai.db");
    let quoted = target.to_string_lossy().replace('\'', "''");
    // One consistent snapshot, WAL included, while the server keeps writing.
    sqlx::query(sqlx::AssertSqlSafe(format!("vacuum into '{quoted}'")))
        .execute(db.reader())
        .await
        .map_err(|e| Failure::from(format!("VACUUM INTO failed: {e}")))?;
    db.close().await;
    let snapshot = Db::connect(&Db::sqlite_url(&dir)).await?;
    let (rows, audit_head) = counts(&snapshot).await?;
    snapshot.close().await;
    for leftover in ["gongkai.db-wal", "gongkai.db-shm"] {
        let _ = std::fs::remove_file(dir.join(leftover)); // absent once the last connection closed
    }
    let blobs = settings.data_dir.join("blobs");
    if blobs.is_dir() {
        for rel in files_under(&blobs)? {
            copy(&blobs.join(&rel), &dir.join("blobs").join(&rel))?;
        }
    }
    for name in KEPT {
        let from = settings.data_dir.join(name);
        if from.is_file() {
            copy(&from, &dir.join(name))?;
        }
    }
    let mut files = BTreeMap::new();
    for rel in files_under(&dir)? {
        files.insert(rel.to_string_lossy().into_owned(), sha256_of(&dir.join(&rel))?);
    }
    let manifest = Manifest {
        created_at: gongkai_store::timestamp::now(),
        gongkai_version: env!("CARGO_PKG_VERSION").to_owned(),
        audit_head,
        rows,
        files,
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| Failure::from(e.to_string()))?;
    std::fs::write(dir.join("manifest.json"), text).map_err(|e| Failure::from(e.to_string()))?;
    let summary: Vec<String> = manifest.rows.iter().map(|(t, n)| format!("{t} {n}")).collect();
    println!(
        "backup written to {}: {} files, audit head {}; rows: {}",
        dir.display(),
        manifest.files.len(),
        manifest.audit_head.0,
        summary.join(", ")
    );
    if std::env::var("GONGKAI_BLOB_URL").is_ok_and(|u| u.starts_with("s3://")) {
        println!("attachments are in object storage: keep its versioning on, they are not in this backup");
    }
    Ok(())
}

/// `gongkai restore DIR` into the data directory (which must hold no data).
pub async fn restore(settings: Settings, dir: PathBuf) -> CliResult {
    if !settings.database_url.starts_with("sqlite:") {
        return Err(postgres_refusal());
    }
    let text = std::fs::read_to_string(dir.join("manifest.json")).map_err(|e| {
        Failure::input(format!("{} has no manifest.json: is it a gongkai backup? ({e})", dir.display()))
    })?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|e| Failure::input(format!("manifest.json is not readable: {e}")))?;
    for (rel, (size, hash)) in &manifest.files {
        let found = sha256_of(&dir.join(rel))?;
        if found != (*size, hash.clone()) {
            return Err(Failure::input(format!("{rel} differs from the manifest: the backup is damaged")));
        }
    }
    let data = &settings.data_dir;
    if data.join("gongkai.db").exists() || !empty_or_missing(&data.join("blobs")) {
        return Err(Failure::input(format!(
            "{} already holds data: restore into a new data directory (--data)",
            data.display()
        )));
    }
    for rel in manifest.files.keys() {
        copy(&dir.join(rel), &data.join(rel))?;
    }
    let db = settings.open_db().await?;
    let (rows, head) = counts(&db).await?;
    if rows != manifest.rows || head != manifest.audit_head {
        return Err(Failure::from("the restored database's counts differ from the manifest".to_owned()));
    }
    let log = settings.audit_checkpoints()?;
    let checkpoints = log.read()?;
    let verdict = audit::verify_against(&db, &checkpoints, &log.key.public_hex()).await?;
    db.close().await;
    match verdict {
        Verdict::Intact { count } => {
            println!(
                "restored into {}: {} files; audit log intact: {count} records, {} checkpoints verified",
                data.display(),
                manifest.files.len(),
                checkpoints.len()
            );
            Ok(())
        }
        Verdict::Broken { id, reason } => {
            Err(Failure { code: 1, message: format!("restored, but audit record {id} does not match: {reason}") })
        }
    }
}

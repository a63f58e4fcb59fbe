//! The audit log against someone with write access to the database (issue 15.5): every way of
//! rewriting it that the chain alone lets through is caught by the signed checkpoints kept
//! outside the database, and a record numbered 0 or below is caught by the chain walk itself.

use std::sync::Arc;

use gongkai_store::Db;
use gongkai_store::agency::{self, AgencyForm};
use gongkai_store::audit::{self, ChainRecord, Verdict};
use gongkai_store::audit_checkpoint::{CheckpointKey, CheckpointLog};

use crate::backends::county;

on_both_backends!(
    a_rewrite_with_every_hash_recomputed_is_caught_by_a_checkpoint,
    a_cut_tail_with_the_head_fixed_is_caught_by_a_checkpoint,
    renumbered_records_are_caught_by_a_checkpoint,
    a_record_numbered_zero_or_below_is_caught_without_checkpoints,
    a_checkpoint_signed_with_another_key_is_refused,
);

/// A log with six records and a checkpoint at the end, and its checkpoint file.
async fn signed_log(db: &Db) -> (CheckpointLog, tempfile::TempDir) {
    let c = county(db).await;
    for phone in ["023-1", "023-2", "023-3", "023-4", "023-5"] {
        let mut form = AgencyForm::from_agency(&agency::get(db, c.id).await.unwrap());
        form.phone = phone.into();
        agency::update(db, &gongkai_store::Actor::Cli, c.id, form.parse().unwrap()).await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let log = CheckpointLog { key: Arc::new(CheckpointKey::generate()), file: dir.path().join("checkpoints.jsonl") };
    let taken = log.take(db, "manual").await.unwrap().expect("a checkpoint");
    assert_eq!(taken.seq, 6);
    assert!(log.take(db, "manual").await.unwrap().is_none(), "nothing new to sign");
    (log, dir)
}

async fn verdict(db: &Db, log: &CheckpointLog) -> Verdict {
    audit::verify_against(db, &log.read().unwrap(), &log.key.public_hex()).await.unwrap()
}

async fn records(db: &Db) -> Vec<ChainRecord> {
    sqlx::query_as("select * from audit_log order by id").fetch_all(db.reader()).await.unwrap()
}

/// What an attacker with the database does after an edit: recompute every link and hash from
/// the first record and set the head, so the chain alone verifies again.
async fn rechain(db: &Db, mut rows: Vec<ChainRecord>) {
    let mut tx = db.begin().await.unwrap();
    sqlx::query("delete from audit_log").execute(&mut *tx).await.unwrap();
    let mut prev = "0".repeat(64);
    for r in rows.iter_mut() {
        r.prev_hash = prev.clone();
        r.hash = r.expected_hash();
        prev = r.hash.clone();
        sqlx::query(
            "insert into audit_log (id, at, actor, agency_id, entity, entity_id, action, before, after, prev_hash, hash)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(r.id)
        .bind(&r.at)
        .bind(&r.actor)
        .bind(r.agency_id)
        .bind(&r.entity)
        .bind(&r.entity_id)
        .bind(&r.action)
        .bind(&r.before)
        .bind(&r.after)
        .bind(&r.prev_hash)
        .bind(&r.hash)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    sqlx::query("update audit_head set seq = $1, hash = $2 where id = 1")
        .bind(rows.len() as i64)
        .bind(&prev)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

fn broken(v: Verdict, id: i64, words: &str) {
    match v {
        Verdict::Broken { id: found, reason } => {
            assert_eq!(found, id, "{reason}");
            assert!(reason.contains(words), "{reason}");
        }
        other => panic!("expected a broken log, got {other:?}"),
    }
}

async fn a_rewrite_with_every_hash_recomputed_is_caught_by_a_checkpoint(db: Db) {
    let (log, _dir) = signed_log(&db).await;
    assert_eq!(verdict(&db, &log).await, Verdict::Intact { count: 6 });
    let mut rows = records(&db).await;
    rows[2].actor = "staff:99:someone-else".into(); // who made the change, rewritten
    rechain(&db, rows).await;
    assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { count: 6 }, "the chain alone is fooled");
    broken(verdict(&db, &log).await, 6, "differs from the checkpoint");
}

async fn a_cut_tail_with_the_head_fixed_is_caught_by_a_checkpoint(db: Db) {
    let (log, _dir) = signed_log(&db).await;
    let mut rows = records(&db).await;
    rows.truncate(4);
    rechain(&db, rows).await;
    assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { count: 4 }, "the chain alone is fooled");
    broken(verdict(&db, &log).await, 6, "log ends at 4");
}

async fn renumbered_records_are_caught_by_a_checkpoint(db: Db) {
    let (log, _dir) = signed_log(&db).await;
    let mut rows = records(&db).await;
    rows.remove(1);
    for (i, r) in rows.iter_mut().enumerate() {
        r.id = i as i64 + 1;
    }
    // One more record appended to bring the count back to six.
    let mut extra = rows.last().unwrap().clone();
    extra.id = 6;
    rows.push(extra);
    rechain(&db, rows).await;
    assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { count: 6 }, "the chain alone is fooled");
    broken(verdict(&db, &log).await, 6, "rewritten or renumbered");
}

async fn a_record_numbered_zero_or_below_is_caught_without_checkpoints(db: Db) {
    county(&db).await;
    let mut row = records(&db).await.remove(0);
    row.id = 0;
    let mut tx = db.begin().await.unwrap();
    sqlx::query(
        "insert into audit_log (id, at, actor, agency_id, entity, entity_id, action, before, after, prev_hash, hash)
         values (0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&row.at)
    .bind(&row.actor)
    .bind(row.agency_id)
    .bind(&row.entity)
    .bind(&row.entity_id)
    .bind(&row.action)
    .bind(&row.before)
    .bind(&row.after)
    .bind(&row.prev_hash)
    .bind(row.expected_hash())
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    broken(audit::verify(&db).await.unwrap(), 0, "outside the chain");
}

async fn a_checkpoint_signed_with_another_key_is_refused(db: Db) {
    let (log, dir) = signed_log(&db).await;
    let forger = CheckpointLog { key: Arc::new(CheckpointKey::generate()), file: dir.path().join("forged.jsonl") };
    // One more change, signed by a forger with their own key: not this node's checkpoint.
    let county = agency::get(&db, 1).await.unwrap();
    let mut form = AgencyForm::from_agency(&county);
    form.phone = "023-7".into();
    agency::update(&db, &gongkai_store::Actor::Cli, county.id, form.parse().unwrap()).await.unwrap();
    forger.take(&db, "manual").await.unwrap().unwrap();
    let forged = forger.read().unwrap();
    broken(audit::verify_against(&db, &forged, &log.key.public_hex()).await.unwrap(), 7, "not signed by this node");
}

//! Group commit of new requests: requests that arrive while another batch is being written wait
//! and are then written together in one transaction, so a burst of submissions costs one commit
//! (one WAL sync on SQLite, one on PostgreSQL) instead of one each, and every applicant is still
//! answered only once their own request is durable.
//!
//! A batch that fails (one request breaking a constraint, say, or the commit itself) is rolled
//! back whole and its requests are written again one transaction each, so only the request that
//! fails is answered with its error. Savepoints would do the same but cost three more
//! statements per request on the common path, where nothing fails.
//!
//! There is no background task: the first submitter to find the writer free becomes the writer
//! and drains the queue; the others wait for their answer. The batch is written by a spawned
//! task, so a client that disconnects (its handler future dropped) cannot abandon the
//! requests of the others halfway.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::oneshot;

use super::intake::{self, Prepared, Receipt};
use super::query_key::QueryKey;
use crate::db::Db;
use crate::error::{Error, Result};

/// Most requests in one transaction; more wait for the next one.
pub const MAX_BATCH: usize = 128;

/// A request waiting to be written: its place in the queue, itself, where its answer goes.
struct Job {
    seq: u64,
    ready: Prepared,
    answer: oneshot::Sender<Result<Receipt>>,
}

/// The queue of prepared requests and the writer's turn; one per application.
#[derive(Default)]
pub struct IntakeQueue {
    next: AtomicU64,
    batches: AtomicU64,
    waiting: Mutex<Vec<Job>>,
    writer: tokio::sync::Mutex<()>,
}

impl IntakeQueue {
    /// Stores `ready` (with whatever else is waiting) and returns its receipt once committed.
    pub async fn submit(&self, db: &Db, key: &QueryKey, ready: Prepared) -> Result<Receipt> {
        let (answer, receipt) = oneshot::channel();
        let seq = self.next.fetch_add(1, Ordering::Relaxed);
        self.waiting.lock().unwrap_or_else(|e| e.into_inner()).push(Job { seq, ready, answer });
        loop {
            let turn = self.writer.lock().await;
            let batch = self.take();
            // Empty: an earlier writer took this request. Otherwise the queue is in order, so a
            // batch without it leaves it waiting for the next turn.
            let mine = batch.iter().any(|job| job.seq == seq);
            if !batch.is_empty() {
                self.batches.fetch_add(1, Ordering::Relaxed);
                let (db, key) = (db.clone(), key.clone());
                // Spawned, so that this handler being dropped cannot abandon the others' requests;
                // the turn is kept until the batch is written, so batches do not interleave.
                let _ = tokio::spawn(async move { write_batch(&db, &key, batch).await }).await;
            }
            drop(turn);
            if mine || !self.holds(seq) {
                break;
            }
        }
        receipt.await.unwrap_or_else(|_| Err(Error::Internal("申请写入中断，请重新提交".into())))
    }

    /// Batches taken so far: each written in one transaction, or one per request when that failed.
    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::Relaxed)
    }

    /// Requests waiting for their turn.
    pub fn waiting(&self) -> usize {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Takes the writer's turn until the guard is dropped; requests queue meanwhile (tests).
    #[doc(hidden)]
    pub async fn pause(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writer.lock().await
    }

    fn take(&self) -> Vec<Job> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let n = waiting.len().min(MAX_BATCH);
        waiting.drain(..n).collect()
    }

    fn holds(&self, seq: u64) -> bool {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner()).iter().any(|job| job.seq == seq)
    }
}

/// Writes `batch` in one transaction and answers each request; when that fails, writes each
/// in a transaction of its own.
async fn write_batch(db: &Db, key: &QueryKey, batch: Vec<Job>) {
    if batch.len() > 1
        && let Ok(receipts) = write_together(db, key, &batch).await
    {
        for (job, receipt) in batch.into_iter().zip(receipts) {
            let _ = job.answer.send(Ok(receipt));
        }
        return;
    }
    for job in batch {
        let _ = job.answer.send(intake::write_alone(db, &job.ready, key).await);
    }
}

async fn write_together(db: &Db, key: &QueryKey, batch: &[Job]) -> Result<Vec<Receipt>> {
    let mut tx = db.begin().await?;
    let mut receipts = Vec::with_capacity(batch.len());
    for job in batch {
        receipts.push(intake::write(&mut tx, &job.ready, key).await?);
    }
    tx.commit().await?;
    Ok(receipts)
}

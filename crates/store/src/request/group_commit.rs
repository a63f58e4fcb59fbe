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
//! There is no background task: the first submitter to find a writer's turn free becomes a
//! writer and drains the queue; the others wait for their answer. SQLite has one writer (it has
//! one write connection); PostgreSQL several, since each statement is a round trip to the server
//! and batches can overlap up to their audit append. The batch is written by a spawned
//! task, so a client that disconnects (its handler future dropped) cannot abandon the
//! requests of the others halfway.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::oneshot;

use super::intake::{self, Prepared, Receipt};
use super::query_key::QueryKey;
use crate::db::{Backend, Db};
use crate::error::{Error, Result};

/// Most requests in one transaction; more wait for the next one.
pub const MAX_BATCH: usize = 128;

/// A request waiting to be written: its place in the queue, itself, where its answer goes.
struct Job {
    seq: u64,
    ready: Prepared,
    answer: oneshot::Sender<Result<Receipt>>,
}

/// Writers at once on PostgreSQL (SQLite has one).
pub const POSTGRES_WRITERS: u32 = 4;

/// The queue of prepared requests and the writers' turns; one per application.
pub struct IntakeQueue {
    next: AtomicU64,
    batches: AtomicU64,
    waiting: Mutex<Vec<Job>>,
    writers: tokio::sync::Semaphore,
    writer_count: u32,
}

impl IntakeQueue {
    /// A queue with as many writers as the backend takes to advantage.
    pub fn for_backend(backend: Backend) -> IntakeQueue {
        let writer_count = match backend {
            Backend::Sqlite => 1,
            Backend::Postgres => POSTGRES_WRITERS,
        };
        IntakeQueue {
            next: AtomicU64::new(0),
            batches: AtomicU64::new(0),
            waiting: Mutex::new(Vec::new()),
            writers: tokio::sync::Semaphore::new(writer_count as usize),
            writer_count,
        }
    }

    /// Stores `ready` (with whatever else is waiting) and returns its receipt once committed.
    pub async fn submit(&self, db: &Db, key: &QueryKey, ready: Prepared) -> Result<Receipt> {
        let (answer, receipt) = oneshot::channel();
        let seq = self.next.fetch_add(1, Ordering::Relaxed);
        self.waiting.lock().unwrap_or_else(|e| e.into_inner()).push(Job { seq, ready, answer });
        loop {
            let turn = self.writers.acquire().await.expect("the semaphore is never closed");
            // None: taken by a writer before this turn came, and its answer is on the way.
            // (Taking the queue anyway would write whatever arrived since as a batch of one.)
            let Some(batch) = self.take_if_waiting(seq) else { break };
            let mine = batch.iter().any(|job| job.seq == seq);
            self.batches.fetch_add(1, Ordering::Relaxed);
            let (db, key) = (db.clone(), key.clone());
            // Spawned, so that this handler being dropped cannot abandon the others' requests;
            // the turn is kept until the batch is written.
            let _ = tokio::spawn(async move { write_batch(&db, &key, batch).await }).await;
            drop(turn);
            if mine {
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

    /// Takes every writer's turn until the guard is dropped; requests queue meanwhile (tests).
    #[doc(hidden)]
    pub async fn pause(&self) -> tokio::sync::SemaphorePermit<'_> {
        self.writers.acquire_many(self.writer_count).await.expect("the semaphore is never closed")
    }

    /// The first [`MAX_BATCH`] waiting requests, when request `seq` is among those waiting. The
    /// queue is in order, so a batch without it (more than MAX_BATCH ahead of it) leaves it
    /// waiting for the next turn.
    fn take_if_waiting(&self, seq: u64) -> Option<Vec<Job>> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        if !waiting.iter().any(|job| job.seq == seq) {
            return None;
        }
        let n = waiting.len().min(MAX_BATCH);
        Some(waiting.drain(..n).collect())
    }
}

/// Writes `batch` in one transaction and answers each request; when that fails, writes each
/// in a transaction of its own.
async fn write_batch(db: &Db, key: &QueryKey, batch: Vec<Job>) {
    let started = std::time::Instant::now();
    if batch.len() > 1 {
        match write_together(db, key, &batch).await {
            Ok(receipts) => {
                let micros = started.elapsed().as_micros() as u64;
                tracing::debug!(requests = batch.len(), micros, "intake batch committed");
                for (job, receipt) in batch.into_iter().zip(receipts) {
                    let _ = job.answer.send(Ok(receipt));
                }
                return;
            }
            Err(e) => {
                tracing::warn!(requests = batch.len(), error = %e, "intake batch failed; writing its requests one by one")
            }
        }
    }
    for job in batch {
        let _ = job.answer.send(intake::write_alone(db, &job.ready, key).await);
    }
}

/// The batch's requests, then their audit records in one append: the audit head, which every
/// writer of the database needs, stays locked only from there to the commit.
async fn write_together(db: &Db, key: &QueryKey, batch: &[Job]) -> Result<Vec<Receipt>> {
    let mut tx = db.begin().await?;
    let mut receipts = Vec::with_capacity(batch.len());
    let mut changes = Vec::with_capacity(batch.len());
    // Each agency's calendar read once a batch, in the batch's transaction.
    let mut calendars = std::collections::HashMap::new();
    for job in batch {
        let agency = &job.ready.agency;
        if let std::collections::hash_map::Entry::Vacant(e) = calendars.entry(agency.id) {
            e.insert(crate::calendar::for_agency_in(&mut tx, agency).await?);
        }
        let (receipt, change) = intake::write(&mut tx, &job.ready, &calendars[&agency.id], key).await?;
        receipts.push(receipt);
        changes.push((&job.ready.actor, change));
    }
    crate::audit::append_all(&mut tx, changes).await?;
    tx.commit().await?;
    Ok(receipts)
}

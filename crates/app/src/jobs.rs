//! Background work as "one step + a loop": each job is a function tests call directly, and
//! [`spawn`] runs them all every second in `gongkai serve`.
//!
//! - scheduled publication: [`publish_due`];
//! - notification delivery: [`crate::notifications::deliver_pending`];
//! - the search replica: [`crate::search_index::index_pending`];
//! - the counted search terms: [`crate::search_log::flush`], every [`SEARCH_LOG_EVERY`];
//! - signed audit checkpoints: [`checkpoint_audit`], every [`CHECKPOINT_EVERY`] when the log grew;
//! - the daily reminders of due-soon and overdue requests: [`remind_daily`], once per China day
//!   across all nodes.

use std::time::Duration;

use gongkai_store::Result;
use gongkai_store::catalogue::workflow;
use time::OffsetDateTime;

use crate::services::App;
use crate::{notifications, search_index};

/// Publishes scheduled items that are due; returns how many.
pub async fn publish_due(app: &App) -> Result<usize> {
    workflow::publish_due(&app.db, OffsetDateTime::now_utc()).await
}

/// How often the audit head is signed (when it moved).
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(600);

/// Signs the audit head into this node's checkpoint file, when it has one and the head moved.
pub async fn checkpoint_audit(app: &App, reason: &str) -> Result<bool> {
    match &app.config.audit_checkpoints {
        Some(log) => Ok(log.take(&app.db, reason).await?.is_some()),
        None => Ok(false),
    }
}

/// Queues today's reminders to each disclosure office (once per China-time day, whichever node
/// gets there first); returns how many were queued.
pub async fn remind_daily(app: &App) -> Result<usize> {
    gongkai_store::request::reminders::queue_daily(&app.db, gongkai_store::timestamp::today_in_china()).await
}

/// Runs every job once.
pub async fn run_once(app: &App) {
    if let Err(e) = publish_due(app).await {
        tracing::error!(error = %e, "scheduled publication failed");
    }
    if let Err(e) = notifications::deliver_pending(app, 100).await {
        tracing::error!(error = %e, "notification delivery failed");
    }
    loop {
        match search_index::index_pending(app, 500).await {
            Ok(500) => continue,
            Ok(_) => break,
            Err(e) => {
                tracing::error!(error = %e, "indexing failed");
                break;
            }
        }
    }
}

/// How often this node adds its counted search terms to the database.
pub const SEARCH_LOG_EVERY: Duration = Duration::from_secs(60);

/// Runs the jobs every second until the process ends.
pub fn spawn(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_checkpoint = std::time::Instant::now();
        let mut last_search_flush = std::time::Instant::now();
        let mut reminded_on = None;
        loop {
            let today = gongkai_store::timestamp::today_in_china();
            if reminded_on != Some(today) {
                match remind_daily(&app).await {
                    Ok(_) => reminded_on = Some(today),
                    Err(e) => tracing::error!(error = %e, "daily reminders failed"),
                }
            }
            run_once(&app).await;
            if last_search_flush.elapsed() >= SEARCH_LOG_EVERY {
                last_search_flush = std::time::Instant::now();
                if let Err(e) = crate::search_log::flush(&app).await {
                    tracing::warn!(error = %e, "search terms not counted yet");
                }
            }
            if last_checkpoint.elapsed() >= CHECKPOINT_EVERY {
                last_checkpoint = std::time::Instant::now();
                if let Err(e) = checkpoint_audit(&app, "periodic").await {
                    tracing::error!(error = %e, "audit checkpoint failed");
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

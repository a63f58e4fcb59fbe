//! Background work as "one step + a loop": each job is a function tests call directly, and
//! [`spawn`] runs them all every second in `gongkai serve`.
//!
//! - scheduled publication: [`publish_due`];
//! - notification delivery: [`crate::notifications::deliver_pending`];
//! - the search replica: [`crate::search_index::index_pending`].

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

/// Runs the jobs every second until the process ends.
pub fn spawn(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            run_once(&app).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

//! This node's search replica and the jobs that keep it: following the outbox
//! ([`index_pending`]) and rebuilding from the database ([`reindex_all`], `gongkai reindex`).
//!
//! The index is derived data (DESIGN §1): each node owns one tantivy index with one writer
//! (an OS file lock), fed from the outbox in order; the position it has reached is kept in a file
//! beside the index, so a restarted node continues where it stopped.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use gongkai_search::{Indexer, ItemDoc, SearchIndex};
use gongkai_store::catalogue::{attachments, item::Item, outbox, queries};
use gongkai_store::{Db, Error, Result, agency};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::services::App;

/// The index, its one writer, and how far it has followed the outbox.
pub struct SearchReplica {
    pub index: SearchIndex,
    /// Shared so a commit can run on a blocking thread while holding the lock.
    writer: Arc<Mutex<Indexer>>,
    /// Where the outbox position is kept between runs (None: in memory only).
    position_file: Option<std::path::PathBuf>,
    /// The outbox id this replica has indexed up to.
    position: AtomicI64,
    /// What the public searched for on this node, not yet counted in the database.
    pub log: crate::search_log::SearchLog,
}

impl SearchReplica {
    pub fn new(index: SearchIndex, position_file: Option<std::path::PathBuf>) -> Result<Self, gongkai_search::Error> {
        let writer = Arc::new(Mutex::new(index.writer()?));
        let start = position_file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        Ok(Self { index, writer, position_file, position: AtomicI64::new(start), log: Default::default() })
    }

    /// The outbox id indexed up to.
    pub fn position(&self) -> i64 {
        self.position.load(Ordering::SeqCst)
    }

    fn save_position(&self, p: i64) {
        self.position.store(p, Ordering::SeqCst);
        if let Some(file) = &self.position_file
            && let Err(e) = std::fs::write(file, p.to_string())
        {
            tracing::warn!(error = %e, "cannot save the outbox position");
        }
    }
}

fn search_error(e: gongkai_search::Error) -> Error {
    Error::Internal(format!("search index: {e}"))
}

/// Commits the writer's pending changes on a blocking thread (a tantivy commit fsyncs segment
/// files and may merge them), keeping the lock across it.
async fn commit(mut writer: OwnedMutexGuard<Indexer>) -> Result<OwnedMutexGuard<Indexer>> {
    tokio::task::spawn_blocking(move || writer.commit().map(|()| writer))
        .await
        .map_err(|e| Error::Internal(format!("search commit task: {e}")))?
        .map_err(search_error)
}

/// The search document of a published item.
pub async fn item_doc(db: &Db, item: &Item) -> Result<ItemDoc> {
    let agency = agency::get(db, item.agency_id).await?;
    let agency_ids = agency.path.split('/').filter_map(|s| s.parse().ok()).collect();
    let attachment_text =
        attachments::of_item(db, item.id).await?.into_iter().map(|a| a.extracted_text).collect::<Vec<_>>().join("\n");
    let published =
        item.published_on.ok_or_else(|| Error::Internal(format!("item {} has no publication date", item.id)))?;
    Ok(ItemDoc {
        id: item.id,
        agency_id: item.agency_id,
        agency_ids,
        title: item.title.clone(),
        body: item.body_text.clone(),
        doc_number: item.doc_number.clone(),
        attachment_text,
        index_number: item.index_number.clone().unwrap_or_default(),
        category: item.category.clone(),
        subject: item.subject.clone(),
        year: published.year(),
        validity: item.validity.as_str().to_owned(),
        kind: item.kind.as_str().to_owned(),
        published: gongkai_core::calendar::iso_date::format(published),
        url: format!("/items/{}", item.id),
    })
}

/// Applies outbox entries not yet indexed by this node (at most `limit`); returns how many.
pub async fn index_pending(app: &App, limit: i64) -> Result<usize> {
    let replica = &app.search;
    let mut writer = replica.writer.clone().lock_owned().await;
    let from = replica.position();
    let entries = outbox::after(&app.db, from, limit).await?;
    let Some(last) = entries.last().map(|e| e.id) else { return Ok(0) };
    for entry in &entries {
        if entry.entity != "item" {
            continue;
        }
        match queries::published(&app.db, entry.entity_id).await {
            Ok(item) if entry.op == "upsert" => {
                writer.upsert(&item_doc(&app.db, &item).await?).map_err(search_error)?
            }
            _ => writer.delete(entry.entity_id).map_err(search_error)?,
        }
    }
    let _writer = commit(writer).await?;
    replica.save_position(last);
    Ok(entries.len())
}

/// Indexes everything the outbox holds (what `import` and `demo` run before they finish).
pub async fn catch_up(app: &App) -> Result<()> {
    while index_pending(app, 2000).await? > 0 {}
    Ok(())
}

/// Rebuilds the index from every published item; `progress(done, total)` after each page.
pub async fn reindex_all(app: &App, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
    let replica = &app.search;
    let mut writer = replica.writer.clone().lock_owned().await;
    let head = outbox::head(&app.db).await?;
    writer.delete_all().map_err(search_error)?;
    let total = queries::published_count(&app.db).await? as u64;
    let mut done = 0;
    let mut after_id = 0;
    loop {
        let page = queries::published_after(&app.db, after_id, 1000).await?;
        let Some(last) = page.last().map(|i| i.id) else { break };
        for item in &page {
            writer.upsert(&item_doc(&app.db, item).await?).map_err(search_error)?;
        }
        done += page.len() as u64;
        after_id = last;
        progress(done, total);
    }
    let _writer = commit(writer).await?;
    replica.save_position(head);
    Ok(done)
}

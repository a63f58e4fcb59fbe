//! Background work as "one step + a loop": tests call the step directly.
//!
//! - [`index_pending`]: follow the outbox into this node's search index.
//! - [`publish_due`]: publish scheduled items whose time has come.
//! - [`deliver_notifications`]: write queued notifications out.
//! - [`reindex_all`]: rebuild the index from scratch (`gongkai reindex`).

use std::sync::atomic::Ordering;
use std::time::Duration;

use gongkai_search::{Indexer, ItemDoc};
use gongkai_store::catalogue::{attachments, item::Item, outbox, queries, workflow};
use gongkai_store::request::notify;
use gongkai_store::{Db, Error, Result, agency};
use time::OffsetDateTime;
use tokio::sync::OwnedMutexGuard;

use crate::state::AppState;

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

fn position(state: &AppState) -> i64 {
    state.search.position.load(Ordering::SeqCst)
}

fn save_position(state: &AppState, p: i64) {
    state.search.position.store(p, Ordering::SeqCst);
    if let Some(file) = &state.search.position_file
        && let Err(e) = std::fs::write(file, p.to_string())
    {
        tracing::warn!(error = %e, "cannot save the outbox position");
    }
}

/// The search document of a published item.
pub async fn item_doc(db: &Db, item: &Item) -> Result<ItemDoc> {
    let agency = agency::get(db, item.agency_id).await?;
    let agency_ids = agency.path.split('/').filter_map(|s| s.parse().ok()).collect();
    let attachment_text =
        attachments::of_item(db, item.id).await?.into_iter().map(|a| a.extracted_text).collect::<Vec<_>>().join("\n");
    let published = item.published_on.clone().unwrap_or_default();
    Ok(ItemDoc {
        id: item.id,
        agency_ids,
        title: item.title.clone(),
        body: item.body_text.clone(),
        doc_number: item.doc_number.clone(),
        attachment_text,
        index_number: item.index_number.clone().unwrap_or_default(),
        category: item.category.clone(),
        subject: item.subject.clone(),
        year: published.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0),
        validity: item.validity.clone(),
        published,
        url: format!("/items/{}", item.id),
    })
}

/// Applies outbox entries not yet indexed by this node (at most `limit`); returns how many.
pub async fn index_pending(state: &AppState, limit: i64) -> Result<usize> {
    let mut writer = state.search.writer.clone().lock_owned().await;
    let from = position(state);
    let entries = outbox::after(&state.db, from, limit).await?;
    let Some(last) = entries.last().map(|e| e.id) else { return Ok(0) };
    for entry in &entries {
        if entry.entity != "item" {
            continue;
        }
        match queries::published(&state.db, entry.entity_id).await {
            Ok(item) if entry.op == "upsert" => {
                writer.upsert(&item_doc(&state.db, &item).await?).map_err(search_error)?
            }
            _ => writer.delete(entry.entity_id).map_err(search_error)?,
        }
    }
    let _writer = commit(writer).await?;
    save_position(state, last);
    Ok(entries.len())
}

/// Rebuilds the index from every published item; `progress(done, total)` after each page.
pub async fn reindex_all(state: &AppState, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
    let mut writer = state.search.writer.clone().lock_owned().await;
    let head = outbox::head(&state.db).await?;
    writer.delete_all().map_err(search_error)?;
    let total = queries::published_count(&state.db).await? as u64;
    let mut done = 0;
    let mut after_id = 0;
    loop {
        let page = queries::published_after(&state.db, after_id, 1000).await?;
        let Some(last) = page.last().map(|i| i.id) else { break };
        for item in &page {
            writer.upsert(&item_doc(&state.db, item).await?).map_err(search_error)?;
        }
        done += page.len() as u64;
        after_id = last;
        progress(done, total);
    }
    let _writer = commit(writer).await?;
    save_position(state, head);
    Ok(done)
}

/// Delivers queued notifications: by SMTP to email addresses when a mail server is configured;
/// otherwise (and for messages to an agency's staff) as one text file each under the configured
/// directory (`{id}.txt`, with To and Subject lines). Each is marked with where it went, or why
/// it could not go. Returns how many were handled.
pub async fn deliver_notifications(state: &AppState, limit: i64) -> Result<usize> {
    let pending = notify::pending(&state.db, limit).await?;
    for n in &pending {
        let outcome = match (&state.site.smtp, n.recipient.contains('@')) {
            (Some(smtp), true) => send_mail(smtp, n).await.map(|()| format!("smtp:{}", n.recipient)),
            _ => match &state.site.notification_dir {
                Some(dir) => write_file(dir, n),
                None => continue,
            },
        };
        match outcome {
            Ok(to) => notify::mark(&state.db, n.id, Some(&to), None).await?,
            Err(e) => {
                tracing::warn!(error = %e, id = n.id, "notification not delivered");
                notify::mark(&state.db, n.id, None, Some(&e)).await?;
            }
        }
    }
    Ok(pending.len())
}

fn write_file(dir: &std::path::Path, n: &notify::Notification) -> std::result::Result<String, String> {
    let path = dir.join(format!("{}.txt", n.id));
    let text = format!("To: {}\nSubject: {}\nDate: {}\n\n{}\n", n.recipient, n.subject, n.created_at, n.body);
    std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)).map_err(|e| e.to_string())?;
    Ok(path.display().to_string())
}

async fn send_mail(smtp: &crate::state::SmtpConfig, n: &notify::Notification) -> std::result::Result<(), String> {
    use lettre::message::header::ContentType;
    use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
    let message = Message::builder()
        .from(smtp.from.parse().map_err(|e| format!("发件地址无效：{e}"))?)
        .to(n.recipient.parse().map_err(|e| format!("收件地址无效：{e}"))?)
        .subject(n.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(n.body.clone())
        .map_err(|e| e.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url)
        .map_err(|e| format!("邮件服务器地址无效：{e}"))?
        .build();
    transport.send(message).await.map(|_| ()).map_err(|e| format!("邮件发送失败：{e}"))
}

/// Publishes scheduled items that are due.
pub async fn publish_due(state: &AppState) -> Result<usize> {
    workflow::publish_due(&state.db, OffsetDateTime::now_utc()).await
}

/// Runs the jobs every second until the process ends.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = publish_due(&state).await {
                tracing::error!(error = %e, "scheduled publication failed");
            }
            if let Err(e) = deliver_notifications(&state, 100).await {
                tracing::error!(error = %e, "notification delivery failed");
            }
            loop {
                match index_pending(&state, 500).await {
                    Ok(500) => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::error!(error = %e, "indexing failed");
                        break;
                    }
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

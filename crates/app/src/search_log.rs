//! What the public searches for, kept for the portal's suggestions (热门搜索) without personal
//! data: a term is counted only when it found something, is at most [`MAX_CHARS`] characters,
//! and holds no run of [`MAX_DIGITS`] digits (telephone, ID or case numbers) and no `@`
//! (addresses); nothing else of the visitor (address, time, session) is kept. A term is shown
//! only once [`MIN_HITS`] searches were counted, so a rare one typed by one person never is.
//!
//! Each node counts in memory ([`SearchLog::note`]) and the jobs loop adds the counts to the
//! database once a minute ([`flush`]); at most [`MAX_PENDING`] distinct terms wait.

use std::collections::HashMap;
use std::sync::Mutex;

use gongkai_store::Result;

use crate::services::App;

pub const MAX_CHARS: usize = 30;
pub const MAX_DIGITS: usize = 5;
pub const MIN_HITS: i64 = 3;
/// Days a term stays suggested after it was last searched.
pub const RECENT_DAYS: i64 = 90;
pub const MAX_PENDING: usize = 10_000;

/// The term as it is counted: whitespace collapsed, ASCII lower-cased; `None` when it must not
/// be kept.
pub fn keepable(q: &str) -> Option<String> {
    let term = q.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    let chars = term.chars().count();
    if chars == 0 || chars > MAX_CHARS || term.contains('@') || term.chars().any(char::is_control) {
        return None;
    }
    let mut run = 0;
    for c in term.chars() {
        run = if c.is_ascii_digit() || ('０'..='９').contains(&c) { run + 1 } else { 0 };
        if run >= MAX_DIGITS {
            return None;
        }
    }
    Some(term)
}

/// This node's counts not yet added to the database.
#[derive(Default)]
pub struct SearchLog {
    pending: Mutex<HashMap<String, i64>>,
}

impl SearchLog {
    /// Counts one search for `q` that found something (ignored when it must not be kept).
    pub fn note(&self, q: &str) {
        let Some(term) = keepable(q) else { return };
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if pending.len() < MAX_PENDING || pending.contains_key(&term) {
            *pending.entry(term).or_default() += 1;
        }
    }

    fn take(&self) -> Vec<(String, i64)> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner())).into_iter().collect()
    }

    fn put_back(&self, counts: Vec<(String, i64)>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for (term, n) in counts {
            *pending.entry(term).or_default() += n;
        }
    }
}

/// Adds this node's counts to the database; on failure they wait for the next time.
pub async fn flush(app: &App) -> Result<usize> {
    let counts = app.search.log.take();
    let n = counts.len();
    if let Err(e) = gongkai_store::search_terms::add(&app.db, &counts, gongkai_store::timestamp::today_in_china()).await
    {
        app.search.log.put_back(counts);
        return Err(e);
    }
    Ok(n)
}

/// The terms to suggest: searched at least [`MIN_HITS`] times, the last within [`RECENT_DAYS`].
pub async fn popular(app: &App, limit: i64) -> Result<Vec<String>> {
    let since = gongkai_store::timestamp::today_in_china() - time::Duration::days(RECENT_DAYS);
    gongkai_store::search_terms::popular(&app.db, since, MIN_HITS, limit).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_and_long_text_are_never_kept() {
        assert_eq!(keepable("  低保   标准 "), Some("低保 标准".into()));
        assert_eq!(keepable("GDP"), Some("gdp".into()));
        assert_eq!(keepable("浩府发〔2025〕3号"), Some("浩府发〔2025〕3号".into()), "a document number is kept");
        for personal in ["13800138000", "张三 11010519491231002X", "zhang@example.com", "申请编号１２３４５", ""]
        {
            assert_eq!(keepable(personal), None, "{personal}");
        }
        assert_eq!(keepable(&"长".repeat(MAX_CHARS + 1)), None);
    }

    #[test]
    fn counts_wait_in_memory_and_are_bounded() {
        let log = SearchLog::default();
        log.note("低保");
        log.note(" 低保 ");
        log.note("13800138000");
        let mut taken = log.take();
        taken.sort();
        assert_eq!(taken, [("低保".to_owned(), 2)]);
        assert!(log.take().is_empty());
    }
}

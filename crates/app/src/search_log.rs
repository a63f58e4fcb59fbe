//! What the public searches for, kept for the portal's suggestions (热门搜索) without personal
//! data: a term is counted only when it found something, is at most [`MAX_CHARS`] characters,
//! and holds no run of [`MAX_DIGITS`] digits (telephone, ID or case numbers) and no `@`
//! (addresses); nothing else of the visitor (address, time, session) is kept. A term is shown
//! only once [`MIN_HITS`] searches were counted, so a rare one typed by one person never is.
//!
//! A search limited to an agency's items counts for that agency as well as for the whole site,
//! so an agency's pages suggest what its own visitors look for.
//!
//! Each node counts in memory ([`SearchLog::note`]) and the jobs loop adds the counts to the
//! database once a minute ([`flush`]); at most [`MAX_PENDING`] distinct terms wait.

use std::collections::HashMap;
use std::sync::Mutex;

use gongkai_store::Result;
use gongkai_store::search_terms::SITE;

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

/// A counted term: its scope (an agency id or [`SITE`]) and the term.
type Key = (i64, String);

/// This node's counts not yet added to the database.
#[derive(Default)]
pub struct SearchLog {
    pending: Mutex<HashMap<Key, i64>>,
}

impl SearchLog {
    /// Counts one search for `q` that found something (ignored when it must not be kept), for
    /// the site and, when the search was limited to an agency's items, for that agency.
    pub fn note(&self, agency: Option<i64>, q: &str) {
        let Some(term) = keepable(q) else { return };
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for scope in std::iter::once(SITE).chain(agency) {
            let key = (scope, term.clone());
            if pending.len() < MAX_PENDING || pending.contains_key(&key) {
                *pending.entry(key).or_default() += 1;
            }
        }
    }

    fn take(&self) -> Vec<(Key, i64)> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner())).into_iter().collect()
    }

    fn put_back(&self, counts: Vec<(Key, i64)>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for (key, n) in counts {
            *pending.entry(key).or_default() += n;
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

/// The terms to suggest, for the site or for searches within `agency`'s items: searched at
/// least [`MIN_HITS`] times, the last within [`RECENT_DAYS`].
pub async fn popular(app: &App, agency: Option<i64>, limit: i64) -> Result<Vec<String>> {
    let since = gongkai_store::timestamp::today_in_china() - time::Duration::days(RECENT_DAYS);
    gongkai_store::search_terms::popular(&app.db, agency.unwrap_or(SITE), since, MIN_HITS, limit).await
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
        log.note(None, "低保");
        log.note(Some(7), " 低保 ");
        log.note(None, "13800138000");
        let mut taken = log.take();
        taken.sort();
        assert_eq!(
            taken,
            [((SITE, "低保".to_owned()), 2), ((7, "低保".to_owned()), 1)],
            "an agency's search counts twice"
        );
        assert!(log.take().is_empty());
        for n in 0..MAX_PENDING + 5 {
            log.note(None, &format!("词{}x{}", n / 1000, n % 1000));
        }
        log.note(None, "词0x1");
        let taken = log.take();
        assert_eq!(taken.len(), MAX_PENDING, "at most MAX_PENDING terms wait");
        assert!(taken.contains(&((SITE, "词0x1".to_owned()), 2)), "a waiting term is still counted");
    }
}

//! Totals and year lists of catalogue columns, kept per node until the outbox moves.
//!
//! Counting an agency's published items reads every matching row; a list page needs the count
//! for its pager on every request. Every change that the portal can see (publication,
//! withdrawal, import) appends to the outbox in its transaction, so a summary computed at outbox
//! head `h` stays right until the head moves, on this node and on every other node sharing the
//! database.

use std::collections::HashMap;
use std::sync::Mutex;

use gongkai_store::Db;
use gongkai_store::catalogue::outbox;
use gongkai_store::catalogue::queries::{self, PublicFilter};
use gongkai_store::error::Result;

/// Summaries beyond this many distinct filters are computed but not kept.
const MAX_ENTRIES: usize = 10_000;

/// What a list page needs besides its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub total: i64,
    pub years: Vec<i64>,
}

#[derive(Default)]
struct Kept {
    head: i64,
    entries: HashMap<String, Summary>,
}

/// The per-node cache of column summaries.
#[derive(Default)]
pub struct ColumnSummaries {
    kept: Mutex<Kept>,
}

fn key(f: &PublicFilter) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        f.agency_id, f.category, f.subject, f.year, f.validity, f.system_column
    )
}

impl ColumnSummaries {
    /// The summary of the column the filter selects, current as of the outbox head.
    pub async fn get(&self, db: &Db, f: &PublicFilter) -> Result<Summary> {
        let head = outbox::head(db).await?;
        let key = key(f);
        {
            let mut kept = self.kept.lock().expect("summary cache lock");
            if kept.head != head {
                kept.entries.clear();
                kept.head = head;
            }
            if let Some(found) = kept.entries.get(&key) {
                return Ok(found.clone());
            }
        }
        let summary = Summary {
            total: queries::public_count(db, f).await?,
            years: queries::published_years(db, f.agency_id).await?,
        };
        let mut kept = self.kept.lock().expect("summary cache lock");
        if kept.head == head && kept.entries.len() < MAX_ENTRIES {
            kept.entries.insert(key, summary.clone());
        }
        Ok(summary)
    }
}

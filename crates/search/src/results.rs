//! What a search returns: one page of hits and the exact number of matches.

use serde::{Deserialize, Serialize};

/// One matching item, ready for a result list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub id: i64,
    pub title: String,
    pub index_number: String,
    pub url: String,
    /// HTML: the item's text escaped, the query's words in `<mark>…</mark>`.
    pub snippet: String,
    /// `YYYY-MM-DD`.
    pub published: String,
}

/// One page of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    /// Every item the query matches (not only this page): exact, never capped.
    pub total: usize,
    pub hits: Vec<Hit>,
}

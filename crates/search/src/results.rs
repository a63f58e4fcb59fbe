//! What a search returns: one page of hits, the exact number of matches, and (when asked) how
//! many matches have each value of each filter.

use serde::{Deserialize, Serialize};

/// One matching item, ready for a result list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub id: i64,
    /// The publishing agency.
    pub agency_id: i64,
    pub title: String,
    /// HTML: the title escaped, the query's words in `<mark>…</mark>`.
    pub title_html: String,
    /// 发文字号, when the item has one.
    pub doc_number: Option<String>,
    pub index_number: String,
    pub url: String,
    /// HTML: the item's text escaped, the query's words in `<mark>…</mark>`.
    pub snippet: String,
    /// `YYYY-MM-DD`.
    pub published: String,
}

/// How many matches have each value of each filter: only values with at least one match, the
/// most frequent first (years newest first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// The publishing agency (its id).
    pub agency: Vec<(i64, u64)>,
    /// Art. 20/21 category keys.
    pub category: Vec<(String, u64)>,
    /// 主题分类 at every level (`综合政务`, `综合政务\政务公开`).
    pub subject: Vec<(String, u64)>,
    pub year: Vec<(i64, u64)>,
    pub validity: Vec<(String, u64)>,
    pub kind: Vec<(String, u64)>,
}

impl Facets {
    /// The count of one value of a string facet (0 when no match has it).
    pub fn count(list: &[(String, u64)], value: &str) -> u64 {
        list.iter().find(|(v, _)| v == value).map_or(0, |(_, n)| *n)
    }
}

/// One page of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    /// Every item the query matches (not only this page): exact, never capped.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Counts by filter value over every match, when the query asked for them.
    pub facets: Option<Facets>,
}

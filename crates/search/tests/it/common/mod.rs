//! Builders shared by the integration tests.
#![allow(dead_code)]

use gongkai_search::{ItemDoc, Query, Results, SearchIndex};

/// An item with the given title and body and plain defaults for everything else.
pub fn item(id: i64, title: &str, body: &str) -> ItemDoc {
    ItemDoc {
        id,
        agency_id: 1,
        agency_ids: vec![1],
        title: title.to_string(),
        body: body.to_string(),
        doc_number: None,
        attachment_text: String::new(),
        index_number: format!("11330000002482061B/2020-{id:05}"),
        category: "art20.1".to_string(),
        subject: None,
        year: 2024,
        validity: "in_force".to_string(),
        kind: "other".to_string(),
        published: "2024-01-01".to_string(),
        url: format!("/items/{id}"),
    }
}

/// An in-memory index holding `items`, committed.
pub fn index_of(items: &[ItemDoc]) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let mut writer = index.writer().unwrap();
    for item in items {
        writer.upsert(item).unwrap();
    }
    writer.commit().unwrap();
    index
}

/// A first page of 100 for the text `q`, no filters.
pub fn text(q: &str) -> Query {
    Query { q: q.to_string(), page: 1, per_page: 100, ..Query::default() }
}

pub fn ids(results: &Results) -> Vec<i64> {
    results.hits.iter().map(|hit| hit.id).collect()
}

pub fn search_ids(index: &SearchIndex, query: &Query) -> Vec<i64> {
    ids(&index.search(query).unwrap())
}

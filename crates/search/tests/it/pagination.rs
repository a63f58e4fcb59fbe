//! Pages: complete, disjoint, stable, uncapped.

use std::collections::HashSet;

use crate::common::{index_of, item};
use gongkai_search::{ItemDoc, Query};

/// 95 items that all match 公开, with few distinct scores and dates (many ties).
fn corpus() -> Vec<ItemDoc> {
    (1..=95)
        .map(|id| {
            let mut doc = item(id, &format!("第{}批政务公开目录", id % 3), &"公开。".repeat((id % 4 + 1) as usize));
            doc.published = format!("2024-0{}-01", id % 5 + 1);
            doc
        })
        .collect()
}

fn page(q: &str, page: usize, per_page: usize) -> Query {
    Query { q: q.to_string(), page, per_page, ..Query::default() }
}

#[test]
fn pages_concatenated_are_every_hit_exactly_once() {
    let index = index_of(&corpus());
    for q in ["公开", ""] {
        let mut seen = Vec::new();
        for number in 1..=10 {
            let results = index.search(&page(q, number, 10)).unwrap();
            assert_eq!(results.total, 95, "q={q:?}");
            assert_eq!(results.hits.len(), if number == 10 { 5 } else { 10 });
            seen.extend(results.hits.iter().map(|hit| hit.id));
        }
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(unique.len(), 95, "duplicates in {seen:?}");
        let all_at_once = index.search(&page(q, 1, 100)).unwrap();
        let all_ids: Vec<i64> = all_at_once.hits.iter().map(|hit| hit.id).collect();
        assert_eq!(seen, all_ids, "pages disagree with one big page for q={q:?}");
    }
}

#[test]
fn the_same_page_twice_is_the_same() {
    let index = index_of(&corpus());
    let first = index.search(&page("公开", 3, 10)).unwrap();
    let second = index.search(&page("公开", 3, 10)).unwrap();
    assert_eq!(first, second);
}

#[test]
fn a_page_past_the_end_is_empty_but_counts_everything() {
    let index = index_of(&corpus());
    let past = index.search(&page("公开", 11, 10)).unwrap();
    assert_eq!(past.total, 95);
    assert!(past.hits.is_empty());
    let far = index.search(&page("公开", usize::MAX, usize::MAX)).unwrap();
    assert_eq!(far.total, 95);
    assert!(far.hits.is_empty());
}

#[test]
fn page_zero_is_the_first_page_and_per_page_zero_is_one_hit() {
    let index = index_of(&corpus());
    let zero = index.search(&page("公开", 0, 10)).unwrap();
    let one = index.search(&page("公开", 1, 10)).unwrap();
    assert_eq!(zero, one);
    assert_eq!(index.search(&page("公开", 1, 0)).unwrap().hits.len(), 1);
}

#[test]
fn the_total_is_exact_beyond_any_page_size() {
    let items: Vec<ItemDoc> = (1..=2500).map(|id| item(id, "信息公开", "")).collect();
    let index = index_of(&items);
    assert_eq!(index.search(&page("信息公开", 1, 10)).unwrap().total, 2500);
    assert_eq!(index.search(&page("信息公开", 250, 10)).unwrap().hits.len(), 10);
}

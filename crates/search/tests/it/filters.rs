//! Filters, with and without text, and the listing order without text.

use crate::common::{index_of, item, search_ids, text};
use gongkai_search::{Facets, ItemDoc, Query, SearchIndex, Sort};

/// Agencies: 1 province → 10 city → 100 county; 2 another province.
fn corpus() -> SearchIndex {
    let entry =
        |id: i64, agencies: &[i64], category: &str, subject: &str, year: i32, validity: &str, published: &str| {
            let mut doc: ItemDoc = item(id, &format!("政务公开事项{id}"), "政务公开");
            doc.agency_ids = agencies.to_vec();
            doc.agency_id = agencies[0];
            doc.kind = if id % 2 == 0 { "normative_document" } else { "other" }.to_string();
            doc.category = category.to_string();
            doc.subject = Some(subject.to_string());
            doc.year = year;
            doc.validity = validity.to_string();
            doc.published = published.to_string();
            doc
        };
    index_of(&[
        entry(1, &[1], "art20.1", "综合政务\\政务公开", 2024, "有效", "2024-03-01"),
        entry(2, &[10, 1], "art20.1", "综合政务\\应急管理", 2024, "失效", "2024-05-01"),
        entry(3, &[100, 10, 1], "art20.2", "财政金融\\预算", 2023, "有效", "2023-07-01"),
        entry(4, &[2], "art20.6", "综合政务\\政务公开", 2023, "废止", "2023-01-15"),
        entry(5, &[100, 10, 1], "art20.1", "财政金融", 2024, "有效", "2024-05-01"),
    ])
}

fn filtered(q: &str, set: impl FnOnce(&mut Query)) -> Query {
    let mut query = text(q);
    set(&mut query);
    query
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort();
    ids
}

#[test]
fn an_agency_filter_covers_the_agency_and_everything_below_it() {
    let index = corpus();
    for q in ["", "政务公开"] {
        assert_eq!(sorted(search_ids(&index, &filtered(q, |f| f.agency = Some(1)))), [1, 2, 3, 5]);
        assert_eq!(sorted(search_ids(&index, &filtered(q, |f| f.agency = Some(10)))), [2, 3, 5]);
        assert_eq!(sorted(search_ids(&index, &filtered(q, |f| f.agency = Some(100)))), [3, 5]);
        assert_eq!(search_ids(&index, &filtered(q, |f| f.agency = Some(2))), [4]);
        assert!(search_ids(&index, &filtered(q, |f| f.agency = Some(3))).is_empty());
    }
}

#[test]
fn category_year_and_validity_filter_exactly() {
    let index = corpus();
    let category = filtered("", |f| f.category = Some("art20.1".into()));
    assert_eq!(sorted(search_ids(&index, &category)), [1, 2, 5]);
    assert_eq!(sorted(search_ids(&index, &filtered("", |f| f.year = Some(2023)))), [3, 4]);
    let validity = filtered("", |f| f.validity = Some("有效".into()));
    assert_eq!(sorted(search_ids(&index, &validity)), [1, 3, 5]);
}

#[test]
fn a_subject_filter_matches_the_top_level_and_the_full_path() {
    let index = corpus();
    let top = filtered("", |f| f.subject = Some("综合政务".into()));
    assert_eq!(sorted(search_ids(&index, &top)), [1, 2, 4]);
    let path = filtered("", |f| f.subject = Some("综合政务\\政务公开".into()));
    assert_eq!(sorted(search_ids(&index, &path)), [1, 4]);
    let finance = filtered("", |f| f.subject = Some("财政金融".into()));
    assert_eq!(sorted(search_ids(&index, &finance)), [3, 5]);
}

#[test]
fn filters_combine_with_each_other_and_with_text() {
    let index = corpus();
    let query = filtered("政务公开", |f| {
        f.agency = Some(1);
        f.year = Some(2024);
        f.validity = Some("有效".into());
    });
    assert_eq!(sorted(search_ids(&index, &query)), [1, 5]);
    let none = filtered("乡村振兴", |f| f.agency = Some(1));
    assert!(search_ids(&index, &none).is_empty());
}

#[test]
fn without_text_items_are_listed_newest_first_with_ties_by_id() {
    let index = corpus();
    assert_eq!(search_ids(&index, &text("")), [5, 2, 1, 3, 4]);
    assert_eq!(search_ids(&index, &filtered("  ", |f| f.agency = Some(10))), [5, 2, 3]);
}

#[test]
fn a_query_of_only_punctuation_lists_like_an_empty_one() {
    let index = corpus();
    assert_eq!(search_ids(&index, &text("\"《》：")), search_ids(&index, &text("")));
}

#[test]
fn an_agency_alone_leaves_out_the_agencies_below_it() {
    let index = corpus();
    let own = |agency| {
        filtered("", |f| {
            f.agency = Some(agency);
            f.own_only = true;
        })
    };
    assert_eq!(search_ids(&index, &own(1)), [1]);
    assert_eq!(search_ids(&index, &own(10)), [2]);
    assert_eq!(sorted(search_ids(&index, &own(100))), [3, 5]);
}

#[test]
fn a_date_range_and_a_document_type_filter_exactly() {
    let index = corpus();
    let range = filtered("", |f| {
        f.from = Some(20_230_701);
        f.to = Some(20_240_301);
    });
    assert_eq!(sorted(search_ids(&index, &range)), [1, 3], "both ends included");
    assert_eq!(sorted(search_ids(&index, &filtered("", |f| f.from = Some(20_240_302)))), [2, 5]);
    assert_eq!(sorted(search_ids(&index, &filtered("", |f| f.to = Some(20_230_115)))), [4]);
    let kind = filtered("政务公开", |f| f.kind = Some("normative_document".into()));
    assert_eq!(sorted(search_ids(&index, &kind)), [2, 4]);
}

#[test]
fn newest_first_orders_by_date_even_with_words() {
    let mut best = item(1, "低保标准", "低保标准低保标准");
    best.published = "2020-01-01".into();
    let mut newer = item(2, "通知", "提到一次低保");
    newer.published = "2025-01-01".into();
    let index = index_of(&[best, newer]);
    assert_eq!(search_ids(&index, &text("低保")), [1, 2], "by relevance");
    assert_eq!(search_ids(&index, &filtered("低保", |f| f.sort = Sort::Newest)), [2, 1]);
}

#[test]
fn facets_count_every_match_by_each_filter_value() {
    let index = corpus();
    let query = filtered("政务公开", |f| {
        f.facets = true;
        f.per_page = 1;
    });
    let results = index.search(&query).unwrap();
    assert_eq!((results.total, results.hits.len()), (5, 1), "counted over all matches, not the page");
    let facets = results.facets.unwrap();
    assert_eq!(Facets::count(&facets.category, "art20.1"), 3);
    assert_eq!(Facets::count(&facets.category, "art20.2"), 1);
    assert_eq!(Facets::count(&facets.category, "art20.9"), 0);
    assert_eq!(facets.year, [(2024, 3), (2023, 2)], "newest year first");
    assert_eq!(Facets::count(&facets.validity, "有效"), 3);
    assert_eq!(Facets::count(&facets.subject, "综合政务"), 3);
    assert_eq!(Facets::count(&facets.subject, "综合政务\\政务公开"), 2);
    assert_eq!(Facets::count(&facets.kind, "normative_document"), 2);
    let mut agencies = facets.agency.clone();
    agencies.sort();
    assert_eq!(agencies, [(1, 1), (2, 1), (10, 1), (100, 2)]);
    // A chosen filter narrows the other counts, not its own (2024 stays choosable).
    let narrowed = index
        .search(&filtered("", |f| {
            f.facets = true;
            f.year = Some(2023);
        }))
        .unwrap();
    assert_eq!(narrowed.total, 2);
    let facets = narrowed.facets.unwrap();
    assert_eq!(facets.year, [(2024, 3), (2023, 2)]);
    assert_eq!(Facets::count(&facets.category, "art20.1"), 0, "no 2023 item is in art20.1");
    assert_eq!(Facets::count(&facets.category, "art20.6"), 1);
    assert!(index.search(&text("政务公开")).unwrap().facets.is_none(), "only when asked");
}

//! Filters, with and without text, and the listing order without text.

use crate::common::{index_of, item, search_ids, text};
use gongkai_search::{ItemDoc, Query, SearchIndex};

/// Agencies: 1 province → 10 city → 100 county; 2 another province.
fn corpus() -> SearchIndex {
    let entry =
        |id: i64, agencies: &[i64], category: &str, subject: &str, year: i32, validity: &str, published: &str| {
            let mut doc: ItemDoc = item(id, &format!("政务公开事项{id}"), "政务公开");
            doc.agency_ids = agencies.to_vec();
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

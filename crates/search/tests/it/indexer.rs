//! Writing: upsert, delete, rebuild, one writer, reopening from disk.

use crate::common::{index_of, item, search_ids, text};
use gongkai_search::{Error, ItemDoc, SearchIndex};

#[test]
fn upserting_the_same_id_replaces_the_item() {
    let index = index_of(&[item(1, "旧标题政务公开", "")]);
    let mut writer = index.writer().unwrap();
    writer.upsert(&item(1, "新标题信息公开", "")).unwrap();
    writer.upsert(&item(1, "新标题信息公开", "")).unwrap();
    writer.commit().unwrap();
    assert_eq!(index.doc_count(), 1);
    assert!(search_ids(&index, &text("旧标题")).is_empty());
    let found = index.search(&text("新标题")).unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].title, "新标题信息公开");
}

#[test]
fn changes_are_visible_right_after_commit_and_not_before() {
    let index = SearchIndex::in_memory().unwrap();
    let mut writer = index.writer().unwrap();
    writer.upsert(&item(1, "政务公开", "")).unwrap();
    assert_eq!(index.doc_count(), 0);
    writer.commit().unwrap();
    assert_eq!(index.doc_count(), 1);
    assert_eq!(search_ids(&index, &text("政务公开")), [1]);
}

#[test]
fn deleting_removes_the_item() {
    let index = index_of(&[item(1, "政务公开", ""), item(2, "政务公开", "")]);
    let mut writer = index.writer().unwrap();
    writer.delete(1).unwrap();
    writer.delete(99).unwrap();
    writer.commit().unwrap();
    assert_eq!(search_ids(&index, &text("政务公开")), [2]);
    assert_eq!(index.doc_count(), 1);
}

fn corpus() -> Vec<ItemDoc> {
    (1..=40)
        .map(|id| {
            let mut doc =
                item(id, &format!("第{id}号政务公开通知"), &"依申请公开信息公开行政复议".repeat((id % 5 + 1) as usize));
            doc.published = format!("2024-{:02}-{:02}", id % 12 + 1, id % 28 + 1);
            doc
        })
        .collect()
}

#[test]
fn deleting_all_and_adding_again_gives_the_same_results() {
    let index = index_of(&corpus());
    let queries = ["政务公开", "行政复议", "通知 12", ""];
    let before: Vec<_> = queries.iter().map(|q| index.search(&text(q)).unwrap()).collect();
    let mut writer = index.writer().unwrap();
    writer.upsert(&item(999, "政务公开临时", "")).unwrap();
    writer.commit().unwrap();
    writer.delete_all().unwrap();
    for doc in corpus() {
        writer.upsert(&doc).unwrap();
    }
    writer.commit().unwrap();
    let after: Vec<_> = queries.iter().map(|q| index.search(&text(q)).unwrap()).collect();
    assert_eq!(before, after);
    assert_eq!(index.doc_count(), 40);
}

#[test]
fn a_second_writer_is_refused_while_the_first_lives() {
    let index = SearchIndex::in_memory().unwrap();
    let first = index.writer().unwrap();
    assert!(matches!(index.writer(), Err(Error::WriterBusy)));
    drop(first);
    assert!(index.writer().is_ok());
}

#[test]
fn a_malformed_published_date_is_refused() {
    let index = SearchIndex::in_memory().unwrap();
    let mut writer = index.writer().unwrap();
    let mut bad = item(1, "通知", "");
    bad.published = "2024/01/01".to_string();
    assert!(matches!(writer.upsert(&bad), Err(Error::InvalidPublishedDate { id: 1, .. })));
}

#[test]
fn an_index_on_disk_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        writer.upsert(&item(1, "政府信息公开年度报告", "")).unwrap();
        writer.commit().unwrap();
    }
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(search_ids(&index, &text("信息公开")), [1]);
}

#[test]
fn an_index_written_by_another_analysis_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(SearchIndex::open_or_create(dir.path()).unwrap());
    std::fs::write(dir.path().join(gongkai_search::VERSION_FILE), "gongkai-search-0").unwrap();
    let reopened = SearchIndex::open_or_create(dir.path());
    assert!(matches!(reopened, Err(Error::IncompatibleIndex { .. })));
}

#[test]
fn many_threads_search_one_index_at_once() {
    let index = index_of(&corpus());
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let index = index.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    assert_eq!(index.search(&text("政务公开")).unwrap().total, 40);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

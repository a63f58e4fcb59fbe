//! Snippets of hits: marked, escaped, from body or attachment.

use crate::common::{index_of, item, text};

#[test]
fn a_snippet_marks_the_match_and_escapes_markup_in_the_text() {
    let index = index_of(&[item(1, "通知", "请做好政务公开工作<script>alert(1)</script> & 总结")]);
    let hit = &index.search(&text("政务公开")).unwrap().hits[0];
    assert!(hit.snippet.contains("<mark>政务公开</mark>"), "{}", hit.snippet);
    assert!(hit.snippet.contains("&lt;script&gt;"), "{}", hit.snippet);
    assert!(!hit.snippet.contains("<script>"), "{}", hit.snippet);
    assert!(hit.snippet.contains("&amp;"), "{}", hit.snippet);
}

#[test]
fn a_snippet_comes_from_the_attachment_when_only_it_matches() {
    let mut doc = item(1, "通知", "见附件。");
    doc.attachment_text = "附件：乡村振兴项目清单".to_string();
    let index = index_of(&[doc]);
    let hit = &index.search(&text("乡村振兴")).unwrap().hits[0];
    assert_eq!(hit.snippet, "附件：<mark>乡村振兴</mark>项目清单");
}

#[test]
fn a_title_only_match_shows_the_start_of_the_body() {
    let index = index_of(&[item(1, "乡村振兴通知", "各乡镇：现将有关事项通知如下。")]);
    let hit = &index.search(&text("乡村振兴")).unwrap().hits[0];
    assert_eq!(hit.snippet, "各乡镇：现将有关事项通知如下。");
    assert_eq!(hit.title, "乡村振兴通知");
    assert_eq!(hit.url, "/items/1");
    assert_eq!(hit.published, "2024-01-01");
    assert_eq!(hit.index_number, "11330000002482061B/2020-00001");
}

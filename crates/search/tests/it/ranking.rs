//! The order of hits for a text query.

use crate::common::{index_of, item, search_ids, text};

#[test]
fn a_title_hit_ranks_above_a_body_hit_above_an_attachment_hit() {
    let mut in_attachment = item(1, "关于印发方案的通知", "现将方案印发给你们。");
    in_attachment.attachment_text = "附件：营商环境优化措施清单".to_string();
    let in_body = item(2, "关于印发方案的通知", "为持续优化营商环境，现将方案印发给你们。");
    let in_title = item(3, "关于优化营商环境的通知", "现将方案印发给你们。");
    let index = index_of(&[in_attachment, in_body, in_title]);
    assert_eq!(search_ids(&index, &text("营商环境")), [3, 2, 1]);
}

#[test]
fn a_title_hit_ranks_above_a_body_that_repeats_the_word() {
    let in_body = item(1, "工作通知", &"政务公开工作要求。".repeat(20));
    let in_title = item(2, "政务公开工作通知", "按要求落实。");
    let index = index_of(&[in_body, in_title]);
    assert_eq!(search_ids(&index, &text("政务公开")), [2, 1]);
}

#[test]
fn the_words_as_written_rank_above_the_same_words_scattered() {
    let scattered = item(1, "通知", "加强信息化建设，做好政务服务，按时公开结果。");
    let adjacent = item(2, "通知", "加强建设，做好政务服务，按时做好信息公开。");
    let index = index_of(&[scattered, adjacent]);
    assert_eq!(search_ids(&index, &text("信息公开")), [2, 1]);
}

#[test]
fn equal_scores_are_ordered_newest_first_then_by_id() {
    let mut older = item(1, "政务公开", "");
    older.published = "2023-05-01".to_string();
    let newer = item(2, "政务公开", "");
    let same_day = item(3, "政务公开", "");
    let index = index_of(&[older, newer, same_day]);
    assert_eq!(search_ids(&index, &text("政务公开")), [3, 2, 1]);
}

//! Property: an item whose title contains a query word is always found by that word.

use crate::common::{index_of, item, search_ids, text};
use proptest::prelude::*;

#[rustfmt::skip]
const VOCABULARY: &[&str] = &[
    "政府信息公开", "信息公开", "依申请公开", "主动公开", "行政复议", "行政诉讼", "政务公开",
    "规范性文件", "年度报告", "财政预算", "乡村振兴", "营商环境", "人民政府", "办公室", "通知",
    "关于", "印发", "实施方案", "工作", "2024", "管理办法", "征求意见", "公开", "条例", "安全生产",
    "教育", "医疗保障", "住房", "交通运输", "第3号",
    // substrings that jieba cuts across (人民政府|办公室, 公开|征求意见): found via the title n-grams
    "府办", "开征",
];

fn title() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0..VOCABULARY.len(), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_item_whose_title_contains_the_word_is_found(
        titles in proptest::collection::vec(title(), 1..12),
    ) {
        let items: Vec<_> = titles
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let title: String = words.iter().map(|w| VOCABULARY[*w]).collect();
                item(i as i64 + 1, &title, "")
            })
            .collect();
        let index = index_of(&items);
        for word in VOCABULARY {
            let found = search_ids(&index, &text(word));
            for doc in &items {
                if doc.title.contains(word) {
                    prop_assert!(found.contains(&doc.id), "{word} not found in {:?}", doc.title);
                }
            }
        }
    }
}

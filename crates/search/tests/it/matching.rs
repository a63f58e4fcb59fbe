//! Which items a text query finds.

use crate::common::{index_of, item, search_ids, text};
use gongkai_search::ItemDoc;

#[test]
fn an_item_about_government_information_disclosure_is_found_by_the_word_and_its_part() {
    let index = index_of(&[
        item(1, "通知", "各单位要做好2024年政府信息公开工作。"),
        item(2, "通知", "各单位要按要求做好防汛准备。"),
    ]);
    assert_eq!(search_ids(&index, &text("政府信息公开")), [1]);
    assert_eq!(search_ids(&index, &text("信息公开")), [1]);
}

#[test]
fn the_regulation_is_found_by_its_name_written_without_book_title_marks() {
    let index = index_of(&[
        item(1, "年度报告", "根据《中华人民共和国政府信息公开条例》第五十条规定，编制本报告。"),
        item(2, "年度报告", "根据有关规定，编制本报告。"),
    ]);
    assert_eq!(search_ids(&index, &text("政府信息公开条例")), [1]);
    assert_eq!(search_ids(&index, &text("《政府信息公开条例》")), [1]);
    assert_eq!(search_ids(&index, &text("信息公开条例")), [1]);
}

#[test]
fn government_vocabulary_is_found_in_the_body() {
    let index = index_of(&[
        item(1, "答复", "申请人不服的，可以依法申请行政复议或者提起行政诉讼。"),
        item(2, "通知", "本机关依申请公开政府信息。"),
        item(3, "通知", "清理规范性文件的通知。"),
    ]);
    assert_eq!(search_ids(&index, &text("行政复议")), [1]);
    assert_eq!(search_ids(&index, &text("行政诉讼")), [1]);
    assert_eq!(search_ids(&index, &text("依申请公开")), [2]);
    assert_eq!(search_ids(&index, &text("规范性文件")), [3]);
}

#[test]
fn every_word_of_a_multi_word_query_must_match() {
    let index = index_of(&[
        item(1, "财政预算公开", "2024年财政预算报告"),
        item(2, "财政决算公开", "2023年财政决算报告"),
        item(3, "政府工作报告", "2024年政府工作报告"),
    ]);
    assert_eq!(search_ids(&index, &text("财政 2024")), [1]);
    let both = search_ids(&index, &text("报告 2024"));
    assert_eq!(both.len(), 2);
    assert!(both.contains(&1) && both.contains(&3));
    assert!(search_ids(&index, &text("财政 乡村振兴")).is_empty());
}

#[test]
fn a_query_finds_words_in_the_attachment_text() {
    let mut with_attachment = item(1, "通知", "见附件。");
    with_attachment.attachment_text = "附件：乡村振兴项目清单".to_string();
    let index = index_of(&[with_attachment, item(2, "通知", "见附件。")]);
    assert_eq!(search_ids(&index, &text("乡村振兴")), [1]);
}

fn numbered(id: i64, number: &str) -> ItemDoc {
    let mut numbered = item(id, "关于印发工作方案的通知", "各乡镇人民政府，县政府各部门：现将方案印发给你们。");
    numbered.doc_number = Some(number.to_string());
    numbered
}

#[test]
fn an_exact_document_number_ranks_its_item_first() {
    let index = index_of(&[
        numbered(1, "浩府发〔2024〕35号"),
        numbered(2, "浩府发〔2024〕3号"),
        numbered(3, "浩府办发〔2024〕3号"),
        numbered(4, "浩府发〔2023〕3号"),
        item(5, "2024年第3号公告", "浩府发布2024年3号文件。"),
    ]);
    let found = search_ids(&index, &text("浩府发〔2024〕3号"));
    assert_eq!(found.first(), Some(&2), "{found:?}");
    assert_eq!(search_ids(&index, &text("浩府发[2024]3号")).first(), Some(&2));
    let year_and_number = search_ids(&index, &text("〔2024〕35号"));
    assert_eq!(year_and_number.first(), Some(&1), "{year_and_number:?}");
}

#[test]
fn a_word_of_a_title_is_found_even_where_jieba_cuts_across_it() {
    // 开征 is not a word of its own in 公开征求意见; the title's n-gram field still finds it.
    let index = index_of(&[item(1, "公开征求意见", "")]);
    assert_eq!(search_ids(&index, &text("开征")), [1]);
}

#[test]
fn the_index_number_is_searchable() {
    let index = index_of(&[item(7, "通知", ""), item(8, "通知", "")]);
    assert_eq!(search_ids(&index, &text("11330000002482061B/2020-00007")), [7]);
    assert_eq!(search_ids(&index, &text("11330000002482061b/2020-00007")), [7]);
}

#[test]
fn query_syntax_characters_are_plain_text_and_never_an_error() {
    let index = index_of(&[item(1, "政务公开 AND 信息公开", "title:(公开) \"引号\" *"), item(2, "其他", "")]);
    for odd in [
        "\"",
        ":",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "AND OR",
        "NOT",
        "*",
        "title:公开",
        "公开 AND",
        "\"政务公开",
        "+-&&||!^~?/\\",
        "〔",
        "<script>",
        "'",
        "%",
        "\u{0}",
        "   ",
        "公开~2",
        "公开^5",
    ] {
        assert!(index.search(&text(odd)).is_ok(), "{odd:?} errored");
    }
    assert_eq!(search_ids(&index, &text("title:(公开)")), [1]);
    assert_eq!(search_ids(&index, &text("\"政务公开\"")), [1]);
}

#[test]
fn five_hundred_random_characters_never_error() {
    let index = index_of(&[item(1, "政务公开", "信息公开")]);
    let mut state: u32 = 12345;
    for _ in 0..20 {
        let noise: String = (0..500)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let pick = state >> 8;
                match pick % 4 {
                    0 => char::from_u32(0x4E00 + pick % 0x51A5).unwrap(),
                    1 => char::from_u32(0x20 + pick % 0x5F).unwrap(),
                    2 => char::from_u32(0x3000 + pick % 0x40).unwrap_or('〔'),
                    _ => char::from_u32(pick % 0x11_0000).unwrap_or(' '),
                }
            })
            .collect();
        assert!(index.search(&text(&noise)).is_ok(), "{noise:?} errored");
    }
}

#[test]
fn a_pasted_paragraph_finds_the_item_it_comes_from() {
    let section = "根据《中华人民共和国政府信息公开条例》规定，现将本机关2024年政府信息公开工作情况报告如下。\
                     一、总体情况。本年度，本机关深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，\
                     坚持以公开为常态、不公开为例外，围绕中心工作，持续加大主动公开力度，规范依申请公开办理，\
                     加强政策解读和回应关切，政务公开工作取得新成效。二、主动公开政府信息情况。三、收到和处理\
                     政府信息公开申请情况。四、政府信息公开行政复议、行政诉讼情况。五、存在的主要问题及改进情况。";
    let paragraph = &section.repeat(2);
    let index = index_of(&[
        item(1, "2024年政府信息公开工作年度报告", paragraph),
        item(2, "2024年政府信息公开工作年度报告", "本机关无依申请公开。"),
    ]);
    assert!(paragraph.chars().count() > gongkai_search::MAX_QUERY_CHARS);
    assert_eq!(search_ids(&index, &text(paragraph)), [1]);
}

#[test]
fn each_word_matches_in_the_form_typed_or_in_its_alternative_form() {
    let index = index_of(&[
        item(1, "乾县人民政府通知", "乾县做好政府信息公开工作。"),
        item(2, "干部培训通知", "做好干部培训工作。"),
        item(3, "通知", "各单位要做好政府信息公开工作。"),
    ]);
    let with = |q: &str, also: &str| gongkai_search::Query { also_as: also.into(), ..text(q) };
    // Typed in traditional characters, found through the simplified form.
    let mut found = search_ids(&index, &with("政府信息公開", "政府信息公开"));
    found.sort();
    assert_eq!(found, [1, 3]);
    assert!(search_ids(&index, &text("政府信息公開")).is_empty(), "the traditional form alone finds nothing");
    // A place name whose simplified form t2s changes (乾 → 干) is still found as typed.
    assert_eq!(search_ids(&index, &with("乾县", "干县")), [1]);
    // Every word must still match, each in either form.
    assert_eq!(search_ids(&index, &with("乾县 信息公開", "干县 信息公开")), [1]);
    // A mismatched alternative (another number of words) is ignored rather than misaligned.
    assert_eq!(search_ids(&index, &with("乾县", "干 县")), [1]);
}

//! Text and HTML in the encodings Chinese files come in (STACK.md trap 4).

use encoding_rs::{BIG5, GB18030, GBK};
use gongkai_files::{Kind, detect, extract_text};

const SIMPLIFIED: &str = "关于2025年度政府信息公开工作报告的说明\n申请人：张三，答复期限为20个工作日。";
const TRADITIONAL: &str = "關於2025年度政府資訊公開工作報告的說明\n申請人：張三，答覆期限為20個工作日。";

fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn gbk_text_is_decoded() {
    assert_eq!(extract_text("说明.txt", &encoded(GBK, SIMPLIFIED)).unwrap(), SIMPLIFIED);
}

#[test]
fn gb18030_text_with_characters_beyond_gbk_is_decoded() {
    let text = "姓名：王䶮，住址：𠀀村";
    assert_eq!(extract_text("说明.txt", &encoded(GB18030, text)).unwrap(), text);
}

#[test]
fn big5_text_is_decoded_not_misread_as_gbk() {
    assert_eq!(extract_text("說明.txt", &encoded(BIG5, TRADITIONAL)).unwrap(), TRADITIONAL);
}

#[test]
fn short_big5_and_gbk_phrases_are_decoded() {
    for phrase in ["政府資訊公開", "資訊公開", "年度報告"] {
        assert_eq!(extract_text("a.txt", &encoded(BIG5, phrase)).unwrap(), phrase);
    }
    for phrase in ["政府信息公开", "信息公开", "年度报告"] {
        assert_eq!(extract_text("a.txt", &encoded(GBK, phrase)).unwrap(), phrase);
    }
}

#[test]
fn utf8_with_and_without_a_bom_is_decoded() {
    assert_eq!(extract_text("a.txt", SIMPLIFIED.as_bytes()).unwrap(), SIMPLIFIED);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(SIMPLIFIED.as_bytes());
    assert_eq!(extract_text("a.txt", &with_bom).unwrap(), SIMPLIFIED);
}

#[test]
fn a_gbk_csv_is_text() {
    let csv = "序号,申请人,答复结果\n1,李四,予以公开\n";
    assert_eq!(detect("台账.csv", &encoded(GBK, csv)), Kind::Text);
    assert_eq!(extract_text("台账.csv", &encoded(GBK, csv)).unwrap(), csv);
}

#[test]
fn gbk_html_with_a_meta_charset_loses_its_tags() {
    let html = r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>政府信息公开</title>
        <script>document.write("不是正文")</script></head><body><p>第一条&nbsp;为了保障公民依法获取政府信息</p></body></html>"#;
    let bytes = encoded(GBK, html);
    assert_eq!(detect("page.html", &bytes), Kind::Html);
    assert_eq!(extract_text("page.html", &bytes).unwrap(), "政府信息公开\n第一条 为了保障公民依法获取政府信息");
}

#[test]
fn big5_html_declared_as_gb2312_is_still_read_right() {
    let html = r#"<meta charset="gb2312"><p>政府資訊公開年度報告</p>"#;
    assert_eq!(extract_text("page.htm", &encoded(BIG5, html)).unwrap(), "政府資訊公開年度報告");
}

#[test]
fn files_without_text_give_an_empty_string() {
    assert_eq!(extract_text("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap(), "");
    assert_eq!(extract_text("archive.rar", b"Rar!\x1a\x07\x01\x00").unwrap(), "");
    assert_eq!(extract_text("unknown.bin", b"\x00\x01\x02").unwrap(), "");
}

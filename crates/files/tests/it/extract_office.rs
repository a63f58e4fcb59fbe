//! Text from DOCX and XLSX files built in the test with the `zip` crate.

use crate::samples;
use gongkai_files::{Error, Kind, detect, extract_text};

#[test]
fn a_docx_gives_its_chinese_runs_with_a_line_per_paragraph() {
    let docx = samples::chinese_docx();
    assert_eq!(detect("报告.docx", &docx), Kind::Docx);
    assert_eq!(extract_text("报告.docx", &docx).unwrap(), samples::CHINESE_DOCX_TEXT);
}

#[test]
fn a_docx_is_recognised_by_its_content_whatever_its_name() {
    let docx = samples::chinese_docx();
    assert_eq!(detect("upload.bin", &docx), Kind::Docx);
    assert_eq!(extract_text("upload.bin", &docx).unwrap(), samples::CHINESE_DOCX_TEXT);
}

#[test]
fn an_xlsx_gives_every_sheet_in_order_a_line_per_row_and_shared_strings_resolved() {
    let xlsx = samples::chinese_xlsx();
    assert_eq!(detect("统计.xlsx", &xlsx), Kind::Xlsx);
    assert_eq!(extract_text("统计.xlsx", &xlsx).unwrap(), samples::CHINESE_XLSX_TEXT);
}

#[test]
fn a_truncated_docx_is_an_error() {
    let docx = samples::chinese_docx();
    let truncated = &docx[..docx.len() / 2];
    // It still starts like a zip, but its directory is gone: the extension says what it was meant to be.
    assert_eq!(detect("报告.docx", truncated), Kind::Docx);
    assert!(matches!(extract_text("报告.docx", truncated), Err(Error::Extract { kind: "DOCX", .. })));
}

#[test]
fn a_docx_with_broken_xml_is_an_error_naming_the_file() {
    let docx = samples::docx("<w:p><w:r><w:t>未闭合</w:r></w:p>");
    match extract_text("坏文件.docx", &docx) {
        Err(Error::Extract { kind: "DOCX", filename, .. }) => assert_eq!(filename, "坏文件.docx"),
        other => panic!("expected an extraction error, got {other:?}"),
    }
}

#[test]
fn a_docx_whose_document_part_is_damaged_is_an_error() {
    let mut docx = samples::chinese_docx();
    let at = samples_find(&docx, b"word/document.xml").unwrap() + 40;
    for byte in &mut docx[at..at + 64] {
        *byte ^= 0x5A;
    }
    assert!(extract_text("报告.docx", &docx).is_err());
}

#[test]
fn a_zip_bomb_is_refused_not_unpacked() {
    let zeros = vec![b' '; 65 * 1024 * 1024];
    let bomb = samples::zip(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1024 * 1024, "the bomb should be small: {}", bomb.len());
    match extract_text("bomb.docx", &bomb) {
        Err(Error::Limit { limit, .. }) => assert!(limit.to_string().contains("more than"), "{limit}"),
        other => panic!("expected refusal, got {other:?}"),
    }
}

fn samples_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

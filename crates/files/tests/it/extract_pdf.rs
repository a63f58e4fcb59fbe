//! Text from PDFs written by hand in the test: Chinese set in a Type0 font (Identity-H encoding,
//! ToUnicode CMap — how PDF producers write text in an embedded CJK font subset; the font program
//! itself is not embedded, text extraction reads only the CMap), and ASCII in Helvetica.

use crate::samples;
use crate::samples::without_whitespace;
use gongkai_files::{Error, Kind, detect, extract_text};

const LINES: [&str; 3] = ["某市人民政府办公室", "2025年政府信息公开工作年度报告", "依申请公开：予以公开12件。"];

#[test]
fn chinese_text_set_in_a_cjk_font_with_a_tounicode_map_comes_out_as_chinese() {
    let pdf = samples::chinese_pdf(&LINES);
    assert_eq!(detect("年报.pdf", &pdf), Kind::Pdf);
    let text = extract_text("年报.pdf", &pdf).unwrap();
    assert_eq!(without_whitespace(&text), without_whitespace(&LINES.concat()));
    for line in LINES {
        assert!(text.contains(line), "{line:?} not found as one line in {text:?}");
    }
}

#[test]
fn ascii_text_in_a_standard_font_comes_out() {
    let pdf = samples::ascii_pdf("Annual Report 2025");
    assert_eq!(extract_text("report.pdf", &pdf).unwrap(), "Annual Report 2025");
}

#[test]
fn a_pdf_is_recognised_by_its_header_even_after_leading_junk() {
    let mut pdf = b"junk before the header\n".to_vec();
    pdf.extend(samples::ascii_pdf("x"));
    assert_eq!(detect("scan", &pdf), Kind::Pdf);
}

#[test]
fn a_truncated_pdf_is_an_error_or_partial_text_never_a_panic() {
    let pdf = samples::chinese_pdf(&LINES);
    for length in [10, 100, pdf.len() / 3, pdf.len() / 2, pdf.len() - 30] {
        if let Ok(text) = extract_text("年报.pdf", &pdf[..length]) {
            assert!(LINES.concat().contains(&without_whitespace(&text)) || text.is_empty(), "{text:?}");
        }
    }
    assert!(matches!(extract_text("年报.pdf", &pdf[..100]), Err(Error::Extract { kind: "PDF", .. })));
}

#[test]
fn a_pdf_that_makes_the_library_panic_is_an_error() {
    // An unsupported ToUnicode entry makes pdf-extract panic ("unsupported cmap") inside the library.
    let mut pdf = samples::chinese_pdf(&LINES);
    let at = find(&pdf, b"/ToUnicode 7 0 R").unwrap();
    pdf[at..at + 16].copy_from_slice(b"/ToUnicode 12345");
    match extract_text("年报.pdf", &pdf) {
        Err(Error::Extract { kind: "PDF", reason, .. }) => assert!(reason.contains("panicked"), "{reason}"),
        other => panic!("expected a caught panic, got {other:?}"),
    }
}

#[test]
fn a_file_named_pdf_without_a_pdf_inside_is_an_error() {
    assert!(matches!(extract_text("年报.pdf", "这不是PDF".as_bytes()), Err(Error::Extract { kind: "PDF", .. })));
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

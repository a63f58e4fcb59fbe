//! The bounds on one file's text (bytes inflated, characters, time): bombs are refused early, and
//! the refusal carries the note the secrecy reviewer sees.

use std::time::Duration;

use crate::samples;
use gongkai_files::{Error, Exceeded, Limits, extract_text, extract_text_within};

const MIB: u64 = 1024 * 1024;

fn small(inflated_bytes: u64, text_chars: usize) -> Limits {
    Limits { inflated_bytes, text_chars, time: Duration::from_secs(60) }
}

fn limit_of(result: Result<String, Error>) -> Exceeded {
    match result {
        Err(Error::Limit { limit, .. }) => limit,
        other => panic!("expected a limit, got {other:?}"),
    }
}

#[test]
fn an_id_number_hidden_before_65_mib_of_spaces_is_refused_and_noted_for_the_reviewer() {
    let mut xml = "<w:p><w:r><w:t>身份证号11010519491231002X</w:t></w:r></w:p>".as_bytes().to_vec();
    xml.resize(xml.len() + 65 * MIB as usize, b' ');
    let docx = samples::zip(&[("word/document.xml", &xml)]);
    assert!(docx.len() < 1024 * 1024, "the bomb should be small: {}", docx.len());
    let error = extract_text("bomb.docx", &docx).unwrap_err();
    assert!(matches!(error, Error::Limit { limit: Exceeded::InflatedBytes(_), .. }), "{error:?}");
    let note = error.unreadable_text_note().unwrap();
    assert!(note.contains("解压后超过64 MB"), "{note}");
}

#[test]
fn the_inflation_cap_is_per_file_not_per_part() {
    // Three sheets of 600 KiB each: every part is under the 1 MiB cap, the file is not.
    let sheet = format!(
        "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData></worksheet>",
        " ".repeat(600 * 1024)
    );
    let parts: Vec<(String, Vec<u8>)> =
        (1..=3).map(|n| (format!("xl/worksheets/sheet{n}.xml"), sheet.clone().into_bytes())).collect();
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let xlsx = samples::zip(&refs);
    assert_eq!(limit_of(extract_text_within("大表.xlsx", &xlsx, small(MIB, 10_000_000))), Exceeded::InflatedBytes(MIB));
    // Two of them fit.
    let two = samples::zip(&refs[..2]);
    assert!(extract_text_within("大表.xlsx", &two, small(2 * MIB, 10_000_000)).is_ok());
}

#[test]
fn a_shared_string_repeated_in_many_cells_stops_at_the_text_cap() {
    let shared = format!("<sst><si><t>{}</t></si></sst>", "公开".repeat(500));
    let cells = "<c t=\"s\"><v>0</v></c>".repeat(2_000);
    let sheet = format!("<worksheet><sheetData><row>{cells}</row></sheetData></worksheet>");
    let xlsx =
        samples::zip(&[("xl/sharedStrings.xml", shared.as_bytes()), ("xl/worksheets/sheet1.xml", sheet.as_bytes())]);
    // 2,000 cells × 1,000 characters = 2 million characters from a part of a few KB.
    assert_eq!(limit_of(extract_text_within("表.xlsx", &xlsx, small(64 * MIB, 100_000))), Exceeded::TextChars(100_000));
}

#[test]
fn a_pdf_stream_that_inflates_past_the_cap_is_refused_before_it_is_parsed() {
    let mut content = b"BT /F1 12 Tf 72 760 Td (Annual Report) Tj ET\n".to_vec();
    content.resize(content.len() + 3 * MIB as usize, b' ');
    let pdf = samples::pdf_with_content("/Filter /FlateDecode", &samples::zlib(&content));
    assert!(pdf.len() < 64 * 1024, "{}", pdf.len());
    assert_eq!(
        limit_of(extract_text_within("bomb.pdf", &pdf, small(2 * MIB, 1_000_000))),
        Exceeded::InflatedBytes(2 * MIB)
    );
    // Under a cap that holds it, the same file reads.
    assert_eq!(extract_text_within("ok.pdf", &pdf, small(4 * MIB, 1_000_000)).unwrap(), "Annual Report");
}

#[test]
fn nested_zlib_layers_in_a_pdf_stream_are_counted_too() {
    let inner = samples::zlib(&vec![b' '; 3 * MIB as usize]);
    let twice = samples::zlib(&inner);
    assert!(inner.len() < 2 * MIB as usize);
    let pdf = samples::pdf_with_content("/Filter [/FlateDecode /FlateDecode]", &twice);
    assert_eq!(
        limit_of(extract_text_within("bomb.pdf", &pdf, small(2 * MIB, 1_000_000))),
        Exceeded::InflatedBytes(2 * MIB)
    );
}

#[test]
fn pdf_text_stops_at_the_text_cap() {
    let pdf = samples::ascii_pdf(&"x".repeat(5_000));
    assert_eq!(limit_of(extract_text_within("long.pdf", &pdf, small(64 * MIB, 1_000))), Exceeded::TextChars(1_000));
}

#[test]
fn plain_text_over_the_text_cap_is_refused() {
    let text = "公开".repeat(1_000);
    assert_eq!(limit_of(extract_text_within("a.txt", text.as_bytes(), small(MIB, 1_500))), Exceeded::TextChars(1_500));
    assert!(extract_text_within("a.txt", text.as_bytes(), small(MIB, 2_000)).is_ok());
}

#[test]
fn a_file_that_takes_longer_than_the_time_limit_is_refused() {
    let docx = samples::chinese_docx();
    let no_time = Limits { time: Duration::ZERO, ..Limits::default() };
    assert_eq!(limit_of(extract_text_within("报告.docx", &docx, no_time)), Exceeded::Time(Duration::ZERO));
    let pdf = samples::ascii_pdf("Annual Report 2025");
    assert_eq!(limit_of(extract_text_within("report.pdf", &pdf, no_time)), Exceeded::Time(Duration::ZERO));
}

#[test]
fn a_broken_file_has_a_note_for_the_reviewer_too() {
    let docx = samples::chinese_docx();
    let error = extract_text("报告.docx", &docx[..docx.len() / 2]).unwrap_err();
    assert!(error.unreadable_text_note().unwrap().contains("无法读取文字"));
}

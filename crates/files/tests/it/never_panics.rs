//! Fuzz-ish: extraction and the upload check never panic, whatever the bytes and the name —
//! random bytes, and valid sample files with random damage.

use crate::samples;
use gongkai_files::{check_upload, detect, extract_text};
use proptest::prelude::*;

const EXTENSIONS: [&str; 16] =
    ["pdf", "docx", "xlsx", "doc", "xls", "wps", "ofd", "txt", "csv", "html", "htm", "jpg", "png", "zip", "rar", "exe"];

fn any_name() -> impl Strategy<Value = String> {
    prop::sample::select(EXTENSIONS.to_vec()).prop_map(|extension| format!("附件.{extension}"))
}

/// A valid sample file with some bytes overwritten and possibly cut short.
fn damaged_sample() -> impl Strategy<Value = Vec<u8>> {
    let samples = vec![
        samples::chinese_pdf(&["政府信息公开", "年度报告"]),
        samples::ascii_pdf("Annual Report"),
        samples::chinese_docx(),
        samples::chinese_xlsx(),
        "<html><meta charset=gbk><p>公开</p></html>".as_bytes().to_vec(),
    ];
    (
        prop::sample::select(samples),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut bytes, damage, cut)| {
            for (at, value) in damage {
                let at = at.index(bytes.len());
                bytes[at] = value;
            }
            let keep = bytes.len() / 2 + cut.index(bytes.len() / 2 + 1);
            bytes.truncate(keep);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_make_extraction_panic(name in any_name(), bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = detect(&name, &bytes);
        let _ = extract_text(&name, &bytes);
        let _ = check_upload(&name, &bytes, 1024);
    }

    #[test]
    fn random_bytes_behind_a_real_header_never_make_extraction_panic(
        name in any_name(),
        header in prop::sample::select(vec![&b"%PDF-1.7\n"[..], b"PK\x03\x04", b"\xEF\xBB\xBF<html>", b"\xD0\xCF\x11\xE0"]),
        tail in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = header.to_vec();
        bytes.extend(tail);
        let _ = extract_text(&name, &bytes);
        let _ = check_upload(&name, &bytes, 1 << 20);
    }

    #[test]
    fn damaged_sample_files_never_make_extraction_panic(name in any_name(), bytes in damaged_sample()) {
        let _ = extract_text(&name, &bytes);
        let _ = check_upload(&name, &bytes, 1 << 20);
    }
}

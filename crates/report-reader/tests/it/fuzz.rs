//! The reader never panics and never takes long, whatever the input: arbitrary bytes, text made
//! of the pieces tables are made of (labels, digit runs, separators, brackets), and real reports
//! with random edits. Bounded cases for the normal test suite; `examples/fuzz_reader.rs` runs the
//! same checks for as long as asked.

use std::time::{Duration, Instant};

use gongkai_report_reader::audit;
use proptest::prelude::*;

const PIECES: [&str; 24] = [
    "本年新收政府信息公开申请数量",
    "上年结转",
    "(一)予以公开",
    "其他",
    "总计",
    "结转下年度",
    "行政复议",
    "直接起诉",
    "复议后起诉",
    "第二十条",
    "规章",
    "政府信息公开情况统计表",
    "收到申请数",
    "件",
    "|",
    "\n",
    " ",
    "(",
    ")",
    "2.",
    "四、",
    "2024年政府信息公开工作年度报告",
    "<table><tr><td>",
    "</td></tr>",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(PIECES.to_vec()).prop_map(str::to_owned),
        "[0-9]{1,40}",
        "[0-9 ]{1,20}",
        "[-+.0-9]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Audits within `limit` (generous: debug builds on a loaded 2-core machine; a superlinear
/// reader would take minutes on the megabyte inputs).
fn bounded_by(bytes: &[u8], limit: Duration) {
    let start = Instant::now();
    let out = audit(bytes, "fuzz");
    println!("{} bytes in {:?}", bytes.len(), start.elapsed());
    assert!(start.elapsed() < limit, "{:?} for {} bytes", start.elapsed(), bytes.len());
    // The output is always serialisable.
    serde_json::to_string(&out).unwrap();
}

fn bounded(bytes: &[u8]) {
    bounded_by(bytes, Duration::from_secs(5));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        bounded(&bytes);
    }

    #[test]
    fn table_shaped_text_never_panics(pieces in proptest::collection::vec(piece(), 0..400)) {
        bounded(pieces.concat().as_bytes());
    }

    #[test]
    fn edited_real_reports_never_panic(which in 0usize..5, at in any::<prop::sample::Index>(), edit in proptest::collection::vec(piece(), 1..20), cut in 0usize..200) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/reports");
        let mut files: Vec<_> = std::fs::read_dir(dir).expect("fixtures").map(|e| e.unwrap().path()).collect();
        files.sort();
        let text = std::fs::read_to_string(&files[which % files.len()]).unwrap();
        let mut at = at.index(text.len().max(1));
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let edited = format!("{}{}{}", &text[..at], edit.concat(), &text[end..]);
        bounded(edited.as_bytes());
    }
}

#[test]
fn a_megabyte_of_digits_or_labels_is_read_in_bounded_time() {
    for input in [
        format!("本年新收{}", "1".repeat(1 << 20)),
        "(一)予以公开 | ".repeat(50_000),
        format!("行政复议{}", "0 ".repeat(200_000)),
        "(".repeat(300_000),
        "<div>".repeat(100_000),
    ] {
        bounded_by(input.as_bytes(), Duration::from_secs(30));
    }
}

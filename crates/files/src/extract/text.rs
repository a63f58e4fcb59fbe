//! Bytes of a Chinese text file → a Rust string, whatever the encoding (STACK.md trap 4).
//!
//! A byte-order mark decides outright. Valid UTF-8 is UTF-8, unless it is the classic mojibake of
//! UTF-8 read as GBK and saved again (鏌愬競浜烘皯…), which is repaired when the repair is
//! lossless and reads better. Anything else is decoded as every plausible candidate — chardetng's
//! guess made *without* a TLD hint (a `cn` hint makes it misread Big5 as GBK), GB18030, Big5,
//! UTF-8, and the charset the document declares, if any — and the decoding that reads most like
//! Chinese text wins: U+FFFD and private-use characters weigh heavily against a candidate, the
//! common characters of GB2312 level 1 and Big5 level 1 count for it; a tie goes to GB18030.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8};

/// Decodes `bytes`; `declared` is the charset a document names for itself (an HTML `<meta>`), one
/// more candidate but no more trusted than the others.
pub(super) fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_length..]).0.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return repair_mojibake(text).unwrap_or_else(|| text.to_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    // On a tie the earlier candidate wins: GB18030 first, the mainland prior. Very short phrases
    // can read as common characters either way (GBK 年度报告 is Big5 定業烏御).
    let mut candidates = vec![GB18030, guessed, BIG5, UTF_8];
    candidates.extend(declared);
    let mut best: Option<(i64, Cow<'_, str>)> = None;
    for encoding in candidates {
        let text = encoding.decode_without_bom_handling(bytes).0;
        let score = score(&text);
        if best.as_ref().is_none_or(|(best_score, _)| score > *best_score) {
            best = Some((score, text));
        }
    }
    best.map(|(_, text)| text.into_owned()).unwrap_or_default()
}

/// UTF-8 that was once decoded as GBK and saved as UTF-8 again: encoding it back to GB18030 gives
/// the original UTF-8 bytes. Only taken when that is exact and scores better than what we have.
fn repair_mojibake(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let (bytes, _, unmappable) = GB18030.encode(text);
    if unmappable {
        return None;
    }
    let repaired = std::str::from_utf8(&bytes).ok()?;
    (repaired != text && score(repaired) > score(text)).then(|| repaired.to_owned())
}

/// How much `text` reads like (Chinese) text: higher is better. Comparable between decodings of
/// the same bytes.
pub(super) fn score(text: &str) -> i64 {
    text.chars().map(weight).sum()
}

fn weight(c: char) -> i64 {
    match c {
        '\t' | '\n' | '\r' | ' '..='~' => 0,
        '\u{FFFD}' => -20,
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' => -20,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => -5,
        c if is_common_hanzi(c) => 2,
        '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{2014}'..='\u{2026}' | '\u{00B7}' => 1,
        _ => -1,
    }
}

const HANZI_START: u32 = 0x4E00;
const HANZI_END: u32 = 0x9FFF;

/// Whether `c` is among the ~3,755 common simplified (GB2312 level 1) or ~5,401 common traditional
/// (Big5 level 1) characters.
fn is_common_hanzi(c: char) -> bool {
    let code = c as u32;
    if !(HANZI_START..=HANZI_END).contains(&code) {
        return false;
    }
    let index = (code - HANZI_START) as usize;
    common_hanzi()[index / 64] & (1 << (index % 64)) != 0
}

/// A bit per code point of the CJK Unified Ideographs block, built once by decoding the level-1
/// areas of GB2312 (rows B0–D7) and Big5 (A440–C67E).
fn common_hanzi() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; ((HANZI_END - HANZI_START) as usize + 1).div_ceil(64)];
        let mut gb2312 = Vec::new();
        for lead in 0xB0..=0xD7u8 {
            for trail in 0xA1..=0xFEu8 {
                gb2312.extend([lead, trail]);
            }
        }
        let mut big5 = Vec::new();
        for lead in 0xA4..=0xC6u8 {
            for trail in (0x40..=0x7Eu8).chain(0xA1..=0xFE) {
                if lead == 0xC6 && trail > 0x7E {
                    break;
                }
                big5.extend([lead, trail]);
            }
        }
        let decoded = [GBK.decode_without_bom_handling(&gb2312).0, BIG5.decode_without_bom_handling(&big5).0];
        for c in decoded.iter().flat_map(|text| text.chars()) {
            let code = c as u32;
            if (HANZI_START..=HANZI_END).contains(&code) {
                let index = (code - HANZI_START) as usize;
                bits[index / 64] |= 1 << (index % 64);
            }
        }
        bits
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIMPLIFIED: &str =
        "某市人民政府办公室关于印发政府信息公开工作年度报告的通知。申请人可以依法申请获取政府信息。";
    const TRADITIONAL: &str =
        "某市人民政府辦公室關於印發政府資訊公開工作年度報告的通知。申請人可以依法申請獲取政府資訊。";

    #[test]
    fn the_common_character_table_holds_both_simplified_and_traditional_forms() {
        for c in "政府信息公开办关发".chars().chain("資訊開辦關發".chars()) {
            assert!(is_common_hanzi(c), "{c} should be common");
        }
        for c in "鏌愬浜皯".chars() {
            assert!(!is_common_hanzi(c), "{c} should be rare");
        }
    }

    #[test]
    fn gbk_text_decodes_without_a_hint() {
        let (bytes, _, _) = GBK.encode(SIMPLIFIED);
        assert_eq!(decode(&bytes, None), SIMPLIFIED);
    }

    #[test]
    fn big5_text_is_not_misread_as_gbk() {
        let (bytes, _, _) = BIG5.encode(TRADITIONAL);
        assert_eq!(decode(&bytes, None), TRADITIONAL);
    }

    #[test]
    fn a_wrong_declared_charset_loses_to_the_better_reading() {
        let (bytes, _, _) = BIG5.encode(TRADITIONAL);
        assert_eq!(decode(&bytes, Some(GBK)), TRADITIONAL);
    }

    #[test]
    fn a_byte_order_mark_decides_the_encoding() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice(SIMPLIFIED.as_bytes());
        assert_eq!(decode(&utf8, None), SIMPLIFIED);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(SIMPLIFIED.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, None), SIMPLIFIED);
    }

    #[test]
    fn utf8_once_read_as_gbk_and_saved_again_is_repaired() {
        let mojibake = GBK.decode_without_bom_handling("某市人民政府".as_bytes()).0;
        assert_eq!(mojibake, "鏌愬競浜烘皯鏀垮簻");
        assert_eq!(decode(mojibake.as_bytes(), None), "某市人民政府");
    }

    #[test]
    fn ordinary_utf8_chinese_is_left_alone() {
        assert_eq!(decode(SIMPLIFIED.as_bytes(), None), SIMPLIFIED);
        assert_eq!(decode(TRADITIONAL.as_bytes(), None), TRADITIONAL);
        assert_eq!(decode("Café 政府 ½".as_bytes(), None), "Café 政府 ½");
    }
}

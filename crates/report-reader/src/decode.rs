//! Bytes to text: the encoding of a published report (UTF-8, GB18030/GBK or Big5), detected
//! without a TLD hint, then checked by scoring the decoded text and retrying the other
//! candidates (STACK.md trap 4: chardetng with a `cn` hint misreads Big5 as GBK silently), and
//! lines of UTF-8 that were once decoded as GBK and saved again (鏌愬競浜烘皯…) repaired when the
//! repair is lossless.
//!
//! Never fails: undecodable bytes become U+FFFD, which the reader treats as unreadable text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};

/// The text of a source and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding name (`UTF-8`, `gb18030`, `Big5`, …).
    pub encoding: &'static str,
    /// Lines repaired from UTF-8-read-as-GBK mojibake.
    pub repaired_lines: usize,
}

/// Decodes `bytes`, choosing the encoding whose text reads best.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        (enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned(), enc)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_owned(), UTF_8)
    } else {
        best_legacy(bytes)
    };
    let (text, repaired_lines) = repair_mojibake(text);
    Decoded { text, encoding: encoding.name(), repaired_lines }
}

/// Not UTF-8: ask chardetng (no TLD hint), then score its guess against the other candidates.
fn best_legacy(bytes: &[u8]) -> (String, &'static Encoding) {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Allow);
    let mut best: Option<(i64, String, &'static Encoding)> = None;
    for enc in [guess, GB18030, BIG5, UTF_8] {
        if best.as_ref().is_some_and(|(_, _, e)| *e == enc) {
            continue;
        }
        let text = enc.decode_without_bom_handling(bytes).0.into_owned();
        let s = score(&text);
        // The detector's guess wins ties.
        if best.as_ref().is_none_or(|(b, _, _)| s > *b) {
            best = Some((s, text, enc));
        }
    }
    let (_, text, enc) = best.expect("at least one candidate");
    (text, enc)
}

/// How plausible a text is as Chinese: frequent characters count for it; replacement
/// characters, private-use code points, controls and scripts that only appear in misdecoded
/// Chinese (kana, Greek and Cyrillic letters, box drawing, rare extension ideographs) against it.
pub fn score(text: &str) -> i64 {
    text.chars()
        .map(|c| match c {
            '\u{FFFD}' => -20,
            '\u{E000}'..='\u{F8FF}' => -10,
            '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => -10,
            '\u{0370}'..='\u{04FF}' | '\u{2500}'..='\u{257F}' | '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}' => -4,
            '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{3FFFF}' => -3,
            '\u{00C0}'..='\u{00FF}' => -2,
            '\u{4E00}'..='\u{9FFF}' if is_frequent(c) => 2,
            _ => 0,
        })
        .sum()
}

/// A frequent Hanzi: in GB2312 level 1 (the 3,755 common simplified characters) or in the
/// frequent block of Big5 (A440–C67E, 5,401 common traditional characters).
fn is_frequent(c: char) -> bool {
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    let gb = GB18030.encode(s).0;
    if gb.len() == 2 && (0xB0..=0xD7).contains(&gb[0]) && gb[1] >= 0xA1 {
        return true;
    }
    let (big5, _, unmappable) = BIG5.encode(s);
    !unmappable && big5.len() == 2 && {
        let code = u16::from_be_bytes([big5[0], big5[1]]);
        (0xA440..=0xC67E).contains(&code)
    }
}

/// Repairs each line that is UTF-8 once decoded as GBK: re-encoded as GB18030 its bytes are
/// valid UTF-8, and the result reads better. Lossy mojibake (an odd byte swallowed into `?`)
/// is left as it is.
fn repair_mojibake(text: String) -> (String, usize) {
    // Mojibake of Chinese UTF-8 is made of CJK characters; plain ASCII lines need no look.
    if text.is_ascii() {
        return (text, 0);
    }
    let mut repaired = 0;
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match repair_line(line) {
            Some(fixed) => {
                repaired += 1;
                out.push_str(&fixed);
            }
            None => out.push_str(line),
        }
    }
    (out, repaired)
}

fn repair_line(line: &str) -> Option<String> {
    // At least three non-ASCII characters: a shorter run cannot be told from real text.
    if line.chars().filter(|c| !c.is_ascii()).take(3).count() < 3 {
        return None;
    }
    let (bytes, _, unmappable) = GB18030.encode(line);
    if unmappable {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (fixed != line && quality(fixed) > quality(line)).then(|| fixed.to_owned())
}

/// [`score`] per non-ASCII character: mojibake has half again as many characters as the text
/// it came from, so totals cannot be compared.
fn quality(text: &str) -> f64 {
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count().max(1);
    score(text) as f64 / non_ascii as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "本年新收政府信息公开申请数量，上年结转政府信息公开申请数量，予以公开，部分公开。";
    const TRADITIONAL: &str = "本年新收政府信息公開申請數量，上年結轉政府信息公開申請數量，予以公開，部分公開。";

    #[test]
    fn utf8_gbk_and_big5_are_each_recognised() {
        assert_eq!(decode(SAMPLE.as_bytes()).text, SAMPLE);
        let gbk = GB18030.encode(SAMPLE).0;
        let d = decode(&gbk);
        assert_eq!(d.text, SAMPLE);
        assert!(["GBK", "gb18030"].contains(&d.encoding), "{}", d.encoding);
        let big5 = BIG5.encode(TRADITIONAL).0;
        let d = decode(&big5);
        assert_eq!((d.text.as_str(), d.encoding), (TRADITIONAL, "Big5"));
    }

    #[test]
    fn utf8_once_read_as_gbk_is_repaired_line_by_line() {
        // An even number of bytes, every pair a GBK character: the mojibake is lossless.
        let original = "某市人民政府政府信息公开工作年度报告";
        let (garbled, _, _) = GB18030.decode(original.as_bytes());
        assert!(garbled.starts_with("鏌愬競浜烘皯") && !garbled.contains('\u{FFFD}'), "{garbled}");
        let input = format!("标题\n{garbled}\n结尾");
        let d = decode(input.as_bytes());
        assert_eq!(d.text, format!("标题\n{original}\n结尾"));
        assert_eq!(d.repaired_lines, 1);
        for short in ["行政强制", "行政处罚", "规章"] {
            let (garbled, _, _) = GB18030.decode(short.as_bytes());
            if GB18030.encode(&garbled).0.as_ref() == short.as_bytes() {
                assert_eq!(decode(garbled.as_bytes()).text, short, "{garbled}");
            }
        }
    }

    #[test]
    fn real_text_is_never_repaired() {
        for text in [SAMPLE, TRADITIONAL, "当前位置：首页 > 政务公开", "行政强制", "行政处罚 | 4"] {
            assert_eq!(decode(text.as_bytes()).repaired_lines, 0, "{text}");
        }
    }
}

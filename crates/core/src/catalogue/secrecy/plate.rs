//! Motor-vehicle plate numbers (GA 36): the province's one-character abbreviation, the letter of
//! the issuing office, an optional separator (`·`, `•`, a space or a dash), then 5 letters and
//! digits (6 for new-energy vehicles), or 4 and one of 警 学 挂 港 澳 领 使. At least two of the
//! characters after the office letter are digits, so abbreviations such as `川A` followed by a
//! word are not read as plates. The plate must not be followed by another Latin letter or digit.

use super::text::{Span, Text};

const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
const SUFFIXES: &str = "警学挂港澳领使";

pub(super) fn find(text: &Text) -> Vec<Span> {
    text.matches(|i| plate_at(text, i))
}

fn plate_at(text: &Text, i: usize) -> Option<usize> {
    if !PROVINCES.contains(text.char(i)?) || !text.char(i + 1)?.is_ascii_uppercase() {
        return None;
    }
    let mut k = i + 2;
    if matches!(text.char(k), Some('·' | '•' | ' ' | '-')) {
        k += 1;
    }
    let code = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
    let run = (k..text.len()).take_while(|&j| text.char(j).is_some_and(code)).count();
    let digits = (k..k + run).filter(|&j| text.is_digit(j)).count();
    let end = match run {
        5 | 6 if !text.is_alnum(k + run) => k + run,
        4 if text.char(k + 4).is_some_and(|c| SUFFIXES.contains(c)) => k + 5,
        _ => return None,
    };
    (digits >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        super::super::text::found_by(find, s)
    }

    #[test]
    fn plates_are_found_in_their_written_forms() {
        assert_eq!(found("车牌号川A12345，"), ["川A12345"]);
        assert_eq!(found("京A·D12345"), ["京A·D12345"]);
        assert_eq!(found("粤B D12345"), ["粤B D12345"]);
        assert_eq!(found("渝A1234警"), ["渝A1234警"]);
    }

    #[test]
    fn words_and_longer_codes_are_not_plates() {
        assert!(found("川A类项目").is_empty());
        assert!(found("川ABCDE").is_empty());
        assert!(found("京A1234567").is_empty());
        assert!(found("沪A123").is_empty());
    }
}

//! Mainland mobile numbers: `1[3-9]` and 9 more digits, in one run (`13812345678`) or in 3-4-4
//! groups separated by a space or a dash (`138 1234 5678`, `138-1234-5678`), optionally after
//! `+86` or `86` and an optional separator (`+86 138-1234-5678`, `8613812345678`). The prefix is
//! part of the hit.
//!
//! The number must not be part of a longer digit run, and a grouped number must not be followed by
//! another separated group. Landlines are not looked for.

use super::text::{Span, Text};

pub(super) fn find(text: &Text) -> Vec<Span> {
    text.matches(|i| {
        let starts = (text.is(i, '+') || text.is_digit(i)) && (i == 0 || !text.is_digit(i - 1));
        starts.then(|| match_at(text, i)).flatten()
    })
}

/// The end of a mobile number starting at `i` (with its prefix, if any).
fn match_at(text: &Text, i: usize) -> Option<usize> {
    if text.is(i, '+') {
        return text.starts_with(i + 1, "86").then(|| body_at(text, skip_separator(text, i + 3))).flatten();
    }
    if text.starts_with(i, "86")
        && let Some(end) = body_at(text, skip_separator(text, i + 2))
    {
        return Some(end);
    }
    body_at(text, i)
}

fn skip_separator(text: &Text, i: usize) -> usize {
    if text.is_separator(i) { i + 1 } else { i }
}

/// The end of the 11 digits starting at `q`, in one run or in 3-4-4 groups.
fn body_at(text: &Text, q: usize) -> Option<usize> {
    if text.digit(q) != Some(1) || !matches!(text.digit(q + 1), Some(3..=9)) {
        return None;
    }
    let run = text.run_end(q);
    if run == q + 11 {
        return Some(run);
    }
    let grouped = run == q + 3
        && text.is_separator(q + 3)
        && text.run_starts_at(q + 4)
        && text.run_end(q + 4) == q + 8
        && text.is_separator(q + 8)
        && text.run_starts_at(q + 9)
        && text.run_end(q + 9) == q + 13
        && !(text.is_separator(q + 13) && text.is_digit(q + 14));
    grouped.then_some(q + 13)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        super::super::text::found_by(find, s)
    }

    #[test]
    fn plain_grouped_and_prefixed_numbers_are_found() {
        assert_eq!(found("电话13812345678。"), ["13812345678"]);
        assert_eq!(found("电话138 1234 5678，"), ["138 1234 5678"]);
        assert_eq!(found("电话138-1234-5678"), ["138-1234-5678"]);
        assert_eq!(found("+86 139-0000-1111"), ["+86 139-0000-1111"]);
        assert_eq!(found("联系8615912345678"), ["8615912345678"]);
        assert_eq!(found("（+8618612345678）"), ["+8618612345678"]);
    }

    #[test]
    fn longer_runs_other_prefixes_and_wrong_second_digits_are_not_mobiles() {
        assert!(found("订单号213812345678").is_empty());
        assert!(found("138123456789").is_empty());
        assert!(found("12812345678").is_empty());
        assert!(found("138 1234 5678 9012").is_empty());
        assert!(found("+1 2025550123").is_empty());
    }
}

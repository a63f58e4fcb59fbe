//! Bank card numbers: 16–19 digits passing the Luhn check, written in one run or in groups of 4
//! separated by single spaces (`6222 0212 3456 7890 123`).
//!
//! Left alone: runs inside longer digit runs, runs starting with 0 (no payment card number does),
//! and 18-digit runs shaped like a resident ID number (first digit not 0, a real birth date at
//! digits 7–14): a valid one is reported as an ID number, an invalid one as nothing. Groupings
//! other than 4-4-4-4(-1…3) are not looked for.

use super::resident_id::looks_like_id;
use super::text::{Span, Text, is_x};

/// Whether `digits` (values 0–9, check digit last) pass the Luhn check.
pub fn luhn_valid(digits: &[u8]) -> bool {
    match digits.split_last() {
        Some((check, payload)) if !payload.is_empty() => luhn_check_digit(payload) == *check,
        _ => false,
    }
}

/// The Luhn check digit to append to `payload` (values 0–9).
pub fn luhn_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn is_card(digits: &[u8]) -> bool {
    (16..=19).contains(&digits.len())
        && digits[0] != 0
        && !(digits.len() == 18 && looks_like_id(digits))
        && luhn_valid(digits)
}

pub(super) fn find(text: &Text) -> Vec<Span> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text.run_starts_at(i) {
            i += 1;
            continue;
        }
        let end = text.run_end(i);
        if (16..=19).contains(&(end - i)) && !is_x(text.char(end)) {
            if is_card(&text.digits(i, end)) {
                found.push((i, end));
            }
        } else if end - i == 4
            && !(i >= 2 && text.is(i - 1, ' ') && text.is_digit(i - 2))
            && let Some(grouped_end) = grouped_end(text, end)
        {
            let digits = text.digits(i, grouped_end);
            if is_card(&digits) {
                found.push((i, grouped_end));
                i = grouped_end;
                continue;
            }
        }
        i = end;
    }
    found
}

/// After a first group of 4 digits ending at `end`: the end of the following ` dddd` groups (the
/// last may be shorter), if the whole is 16–19 digits and not followed by another group.
fn grouped_end(text: &Text, mut end: usize) -> Option<usize> {
    let mut total = 4;
    while text.is(end, ' ') && text.is_digit(end + 1) {
        let group_end = text.run_end(end + 1);
        let group = group_end - end - 1;
        if group > 4 {
            return None;
        }
        total += group;
        end = group_end;
        if group < 4 {
            break;
        }
    }
    let followed_by_group = text.is(end, ' ') && text.is_digit(end + 1);
    ((16..=19).contains(&total) && !followed_by_group).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u8> {
        s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
    }

    #[test]
    fn the_luhn_check_accepts_known_test_numbers() {
        assert!(luhn_valid(&digits("4111111111111111")));
        assert!(!luhn_valid(&digits("4111111111111112")));
        assert_eq!(luhn_check_digit(&digits("7992739871")), 3);
    }

    #[test]
    fn grouped_cards_are_found_and_longer_groupings_are_not() {
        let t = Text::new("卡号4111 1111 1111 1111，");
        assert_eq!(find(&t), vec![(2, 21)]);
        let t = Text::new("4111 1111 1111 1111 1111 1111");
        assert!(find(&t).is_empty());
    }

    #[test]
    fn a_leading_zero_or_a_longer_run_is_not_a_card() {
        let zero = format!("0{}", "00000000000000");
        let mut d = digits(&zero);
        d.push(luhn_check_digit(&d));
        assert!(!is_card(&d));
        assert!(find(&Text::new("14111111111111111111")).is_empty());
    }
}

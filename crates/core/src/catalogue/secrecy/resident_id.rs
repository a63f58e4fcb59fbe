//! 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date `YYYYMMDD`, 3-digit sequence
//! and a check character by ISO 7064 MOD 11-2 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; the
//! value 10 is written `X`); and the first-generation 15-digit numbers (6-digit region, `YYMMDD`
//! in the 1900s, 3-digit sequence, no check character).
//!
//! Found, as [`HitKind::ResidentId`](super::HitKind::ResidentId):
//! - an 18-character number (17 digits and a digit or `X`/`x`) with the right check character, a
//!   first digit other than 0 and a real birth date in 1900–2099;
//! - a 15-digit number whose first two digits are a province code and whose birth date is real.
//!
//! Found as [`HitKind::PossibleResidentId`](super::HitKind::PossibleResidentId), for the reviewer
//! to decide: an 18-character number with a province code and a real birth date whose check
//! character is wrong (a typing slip, or a number copied by hand).
//!
//! Numbers may be typed in groups separated by one space or dash (`500233 19850612 2316`,
//! `500233-1985-0612-2316`, `500 233 1985 0612 2316`), but only where the parts of the number
//! meet: after the 3rd, 6th, 10th, 14th or 17th character of an 18-character number (after the
//! 3rd, 6th, 8th or 12th of a 15-digit one), so that a row of figures in a table is not read as an
//! ID. A number must not be part of a longer digit run; figures before or after it in the same row
//! (`1 110105 19491231 002X 2`) do not hide it.

use super::text::{Span, Text, digit_value, is_x};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each value of `Σ aᵢ·wᵢ mod 11`.
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character (`0`–`9` or `X`) for the first 17 digits (values 0–9).
pub fn check_character(first17: &[u8; 17]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
    CHECK[(sum % 11) as usize]
}

/// Whether `s` (trimmed) is a valid 18-character resident ID number: 17 digits and the right check
/// character (`x` accepted for `X`), first digit not 0, a real birth date in 1900–2099.
pub fn is_valid(s: &str) -> bool {
    let chars: Vec<char> = s.trim().chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let Some(digits) = chars[..17].iter().map(|c| digit_value(*c)).collect::<Option<Vec<u8>>>() else {
        return false;
    };
    let check = if is_x(Some(chars[17])) { 'X' } else { chars[17] };
    let check = digit_value(check).map_or(check, |d| char::from(b'0' + d));
    let first17: [u8; 17] = digits.try_into().expect("17 digits");
    looks_like_id(&first17) && check_character(&first17) == check
}

/// Whether 17 or more digits have the shape of an ID number: first digit not 0 and a real birth
/// date in 1900–2099 at digits 7–14. Bank-card matching uses it to leave such runs alone.
pub(super) fn looks_like_id(digits: &[u8]) -> bool {
    if digits.len() < 14 || digits[0] == 0 {
        return false;
    }
    let number = |r: std::ops::Range<usize>| digits[r].iter().fold(0u32, |n, d| n * 10 + u32::from(*d));
    let (year, month, day) = (number(6..10) as i32, number(10..12) as u8, number(12..14) as u8);
    (1900..=2099).contains(&year)
        && time::Month::try_from(month).is_ok_and(|m| time::Date::from_calendar_date(year, m, day).is_ok())
}

/// The province codes (the first two digits of a region code, GB/T 2260; 71 Taiwan, 81 Hong
/// Kong, 82 Macao, 83 residents of Taiwan holding a residence permit).
pub const PROVINCES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82, 83,
];

fn has_province(digits: &[u8]) -> bool {
    digits.len() >= 2 && PROVINCES.contains(&(digits[0] * 10 + digits[1]))
}

/// Where a number typed in groups may be split: after these many characters.
const SPLITS_18: [usize; 5] = [3, 6, 10, 14, 17];
const SPLITS_15: [usize; 4] = [3, 6, 8, 12];

/// What an ID-like number found in the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// A valid 18-character number or a 15-digit one.
    Id,
    /// 18 characters shaped like an ID number, with a wrong check character.
    Possible,
}

pub(super) fn find(text: &Text) -> Vec<(Found, Span)> {
    let mut found = Vec::new();
    for i in 0..text.len() {
        if !text.run_starts_at(i) {
            continue;
        }
        let ends = text.groups(i);
        if let Some(hit) = (1..=ends.len()).find_map(|k| candidate(text, i, &ends[..k])) {
            found.push(hit);
        }
    }
    found
}

/// The ID-like number made of the digit groups starting at `start` and ending at `ends`, if
/// their digits make one and they are split only where its parts meet.
fn candidate(text: &Text, start: usize, ends: &[usize]) -> Option<(Found, Span)> {
    let last = *ends.last()?;
    let digits = text.digits(start, last);
    // Where the groups split, in characters of the number (separators not counted).
    let mut splits = Vec::new();
    let mut from = start;
    for &end in ends {
        splits.push(splits.last().copied().unwrap_or(0) + end - from);
        from = end + 1;
    }
    splits.pop();
    let fits = |allowed: &[usize]| splits.iter().all(|s| allowed.contains(s));
    let x = is_x(text.char(last));
    match (digits.len(), x) {
        (18, false) | (17, true) if fits(&SPLITS_18) && !(x && text.is_digit(last + 1)) => {
            let span = (start, last + usize::from(x));
            let first17: [u8; 17] = digits[..17].try_into().ok()?;
            let check = if x { 'X' } else { char::from(b'0' + digits[17]) };
            if !looks_like_id(&first17) {
                None
            } else if check_character(&first17) == check {
                Some((Found::Id, span))
            } else {
                has_province(&first17).then_some((Found::Possible, span))
            }
        }
        (15, false) if fits(&SPLITS_15) && has_province(&digits) && old_birth_date(&digits) => {
            Some((Found::Id, (start, last)))
        }
        _ => None,
    }
}

/// Whether digits 7–12 of a 15-digit number are a real day of the 1900s (`YYMMDD`).
fn old_birth_date(digits: &[u8]) -> bool {
    let number = |r: std::ops::Range<usize>| digits[r].iter().fold(0u32, |n, d| n * 10 + u32::from(*d));
    let (year, month, day) = (1900 + number(6..8) as i32, number(8..10) as u8, number(10..12) as u8);
    time::Month::try_from(month).is_ok_and(|m| time::Date::from_calendar_date(year, m, day).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_example_and_an_x_check_character_are_valid() {
        // GB 11643-1999 appendix example.
        assert!(is_valid("11010519491231002X"));
        assert!(is_valid("11010519491231002x"));
        assert!(!is_valid("110105194912310021"));
        assert_eq!(check_character(&[1, 1, 0, 1, 0, 5, 1, 9, 4, 9, 1, 2, 3, 1, 0, 0, 2]), 'X');
    }

    #[test]
    fn impossible_birth_dates_and_a_leading_zero_are_not_ids() {
        let with_check = |first17: &str| {
            let d: Vec<u8> = first17.bytes().map(|b| b - b'0').collect();
            format!("{first17}{}", check_character(&d.try_into().unwrap()))
        };
        assert!(is_valid(&with_check("44010219800229123")), "1980 is a leap year");
        assert!(!is_valid(&with_check("44010219810229123")), "1981 is not");
        assert!(!is_valid(&with_check("44010218991231123")), "before 1900");
        assert!(!is_valid(&with_check("04010219800101123")), "leading zero");
    }

    #[test]
    fn an_id_inside_a_longer_digit_run_is_not_found() {
        let t = Text::new("编号911010519491231002X与110105194912310021X号");
        assert!(find(&t).is_empty());
        let t = Text::new("身份证：11010519491231002X。");
        assert_eq!(find(&t), vec![(Found::Id, (4, 22))]);
    }

    fn found(s: &str) -> Vec<(Found, &str)> {
        let t = Text::new(s);
        find(&t).into_iter().map(|(f, span)| (f, t.slice(span))).collect()
    }

    #[test]
    fn numbers_typed_in_groups_are_found_where_the_parts_meet() {
        let id = "11010519491231002X";
        for typed in ["110105 19491231 002X", "110105-1949-1231-002X", "110 105 1949 1231 002X", "110105 19491231002X"]
        {
            assert_eq!(found(&format!("身份证号{typed}，")), [(Found::Id, typed)], "{typed}");
        }
        assert_eq!(found(id), [(Found::Id, id)]);
        // Split elsewhere: a row of figures, not an ID.
        assert!(found("1101 0519 4912 3100 2X").is_empty());
        assert!(found("110105 1949 12310 02X").is_empty());
        // Next to other figures in a table row, the number is still found.
        assert_eq!(found("1 110105 19491231 002X 2"), [(Found::Id, "110105 19491231 002X")]);
    }

    #[test]
    fn fifteen_digit_numbers_need_a_province_and_a_birth_date() {
        assert_eq!(found("旧证号110105491231002。"), [(Found::Id, "110105491231002")]);
        assert_eq!(found("110105 491231 002"), [(Found::Id, "110105 491231 002")]);
        assert!(found("990105491231002").is_empty(), "99 is no province");
        assert!(found("110105491331002").is_empty(), "no 13th month");
    }

    #[test]
    fn a_wrong_check_character_makes_a_possible_id_when_the_rest_fits() {
        assert_eq!(found("110105194912310021"), [(Found::Possible, "110105194912310021")]);
        assert_eq!(found("500233 19850612 2315"), [(Found::Possible, "500233 19850612 2315")]);
        assert!(found("990105194912310021").is_empty(), "99 is no province");
        assert!(found("110105194913310021").is_empty(), "no 13th month");
    }
}

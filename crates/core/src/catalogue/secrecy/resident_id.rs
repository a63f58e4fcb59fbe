//! 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date `YYYYMMDD`, 3-digit sequence
//! and a check character by ISO 7064 MOD 11-2 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; the
//! value 10 is written `X`).
//!
//! The scan reports an 18-character run (17 digits and a digit or `X`/`x`) only when the check
//! character is right, the first digit is not 0 and the birth date is a real day in 1900–2099; the
//! run must not be part of a longer digit run. 15-digit first-generation numbers and numbers typed
//! with spaces inside are not looked for.

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

pub(super) fn find(text: &Text) -> Vec<Span> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text.run_starts_at(i) {
            i += 1;
            continue;
        }
        let end = text.run_end(i);
        let span = match end - i {
            18 if !is_x(text.char(end)) => Some((i, end)),
            17 if is_x(text.char(end)) && !text.is_digit(end + 1) => Some((i, end + 1)),
            _ => None,
        };
        if let Some(span) = span
            && is_valid(text.slice(span))
        {
            found.push(span);
        }
        i = end;
    }
    found
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
        assert_eq!(find(&t), vec![(4, 22)]);
    }
}

//! Passport and travel-permit numbers of the People's Republic of China, as printed:
//! - ordinary passports: `E` and 8 digits (`E12345678`), or `E`, a letter other than `I` and `O`,
//!   and 7 digits (`EA1234567`); older ones `G` and 8 digits;
//! - diplomatic, service and public-affairs passports: `D`, `S` or `P` and 7 digits;
//! - 往来港澳通行证: `C` and 8 digits.
//!
//! The number must not touch another Latin letter or digit (`GE12345678`, `E123456789` are not
//! numbers of this kind). Foreign passports, whose formats vary by country, are not looked for.

use super::text::{Span, Text};

pub(super) fn find(text: &Text) -> Vec<Span> {
    text.matches(|i| {
        let alone = |end: usize| (i == 0 || !text.is_alnum(i - 1)) && !text.is_alnum(end);
        number_at(text, i).filter(|&end| alone(end))
    })
}

/// The end of a passport or permit number starting at `i`, by its letter.
fn number_at(text: &Text, i: usize) -> Option<usize> {
    let digits_from = |from: usize, n: usize| (from..from + n).all(|k| text.is_digit(k)).then_some(from + n);
    match text.char(i)? {
        'E' if text.char(i + 1).is_some_and(|c| c.is_ascii_uppercase() && c != 'I' && c != 'O') => {
            digits_from(i + 2, 7)
        }
        'E' | 'G' | 'C' => digits_from(i + 1, 8),
        'D' | 'S' | 'P' => digits_from(i + 1, 7),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        super::super::text::found_by(find, s)
    }

    #[test]
    fn each_kind_of_number_is_found() {
        assert_eq!(found("护照号E12345678，"), ["E12345678"]);
        assert_eq!(found("护照EA1234567。"), ["EA1234567"]);
        assert_eq!(found("G12345678"), ["G12345678"]);
        assert_eq!(found("公务护照P1234567"), ["P1234567"]);
        assert_eq!(found("通行证C12345678"), ["C12345678"]);
    }

    #[test]
    fn numbers_touching_other_letters_or_digits_are_not() {
        assert!(found("GE12345678").is_empty());
        assert!(found("E123456789").is_empty());
        assert!(found("EI1234567").is_empty());
        assert!(found("E1234567").is_empty());
        assert!(found("型号S12345678").is_empty());
    }
}

//! 统一社会信用代码 (unified social credit code, GB 32100-2015).
//!
//! 18 characters from the 31-character alphabet `0-9 A-H J-N P-R T U W-Y` (no I, O, Z, S, V); the
//! last one is a check character: `31 - (Σ value(cᵢ)·wᵢ mod 31)` with the weights of the standard,
//! where 31 maps to `0`. Lower-case input is accepted and upper-cased.

use std::fmt;

use crate::field::FieldError;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A valid unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct CreditCode(String);

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters, or `None` if one is outside the alphabet.
pub fn check_character(first17: &[u8]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += value_of(*c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

impl CreditCode {
    /// Parses a code, naming what is wrong (length, character, check character) in Chinese.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        const FIELD: &str = "credit_code";
        const LABEL: &str = "统一社会信用代码";
        let code = input.trim().to_ascii_uppercase();
        let err = |msg: String| FieldError::new(FIELD, LABEL, msg);
        if code.is_empty() {
            return Err(err(format!("{LABEL}不能为空")));
        }
        let len = code.chars().count();
        if len != 18 {
            return Err(err(format!("{LABEL}应为18位，现为{len}位")));
        }
        let bytes = code.as_bytes();
        if let Some((i, c)) = code.chars().enumerate().find(|(_, c)| !c.is_ascii() || value_of(*c as u8).is_none()) {
            return Err(err(format!("{LABEL}第{}位“{c}”不是有效字符（不使用I、O、Z、S、V）", i + 1)));
        }
        let expected = check_character(&bytes[..17]).expect("alphabet checked above");
        if bytes[17] as char != expected {
            return Err(err(format!("{LABEL}校验位不正确：应为“{expected}”")));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_published_codes_are_valid() {
        // Seen in index numbers on government sites (spec §5.2).
        for code in ["11441700007280420Y", "11370812004339255B", "11341702486344515H", "91350100M000100Y43"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn lower_case_input_is_accepted_and_upper_cased() {
        assert_eq!(CreditCode::parse(" 11441700007280420y ").unwrap().as_str(), "11441700007280420Y");
    }

    #[test]
    fn a_wrong_check_character_is_refused_with_the_right_one_named() {
        let err = CreditCode::parse("11441700007280420X").unwrap_err();
        assert_eq!(err.field, "credit_code");
        assert_eq!(err.message, "统一社会信用代码校验位不正确：应为“Y”");
    }

    #[test]
    fn wrong_length_and_forbidden_letters_are_named() {
        assert_eq!(CreditCode::parse("1144").unwrap_err().message, "统一社会信用代码应为18位，现为4位");
        let err = CreditCode::parse("1144170000728042OY").unwrap_err();
        assert!(err.message.contains("第17位“O”"), "{}", err.message);
        assert_eq!(CreditCode::parse("").unwrap_err().message, "统一社会信用代码不能为空");
    }

    proptest! {
        #[test]
        fn any_17_characters_with_their_check_character_parse(body in "[0-9A-HJ-NPQRTUWXY]{17}") {
            let check = check_character(body.as_bytes()).unwrap();
            let code = format!("{body}{check}");
            prop_assert!(CreditCode::parse(&code).is_ok());
            // Changing the check character to any other makes it invalid.
            for other in ALPHABET.iter().map(|b| *b as char).filter(|c| *c != check) {
                let bad = format!("{body}{other}");
                prop_assert!(CreditCode::parse(&bad).is_err());
            }
        }
    }
}

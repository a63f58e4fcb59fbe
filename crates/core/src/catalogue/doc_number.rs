//! 发文字号 (document number): `机关代字〔年份〕序号号`, e.g. `国办发〔2017〕47号`.
//!
//! The canonical form follows GB/T 9704-2012 (党政机关公文格式): the year in 六角括号 `〔〕`,
//! the serial without leading zeros and without `第`. What people type is accepted and normalised:
//! `[2024]`, `(2024)`, `（2024）`, `【2024】`, `［2024］`, `〖2024〗`, `﹝2024﹞`; spaces anywhere
//! (they are dropped); full-width digits; leading zeros and a `第` before the serial.
//!
//! Not covered: numbers without a year, such as `国务院令第711号` (the parser refuses them as
//! missing the year).

use std::fmt;
use std::str::FromStr;

use crate::field::FieldError;

const FIELD: &str = "doc_number";
const LABEL: &str = "发文字号";
const EXAMPLE: &str = "应写成如“浩府发〔2024〕3号”的形式";
const OPENERS: &[char] = &['〔', '[', '(', '（', '【', '［', '〖', '﹝', '〘'];
const CLOSERS: &[char] = &['〕', ']', ')', '）', '】', '］', '〗', '﹞', '〙'];

/// The first and last year accepted (the People's Republic's first year to a far horizon).
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

/// A document number in parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNumber {
    /// 机关代字 (`浩府发`, `国办发`, `渝府办函`).
    pub prefix: String,
    pub year: i32,
    /// 发文顺序号, from 1.
    pub serial: u32,
}

/// Reads a document number, normalising the variants listed in the module docs. Errors name
/// 发文字号 and say what is missing or wrong.
pub fn parse(s: &str) -> Result<DocNumber, FieldError> {
    let err = |message: String| FieldError::new(FIELD, LABEL, message);
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).map(ascii_digit).collect();
    if chars.is_empty() {
        return Err(err(format!("{LABEL}不能为空")));
    }
    let Some(open) = chars.iter().position(|c| OPENERS.contains(c)) else {
        return Err(err(format!("{LABEL}缺少年份：{EXAMPLE}")));
    };
    let prefix: String = chars[..open].iter().collect();
    if prefix.is_empty() {
        return Err(err(format!("{LABEL}缺少机关代字：{EXAMPLE}")));
    }
    let Some(close) = chars[open + 1..].iter().position(|c| CLOSERS.contains(c)).map(|p| open + 1 + p) else {
        return Err(err(format!("{LABEL}的年份缺少右括号：{EXAMPLE}")));
    };
    let year_text: String = chars[open + 1..close].iter().collect();
    if year_text.is_empty() {
        return Err(err(format!("{LABEL}缺少年份：{EXAMPLE}")));
    }
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(format!("{LABEL}的年份“{year_text}”应为4位数字")));
    }
    let year: i32 = year_text.parse().expect("four ASCII digits");
    if !YEARS.contains(&year) {
        return Err(err(format!("{LABEL}的年份{year}不在{}至{}年之间", YEARS.start(), YEARS.end())));
    }
    let mut rest = &chars[close + 1..];
    if rest.first() == Some(&'第') {
        rest = &rest[1..];
    }
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return Err(err(format!("{LABEL}缺少序号：{EXAMPLE}")));
    }
    let serial_text: String = rest[..digits].iter().collect();
    let serial: u32 = serial_text.parse().map_err(|_| err(format!("{LABEL}的序号“{serial_text}”过大")))?;
    if serial == 0 {
        return Err(err(format!("{LABEL}的序号不能为0")));
    }
    match &rest[digits..] {
        [] => Err(err(format!("{LABEL}缺少“号”字：{EXAMPLE}"))),
        ['号'] => Ok(DocNumber { prefix, year, serial }),
        ['号', extra @ ..] => Err(err(format!("{LABEL}“号”字后有多余内容“{}”", extra.iter().collect::<String>()))),
        other => Err(err(format!("{LABEL}的序号后应为“号”字，现为“{}”", other.iter().collect::<String>()))),
    }
}

/// Full-width digits `０`–`９` become ASCII; everything else is kept.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

impl fmt::Display for DocNumber {
    /// The canonical form `{prefix}〔{year}〕{serial}号`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.serial)
    }
}

impl FromStr for DocNumber {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl TryFrom<&str> for DocNumber {
    type Error = FieldError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        parse(s)
    }
}

/// Stored and sent in the canonical form.
impl serde::Serialize for DocNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DocNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(s: &str) -> String {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).to_string()
    }

    #[test]
    fn real_document_numbers_parse_into_their_parts() {
        assert_eq!(parse("浩府发〔2024〕3号").unwrap(), DocNumber { prefix: "浩府发".into(), year: 2024, serial: 3 });
        assert_eq!(canonical("国办发〔2017〕47号"), "国办发〔2017〕47号");
        assert_eq!(canonical("渝府办函〔2021〕112号"), "渝府办函〔2021〕112号");
    }

    #[test]
    fn the_brackets_people_type_are_normalised_to_hexagonal_ones() {
        for s in [
            "国办发[2017]47号",
            "国办发(2017)47号",
            "国办发（2017）47号",
            "国办发【2017】47号",
            "国办发［2017］47号",
            "国办发﹝2017﹞47号",
        ] {
            assert_eq!(canonical(s), "国办发〔2017〕47号", "{s}");
        }
    }

    #[test]
    fn spaces_leading_zeros_full_width_digits_and_di_are_dropped() {
        assert_eq!(canonical(" 国办发 〔2017〕 047 号 "), "国办发〔2017〕47号");
        assert_eq!(canonical("国办发〔２０１７〕第４７号"), "国办发〔2017〕47号");
        assert_eq!(canonical("国办发\u{3000}〔2017〕47号"), "国办发〔2017〕47号");
    }

    #[test]
    fn each_missing_part_is_named_in_chinese() {
        let msg = |s: &str| parse(s).unwrap_err().message;
        assert!(msg("国办发47号").starts_with("发文字号缺少年份"));
        assert!(msg("国办发〔〕47号").starts_with("发文字号缺少年份"));
        assert!(msg("〔2017〕47号").starts_with("发文字号缺少机关代字"));
        assert!(msg("国办发〔2017〕号").starts_with("发文字号缺少序号"));
        assert!(msg("国办发〔2017〕47").starts_with("发文字号缺少“号”字"));
        assert!(msg("国办发〔2017 47号").starts_with("发文字号的年份缺少右括号"));
        assert_eq!(msg(""), "发文字号不能为空");
    }

    #[test]
    fn wrong_years_serials_and_trailing_text_are_refused() {
        let msg = |s: &str| parse(s).unwrap_err().message;
        assert_eq!(msg("国办发〔1948〕1号"), "发文字号的年份1948不在1949至2100年之间");
        assert_eq!(msg("国办发〔2101〕1号"), "发文字号的年份2101不在1949至2100年之间");
        assert_eq!(msg("国办发〔17〕1号"), "发文字号的年份“17”应为4位数字");
        assert_eq!(msg("国办发〔2017〕0号"), "发文字号的序号不能为0");
        assert_eq!(msg("国办发〔2017〕47号文"), "发文字号“号”字后有多余内容“文”");
        assert_eq!(msg("国办发〔2017〕47件"), "发文字号的序号后应为“号”字，现为“件”");
        assert_eq!(msg("国办发〔2017〕99999999999号"), "发文字号的序号“99999999999”过大");
        assert_eq!(parse("国务院令第711号").unwrap_err().field, "doc_number");
        assert!(parse("国办发〔1949〕1号").is_ok() && parse("国办发〔2100〕1号").is_ok());
    }

    #[test]
    fn a_document_number_round_trips_through_json_in_canonical_form() {
        let n: DocNumber = serde_json::from_str(r#""国办发[2017]47号""#).unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), r#""国办发〔2017〕47号""#);
        assert!(serde_json::from_str::<DocNumber>(r#""47号""#).is_err());
    }
}

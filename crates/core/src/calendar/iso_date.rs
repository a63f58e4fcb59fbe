//! Calendar dates written as `YYYY-MM-DD`, the only date form gongkai reads or writes.
//!
//! Parsing is strict: exactly four year digits, two month digits and two day digits, and the day must
//! exist (`2025-02-29` is refused). Use [`parse`] directly, or the module itself with
//! `#[serde(with = "crate::calendar::iso_date")]` on a [`Date`] field and [`option`] on an
//! `Option<Date>` field.

use std::fmt;

use serde::{Deserialize, Deserializer, Serializer};
use time::{Date, Month};

/// A string that is not a real `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {value:?}: {problem}")]
pub struct InvalidDate {
    /// The text that was given.
    pub value: String,
    /// What is wrong with it.
    pub problem: DateProblem,
}

/// Why a string is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not of the form `YYYY-MM-DD` (digits and dashes in the right places).
    NotYyyyMmDd,
    /// The month is not 01–12.
    NoSuchMonth,
    /// The day does not exist in that month (`2025-02-30`, `2025-04-31`).
    NoSuchDay,
    /// The year is outside [`YEARS`] (`0000-01-01`, `9999-12-31`: a slip, not a date of record).
    YearOutOfRange,
}

/// The years a date of record may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotYyyyMmDd => "expected the form YYYY-MM-DD",
            Self::NoSuchMonth => "the month must be 01 to 12",
            Self::NoSuchDay => "that day does not exist in that month",
            Self::YearOutOfRange => "the year must be 1900 to 2199",
        })
    }
}

impl InvalidDate {
    /// For a date of the right shape that is still wrong (no such month or day, a year outside
    /// [`YEARS`]): what is wrong, naming the field `label`. `None` for a wrong shape, where the
    /// caller's example of the form says more.
    pub fn reason_for(&self, label: &str) -> Option<String> {
        let problem = match self.problem {
            DateProblem::NotYyyyMmDd => return None,
            DateProblem::NoSuchMonth => "月份应为01至12",
            DateProblem::NoSuchDay => "该月没有这一天",
            DateProblem::YearOutOfRange => "年份应在1900年至2199年之间",
        };
        Some(format!("{label}“{}”无效：{problem}", self.value))
    }

    /// The same message in Chinese, for staff and applicants.
    pub fn message_zh(&self) -> String {
        self.message_for("日期")
    }

    /// The message in Chinese naming the field `label` (`形成日期“2025-02-30”无效：该月没有这一天`).
    pub fn message_for(&self, label: &str) -> String {
        let problem = match self.problem {
            DateProblem::NotYyyyMmDd => "应为“年-月-日”格式，如 2025-09-26",
            DateProblem::NoSuchMonth => "月份应为01至12",
            DateProblem::NoSuchDay => "该月没有这一天",
            DateProblem::YearOutOfRange => "年份应在1900年至2199年之间",
        };
        format!("{label}“{}”无效：{problem}", self.value)
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse(value: &str) -> Result<Date, InvalidDate> {
    let fail = |problem| InvalidDate { value: value.to_owned(), problem };
    let bytes = value.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(fail(DateProblem::NotYyyyMmDd));
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u16>().expect("digits checked above");
    let month = u8::try_from(number(5..7)).ok().and_then(|m| Month::try_from(m).ok());
    let month = month.ok_or_else(|| fail(DateProblem::NoSuchMonth))?;
    let day = number(8..10) as u8;
    let year = i32::from(number(0..4));
    if !YEARS.contains(&year) {
        return Err(fail(DateProblem::YearOutOfRange));
    }
    Date::from_calendar_date(year, month, day).map_err(|_| fail(DateProblem::NoSuchDay))
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// `2025年10月9日` (see [`super::china_time`]).
pub fn chinese(date: Date) -> String {
    super::china_time::date_label(date)
}

/// Serde: writes a [`Date`] as `"YYYY-MM-DD"`.
pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(*date))
}

/// Serde: reads a [`Date`] from `"YYYY-MM-DD"`, naming the bad value in the error.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

/// Serde for `Option<Date>`: `null` or absent (with `#[serde(default)]`) is `None`.
pub mod option {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::serialize(date, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|text| super::parse(&text).map_err(serde::de::Error::custom)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_well_formed_date_round_trips() {
        assert_eq!(parse("2025-09-26"), Ok(date!(2025 - 09 - 26)));
        assert_eq!(format(date!(2007 - 01 - 05)), "2007-01-05");
    }

    #[test]
    fn an_impossible_day_is_refused_with_its_reason() {
        let err = parse("2025-02-29").unwrap_err();
        assert_eq!(err.problem, DateProblem::NoSuchDay);
        assert_eq!(err.to_string(), r#"invalid date "2025-02-29": that day does not exist in that month"#);
        assert_eq!(parse("2024-02-29"), Ok(date!(2024 - 02 - 29)));
    }

    #[test]
    fn loose_forms_are_refused() {
        for text in ["2025-9-26", "2025/09/26", "20250926", " 2025-09-26", "2025-09-26T00:00", "２０２５-09-26", ""]
        {
            assert_eq!(parse(text).unwrap_err().problem, DateProblem::NotYyyyMmDd, "{text:?}");
        }
        assert_eq!(parse("2025-13-01").unwrap_err().problem, DateProblem::NoSuchMonth);
        assert_eq!(parse("2025-00-01").unwrap_err().problem, DateProblem::NoSuchMonth);
        assert_eq!(parse("2025-01-00").unwrap_err().problem, DateProblem::NoSuchDay);
        for slip in ["0000-01-01", "9999-12-31", "1899-12-31", "2200-01-01"] {
            let e = parse(slip).unwrap_err();
            assert_eq!(e.problem, DateProblem::YearOutOfRange, "{slip}");
            assert!(e.message_zh().contains("年份应在1900年至2199年之间"));
        }
    }

    #[test]
    fn the_chinese_message_names_the_value() {
        assert_eq!(parse("2025-02-30").unwrap_err().message_zh(), "日期“2025-02-30”无效：该月没有这一天");
    }
}

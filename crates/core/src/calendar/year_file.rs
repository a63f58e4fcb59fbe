//! One year file of national holiday data, in the schema of NateScarlet/holiday-cn.
//!
//! ```json
//! {"year": 2025, "papers": ["https://www.gov.cn/…"], "days": [{"name": "春节", "date": "2025-01-26", "isOffDay": false}]}
//! ```
//!
//! A file is keyed by the year of the State Council notice, not by the year of each date: a notice
//! may fix late-December days of the year before (2019.json holds 2018-12-29..31). Other keys
//! (`$schema`, `$id`) are ignored. A year counts as *covered* when its file lists at least one
//! notice in `papers`; an empty placeholder (`papers: []`) covers nothing.
//!
//! Invariants after [`YearFile::parse`]: every date is a real date in the file's year or in December
//! of the year before, and no date is listed twice.

use std::collections::BTreeSet;

use serde::Deserialize;
use time::{Date, Month};

use super::iso_date;

/// Years a file may be for; outside this range the data is certainly a mistake.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1949..=9998;

/// A parsed and checked year file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFile {
    /// The year of the notice.
    pub year: i32,
    /// Addresses of the State Council notices the data was taken from.
    pub papers: Vec<String>,
    /// The days the notices name, in file order.
    pub days: Vec<NoticeDay>,
}

/// A day named by a State Council holiday notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDay {
    /// The festival, e.g. `春节`, `国庆节、中秋节`.
    pub name: String,
    pub date: Date,
    /// `true`: a day off (放假); `false`: a make-up working day (调休上班).
    pub is_off_day: bool,
}

/// What is wrong with a year file. The calendar is left unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YearFileError {
    /// Not JSON, or a field is missing or of the wrong type.
    #[error("holiday year file is not valid: {message}")]
    Json { message: String },
    #[error("holiday year file for {year}: the year is out of range (expected 1949 to 9998)")]
    YearOutOfRange { year: i32 },
    #[error("holiday year file for {year}: {invalid}")]
    InvalidDate { year: i32, invalid: iso_date::InvalidDate },
    #[error("holiday year file for {year}: {date} belongs neither to {year} nor to December {}", year - 1)]
    DateOutsideYear { year: i32, date: Date },
    #[error("holiday year file for {year}: {date} is listed twice")]
    DuplicateDate { year: i32, date: Date },
    #[error("holiday year file for {year}: {date} is already listed in the file for {other_year}")]
    DateInOtherFile { year: i32, date: Date, other_year: i32 },
}

impl YearFileError {
    /// The same message in Chinese, for the administrator loading the file.
    pub fn message_zh(&self) -> String {
        match self {
            Self::Json { message } => format!("节假日数据文件格式错误：{message}"),
            Self::YearOutOfRange { year } => format!("节假日数据文件的年份{year}超出范围（1949至9998）"),
            Self::InvalidDate { year, invalid } => format!("{year}年节假日数据文件：{}", invalid.message_zh()),
            Self::DateOutsideYear { year, date } => {
                format!("{year}年节假日数据文件：日期{date}既不在{year}年，也不在{}年12月", year - 1)
            }
            Self::DuplicateDate { year, date } => format!("{year}年节假日数据文件：日期{date}重复出现"),
            Self::DateInOtherFile { year, date, other_year } => {
                format!("{year}年节假日数据文件：日期{date}已在{other_year}年的数据文件中")
            }
        }
    }
}

#[derive(Deserialize)]
struct RawFile {
    year: i32,
    papers: Vec<String>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
struct RawDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

impl YearFile {
    /// Parses and checks one file.
    pub fn parse(json: &str) -> Result<Self, YearFileError> {
        let raw: RawFile = serde_json::from_str(json).map_err(|e| YearFileError::Json { message: e.to_string() })?;
        let year = raw.year;
        if !YEAR_RANGE.contains(&year) {
            return Err(YearFileError::YearOutOfRange { year });
        }
        let mut seen = BTreeSet::new();
        let mut days = Vec::with_capacity(raw.days.len());
        for day in raw.days {
            let date = iso_date::parse(&day.date).map_err(|invalid| YearFileError::InvalidDate { year, invalid })?;
            let late_december_before = date.year() == year - 1 && date.month() == Month::December;
            if date.year() != year && !late_december_before {
                return Err(YearFileError::DateOutsideYear { year, date });
            }
            if !seen.insert(date) {
                return Err(YearFileError::DuplicateDate { year, date });
            }
            days.push(NoticeDay { name: day.name, date, is_off_day: day.is_off_day });
        }
        Ok(Self { year, papers: raw.papers, days })
    }

    /// Whether the file fixes the year (lists at least one notice).
    pub fn covers_its_year(&self) -> bool {
        !self.papers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_file_with_a_late_december_day_of_the_year_before_is_accepted() {
        let json = r#"{"$schema": "x", "year": 2019, "papers": ["p"],
            "days": [{"name": "元旦", "date": "2018-12-29", "isOffDay": false}]}"#;
        let file = YearFile::parse(json).unwrap();
        assert_eq!(file.days[0].date, date!(2018 - 12 - 29));
        assert!(!file.days[0].is_off_day);
        assert!(file.covers_its_year());
    }

    #[test]
    fn an_empty_placeholder_covers_nothing() {
        let file = YearFile::parse(r#"{"year": 2027, "papers": [], "days": []}"#).unwrap();
        assert!(!file.covers_its_year());
    }

    #[test]
    fn each_problem_is_named() {
        let bad = |json: &str| YearFile::parse(json).unwrap_err();
        assert!(matches!(bad("{"), YearFileError::Json { .. }));
        let missing = bad(r#"{"year": 2025, "days": []}"#);
        assert!(missing.to_string().contains("missing field `papers`"), "{missing}");
        let wrong_key =
            bad(r#"{"year": 2025, "papers": [], "days": [{"name": "x", "date": "2025-01-01", "off": true}]}"#);
        assert!(wrong_key.to_string().contains("isOffDay"), "{wrong_key}");
        assert_eq!(
            bad(r#"{"year": 2025, "papers": [], "days": [{"name": "x", "date": "2025-02-30", "isOffDay": true}]}"#)
                .to_string(),
            r#"holiday year file for 2025: invalid date "2025-02-30": that day does not exist in that month"#
        );
        assert_eq!(
            bad(r#"{"year": 2025, "papers": [], "days": [{"name": "x", "date": "2024-11-30", "isOffDay": true}]}"#),
            YearFileError::DateOutsideYear { year: 2025, date: date!(2024 - 11 - 30) }
        );
        let twice = r#"{"name": "x", "date": "2025-05-01", "isOffDay": true}"#;
        assert_eq!(
            bad(&format!(r#"{{"year": 2025, "papers": [], "days": [{twice}, {twice}]}}"#)),
            YearFileError::DuplicateDate { year: 2025, date: date!(2025 - 05 - 01) }
        );
        assert_eq!(bad(r#"{"year": 20250, "papers": [], "days": []}"#), YearFileError::YearOutOfRange { year: 20250 });
    }

    #[test]
    fn messages_read_in_chinese_too() {
        let err = YearFileError::DateInOtherFile { year: 2026, date: date!(2025 - 12 - 31), other_year: 2025 };
        assert_eq!(err.message_zh(), "2026年节假日数据文件：日期2025-12-31已在2025年的数据文件中");
    }
}

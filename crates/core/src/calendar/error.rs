//! The calendar's error type.
//!
//! [`CalendarError::YearNotCovered`] is the one every caller must expect: it means "the State
//! Council notice for this year is not loaded, so no answer can be given" and names the year. The
//! other variants come from loading data (year files, overrides) and leave the calendar unchanged.

use time::Date;

use super::year_file::YearFileError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A computation touched a date in a year whose holiday notice is not loaded.
    #[error(
        "year {year} is not covered by the holiday calendar: load the State Council holiday notice for {year} before computing working days"
    )]
    YearNotCovered { year: i32 },
    /// A year file could not be loaded.
    #[error(transparent)]
    YearFile(#[from] YearFileError),
    /// Two local overrides name the same date.
    #[error("two local overrides are given for {date}; keep only one")]
    DuplicateOverride { date: Date },
}

impl CalendarError {
    /// The same message in Chinese, for staff.
    pub fn message_zh(&self) -> String {
        match self {
            Self::YearNotCovered { year } => format!(
                "节假日数据未覆盖{year}年：请先导入《国务院办公厅关于{year}年部分节假日安排的通知》，再计算工作日"
            ),
            Self::YearFile(e) => e.message_zh(),
            Self::DuplicateOverride { date } => format!("{date}有两条地方调整记录，请只保留一条"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uncovered_year_is_named_in_both_languages() {
        let err = CalendarError::YearNotCovered { year: 2027 };
        assert!(err.to_string().starts_with("year 2027 is not covered"));
        assert!(err.message_zh().contains("2027年"));
    }
}

//! The month a dashboard or a monthly notice looks at (`2026-10`), and the date it is judged on.

use std::fmt;

use time::{Date, Month as CalendarMonth};

use crate::field::FieldError;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    /// The month holding `date`.
    pub fn of(date: Date) -> Month {
        Month { year: date.year(), month: u8::from(date.month()) }
    }

    /// Parses `YYYY-MM`; the error names the field `month` (月份).
    pub fn parse(s: &str) -> Result<Month, FieldError> {
        let bad =
            || FieldError::new("month", "月份", format!("月份“{}”格式不正确，应为“2026-10”这样的年-月", s.trim()));
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        if !(2008..=9999).contains(&year) || !(1..=12).contains(&month) || y.len() != 4 {
            return Err(bad());
        }
        Ok(Month { year, month })
    }

    pub fn first_day(self) -> Date {
        Date::from_calendar_date(self.year, self.calendar_month(), 1).expect("valid month")
    }

    pub fn last_day(self) -> Date {
        self.next().first_day().previous_day().expect("not the first day ever")
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    /// The `n` months ending with this one, oldest first.
    pub fn trailing(self, n: usize) -> Vec<Month> {
        let mut months = Vec::with_capacity(n);
        let mut m = self;
        for _ in 0..n {
            months.push(m);
            m = m.previous();
        }
        months.reverse();
        months
    }

    /// The day the month's figures are judged on: its last day, or `today` while it is running.
    /// `None` for a month that has not begun.
    pub fn as_of(self, today: Date) -> Option<Date> {
        if self.first_day() > today { None } else { Some(self.last_day().min(today)) }
    }

    /// `2026年10月`.
    pub fn label(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    fn calendar_month(self) -> CalendarMonth {
        CalendarMonth::try_from(self.month).expect("month 1-12")
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `date` moved back `months` calendar months, the day clamped to the target month's length
/// (31 August less 6 months is 28 or 29 February).
pub fn months_before(date: Date, months: u32) -> Date {
    let total = date.year() * 12 + i32::from(u8::from(date.month())) - 1 - months as i32;
    let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let target = Month { year, month };
    let day = date.day().min(target.last_day().day());
    Date::from_calendar_date(year, target.calendar_month(), day).expect("clamped day")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_parse_and_bound_their_days() {
        let m = Month::parse("2024-02").unwrap();
        assert_eq!((m.first_day(), m.last_day()), (date!(2024 - 02 - 01), date!(2024 - 02 - 29)));
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(Month::parse("2025-12").unwrap().next(), Month { year: 2026, month: 1 });
        for bad in ["2024", "2024-13", "24-01", "2024-00", "abcd-01", ""] {
            let e = Month::parse(bad).unwrap_err();
            assert_eq!(e.field, "month", "{bad}");
            assert!(e.message.contains("年-月"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn a_running_month_is_judged_today_a_past_one_on_its_last_day() {
        let m = Month::parse("2026-11").unwrap();
        assert_eq!(m.as_of(date!(2026 - 11 - 22)), Some(date!(2026 - 11 - 22)));
        assert_eq!(Month::parse("2026-10").unwrap().as_of(date!(2026 - 11 - 22)), Some(date!(2026 - 10 - 31)));
        assert_eq!(Month::parse("2026-12").unwrap().as_of(date!(2026 - 11 - 22)), None);
    }

    #[test]
    fn trailing_months_cross_the_year() {
        let months = Month::parse("2026-02").unwrap().trailing(3);
        assert_eq!(months.iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn months_before_clamps_the_day() {
        assert_eq!(months_before(date!(2026 - 08 - 31), 6), date!(2026 - 02 - 28));
        assert_eq!(months_before(date!(2026 - 03 - 15), 3), date!(2025 - 12 - 15));
        assert_eq!(months_before(date!(2026 - 01 - 10), 12), date!(2025 - 01 - 10));
    }
}

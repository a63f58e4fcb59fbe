//! Working-day arithmetic: is a day a working day, the n-th working day after a date, and how many
//! working days lie between two dates. All O(1) through the precomputed index.
//!
//! Conventions (the receipt day itself is never counted, 民法典 Art. 201 "开始的当日不计入"):
//! - `add_workdays(d, n)` is the n-th working day strictly after `d`; `add_workdays(d, 0) == d`.
//! - `workdays_between(a, b)` counts working days in `(a, b]`; when `b < a` it is minus the count
//!   in `(b, a]`. So `workdays_between(d, add_workdays(d, n)) == n` and the count is antisymmetric.
//!
//! Every year the computation touches — from `d` to the answer, or from `a` to `b` — must be
//! covered, else [`CalendarError::YearNotCovered`] names the first uncovered one.

use time::Date;

use super::{Calendar, CalendarError};

impl Calendar {
    /// Whether `date` is a working day (工作日).
    pub fn is_workday(&self, date: Date) -> Result<bool, CalendarError> {
        self.require_covered(date.year())?;
        Ok(self.index.is_workday(date))
    }

    /// The `n`-th working day strictly after `date` (`n = 0` gives `date`).
    pub fn add_workdays(&self, date: Date, n: u32) -> Result<Date, CalendarError> {
        self.require_covered(date.year())?;
        if n == 0 {
            return Ok(date);
        }
        match self.index.nth_after(date, n) {
            Some(answer) => {
                self.require_covered_span(date.year(), answer.year())?;
                Ok(answer)
            }
            None => {
                // The answer lies past the last covered year: name the first uncovered year after `date`.
                let after_last = self.index.last_year().map_or(date.year() + 1, |last| last + 1);
                let year = self.index.first_uncovered(date.year(), after_last).unwrap_or(after_last);
                Err(CalendarError::YearNotCovered { year })
            }
        }
    }

    /// Working days in `(a, b]`, negative when `b < a`.
    pub fn workdays_between(&self, a: Date, b: Date) -> Result<i64, CalendarError> {
        let (from, to, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        self.require_covered_span(from.year(), to.year())?;
        Ok(sign * (i64::from(self.index.through(to)) - i64::from(self.index.through(from))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn adding_zero_working_days_gives_the_same_date_even_on_a_holiday() {
        let cal = Calendar::embedded();
        assert_eq!(cal.add_workdays(date!(2025 - 10 - 01), 0), Ok(date!(2025 - 10 - 01)));
    }

    #[test]
    fn counting_between_is_antisymmetric_and_excludes_the_first_day() {
        let cal = Calendar::embedded();
        let (fri, thu) = (date!(2025 - 09 - 26), date!(2025 - 10 - 30));
        assert_eq!(cal.workdays_between(fri, thu), Ok(20));
        assert_eq!(cal.workdays_between(thu, fri), Ok(-20));
        assert_eq!(cal.workdays_between(fri, fri), Ok(0));
        // (Tue 09-30, Wed 10-01]: only the holiday, which does not count.
        assert_eq!(cal.workdays_between(date!(2025 - 09 - 30), date!(2025 - 10 - 01)), Ok(0));
    }

    #[test]
    fn running_past_the_last_covered_year_names_the_next_year() {
        let cal = Calendar::embedded();
        assert_eq!(cal.add_workdays(date!(2026 - 12 - 20), 20), Err(CalendarError::YearNotCovered { year: 2027 }));
        assert_eq!(
            cal.workdays_between(date!(2026 - 12 - 20), date!(2027 - 01 - 05)),
            Err(CalendarError::YearNotCovered { year: 2027 })
        );
        assert_eq!(
            Calendar::empty().add_workdays(date!(2025 - 01 - 01), 1),
            Err(CalendarError::YearNotCovered { year: 2025 })
        );
    }

    #[test]
    fn a_start_before_the_first_covered_year_names_that_year() {
        let cal = Calendar::embedded();
        assert_eq!(cal.add_workdays(date!(2006 - 12 - 29), 1), Err(CalendarError::YearNotCovered { year: 2006 }));
        assert_eq!(cal.is_workday(date!(2006 - 06 - 01)), Err(CalendarError::YearNotCovered { year: 2006 }));
        assert_eq!(
            cal.workdays_between(date!(2007 - 01 - 10), date!(2006 - 12 - 01)),
            Err(CalendarError::YearNotCovered { year: 2006 })
        );
    }
}

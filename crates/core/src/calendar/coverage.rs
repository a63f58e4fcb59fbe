//! Which years the calendar can answer for, and the yearly reminder to load the next notice.
//!
//! A year is covered when its year file lists at least one State Council notice. A computation
//! that touches any day of an uncovered year fails with [`CalendarError::YearNotCovered`]: a
//! legal deadline is never guessed from weekdays alone.
//!
//! Caveat of the data: late-December days of year Y may be fixed by the notice for Y+1 (e.g. the
//! 2019 notice made Sat 2018-12-29 a working day). While Y+1 is not loaded, those days of a covered
//! year Y follow the weekday rule; the [`Calendar::next_year_missing_warning`] is how staff learn
//! that the notice should be loaded.

use time::{Date, Month};

use super::{Calendar, CalendarError};

impl Calendar {
    /// Covered years, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        self.papers.iter().filter(|(_, papers)| !papers.is_empty()).map(|(year, _)| *year).collect()
    }

    /// Whether `year` is covered.
    pub fn covers(&self, year: i32) -> bool {
        self.index.is_covered(year)
    }

    /// The notices (gov.cn addresses) a loaded year's data was taken from.
    pub fn papers(&self, year: i32) -> Option<&[String]> {
        self.papers.get(&year).map(Vec::as_slice)
    }

    /// From 1 November on, the next year's notice is due: `Some(next year)` while it is not loaded.
    pub fn next_year_missing_warning(&self, today: Date) -> Option<i32> {
        let next = today.year() + 1;
        (today.month() >= Month::November && !self.covers(next)).then_some(next)
    }

    pub(super) fn require_covered(&self, year: i32) -> Result<(), CalendarError> {
        if self.covers(year) { Ok(()) } else { Err(CalendarError::YearNotCovered { year }) }
    }

    /// Fails naming the first uncovered year in `from..=to`.
    pub(super) fn require_covered_span(&self, from: i32, to: i32) -> Result<(), CalendarError> {
        match self.index.first_uncovered(from, to) {
            Some(year) => Err(CalendarError::YearNotCovered { year }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_warning_starts_on_the_first_of_november() {
        let cal = Calendar::embedded();
        assert_eq!(cal.next_year_missing_warning(date!(2026 - 10 - 31)), None);
        assert_eq!(cal.next_year_missing_warning(date!(2026 - 11 - 01)), Some(2027));
        assert_eq!(cal.next_year_missing_warning(date!(2026 - 12 - 31)), Some(2027));
        assert_eq!(cal.next_year_missing_warning(date!(2025 - 11 - 15)), None, "2026 is loaded");
    }

    #[test]
    fn papers_name_the_notices_of_a_year() {
        let cal = Calendar::embedded();
        assert_eq!(cal.papers(2015).map(<[String]>::len), Some(2), "2015 had a second notice (抗战胜利70周年)");
        assert_eq!(cal.papers(2027), Some(&[][..]));
        assert_eq!(cal.papers(2006), None);
        assert!(!cal.covers(2006) && !cal.covers(2027) && cal.covers(2007));
    }
}

//! A precomputed index of working days, so that adding or counting working days is O(1).
//!
//! The index spans 1 January of the first covered year to 31 December of the last one. For each
//! day it stores how many working days fall on or before it (`through`), and it lists all working
//! days in order (`workdays`). Then:
//!
//! - the n-th working day strictly after `d` is `workdays[through(d) + n - 1]`;
//! - the number of working days in `(a, b]` is `through(b) - through(a)`.
//!
//! Days of uncovered years inside the span count as non-working; callers must check coverage of
//! every year a computation touches (see `first_uncovered`) before trusting an answer. The index is
//! rebuilt from [`Calendar::classify`](super::Calendar) whenever data or overrides change
//! (~7,300 days for 2007–2026: well under a millisecond).

use std::collections::BTreeSet;

use time::{Date, Month};

#[derive(Debug, Clone, Default)]
pub(super) struct WorkdayIndex {
    first_year: i32,
    /// Julian day number of 1 January of `first_year`.
    first_day: i32,
    /// Per year from `first_year`: whether its notice is loaded.
    covered: Vec<bool>,
    /// Per day from `first_day`: working days on or before that day.
    through: Vec<u32>,
    /// Julian day numbers of all working days in the span, ascending.
    workdays: Vec<i32>,
}

impl WorkdayIndex {
    /// Builds the index over the covered years, asking `is_workday` about each of their days.
    pub(super) fn build(covered_years: &BTreeSet<i32>, is_workday: impl Fn(Date) -> bool) -> Self {
        let (Some(&first_year), Some(&last_year)) = (covered_years.first(), covered_years.last()) else {
            return Self::default();
        };
        let jan_1 = |year| Date::from_calendar_date(year, Month::January, 1).expect("year file years are in range");
        let first_day = jan_1(first_year).to_julian_day();
        let end_day = jan_1(last_year + 1).to_julian_day();
        let covered = (first_year..=last_year).map(|y| covered_years.contains(&y)).collect();
        let mut index = Self { first_year, first_day, covered, through: Vec::new(), workdays: Vec::new() };
        index.through.reserve((end_day - first_day) as usize);
        for day in first_day..end_day {
            let date = Date::from_julian_day(day).expect("span is within the supported range");
            if index.is_covered(date.year()) && is_workday(date) {
                index.workdays.push(day);
            }
            index.through.push(index.workdays.len() as u32);
        }
        index
    }

    pub(super) fn is_covered(&self, year: i32) -> bool {
        let Some(offset) = year.checked_sub(self.first_year) else { return false };
        usize::try_from(offset).ok().and_then(|i| self.covered.get(i)).copied().unwrap_or(false)
    }

    /// The last year of the span, if any year is covered.
    pub(super) fn last_year(&self) -> Option<i32> {
        (!self.covered.is_empty()).then(|| self.first_year + self.covered.len() as i32 - 1)
    }

    /// The first year in `from..=to` that is not covered.
    pub(super) fn first_uncovered(&self, from: i32, to: i32) -> Option<i32> {
        (from..=to).find(|&year| !self.is_covered(year))
    }

    /// Working days on or before `date`. `date` must be in a covered year.
    pub(super) fn through(&self, date: Date) -> u32 {
        self.through[self.offset(date)]
    }

    /// Whether `date` is a working day. `date` must be in a covered year.
    pub(super) fn is_workday(&self, date: Date) -> bool {
        let i = self.offset(date);
        let before = if i == 0 { 0 } else { self.through[i - 1] };
        self.through[i] > before
    }

    /// The `n`-th (n ≥ 1) working day strictly after `date`, or `None` if it lies past the span.
    /// `date` must be in a covered year.
    pub(super) fn nth_after(&self, date: Date, n: u32) -> Option<Date> {
        debug_assert!(n >= 1, "the 0-th working day after a date is the date itself");
        let position = self.through(date) as usize + n as usize - 1;
        let day = *self.workdays.get(position)?;
        Some(Date::from_julian_day(day).expect("indexed days are valid dates"))
    }

    fn offset(&self, date: Date) -> usize {
        usize::try_from(date.to_julian_day() - self.first_day).expect("date is inside the indexed span")
    }
}

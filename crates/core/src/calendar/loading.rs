//! Building a [`Calendar`]: year files into one date map, then local overrides on top.
//!
//! Every loading function is all-or-nothing: on error the calendar is unchanged. After every change
//! the working-day index is rebuilt, so lookups never see stale data.

use std::collections::BTreeMap;

use super::overrides::Override;
use super::workday_index::WorkdayIndex;
use super::year_file::{YearFile, YearFileError};
use super::{Calendar, CalendarError, NationalDay};

impl Calendar {
    /// A calendar with no data: every computation returns [`CalendarError::YearNotCovered`].
    pub fn empty() -> Self {
        Self::default()
    }

    /// Loads year files (JSON text in the holiday-cn schema) into one calendar.
    pub fn from_year_files<'a>(files: impl IntoIterator<Item = &'a str>) -> Result<Self, CalendarError> {
        let mut calendar = Self::empty();
        for json in files {
            calendar.load(YearFile::parse(json)?)?;
        }
        calendar.reindex();
        Ok(calendar)
    }

    /// Loads one more year file at run time (an administrator adding next year's notice without a
    /// release) and returns its year. A file for a year already loaded replaces that year's file,
    /// so the real 2027 notice can replace the empty 2027 placeholder.
    pub fn add_year_file(&mut self, json: &str) -> Result<i32, CalendarError> {
        let file = YearFile::parse(json)?;
        let year = file.year;
        self.load(file)?;
        self.reindex();
        Ok(year)
    }

    /// Applies local overrides on top of the national data. At most one override per date.
    pub fn with_overrides(mut self, overrides: impl IntoIterator<Item = Override>) -> Result<Self, CalendarError> {
        let mut added = BTreeMap::new();
        for o in overrides {
            if self.overrides.contains_key(&o.date) || added.contains_key(&o.date) {
                return Err(CalendarError::DuplicateOverride { date: o.date });
            }
            added.insert(o.date, o);
        }
        self.overrides.append(&mut added);
        self.reindex();
        Ok(self)
    }

    /// The local overrides in date order.
    pub fn overrides(&self) -> impl Iterator<Item = &Override> {
        self.overrides.values()
    }

    /// Puts a parsed file into the date map, replacing an earlier file for the same year. Checks
    /// everything before changing anything.
    pub(super) fn load(&mut self, file: YearFile) -> Result<(), CalendarError> {
        let year = file.year;
        for day in &file.days {
            if let Some(existing) = self.national.get(&day.date)
                && existing.file_year != year
            {
                let other_year = existing.file_year;
                return Err(YearFileError::DateInOtherFile { year, date: day.date, other_year }.into());
            }
        }
        self.national.retain(|_, day| day.file_year != year);
        for day in file.days {
            let entry = NationalDay { name: day.name, is_off_day: day.is_off_day, file_year: year };
            self.national.insert(day.date, entry);
        }
        self.papers.insert(year, file.papers);
        self.estimated.remove(&year);
        Ok(())
    }

    pub(super) fn reindex(&mut self) {
        let covered = self.papers.iter().filter(|(_, papers)| !papers.is_empty()).map(|(year, _)| *year).collect();
        self.index = WorkdayIndex::build(&covered, |date| self.classify(date).is_workday());
    }
}

#[cfg(test)]
mod tests {
    use super::super::OverrideKind;
    use super::*;
    use time::macros::date;

    const Y2030: &str = r#"{"year": 2030, "papers": ["notice"], "days": [
        {"name": "元旦", "date": "2029-12-31", "isOffDay": true},
        {"name": "元旦", "date": "2030-01-01", "isOffDay": true}]}"#;

    #[test]
    fn an_administrator_can_load_a_new_year_at_run_time() {
        let mut cal = Calendar::embedded();
        assert_eq!(cal.add_workdays(date!(2030 - 03 - 01), 1), Err(CalendarError::YearNotCovered { year: 2030 }));
        assert_eq!(cal.add_year_file(Y2030), Ok(2030));
        assert_eq!(cal.add_workdays(date!(2030 - 03 - 01), 1), Ok(date!(2030 - 03 - 04)));
        // 2027–2029 are still not covered, so nothing may be computed across them.
        assert_eq!(cal.add_workdays(date!(2026 - 12 - 30), 300), Err(CalendarError::YearNotCovered { year: 2027 }));
    }

    #[test]
    fn a_new_file_for_a_loaded_year_replaces_the_old_one() {
        let mut cal = Calendar::embedded();
        let real_2027 = r#"{"year": 2027, "papers": ["notice"], "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#;
        cal.add_year_file(real_2027).unwrap();
        assert!(cal.covered_years().contains(&2027));
        assert_eq!(cal.is_workday(date!(2027 - 01 - 01)), Ok(false));
        let revised_2027 = r#"{"year": 2027, "papers": ["notice", "correction"], "days": []}"#;
        cal.add_year_file(revised_2027).unwrap();
        assert_eq!(cal.is_workday(date!(2027 - 01 - 01)), Ok(true));
    }

    #[test]
    fn a_bad_file_leaves_the_calendar_unchanged() {
        let mut cal = Calendar::embedded();
        let clash = r#"{"year": 2027, "papers": ["notice"], "days": [
            {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
            {"name": "元旦", "date": "2026-01-01", "isOffDay": true}]}"#;
        let err = cal.add_year_file(clash).unwrap_err();
        assert!(matches!(err, CalendarError::YearFile(YearFileError::DateOutsideYear { .. })), "{err}");
        let clash = r#"{"year": 2026, "papers": ["notice"], "days": [
            {"name": "元旦", "date": "2025-12-31", "isOffDay": true}]}"#;
        let mut other = Calendar::from_year_files([clash]).unwrap();
        let err = other.add_year_file(
            r#"{"year": 2025, "papers": ["n"], "days": [
            {"name": "x", "date": "2025-12-31", "isOffDay": false}]}"#,
        );
        assert_eq!(
            err,
            Err(YearFileError::DateInOtherFile { year: 2025, date: date!(2025 - 12 - 31), other_year: 2026 }.into())
        );
        assert_eq!(other.covered_years(), vec![2026]);
        assert!(!cal.covered_years().contains(&2027));
    }

    #[test]
    fn two_overrides_for_one_date_are_refused() {
        let o = |kind| Override { date: date!(2025 - 07 - 01), kind, reason: "r".into(), ordered_by: "o".into() };
        let err = Calendar::embedded().with_overrides([o(OverrideKind::ExtraOffDay), o(OverrideKind::ExtraWorkday)]);
        assert_eq!(err.unwrap_err(), CalendarError::DuplicateOverride { date: date!(2025 - 07 - 01) });
        let once = Calendar::embedded().with_overrides([o(OverrideKind::ExtraOffDay)]).unwrap();
        let twice = once.with_overrides([o(OverrideKind::ExtraOffDay)]);
        assert!(matches!(twice, Err(CalendarError::DuplicateOverride { .. })));
    }
}

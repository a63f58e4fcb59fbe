//! What one day is — ordinary working day, weekend, holiday, 调休 working day, or a local override —
//! and the Chinese words used for it in deadline explanations.
//!
//! Precedence: a local [`Override`] first, then the national notice, then the day of the week. This
//! module is the single definition of "working day"; the fast index in `workday_index` is built
//! from it.

use time::{Date, Weekday};

use super::overrides::{Override, OverrideKind};
use super::{Calendar, CalendarError};

/// The kind of a day, borrowing names and reasons from the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind<'a> {
    /// Monday–Friday with nothing special: a working day.
    Ordinary,
    /// Saturday or Sunday that no notice mentions: not a working day.
    Weekend,
    /// A national off day (`isOffDay: true`), named after its festival.
    Holiday { name: &'a str },
    /// A national make-up working day on a weekend (`isOffDay: false`, 调休上班).
    MakeUpWorkday { name: &'a str },
    /// A local override making the day off.
    ExtraOffDay(&'a Override),
    /// A local override making the day a working day.
    ExtraWorkday(&'a Override),
}

impl DayKind<'_> {
    /// Whether the day counts as a 工作日.
    pub fn is_workday(self) -> bool {
        matches!(self, Self::Ordinary | Self::MakeUpWorkday { .. } | Self::ExtraWorkday(_))
    }

    /// Short Chinese description: `工作日`, `周末`, `春节`, `调休上班（春节）`, `当地放假：台风停工（…）`.
    pub fn describe(self) -> String {
        match self {
            Self::Ordinary => "工作日".to_owned(),
            Self::Weekend => "周末".to_owned(),
            Self::Holiday { name } => name.to_owned(),
            Self::MakeUpWorkday { name } => format!("调休上班（{name}）"),
            Self::ExtraOffDay(o) => format!("当地放假：{}（{}）", o.reason, o.ordered_by),
            Self::ExtraWorkday(o) => format!("当地调整为工作日：{}（{}）", o.reason, o.ordered_by),
        }
    }
}

impl Calendar {
    /// The kind of `date`, or [`CalendarError::YearNotCovered`] if its year's notice is not loaded.
    pub fn day_kind(&self, date: Date) -> Result<DayKind<'_>, CalendarError> {
        self.require_covered(date.year())?;
        Ok(self.classify(date))
    }

    /// The kind of `date` without the coverage check (used to build the index).
    pub(super) fn classify(&self, date: Date) -> DayKind<'_> {
        if let Some(o) = self.overrides.get(&date) {
            return match o.kind {
                OverrideKind::ExtraOffDay => DayKind::ExtraOffDay(o),
                OverrideKind::ExtraWorkday => DayKind::ExtraWorkday(o),
            };
        }
        let weekend = matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday);
        match self.national.get(&date) {
            Some(day) if day.is_off_day => DayKind::Holiday { name: &day.name },
            // A weekday listed as a working day (2020-02-03, the first day after the COVID-19
            // extension of 春节) is simply an ordinary working day.
            Some(day) if weekend => DayKind::MakeUpWorkday { name: &day.name },
            _ if weekend => DayKind::Weekend,
            _ => DayKind::Ordinary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn calendar() -> Calendar {
        Calendar::embedded()
    }

    #[test]
    fn the_national_notice_decides_weekends_and_holidays() {
        let cal = calendar();
        assert_eq!(cal.day_kind(date!(2025 - 09 - 28)).unwrap(), DayKind::MakeUpWorkday { name: "国庆节、中秋节" });
        assert_eq!(cal.day_kind(date!(2025 - 10 - 01)).unwrap(), DayKind::Holiday { name: "国庆节、中秋节" });
        assert_eq!(cal.day_kind(date!(2025 - 10 - 12)).unwrap(), DayKind::Weekend);
        assert_eq!(cal.day_kind(date!(2025 - 10 - 13)).unwrap(), DayKind::Ordinary);
        assert_eq!(cal.day_kind(date!(2020 - 02 - 03)).unwrap(), DayKind::Ordinary);
    }

    #[test]
    fn descriptions_are_the_words_shown_to_staff() {
        let cal = calendar();
        assert_eq!(cal.day_kind(date!(2025 - 01 - 26)).unwrap().describe(), "调休上班（春节）");
        assert_eq!(cal.day_kind(date!(2025 - 01 - 29)).unwrap().describe(), "春节");
        assert_eq!(cal.day_kind(date!(2025 - 03 - 01)).unwrap().describe(), "周末");
        assert_eq!(cal.day_kind(date!(2025 - 03 - 03)).unwrap().describe(), "工作日");
    }
}

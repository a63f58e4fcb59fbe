//! Working-day calendar (工作日): weekends, national off days, 调休 make-up working days and local
//! overrides. Pure: no I/O, no clock; the caller passes "today" where it matters.
//!
//! Owns (spec: regulation-and-formats §7):
//! - the national data: State Council holiday notices as year files in the holiday-cn schema, all
//!   loaded into one date map ([`Calendar::embedded`], [`Calendar::from_year_files`],
//!   [`Calendar::add_year_file`]);
//! - local overrides on top ([`Override`], [`Calendar::with_overrides`]);
//! - the definition of a working day: a 调休 working day (national `isOffDay: false` on a weekend,
//!   or an [`OverrideKind::ExtraWorkday`]), or Monday–Friday that is not an off day (national
//!   `isOffDay: true`, or an [`OverrideKind::ExtraOffDay`]); an override beats the national notice;
//! - working-day arithmetic ([`Calendar::is_workday`], [`Calendar::add_workdays`],
//!   [`Calendar::workdays_between`]) in O(1);
//! - coverage: any computation touching a year whose notice is not loaded fails with
//!   [`CalendarError::YearNotCovered`] naming the year, never a silent guess; a caller that must
//!   still give a date asks for an explicitly marked estimate ([`Calendar::with_estimates`]).
//!
//! Does not own: what a deadline is (see `request::deadline`), nor storing overrides (the caller
//! loads them from its database and passes them in).
//!
//! Files: `year_file` (parsing), `embedded` (compiled-in data), `loading` (building a calendar),
//! `estimate` (provisional years), `overrides`, `day_kind` (the one definition of a working day), `workday_index` (the fast
//! index), `working_days` (arithmetic), `coverage`, `iso_date` (`YYYY-MM-DD`), `china_time` (dates and moments as people read them), `error`.

use std::collections::BTreeMap;

use time::Date;

pub mod china_time;
mod coverage;
mod day_kind;
mod embedded;
mod error;
pub mod estimate;
pub mod iso_date;
mod loading;
mod overrides;
mod workday_index;
mod working_days;
mod year_file;

pub use day_kind::DayKind;
pub use embedded::EMBEDDED_YEAR_FILES;
pub use error::CalendarError;
pub use overrides::{Override, OverrideKind};
pub use year_file::{NoticeDay, YearFile, YearFileError};

/// National holiday data, local overrides and the working-day index built from them.
///
/// Cheap to query (every method is O(1) or a map lookup), rebuilt on every change (well under a
/// millisecond), `Clone` so that a per-agency calendar with overrides can be derived from the
/// national one.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// Every day named by a loaded notice, whatever year file it came from.
    national: BTreeMap<Date, NationalDay>,
    /// Loaded year files: year → notices. A year with an empty list is loaded but not covered.
    papers: BTreeMap<i32, Vec<String>>,
    overrides: BTreeMap<Date, Override>,
    /// Years filled with [`estimate::estimated_year`] instead of a notice.
    estimated: std::collections::BTreeSet<i32>,
    index: workday_index::WorkdayIndex,
}

#[derive(Debug, Clone)]
struct NationalDay {
    name: String,
    is_off_day: bool,
    /// The year file that listed this day (not always the day's own year).
    file_year: i32,
}

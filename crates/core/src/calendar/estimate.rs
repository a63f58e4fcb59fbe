//! Provisional (预估) holiday data for a year whose State Council notice is not published yet.
//!
//! A request received in December must still have a deadline, and stay on the due-soon and
//! overdue lists, before next year's 放假通知 comes out (usually in November, sometimes later).
//! Until then the days off of that year are estimated from the rule every notice applies, the
//! 《全国年节及纪念日放假办法》 as revised on 2024-11-10 (国务院令第795号, in force 2025-01-01):
//!
//! - Art. 2 — holidays of all citizens: 元旦 (1 January), 春节 (农历除夕、正月初一至初三, 4 days),
//!   清明节 (the day of the 清明 solar term), 劳动节 (1 and 2 May), 端午节 (农历五月初五),
//!   中秋节 (农历八月十五), 国庆节 (1 to 3 October): 13 days;
//! - Art. 6 — a holiday of all citizens falling on a Saturday or Sunday is made up (补假) on a
//!   working day: here the first Monday–Friday after its block of holidays that is not itself a
//!   holiday.
//!
//! What cannot be estimated: the 调休 swaps a notice adds (a weekday made a day off, a weekend
//! made a working day). The estimate ignores them, so it can be off by a day or two; every date
//! computed with it is marked provisional, and the real notice replaces it when loaded
//! ([`Calendar::add_year_file`]). Lunar dates and the solar term come from `tyme4rs` (the
//! 寿星天文历 algorithms). Years before 2025 are never estimated: they were under the earlier
//! version of the rule, and all of them have their notices.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use time::{Date, Month, Weekday};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

use super::year_file::{NoticeDay, YearFile};
use super::{Calendar, CalendarError};

/// The rule estimates are made from, as shown with them.
pub const ESTIMATE_SOURCE: &str =
    "依《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订）推算，国务院办公厅放假通知发布后以通知为准";

/// The first year the 2024 revision applies to.
pub const FIRST_ESTIMATED_YEAR: i32 = 2025;

/// Appended to the name of every estimated day.
const MARK: &str = "（预估）";

fn date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn from_tyme(day: SolarDay) -> Option<Date> {
    date(day.get_year() as i32, day.get_month() as u8, day.get_day() as u8)
}

/// The solar date of a day of the lunar year `year`.
fn lunar(year: i32, month: isize, day: usize) -> Option<Date> {
    LunarDay::new(year as isize, month, day).ok().map(|d| d.get_solar_day()).and_then(from_tyme)
}

/// The statutory holidays of all citizens in `year` (Art. 2), as blocks of consecutive days.
pub fn statutory_holidays(year: i32) -> Vec<(&'static str, Vec<Date>)> {
    let spring = lunar(year, 1, 1);
    let qingming = from_tyme(SolarTerm::from_index(year as isize, 7).get_solar_day());
    let mut blocks = vec![
        ("元旦", date(year, 1, 1).into_iter().collect::<Vec<_>>()),
        (
            "春节",
            spring
                .map(|d| (-1..=2).filter_map(|n| d.checked_add(time::Duration::days(n))).collect())
                .unwrap_or_default(),
        ),
        ("清明节", qingming.into_iter().collect()),
        ("劳动节", [date(year, 5, 1), date(year, 5, 2)].into_iter().flatten().collect()),
        ("端午节", lunar(year, 5, 5).into_iter().collect()),
        ("中秋节", lunar(year, 8, 15).into_iter().collect()),
        ("国庆节", (1..=3).filter_map(|d| date(year, 10, d)).collect()),
    ];
    blocks.retain(|(_, days)| !days.is_empty());
    blocks.sort_by_key(|(_, days)| days[0]);
    blocks
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The estimated days off of `year`: the statutory holidays and their 补假 days (Art. 6).
pub fn estimated_year(year: i32) -> YearFile {
    let blocks = statutory_holidays(year);
    let holidays: BTreeSet<Date> = blocks.iter().flat_map(|(_, days)| days.iter().copied()).collect();
    let mut taken = holidays.clone();
    let mut days = Vec::new();
    for (name, block) in &blocks {
        for d in block {
            days.push(NoticeDay { name: format!("{name}{MARK}"), date: *d, is_off_day: true });
        }
        let mut owed = block.iter().filter(|d| is_weekend(**d)).count();
        let mut next = *block.last().expect("blocks are not empty");
        while owed > 0 {
            next = match next.next_day() {
                Some(d) => d,
                None => break,
            };
            if next.year() != year {
                break;
            }
            if !is_weekend(next) && !taken.contains(&next) {
                taken.insert(next);
                days.push(NoticeDay { name: format!("{name}补假{MARK}"), date: next, is_off_day: true });
                owed -= 1;
            }
        }
    }
    days.sort_by_key(|d| d.date);
    YearFile { year, papers: vec![ESTIMATE_SOURCE.to_owned()], days }
}

impl Calendar {
    /// This calendar with every uncovered year of `years` from [`FIRST_ESTIMATED_YEAR`] on filled
    /// with [`estimated_year`]; such years answer [`Calendar::is_estimated`]. Loaded years and
    /// local overrides are unchanged.
    pub fn with_estimates(&self, years: RangeInclusive<i32>) -> Result<Calendar, CalendarError> {
        let mut calendar = self.clone();
        let mut changed = false;
        for year in years.filter(|y| *y >= FIRST_ESTIMATED_YEAR && !self.covers(*y)) {
            calendar.load(estimated_year(year))?;
            calendar.estimated.insert(year);
            changed = true;
        }
        if changed {
            calendar.reindex();
        }
        Ok(calendar)
    }

    /// Whether `year`'s days are an estimate, not a published notice.
    pub fn is_estimated(&self, year: i32) -> bool {
        self.estimated.contains(&year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DayKind;
    use time::macros::date;

    /// Every statutory holiday of a year the State Council has published is a day off in its
    /// notice: the estimate's lunar dates and solar term agree with the real notices.
    #[test]
    fn the_statutory_days_are_days_off_in_every_published_notice_since_2025() {
        let cal = Calendar::embedded();
        for year in FIRST_ESTIMATED_YEAR..=2026 {
            for (name, days) in statutory_holidays(year) {
                for d in days {
                    let kind = cal.day_kind(d).unwrap();
                    assert!(matches!(kind, DayKind::Holiday { .. }), "{year} {name} {d}: {kind:?}");
                }
            }
        }
    }

    #[test]
    fn lunar_holidays_fall_on_their_known_dates() {
        let names = |year| statutory_holidays(year).into_iter().collect::<Vec<_>>();
        let y2026 = names(2026);
        let find = |blocks: &[(&str, Vec<Date>)], n: &str| blocks.iter().find(|(k, _)| *k == n).unwrap().1.clone();
        // 2026: 除夕 2-16, 春节 2-17; 清明 4-05; 端午 6-19; 中秋 9-25 (the published notice).
        assert_eq!(
            find(&y2026, "春节"),
            [date!(2026 - 02 - 16), date!(2026 - 02 - 17), date!(2026 - 02 - 18), date!(2026 - 02 - 19)]
        );
        assert_eq!(find(&y2026, "清明节"), [date!(2026 - 04 - 05)]);
        assert_eq!(find(&y2026, "端午节"), [date!(2026 - 06 - 19)]);
        assert_eq!(find(&y2026, "中秋节"), [date!(2026 - 09 - 25)]);
        let y2027 = names(2027);
        assert_eq!(find(&y2027, "春节")[1], date!(2027 - 02 - 06), "正月初一 2027");
        assert_eq!(y2027.iter().map(|(_, d)| d.len()).sum::<usize>(), 13, "13 days in all");
    }

    #[test]
    fn a_holiday_on_a_weekend_is_made_up_on_the_next_free_weekday() {
        // 2027: 元旦 Fri; 春节 Fri 2-05 … Mon 2-08 (Sat, Sun owed → Tue 2-09, Wed 2-10);
        // 清明 Mon 4-05; 劳动节 Sat 5-01, Sun 5-02 → Mon 5-03, Tue 5-04; 国庆 Fri–Sun → Mon 10-04, Tue 10-05.
        let file = estimated_year(2027);
        let made_up: Vec<Date> = file.days.iter().filter(|d| d.name.contains("补假")).map(|d| d.date).collect();
        assert_eq!(
            made_up,
            [
                date!(2027 - 02 - 09),
                date!(2027 - 02 - 10),
                date!(2027 - 05 - 03),
                date!(2027 - 05 - 04),
                date!(2027 - 10 - 04),
                date!(2027 - 10 - 05)
            ]
        );
        assert!(file.days.iter().all(|d| d.is_off_day && d.name.ends_with("（预估）")));
    }

    #[test]
    fn only_uncovered_years_from_2025_are_estimated() {
        let cal = Calendar::embedded().with_estimates(2006..=2028).unwrap();
        assert!(cal.is_estimated(2027) && cal.is_estimated(2028));
        assert!(!cal.is_estimated(2026) && !cal.is_estimated(2006) && !cal.covers(2006));
        assert_eq!(cal.day_kind(date!(2027 - 01 - 01)).unwrap().describe(), "元旦（预估）");
        assert_eq!(cal.day_kind(date!(2027 - 01 - 04)).unwrap(), DayKind::Ordinary);
        // Dec 2026 comes from the real 2026 notice; the estimate never touches it.
        assert_eq!(cal.add_workdays(date!(2026 - 12 - 31), 1), Ok(date!(2027 - 01 - 04)));
    }
}

//! Properties of working-day arithmetic over the whole embedded data (2007–2026), checked against
//! a slow day-by-day walk that uses only [`Calendar::day_kind`], the one definition of a working day.

use std::sync::OnceLock;

use gongkai_core::calendar::{Calendar, Override, OverrideKind};
use proptest::prelude::*;
use time::Date;
use time::macros::date;

fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::embedded)
}

/// A date from 2007-01-01 to 2025-12-31, so that 200 working days later is still in 2026.
fn any_date() -> impl Strategy<Value = Date> {
    let (first, last) = (date!(2007 - 01 - 01).to_julian_day(), date!(2025 - 12 - 31).to_julian_day());
    (first..=last).prop_map(|day| Date::from_julian_day(day).unwrap())
}

/// The n-th working day after `start`, by walking one day at a time.
fn walk(cal: &Calendar, start: Date, n: u32) -> Date {
    let (mut day, mut left) = (start, n);
    while left > 0 {
        day = day.next_day().unwrap();
        if cal.day_kind(day).unwrap().is_workday() {
            left -= 1;
        }
    }
    day
}

proptest! {
    #[test]
    fn the_fast_index_agrees_with_walking_day_by_day(d in any_date(), n in 0u32..200) {
        prop_assert_eq!(cal().add_workdays(d, n).unwrap(), walk(cal(), d, n));
    }

    #[test]
    fn adding_more_working_days_never_gives_an_earlier_date(d in any_date(), a in 0u32..100, b in 0u32..100) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (early, late) = (cal().add_workdays(d, lo).unwrap(), cal().add_workdays(d, hi).unwrap());
        prop_assert!(early <= late);
        if lo < hi {
            prop_assert!(early < late);
        }
    }

    #[test]
    fn a_later_start_never_gives_an_earlier_answer(a in any_date(), b in any_date(), n in 0u32..100) {
        let (first, second) = (a.min(b), a.max(b));
        prop_assert!(cal().add_workdays(first, n).unwrap() <= cal().add_workdays(second, n).unwrap());
    }

    #[test]
    fn adding_a_then_b_equals_adding_a_plus_b(d in any_date(), a in 0u32..100, b in 0u32..100) {
        let stepwise = cal().add_workdays(cal().add_workdays(d, a).unwrap(), b).unwrap();
        prop_assert_eq!(stepwise, cal().add_workdays(d, a + b).unwrap());
    }

    #[test]
    fn counting_undoes_adding_and_the_answer_is_a_working_day(d in any_date(), n in 1u32..200) {
        let answer = cal().add_workdays(d, n).unwrap();
        prop_assert_eq!(cal().workdays_between(d, answer).unwrap(), i64::from(n));
        prop_assert!(cal().is_workday(answer).unwrap());
        prop_assert_eq!(cal().workdays_between(d, answer.previous_day().unwrap()).unwrap(), i64::from(n) - 1);
    }

    #[test]
    fn counting_is_antisymmetric_and_additive(a in any_date(), b in any_date(), c in any_date()) {
        let between = |x, y| cal().workdays_between(x, y).unwrap();
        prop_assert_eq!(between(a, b), -between(b, a));
        prop_assert_eq!(between(a, b) + between(b, c), between(a, c));
    }

    #[test]
    fn is_workday_agrees_with_the_day_kind(d in any_date()) {
        prop_assert_eq!(cal().is_workday(d).unwrap(), cal().day_kind(d).unwrap().is_workday());
    }

    #[test]
    fn an_extra_off_day_inside_a_period_pushes_its_end_by_one_working_day(
        d in any_date(), n in 1u32..60, pick in 1u32..60,
    ) {
        let pick = pick.min(n);
        let day_off = cal().add_workdays(d, pick).unwrap();
        let local = cal().clone().with_overrides([Override {
            date: day_off,
            kind: OverrideKind::ExtraOffDay,
            reason: "台风停工".into(),
            ordered_by: "某市人民政府".into(),
        }]).unwrap();
        prop_assert_eq!(local.is_workday(day_off).unwrap(), false);
        prop_assert_eq!(local.add_workdays(d, n).unwrap(), cal().add_workdays(d, n + 1).unwrap());
        prop_assert_eq!(local.add_workdays(d, n).unwrap(), walk(&local, d, n));
    }

    #[test]
    fn an_extra_working_day_on_a_rest_day_is_counted(d in any_date(), n in 1u32..60) {
        let Some(rest_day) = (1..=10).map(|k| d + time::Duration::days(k)).find(|x| !cal().is_workday(*x).unwrap()) else {
            return Ok(());
        };
        let local = cal().clone().with_overrides([Override {
            date: rest_day,
            kind: OverrideKind::ExtraWorkday,
            reason: "补班".into(),
            ordered_by: "某县人民政府".into(),
        }]).unwrap();
        prop_assert_eq!(local.is_workday(rest_day).unwrap(), true);
        prop_assert_eq!(local.add_workdays(d, n).unwrap(), walk(&local, d, n));
        prop_assert!(local.add_workdays(d, n).unwrap() <= cal().add_workdays(d, n).unwrap());
    }
}

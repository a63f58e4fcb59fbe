//! Local overrides on top of the national notice.

use gongkai_core::calendar::{Calendar, CalendarError, DayKind, Override, OverrideKind};
use time::macros::date;

fn local(date: time::Date, kind: OverrideKind, reason: &str) -> Override {
    Override { date, kind, reason: reason.into(), ordered_by: "某省人民政府办公厅".into() }
}

#[test]
fn a_provincial_extension_of_the_spring_festival_moves_the_deadline() {
    // Several provinces kept offices closed after the national COVID-19 extension of 2020 (ended
    // Sun 02-02). Suppose a province ordered 02-03…02-07 off: the national answer 2020-02-25
    // (see the worked examples) moves by those 5 working days to Tue 2020-03-03.
    let days = [
        date!(2020 - 02 - 03),
        date!(2020 - 02 - 04),
        date!(2020 - 02 - 05),
        date!(2020 - 02 - 06),
        date!(2020 - 02 - 07),
    ];
    let cal = Calendar::embedded()
        .with_overrides(days.map(|d| local(d, OverrideKind::ExtraOffDay, "疫情防控延迟复工")))
        .unwrap();
    assert_eq!(cal.add_workdays(date!(2020 - 01 - 20), 20), Ok(date!(2020 - 03 - 03)));
    assert!(
        matches!(cal.day_kind(date!(2020 - 02 - 03)), Ok(DayKind::ExtraOffDay(o)) if o.reason == "疫情防控延迟复工")
    );
}

#[test]
fn an_override_beats_the_national_notice_both_ways() {
    let cal = Calendar::embedded()
        .with_overrides([
            // A national 调休 Saturday made off locally …
            local(date!(2025 - 10 - 11), OverrideKind::ExtraOffDay, "地方节日"),
            // … and a national holiday made a working day locally.
            local(date!(2025 - 10 - 08), OverrideKind::ExtraWorkday, "防汛值班"),
        ])
        .unwrap();
    assert_eq!(cal.is_workday(date!(2025 - 10 - 11)), Ok(false));
    assert_eq!(cal.is_workday(date!(2025 - 10 - 08)), Ok(true));
    assert_eq!(
        cal.day_kind(date!(2025 - 10 - 08)).unwrap().describe(),
        "当地调整为工作日：防汛值班（某省人民政府办公厅）"
    );
    // Received Fri 09-26: 09-28 班 = 1, 09-29 = 2, 09-30 = 3, Wed 10-08 (local) = 4, 10-09 = 5,
    // 10-10 = 6, Sat 10-11 now off, Mon 10-13 = 7 — same answer by another route.
    assert_eq!(cal.add_workdays(date!(2025 - 09 - 26), 7), Ok(date!(2025 - 10 - 13)));
    assert_eq!(cal.add_workdays(date!(2025 - 09 - 26), 6), Ok(date!(2025 - 10 - 10)));
}

#[test]
fn overrides_do_not_make_an_uncovered_year_covered() {
    let cal =
        Calendar::embedded().with_overrides([local(date!(2027 - 01 - 04), OverrideKind::ExtraWorkday, "x")]).unwrap();
    assert_eq!(cal.is_workday(date!(2027 - 01 - 04)), Err(CalendarError::YearNotCovered { year: 2027 }));
    assert_eq!(cal.overrides().count(), 1);
}

#[test]
fn the_national_calendar_is_unchanged_by_a_derived_local_one() {
    let national = Calendar::embedded();
    let _local =
        national.clone().with_overrides([local(date!(2025 - 10 - 13), OverrideKind::ExtraOffDay, "x")]).unwrap();
    assert_eq!(national.is_workday(date!(2025 - 10 - 13)), Ok(true));
}

//! Worked examples counted by hand from the State Council holiday notices, one or more per year.
//!
//! Each was counted on paper from the year file in `data/holidays/` (the notice named in its
//! `papers`), day by day after the date of receipt, which itself never counts. In the comments
//! "班" is a 调休 working day on a weekend and "休" a notice off day.

use gongkai_core::calendar::{Calendar, CalendarError};
use time::Date;
use time::macros::date;

fn add(start: Date, n: u32) -> Date {
    Calendar::embedded().add_workdays(start, n).unwrap()
}

#[test]
fn the_spec_check_of_national_day_2025_holds() {
    // Spec §7.2. Received Fri 2025-09-26. Sun 09-28 班 = 1; Mon 09-29 = 2, Tue 09-30 = 3;
    // 10-01…10-08 休 (国庆节、中秋节); Thu 10-09 = 4, Fri 10-10 = 5, Sat 10-11 班 = 6, Mon 10-13 = 7.
    assert_eq!(add(date!(2025 - 09 - 26), 7), date!(2025 - 10 - 13));
    // Then Tue 10-14 … Fri 10-17 = 8…11, 10-20…24 = 12…16, 10-27…30 = 17…20.
    assert_eq!(add(date!(2025 - 09 - 26), 20), date!(2025 - 10 - 30));
    // Fri 10-31 = 21; November has no holiday: 11-03…07 = 22…26, 11-10…14 = 27…31,
    // 11-17…21 = 32…36, 11-24…27 = 37…40.
    assert_eq!(add(date!(2025 - 09 - 26), 40), date!(2025 - 11 - 27));
}

#[test]
fn the_spec_check_of_the_2025_spring_festival_holds() {
    // 2025 reform: 春节 is 4 statutory days (除夕 01-28 to 初三 01-31), with weekend and 调休 the
    // notice gives 01-28…02-04 off, 班 on Sun 01-26 and Sat 02-08. Received Mon 2025-01-20:
    // 01-21…24 = 1…4, Sun 01-26 班 = 5, Mon 01-27 = 6, 01-28…02-04 休, Wed 02-05 = 7, Thu = 8,
    // Fri = 9, Sat 02-08 班 = 10, 02-10…14 = 11…15, 02-17…21 = 16…20.
    assert_eq!(add(date!(2025 - 01 - 20), 20), date!(2025 - 02 - 21));
}

#[test]
fn the_2025_spring_festival_counts_both_make_up_days() {
    // Received Fri 2025-01-24: Sun 01-26 班 = 1, Mon 01-27 = 2, 01-28…02-04 休, 02-05…07 = 3…5,
    // Sat 02-08 班 = 6, 02-10…14 = 7…11, 02-17…21 = 12…16, 02-24…27 = 17…20.
    assert_eq!(add(date!(2025 - 01 - 24), 20), date!(2025 - 02 - 27));
}

#[test]
fn the_2025_labour_day_holiday_of_two_statutory_days_is_skipped() {
    // 2025 reform: 劳动节 is 2 statutory days (05-01, 05-02); the notice gives 05-01…05 off with
    // 班 on Sun 04-27. Received Fri 2025-04-25: Sun 04-27 班 = 1, 04-28…30 = 2…4, 05-01…05 休,
    // Tue 05-06 = 5, Wed = 6, Thu 05-08 = 7.
    assert_eq!(add(date!(2025 - 04 - 25), 7), date!(2025 - 05 - 08));
    // Fri 05-09 = 8, 05-12…16 = 9…13, 05-19…23 = 14…18, Mon 05-26 = 19, Tue 05-27 = 20.
    assert_eq!(add(date!(2025 - 04 - 25), 20), date!(2025 - 05 - 27));
}

#[test]
fn the_2015_victory_day_holiday_and_national_day_are_both_skipped() {
    // 2015 had a second notice (抗战胜利70周年): 09-03…05 休, Sun 09-06 班; then 中秋 Sun 09-27
    // and 国庆 10-01…07 休, 班 Sat 10-10. Received Wed 2015-09-02: Thu 09-03…Sat 09-05 休,
    // Sun 09-06 班 = 1, 09-07…11 = 2…6, 09-14…18 = 7…11, 09-21…25 = 12…16, Sun 09-27 休,
    // 09-28…30 = 17…19, 10-01…07 休, Thu 10-08 = 20.
    assert_eq!(add(date!(2015 - 09 - 02), 20), date!(2015 - 10 - 08));
}

#[test]
fn the_2020_spring_festival_extension_for_covid_19_is_skipped() {
    // 2020 had two notices: 春节 01-24…30 休 with 班 Sun 01-19 and Sat 02-01, then the COVID-19
    // extension to 02-02 (01-31, Sat 02-01 and 02-02 become 休; 02-01 is no longer 班).
    // Received Mon 2020-01-20: 01-21…23 = 1…3, 01-24…02-02 休, 02-03…07 = 4…8, 02-10…14 = 9…13,
    // 02-17…21 = 14…18, Mon 02-24 = 19, Tue 02-25 = 20. (Under the first notice alone it would
    // have been 02-21: Fri 01-31 and Sat 02-01 would have counted.)
    assert_eq!(add(date!(2020 - 01 - 20), 20), date!(2020 - 02 - 25));
}

#[test]
fn the_2019_labour_day_change_is_applied() {
    // 2019's second notice made 劳动节 05-01…04 休 with 班 Sun 04-28 and Sun 05-05.
    // Received Fri 2019-04-26: Sun 04-28 班 = 1, 04-29 = 2, 04-30 = 3, 05-01…04 休, Sun 05-05 班 = 4,
    // 05-06…10 = 5…9, 05-13…17 = 10…14, 05-20…24 = 15…19, Mon 05-27 = 20.
    assert_eq!(add(date!(2019 - 04 - 26), 20), date!(2019 - 05 - 27));
}

#[test]
fn the_2010_mid_autumn_and_national_day_make_up_days_count() {
    // 2010: 中秋 09-22…24 休 with 班 Sun 09-19 and Sat 09-25; 国庆 10-01…07 休 with 班 Sun 09-26
    // and Sat 10-09. Received Fri 2010-09-17: Sun 09-19 班 = 1, Mon 09-20 = 2, Tue 09-21 = 3,
    // 09-22…24 休, Sat 09-25 班 = 4, Sun 09-26 班 = 5, 09-27…30 = 6…9, 10-01…07 休, Fri 10-08 = 10,
    // Sat 10-09 班 = 11, 10-11…15 = 12…16, 10-18…21 = 17…20.
    assert_eq!(add(date!(2010 - 09 - 17), 20), date!(2010 - 10 - 21));
}

#[test]
fn the_2024_spring_festival_is_skipped_between_two_working_sundays() {
    // 2024: 春节 02-10…17 休, 班 Sun 02-04 and Sun 02-18. Received Fri 2024-02-02: Sun 02-04 班 = 1,
    // 02-05…09 = 2…6, 02-10…17 休, Sun 02-18 班 = 7, 02-19…23 = 8…12, 02-26…03-01 = 13…17,
    // 03-04…06 = 18…20.
    assert_eq!(add(date!(2024 - 02 - 02), 20), date!(2024 - 03 - 06));
}

#[test]
fn the_2026_spring_festival_of_nine_days_is_skipped() {
    // 2026: 春节 02-15…23 休, 班 Sat 02-14 and Sat 02-28. Received Fri 2026-02-13: Sat 02-14 班 = 1,
    // 02-15…23 休, 02-24…27 = 2…5, Sat 02-28 班 = 6, 03-02…06 = 7…11, 03-09…13 = 12…16,
    // 03-16…19 = 17…20.
    assert_eq!(add(date!(2026 - 02 - 13), 20), date!(2026 - 03 - 19));
}

#[test]
fn late_december_days_fixed_by_the_next_years_notice_are_honoured() {
    // 2018-12-29…31 are in 2019.json: Sat 12-29 班, 12-30 and 12-31 休, and 2019-01-01 休.
    assert_eq!(add(date!(2018 - 12 - 28), 1), date!(2018 - 12 - 29));
    assert_eq!(add(date!(2018 - 12 - 28), 2), date!(2019 - 01 - 02));
    // 2007-12-29…31 are in 2008.json: Sat 12-29 班, Sun 12-30 and Mon 12-31 休, 2008-01-01 休.
    assert_eq!(add(date!(2007 - 12 - 28), 3), date!(2008 - 01 - 03));
}

#[test]
fn a_make_up_saturday_counts_and_a_holiday_wednesday_does_not() {
    let cal = Calendar::embedded();
    assert_eq!(cal.is_workday(date!(2025 - 09 - 28)), Ok(true), "Sun 09-28 班");
    assert_eq!(cal.is_workday(date!(2025 - 10 - 11)), Ok(true), "Sat 10-11 班");
    assert_eq!(cal.is_workday(date!(2025 - 10 - 01)), Ok(false), "Wed 10-01 国庆节");
    assert_eq!(cal.is_workday(date!(2025 - 10 - 12)), Ok(false), "an ordinary Sunday");
    assert_eq!(cal.is_workday(date!(2025 - 10 - 13)), Ok(true), "an ordinary Monday");
}

#[test]
fn counting_between_agrees_with_the_worked_examples() {
    let cal = Calendar::embedded();
    assert_eq!(cal.workdays_between(date!(2025 - 09 - 26), date!(2025 - 11 - 27)), Ok(40));
    assert_eq!(cal.workdays_between(date!(2020 - 02 - 25), date!(2020 - 01 - 20)), Ok(-20));
    // The whole of 2025 (starts on a Wednesday, so 261 weekdays and 104 weekend days). Weekdays
    // off: 01-01; 春节 01-28…31, 02-03, 02-04 (6); 清明 04-04; 劳动节 05-01, 05-02, 05-05 (3);
    // 端午 06-02; 国庆 10-01…03, 10-06…08 (6) = 18. 班: 01-26, 02-08, 04-27, 09-28, 10-11 = 5.
    // 261 − 18 + 5 = 248.
    assert_eq!(cal.workdays_between(date!(2024 - 12 - 31), date!(2025 - 12 - 31)), Ok(248));
}

#[test]
fn years_outside_the_data_are_refused_by_name() {
    let cal = Calendar::embedded();
    assert_eq!(cal.is_workday(date!(2027 - 03 - 01)), Err(CalendarError::YearNotCovered { year: 2027 }));
    assert_eq!(cal.add_workdays(date!(2026 - 12 - 15), 20), Err(CalendarError::YearNotCovered { year: 2027 }));
    assert_eq!(cal.add_workdays(date!(2006 - 12 - 29), 1), Err(CalendarError::YearNotCovered { year: 2006 }));
    let err = cal.workdays_between(date!(2006 - 06 - 01), date!(2007 - 06 - 01)).unwrap_err();
    assert_eq!(err.to_string().split(':').next(), Some("year 2006 is not covered by the holiday calendar"));
    assert!(cal.add_workdays(date!(2027 - 01 - 04), 0).unwrap_err().to_string().contains("2027"));
}

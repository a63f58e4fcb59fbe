//! Statutory deadline engine for disclosure requests (依申请公开, spec §1.2 and §7). Pure.
//!
//! Owns the counting rules, exactly:
//! - clarification notice due (补正告知, Art. 30) = the 7th working day after receipt;
//! - the reply clock starts on the day of receipt or, after a clarification, on the day the
//!   corrected application was received (Art. 30); the start day itself is not counted;
//! - consultation time is not counted (Art. 33 ¶2): see [`pauses`] for the exact interval; nor,
//!   where the fee rules say so, the time an applicant takes to pay a fee notice;
//! - reply due = the day of the (20 + extension)-th counted working day after the clock start,
//!   the extension being at most 20 working days (Art. 33).
//!
//! The numbers live in a versioned [`Rules`] (2019 and 2008 regulations); working days come from
//! the [`Calendar`]. [`compute`] never guesses: a date in a year whose holiday notice is not
//! loaded gives [`DeadlineError::Calendar`] naming the year. [`estimate`] is what a live case
//! uses: when only a future year's notice is missing, it counts with that year's estimated
//! holidays ([`Calendar::with_estimates`]) and marks the answer `provisional`, so that no case
//! is left without a deadline in December.
//!
//! Files: `case` (input and its validation), `rules` (law as data), `pauses` (consultations, fees),
//! `timeline` (output), `error`.

mod case;
mod error;
pub mod pauses;
mod rules;
mod timeline;

pub use case::{Case, Clarification, Consultation, FeeWait};
pub use error::DeadlineError;
pub use rules::Rules;
pub use timeline::{BeforeRestart, Deadlines, TimelineDay, TimelineKind};

use crate::calendar::{Calendar, CalendarError};

/// Computes the deadlines of `case` under `rules`.
pub fn compute(cal: &Calendar, rules: &Rules, case: &Case) -> Result<Deadlines, DeadlineError> {
    case.validate(rules)?;
    let clarification_notice_due =
        rules.clarification_notice_workdays.map(|n| cal.add_workdays(case.received, n)).transpose()?;
    let mut pauses = pauses::pauses(cal, rules, &case.consultations)?;
    pauses.extend(case.fee.as_ref().map(pauses::fee_pause));
    let base_workdays = case.reply_workdays.unwrap_or(rules.reply_workdays);
    let target = base_workdays + case.extension();

    let mut day = case.clock_start();
    cal.day_kind(day)?;
    let mut counted = 0;
    let mut explanation = Vec::new();
    while counted < target {
        day = day.next_day().ok_or(CalendarError::YearNotCovered { year: day.year() + 1 })?;
        let kind = cal.day_kind(day)?;
        let (timeline_kind, n, reason) = if !kind.is_workday() {
            (TimelineKind::Skipped, None, kind.describe())
        } else if let Some(pause) = pauses::pause_on(&pauses, day) {
            (TimelineKind::Paused, None, pause.describe())
        } else {
            counted += 1;
            (TimelineKind::Counted, Some(counted), kind.describe())
        };
        explanation.push(TimelineDay { date: day, kind: timeline_kind, n, reason });
    }
    let last = day.year().max(clarification_notice_due.map_or(day.year(), |d| d.year()));
    let provisional = (case.received.year()..=last).any(|y| cal.is_estimated(y));
    let before_restart = match case.clarification {
        Some(c) => Some(BeforeRestart {
            received: case.received,
            requested: c.requested,
            corrected: c.received,
            workdays: u32::try_from(cal.workdays_between(case.received, c.requested)?).unwrap_or(0),
        }),
        None => None,
    };
    Ok(Deadlines { clarification_notice_due, reply_due: day, provisional, base_workdays, before_restart, explanation })
}

/// How many years past the last published notice an estimate may reach: a reply period with
/// the longest extension and pauses spans a few months, so the next year and the one after.
const ESTIMATE_YEARS: i32 = 1;

/// [`compute`], or, when the missing year is the one right after the last published notice (and
/// from 2025 on), the same with that year's holidays estimated and `provisional: true`. A gap in
/// the data (a past year, or years skipped) stays an error naming the year.
pub fn estimate(cal: &Calendar, rules: &Rules, case: &Case) -> Result<Deadlines, DeadlineError> {
    match compute(cal, rules, case) {
        Err(DeadlineError::Calendar(CalendarError::YearNotCovered { year }))
            if year >= crate::calendar::estimate::FIRST_ESTIMATED_YEAR
                && cal.covered_years().last().is_some_and(|last| year == last + 1) =>
        {
            let estimated = cal.with_estimates(year..=year + ESTIMATE_YEARS)?;
            compute(&estimated, rules, case)
        }
        other => other,
    }
}

/// Reads a [`Case`] from JSON and computes its deadlines under the regulation in force on the day
/// of receipt ([`Rules::in_force_on`]), provisionally where next year's notice is missing
/// ([`estimate`]).
pub fn from_json(cal: &Calendar, json: &str) -> Result<Deadlines, DeadlineError> {
    let case = Case::from_json(json)?;
    let rules =
        Rules::in_force_on(case.received).ok_or(DeadlineError::NoRegulationInForce { received: case.received })?;
    estimate(cal, rules, &case)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> Calendar {
        Calendar::embedded()
    }

    #[test]
    fn after_a_clarification_the_days_before_the_restart_are_named_and_not_counted() {
        // Received Fri 2025-09-26; 补正 asked Tue 09-30 (Sun 09-28 was a 调休 working day, so
        // three working days had run); the corrected application arrived Wed 10-15.
        let mut case = Case::received_on(date!(2025 - 09 - 26));
        case.clarification = Some(Clarification { requested: date!(2025 - 09 - 30), received: date!(2025 - 10 - 15) });
        let d = compute(&cal(), &Rules::REGULATION_2019, &case).unwrap();
        let b = d.before_restart.unwrap();
        assert_eq!(b.workdays, 3);
        assert_eq!(d.explanation[0].date, date!(2025 - 10 - 16), "the new count starts the day after");
        assert!(
            b.describe().starts_with("2025年9月26日收到申请，至2025年9月30日告知补正已过3个工作日"),
            "{}",
            b.describe()
        );
        assert!(
            compute(&cal(), &Rules::REGULATION_2019, &Case::received_on(date!(2025 - 09 - 26)))
                .unwrap()
                .before_restart
                .is_none()
        );
    }

    #[test]
    fn the_days_waiting_for_a_fee_are_not_counted() {
        // Received Mon 2025-11-03: 20 working days end on Mon 12-01. A fee notice on 11-05 paid
        // on 11-12 stops the clock on 11-06, 07, 10, 11 and 12: five days later, Mon 12-08.
        let mut case = Case::received_on(date!(2025 - 11 - 03));
        assert_eq!(compute(&cal(), &Rules::REGULATION_2019, &case).unwrap().reply_due, date!(2025 - 12 - 01));
        case.fee = Some(FeeWait {
            notified: date!(2025 - 11 - 05),
            pay_by: date!(2025 - 12 - 03),
            paid: Some(date!(2025 - 11 - 12)),
        });
        let d = compute(&cal(), &Rules::REGULATION_2019, &case).unwrap();
        assert_eq!(d.reply_due, date!(2025 - 12 - 08));
        let paused: Vec<_> = d.explanation.iter().filter(|t| t.kind == TimelineKind::Paused).collect();
        assert_eq!(paused.len(), 5);
        assert!(
            paused[0].reason.contains("等待缴纳信息处理费（2025-11-05发出收费通知，2025-11-12缴费）"),
            "{}",
            paused[0].reason
        );
        // Unpaid: the clock stands until the last day to pay.
        case.fee = Some(FeeWait { paid: None, ..case.fee.unwrap() });
        let d = compute(&cal(), &Rules::REGULATION_2019, &case).unwrap();
        assert!(d.reply_due > date!(2025 - 12 - 20), "{}", d.reply_due);
        // A payment before the notice is refused.
        case.fee = Some(FeeWait { paid: Some(date!(2025 - 11 - 04)), ..case.fee.unwrap() });
        let e = compute(&cal(), &Rules::REGULATION_2019, &case).unwrap_err();
        assert_eq!(e.message_zh(), "缴费日期2025-11-04早于收费通知日期2025-11-05");
    }
    #[test]
    fn a_plain_request_is_due_on_the_twentieth_working_day() {
        let d = compute(&cal(), &Rules::REGULATION_2019, &Case::received_on(date!(2025 - 09 - 26))).unwrap();
        assert_eq!(d.clarification_notice_due, Some(date!(2025 - 10 - 13)));
        assert_eq!(d.reply_due, date!(2025 - 10 - 30));
        assert_eq!(d.counted_days(), 20);
        let first = &d.explanation[0];
        assert_eq!(
            (first.date, first.kind, first.reason.as_str()),
            (date!(2025 - 09 - 27), TimelineKind::Skipped, "周末")
        );
        let second = &d.explanation[1];
        assert_eq!(
            (second.date, second.n, second.reason.as_str()),
            (date!(2025 - 09 - 28), Some(1), "调休上班（国庆节、中秋节）")
        );
    }

    #[test]
    fn the_clock_start_must_be_in_a_covered_year_too() {
        let case = Case::received_on(date!(2006 - 12 - 29));
        let err = compute(&cal(), &Rules::REGULATION_2008, &case).unwrap_err();
        assert_eq!(err, DeadlineError::Calendar(CalendarError::YearNotCovered { year: 2006 }));
    }

    #[test]
    fn under_the_2008_regulation_there_is_no_clarification_period_and_fifteen_days_to_reply() {
        // Received Wed 2018-09-26: Thu 27, Fri 28, Sat 09-29 (调休上班), Sun 09-30 (调休上班) = 4;
        // 10-01…07 国庆节; Mon 10-08 … Fri 10-12 = 9; 10-15 … 10-19 = 14; Mon 10-22 = 15.
        let d = from_json(&cal(), r#"{"received":"2018-09-26"}"#).unwrap();
        assert_eq!(d.clarification_notice_due, None);
        assert_eq!(d.reply_due, date!(2018 - 10 - 22));
        let json = serde_json::to_value(&d).unwrap();
        assert!(json["clarification_notice_due"].is_null());
    }

    #[test]
    fn a_request_received_on_2026_12_20_gets_a_provisional_deadline_until_2027_is_loaded() {
        // Sun 2026-12-20: Dec 21–25 (5), 28–31 (9); 2027-01-01 元旦（预估）; Jan 4–8 (14),
        // 11–15 (19), Mon 18 (20).
        let case = Case::received_on(date!(2026 - 12 - 20));
        assert_eq!(
            compute(&cal(), &Rules::REGULATION_2019, &case),
            Err(DeadlineError::Calendar(CalendarError::YearNotCovered { year: 2027 })),
            "compute itself never guesses"
        );
        let d = estimate(&cal(), &Rules::REGULATION_2019, &case).unwrap();
        assert!(d.provisional);
        assert_eq!(d.reply_due, date!(2027 - 01 - 18));
        assert_eq!(d.clarification_notice_due, Some(date!(2026 - 12 - 29)));
        let new_year = d.explanation.iter().find(|t| t.date == date!(2027 - 01 - 01)).unwrap();
        assert_eq!((new_year.kind, new_year.reason.as_str()), (TimelineKind::Skipped, "元旦（预估）"));
        assert_eq!(serde_json::to_value(&d).unwrap()["provisional"], true);

        // The notice is loaded (hypothetical data: 1–3 January off, and a 4 January local-style
        // extra day off): the same case is computed for real and moves by one day.
        let mut loaded = cal();
        loaded
            .add_year_file(
                r#"{"year": 2027, "papers": ["test"], "days": [
                {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
                {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
                {"name": "元旦", "date": "2027-01-04", "isOffDay": true}]}"#,
            )
            .unwrap();
        let real = estimate(&loaded, &Rules::REGULATION_2019, &case).unwrap();
        assert!(!real.provisional);
        assert_eq!(real.reply_due, date!(2027 - 01 - 19));
    }

    #[test]
    fn the_extension_days_are_told_apart_and_counts_read_back_by_day() {
        let case = Case { extension_days: Some(5), ..Case::received_on(date!(2025 - 09 - 26)) };
        let d = compute(&cal(), &Rules::REGULATION_2019, &case).unwrap();
        assert_eq!((d.base_workdays, d.counted_days()), (20, 25));
        assert!(!d.in_extension(20) && d.in_extension(21));
        assert_eq!(d.counted_by(date!(2025 - 10 - 30)), 20, "the base period ends on 10-30");
        assert_eq!(d.counted_by(date!(2025 - 09 - 26)), 0);
        assert_eq!(d.counted_by(d.reply_due), 25);
    }

    #[test]
    fn a_case_wholly_in_a_published_year_is_not_provisional() {
        let d = estimate(&cal(), &Rules::REGULATION_2019, &Case::received_on(date!(2026 - 03 - 02))).unwrap();
        assert!(!d.provisional);
        assert_eq!(
            estimate(&cal(), &Rules::REGULATION_2008, &Case::received_on(date!(2006 - 12 - 29))),
            Err(DeadlineError::Calendar(CalendarError::YearNotCovered { year: 2006 })),
            "a past year is never estimated"
        );
    }

    #[test]
    fn an_application_before_2008_05_01_has_no_regulation() {
        assert_eq!(
            from_json(&cal(), r#"{"received":"2008-04-30"}"#),
            Err(DeadlineError::NoRegulationInForce { received: date!(2008 - 04 - 30) })
        );
    }
}

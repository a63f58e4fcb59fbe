//! Properties of the deadline engine over random cases received 2019-05-15 … 2025-06-30.

use std::sync::OnceLock;

use gongkai_core::calendar::Calendar;
use gongkai_core::request::deadline::{Case, Clarification, Consultation, Rules, TimelineKind, compute};
use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::embedded)
}

const RULES: Rules = Rules::REGULATION_2019;

fn any_case() -> impl Strategy<Value = Case> {
    let (first, last) = (date!(2019 - 05 - 15).to_julian_day(), date!(2025 - 06 - 30).to_julian_day());
    let clarification = proptest::option::of((0i64..15, 0i64..45));
    let consultation = (0i64..60, proptest::option::of(0i64..45));
    let extension = proptest::option::of(0u32..=20);
    (first..=last, clarification, proptest::collection::vec(consultation, 0..4), extension).prop_map(
        |(received, clarification, consultations, extension_days)| {
            let received = Date::from_julian_day(received).unwrap();
            let clarification = clarification.map(|(ask, answer)| Clarification {
                requested: received + Duration::days(ask),
                received: received + Duration::days(ask + answer),
            });
            let consultations = consultations
                .into_iter()
                .map(|(start, len)| {
                    let start = received + Duration::days(start);
                    Consultation { start, end: len.map(|len| start + Duration::days(len)) }
                })
                .collect();
            Case { received, clarification, consultations, extension_days, reply_workdays: None, fee: None }
        },
    )
}

proptest! {
    #[test]
    fn the_counted_days_add_up_to_the_reply_period_plus_the_extension(case in any_case()) {
        let d = compute(cal(), &RULES, &case).unwrap();
        let counted: Vec<u32> = d.explanation.iter().filter_map(|day| day.n).collect();
        let target = 20 + case.extension();
        prop_assert_eq!(counted, (1..=target).collect::<Vec<_>>());
        let last = d.explanation.last().unwrap();
        prop_assert_eq!((last.date, last.kind), (d.reply_due, TimelineKind::Counted));
    }

    #[test]
    fn the_explanation_lists_every_day_after_the_clock_start(case in any_case()) {
        let d = compute(cal(), &RULES, &case).unwrap();
        let mut expected = case.clock_start();
        for day in &d.explanation {
            expected = expected.next_day().unwrap();
            prop_assert_eq!(day.date, expected);
            prop_assert_eq!(day.kind == TimelineKind::Skipped, !cal().is_workday(day.date).unwrap());
            prop_assert_eq!(day.n.is_some(), day.kind == TimelineKind::Counted);
        }
    }

    #[test]
    fn pauses_never_shorten_a_deadline(case in any_case()) {
        let with = compute(cal(), &RULES, &case).unwrap();
        for keep in 0..case.consultations.len() {
            let fewer = Case { consultations: case.consultations[..keep].to_vec(), ..case.clone() };
            prop_assert!(compute(cal(), &RULES, &fewer).unwrap().reply_due <= with.reply_due);
        }
    }

    #[test]
    fn without_pauses_the_reply_is_due_on_the_nth_working_day(case in any_case()) {
        let plain = Case { consultations: Vec::new(), ..case.clone() };
        let d = compute(cal(), &RULES, &plain).unwrap();
        prop_assert_eq!(d.reply_due, cal().add_workdays(case.clock_start(), 20 + case.extension()).unwrap());
    }

    #[test]
    fn working_days_to_the_due_date_are_counted_plus_paused(case in any_case()) {
        let d = compute(cal(), &RULES, &case).unwrap();
        let paused = d.explanation.iter().filter(|day| day.kind == TimelineKind::Paused).count() as i64;
        let total = cal().workdays_between(case.clock_start(), d.reply_due).unwrap();
        prop_assert_eq!(total, i64::from(20 + case.extension()) + paused);
    }

    #[test]
    fn the_clarification_notice_is_due_seven_working_days_after_receipt(case in any_case()) {
        let d = compute(cal(), &RULES, &case).unwrap();
        prop_assert_eq!(d.clarification_notice_due, Some(cal().add_workdays(case.received, 7).unwrap()));
    }
}

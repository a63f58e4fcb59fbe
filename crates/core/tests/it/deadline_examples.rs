//! The deadline engine end to end, from JSON in to JSON out, with hand-counted examples.

use gongkai_core::calendar::{Calendar, CalendarError};
use gongkai_core::request::deadline::{self, Case, DeadlineError, Rules, TimelineKind};
use serde_json::{Value, json};
use time::macros::date;

const EXAMPLE: &str = r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-30","received":"2025-10-15"},"consultations":[{"start":"2025-10-20","end":"2025-11-03"},{"start":"2025-11-05"}],"extension_days":20}"#;

fn cal() -> Calendar {
    Calendar::embedded()
}

#[test]
fn the_documented_example_is_due_on_2026_01_15() {
    // Clarification notice: 7 working days after Fri 2025-09-26 = Mon 2025-10-13.
    // Clock restarts Wed 10-15 (corrected application). Target 20 + 20 = 40 counted days.
    // Thu 10-16 = 1, Fri 10-17 = 2, Mon 10-20 = 3 (consultation starts; its first day runs),
    // 10-21 … Mon 11-03 paused (10 working days), Tue 11-04 = 4, Wed 11-05 = 5 (second
    // consultation starts, no opinion yet: paused to 11-05 + 15 wd = Wed 11-26),
    // 11-06 … 11-26 paused (15 working days), Thu 11-27 = 6, Fri 11-28 = 7, 12-01…05 = 8…12,
    // 12-08…12 = 13…17, 12-15…19 = 18…22, 12-22…26 = 23…27, 12-29…31 = 28…30,
    // 2026-01-01…03 休 (元旦), Sun 01-04 班 = 31, 01-05…09 = 32…36, 01-12…15 = 37…40.
    let d = deadline::from_json(&cal(), EXAMPLE).unwrap();
    assert_eq!(d.clarification_notice_due, Some(date!(2025 - 10 - 13)));
    assert_eq!(d.reply_due, date!(2026 - 01 - 15));
    assert_eq!(d.counted_days(), 40);
    let paused = d.explanation.iter().filter(|day| day.kind == TimelineKind::Paused).count();
    assert_eq!(paused, 25);
    assert_eq!(d.explanation.first().unwrap().date, date!(2025 - 10 - 16));
    assert_eq!(d.explanation.len(), 92, "every day from 10-16 to 01-15");
}

#[test]
fn the_output_json_has_the_documented_shape() {
    let d = deadline::from_json(&cal(), EXAMPLE).unwrap();
    let out: Value = serde_json::to_value(&d).unwrap();
    assert_eq!(out["clarification_notice_due"], "2025-10-13");
    assert_eq!(out["reply_due"], "2026-01-15");
    let days = out["explanation"].as_array().unwrap();
    assert_eq!(days[0], json!({"date": "2025-10-16", "kind": "counted", "n": 1, "reason": "工作日"}));
    assert_eq!(days[2], json!({"date": "2025-10-18", "kind": "skipped", "reason": "周末"}));
    assert_eq!(
        days[5],
        json!({"date": "2025-10-21", "kind": "paused", "reason": "征求意见期间（2025-10-20起，2025-11-03收到意见）"})
    );
    let open = days.iter().find(|d| d["date"] == "2025-11-06").unwrap();
    assert_eq!(open["reason"], "征求意见期间（2025-11-05起，尚未收到意见，按法定期限计至2025-11-26）");
    let new_year = days.iter().find(|d| d["date"] == "2026-01-01").unwrap();
    assert_eq!(new_year["kind"], "skipped");
    assert_eq!(new_year["reason"], "元旦");
    assert_eq!(days.iter().find(|d| d["date"] == "2026-01-04").unwrap()["reason"], "调休上班（元旦）");
    let counted: Vec<u64> = days.iter().filter(|d| d["kind"] == "counted").map(|d| d["n"].as_u64().unwrap()).collect();
    assert_eq!(counted, (1..=40).collect::<Vec<_>>());
    assert_eq!(days.last().unwrap()["date"], "2026-01-15");
}

#[test]
fn the_spec_checks_hold_for_a_plain_request() {
    let d = deadline::from_json(&cal(), r#"{"received":"2025-09-26"}"#).unwrap();
    assert_eq!((d.clarification_notice_due, d.reply_due), (Some(date!(2025 - 10 - 13)), date!(2025 - 10 - 30)));
    let d = deadline::from_json(&cal(), r#"{"received":"2025-09-26","extension_days":20}"#).unwrap();
    assert_eq!(d.reply_due, date!(2025 - 11 - 27));
    assert_eq!(d.counted_days(), 40);
    let d = deadline::from_json(&cal(), r#"{"received":"2025-01-20"}"#).unwrap();
    assert_eq!(d.reply_due, date!(2025 - 02 - 21));
}

#[test]
fn a_clarification_restarts_the_clock_from_the_corrected_application() {
    // Corrected application received Mon 2025-01-27 (before 春节): 01-28…02-04 休, 02-05…07 = 1…3,
    // Sat 02-08 班 = 4, 02-10…14 = 5…9, 02-17…21 = 10…14, 02-24…28 = 15…19, Mon 03-03 = 20.
    let json = r#"{"received":"2025-01-20","clarification":{"requested":"2025-01-22","received":"2025-01-27"}}"#;
    let d = deadline::from_json(&cal(), json).unwrap();
    // The notice was due 7 working days after 01-20: 01-21…24 = 1…4, Sun 01-26 班 = 5, 01-27 = 6, 02-05 = 7.
    assert_eq!(d.clarification_notice_due, Some(date!(2025 - 02 - 05)));
    assert_eq!(d.reply_due, date!(2025 - 03 - 03));
}

#[test]
fn a_consultation_answered_the_same_day_pauses_nothing() {
    let json = r#"{"received":"2025-09-26","consultations":[{"start":"2025-10-09","end":"2025-10-09"}]}"#;
    assert_eq!(deadline::from_json(&cal(), json).unwrap().reply_due, date!(2025 - 10 - 30));
}

#[test]
fn a_consultation_answered_the_next_working_day_pauses_one_day() {
    let json = r#"{"received":"2025-09-26","consultations":[{"start":"2025-10-09","end":"2025-10-10"}]}"#;
    let d = deadline::from_json(&cal(), json).unwrap();
    assert_eq!(d.reply_due, date!(2025 - 10 - 31));
    assert_eq!(d.explanation.iter().filter(|day| day.kind == TimelineKind::Paused).count(), 1);
}

#[test]
fn overlapping_consultations_pause_their_union_once() {
    // (10-09, 10-14] and (10-13, 10-16]: paused Fri 10-10, Sat 10-11 班, Mon 10-13 … Thu 10-16
    // = 6 working days, so 2025-10-30 moves by 6 working days to Fri 11-07 (10-31, 11-03…07).
    let json = r#"{"received":"2025-09-26","consultations":[
        {"start":"2025-10-09","end":"2025-10-14"},{"start":"2025-10-13","end":"2025-10-16"}]}"#;
    assert_eq!(deadline::from_json(&cal(), json).unwrap().reply_due, date!(2025 - 11 - 07));
}

#[test]
fn a_deadline_running_into_an_uncovered_year_names_it_or_is_provisional() {
    // The strict computation names the year; the live one estimates the year after the last
    // published notice and says so.
    let err = compute_2019(r#"{"received":"2026-12-10"}"#).unwrap_err();
    assert_eq!(err, DeadlineError::Calendar(CalendarError::YearNotCovered { year: 2027 }));
    assert!(err.to_string().contains("year 2027 is not covered"));
    let provisional = deadline::from_json(&cal(), r#"{"received":"2026-12-10"}"#).unwrap();
    assert!(provisional.provisional);
    let provisional = deadline::from_json(&cal(), r#"{"received":"2027-01-10"}"#).unwrap();
    assert!(provisional.provisional);
    assert!(!deadline::from_json(&cal(), r#"{"received":"2026-11-02"}"#).unwrap().provisional);
    // A year that does not follow the published data is a gap, not an estimate.
    let err = deadline::from_json(&cal(), r#"{"received":"2030-01-02"}"#).unwrap_err();
    assert_eq!(err, DeadlineError::Calendar(CalendarError::YearNotCovered { year: 2030 }));
    let before = compute_2019(r#"{"received":"2006-11-01"}"#).unwrap_err();
    assert_eq!(before, DeadlineError::Calendar(CalendarError::YearNotCovered { year: 2006 }));
}

#[test]
fn invalid_input_is_one_clear_line() {
    let cases = [
        ("{", "invalid case JSON: EOF while parsing an object at line 1 column 1"),
        (r#"{"received":"2025-09-26","extension":5}"#, "unknown field `extension`"),
        (r#"{"received":"2025-02-29"}"#, r#"invalid date "2025-02-29": that day does not exist in that month"#),
        (
            r#"{"received":"2025-09-26","extension_days":21}"#,
            "an extension of 21 working days exceeds the maximum of 20",
        ),
        (
            r#"{"received":"2025-09-26","consultations":[{"start":"2025-10-20","end":"2025-10-17"}]}"#,
            "the consultation started on 2025-10-20 ends on 2025-10-17, before it started",
        ),
        (
            r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-25","received":"2025-10-15"}}"#,
            "the clarification was requested on 2025-09-25, before the application was received on 2025-09-26",
        ),
        (
            r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-30","received":"2025-09-29"}}"#,
            "the corrected application was received on 2025-09-29, before the clarification was requested on 2025-09-30",
        ),
    ];
    for (json, expected) in cases {
        let message = deadline::from_json(&cal(), json).unwrap_err().to_string();
        assert!(message.contains(expected), "{json}: {message}");
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}

#[test]
fn errors_have_a_chinese_message() {
    let err = deadline::from_json(&cal(), r#"{"received":"2025-09-26","extension_days":25}"#).unwrap_err();
    assert_eq!(err.message_zh(), "延长答复期限25个工作日，超过最长20个工作日");
    let err = compute_2019(r#"{"received":"2027-03-01"}"#).unwrap_err();
    assert!(err.message_zh().starts_with("节假日数据未覆盖2027年"));
}

#[test]
fn the_2008_rules_give_fifteen_plus_fifteen() {
    // Received Mon 2015-09-28 (2008 Regulation): 09-29, 09-30 = 1, 2; 10-01…07 休; 10-08, 10-09 = 3, 4;
    // Sat 10-10 班 = 5; 10-12…16 = 6…10; 10-19…23 = 11…15 → 10-23. Plus 15: 10-26…30 = 16…20,
    // 11-02…06 = 21…25, 11-09…13 = 26…30 → 11-13.
    let d = deadline::from_json(&cal(), r#"{"received":"2015-09-28"}"#).unwrap();
    assert_eq!(d.reply_due, date!(2015 - 10 - 23));
    let d = deadline::from_json(&cal(), r#"{"received":"2015-09-28","extension_days":15}"#).unwrap();
    assert_eq!(d.reply_due, date!(2015 - 11 - 13));
    let err = deadline::from_json(&cal(), r#"{"received":"2015-09-28","extension_days":16}"#).unwrap_err();
    assert!(err.to_string().contains("maximum of 15 under the 2008 Regulation"), "{err}");
}

fn compute_2019(json: &str) -> Result<deadline::Deadlines, DeadlineError> {
    deadline::compute(&cal(), &Rules::REGULATION_2019, &Case::from_json(json)?)
}

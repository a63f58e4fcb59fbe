//! The review chain: every status against every command, the permission each needs, the secrecy
//! gate, and publishing now or later. Who holds a permission is the authorization table's (tested
//! with the application layer's use cases).

use gongkai_core::agency::Permission;
use gongkai_core::catalogue::review::{
    self, Command, Context, Event, ReviewError, Status, apply, check_due, decide, replay, scheduled_for,
};
use proptest::prelude::*;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2025-06-02 09:30 +08:00);

fn ctx() -> Context {
    Context { now: NOW, unresolved_secrecy_hits: 0 }
}

/// One command of each kind, with sign-off both immediate and in the future.
fn commands() -> Vec<Command> {
    vec![
        Command::Submit,
        Command::PassSecrecy,
        Command::PassReview,
        Command::SignOff { publish_at: None },
        Command::SignOff { publish_at: Some(NOW + Duration::days(3)) },
        Command::Return { reason: "请补充依据".into() },
        Command::PublishDue,
        Command::Withdraw { reason: "内容有误".into() },
        Command::Revise,
    ]
}

/// The documented next status for each pair (module docs of `review`), `None` when refused.
fn documented(status: Status, command: &Command) -> Option<Status> {
    use Command as C;
    use Status as S;
    match (status, command) {
        (S::Draft, C::Submit) => Some(S::SecrecyReview),
        (S::SecrecyReview, C::PassSecrecy) => Some(S::Review),
        (S::Review, C::PassReview) => Some(S::SignOff),
        (S::SignOff, C::SignOff { publish_at: None }) => Some(S::Published),
        (S::SignOff, C::SignOff { publish_at: Some(_) }) => Some(S::Scheduled),
        (S::SecrecyReview | S::Review | S::SignOff, C::Return { .. }) => Some(S::Draft),
        (S::Scheduled, C::PublishDue) => Some(S::Published),
        (S::Published | S::Scheduled, C::Withdraw { .. }) => Some(S::Withdrawn),
        (S::Published | S::Withdrawn, C::Revise) => Some(S::Draft),
        _ => None,
    }
}

#[test]
fn every_status_and_command_pair_moves_as_documented_or_is_refused() {
    let mut allowed = 0;
    for status in Status::ALL {
        for command in commands() {
            let result = decide(status, &command, &ctx());
            match documented(status, &command) {
                Some(next) => {
                    let events = result.unwrap_or_else(|e| panic!("{status} {command:?}: {e}"));
                    assert!(!events.is_empty());
                    assert_eq!(events.iter().fold(status, apply), next, "{status} {command:?}");
                    allowed += 1;
                }
                None => {
                    let err = result.expect_err(&format!("{status} {command:?} should be refused"));
                    assert_eq!(err, ReviewError::NotAllowed { status, command: command.label() });
                    assert_eq!(err.to_string(), format!("当前状态“{}”不能执行“{}”", status.label(), command.label()));
                }
            }
        }
    }
    assert_eq!(allowed, 13);
}

#[test]
fn signing_off_in_review_is_refused_in_chinese() {
    let err = decide(Status::Review, &Command::SignOff { publish_at: None }, &ctx()).unwrap_err();
    assert_eq!(err.to_string(), "当前状态“待审核”不能执行“签发”");
}

#[test]
fn returning_needs_the_permission_of_the_step_the_item_waits_at() {
    let back = Command::Return { reason: "r".into() };
    assert_eq!(review::permission(Status::SecrecyReview, &back), Permission::PassSecrecyReview);
    assert_eq!(review::permission(Status::Review, &back), Permission::PassContentReview);
    assert_eq!(review::permission(Status::SignOff, &back), Permission::SignOffItems);
    assert_eq!(review::permission(Status::SignOff, &Command::SignOff { publish_at: None }), Permission::SignOffItems);
    assert!(review::author_only(&Command::Submit) && review::author_only(&Command::Revise));
    assert!(!review::author_only(&Command::Withdraw { reason: "r".into() }));
}

#[test]
fn secrecy_review_cannot_pass_while_scan_hits_are_open() {
    let mut reviewer = ctx();
    reviewer.unresolved_secrecy_hits = 2;
    let err = decide(Status::SecrecyReview, &Command::PassSecrecy, &reviewer).unwrap_err();
    assert_eq!(err, ReviewError::SecrecyHitsRemain { count: 2 });
    assert_eq!(err.to_string(), "还有2处保密审查提示未处理");
    // Returning the item is still possible: the author fixes it.
    assert!(decide(Status::SecrecyReview, &Command::Return { reason: "请删去手机号".into() }, &reviewer).is_ok());
    reviewer.unresolved_secrecy_hits = 0;
    assert_eq!(decide(Status::SecrecyReview, &Command::PassSecrecy, &reviewer).unwrap(), [Event::SecrecyPassed]);
}

#[test]
fn returning_and_withdrawing_need_a_reason() {
    let err = decide(Status::Review, &Command::Return { reason: "  ".into() }, &ctx()).unwrap_err();
    assert_eq!(err.to_string(), "退回须填写理由");
    let err = decide(Status::Published, &Command::Withdraw { reason: String::new() }, &ctx()).unwrap_err();
    assert_eq!(err.to_string(), "撤回须填写理由");
    let events = decide(Status::Review, &Command::Return { reason: " 依据不足 ".into() }, &ctx()).unwrap();
    assert_eq!(events, [Event::Returned { from: Status::Review, reason: "依据不足".into() }]);
}

#[test]
fn signing_off_without_a_time_or_with_a_past_time_publishes_now() {
    let approver = ctx();
    for publish_at in [None, Some(NOW - Duration::hours(1)), Some(NOW)] {
        let events = decide(Status::SignOff, &Command::SignOff { publish_at }, &approver).unwrap();
        assert_eq!(events, [Event::SignedOff { publish_at: NOW }, Event::Published { at: NOW }], "{publish_at:?}");
    }
}

#[test]
fn signing_off_for_a_future_time_schedules_and_the_job_publishes_when_due() {
    let later = NOW + Duration::days(1);
    let events = decide(Status::SignOff, &Command::SignOff { publish_at: Some(later) }, &ctx()).unwrap();
    assert_eq!(events, [Event::SignedOff { publish_at: later }, Event::Scheduled { publish_at: later }]);
    assert_eq!(scheduled_for(&events), Some(later));

    assert_eq!(check_due(later, NOW).unwrap_err().to_string(), "定时发布时间2025-06-03 09:30（北京时间）未到");
    let system = Context { now: later, ..ctx() };
    check_due(later, system.now).unwrap();
    assert_eq!(decide(Status::Scheduled, &Command::PublishDue, &system).unwrap(), [Event::Published { at: later }]);
}

#[test]
fn the_whole_chain_replays_from_its_log() {
    let steps = [
        Command::Submit,
        Command::PassSecrecy,
        Command::PassReview,
        Command::SignOff { publish_at: None },
        Command::Withdraw { reason: "有误".into() },
        Command::Revise,
        Command::Submit,
    ];
    let mut log = Vec::new();
    let mut status = Status::Draft;
    for command in steps {
        let events = decide(status, &command, &ctx()).unwrap();
        status = events.iter().fold(status, apply);
        log.extend(events);
    }
    assert_eq!(status, Status::SecrecyReview);
    assert_eq!(replay(&log), status);
    let json = serde_json::to_string(&log).unwrap();
    assert_eq!(serde_json::from_str::<Vec<Event>>(&json).unwrap(), log);
}

#[test]
fn commands_read_from_json() {
    let c: Command =
        serde_json::from_str(r#"{"command":"sign_off","publish_at":"2025-06-03T09:30:00+08:00"}"#).unwrap();
    assert_eq!(c, Command::SignOff { publish_at: Some(datetime!(2025-06-03 09:30 +08:00)) });
    let c: Command = serde_json::from_str(r#"{"command":"sign_off"}"#).unwrap();
    assert_eq!(c, Command::SignOff { publish_at: None });
    let c: Command = serde_json::from_str(r#"{"command":"return","reason":"补充"}"#).unwrap();
    assert_eq!(c.label(), "退回");
}

proptest! {
    /// Whatever is tried, by whomever: the status only moves by the events decided, and an item is
    /// published only by a sign-off or by the publication job on a scheduled item.
    #[test]
    fn random_command_sequences_keep_the_log_and_status_in_step(
        steps in prop::collection::vec((0usize..9, 0usize..2), 0..40)
    ) {
        let mut status = Status::Draft;
        let mut log: Vec<Event> = Vec::new();
        for (which, hits) in steps {
            let command = commands()[which].clone();
            let context = Context { now: NOW, unresolved_secrecy_hits: hits };
            let before = status;
            match decide(status, &command, &context) {
                Ok(events) => {
                    if events.iter().any(|e| matches!(e, Event::Published { .. })) {
                        let by_sign_off_or_job = matches!(
                            (before, &command),
                            (Status::SignOff, Command::SignOff { .. }) | (Status::Scheduled, Command::PublishDue)
                        );
                        prop_assert!(by_sign_off_or_job);
                    }
                    if matches!(command, Command::PassSecrecy) {
                        prop_assert_eq!(hits, 0);
                    }
                    status = events.iter().fold(status, apply);
                    prop_assert_eq!(Some(status), documented(before, &command));
                    log.extend(events);
                }
                Err(_) => prop_assert_eq!(status, before),
            }
            prop_assert_eq!(replay(&log), status);
        }
    }
}

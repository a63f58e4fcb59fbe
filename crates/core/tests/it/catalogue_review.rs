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
    Context { now: NOW, unresolved_secrecy_hits: 0, sign_off: None }
}

/// One command of each kind, with sign-off both immediate and in the future.
fn commands() -> Vec<Command> {
    vec![
        Command::Submit,
        Command::PassSecrecy,
        Command::PassReview,
        Command::SignOff { publish_at: None, late_reason: String::new(), formed_on: None },
        Command::SignOff { publish_at: Some(NOW + Duration::days(3)), late_reason: String::new(), formed_on: None },
        Command::Return { reason: "请补充依据".into() },
        Command::PublishDue,
        Command::Withdraw { reason: "内容有误".into() },
        Command::Revise,
        Command::Repeal {
            validity: gongkai_core::catalogue::validity::Validity::Repealed,
            on: Some(time::macros::date!(2026 - 12 - 01)),
            basis: "浩府发〔2026〕1号".into(),
        },
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
        (S::SignOff, C::SignOff { publish_at: None, .. }) => Some(S::Published),
        (S::SignOff, C::SignOff { publish_at: Some(_), .. }) => Some(S::Scheduled),
        (S::SecrecyReview | S::Review | S::SignOff, C::Return { .. }) => Some(S::Draft),
        (S::Scheduled, C::PublishDue) => Some(S::Published),
        (S::Published | S::Scheduled, C::Withdraw { .. }) => Some(S::Withdrawn),
        // A published item stays online while its revision (another item) is in the chain.
        (S::Published, C::Revise) => Some(S::Published),
        (S::Withdrawn, C::Revise) => Some(S::Draft),
        (S::Published, C::Repeal { .. }) => Some(S::Published),
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
    assert_eq!(allowed, 14);
}

#[test]
fn signing_off_in_review_is_refused_in_chinese() {
    let err = decide(
        Status::Review,
        &Command::SignOff { publish_at: None, late_reason: String::new(), formed_on: None },
        &ctx(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "当前状态“待审核”不能执行“签发”");
}

#[test]
fn returning_needs_the_permission_of_the_step_the_item_waits_at() {
    let back = Command::Return { reason: "r".into() };
    assert_eq!(review::permission(Status::SecrecyReview, &back), Permission::PassSecrecyReview);
    assert_eq!(review::permission(Status::Review, &back), Permission::PassContentReview);
    assert_eq!(review::permission(Status::SignOff, &back), Permission::SignOffItems);
    assert_eq!(
        review::permission(
            Status::SignOff,
            &Command::SignOff { publish_at: None, late_reason: String::new(), formed_on: None }
        ),
        Permission::SignOffItems
    );
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
        let events = decide(
            Status::SignOff,
            &Command::SignOff { publish_at, late_reason: String::new(), formed_on: None },
            &approver,
        )
        .unwrap();
        assert_eq!(
            events,
            [Event::SignedOff { publish_at: NOW, formed_on: None, late: None }, Event::Published { at: NOW }],
            "{publish_at:?}"
        );
    }
}

#[test]
fn a_repeal_needs_its_validity_date_and_basis_and_keeps_the_item_published() {
    use gongkai_core::catalogue::validity::Validity;
    let repeal = |validity, on, basis: &str| Command::Repeal { validity, on, basis: basis.into() };
    let day = Some(time::macros::date!(2026 - 12 - 01));
    let refused = |c: Command| decide(Status::Published, &c, &ctx()).unwrap_err().to_string();
    assert_eq!(refused(repeal(Validity::InForce, day, "文件")), "请选择“废止”或“失效”");
    assert_eq!(refused(repeal(Validity::Repealed, None, "文件")), "请填写废止或失效的日期");
    assert_eq!(refused(repeal(Validity::Expired, day, " ")), "废止或失效须填写理由");
    let events = decide(Status::Published, &repeal(Validity::Expired, day, "浩府发〔2026〕1号"), &ctx()).unwrap();
    assert_eq!(events[0].describe(), "失效：自2026年12月1日起，依据浩府发〔2026〕1号");
    assert_eq!(events.iter().fold(Status::Published, apply), Status::Published);
    assert!(decide(Status::Draft, &repeal(Validity::Repealed, day, "x"), &ctx()).is_err());
    assert_eq!(review::permission(Status::Published, &repeal(Validity::Repealed, day, "x")), Permission::SignOffItems);
}

#[test]
fn signing_off_late_needs_a_reason_kept_in_the_log_and_a_missing_formed_date_is_asked_for() {
    use gongkai_core::catalogue::review::{LateSignOff, SignOffTiming};
    let sign_off = |late_reason: &str, formed_on| Command::SignOff {
        publish_at: None,
        late_reason: late_reason.into(),
        formed_on,
    };
    let late = Context {
        sign_off: Some(SignOffTiming::Counted {
            formed: time::macros::date!(2025 - 04 - 01),
            workdays: 27,
            late: true,
        }),
        ..ctx()
    };
    let err = decide(Status::SignOff, &sign_off("  ", None), &late).unwrap_err();
    assert_eq!(
        err.to_string(),
        "距信息形成之日已27个工作日，超过《条例》第二十六条规定的20个工作日：签发须填写逾期理由"
    );
    let events = decide(Status::SignOff, &sign_off(" 会签单位意见返回较晚 ", None), &late).unwrap();
    let logged = LateSignOff { workdays: 27, reason: "会签单位意见返回较晚".into() };
    assert_eq!(events[0], Event::SignedOff { publish_at: NOW, formed_on: None, late: Some(logged) });
    assert!(events[0].describe().contains("27个工作日"), "{}", events[0].describe());
    let json = serde_json::to_string(&events[0]).unwrap();
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), events[0]);

    let missing = Context { sign_off: Some(SignOffTiming::FormedDateMissing), ..ctx() };
    assert!(decide(Status::SignOff, &sign_off("", None), &missing).unwrap_err().to_string().contains("形成日期"));
    // Within the limit no reason is asked; old events without the new fields still read.
    let within = Context {
        sign_off: Some(SignOffTiming::Counted {
            formed: time::macros::date!(2025 - 05 - 30),
            workdays: 2,
            late: false,
        }),
        ..ctx()
    };
    let events = decide(Status::SignOff, &sign_off("", None), &within).unwrap();
    assert_eq!(events[0], Event::SignedOff { publish_at: NOW, formed_on: None, late: None });
    let old: Event = serde_json::from_str(r#"{"type":"signed_off","publish_at":"2025-06-03T09:30:00+08:00"}"#).unwrap();
    assert!(matches!(old, Event::SignedOff { formed_on: None, late: None, .. }));
}

#[test]
fn signing_off_for_a_future_time_schedules_and_the_job_publishes_when_due() {
    let later = NOW + Duration::days(1);
    let events = decide(
        Status::SignOff,
        &Command::SignOff { publish_at: Some(later), late_reason: String::new(), formed_on: None },
        &ctx(),
    )
    .unwrap();
    assert_eq!(
        events,
        [Event::SignedOff { publish_at: later, formed_on: None, late: None }, Event::Scheduled { publish_at: later }]
    );
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
        Command::SignOff { publish_at: None, late_reason: String::new(), formed_on: None },
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
    assert_eq!(
        c,
        Command::SignOff {
            publish_at: Some(datetime!(2025-06-03 09:30 +08:00)),
            late_reason: String::new(),
            formed_on: None
        }
    );
    let c: Command = serde_json::from_str(r#"{"command":"sign_off"}"#).unwrap();
    assert_eq!(c, Command::SignOff { publish_at: None, late_reason: String::new(), formed_on: None });
    let c: Command = serde_json::from_str(r#"{"command":"return","reason":"补充"}"#).unwrap();
    assert_eq!(c.label(), "退回");
}

proptest! {
    /// Whatever is tried, by whomever: the status only moves by the events decided, and an item is
    /// published only by a sign-off or by the publication job on a scheduled item.
    #[test]
    fn random_command_sequences_keep_the_log_and_status_in_step(
        steps in prop::collection::vec((0usize..10, 0usize..2), 0..40)
    ) {
        let mut status = Status::Draft;
        let mut log: Vec<Event> = Vec::new();
        for (which, hits) in steps {
            let command = commands()[which].clone();
            let context = Context { now: NOW, unresolved_secrecy_hits: hits, sign_off: None };
            let before = status;
            match decide(status, &command, &context) {
                Ok(events) => {
                    // A revision's publication is the store's (Merged, RevisionPublished), never decided here.
                    let by_the_store = |e: &Event| matches!(e, Event::Merged { .. } | Event::RevisionPublished { .. });
                    prop_assert!(!events.iter().any(by_the_store));
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

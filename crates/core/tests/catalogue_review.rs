//! The review chain: every status against every command, who may act, the secrecy gate, and
//! publishing now or later.

use gongkai_core::agency::{Role, Roles};
use gongkai_core::catalogue::review::{
    self, Command, Context, Event, ReviewError, Status, apply, check_due, decide, replay, scheduled_for,
};
use proptest::prelude::*;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2025-06-02 09:30 +08:00);

fn ctx(roles: &[Role]) -> Context {
    Context { roles: Roles::new(roles.to_vec()), now: NOW, unresolved_secrecy_hits: 0, is_author: true }
}

/// Everyone at once: the table test is about statuses, not roles.
fn all_roles() -> Context {
    ctx(&Role::ALL)
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
            let result = decide(status, &command, &all_roles());
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
    let err = decide(Status::Review, &Command::SignOff { publish_at: None }, &all_roles()).unwrap_err();
    assert_eq!(err.to_string(), "当前状态“待审核”不能执行“签发”");
}

#[test]
fn each_step_needs_its_own_role() {
    let cases = [
        (Status::SecrecyReview, Command::PassSecrecy, Role::SecrecyReviewer),
        (Status::Review, Command::PassReview, Role::Reviewer),
        (Status::SignOff, Command::SignOff { publish_at: None }, Role::Approver),
        (Status::SecrecyReview, Command::Return { reason: "r".into() }, Role::SecrecyReviewer),
        (Status::Review, Command::Return { reason: "r".into() }, Role::Reviewer),
        (Status::SignOff, Command::Return { reason: "r".into() }, Role::Approver),
    ];
    for (status, command, role) in cases {
        assert!(decide(status, &command, &ctx(&[role])).is_ok(), "{status} {command:?} by {role}");
        for other in Role::ALL.into_iter().filter(|r| *r != role) {
            let err = decide(status, &command, &ctx(&[other])).unwrap_err();
            assert_eq!(err.to_string(), format!("需要“{}”角色", role.label()), "{status} {command:?} by {other}");
        }
    }
}

#[test]
fn an_admin_does_not_stand_in_for_the_approver() {
    let err = decide(Status::SignOff, &Command::SignOff { publish_at: None }, &ctx(&[Role::Admin])).unwrap_err();
    assert_eq!(err.to_string(), "需要“签发”角色");
}

#[test]
fn withdrawing_needs_an_approver_or_an_admin() {
    let withdraw = Command::Withdraw { reason: "已被新文件替代".into() };
    for role in [Role::Approver, Role::Admin] {
        let events = decide(Status::Published, &withdraw, &ctx(&[role])).unwrap();
        assert_eq!(events, [Event::Withdrawn { reason: "已被新文件替代".into() }]);
    }
    let err = decide(Status::Published, &withdraw, &ctx(&[Role::Drafter, Role::Reviewer])).unwrap_err();
    assert_eq!(err.to_string(), "需要“签发”或“管理员”角色");
}

#[test]
fn only_the_author_or_an_admin_submits_and_revises() {
    let mut other_drafter = ctx(&[Role::Drafter]);
    other_drafter.is_author = false;
    assert_eq!(
        decide(Status::Draft, &Command::Submit, &other_drafter).unwrap_err().to_string(),
        "只有起草人本人或管理员可以提交"
    );
    assert_eq!(
        decide(Status::Withdrawn, &Command::Revise, &other_drafter).unwrap_err().to_string(),
        "只有起草人本人或管理员可以修订"
    );
    assert_eq!(decide(Status::Draft, &Command::Submit, &ctx(&[Role::Drafter])).unwrap(), [Event::Submitted]);
    let mut admin = ctx(&[Role::Admin]);
    admin.is_author = false;
    assert_eq!(decide(Status::Published, &Command::Revise, &admin).unwrap(), [Event::Revised]);
    let mut author_without_role = ctx(&[Role::Reviewer]);
    author_without_role.is_author = true;
    assert_eq!(
        decide(Status::Draft, &Command::Submit, &author_without_role).unwrap_err().to_string(),
        "需要“起草”或“管理员”角色"
    );
}

#[test]
fn secrecy_review_cannot_pass_while_scan_hits_are_open() {
    let mut reviewer = ctx(&[Role::SecrecyReviewer]);
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
    let err = decide(Status::Review, &Command::Return { reason: "  ".into() }, &ctx(&[Role::Reviewer])).unwrap_err();
    assert_eq!(err.to_string(), "退回须填写理由");
    let err =
        decide(Status::Published, &Command::Withdraw { reason: String::new() }, &ctx(&[Role::Approver])).unwrap_err();
    assert_eq!(err.to_string(), "撤回须填写理由");
    let events =
        decide(Status::Review, &Command::Return { reason: " 依据不足 ".into() }, &ctx(&[Role::Reviewer])).unwrap();
    assert_eq!(events, [Event::Returned { from: Status::Review, reason: "依据不足".into() }]);
}

#[test]
fn signing_off_without_a_time_or_with_a_past_time_publishes_now() {
    let approver = ctx(&[Role::Approver]);
    for publish_at in [None, Some(NOW - Duration::hours(1)), Some(NOW)] {
        let events = decide(Status::SignOff, &Command::SignOff { publish_at }, &approver).unwrap();
        assert_eq!(events, [Event::SignedOff { publish_at: NOW }, Event::Published { at: NOW }], "{publish_at:?}");
    }
}

#[test]
fn signing_off_for_a_future_time_schedules_and_the_job_publishes_when_due() {
    let later = NOW + Duration::days(1);
    let events =
        decide(Status::SignOff, &Command::SignOff { publish_at: Some(later) }, &ctx(&[Role::Approver])).unwrap();
    assert_eq!(events, [Event::SignedOff { publish_at: later }, Event::Scheduled { publish_at: later }]);
    assert_eq!(scheduled_for(&events), Some(later));

    assert_eq!(check_due(later, NOW).unwrap_err().to_string(), "定时发布时间2025-06-03 09:30（北京时间）未到");
    let system = Context { now: later, ..ctx(&[]) };
    check_due(later, system.now).unwrap();
    assert_eq!(decide(Status::Scheduled, &Command::PublishDue, &system).unwrap(), [Event::Published { at: later }]);
}

#[test]
fn the_whole_chain_replays_from_its_log() {
    let steps = [
        (Command::Submit, Role::Drafter),
        (Command::PassSecrecy, Role::SecrecyReviewer),
        (Command::PassReview, Role::Reviewer),
        (Command::SignOff { publish_at: None }, Role::Approver),
        (Command::Withdraw { reason: "有误".into() }, Role::Approver),
        (Command::Revise, Role::Drafter),
        (Command::Submit, Role::Drafter),
    ];
    let mut log = Vec::new();
    let mut status = Status::Draft;
    for (command, role) in steps {
        let events = decide(status, &command, &ctx(&[role])).unwrap();
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

#[test]
fn an_item_in_review_waits_for_the_role_of_its_step_and_a_published_one_for_nobody() {
    assert_eq!(review::waiting_for(Status::Draft), Some(&[Role::Drafter, Role::Admin][..]));
    assert_eq!(review::waiting_for(Status::SecrecyReview), Some(&[Role::SecrecyReviewer][..]));
    assert_eq!(review::waiting_for(Status::Review), Some(&[Role::Reviewer][..]));
    assert_eq!(review::waiting_for(Status::SignOff), Some(&[Role::Approver][..]));
    for status in [Status::Scheduled, Status::Published, Status::Withdrawn] {
        assert_eq!(review::waiting_for(status), None);
    }
}

proptest! {
    /// Whatever is tried, by whomever: the status only moves by the events decided, and an item is
    /// published only by a sign-off or by the publication job on a scheduled item.
    #[test]
    fn random_command_sequences_keep_the_log_and_status_in_step(
        steps in prop::collection::vec((0usize..9, prop::collection::vec(0usize..7, 0..3), any::<bool>(), 0usize..2), 0..40)
    ) {
        let mut status = Status::Draft;
        let mut log: Vec<Event> = Vec::new();
        for (which, roles, is_author, hits) in steps {
            let command = commands()[which].clone();
            let roles: Vec<Role> = roles.into_iter().map(|r| Role::ALL[r]).collect();
            let context = Context { roles: Roles::new(roles), now: NOW, unresolved_secrecy_hits: hits, is_author };
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

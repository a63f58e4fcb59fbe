//! The decision: status + command + context → events, or a refusal saying why.

use time::OffsetDateTime;

use super::{Command, Event, LateSignOff, ReviewError, SignOffTiming, Status};
use crate::agency::policy::Permission;
use crate::catalogue::validity::Validity;

/// What [`decide`] needs to know besides the status and the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The time of the command; it stamps [`Event::Published`] and decides "now or later".
    pub now: OffsetDateTime,
    /// Hits of the secrecy scan not yet redacted or confirmed.
    pub unresolved_secrecy_hits: usize,
    /// At 签发: where publishing now stands against Art. 26 (`None` when nothing is checked, as
    /// for imported items, which keep the date the old site published them).
    pub sign_off: Option<SignOffTiming>,
}

/// The events `command` produces for an item in `status`, or why it is refused. The rules are the
/// table in the module docs; checks run in the order status, reason, secrecy hits. Who may send
/// the command ([`permission`], [`author_only`]) is the application layer's
/// to check first.
pub fn decide(status: Status, command: &Command, ctx: &Context) -> Result<Vec<Event>, ReviewError> {
    use Command as C;
    use Status as S;
    let events = match (status, command) {
        (S::Draft, C::Submit) => vec![Event::Submitted],
        (S::SecrecyReview, C::PassSecrecy) => {
            if ctx.unresolved_secrecy_hits > 0 {
                return Err(ReviewError::SecrecyHitsRemain { count: ctx.unresolved_secrecy_hits });
            }
            vec![Event::SecrecyPassed]
        }
        (S::Review, C::PassReview) => vec![Event::ReviewPassed],
        (S::SignOff, C::SignOff { publish_at, late_reason, formed_on }) => {
            let late = match ctx.sign_off {
                Some(SignOffTiming::FormedDateMissing) => return Err(ReviewError::FormedDateRequired),
                Some(timing) => match timing.late_by() {
                    Some(workdays) if late_reason.trim().is_empty() => {
                        return Err(ReviewError::LateReasonRequired { workdays });
                    }
                    Some(workdays) => Some(LateSignOff { workdays, reason: late_reason.trim().to_owned() }),
                    None => None,
                },
                None => None,
            };
            let formed_on = *formed_on;
            match publish_at {
                Some(at) if *at > ctx.now => {
                    vec![Event::SignedOff { publish_at: *at, formed_on, late }, Event::Scheduled { publish_at: *at }]
                }
                _ => vec![Event::SignedOff { publish_at: ctx.now, formed_on, late }, Event::Published { at: ctx.now }],
            }
        }
        (S::SecrecyReview | S::Review | S::SignOff, C::Return { reason }) => {
            vec![Event::Returned { from: status, reason: reason_given(reason, command)? }]
        }
        (S::Scheduled, C::PublishDue) => vec![Event::Published { at: ctx.now }],
        (S::Published | S::Scheduled, C::Withdraw { reason }) => {
            vec![Event::Withdrawn { reason: reason_given(reason, command)? }]
        }
        (S::Published, C::Revise) => vec![Event::RevisionOpened],
        (S::Withdrawn, C::Revise) => vec![Event::Revised],
        (S::Published, C::Repeal { validity, on, basis }) => {
            if *validity == Validity::InForce {
                return Err(ReviewError::RepealNeedsValidity);
            }
            let Some(on) = on else { return Err(ReviewError::RepealNeedsDate) };
            vec![Event::Repealed { validity: *validity, on: *on, basis: reason_given(basis, command)? }]
        }
        _ => return Err(ReviewError::NotAllowed { status, command: command.label() }),
    };
    Ok(events)
}

/// The time check of [`Command::PublishDue`]: a scheduled item may be published once `now` has
/// reached its `publish_at` (from [`super::scheduled_for`] or the stored schedule). [`decide`]
/// cannot make this check, as the status does not carry the time; the publication job selects due
/// items, and anything else sending `PublishDue` must call this first.
pub fn check_due(publish_at: OffsetDateTime, now: OffsetDateTime) -> Result<(), ReviewError> {
    if now >= publish_at { Ok(()) } else { Err(ReviewError::NotDue { publish_at }) }
}

/// The permission a command needs on an item in `status` (see [`crate::agency::policy`]):
/// returning an item needs the permission of the step it waits at.
pub fn permission(status: Status, command: &Command) -> Permission {
    match command {
        Command::Submit => Permission::SubmitItems,
        Command::PassSecrecy => Permission::PassSecrecyReview,
        Command::PassReview => Permission::PassContentReview,
        Command::SignOff { .. } | Command::PublishDue => Permission::SignOffItems,
        Command::Return { .. } => match status {
            Status::SecrecyReview => Permission::PassSecrecyReview,
            Status::Review => Permission::PassContentReview,
            _ => Permission::SignOffItems,
        },
        Command::Withdraw { .. } => Permission::WithdrawItems,
        Command::Revise => Permission::ReviseItems,
        Command::Repeal { .. } => Permission::SignOffItems,
    }
}

/// Whether only the item's author may send `command` (an administrator of the agency always may):
/// submitting and revising are the author's.
pub fn author_only(command: &Command) -> bool {
    matches!(command, Command::Submit | Command::Revise)
}

/// Whether `command` is a check on someone else's work (保密审查, 审核, 签发): under separation of
/// duties the item's author may not send it, whatever roles they hold (an account holding
/// every role cannot push its own item through).
pub fn is_check(command: &Command) -> bool {
    matches!(command, Command::PassSecrecy | Command::PassReview | Command::SignOff { .. })
}

fn reason_given(reason: &str, command: &Command) -> Result<String, ReviewError> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(ReviewError::ReasonRequired { command: command.label() })
    } else {
        Ok(reason.to_owned())
    }
}

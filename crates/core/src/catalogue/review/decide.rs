//! The decision: status + command + context → events, or a refusal saying why.

use time::OffsetDateTime;

use super::{Command, Event, ReviewError, Status};
use crate::agency::{Role, Roles};

/// What [`decide`] needs to know besides the status and the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The actor's roles in the item's agency (empty for the system).
    pub roles: Roles,
    /// The time of the command; it stamps [`Event::Published`] and decides "now or later".
    pub now: OffsetDateTime,
    /// Hits of the secrecy scan not yet redacted or confirmed.
    pub unresolved_secrecy_hits: usize,
    /// Whether the actor wrote the item.
    pub is_author: bool,
}

const DRAFTER: &[Role] = &[Role::Drafter, Role::Admin];
const SECRECY_REVIEWER: &[Role] = &[Role::SecrecyReviewer];
const REVIEWER: &[Role] = &[Role::Reviewer];
const APPROVER: &[Role] = &[Role::Approver];
const APPROVER_OR_ADMIN: &[Role] = &[Role::Approver, Role::Admin];

/// The events `command` produces for an item in `status`, or why it is refused. The rules are the
/// table in the module docs; checks run in the order status, role, author, reason, secrecy hits.
pub fn decide(status: Status, command: &Command, ctx: &Context) -> Result<Vec<Event>, ReviewError> {
    use Command as C;
    use Status as S;
    let events = match (status, command) {
        (S::Draft, C::Submit) => {
            require_author(ctx, command)?;
            vec![Event::Submitted]
        }
        (S::SecrecyReview, C::PassSecrecy) => {
            require(ctx, SECRECY_REVIEWER)?;
            if ctx.unresolved_secrecy_hits > 0 {
                return Err(ReviewError::SecrecyHitsRemain { count: ctx.unresolved_secrecy_hits });
            }
            vec![Event::SecrecyPassed]
        }
        (S::Review, C::PassReview) => {
            require(ctx, REVIEWER)?;
            vec![Event::ReviewPassed]
        }
        (S::SignOff, C::SignOff { publish_at }) => {
            require(ctx, APPROVER)?;
            match publish_at {
                Some(at) if *at > ctx.now => {
                    vec![Event::SignedOff { publish_at: *at }, Event::Scheduled { publish_at: *at }]
                }
                _ => vec![Event::SignedOff { publish_at: ctx.now }, Event::Published { at: ctx.now }],
            }
        }
        (S::SecrecyReview | S::Review | S::SignOff, C::Return { reason }) => {
            require(ctx, waiting_for(status).expect("a review step"))?;
            vec![Event::Returned { from: status, reason: reason_given(reason, command)? }]
        }
        (S::Scheduled, C::PublishDue) => vec![Event::Published { at: ctx.now }],
        (S::Published | S::Scheduled, C::Withdraw { reason }) => {
            require(ctx, APPROVER_OR_ADMIN)?;
            vec![Event::Withdrawn { reason: reason_given(reason, command)? }]
        }
        (S::Published | S::Withdrawn, C::Revise) => {
            require_author(ctx, command)?;
            vec![Event::Revised]
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

/// Whom an item in `status` is waiting for: the roles that may move it on (any one of them).
/// In the three review steps these are also the roles that may return it. `None` for scheduled,
/// published and withdrawn items, which wait for nobody.
pub fn waiting_for(status: Status) -> Option<&'static [Role]> {
    match status {
        Status::Draft => Some(DRAFTER),
        Status::SecrecyReview => Some(SECRECY_REVIEWER),
        Status::Review => Some(REVIEWER),
        Status::SignOff => Some(APPROVER),
        Status::Scheduled | Status::Published | Status::Withdrawn => None,
    }
}

fn require(ctx: &Context, needed: &'static [Role]) -> Result<(), ReviewError> {
    if needed.iter().any(|r| ctx.roles.contains(*r)) { Ok(()) } else { Err(ReviewError::MissingRole { needed }) }
}

/// Submit and revise: an admin, or the author holding the drafter role.
fn require_author(ctx: &Context, command: &Command) -> Result<(), ReviewError> {
    if ctx.roles.contains(Role::Admin) {
        return Ok(());
    }
    require(ctx, DRAFTER)?;
    if ctx.is_author { Ok(()) } else { Err(ReviewError::NotAuthor { command: command.label() }) }
}

fn reason_given(reason: &str, command: &Command) -> Result<String, ReviewError> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(ReviewError::ReasonRequired { command: command.label() })
    } else {
        Ok(reason.to_owned())
    }
}

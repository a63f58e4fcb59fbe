//! The review chain of a catalogue item, 起草 → 保密审查 → 审核 → 签发 → 发布, as a pure state
//! machine: [`decide`] takes the item's [`Status`], a [`Command`] and a [`Context`] (who acts,
//! when, how many secrecy hits are open) and returns the [`Event`]s to append to the item's log,
//! or a [`ReviewError`] whose Chinese message says what is refused and why. [`apply`] folds events
//! into the status; [`replay`] rebuilds it from a whole log.
//!
//! | status | command | who | events | next status |
//! |---|---|---|---|---|
//! | 起草中 `draft` | `Submit` | the author with the drafter role, or an admin | `Submitted` | 待保密审查 |
//! | 待保密审查 `secrecy_review` | `PassSecrecy` | secrecy reviewer, and no unresolved scan hits | `SecrecyPassed` | 待审核 |
//! | 待审核 `review` | `PassReview` | reviewer | `ReviewPassed` | 待签发 |
//! | 待签发 `sign_off` | `SignOff` (no time, or a time not after now) | approver | `SignedOff`, `Published` | 已发布 |
//! | 待签发 `sign_off` | `SignOff` (a future time) | approver | `SignedOff`, `Scheduled` | 定时发布 |
//! | 待保密审查 / 待审核 / 待签发 | `Return` (reason required) | the role of that step | `Returned` | 起草中 |
//! | 定时发布 `scheduled` | `PublishDue` | the system (see [`check_due`]) | `Published` | 已发布 |
//! | 已发布 / 定时发布 | `Withdraw` (reason required) | approver or admin | `Withdrawn` | 已撤回 |
//! | 已发布 / 已撤回 | `Revise` | the author with the drafter role, or an admin | `Revised` | 起草中 |
//!
//! Every other pair is refused with [`ReviewError::NotAllowed`]. Who may send each command is the
//! authorization table's ([`permission`], [`author_only`], checked by the application layer): an
//! admin may submit, revise and withdraw, but does not stand in for the secrecy reviewer, reviewer
//! or approver.
//!
//! A revised item goes through the whole chain again. Its index number, issued at first
//! publication, is kept when it is republished (index numbers never change, spec §5.1); so is
//! its event log, which only grows. While in revision the item is not [`Status::Published`], so it
//! is off the portal until signed off again.

pub mod catalogue;
mod command;
mod decide;
mod error;
mod event;
mod status;

pub use catalogue::{ACTIONS, Action};
pub use command::Command;
pub use decide::{Context, author_only, check_due, decide, is_check, permission};
pub use error::ReviewError;
pub use event::{Event, apply, replay, scheduled_for};
pub use status::Status;

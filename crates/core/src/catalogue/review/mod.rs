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
//! | 待签发 `sign_off` | `SignOff` (no time, or a time not after now; a reason beyond the Art. 26 limit, a 形成日期 if the draft has none: see [`SignOffTiming`]) | approver | `SignedOff`, `Published` | 已发布 |
//! | 待签发 `sign_off` | `SignOff` (a future time) | approver | `SignedOff`, `Scheduled` | 定时发布 |
//! | 待保密审查 / 待审核 / 待签发 | `Return` (reason required) | the role of that step | `Returned` | 起草中 |
//! | 定时发布 `scheduled` | `PublishDue` | the system (see [`check_due`]) | `Published` | 已发布 |
//! | 已发布 / 定时发布 | `Withdraw` (reason required) | approver or admin | `Withdrawn` | 已撤回 |
//! | 已发布 | `Revise` | the author with the drafter role, or an admin | `RevisionOpened` (a revision item is made) | 已发布 |
//! | 已撤回 | `Revise` | the author with the drafter role, or an admin | `Revised` | 起草中 |
//! | 已发布 | `Repeal` (失效 or 废止, a date, the basis) | approver | `Repealed` | 已发布 |
//! | a revision, published | (store) | — | `Merged` | 修订已发布 |
//!
//! Every other pair is refused with [`ReviewError::NotAllowed`]. Who may send each command is the
//! authorization table's ([`permission`], [`author_only`], checked by the application layer): an
//! admin may submit, revise and withdraw, but does not stand in for the secrecy reviewer, reviewer
//! or approver.
//!
//! Revising a published item never takes it offline: the store makes a revision, an item of its
//! own that goes through the whole chain while the published version stays on the portal. When
//! the revision is published, the store copies it into the original (which gets
//! `RevisionPublished` and keeps its page and index number, spec §5.1; the replaced version is
//! kept as history) and the revision gets `Merged`. A withdrawn item is off the portal already:
//! revising it takes it back to draft. Every log only grows.

pub mod catalogue;
mod command;
mod decide;
mod error;
mod event;
mod status;
mod timing;

pub use catalogue::{ACTIONS, Action};
pub use command::Command;
pub use decide::{Context, author_only, check_due, decide, is_check, permission};
pub use error::ReviewError;
pub use event::{Event, apply, replay, scheduled_for};
pub use status::Status;
pub use timing::{ART26_WORKDAYS, LateSignOff, SignOffTiming};

//! The catalogue (公开目录): proactively disclosed items and everything that happens to them.
//!
//! - [`item`]: the stored item, its form and validation into typed fields.
//! - [`drafts`]: creating and editing drafts; every save re-runs the secrecy scan.
//! - [`workflow`]: moving an item along the review chain (起草 → 保密审查 → 审核 → 签发 → 发布),
//!   returning, scheduling, withdrawing; each step appends an item event and an audit record in one
//!   transaction; publication issues the index number (never changed afterwards) and fixes the
//!   Art. 26 timeliness figure.
//! - [`revision`]: revising a published item while it stays online, and its replaced versions.
//! - [`secrecy`]: the hits of the secrecy scan and their resolution (redact, or confirm with a reason).
//! - [`attachments`]: files of an item, stored in the blob store with their extracted text.
//! - [`queries`]: lists and counts for the console, the portal and supervision.
//! - [`import`]: bulk import of an existing site's catalogue (JSONL or CSV), idempotent by `source_id`.
//! - [`outbox`]: the change feed the search indexer follows.

pub mod attachments;
pub mod drafts;
pub mod import;
pub mod item;
pub mod outbox;
pub mod queries;
pub mod revision;
pub mod secrecy;
pub mod workflow;

pub use item::{Item, ItemFields, ItemForm};

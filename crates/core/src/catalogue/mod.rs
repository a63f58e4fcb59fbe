//! Proactive disclosure (主动公开) rules for catalogue items: their metadata values, their index
//! numbers, the secrecy scan and the review chain before publication (spec §1.1, §5).
//!
//! - [`doc_number`]: 发文字号 (`国办发〔2017〕47号`): parsing what people type, the canonical form.
//! - [`index_number`]: 索引号 schemes per agency (default `{credit_code}/{YYYY}-{NNNNN}`) and
//!   issuing one number from a scheme.
//! - [`secrecy`]: the scan for personal data and 密级 markings run before 保密审查, and redaction.
//! - [`review`]: the review chain 起草 → 保密审查 → 审核 → 签发 → 发布 as a pure state machine
//!   (status + command + context → events), with withdrawal and revision.
//! - [`validity`]: 有效性 (有效/失效/废止) and 文件类型 (规章/行政规范性文件/其他).
//!
//! The categories and the 主题分类 tree an item is filed under are law, in [`crate::law`].
//! Storing items, issuing serials and running the publication job belong to the store.

pub mod doc_number;
pub mod index_number;
pub mod review;
pub mod secrecy;
pub mod validity;

pub use doc_number::DocNumber;

//! Law as data: the statutory lists the rest of gongkai picks from, transcribed from the texts in
//! `spec/regulation-and-formats.md` and nowhere else.
//!
//! - [`categories`]: the categories of proactive disclosure of Art. 20 (items (一)–(十五)) and the
//!   extra local content of Art. 21, with their verbatim article text and short column names
//!   (spec §1.1).
//! - [`subjects`]: the gov.cn 主题分类 tree (22 top-level categories and their sub-categories,
//!   spec §5.4) and the `大类\小类` values built from it.
//!
//! Invariant: every label here is the text of the source, character for character; short names
//! and keys are gongkai's own and say so.

pub mod categories;
pub mod subjects;

pub use categories::Category;
pub use subjects::Subject;

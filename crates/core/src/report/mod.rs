//! The annual report (政府信息公开工作年度报告) as data, and its consistency rules
//! (`shared/spec/report-model.md`). Pure: the store hands in facts, this module counts.
//!
//! - [`table3`]: table 三 (requests received and handled) compiled from request facts, in the
//!   format of the year (`2019` or `2021`).
//! - [`model`]: the report in the JSON shape of the spec, and table 四 from appeal records.
//! - [`rules`]: the 勾稽关系 of table 三 and 四 and the carry-over between consecutive years, as
//!   findings naming the rule, the cells, the expected and the actual value.
//!
//! Still to come (issue 6): table 二 compilation, the narrative sections, the pre-2019
//! statistics table, rendering and publication.

pub mod model;
pub mod rules;
pub mod table3;

#[cfg(test)]
mod tests;

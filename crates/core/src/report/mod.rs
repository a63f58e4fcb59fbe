//! The annual report (政府信息公开工作年度报告) as data, and its consistency rules
//! (`shared/spec/report-model.md`). Pure: the store hands in facts, this module counts.
//!
//! - [`table3`]: table 三 (requests received and handled) compiled from request facts, in the
//!   format of the year (`2019` or `2021`).
//! - [`table2`]: table 二 (主动公开) cells: counted from the catalogue, or entered by the agency.
//! - [`sections`]: the narrative sections and the draft written from the year's figures.
//! - [`deadline`]: when a year's report is due (31 January / 31 March), by agency level.
//! - [`diff`]: the cells and sections that differ between two versions, and the correction note.
//! - [`model`]: the report in the JSON shape of the spec, and table 四 from appeal records.
//! - [`rules`]: the 勾稽关系 of table 三 and 四 and the carry-over between consecutive years, as
//!   findings naming the rule, the cells, the expected and the actual value.
//! - [`layout`]: the official layout (sections, tables with their exact labels and merged cells)
//!   as data, shared by every renderer.

pub mod deadline;
pub mod diff;
pub mod layout;
pub mod missing;
pub mod model;
pub mod rules;
pub mod sections;
pub mod stats;
pub mod table2;
pub mod table3;

#[cfg(test)]
mod tests;

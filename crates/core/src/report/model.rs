//! The report model in the JSON shape of `report-model.md` (the parts compiled so far: table 三
//! and table 四), and table 四 from reconsideration and litigation records.

use std::collections::BTreeMap;

use time::Date;

use super::table3::Table3;

/// The blocks and columns of table 四.
pub const TABLE4_BLOCKS: [&str; 3] = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"];
pub const TABLE4_COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// What table 四 needs to know about one reconsideration or lawsuit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealFacts {
    /// One of [`TABLE4_BLOCKS`].
    pub kind: String,
    pub filed: Date,
    /// `upheld` / `corrected` / `other` / `pending`, as recorded now.
    pub result: String,
    /// When the result came (None while pending).
    pub result_on: Option<Date>,
}

/// Table 四 of `year`: the cases filed in the year, by their result at the end of the year (a
/// case decided after the year counts as 尚未审结).
pub fn compile_table4(year: i32, appeals: &[AppealFacts]) -> BTreeMap<String, BTreeMap<String, i64>> {
    let mut t: BTreeMap<String, BTreeMap<String, i64>> =
        TABLE4_BLOCKS.iter().map(|b| (b.to_string(), TABLE4_COLUMNS.iter().map(|c| (c.to_string(), 0)).collect())).collect();
    for a in appeals.iter().filter(|a| a.filed.year() == year) {
        let Some(block) = t.get_mut(&a.kind) else { continue };
        let settled = a.result != "pending" && a.result_on.is_some_and(|d| d.year() <= year);
        let column = if settled { a.result.as_str() } else { "pending" };
        if let Some(cell) = block.get_mut(column) {
            *cell += 1;
            *block.get_mut("total").expect("total column") += 1;
        }
    }
    t
}

/// The compiled report of one agency and year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub format: &'static str,
    pub year: i32,
    pub agency: String,
    pub table3: Table3,
    pub table4: BTreeMap<String, BTreeMap<String, i64>>,
}

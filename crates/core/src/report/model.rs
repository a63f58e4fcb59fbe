//! The report model in the JSON shape of `report-model.md` (format, year, agency, sections,
//! tables 二, 三 and 四), and table 四 from reconsideration and litigation records.

use std::collections::BTreeMap;

use time::Date;

use super::sections::Sections;
use super::table2::Table2;
use super::table3::Table3;
use crate::request::outcome::ReportFormat;

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
pub fn compile_table4(year: i32, appeals: &[AppealFacts]) -> Table4 {
    let mut t: Table4 = TABLE4_BLOCKS
        .iter()
        .map(|b| (b.to_string(), TABLE4_COLUMNS.iter().map(|c| (c.to_string(), 0)).collect()))
        .collect();
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

/// Table 四: block → column → count.
pub type Table4 = BTreeMap<String, BTreeMap<String, i64>>;

/// The report of one agency and year, in the JSON shape of `report-model.md` (serialises as
/// `{"format":"2021","year":…,"agency":…,"sections":…,"table2":…,"table3":…,"table4":…}`).
/// Published versions are stored in this shape and read back with it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub format: ReportFormat,
    pub year: i32,
    pub agency: String,
    pub sections: Sections,
    pub table2: Table2,
    pub table3: Table3,
    pub table4: Table4,
}

impl Report {
    /// The title of the report, e.g. "浩口乡人民政府2024年政府信息公开工作年度报告".
    pub fn title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
    }

    /// Table 四 totals: (reconsideration, litigation of both kinds).
    pub fn appeal_totals(&self) -> (i64, i64) {
        let total = |b: &str| self.table4.get(b).and_then(|r| r.get("total")).copied().unwrap_or(0);
        (total("reconsideration"), total("litigation_direct") + total("litigation_after_reconsideration"))
    }
}

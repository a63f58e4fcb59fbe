//! The audit output of `report-model.md` §Audit output: one [`AuditOutput`] per source, holding
//! the report read from it (the report model with `null` for blank or unreadable cells), every
//! finding and every ambiguity. Serialises to exactly the JSON of the spec.

use std::collections::BTreeMap;

use gongkai_core::report::missing::is_missing_rule;
use gongkai_core::report::rules::{Finding, Severity};
use gongkai_core::report::sections::Sections;
use gongkai_core::report::stats::Stats;
use gongkai_core::request::outcome::ReportFormat;
use serde::Serialize;

/// Table 三 or 四 as imported: row (block) → column → value, `None` for a blank or unreadable cell.
pub type ImportedCells = BTreeMap<String, BTreeMap<String, Option<i64>>>;
/// Table 二 as imported: cell key → value (万元 amounts may be decimals).
pub type ImportedTable2 = BTreeMap<String, Option<serde_json::Number>>;

/// The format of an imported report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ImportFormat {
    #[serde(rename = "2021")]
    F2021,
    #[serde(rename = "2019")]
    F2019,
    #[serde(rename = "pre2019")]
    Pre2019,
    #[serde(rename = "unknown")]
    Unknown,
}

impl ImportFormat {
    /// The format with tables 二–四, if it is one.
    pub fn tables(self) -> Option<ReportFormat> {
        match self {
            ImportFormat::F2021 => Some(ReportFormat::F2021),
            ImportFormat::F2019 => Some(ReportFormat::F2019),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ImportFormat::F2021 => "2021",
            ImportFormat::F2019 => "2019",
            ImportFormat::Pre2019 => "pre2019",
            ImportFormat::Unknown => "unknown",
        }
    }
}

impl From<ReportFormat> for ImportFormat {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::F2019 => ImportFormat::F2019,
            ReportFormat::F2021 => ImportFormat::F2021,
        }
    }
}

/// The report model read from a source. `table2`/`table3`/`table4` exist for the 2019 and 2021
/// formats, `stats` for pre-2019 reports; `labels` records the source's row label of every
/// `extra.*` statistic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedReport {
    pub format: ImportFormat,
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub sections: Sections,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table2: Option<ImportedTable2>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table3: Option<ImportedCells>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table4: Option<ImportedCells>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<Stats>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

/// One finding of the audit: a rule id of `report-model.md`, the cell(s) it names (`where`, e.g.
/// `table3.*.natural_person`), and the figures compared (`null` for a missing cell).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditFinding {
    pub rule: &'static str,
    pub severity: Severity,
    #[serde(rename = "where")]
    pub r#where: String,
    pub expected: Option<i64>,
    pub actual: Option<i64>,
    pub message: String,
}

impl From<Finding> for AuditFinding {
    fn from(f: Finding) -> Self {
        let figures = !is_missing_rule(f.rule);
        AuditFinding {
            rule: f.rule,
            severity: f.severity,
            r#where: f.r#where,
            expected: figures.then_some(f.expected),
            actual: figures.then_some(f.actual),
            message: f.message,
        }
    }
}

/// Cells whose digits ran together and can be read in more than one way: the readings, each one
/// value per cell, in the order of the row. The cells themselves are `null` in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ambiguity {
    #[serde(rename = "where")]
    pub r#where: String,
    pub candidates: Vec<Vec<serde_json::Number>>,
}

/// The audit of one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditOutput {
    pub source: String,
    pub format: ImportFormat,
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub report: ImportedReport,
    pub findings: Vec<AuditFinding>,
    pub ambiguities: Vec<Ambiguity>,
    /// The encoding the source was read in (not part of the JSON).
    #[serde(skip)]
    pub encoding: &'static str,
}

impl AuditOutput {
    /// Findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &AuditFinding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The findings that name a cell (`table3.granted.natural_person`): `where` equal to the
    /// key, or a row-, column- or table-wide `where` that covers it (`table3.granted`,
    /// `table3.*.natural_person`, `table3`). For marking cells beside a rendered table.
    pub fn about(&self, key: &str) -> Vec<&AuditFinding> {
        self.findings.iter().filter(|f| covers(&f.r#where, key)).collect()
    }

    /// The ambiguity covering a cell, if its digits could be read more than one way.
    pub fn ambiguity_of(&self, key: &str) -> Option<&Ambiguity> {
        self.ambiguities.iter().find(|a| covers(&a.r#where, key))
    }
}

/// Whether a `where` key covers a cell key: equal, a prefix of it (a row or table), or a
/// column-wide `table.*.column`.
pub fn covers(r#where: &str, key: &str) -> bool {
    if r#where == key || key.strip_prefix(r#where).is_some_and(|rest| rest.starts_with('.')) {
        return true;
    }
    let (Some((table, column)), Some((key_table, rest))) = (r#where.split_once(".*."), key.split_once('.')) else {
        return false;
    };
    table == key_table && rest.rsplit_once('.').is_some_and(|(_, c)| c == column)
}

/// The most digits a figure of a report may have: no count or amount in an annual report
/// comes near 10^12, and the rules may add up every cell without overflowing.
const MAX_DIGITS: usize = 12;

/// A number as read, as JSON: an integer, or a decimal; `None` if it is not one or is too long
/// to be a figure of a report.
pub fn number(text: &str) -> Option<serde_json::Number> {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits > MAX_DIGITS || digits == 0 {
        return None;
    }
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.into());
    }
    text.parse::<f64>().ok().and_then(serde_json::Number::from_f64)
}

/// A whole count as read (`None` if not an integer or too long to be a figure of a report).
pub fn count(text: &str) -> Option<i64> {
    number(text)?.as_i64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_keys_cover_cells_rows_and_columns() {
        assert!(covers("table3.granted.natural_person", "table3.granted.natural_person"));
        assert!(covers("table3.granted", "table3.granted.natural_person"));
        assert!(covers("table3.*.natural_person", "table3.withheld.state_secret.natural_person"));
        assert!(covers("table3", "table3.granted.total"));
        assert!(!covers("table3.granted", "table3.granted_x.total"));
        assert!(!covers("table3.*.total", "table4.reconsideration.total"));
    }

    #[test]
    fn a_missing_cell_has_no_figures_in_the_output() {
        let f = Finding {
            rule: "table3.missing",
            severity: Severity::Warning,
            r#where: "table3".into(),
            expected: 0,
            actual: 0,
            message: String::new(),
        };
        let json = serde_json::to_value(AuditFinding::from(f)).unwrap();
        assert_eq!(json["expected"], serde_json::Value::Null);
        assert_eq!(json["where"], "table3");
    }
}

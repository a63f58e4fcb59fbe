//! Table 三 (收到和处理政府信息公开申请情况) compiled from the requests of one agency:
//!
//! - `received`: received in the year;
//! - `carried_in`: received before the year and not decided before it started;
//! - the leaf result rows: decided in the year, by outcome, mapped to the format of the year
//!   (in the 2019 format every `other.*` outcome counts under the one `other` row);
//! - `results_total`: the sum of the leaf rows;
//! - `carried_over`: received by the end of the year and not decided by then.
//!
//! Columns are the applicant kinds and `total`. A request's decision is its latest decision: a
//! reopened request that is decided again counts once, in the year of its new decision.

use std::collections::BTreeMap;

use time::Date;

use crate::request::applicant::ApplicantKind;
use crate::request::outcome::{Outcome, ReportFormat};

/// The columns, in the order of the table.
pub const COLUMNS: [&str; 7] =
    ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org", "total"];

/// What the table needs to know about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFacts {
    pub applicant: ApplicantKind,
    pub received: Date,
    /// The latest decision, if any.
    pub decided: Option<(Date, Outcome)>,
}

/// Table 三 of one year: row key → column key → count.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Table3(pub BTreeMap<String, BTreeMap<String, i64>>);

impl Table3 {
    pub fn get(&self, row: &str, column: &str) -> i64 {
        self.0.get(row).and_then(|r| r.get(column)).copied().unwrap_or(0)
    }
}

/// The leaf result rows of `format`, in table order.
pub fn leaf_rows(format: ReportFormat) -> Vec<&'static str> {
    Outcome::ALL.iter().filter(|o| o.in_format(format)).map(|o| o.key()).collect()
}

/// All rows of `format`, in table order.
pub fn rows(format: ReportFormat) -> Vec<&'static str> {
    let mut rows = vec!["received", "carried_in"];
    rows.extend(leaf_rows(format));
    rows.extend(["results_total", "carried_over"]);
    rows
}

/// Compiles table 三 of `year` in `format` from the requests of one agency.
pub fn compile(format: ReportFormat, year: i32, requests: &[RequestFacts]) -> Table3 {
    let start = Date::from_calendar_date(year, time::Month::January, 1).expect("valid year");
    let end = Date::from_calendar_date(year, time::Month::December, 31).expect("valid year");
    let mut table: BTreeMap<String, BTreeMap<String, i64>> = rows(format)
        .into_iter()
        .map(|r| (r.to_owned(), COLUMNS.iter().map(|c| (c.to_string(), 0)).collect()))
        .collect();
    let mut add = |row: &str, column: &str| {
        let r = table.get_mut(row).expect("row of the format");
        *r.get_mut(column).expect("column") += 1;
        *r.get_mut("total").expect("column") += 1;
    };
    for r in requests {
        if r.received > end {
            continue;
        }
        let column = r.applicant.key();
        let decided_on = r.decided.map(|(d, _)| d);
        if r.received >= start {
            add("received", column);
        } else if decided_on.is_none_or(|d| d >= start) {
            add("carried_in", column);
        } else {
            continue; // settled before the year
        }
        match r.decided {
            Some((d, outcome)) if d <= end => {
                add(outcome.report_row(format), column);
                add("results_total", column);
            }
            _ => add("carried_over", column),
        }
    }
    Table3(table)
}

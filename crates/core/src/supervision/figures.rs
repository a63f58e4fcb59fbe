//! One agency's supervision figures, judged from the facts the store reads, and their roll-up.
//!
//! The store counts (requests, items, enquiries) and reads dates (each column's last
//! publication, the report's first publication); this module decides what is stale, empty,
//! late or missing on the day judged, so the rules are tested without a database.

use std::collections::BTreeMap;

use time::Date;

use super::rules::{Rules, SYSTEM_COLUMN, column_name};
use crate::agency::Level;
use crate::law::categories;
use crate::report::deadline;

/// What the store read for one agency and one month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyFacts {
    /// Requests awaiting a reply on the day judged.
    pub requests_open: u32,
    /// Of those, due within the due-soon window.
    pub requests_due_soon: u32,
    /// Of those, past their reply deadline.
    pub requests_overdue: u32,
    /// Requests answered in the month.
    pub requests_closed: u32,
    /// Of those, answered after their reply deadline.
    pub requests_closed_late: u32,
    /// Items published in the month.
    pub items_published: u32,
    /// Of those, published more than the limit of working days after their making.
    pub items_late: u32,
    /// Each column's last publication day (`None`: nothing published), by column key; columns
    /// missing from the map count as empty.
    pub column_latest: BTreeMap<String, Option<Date>>,
    /// Enquiries of the year before the day judged left unanswered beyond the limit.
    pub enquiries_overdue: u32,
    /// The first publication of last year's annual report, if any.
    pub report_published_on: Option<Date>,
    /// The consistency findings of that report as published (rule keys).
    pub report_findings: Vec<String>,
}

/// A column whose last item is older than its limit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleColumn {
    pub column: String,
    pub name: &'static str,
    pub kind: &'static str,
    pub limit: String,
    pub last: Option<Date>,
}

/// Where last year's annual report stands on the day judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ReportStatus {
    /// Not published and the deadline has not passed.
    NotDue {
        due: Date,
    },
    OnTime {
        on: Date,
        due: Date,
    },
    Late {
        on: Date,
        due: Date,
    },
    /// Not published and the deadline has passed.
    Missing {
        due: Date,
    },
}

impl ReportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::NotDue { .. } => "未到期",
            ReportStatus::OnTime { .. } => "按时公布",
            ReportStatus::Late { .. } => "逾期公布",
            ReportStatus::Missing { .. } => "逾期未公布",
        }
    }

    pub fn is_published(self) -> bool {
        matches!(self, ReportStatus::OnTime { .. } | ReportStatus::Late { .. })
    }
}

/// One agency's figures for a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub requests_open: u32,
    pub requests_due_soon: u32,
    pub requests_overdue: u32,
    pub requests_closed: u32,
    pub requests_closed_late: u32,
    pub items_published: u32,
    pub items_late: u32,
    pub stale_columns: Vec<StaleColumn>,
    pub empty_columns: Vec<(String, &'static str)>,
    pub enquiries_overdue: u32,
    /// The year of the report judged (the year before the day judged).
    pub report_year: i32,
    pub report: ReportStatus,
    pub report_findings: Vec<String>,
}

/// The column keys an agency at `level` shows: its Art. 20/21 categories and 政府信息公开制度.
pub fn columns_of(level: Level) -> Vec<&'static str> {
    categories::applies_to(level).map(|c| c.key).chain([SYSTEM_COLUMN]).collect()
}

impl Figures {
    /// Judges an agency at `level` on `as_of` by `rules`.
    pub fn judge(facts: &AgencyFacts, level: Level, rules: &Rules, as_of: Date) -> Figures {
        let columns = columns_of(level);
        let latest = |key: &str| facts.column_latest.get(key).copied().flatten();
        let empty_columns =
            columns.iter().filter(|k| latest(k).is_none()).map(|k| (k.to_string(), column_name(k))).collect();
        let stale_columns = rules
            .columns
            .iter()
            .filter(|r| columns.contains(&r.column.as_str()))
            .filter_map(|r| {
                let last = latest(&r.column)?;
                (last < r.limit.fresh_since(as_of)).then(|| StaleColumn {
                    column: r.column.clone(),
                    name: column_name(&r.column),
                    kind: r.kind.label(),
                    limit: r.limit.label(),
                    last: Some(last),
                })
            })
            .collect();
        let report_year = as_of.year() - 1;
        let (due, _) = deadline::due(level, report_year);
        let report = match facts.report_published_on {
            Some(on) if on <= due => ReportStatus::OnTime { on, due },
            Some(on) => ReportStatus::Late { on, due },
            None if as_of > due => ReportStatus::Missing { due },
            None => ReportStatus::NotDue { due },
        };
        Figures {
            requests_open: facts.requests_open,
            requests_due_soon: facts.requests_due_soon,
            requests_overdue: facts.requests_overdue,
            requests_closed: facts.requests_closed,
            requests_closed_late: facts.requests_closed_late,
            items_published: facts.items_published,
            items_late: facts.items_late,
            stale_columns,
            empty_columns,
            enquiries_overdue: facts.enquiries_overdue,
            report_year,
            report,
            report_findings: facts.report_findings.clone(),
        }
    }

    /// Share of the month's answered requests answered in time, in per cent; `None` when none were answered.
    pub fn on_time_rate(&self) -> Option<f64> {
        on_time_rate(self.requests_closed, self.requests_closed_late)
    }
}

fn on_time_rate(closed: u32, late: u32) -> Option<f64> {
    (closed > 0).then(|| f64::from(closed - late.min(closed)) * 100.0 / f64::from(closed))
}

/// Whether an enquiry received on `received` and answered on `replied` (if at all) counts as
/// left unanswered beyond `months` on `as_of`: received within the year before `as_of`, and
/// still unanswered when the limit ran out (answered after it, or not at all and the limit has
/// passed).
pub fn enquiry_overdue(received: Date, replied: Option<Date>, as_of: Date, months: u32) -> bool {
    use super::period::months_before;
    if received <= months_before(as_of, 12) || received > as_of {
        return false;
    }
    let limit_passed_on = months_before(as_of, months);
    match replied {
        Some(r) if r <= as_of => months_before(r, months) > received,
        _ => received < limit_passed_on,
    }
}

/// The figures of several agencies added up (a subtree, or the whole scope).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub agencies: u32,
    pub requests_open: u32,
    pub requests_due_soon: u32,
    pub requests_overdue: u32,
    pub requests_closed: u32,
    pub requests_closed_late: u32,
    pub items_published: u32,
    pub items_late: u32,
    pub stale_columns: u32,
    pub empty_columns: u32,
    pub enquiries_overdue: u32,
    pub reports_published: u32,
    pub reports_late: u32,
    pub reports_missing: u32,
    pub reports_not_due: u32,
    pub reports_with_findings: u32,
}

impl Totals {
    pub fn add(&mut self, f: &Figures) {
        self.agencies += 1;
        self.requests_open += f.requests_open;
        self.requests_due_soon += f.requests_due_soon;
        self.requests_overdue += f.requests_overdue;
        self.requests_closed += f.requests_closed;
        self.requests_closed_late += f.requests_closed_late;
        self.items_published += f.items_published;
        self.items_late += f.items_late;
        self.stale_columns += f.stale_columns.len() as u32;
        self.empty_columns += f.empty_columns.len() as u32;
        self.enquiries_overdue += f.enquiries_overdue;
        match f.report {
            ReportStatus::OnTime { .. } => self.reports_published += 1,
            ReportStatus::Late { .. } => {
                self.reports_published += 1;
                self.reports_late += 1;
            }
            ReportStatus::Missing { .. } => self.reports_missing += 1,
            ReportStatus::NotDue { .. } => self.reports_not_due += 1,
        }
        if !f.report_findings.is_empty() {
            self.reports_with_findings += 1;
        }
    }

    pub fn of<'a>(figures: impl IntoIterator<Item = &'a Figures>) -> Totals {
        let mut t = Totals::default();
        figures.into_iter().for_each(|f| t.add(f));
        t
    }

    pub fn on_time_rate(&self) -> Option<f64> {
        on_time_rate(self.requests_closed, self.requests_closed_late)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::supervision::rules::{ColumnKind, ColumnRule, Limit};
    use time::macros::date;

    fn facts(columns: &[(&str, Option<Date>)]) -> AgencyFacts {
        AgencyFacts { column_latest: columns.iter().map(|(k, d)| (k.to_string(), *d)).collect(), ..Default::default() }
    }

    #[test]
    fn a_policy_column_is_stale_after_six_months_and_a_column_without_items_is_empty() {
        let all_filled: Vec<(&str, Option<Date>)> =
            columns_of(Level::Department).into_iter().map(|k| (k, Some(date!(2026 - 11 - 01)))).collect();
        let mut f = facts(&all_filled);
        let as_of = date!(2026 - 11 - 22);
        let judged = Figures::judge(&f, Level::Department, &Rules::default(), as_of);
        assert!(judged.stale_columns.is_empty() && judged.empty_columns.is_empty(), "{judged:?}");

        // Six months before 22 November is 22 May: an item of that day is still fresh, one a day older is not.
        f.column_latest.insert("art20.1".into(), Some(date!(2026 - 05 - 22)));
        assert!(Figures::judge(&f, Level::Department, &Rules::default(), as_of).stale_columns.is_empty());
        f.column_latest.insert("art20.1".into(), Some(date!(2026 - 05 - 21)));
        let stale = Figures::judge(&f, Level::Department, &Rules::default(), as_of).stale_columns;
        assert_eq!(stale.len(), 1);
        assert_eq!((stale[0].name, stale[0].kind, stale[0].limit.as_str()), ("法规文件", "政策文件", "6个月"));

        f.column_latest.insert("art20.7".into(), None);
        f.column_latest.remove("system");
        let empty = Figures::judge(&f, Level::Department, &Rules::default(), as_of).empty_columns;
        assert_eq!(empty, vec![("art20.7".to_string(), "财政预决算"), ("system".to_string(), "政府信息公开制度")]);
    }

    #[test]
    fn an_empty_column_is_not_also_stale_and_art21_counts_only_where_it_applies() {
        let rules = Rules {
            columns: vec![ColumnRule { column: "art21".into(), kind: ColumnKind::News, limit: Limit::Days(14) }],
            ..Rules::default()
        };
        let f = facts(&[("art21", Some(date!(2026 - 01 - 01)))]);
        let township = Figures::judge(&f, Level::Township, &rules, date!(2026 - 11 - 22));
        assert_eq!(township.stale_columns.len(), 1);
        assert!(!township.empty_columns.iter().any(|(k, _)| k == "art21"));
        // A department has no Art. 21 column: neither stale nor empty.
        let department = Figures::judge(&f, Level::Department, &rules, date!(2026 - 11 - 22));
        assert!(department.stale_columns.is_empty());
        assert!(!department.empty_columns.iter().any(|(k, _)| k == "art21"));
        let none = Figures::judge(&facts(&[]), Level::Township, &rules, date!(2026 - 11 - 22));
        assert!(none.stale_columns.is_empty(), "an empty column is counted once, as empty");
    }

    #[test]
    fn reports_are_judged_against_31_january_or_31_march() {
        let mut f = AgencyFacts::default();
        let judge = |f: &AgencyFacts, level, as_of| Figures::judge(f, level, &Rules::default(), as_of).report;
        assert_eq!(
            judge(&f, Level::Township, date!(2026 - 01 - 31)),
            ReportStatus::NotDue { due: date!(2026 - 01 - 31) }
        );
        assert_eq!(
            judge(&f, Level::Township, date!(2026 - 02 - 01)),
            ReportStatus::Missing { due: date!(2026 - 01 - 31) }
        );
        assert_eq!(
            judge(&f, Level::County, date!(2026 - 02 - 01)),
            ReportStatus::NotDue { due: date!(2026 - 03 - 31) }
        );
        f.report_published_on = Some(date!(2026 - 02 - 03));
        assert_eq!(
            judge(&f, Level::Department, date!(2026 - 11 - 22)),
            ReportStatus::Late { on: date!(2026 - 02 - 03), due: date!(2026 - 01 - 31) }
        );
        assert_eq!(
            judge(&f, Level::County, date!(2026 - 11 - 22)),
            ReportStatus::OnTime { on: date!(2026 - 02 - 03), due: date!(2026 - 03 - 31) }
        );
    }

    #[test]
    fn totals_add_up_and_the_on_time_rate_needs_answers() {
        let base = AgencyFacts {
            requests_closed: 4,
            requests_closed_late: 1,
            requests_overdue: 2,
            report_findings: vec!["table3.balance".into()],
            ..Default::default()
        };
        let a = Figures::judge(&base, Level::Department, &Rules::default(), date!(2026 - 11 - 22));
        let b = Figures::judge(&AgencyFacts::default(), Level::County, &Rules::default(), date!(2026 - 11 - 22));
        assert_eq!(a.on_time_rate(), Some(75.0));
        assert_eq!(b.on_time_rate(), None);
        let t = Totals::of([&a, &b]);
        assert_eq!(
            (t.agencies, t.requests_overdue, t.requests_closed, t.reports_missing, t.reports_with_findings),
            (2, 2, 4, 2, 1)
        );
        assert_eq!(t.empty_columns as usize, a.empty_columns.len() + b.empty_columns.len());
        assert_eq!(t.on_time_rate(), Some(75.0));
    }

    #[test]
    fn an_enquiry_is_overdue_when_its_three_months_ran_out_unanswered() {
        let as_of = date!(2026 - 11 - 22);
        // Received 22 August: the three months end on 22 November, not yet overdue.
        assert!(!enquiry_overdue(date!(2026 - 08 - 22), None, as_of, 3));
        assert!(enquiry_overdue(date!(2026 - 08 - 21), None, as_of, 3));
        // Answered in time, or late.
        assert!(!enquiry_overdue(date!(2026 - 03 - 01), Some(date!(2026 - 05 - 30)), as_of, 3));
        assert!(enquiry_overdue(date!(2026 - 03 - 01), Some(date!(2026 - 06 - 02)), as_of, 3));
        // An answer after the day judged does not count yet; older than a year is out of the window.
        assert!(enquiry_overdue(date!(2026 - 03 - 01), Some(date!(2026 - 11 - 30)), as_of, 3));
        assert!(!enquiry_overdue(date!(2025 - 11 - 01), None, as_of, 3));
    }
}

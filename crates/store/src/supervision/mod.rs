//! Supervision over an agency's subtree: every unit's figures for a month (requests, Art. 26
//! timeliness, stale and empty columns, overdue enquiries, last year's annual report), the
//! monthly series behind the dashboard's charts, and the lists behind each figure.
//!
//! - this file: [`overview`] — reads the facts of every agency below (and including) a root in
//!   a handful of grouped queries and judges them with [`gongkai_core::supervision`];
//! - [`facts`]: those grouped queries;
//! - [`series`]: requests answered by outcome group, items published and the on-time rate per
//!   month;
//! - [`notice`]: the monthly notice (一月一通报) built from the overview.
//! - [`lists`]: the records behind a figure (drill-down), across the subtree.
//!
//! Scope is by the materialised path: a root's subtree is `path like '/1/4/%'`. Callers check
//! that the viewer may read the root (see `gongkai_core::agency::access`); nothing here reaches
//! above or beside the root.

pub mod facts;
pub mod lists;
pub mod series;

use gongkai_core::agency::Level;
use gongkai_core::calendar::Calendar;
use gongkai_core::supervision::figures::Totals;
use gongkai_core::supervision::notice::Notice;
use gongkai_core::supervision::{Figures, Month, Rules};
use time::Date;

use crate::agency::Agency;
use crate::db::Db;
use crate::error::{Error, Result};

/// One agency of the subtree and its figures.
#[derive(Debug, Clone)]
pub struct Unit {
    pub agency: Agency,
    pub level: Level,
    pub figures: Figures,
}

/// The subtree of `root` judged for one month.
#[derive(Debug, Clone)]
pub struct Overview {
    pub month: Month,
    /// The day the figures are judged on (the month's last day, or today).
    pub as_of: Date,
    /// Tree order: the root first, parents before children.
    pub units: Vec<Unit>,
}

impl Overview {
    /// The root, then each direct child of the root with its whole subtree, as `(unit, members)`.
    pub fn rows(&self) -> Vec<(&Unit, Vec<&Unit>)> {
        let Some(root) = self.units.first() else { return Vec::new() };
        let mut rows = vec![(root, vec![root])];
        for child in self.units.iter().filter(|u| u.agency.parent_id == Some(root.agency.id)) {
            let members = self.units.iter().filter(|u| u.agency.path.starts_with(&child.agency.path)).collect();
            rows.push((child, members));
        }
        rows
    }
}

/// The path pattern of a root's subtree.
pub(crate) fn subtree_pattern(root: &Agency) -> String {
    format!("{}%", root.path)
}

/// What a drill-down list covers: the agency alone (its own row of the dashboard), or its
/// whole subtree (a child's rolled-up row, or the totals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Own,
    Subtree,
}

impl Reach {
    /// The `path like` pattern: the agency's exact path, or its subtree.
    pub(crate) fn pattern(self, root: &Agency) -> String {
        match self {
            Reach::Own => root.path.clone(),
            Reach::Subtree => subtree_pattern(root),
        }
    }
}

/// The day `month` is judged on: its last day, or `today` while it runs; a month that has not
/// begun is refused by field.
pub fn judged_on(month: Month, today: Date) -> Result<Date> {
    month.as_of(today).ok_or_else(|| Error::field("month", "月份", format!("{}尚未开始", month.label())))
}

/// The month's figures of every agency in `root`'s subtree, judged on the month's last day
/// (today while it runs). A month that has not begun is refused by field.
pub async fn overview(
    db: &Db,
    calendar: &Calendar,
    root: &Agency,
    month: Month,
    today: Date,
    rules: &Rules,
) -> Result<Overview> {
    let as_of = judged_on(month, today)?;
    let agencies = crate::agency::subtree(db, root).await?;
    let soon = calendar.add_workdays(as_of, rules.due_soon_workdays).unwrap_or(as_of);
    let mut facts = facts::read(db, root, &agencies, month, as_of, soon, rules).await?;
    let units = agencies
        .into_iter()
        .map(|agency| {
            let level = agency.level();
            let f = facts.remove(&agency.id).unwrap_or_default();
            Unit { figures: Figures::judge(&f, level, rules, as_of), level, agency }
        })
        .collect();
    Ok(Overview { month, as_of, units })
}

/// The monthly notice of `root` for `month`: the subordinate units ranked (the root alone when
/// it has none), with the whole subtree's totals and the rules applied.
pub async fn notice(db: &Db, root: &Agency, month: Month, today: Date, rules: &Rules) -> Result<Notice> {
    let calendar = crate::calendar::for_agency(db, root).await?;
    let view = overview(db, &calendar, root, month, today, rules).await?;
    let totals = Totals::of(view.units.iter().map(|u| &u.figures));
    let skip = usize::from(view.units.len() > 1);
    let ranked: Vec<(&str, &Figures)> =
        view.units.iter().skip(skip).map(|u| (u.agency.name.as_str(), &u.figures)).collect();
    Ok(Notice::build(&root.name, month, view.as_of, &ranked, &totals, rules))
}

//! Monthly series of a subtree for the dashboard's charts: requests answered per month by
//! outcome group (with how many after their deadline), and items published per month (with how
//! many beyond the Art. 26 limit).

use std::collections::BTreeMap;

use gongkai_core::calendar::iso_date;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::supervision::Month;

use super::facts::IN_SUBTREE;
use super::subtree_pattern;
use crate::agency::Agency;
use crate::db::Db;
use crate::error::Result;

/// The outcome groups in table 三's order, as chart series.
pub const OUTCOME_GROUPS: [&str; 6] = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"];

/// One month of a subtree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthFigures {
    /// Requests answered, per outcome group (the order of [`OUTCOME_GROUPS`]).
    pub answered: [u32; 6],
    /// Of those, answered after their reply deadline.
    pub answered_late: u32,
    pub items_published: u32,
    pub items_late: u32,
}

impl MonthFigures {
    pub fn answered_total(&self) -> u32 {
        self.answered.iter().sum()
    }
}

fn group_of(outcome: &str) -> usize {
    let label = Outcome::parse(outcome).map(|o| o.group_label()).unwrap_or("其他处理");
    OUTCOME_GROUPS.iter().position(|g| *g == label).unwrap_or(5)
}

/// Each of `months` (consecutive, oldest first) for the subtree of `root`.
///
/// Both queries group by day (and outcome) first, the order of their date index (migration
/// 0007), so that SQLite streams the period's rows instead of sorting them, then add the days up
/// into months; they run at once, on a connection each.
pub async fn monthly(
    db: &Db,
    root: &Agency,
    months: &[Month],
    publish_workdays: u32,
) -> Result<Vec<(Month, MonthFigures)>> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else { return Ok(Vec::new()) };
    let (from, to) = (iso_date::format(first.first_day()), iso_date::format(last.last_day()));
    let pattern = subtree_pattern(root);
    let mut by_month: BTreeMap<String, MonthFigures> =
        months.iter().map(|m| (m.to_string(), MonthFigures::default())).collect();

    let answered = format!(
        "select substr(day, 1, 7), o, cast(sum(n) as bigint), cast(sum(late) as bigint) from \
           (select decided_on as day, coalesce(outcome, '') as o, count(*) as n, \
              coalesce(sum(case when reply_due is not null and decided_on > reply_due then 1 else 0 end), 0) as late \
            from requests where decided_on >= $2 and decided_on <= $3 and {IN_SUBTREE} group by decided_on, outcome) days \
         group by substr(day, 1, 7), o"
    );
    let published = format!(
        "select substr(day, 1, 7), cast(sum(n) as bigint), cast(sum(late) as bigint) from \
           (select published_on as day, count(*) as n, coalesce(sum(case when publish_workdays > $4 then 1 else 0 end), 0) as late \
            from items where published_on >= $2 and published_on <= $3 and {IN_SUBTREE} group by published_on) days \
         group by substr(day, 1, 7)"
    );
    type Answered = (String, String, i64, i64);
    type Published = (String, i64, i64);
    let (answered, published): (Vec<Answered>, Vec<Published>) = tokio::try_join!(
        sqlx::query_as(sqlx::AssertSqlSafe(answered)).bind(&pattern).bind(&from).bind(&to).fetch_all(db.reader()),
        sqlx::query_as(sqlx::AssertSqlSafe(published))
            .bind(&pattern)
            .bind(&from)
            .bind(&to)
            .bind(i64::from(publish_workdays))
            .fetch_all(db.reader()),
    )?;
    for (month, outcome, n, late) in answered {
        if let Some(m) = by_month.get_mut(&month) {
            m.answered[group_of(&outcome)] += n as u32;
            m.answered_late += late as u32;
        }
    }
    for (month, n, late) in published {
        if let Some(m) = by_month.get_mut(&month) {
            (m.items_published, m.items_late) = (n as u32, late as u32);
        }
    }
    Ok(months.iter().map(|m| (*m, by_month.remove(&m.to_string()).unwrap_or_default())).collect())
}

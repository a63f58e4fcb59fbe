//! The grouped queries behind [`super::overview`]: one query per kind of fact over the whole
//! subtree, grouped by agency, each served by an index of migration 0007 (the column query
//! seeks each agency's last item per column instead of reading its items).

use std::collections::HashMap;

use gongkai_core::agency::Level;
use gongkai_core::calendar::iso_date;
use gongkai_core::law::categories;
use gongkai_core::report::rules::check_carry_over;
use gongkai_core::supervision::figures::{AgencyFacts, columns_of, enquiry_overdue};
use gongkai_core::supervision::period::months_before;
use gongkai_core::supervision::rules::SYSTEM_COLUMN;
use gongkai_core::supervision::{Month, Rules};
use sqlx::Row;
use time::Date;

use super::subtree_pattern;
use crate::agency::Agency;
use crate::db::Db;
use crate::error::Result;
use crate::report::publish;
use crate::timestamp::{china_date_of, china_midnight};

/// `agency_id in (…)` for the subtree whose path pattern is bound as `$1`.
///
/// The unary `+` keeps both planners from seeking by agency: neither can tell from
/// `path like $1` how much of the tree the subtree is (SQLite assumes 25 agencies for any
/// `in (select …)`, PostgreSQL's generic plan 0.5 % of them), and for a province's root the
/// per-agency plan reads every row of every agency (8 s for the overview on SQLite at 1,000,000
/// items). Each query is instead served by the index on its date column (migration 0007), so
/// its cost is bounded by the period's rows in the whole database however large the subtree
/// is; a small subtree still reads those index entries (a city's 12-month series on a
/// province's node costs about a third of the province's, not a fifteenth).
pub(crate) const IN_SUBTREE: &str = "+agency_id in (select id from agencies where path like $1)";

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Every fact of every agency in the subtree that has any, by agency id.
///
/// The queries are independent and run at once, each on a connection of its own; the column
/// query, the longest (one index seek per agency and column), runs in two halves.
pub async fn read(
    db: &Db,
    root: &Agency,
    agencies: &[Agency],
    month: Month,
    as_of: Date,
    soon: Date,
    rules: &Rules,
) -> Result<HashMap<i64, AgencyFacts>> {
    let pattern = subtree_pattern(root);
    let (first, as_of_s, soon_s) =
        (iso_date::format(month.first_day()), iso_date::format(as_of), iso_date::format(soon));
    let columns: Vec<&'static str> = categories::ALL.iter().map(|c| c.key).chain([SYSTEM_COLUMN]).collect();
    let (columns_a, columns_b) = columns.split_at(columns.len() / 2);
    let (open, closed, published, latest_a, latest_b, overdue_enquiries, reports) = tokio::try_join!(
        open_requests(db, &pattern, &as_of_s, &soon_s),
        closed_requests(db, &pattern, &first, &as_of_s),
        published_items(db, &pattern, &first, &as_of_s, rules.publish_workdays),
        column_latest(db, &pattern, &as_of_s, columns_a),
        column_latest(db, &pattern, &as_of_s, columns_b),
        enquiries(db, &pattern, as_of, rules),
        reports(db, &pattern, as_of),
    )?;

    let mut facts: HashMap<i64, AgencyFacts> = HashMap::with_capacity(agencies.len());
    for (id, open, overdue, due_soon) in open {
        let f = facts.entry(id).or_default();
        (f.requests_open, f.requests_overdue, f.requests_due_soon) = (count(open), count(overdue), count(due_soon));
    }
    for (id, closed, late) in closed {
        let f = facts.entry(id).or_default();
        (f.requests_closed, f.requests_closed_late) = (count(closed), count(late));
    }
    for (id, published, late) in published {
        let f = facts.entry(id).or_default();
        (f.items_published, f.items_late) = (count(published), count(late));
    }
    for (id, column, last) in latest_a.into_iter().chain(latest_b) {
        facts.entry(id).or_default().column_latest.insert(column.to_owned(), last);
    }
    for id in overdue_enquiries {
        facts.entry(id).or_default().enquiries_overdue += 1;
    }
    for (id, on, findings) in reports {
        let f = facts.entry(id).or_default();
        (f.report_published_on, f.report_findings) = (Some(on), findings);
    }
    Ok(facts)
}

/// Requests open on the day judged (received by then, not decided by then): how many, how
/// many overdue, how many due by `soon`, per agency.
async fn open_requests(db: &Db, pattern: &str, as_of: &str, soon: &str) -> Result<Vec<(i64, i64, i64, i64)>> {
    let sql = format!(
        "select agency_id, cast(count(*) as bigint), \
           cast(coalesce(sum(case when reply_due < $2 then 1 else 0 end), 0) as bigint), \
           cast(coalesce(sum(case when reply_due >= $2 and reply_due <= $3 then 1 else 0 end), 0) as bigint) \
         from (select agency_id, reply_due from requests where decided_on is null and coalesce(received_on, submitted_on) <= $2 and {IN_SUBTREE} \
               union all \
               select agency_id, reply_due from requests where decided_on > $2 and coalesce(received_on, submitted_on) <= $2 and {IN_SUBTREE}) open_requests \
         group by agency_id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(pattern).bind(as_of).bind(soon).fetch_all(db.reader()).await?)
}

/// Requests decided from `first` to the day judged, and how many of them after their deadline, per agency.
async fn closed_requests(db: &Db, pattern: &str, first: &str, as_of: &str) -> Result<Vec<(i64, i64, i64)>> {
    let sql = format!(
        "select agency_id, cast(count(*) as bigint), \
           cast(coalesce(sum(case when reply_due is not null and decided_on > reply_due then 1 else 0 end), 0) as bigint) \
         from requests where decided_on >= $2 and decided_on <= $3 and {IN_SUBTREE} group by agency_id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(pattern).bind(first).bind(as_of).fetch_all(db.reader()).await?)
}

/// Items published from `first` to the day judged, and how many beyond the Art. 26 limit, per agency.
async fn published_items(
    db: &Db,
    pattern: &str,
    first: &str,
    as_of: &str,
    publish_workdays: u32,
) -> Result<Vec<(i64, i64, i64)>> {
    let sql = format!(
        "select agency_id, cast(count(*) as bigint), \
           cast(coalesce(sum(case when publish_workdays > $4 then 1 else 0 end), 0) as bigint) \
         from items where published_on >= $2 and published_on <= $3 and {IN_SUBTREE} group by agency_id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(pattern)
        .bind(first)
        .bind(as_of)
        .bind(i64::from(publish_workdays))
        .fetch_all(db.reader())
        .await?)
}

/// Each agency's last publication (up to the day judged) in each of `columns` (category keys,
/// or [`SYSTEM_COLUMN`]): one index seek per agency and column it shows (`columns_of` its level;
/// none for Art. 21 at a department, say).
async fn column_latest(
    db: &Db,
    pattern: &str,
    as_of: &str,
    columns: &[&'static str],
) -> Result<Vec<(i64, &'static str, Option<Date>)>> {
    let mut select = String::from("select a.id");
    let mut bound = Vec::new();
    for column in columns {
        let seek = if *column == SYSTEM_COLUMN {
            "(select max(published_on) from items i where i.agency_id = a.id and i.status = 'published' and i.in_system_column = 1 and i.published_on <= $2)".to_owned()
        } else {
            bound.push(*column);
            format!(
                "(select max(published_on) from items i where i.agency_id = a.id and i.category = ${} and i.status = 'published' and i.published_on <= $2)",
                bound.len() + 2
            )
        };
        let levels: Vec<String> = Level::ALL
            .iter()
            .filter(|l| columns_of(**l).contains(column))
            .map(|l| format!("'{}'", l.as_str()))
            .collect();
        if levels.len() == Level::ALL.len() {
            select.push_str(&format!(", {seek}"));
        } else {
            select.push_str(&format!(", case when a.level in ({}) then {seek} end", levels.join(", ")));
        }
    }
    select.push_str(" from agencies a where a.path like $1");
    let mut query = sqlx::query(sqlx::AssertSqlSafe(select)).bind(pattern).bind(as_of);
    for key in bound {
        query = query.bind(key);
    }
    let mut latest = Vec::new();
    for row in query.fetch_all(db.reader()).await? {
        let id: i64 = row.try_get(0)?;
        for (i, column) in columns.iter().enumerate() {
            let last: Option<String> = row.try_get(i + 1)?;
            latest.push((id, *column, last.and_then(|d| iso_date::parse(&d).ok())));
        }
    }
    Ok(latest)
}

/// `YYYY * 12 + MM` of a stored timestamp (or date) in `column`.
fn month_number(column: &str) -> String {
    format!("(cast(substr({column}, 1, 4) as bigint) * 12 + cast(substr({column}, 6, 2) as bigint))")
}

/// Enquiries of the year before the day judged that ran past the reply limit: the agency of each.
///
/// Only those that can have run past it are read (unanswered, answered after the day judged,
/// or answered at least `enquiry_months − 1` months later by the UTC months of the stored
/// timestamps, China time moving a date into the next month at most), and judged here.
async fn enquiries(db: &Db, pattern: &str, as_of: Date, rules: &Rules) -> Result<Vec<i64>> {
    let from = china_midnight(months_before(as_of, 12));
    let to = china_midnight(as_of.next_day().unwrap_or(as_of));
    let sql = format!(
        "select agency_id, received_at, replied_at from messages where kind = 'enquiry' and received_at >= $2 and received_at < $3 and {IN_SUBTREE} \
           and (replied_at is null or replied_at >= $3 or {} - {} >= $4)",
        month_number("replied_at"),
        month_number("received_at")
    );
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(pattern)
        .bind(from)
        .bind(to)
        .bind(i64::from(rules.enquiry_months) - 1)
        .fetch_all(db.reader())
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, received, replied)| {
            let Some(received) = china_date_of(received) else { return false };
            enquiry_overdue(received, replied.as_deref().and_then(china_date_of), as_of, rules.enquiry_months)
        })
        .map(|(id, _, _)| id)
        .collect())
}

/// Last year's report: its first publication, and whether its carry-over still matches the
/// year before. A report is published only without findings, so it can gain one only when the
/// year before is corrected afterwards; only those pairs are read and checked again.
/// By agency: the day of the first publication and the findings.
async fn reports(db: &Db, pattern: &str, as_of: Date) -> Result<Vec<(i64, Date, Vec<String>)>> {
    let year = as_of.year() - 1;
    let sql = format!(
        "select agency_id, cast(year as bigint), min(published_at), max(published_at) from report_versions where (year = $2 or year = $3) and {IN_SUBTREE} group by agency_id, year"
    );
    let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(pattern)
        .bind(i64::from(year))
        .bind(i64::from(year - 1))
        .fetch_all(db.reader())
        .await?;
    let mut last_of_previous: HashMap<i64, String> = HashMap::new();
    let mut current: Vec<(i64, Date, String)> = Vec::new();
    for (id, y, first, last) in rows {
        if y == i64::from(year) {
            if let Some(on) = china_date_of(&first).filter(|on| *on <= as_of) {
                current.push((id, on, last));
            }
        } else {
            last_of_previous.insert(id, last);
        }
    }
    let mut published = Vec::with_capacity(current.len());
    for (id, on, last) in current {
        let mut findings = Vec::new();
        if last_of_previous.get(&id).is_some_and(|previous| *previous > last)
            && let (Some(this), Some(before)) =
                (publish::latest(db, id, year).await?, publish::latest(db, id, year - 1).await?)
        {
            findings = check_carry_over(&before.report()?.table3, &this.report()?.table3)
                .into_iter()
                .map(|x| x.rule.to_owned())
                .collect();
        }
        published.push((id, on, findings));
    }
    Ok(published)
}

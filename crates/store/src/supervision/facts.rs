//! The grouped queries behind [`super::overview`]: one query per kind of fact over the whole
//! subtree, grouped by agency, each served by an index of migration 0007 (the column query
//! seeks each agency's last item per column instead of reading its items).

use std::collections::HashMap;

use gongkai_core::calendar::iso_date;
use gongkai_core::law::categories;
use gongkai_core::report::rules::check_carry_over;
use gongkai_core::supervision::figures::{AgencyFacts, enquiry_overdue};
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
pub(crate) const IN_SUBTREE: &str = "agency_id in (select id from agencies where path like $1)";

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Every fact of every agency in the subtree that has any, by agency id.
pub async fn read(db: &Db, root: &Agency, agencies: &[Agency], month: Month, as_of: Date, soon: Date, rules: &Rules) -> Result<HashMap<i64, AgencyFacts>> {
    let pattern = subtree_pattern(root);
    let mut facts: HashMap<i64, AgencyFacts> = HashMap::with_capacity(agencies.len());
    let (first, as_of_s, soon_s) = (iso_date::format(month.first_day()), iso_date::format(as_of), iso_date::format(soon));

    let sql = format!(
        "select agency_id, cast(count(*) as bigint), \
           cast(coalesce(sum(case when reply_due < $2 then 1 else 0 end), 0) as bigint), \
           cast(coalesce(sum(case when reply_due >= $2 and reply_due <= $3 then 1 else 0 end), 0) as bigint) \
         from (select agency_id, reply_due from requests where decided_on is null and coalesce(received_on, submitted_on) <= $2 and {IN_SUBTREE} \
               union all \
               select agency_id, reply_due from requests where decided_on > $2 and coalesce(received_on, submitted_on) <= $2 and {IN_SUBTREE}) open_requests \
         group by agency_id"
    );
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&pattern).bind(&as_of_s).bind(&soon_s).fetch_all(db.reader()).await?;
    for (id, open, overdue, due_soon) in rows {
        let f = facts.entry(id).or_default();
        (f.requests_open, f.requests_overdue, f.requests_due_soon) = (count(open), count(overdue), count(due_soon));
    }

    let sql = format!(
        "select agency_id, cast(count(*) as bigint), \
           cast(coalesce(sum(case when reply_due is not null and decided_on > reply_due then 1 else 0 end), 0) as bigint) \
         from requests where decided_on >= $2 and decided_on <= $3 and {IN_SUBTREE} group by agency_id"
    );
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&pattern).bind(&first).bind(&as_of_s).fetch_all(db.reader()).await?;
    for (id, closed, late) in rows {
        let f = facts.entry(id).or_default();
        (f.requests_closed, f.requests_closed_late) = (count(closed), count(late));
    }

    let sql = format!(
        "select agency_id, cast(count(*) as bigint), \
           cast(coalesce(sum(case when publish_workdays > $4 then 1 else 0 end), 0) as bigint) \
         from items where published_on >= $2 and published_on <= $3 and {IN_SUBTREE} group by agency_id"
    );
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&pattern)
        .bind(&first)
        .bind(&as_of_s)
        .bind(i64::from(rules.publish_workdays))
        .fetch_all(db.reader())
        .await?;
    for (id, published, late) in rows {
        let f = facts.entry(id).or_default();
        (f.items_published, f.items_late) = (count(published), count(late));
    }

    column_latest(db, &pattern, &as_of_s, &mut facts).await?;
    enquiries(db, &pattern, as_of, rules, &mut facts).await?;
    reports(db, &pattern, as_of, &mut facts).await?;
    Ok(facts)
}

/// Each agency's last publication (up to the day judged) in each column.
async fn column_latest(db: &Db, pattern: &str, as_of: &str, facts: &mut HashMap<i64, AgencyFacts>) -> Result<()> {
    let mut select = String::from("select a.id");
    for (i, _) in categories::ALL.iter().enumerate() {
        select.push_str(&format!(
            ", (select max(published_on) from items i where i.agency_id = a.id and i.category = ${} and i.status = 'published' and i.published_on <= $2)",
            i + 3
        ));
    }
    select.push_str(", (select max(published_on) from items i where i.agency_id = a.id and i.status = 'published' and i.in_system_column = 1 and i.published_on <= $2)");
    select.push_str(" from agencies a where a.path like $1");
    let mut query = sqlx::query(sqlx::AssertSqlSafe(select)).bind(pattern).bind(as_of);
    for c in categories::ALL {
        query = query.bind(c.key);
    }
    for row in query.fetch_all(db.reader()).await? {
        let id: i64 = row.try_get(0)?;
        let f = facts.entry(id).or_default();
        let keys = categories::ALL.iter().map(|c| c.key).chain([SYSTEM_COLUMN]);
        for (i, key) in keys.enumerate() {
            let last: Option<String> = row.try_get(i + 1)?;
            f.column_latest.insert(key.to_owned(), last.and_then(|d| iso_date::parse(&d).ok()));
        }
    }
    Ok(())
}

/// Enquiries of the year before the day judged that ran past the reply limit.
async fn enquiries(db: &Db, pattern: &str, as_of: Date, rules: &Rules, facts: &mut HashMap<i64, AgencyFacts>) -> Result<()> {
    let from = china_midnight(months_before(as_of, 12));
    let to = china_midnight(as_of.next_day().unwrap_or(as_of));
    let sql = format!("select agency_id, received_at, replied_at from messages where kind = 'enquiry' and received_at >= $2 and received_at < $3 and {IN_SUBTREE}");
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(pattern).bind(from).bind(to).fetch_all(db.reader()).await?;
    for (id, received, replied) in rows {
        let Some(received) = china_date_of(&received) else { continue };
        let replied = replied.as_deref().and_then(china_date_of);
        if enquiry_overdue(received, replied, as_of, rules.enquiry_months) {
            facts.entry(id).or_default().enquiries_overdue += 1;
        }
    }
    Ok(())
}

/// Last year's report: its first publication, and whether its carry-over still matches the
/// year before. A report is published only without findings, so it can gain one only when the
/// year before is corrected afterwards; only those pairs are read and checked again.
async fn reports(db: &Db, pattern: &str, as_of: Date, facts: &mut HashMap<i64, AgencyFacts>) -> Result<()> {
    let year = as_of.year() - 1;
    let sql = format!(
        "select agency_id, cast(year as bigint), min(published_at), max(published_at) from report_versions where (year = $2 or year = $3) and {IN_SUBTREE} group by agency_id, year"
    );
    let rows: Vec<(i64, i64, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(pattern).bind(i64::from(year)).bind(i64::from(year - 1)).fetch_all(db.reader()).await?;
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
    for (id, on, last) in current {
        let f = facts.entry(id).or_default();
        f.report_published_on = Some(on);
        if last_of_previous.get(&id).is_some_and(|previous| *previous > last) {
            let (Some(this), Some(before)) = (publish::latest(db, id, year).await?, publish::latest(db, id, year - 1).await?) else { continue };
            f.report_findings = check_carry_over(&before.report()?.table3, &this.report()?.table3).into_iter().map(|x| x.rule.to_owned()).collect();
        }
    }
    Ok(())
}

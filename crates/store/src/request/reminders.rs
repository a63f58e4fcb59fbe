//! The daily reminder of a disclosure office: requests due within 3 working days and overdue
//! ones, queued once per China-time day (claimed in `reminder_days`, so with several nodes the
//! first one sends them and the others do nothing).

use time::Date;

use super::notify;
use super::queries::{self, View};
use super::row::Request;
use crate::db::Db;
use crate::error::Result;
use crate::timestamp;
use gongkai_core::calendar::iso_date;

/// How many requests one reminder lists by name.
const LISTED: i64 = 50;

fn line(r: &Request) -> String {
    let due = r.reply_due.map(iso_date::chinese).unwrap_or_else(|| "未定".into());
    format!("{}（答复期限{}{}）", r.tracking_code, due, r.provisional_mark())
}

/// Queues today's reminders (one per agency with requests due soon or overdue) unless this day
/// was done already; returns how many were queued. The day is claimed in the transaction that
/// queues them: a crash queues nothing and the next run tries again.
pub async fn queue_daily(db: &Db, today: Date) -> Result<usize> {
    let day = iso_date::format(today);
    let done: Option<String> = sqlx::query_scalar("select day from reminder_days where day = $1")
        .bind(&day)
        .fetch_optional(db.reader())
        .await?;
    if done.is_some() {
        return Ok(0);
    }
    let agencies: Vec<i64> = sqlx::query_scalar(
        "select distinct agency_id from requests where decided_on is null and reply_due is not null order by agency_id",
    )
    .fetch_all(db.reader())
    .await?;
    let mut reminders = Vec::new();
    for agency_id in agencies {
        let agency = crate::agency::get(db, agency_id).await?;
        let calendar = crate::calendar::for_agency(db, &agency).await?;
        let soon = queries::list(db, &calendar, agency_id, View::DueSoon, today, LISTED).await?;
        let overdue = queries::list(db, &calendar, agency_id, View::Overdue, today, LISTED).await?;
        if soon.is_empty() && overdue.is_empty() {
            continue;
        }
        let mut body = format!("{}依申请公开办理提醒（{}）：\n", agency.name, iso_date::chinese(today));
        if !soon.is_empty() {
            body.push_str(&format!("\n3个工作日内到期{}件，请经办人按期答复：\n", soon.len()));
            body.extend(soon.iter().map(|r| format!("  {}\n", line(r))));
        }
        if !overdue.is_empty() {
            body.push_str(&format!("\n已超过答复期限{}件，请办公室负责人督促办理：\n", overdue.len()));
            body.extend(overdue.iter().map(|r| format!("  {}\n", line(r))));
        }
        let subject = format!("依申请公开提醒：{}件即将到期，{}件已超期", soon.len(), overdue.len());
        reminders.push((agency_id, subject, body));
    }
    let mut tx = db.begin().await?;
    let claimed =
        sqlx::query("insert into reminder_days (day, queued_at) values ($1, $2) on conflict (day) do nothing")
            .bind(&day)
            .bind(timestamp::now())
            .execute(&mut *tx)
            .await?;
    if claimed.rows_affected() != 1 {
        return Ok(0);
    }
    for (agency_id, subject, body) in &reminders {
        notify::to_agency(&mut tx, *agency_id, subject, body).await?;
    }
    tx.commit().await?;
    Ok(reminders.len())
}

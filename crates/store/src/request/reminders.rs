//! The daily reminders of requests due within 3 working days and overdue: each handler gets
//! their own cases (matched by the name in the case's 经办人 field to an active staff account of
//! the agency), the disclosure office every overdue case and the due-soon ones no account
//! answers for. Queued once per China-time day (claimed in `reminder_days`, so with several
//! nodes the first one sends them and the others do nothing).

use std::collections::HashMap;

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

/// One reminder to queue: to the office (`None`) or to one handler.
struct Reminder {
    agency_id: i64,
    staff_id: Option<i64>,
    subject: String,
    body: String,
}

fn subject(soon: usize, overdue: usize) -> String {
    format!("依申请公开提醒：{soon}件即将到期，{overdue}件已超期")
}

/// `\n{before}{n}件{after}：` and one line per request, when there are any.
fn section(body: &mut String, before: &str, after: &str, list: &[&Request]) {
    if !list.is_empty() {
        body.push_str(&format!("\n{before}{}件{after}：\n", list.len()));
        body.extend(list.iter().map(|r| format!("  {}\n", line(r))));
    }
}

/// The active staff of an agency by the name a request's 经办人 field holds; a name two
/// members share is left out (its cases stay with the office).
async fn handlers_by_name(db: &Db, agency_id: i64) -> Result<HashMap<String, i64>> {
    let mut by_name: HashMap<String, Option<i64>> = HashMap::new();
    for s in crate::staff::of_agency(db, agency_id).await?.into_iter().filter(|s| s.is_active()) {
        by_name.entry(s.display_name.clone()).and_modify(|id| *id = None).or_insert(Some(s.id));
    }
    Ok(by_name.into_iter().filter_map(|(name, id)| Some((name, id?))).collect())
}

/// The reminders of one agency: each handler named on a case gets their own cases due soon and
/// overdue; the office gets every overdue case (for its head to press) and the due-soon cases
/// no handler account answers for.
async fn of_agency(db: &Db, agency_id: i64, today: Date) -> Result<Vec<Reminder>> {
    let agency = crate::agency::get(db, agency_id).await?;
    let calendar = crate::calendar::for_agency(db, &agency).await?;
    let soon = queries::list(db, &calendar, agency_id, View::DueSoon, today, LISTED).await?;
    let overdue = queries::list(db, &calendar, agency_id, View::Overdue, today, LISTED).await?;
    if soon.is_empty() && overdue.is_empty() {
        return Ok(Vec::new());
    }
    let handlers = handlers_by_name(db, agency_id).await?;
    let handler_of = |r: &Request| r.handler.as_deref().and_then(|n| handlers.get(n.trim()).copied());
    let mut reminders = Vec::new();
    let mut ids: Vec<i64> = soon.iter().chain(&overdue).filter_map(handler_of).collect();
    ids.sort_unstable();
    ids.dedup();
    let date = iso_date::chinese(today);
    for staff_id in ids {
        let mine: Vec<&Request> = soon.iter().filter(|r| handler_of(r) == Some(staff_id)).collect();
        let late: Vec<&Request> = overdue.iter().filter(|r| handler_of(r) == Some(staff_id)).collect();
        let (soon, overdue) = (mine, late);
        let mut body = format!("{}依申请公开办理提醒（{date}），您经办的申请：\n", agency.name);
        section(&mut body, "3个工作日内到期", "，请按期答复", &soon);
        section(&mut body, "已超过答复期限", "，请尽快答复", &overdue);
        reminders.push(Reminder {
            agency_id,
            staff_id: Some(staff_id),
            subject: subject(soon.len(), overdue.len()),
            body,
        });
    }
    let unassigned: Vec<&Request> = soon.iter().filter(|r| handler_of(r).is_none()).collect();
    if !unassigned.is_empty() || !overdue.is_empty() {
        let overdue: Vec<&Request> = overdue.iter().collect();
        let mut body = format!("{}依申请公开办理提醒（{date}）：\n", agency.name);
        section(&mut body, "3个工作日内到期且经办人无本单位账号的", "，请按期答复", &unassigned);
        section(&mut body, "已超过答复期限", "，请办公室负责人督促办理", &overdue);
        let subject = subject(unassigned.len(), overdue.len());
        reminders.push(Reminder { agency_id, staff_id: None, subject, body });
    }
    Ok(reminders)
}

/// Queues today's reminders (to each handler with cases due soon or overdue, and to each office
/// with overdue or unassigned ones) unless this day was done already; returns how many were
/// queued. The day is claimed in the transaction that queues them: a crash queues nothing and
/// the next run tries again.
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
        reminders.extend(of_agency(db, agency_id, today).await?);
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
    for r in &reminders {
        match r.staff_id {
            Some(staff_id) => notify::to_staff(&mut tx, r.agency_id, staff_id, &r.subject, &r.body).await?,
            None => notify::to_agency(&mut tx, r.agency_id, &r.subject, &r.body).await?,
        }
    }
    tx.commit().await?;
    Ok(reminders.len())
}

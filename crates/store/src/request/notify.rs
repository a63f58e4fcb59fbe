//! The notification outbox: messages to applicants and to an agency's staff, written in the
//! transaction of the change that causes them. A delivery job sends them by SMTP when it is
//! configured, or writes them to files in the data directory; either way the row records where
//! it went, and the admin console lists them.

use super::row::Request;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::timestamp;
use gongkai_core::calendar::china_time::Moment;

/// Who a notification is for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", content = "to", rename_all = "snake_case")]
pub enum Recipient {
    /// An applicant's (or citizen's) email address.
    Email(String),
    /// The staff of an agency (stored as `agency:{id}`).
    Agency(i64),
    /// One staff member (stored as `staff:{id}`): a handler's own reminder. It goes to their
    /// notification address, or to the disclosure office's when they have none.
    Staff(i64),
}

impl Recipient {
    pub fn parse(stored: &str) -> Option<Recipient> {
        if let Some(id) = stored.strip_prefix("agency:") {
            return id.parse().ok().map(Recipient::Agency);
        }
        if let Some(id) = stored.strip_prefix("staff:") {
            return id.parse().ok().map(Recipient::Staff);
        }
        stored.contains('@').then(|| Recipient::Email(stored.to_owned()))
    }

    pub fn to_stored(&self) -> String {
        match self {
            Recipient::Email(address) => address.clone(),
            Recipient::Agency(id) => format!("agency:{id}"),
            Recipient::Staff(id) => format!("staff:{id}"),
        }
    }

    /// The email address, when the notification goes to one.
    pub fn email(&self) -> Option<&str> {
        match self {
            Recipient::Email(address) => Some(address),
            Recipient::Agency(_) | Recipient::Staff(_) => None,
        }
    }
}

/// One queued or delivered notification.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Notification {
    pub id: i64,
    pub agency_id: Option<i64>,
    pub recipient: Recipient,
    pub subject: String,
    pub body: String,
    pub created_at: Moment,
    pub sent_at: Option<Moment>,
    /// Where it went: `smtp:{address}` or the path of the file written.
    pub delivered_to: Option<String>,
    pub error: Option<String>,
    /// The staff member's name and roles, for [`Recipient::Staff`] (filled by the listing queries).
    pub recipient_name: Option<String>,
}

crate::from_row!(Notification, "notifications", |r| Ok(Notification {
    id: r.id(),
    agency_id: r.opt_int("agency_id")?,
    recipient: r.key("recipient", |s| Recipient::parse(s).ok_or(()))?,
    subject: r.text("subject")?,
    body: r.text("body")?,
    created_at: r.moment("created_at")?,
    sent_at: r.opt_moment("sent_at")?,
    delivered_to: r.opt_text("delivered_to")?,
    error: r.opt_text("error")?,
    recipient_name: None,
}));

impl Notification {
    /// How the console names the recipient: the address, 本单位工作人员, or the member with
    /// their roles (张三（依申请经办）).
    pub fn recipient_label(&self) -> String {
        match &self.recipient {
            Recipient::Email(address) => address.clone(),
            Recipient::Agency(_) => "本单位工作人员".into(),
            Recipient::Staff(_) => self.recipient_name.clone().unwrap_or_else(|| "本单位经办人".into()),
        }
    }

    /// Where it stands, as the console says it: 已发送至…, 已写入文件, 未发送（原因）, 待发送.
    pub fn state_label(&self) -> String {
        match (&self.delivered_to, &self.error) {
            (Some(to), _) if to.starts_with("smtp:") => format!("已通过邮件发送至{}", &to[5..]),
            (Some(_), _) => "已写入通知文件".into(),
            (None, Some(e)) => format!("未能发送：{e}"),
            (None, None) => "待发送".into(),
        }
    }
}

async fn push(tx: &mut Tx, agency_id: i64, recipient: &str, subject: &str, body: &str) -> Result<()> {
    sqlx::query(
        "insert into notifications (agency_id, recipient, subject, body, created_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(agency_id)
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(timestamp::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Queues a message to a member of the public at `email` (an applicant, the writer of an
/// enquiry), when they gave one.
pub async fn to_person(
    tx: &mut Tx,
    agency_id: i64,
    email: &str,
    agency_name: &str,
    subject: &str,
    body: &str,
) -> Result<()> {
    if email.is_empty() {
        return Ok(());
    }
    push(tx, agency_id, email, &format!("【{agency_name}】{subject}"), body).await
}

/// Queues a message to the applicant of `r` when they gave an email address.
pub async fn to_applicant(tx: &mut Tx, r: &Request, agency_name: &str, subject: &str, body: &str) -> Result<()> {
    to_person(tx, r.agency_id, &r.email, agency_name, subject, body).await
}

/// Queues a message to the staff of an agency (shown in its console).
pub async fn to_agency(tx: &mut Tx, agency_id: i64, subject: &str, body: &str) -> Result<()> {
    push(tx, agency_id, &format!("agency:{agency_id}"), subject, body).await
}

/// Queues a message to one staff member of `agency_id` (a handler's own reminder).
pub async fn to_staff(tx: &mut Tx, agency_id: i64, staff_id: i64, subject: &str, body: &str) -> Result<()> {
    push(tx, agency_id, &format!("staff:{staff_id}"), subject, body).await
}

/// Fills in the names of staff recipients.
async fn named(db: &Db, mut list: Vec<Notification>) -> Result<Vec<Notification>> {
    let ids: Vec<i64> =
        list.iter().filter_map(|n| if let Recipient::Staff(id) = n.recipient { Some(id) } else { None }).collect();
    if ids.is_empty() {
        return Ok(list);
    }
    let names = crate::staff::names(db, ids).await?;
    for n in &mut list {
        if let Recipient::Staff(id) = n.recipient {
            n.recipient_name = names.get(&id).cloned();
        }
    }
    Ok(list)
}

/// Notifications not yet delivered, oldest first.
pub async fn pending(db: &Db, limit: i64) -> Result<Vec<Notification>> {
    Ok(sqlx::query_as("select * from notifications where sent_at is null order by id limit $1")
        .bind(limit)
        .fetch_all(db.reader())
        .await?)
}

/// Records where a notification went (or why it could not be sent).
pub async fn mark(db: &Db, id: i64, delivered_to: Option<&str>, error: Option<&str>) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("update notifications set sent_at = $1, delivered_to = $2, error = $3 where id = $4")
        .bind(timestamp::now())
        .bind(delivered_to)
        .bind(error)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The newest notifications of an agency, for its console.
pub async fn of_agency(db: &Db, agency_id: i64, limit: i64) -> Result<Vec<Notification>> {
    let list = sqlx::query_as("select * from notifications where agency_id = $1 order by id desc limit $2")
        .bind(agency_id)
        .bind(limit)
        .fetch_all(db.reader())
        .await?;
    named(db, list).await
}

/// The newest notifications addressed to staff member `staff_id` themselves (their reminders),
/// for the console's home page.
pub async fn of_staff(db: &Db, staff_id: i64, limit: i64) -> Result<Vec<Notification>> {
    let list = sqlx::query_as("select * from notifications where recipient = $1 order by id desc limit $2")
        .bind(format!("staff:{staff_id}"))
        .bind(limit)
        .fetch_all(db.reader())
        .await?;
    named(db, list).await
}

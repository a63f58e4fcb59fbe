//! 举报投诉 (complaints about disclosure work) and 咨询 (public enquiries), with the reply and the
//! time it was given. Each message gets a tracking code (查询码) its writer reads the reply with;
//! the office is told of every new message, and the writer, when the contact given is an email
//! address, of its receipt and of the reply.

use gongkai_core::field::{FieldError, FieldErrors};

use gongkai_core::calendar::china_time::Moment;

use super::notify;
use crate::actor::Actor;
use crate::actor::StoredActor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

pub const KINDS: [(&str, &str); 2] = [("enquiry", "咨询"), ("complaint", "举报投诉")];

/// A message from the public, decoded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Message {
    pub id: i64,
    pub agency_id: i64,
    /// The writer's key to the reply (absent on messages kept from before codes were given).
    pub tracking_code: Option<String>,
    /// `enquiry` or `complaint` (one of [`KINDS`]).
    pub kind: &'static str,
    pub name: String,
    pub contact: String,
    pub content: String,
    pub received_at: Moment,
    pub reply: Option<String>,
    pub replied_at: Option<Moment>,
    pub replied_by: Option<StoredActor>,
}

crate::from_row!(Message, "messages", |r| Ok(Message {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    tracking_code: r.opt_text("tracking_code")?,
    kind: r.key("kind", |k| KINDS.iter().find(|(key, _)| *key == k).map(|(key, _)| *key).ok_or(()))?,
    name: r.text("name")?,
    contact: r.text("contact")?,
    content: r.text("content")?,
    received_at: r.moment("received_at")?,
    reply: r.opt_text("reply")?,
    replied_at: r.opt_moment("replied_at")?,
    replied_by: r.opt_actor("replied_by")?,
}));

impl Message {
    pub fn kind_label(&self) -> &'static str {
        KINDS.iter().find(|(k, _)| *k == self.kind).map_or("", |(_, l)| l)
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub kind: String,
    pub name: String,
    pub contact: String,
    pub content: String,
}

/// A stored message: its id and the tracking code given to its writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageReceipt {
    pub id: i64,
    pub tracking_code: String,
}

const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// `LY` and ten characters without look-alikes: the code alone opens the message, so it is long.
fn tracking_code() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    let tail: String = (0..10).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect();
    format!("LY{tail}")
}

/// The contact if it is an email address (messages are then sent there too).
fn email_of(contact: &str) -> Option<&str> {
    let c = contact.trim();
    let (user, host) = c.split_once('@')?;
    (!user.is_empty() && host.contains('.') && !c.contains(char::is_whitespace)).then_some(c)
}

/// The first characters of a text, for a notification.
fn excerpt(text: &str) -> String {
    let mut s: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        s.push('…');
    }
    s
}

/// Stores a message from the public, tells the office and (by email, when given) the writer.
pub async fn create(
    db: &Db,
    actor: &Actor,
    agency_id: i64,
    agency_name: &str,
    form: &MessageForm,
) -> Result<MessageReceipt> {
    let mut e = FieldErrors::new();
    if !KINDS.iter().any(|(k, _)| *k == form.kind) {
        e.push(FieldError::new("kind", "类型", "请选择咨询或举报投诉"));
    }
    if form.name.trim().is_empty() || form.name.chars().count() > 100 {
        e.push(FieldError::new("name", "姓名", "请填写姓名（不超过100个字）"));
    }
    let content = form.content.trim();
    if content.is_empty() || content.chars().count() > 2000 {
        e.push(FieldError::new("content", "内容", "请填写内容（不超过2000个字）"));
    }
    e.into_result().map_err(Error::Invalid)?;
    let code = tracking_code();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar("insert into messages (agency_id, kind, name, contact, content, received_at, tracking_code) values ($1, $2, $3, $4, $5, $6, $7) returning id")
        .bind(agency_id)
        .bind(&form.kind)
        .bind(form.name.trim())
        .bind(form.contact.trim())
        .bind(content)
        .bind(timestamp::now())
        .bind(&code)
        .fetch_one(&mut *tx)
        .await?;
    let label = KINDS.iter().find(|(k, _)| *k == form.kind).map_or("留言", |(_, l)| *l);
    let office = format!("收到{label}（查询码{code}）：{}", excerpt(content));
    notify::to_agency(&mut tx, agency_id, &format!("收到{label}"), &office).await?;
    if let Some(email) = email_of(&form.contact) {
        let body = format!(
            "已收到您的{label}，查询码{code}。答复后会发送到本邮箱，也可凭查询码在“咨询与举报投诉”页面查看答复。"
        );
        notify::to_person(&mut tx, agency_id, email, agency_name, &format!("已收到您的{label}"), &body).await?;
    }
    let change = Change {
        agency_id: Some(agency_id),
        entity: "message",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(serde_json::json!({"kind": form.kind})),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(MessageReceipt { id, tracking_code: code })
}

/// Records the reply to message `id` of `agency_id` (a message of another agency is not found)
/// and sends it to the writer when they gave an email address.
pub async fn reply(db: &Db, actor: &Actor, agency_id: i64, agency_name: &str, id: i64, reply: &str) -> Result<()> {
    let reply = reply.trim();
    if reply.is_empty() {
        return Err(Error::field("reply", "答复", "请填写答复内容"));
    }
    let mut tx = db.begin().await?;
    let message: Message = sqlx::query_as("select * from messages where id = $1 and agency_id = $2")
        .bind(id)
        .bind(agency_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound("该留言"))?;
    sqlx::query("update messages set reply = $1, replied_at = $2, replied_by = $3 where id = $4")
        .bind(reply)
        .bind(timestamp::now())
        .bind(actor.to_string())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "message",
        entity_id: id.to_string(),
        action: "reply",
        before: None,
        after: None,
    };
    audit::append(&mut tx, actor, change).await?;
    if let Some(email) = email_of(&message.contact) {
        let code = message.tracking_code.as_deref().map(|c| format!("（查询码{c}）")).unwrap_or_default();
        let body = format!("您的{}{code}已答复：{reply}", message.kind_label());
        notify::to_person(
            &mut tx,
            agency_id,
            email,
            agency_name,
            &format!("您的{}已答复", message.kind_label()),
            &body,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The message with tracking code `code` (trimmed, case-insensitive), for its writer.
pub async fn by_code(db: &Db, code: &str) -> Result<Message> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(Error::field("tracking_code", "查询码", "请填写查询码"));
    }
    sqlx::query_as("select * from messages where tracking_code = $1")
        .bind(&code)
        .fetch_optional(db.reader())
        .await?
        .ok_or_else(|| Error::field("tracking_code", "查询码", "没有找到该查询码的留言，请核对后重新输入"))
}

pub async fn of_agency(db: &Db, agency_id: i64) -> Result<Vec<Message>> {
    Ok(sqlx::query_as("select * from messages where agency_id = $1 order by id desc")
        .bind(agency_id)
        .fetch_all(db.reader())
        .await?)
}

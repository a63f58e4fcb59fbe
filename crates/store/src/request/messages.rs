//! 举报投诉 (complaints about disclosure work) and 咨询 (public enquiries), with the reply and the
//! time it was given.

use gongkai_core::field::{FieldError, FieldErrors};

use gongkai_core::calendar::china_time::Moment;

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

/// Stores a message from the public.
pub async fn create(db: &Db, actor: &Actor, agency_id: i64, form: &MessageForm) -> Result<i64> {
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
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar("insert into messages (agency_id, kind, name, contact, content, received_at) values ($1, $2, $3, $4, $5, $6) returning id")
        .bind(agency_id)
        .bind(&form.kind)
        .bind(form.name.trim())
        .bind(form.contact.trim())
        .bind(content)
        .bind(timestamp::now())
        .fetch_one(&mut *tx)
        .await?;
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
    Ok(id)
}

/// Records the reply to message `id` of `agency_id` (a message of another agency is not found).
pub async fn reply(db: &Db, actor: &Actor, agency_id: i64, id: i64, reply: &str) -> Result<()> {
    let reply = reply.trim();
    if reply.is_empty() {
        return Err(Error::field("reply", "答复", "请填写答复内容"));
    }
    let mut tx = db.begin().await?;
    let _: i64 = sqlx::query_scalar("select id from messages where id = $1 and agency_id = $2")
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
    tx.commit().await?;
    Ok(())
}

pub async fn of_agency(db: &Db, agency_id: i64) -> Result<Vec<Message>> {
    Ok(sqlx::query_as("select * from messages where agency_id = $1 order by id desc")
        .bind(agency_id)
        .fetch_all(db.reader())
        .await?)
}

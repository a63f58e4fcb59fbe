//! Creating and editing drafts. Bodies are sanitised HTML (ammonia: no scripts, no event
//! handlers, no styles); their plain text is kept beside them for search and the secrecy scan.
//! Every save re-runs the secrecy scan in the same transaction.

use serde_json::json;

use super::item::{Item, ItemFields};
use super::secrecy;
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;
use gongkai_core::calendar::iso_date;
use gongkai_core::catalogue::review::Status;

/// Rich text as allowed in an item body: the usual document tags, links and tables, nothing active.
pub fn sanitise(html: &str) -> String {
    ammonia::Builder::default().link_rel(Some("noopener noreferrer")).clean(html).to_string()
}

/// The text of sanitised HTML, with block boundaries as line breaks.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                if matches!(name.as_str(), "p" | "br" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "table") {
                    out.push('\n');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

pub(crate) fn date_text(d: Option<time::Date>) -> Option<String> {
    d.map(iso_date::format)
}

/// Binds the 16 editable fields as `$1`…`$16` in the column order of [`create`].
macro_rules! bind_item_fields {
    ($query:expr, $f:expr) => {
        $query
            .bind(&$f.title)
            .bind(&$f.summary)
            .bind(&$f.body)
            .bind(&$f.body_text)
            .bind($f.category)
            .bind(&$f.subject)
            .bind(&$f.issuer)
            .bind(&$f.doc_number)
            .bind($crate::catalogue::drafts::date_text($f.written_on))
            .bind($crate::catalogue::drafts::date_text($f.formed_on))
            .bind(&$f.keywords)
            .bind($f.validity.as_str())
            .bind($f.kind.as_str())
            .bind($crate::catalogue::drafts::date_text($f.effective_on))
            .bind($crate::catalogue::drafts::date_text($f.expires_on))
            .bind($f.in_system_column as i64)
    };
}
pub(crate) use bind_item_fields;

/// Refuses a 发文字号 that another item of the agency (other than `except`, not withdrawn, and not
/// a revision of the same document or the document it revises) already carries: two documents of
/// one agency never share a number (GB/T 9704-2012).
pub(crate) async fn ensure_doc_number_free(
    tx: &mut Tx,
    agency_id: i64,
    doc_number: Option<&str>,
    except: Option<i64>,
) -> Result<()> {
    let Some(number) = doc_number else { return Ok(()) };
    let holder: Option<(i64, String)> = sqlx::query_as(
        "select id, title from items where agency_id = $1 and doc_number = $2
            and status not in ('withdrawn', 'superseded') and id <> $3
            and (revision_of is null or revision_of <> $3)
            and id not in (select revision_of from items where id = $3 and revision_of is not null)
         order by id limit 1",
    )
    .bind(agency_id)
    .bind(number)
    .bind(except.unwrap_or(-1))
    .fetch_optional(&mut **tx)
    .await?;
    match holder {
        Some((_, title)) => Err(Error::field(
            "doc_number",
            "发文字号",
            format!("发文字号{number}已由《{title}》使用：同一机关的两份文件不能使用同一发文字号，请核对"),
        )),
        None => Ok(()),
    }
}

/// Creates a draft in `agency_id`.
pub async fn create(db: &Db, actor: &Actor, agency_id: i64, f: &ItemFields) -> Result<Item> {
    let mut tx = db.begin().await?;
    ensure_doc_number_free(&mut tx, agency_id, f.doc_number.as_deref(), None).await?;
    let now = timestamp::now();
    let insert = sqlx::query_scalar(
        "insert into items (title, summary, body, body_text, category, subject, issuer, doc_number, written_on,
            formed_on, keywords, validity, kind, effective_on, expires_on, in_system_column,
            agency_id, status, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20)
         returning id",
    );
    let id: i64 = bind_item_fields!(insert, f)
        .bind(agency_id)
        .bind(Status::Draft.as_str())
        .bind(actor.to_string())
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
    secrecy::rescan(&mut tx, db.secrecy_key(), id).await?;
    set_links(&mut tx, id, &f.interprets).await?;
    let item = get_in(&mut tx, id).await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "item",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(summary(&item)),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(item)
}

/// Replaces the fields of a draft (only drafts can be edited; revise a published item first).
pub async fn update(db: &Db, actor: &Actor, id: i64, f: &ItemFields) -> Result<Item> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    if before.status() != Status::Draft {
        return Err(Error::field(
            "status",
            "状态",
            format!("只有起草中的信息可以修改，当前状态为“{}”", before.status_label()),
        ));
    }
    ensure_doc_number_free(&mut tx, before.agency_id, f.doc_number.as_deref(), Some(id)).await?;
    let update = sqlx::query(
        "update items set title = $1, summary = $2, body = $3, body_text = $4, category = $5, subject = $6,
            issuer = $7, doc_number = $8, written_on = $9, formed_on = $10, keywords = $11, validity = $12,
            kind = $13, effective_on = $14, expires_on = $15, in_system_column = $16, updated_at = $17
         where id = $18",
    );
    bind_item_fields!(update, f).bind(timestamp::now()).bind(id).execute(&mut *tx).await?;
    secrecy::rescan(&mut tx, db.secrecy_key(), id).await?;
    set_links(&mut tx, id, &f.interprets).await?;
    let after = get_in(&mut tx, id).await?;
    let change = Change {
        agency_id: Some(after.agency_id),
        entity: "item",
        entity_id: id.to_string(),
        action: "update",
        before: Some(summary(&before)),
        after: Some(summary(&after)),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Replaces the documents an interpretation interprets, named by their index numbers (each must
/// be a published item).
async fn set_links(tx: &mut Tx, id: i64, index_numbers: &[String]) -> Result<()> {
    sqlx::query("delete from item_links where interpretation_id = $1").bind(id).execute(&mut **tx).await?;
    for number in index_numbers {
        let target: Option<i64> =
            sqlx::query_scalar("select id from items where index_number = $1 and status = 'published'")
                .bind(number)
                .fetch_optional(&mut **tx)
                .await?;
        let Some(target) = target else {
            return Err(Error::field("interprets", "解读的文件", format!("未找到索引号为{number}的已发布文件")));
        };
        sqlx::query("insert into item_links (interpretation_id, document_id) values ($1, $2)")
            .bind(id)
            .bind(target)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The index numbers an interpretation links to (for the edit form).
pub async fn linked_numbers(db: &Db, id: i64) -> Result<String> {
    let numbers: Vec<String> = sqlx::query_scalar(
        "select items.index_number from item_links join items on items.id = item_links.document_id where item_links.interpretation_id = $1 order by items.id",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await?;
    Ok(numbers.join("、"))
}

/// What the audit log keeps of an item (no body: it can be long; the title and metadata identify it).
/// What the audit log keeps of an item: its metadata, the title masked of anything the secrecy
/// scan finds in it (the log is append-only: an ID number typed into a title and later redacted
/// must not live on there).
pub fn summary(item: &Item) -> serde_json::Value {
    use gongkai_core::catalogue::secrecy;
    let title = secrecy::redact(&item.title, &secrecy::scan(&item.title));
    json!({"title": title, "status": item.status, "category": item.category, "doc_number": item.doc_number,
           "index_number": item.index_number, "validity": item.validity, "published_on": item.published_on})
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Item> {
    sqlx::query_as("select * from items where id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound("该信息"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed_from_bodies() {
        let clean =
            sanitise(r#"<p onclick="x()">通知<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>"#);
        assert!(!clean.contains("script") && !clean.contains("onclick") && !clean.contains("javascript"), "{clean}");
        assert!(clean.contains("<p>通知</p>"));
    }

    #[test]
    fn plain_text_keeps_paragraphs_and_decodes_entities() {
        assert_eq!(plain_text("<p>第一段 &amp; 说明</p><p>第二段&lt;附&gt;</p>"), "第一段 & 说明\n第二段<附>");
    }
}

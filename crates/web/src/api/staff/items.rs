//! Catalogue items over the staff API: list and read an agency's items in any status, create and
//! update drafts, send review commands (提交 → 保密审查 → 审核 → 签发, returns), import rows.
//! Each calls the use case the console's item pages call.

use crate::extract::{Path, Query};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode, header};
use gongkai_app::catalogue;
use gongkai_core::calendar::china_time;
use gongkai_store::Error;
use gongkai_store::catalogue::import;
use gongkai_store::catalogue::item::{Item, ItemForm};
use serde::Deserialize;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::ApiStaff;
use super::requests::agency_named;
use crate::api::json_body as body;
use crate::error::ApiError;
use crate::state::AppState;

type ApiResult<T> = Result<T, ApiError>;

fn summary(i: &Item) -> Value {
    json!({
        "id": i.id,
        "agency_id": i.agency_id,
        "status": i.status.as_str(),
        "status_label": i.status.label(),
        "title": i.title,
        "category": i.category,
        "index_number": i.index_number,
        "doc_number": i.doc_number,
        "issuer": i.issuer,
        "written_on": i.written_on.map(|d| d.to_string()),
        "published_on": i.published_on.map(|d| d.to_string()),
        "scheduled_at": i.scheduled_at,
        "url": format!("/api/v1/staff/items/{}", i.id),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    agency: String,
    /// A review status key (`draft`, `secrecy_review`, `review`, `sign_off`, `published` …);
    /// empty: any.
    status: String,
    page: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let agency = agency_named(&state, &who, &q.agency).await?;
    let status = q.status.trim();
    if !status.is_empty() && !gongkai_core::catalogue::review::Status::ALL.iter().any(|s| s.as_str() == status) {
        return Err(Error::field(
            "status",
            "状态",
            "状态应为 draft、secrecy_review、review、sign_off、scheduled、published 或 withdrawn",
        )
        .into());
    }
    let page = gongkai_core::field::page_number(q.page).map_err(|e| Error::Invalid(e.into()))?;
    let list = catalogue::list(&state.app, &who, agency.id, status, page, 50).await?;
    Ok(Json(json!({
        "agency": {"id": list.agency.id, "name": list.agency.name, "credit_code": list.agency.credit_code},
        "total": list.total,
        "page": page,
        "items": list.items.iter().map(summary).collect::<Vec<_>>(),
    })))
}

pub async fn read(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let c = catalogue::read(&state.app, &who, id).await?;
    let mut v = summary(&c.item);
    v["summary"] = json!(c.item.summary);
    v["body"] = json!(c.item.body);
    v["subject"] = json!(c.item.subject);
    v["keywords"] = json!(c.item.keywords);
    v["validity"] = json!(c.item.validity.as_str());
    v["kind"] = json!(c.item.kind);
    v["editable"] = json!(c.editable);
    v["actions"] = c
        .actions
        .iter()
        .map(|a| json!({"action": a.key, "label": a.label, "needs_reason": a.needs_reason, "takes_time": a.takes_time}))
        .collect();
    v["history"] =
        c.history.iter().map(|e| json!({"at": e.at, "by": c.people.label(&e.actor), "text": e.what})).collect();
    v["secrecy_hits"] = c
        .hits
        .iter()
        .map(
            |h| json!({"id": h.id, "source": h.source, "kind": h.kind, "masked": h.masked, "resolution": h.resolution}),
        )
        .collect();
    v["attachments"] = c.attachments.iter().map(|a| json!({"filename": a.filename, "size": a.size})).collect();
    Ok(Json(v))
}

/// `POST /api/v1/staff/items`: the draft form's fields plus `agency` (empty: one's own).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewItem {
    agency: String,
    #[serde(flatten)]
    form: ItemForm,
}

pub async fn create(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    sent: Result<Json<NewItem>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let sent = body(sent)?;
    let agency = agency_named(&state, &who, &sent.agency).await?;
    catalogue::agency_for_draft(&state.app, &who, agency.id).await?;
    let fields = sent.form.parse().map_err(Error::Invalid)?;
    let item = catalogue::create_draft(&state.app, &who, agency.id, &fields).await?;
    Ok((StatusCode::CREATED, Json(summary(&item))))
}

/// `PUT /api/v1/staff/items/{id}`: the whole draft form (fields left out become empty).
pub async fn update(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Path(id): Path<i64>,
    sent: Result<Json<ItemForm>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let form = body(sent)?;
    catalogue::for_editing(&state.app, &who, id).await?;
    let fields = form.parse().map_err(Error::Invalid)?;
    let item = catalogue::update_draft(&state.app, &who, id, &fields).await?;
    Ok(Json(summary(&item)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReviewStep {
    /// An action key of the review catalogue (`submit`, `pass_secrecy`, `sign_off`, `return` …).
    action: String,
    reason: String,
    /// When to publish, for a sign-off: RFC 3339, or China time as `YYYY-MM-DD HH:MM`.
    publish_at: String,
    /// At a sign-off, the 形成日期 (`YYYY-MM-DD`) of a draft that has none.
    formed_on: String,
    /// For `repeal`: `repealed` or `expired`, and the day (`YYYY-MM-DD`); `reason` is the basis.
    validity: String,
    repealed_on: String,
}

pub async fn review(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Path(id): Path<i64>,
    sent: Result<Json<ReviewStep>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let step = body(sent)?;
    if step.action.trim().is_empty() {
        return Err(Error::field("action", "操作", "请填写审核操作（action），如 submit、sign_off").into());
    }
    let publish_at = match step.publish_at.trim() {
        "" => None,
        s => {
            Some(OffsetDateTime::parse(s, &Rfc3339).ok().or_else(|| china_time::parse_minute(s)).ok_or_else(|| {
                Error::field("publish_at", "定时发布时间", "定时发布时间应为RFC 3339时间或“年-月-日 时:分”（北京时间）")
            })?)
        }
    };
    let input = catalogue::ReviewInput {
        publish_at,
        formed_on: step.formed_on,
        validity: step.validity,
        repealed_on: step.repealed_on,
        ..catalogue::ReviewInput::new(step.action.trim(), &step.reason)
    };
    let item = catalogue::review(&state.app, &who, id, &input).await?;
    Ok(Json(summary(&item)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ImportQuery {
    agency: String,
    /// `1`: publish the rows the secrecy scan finds clean (otherwise they wait at 签发).
    publish: String,
}

/// `POST /api/v1/staff/items/import?agency=CODE[&publish=1]`: rows as JSON lines
/// (`application/x-ndjson`) or CSV (`text/csv`), the same columns as `gongkai import items`;
/// attachments are not taken. Rows with secrecy hits are held at 保密审查 (listed in `held`).
pub async fn import(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Query(q): Query<ImportQuery>,
    headers: HeaderMap,
    text: String,
) -> ApiResult<Json<Value>> {
    let agency = agency_named(&state, &who, &q.agency).await?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let rows = if content_type.starts_with("text/csv") { import::read_csv(&text) } else { import::read_jsonl(&text) };
    if rows.is_empty() {
        return Err(Error::field(
            "body",
            "请求内容",
            "没有可导入的行：请发送JSON Lines或CSV（Content-Type: text/csv）",
        )
        .into());
    }
    let clean = if q.publish == "1" { catalogue::CleanRows::Publish } else { catalogue::CleanRows::AwaitSignOff };
    let summary = catalogue::import_sent_items(&state.app, &who, agency.id, rows, clean).await?;
    Ok(Json(json!({
        "imported": summary.imported,
        "published": summary.published,
        "awaiting_sign_off": summary.awaiting_sign_off,
        "held": summary.held.iter().map(|h| json!({"line": h.line, "source_id": h.source_id, "item": h.item_id, "hits": h.hits})).collect::<Vec<_>>(),
        "already_present": summary.already_present,
        "errors": summary.errors.iter().map(|e| json!({"line": e.line, "field": e.field, "message": e.message})).collect::<Vec<_>>(),
    })))
}

//! Requests over the staff API: `GET /api/v1/staff/requests[?agency=CODE&status=…]`,
//! `GET …/requests/{id}`, `POST …/requests` (register), `POST …/requests/{id}/steps`.
//! Each calls the use case the console's request pages call.

use std::collections::HashMap;

use crate::extract::{Path, Query};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use gongkai_app::Principal;
use gongkai_app::requests::handling::StepInput;
use gongkai_app::requests::{case, handling, intake, listing};
use gongkai_core::request::workflow::catalogue::FieldKind;
use gongkai_core::request::workflow::{Audience, Status};
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::queries::View;
use gongkai_store::request::row::Request;
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;

use super::ApiStaff;
use crate::error::ApiError;
use crate::state::AppState;

type ApiResult<T> = Result<T, ApiError>;

/// The agency named by `code` (its credit code), or the principal's own when `code` is empty.
pub(super) async fn agency_named(state: &AppState, who: &Principal, code: &str) -> ApiResult<Agency> {
    let code = code.trim();
    if code.is_empty() {
        return who.staff().map(|m| m.agency.clone()).ok_or_else(|| Error::Forbidden.into());
    }
    agency::by_code(&state.db, code)
        .await
        .map_err(|_| Error::field("agency", "机关", "没有这个统一社会信用代码的机关").into())
}

/// A request in lists: keys for machines, labels for people, dates as `YYYY-MM-DD`.
fn summary(r: &Request, today: Date) -> Value {
    json!({
        "id": r.id,
        "tracking_code": r.tracking_code,
        "agency_id": r.agency_id,
        "status": r.status.as_str(),
        "status_label": r.status.label(),
        "channel": r.channel,
        "channel_label": r.channel.label(),
        "applicant_type": r.applicant_type,
        "applicant_type_label": r.applicant_type.label(),
        "applicant_name": r.applicant_name,
        "description": r.description,
        "submitted_on": r.submitted_on.to_string(),
        "received_on": r.received_on.map(|d| d.to_string()),
        "reply_due": r.reply_due.map(|d| d.to_string()),
        "reply_due_provisional": r.deadline_provisional,
        "overdue": r.is_overdue(&today),
        "outcome": r.outcome.map(|o| o.key()),
        "outcome_label": r.outcome.map(|o| o.label()),
        "decided_on": r.decided_on.map(|d| d.to_string()),
        "url": format!("/api/v1/staff/requests/{}", r.id),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    agency: String,
    /// `open` (default), `overdue`, `due_soon`, `all`, or one status key (`processing` …).
    status: String,
    limit: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let agency = agency_named(&state, &who, &q.agency).await?;
    let (view, only) = match q.status.trim() {
        "" | "open" | "overdue" | "due_soon" | "all" => (View::parse(q.status.trim()), None),
        key => match Status::parse(key) {
            Some(status) => (View::All, Some(status)),
            None => {
                return Err(Error::field(
                    "status",
                    "状态",
                    "状态应为 open、overdue、due_soon、all 或一个办理状态（如 processing）",
                )
                .into());
            }
        },
    };
    let limit = q.limit.unwrap_or(200).clamp(1, 1000);
    let list = listing::list(&state.app, &who, agency.id, view, limit).await?;
    let requests: Vec<Value> =
        list.requests.iter().filter(|r| only.is_none_or(|s| r.status == s)).map(|r| summary(r, list.today)).collect();
    Ok(Json(json!({
        "agency": {"id": list.agency.id, "name": list.agency.name, "credit_code": list.agency.credit_code},
        "view": list.view.key(),
        "open": list.open,
        "overdue": list.overdue,
        "requests": requests,
    })))
}

pub async fn read(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let c = case::read(&state.app, &who, id).await?;
    let mut v = summary(&c.request, c.today);
    v["id_type"] = json!(c.request.id_type);
    v["id_number"] = json!(c.request.id_number);
    v["phone"] = json!(c.request.phone);
    v["email"] = json!(c.request.email);
    v["address"] = json!(c.request.address);
    v["info_title"] = json!(c.request.info_title);
    v["doc_number"] = json!(c.request.doc_number);
    v["form_wanted"] = json!(c.request.form_wanted);
    v["delivery"] = json!(c.request.delivery);
    v["handler"] = json!(c.request.handler);
    v["fee_yuan"] = json!(c.request.fee_yuan);
    v["deadlines"] = json!(c.deadlines.as_ref().map(|d| json!({
        "clarification_notice_due": d.clarification_notice_due.map(|x| x.to_string()),
        "reply_due": d.reply_due.to_string(),
        "provisional": d.provisional,
    })));
    v["history"] = c
        .events
        .iter()
        .map(|e| {
            json!({
                "at": e.at,
                "by": c.people.label(&e.actor),
                "text": e.event.describe_for(Audience::Staff),
                "event": e.event,
            })
        })
        .collect();
    v["steps"] = c
        .steps
        .iter()
        .map(|s| {
            json!({
                "command": s.key,
                "label": s.label,
                "fields": s.fields.iter().map(|f| {
                    let mut field = json!({"name": f.name, "label": f.label, "required": f.required});
                    match f.kind {
                        FieldKind::Choice(choices) => {
                            field["choices"] = choices.iter().map(|(k, l)| json!({"value": k, "label": l})).collect();
                        }
                        FieldKind::Handler => {
                            field["choices"] = c.handlers.iter().map(|n| json!({"value": n, "label": n})).collect();
                        }
                        _ => {}
                    }
                    field
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    v["files"] = c.files.iter().map(|f| json!({"filename": f.filename, "size": f.size})).collect();
    Ok(Json(v))
}

/// `POST /api/v1/staff/requests`: the body of the public `POST /api/v1/requests` (the intake
/// form's fields plus `agency`, here empty for one's own), with a channel and its Art. 31 dates.
pub async fn register(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    sent: Result<Json<crate::api::requests::NewRequest>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let sent = crate::api::json_body(sent)?;
    let agency = agency_named(&state, &who, &sent.agency).await?;
    let receipt = intake::register(&state.app, &who, agency.id, &sent.form, Vec::new()).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": receipt.id,
            "tracking_code": receipt.tracking_code,
            "query_password": receipt.query_password,
            "url": format!("/api/v1/staff/requests/{}", receipt.id),
        })),
    ))
}

/// `POST /api/v1/staff/requests/{id}/steps`: `{"command": "assign", "handler": "…"}`, the
/// command's fields by the names `GET …/requests/{id}` lists under `steps`.
pub async fn step(
    State(state): State<AppState>,
    ApiStaff(who): ApiStaff,
    Path(id): Path<i64>,
    sent: Result<Json<HashMap<String, Value>>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let mut fields: HashMap<String, String> = crate::api::json_body(sent)?
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, text)
        })
        .collect();
    let command = fields.remove("command").unwrap_or_default();
    if command.trim().is_empty() {
        return Err(Error::field("command", "办理步骤", "请填写办理步骤（command），如 confirm、assign、decide").into());
    }
    let after = handling::apply(&state.app, &who, id, StepInput { command, fields }).await?;
    Ok(Json(summary(&after, gongkai_store::timestamp::today_in_china())))
}

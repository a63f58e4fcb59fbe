//! Disclosure requests over JSON: `POST /api/v1/requests` answers 201 with the tracking code and
//! query password only after the request is committed; `POST /api/v1/requests/status` (code and
//! query password in the body, never in the address) gives its status, deadlines and replies (the applicant's view, nothing else).

use crate::extract::Path;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::Event;
use gongkai_store::Error;
use gongkai_store::agency;
use gongkai_store::request::intake::{IntakeForm, Receipt};
use gongkai_store::request::workflow;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::portal::requests::public_steps;
use crate::state::AppState;

/// The JSON body: the form fields plus the agency's credit code.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewRequest {
    pub agency: String,
    #[serde(flatten)]
    pub form: IntakeForm,
}

pub async fn create(
    State(state): State<AppState>,
    body: Result<Json<NewRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let body = super::json_body(body)?;
    if body.agency.trim().is_empty() {
        return Err(Error::field("agency", "受理机关", "请填写受理机关的统一社会信用代码").into());
    }
    let agency = agency::by_code(&state.db, body.agency.trim())
        .await
        .map_err(|_| Error::field("agency", "受理机关", "没有这个受理机关"))?;
    let receipt = gongkai_app::requests::intake::submit_online(&state.app, agency, &body.form, Vec::new()).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// `GET /api/v1/requests/{code}`: refused, the query password does not belong in an address
/// (proxies log it, browsers keep it in their history).
pub async fn status_by_address(Path(_code): Path<String>) -> (StatusCode, ApiError) {
    let refusal = Error::field(
        "password",
        "查询密码",
        "查询密码不能放在网址中：请用 POST /api/v1/requests/status 提交 tracking_code 和 query_password",
    );
    (StatusCode::BAD_REQUEST, ApiError(refusal))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusQuery {
    tracking_code: String,
    #[serde(alias = "password")]
    query_password: String,
}

/// `POST /api/v1/requests/status` with `{"tracking_code", "password"}`.
pub async fn status(
    State(state): State<AppState>,
    body: Result<Json<StatusQuery>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = super::json_body(body)?;
    let r = gongkai_app::requests::records::for_applicant(&state.app, &q.tracking_code, &q.query_password).await?;
    let events: Vec<Event> = workflow::events(&state.db, r.id).await?.into_iter().map(|e| e.event).collect();
    let replies: Vec<Value> = events
        .iter()
        .filter_map(|e| match e {
            Event::Decided { outcome, on, basis, reasons, responsible_agency } => Some(json!({
                "date": on.to_string(),
                "outcome": outcome,
                "outcome_label": Outcome::parse(outcome).map(|o| o.label()).unwrap_or_default(),
                "basis": basis,
                "reasons": reasons,
                "responsible_agency": responsible_agency,
            })),
            _ => None,
        })
        .collect();
    let steps: Vec<Value> =
        public_steps(&events).into_iter().map(|s| json!({"date": s.date, "text": s.text})).collect();
    Ok(Json(json!({
        "tracking_code": r.tracking_code,
        "status": r.status.as_str(),
        "status_label": r.status.label(),
        "submitted": r.submitted_on,
        "received": r.received_on,
        "reply_due": r.reply_due,
        "reply_due_provisional": r.deadline_provisional,
        "replies": replies,
        "steps": steps,
    })))
}

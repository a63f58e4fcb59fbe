//! The staff API's authentication: `Authorization: Bearer gk_…`, checked by
//! [`gongkai_app::tokens::authenticate`]. A missing, unknown, expired or revoked token, or one
//! whose account is disabled, answers 401 with the same message (nothing tells which).

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongkai_app::{Principal, StaffMember, Via};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::state::AppState;

/// The staff member a valid bearer token acts as.
pub struct ApiStaff(pub Principal);

/// Why a call was not authenticated.
pub enum TokenRejection {
    Missing,
    Invalid,
    Failed(ApiError),
}

impl IntoResponse for TokenRejection {
    fn into_response(self) -> Response {
        let message = match self {
            TokenRejection::Missing => "缺少接口令牌：请在请求头中提供 Authorization: Bearer gk_…",
            TokenRejection::Invalid => "接口令牌无效、已过期或已撤销，或其账号已停用",
            TokenRejection::Failed(e) => return e.into_response(),
        };
        let mut response = (StatusCode::UNAUTHORIZED, Json(json!({"error": message, "fields": []}))).into_response();
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    }
}

/// The secret of an `Authorization: Bearer …` header.
fn bearer_secret(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim())
}

impl FromRequestParts<AppState> for ApiStaff {
    type Rejection = TokenRejection;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let secret = bearer_secret(parts).ok_or(TokenRejection::Missing)?;
        match gongkai_app::tokens::authenticate(&state.app, secret).await {
            Ok(Some(member)) => Ok(ApiStaff(Principal::Staff(member))),
            Ok(None) => Err(TokenRejection::Invalid),
            Err(e) => Err(TokenRejection::Failed(e.into())),
        }
    }
}

/// `GET /api/v1/staff/me`: who the token acts as.
pub async fn me(State(_): State<AppState>, ApiStaff(who): ApiStaff) -> Json<Value> {
    let Some(StaffMember { staff, agency, via }) = who.staff() else { return Json(json!({})) };
    let token_id = match via {
        Via::Token { token_id } => Some(*token_id),
        Via::Session => None,
    };
    Json(json!({
        "username": staff.username,
        "display_name": staff.display_name,
        "roles": staff.roles.iter().map(|r| json!({"key": r.as_str(), "label": r.label()})).collect::<Vec<_>>(),
        "agency": {"id": agency.id, "name": agency.name, "credit_code": agency.credit_code},
        "token_id": token_id,
    }))
}

//! How errors reach people.
//!
//! [`WebError`] wraps the application error for HTML routes: field errors become a 422 page that
//! lists each field's message (forms usually catch them first and re-render with the messages
//! beside the fields), 403/404 get their own Chinese pages, and storage or internal errors are
//! logged with the request's id while the page only says that something went wrong.
//! [`ApiError`] does the same in JSON for `/api`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_store::Error;
use serde_json::json;

use crate::view;

#[derive(Debug)]
pub enum WebError {
    /// A domain error.
    App(Error),
    /// No valid session: go to the login page.
    LoginRequired,
    /// The page does not exist.
    NotFound,
}

impl From<Error> for WebError {
    fn from(e: Error) -> Self {
        WebError::App(e)
    }
}

impl From<gongkai_core::field::FieldErrors> for WebError {
    fn from(e: gongkai_core::field::FieldErrors) -> Self {
        WebError::App(Error::Invalid(e))
    }
}

pub type WebResult<T> = Result<T, WebError>;

/// Status and Chinese message for an application error (internals are logged, not shown).
fn status_and_message(e: &Error) -> (StatusCode, String) {
    match e {
        Error::Invalid(fields) => (StatusCode::UNPROCESSABLE_ENTITY, fields.to_string()),
        Error::NotFound(what) => (StatusCode::NOT_FOUND, format!("未找到{what}")),
        Error::Forbidden => (StatusCode::FORBIDDEN, "您没有权限访问此页面或执行此操作。".into()),
        Error::Denied(permission) => (
            StatusCode::FORBIDDEN,
            format!("您没有“{}”的权限（{}）。", permission.label(), gongkai_core::agency::policy::who_may(*permission)),
        ),
        Error::BadCredentials => (StatusCode::UNAUTHORIZED, "用户名或密码错误。".into()),
        Error::Database(_) | Error::Migrate(_) | Error::Internal(_) | Error::Corrupt(_) => {
            tracing::error!(error = %e, "request failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "系统出现内部错误，请稍后再试。如问题持续，请联系管理员。".into())
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::LoginRequired => Redirect::to("/admin/login").into_response(),
            WebError::NotFound => view::error_page(StatusCode::NOT_FOUND, "页面不存在。"),
            WebError::App(e) => {
                let (status, message) = status_and_message(&e);
                view::error_page(status, &message)
            }
        }
    }
}

/// An error on a JSON route.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = status_and_message(&self.0);
        let fields = match &self.0 {
            Error::Invalid(f) => serde_json::to_value(f).unwrap_or_default(),
            _ => json!([]),
        };
        (status, Json(json!({"error": message, "fields": fields}))).into_response()
    }
}

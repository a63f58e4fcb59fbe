//! The query-string and path extractors of every route: axum's, with their rejections answered
//! in Chinese, naming the parameter (`页码应为数字`), as an HTML page or, under `/api`, as the
//! JSON error every API answer uses. axum's own rejections are English developer text
//! (`Failed to deserialize query string: page: invalid digit found in string`, `Cannot parse
//! `abc` to a `i64``), so no route uses them directly.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, path::ErrorKind};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use gongkai_core::field::{FieldError, FieldErrors};
use serde::de::DeserializeOwned;

use crate::view;

/// What a parameter is called, by its name in the URL.
fn label(name: &str) -> &'static str {
    match name {
        "page" => "页码",
        "per_page" => "每页条数",
        "year" => "年份",
        "id" | "item" => "编号",
        "n" | "number" | "version" => "版本号",
        "from" | "to" | "date" | "on" => "日期",
        "code" | "agency" => "机关代码",
        "token" => "令牌编号",
        "attachment" | "file" | "k" => "附件编号",
        "figure" => "统计项",
        "format" => "文件格式",
        _ => "网址中的参数",
    }
}

/// A parameter of the URL that could not be read.
#[derive(Debug)]
pub struct BadParameter {
    api: bool,
    error: FieldError,
}

impl BadParameter {
    fn new(parts: &Parts, name: &str, value: Option<&str>) -> Self {
        let label = label(name);
        let message = match value {
            Some(v) if !v.is_empty() => format!("{label}“{}”无效，请检查网址", shorten(v)),
            _ => format!("{label}无效，请检查网址"),
        };
        BadParameter { api: parts.uri.path().starts_with("/api/"), error: FieldError::new(name, label, message) }
    }

    pub fn message(&self) -> &str {
        &self.error.message
    }
}

/// At most 20 characters of a value quoted back in a message (control characters dropped).
pub(crate) fn shorten(value: &str) -> String {
    let mut short: String = value.chars().filter(|c| !c.is_control()).take(20).collect();
    if value.chars().count() > 20 {
        short.push('…');
    }
    short
}

impl IntoResponse for BadParameter {
    fn into_response(self) -> Response {
        if self.api {
            let fields = FieldErrors::from(self.error.clone());
            let body = serde_json::json!({"error": self.error.message, "fields": fields});
            (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
        } else {
            view::error_page(StatusCode::BAD_REQUEST, &self.error.message)
        }
    }
}

/// The query string, as axum's [`axum::extract::Query`] reads it.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = BadParameter;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => Err(query_rejection(parts, &rejection)),
        }
    }
}

/// `Failed to deserialize query string: page: invalid digit…` names the parameter after the
/// prefix (serde_path_to_error's path); its value is looked up in the query string.
fn query_rejection(parts: &Parts, rejection: &QueryRejection) -> BadParameter {
    let text = rejection.body_text();
    let detail = text.split_once(": ").map(|(_, rest)| rest).unwrap_or_default();
    let name = detail.split_once(": ").map(|(path, _)| path).unwrap_or_default();
    let name = name.split(['.', '[']).next().unwrap_or_default();
    let value = parts.uri.query().and_then(|q| {
        serde_html_form::from_str::<Vec<(String, String)>>(q).ok()?.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    });
    BadParameter::new(parts, name, value.as_deref())
}

/// The path parameters, as axum's [`axum::extract::Path`] reads them.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = BadParameter;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => Err(match e.kind() {
                ErrorKind::ParseErrorAtKey { key, value, .. } => BadParameter::new(parts, key, Some(value)),
                ErrorKind::ParseError { value, .. } | ErrorKind::ParseErrorAtIndex { value, .. } => {
                    BadParameter::new(parts, "id", Some(value))
                }
                ErrorKind::DeserializeError { key, value, .. } => BadParameter::new(parts, key, Some(value)),
                _ => BadParameter::new(parts, "", None),
            }),
            Err(_) => Err(BadParameter::new(parts, "", None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_is_named_in_chinese_and_its_value_quoted_short() {
        let parts = axum::http::Request::get("/search?page=abc").body(()).unwrap().into_parts().0;
        let bad = BadParameter::new(&parts, "page", Some("abc"));
        assert_eq!(bad.message(), "页码“abc”无效，请检查网址");
        assert!(!bad.api);
        let parts = axum::http::Request::get("/api/v1/items/x").body(()).unwrap().into_parts().0;
        let bad = BadParameter::new(&parts, "id", Some(&"9".repeat(40)));
        assert_eq!(bad.message(), format!("编号“{}…”无效，请检查网址", "9".repeat(20)));
        assert!(bad.api);
        assert_eq!(BadParameter::new(&parts, "whatever", None).message(), "网址中的参数无效，请检查网址");
    }
}

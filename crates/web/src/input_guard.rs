//! Refuses input no field may hold: the NUL character, in the address (`%00` in the path or the
//! query) or in a form or JSON body (`%00`, `\u0000`, a raw zero byte).
//!
//! PostgreSQL's `text` cannot store NUL (SQLite can), so without this guard the same input
//! answered 500 on one backend and was stored on the other. Multipart bodies carry files, where
//! zero bytes are normal: their text fields are checked where they are read
//! (`portal::requests::read_multipart`). The answer is a 400 in Chinese, as JSON under
//! `/api` and as a page elsewhere.

use axum::Json;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::view;

/// The message shown for refused input.
pub const MESSAGE: &str = "提交的内容含有不允许的控制字符（NUL），请删除后重新提交。";

/// The middleware: passes the request on unless its address or text body holds a NUL.
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    if uri_has_nul(request.uri()) {
        return refused(api);
    }
    let Some(kind) = text_body_kind(&request) else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, crate::portal::UPLOAD_BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return view::error_page(StatusCode::PAYLOAD_TOO_LARGE, "提交的内容过大。"),
    };
    if body_has_nul(&bytes, kind) {
        return refused(api);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Refuses a NUL in one text field of a multipart form, naming the field.
pub fn check_field(field: &str, value: &str) -> Result<(), gongkai_store::Error> {
    if value.contains('\0') { Err(gongkai_store::Error::field(field, "表单", MESSAGE)) } else { Ok(()) }
}

/// An uploaded file's name without control characters (a name is only ever shown).
pub fn clean_filename(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Form,
    Json,
}

fn text_body_kind(request: &Request) -> Option<BodyKind> {
    let content_type = request.headers().get(header::CONTENT_TYPE)?.to_str().ok()?.to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        Some(BodyKind::Form)
    } else if content_type.starts_with("application/json") {
        Some(BodyKind::Json)
    } else {
        None
    }
}

fn refused(api: bool) -> Response {
    if api {
        (StatusCode::BAD_REQUEST, Json(json!({"error": MESSAGE, "fields": []}))).into_response()
    } else {
        view::error_page(StatusCode::BAD_REQUEST, MESSAGE)
    }
}

/// Whether the address holds `%00` (a raw NUL never gets through the HTTP parser).
fn uri_has_nul(uri: &Uri) -> bool {
    let raw = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
    contains_percent_nul(raw.as_bytes())
}

fn contains_percent_nul(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == b"%00")
}

fn body_has_nul(bytes: &[u8], kind: BodyKind) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    match kind {
        BodyKind::Form => contains_percent_nul(bytes),
        BodyKind::Json => contains_json_nul_escape(bytes),
    }
}

/// `\u0000` as a JSON escape: preceded by an odd number of backslashes (`\\u0000` is a
/// backslash followed by the text `u0000`).
fn contains_json_nul_escape(bytes: &[u8]) -> bool {
    let needle = b"u0000";
    (1..bytes.len()).any(|i| {
        if !bytes[i..].starts_with(needle) {
            return false;
        }
        let backslashes = bytes[..i].iter().rev().take_while(|b| **b == b'\\').count();
        backslashes % 2 == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_encoded_nul_in_the_address_is_found() {
        assert!(uri_has_nul(&"/items/1%00".parse().unwrap()));
        assert!(uri_has_nul(&"/search?q=a%00b".parse().unwrap()));
        assert!(!uri_has_nul(&"/search?q=%E4%BD%8E%E4%BF%9D".parse().unwrap()));
        assert!(!uri_has_nul(&"/items/100".parse().unwrap()));
    }

    #[test]
    fn form_bodies_with_an_encoded_or_raw_nul_are_found() {
        assert!(body_has_nul(b"name=a%00", BodyKind::Form));
        assert!(body_has_nul(b"name=a\0", BodyKind::Form));
        assert!(!body_has_nul(b"name=100%25", BodyKind::Form));
    }

    #[test]
    fn only_a_real_json_nul_escape_counts() {
        assert!(body_has_nul(br#"{"a":"x\u0000"}"#, BodyKind::Json));
        assert!(body_has_nul(br#"{"a":"x\\\u0000"}"#, BodyKind::Json));
        assert!(!body_has_nul(br#"{"a":"x\\u0000"}"#, BodyKind::Json));
        assert!(!body_has_nul(br#"{"a":"u0000"}"#, BodyKind::Json));
    }
}

//! Refuses input no field may hold, in the address (path and query, percent-decoded) or a form or
//! JSON body: control characters other than tab and line breaks (`%00`, `\u0000`, a raw zero
//! byte, `%1B` …) and bytes that are not UTF-8 (`%FF`).
//!
//! PostgreSQL's `text` cannot store NUL (SQLite can), so without this guard the same input
//! answered 500 on one backend and was stored on the other; other control characters and broken
//! encodings are never what a person typed. Multipart bodies carry files, where
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

/// The message shown for a control character (NUL, backspace, escape …; tab and line breaks are
/// fine).
pub const MESSAGE: &str = "提交的内容含有不允许的控制字符（如NUL），请删除后重新提交。";
/// The message shown for bytes that are not UTF-8 (`%FF`).
pub const NOT_UTF8: &str = "提交的内容或网址含有无效的字符编码（不是UTF-8），请检查后重新提交。";

/// What is wrong with some input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Control,
    NotUtf8,
}

impl Refusal {
    fn message(self) -> &'static str {
        match self {
            Refusal::Control => MESSAGE,
            Refusal::NotUtf8 => NOT_UTF8,
        }
    }
}

/// The middleware: passes the request on unless its address or text body holds a control
/// character or bytes that are not UTF-8.
pub async fn refuse_bad_text(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    if let Some(refusal) = check_uri(request.uri()) {
        return refused(api, refusal);
    }
    let Some(kind) = text_body_kind(&request) else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, crate::portal::UPLOAD_BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return view::error_page(StatusCode::PAYLOAD_TOO_LARGE, "提交的内容过大。"),
    };
    if let Some(refusal) = check_body(&bytes, kind) {
        return refused(api, refusal);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Refuses a control character in one text field of a multipart form, naming the field.
pub fn check_field(field: &str, value: &str) -> Result<(), gongkai_store::Error> {
    if check_text(value).is_some() { Err(gongkai_store::Error::field(field, "表单", MESSAGE)) } else { Ok(()) }
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

fn refused(api: bool, refusal: Refusal) -> Response {
    if api {
        (StatusCode::BAD_REQUEST, Json(json!({"error": refusal.message(), "fields": []}))).into_response()
    } else {
        view::error_page(StatusCode::BAD_REQUEST, refusal.message())
    }
}

/// A control character gongkai never stores (anything but tab, line feed, carriage return).
fn is_forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn check_text(text: &str) -> Option<Refusal> {
    text.chars().any(is_forbidden).then_some(Refusal::Control)
}

/// Percent-decoded, `bytes` must be UTF-8 without forbidden control characters.
fn check_percent_encoded(bytes: &[u8]) -> Option<Refusal> {
    let decoded: Vec<u8> = percent_encoding::percent_decode(bytes).collect();
    match std::str::from_utf8(&decoded) {
        Ok(text) => check_text(text),
        Err(_) => Some(Refusal::NotUtf8),
    }
}

/// The address: path and query, percent-decoded.
fn check_uri(uri: &Uri) -> Option<Refusal> {
    let raw = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
    check_percent_encoded(raw.as_bytes())
}

fn check_body(bytes: &[u8], kind: BodyKind) -> Option<Refusal> {
    match kind {
        BodyKind::Form => check_percent_encoded(bytes),
        BodyKind::Json => match std::str::from_utf8(bytes) {
            Err(_) => Some(Refusal::NotUtf8),
            Ok(text) => check_text(text).or_else(|| contains_json_control_escape(bytes).then_some(Refusal::Control)),
        },
    }
}

/// A control character written as a JSON escape (`\u0000`-`\u001f` but tab, line feed and
/// carriage return; `\u007f`; `\b`; `\f`), i.e. preceded by an odd number of backslashes
/// (`\\u0000` is a backslash followed by the text `u0000`).
fn contains_json_control_escape(bytes: &[u8]) -> bool {
    (1..bytes.len()).any(|i| {
        let backslashes = bytes[..i].iter().rev().take_while(|b| **b == b'\\').count();
        if backslashes % 2 == 0 {
            return false;
        }
        match bytes[i] {
            b'b' | b'f' => true,
            b'u' => match bytes.get(i + 1..i + 5) {
                Some(hex) => {
                    let code = std::str::from_utf8(hex).ok().and_then(|h| u32::from_str_radix(h, 16).ok());
                    code.and_then(char::from_u32).is_some_and(is_forbidden)
                }
                None => false,
            },
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Option<Refusal> {
        check_uri(&text.parse().unwrap())
    }

    #[test]
    fn a_percent_encoded_control_or_bad_byte_in_the_address_is_found() {
        assert_eq!(uri("/items/1%00"), Some(Refusal::Control));
        assert_eq!(uri("/search?q=a%00b"), Some(Refusal::Control));
        assert_eq!(uri("/search?q=a%1Bb"), Some(Refusal::Control));
        assert_eq!(uri("/search?q=%FF"), Some(Refusal::NotUtf8));
        assert_eq!(uri("/search?q=%E4%BD"), Some(Refusal::NotUtf8), "a cut-off character");
        assert_eq!(uri("/search?q=%E4%BD%8E%E4%BF%9D"), None);
        assert_eq!(uri("/items/100"), None);
    }

    #[test]
    fn form_bodies_with_an_encoded_or_raw_control_are_found() {
        assert_eq!(check_body(b"name=a%00", BodyKind::Form), Some(Refusal::Control));
        assert_eq!(check_body(b"name=a\0", BodyKind::Form), Some(Refusal::Control));
        assert_eq!(check_body(b"name=a%07", BodyKind::Form), Some(Refusal::Control));
        assert_eq!(check_body(b"name=%FF", BodyKind::Form), Some(Refusal::NotUtf8));
        assert_eq!(check_body(b"name=100%25&text=a%0D%0Ab%09c", BodyKind::Form), None, "line breaks and tabs are text");
    }

    #[test]
    fn only_a_real_json_control_escape_counts() {
        let body = |s: &str| check_body(s.as_bytes(), BodyKind::Json);
        assert_eq!(body(r#"{"a":"x\u0000"}"#), Some(Refusal::Control));
        assert_eq!(body(r#"{"a":"x\\\u0000"}"#), Some(Refusal::Control));
        assert_eq!(body(r#"{"a":"x\u001B"}"#), Some(Refusal::Control));
        assert_eq!(body(r#"{"a":"x\b"}"#), Some(Refusal::Control));
        assert_eq!(body(r#"{"a":"x\\u0000"}"#), None);
        assert_eq!(body(r#"{"a":"u0000 \n \t \u000a \u4f4e"}"#), None);
        assert_eq!(check_body(b"{\"a\":\"\xff\"}", BodyKind::Json), Some(Refusal::NotUtf8));
    }
}

//! Reply letters as downloads: the HTTP side of [`gongkai_app::letters`] (rendering and archiving
//! live there).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongkai_app::letters::LetterFile;

use crate::portal::encode_query;

/// A download response for a rendered letter (never cached: it holds personal data).
pub fn download(file: LetterFile) -> Response {
    let disposition = format!(
        "attachment; filename=\"letter.{}\"; filename*=UTF-8''{}",
        file.format.key(),
        encode_query(&file.filename)
    );
    let content_type = file.format.content_type();
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

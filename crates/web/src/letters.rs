//! Reply letters as downloads: the HTTP side of [`gongkai_app::letters`] (rendering and archiving
//! live there).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongkai_app::letters::LetterFile;

use crate::portal::encode_query;

/// A download response for a rendered letter (never cached: it holds personal data).
pub fn download(file: LetterFile) -> Response {
    let ascii = format!("letter.{}", file.format.key());
    attachment_response(file.bytes, file.format.content_type(), &ascii, &file.filename)
}

/// A download of `bytes` named `filename` (`ascii` for clients without UTF-8 names), never
/// cached: what staff download holds personal data.
pub fn attachment_response(bytes: Vec<u8>, content_type: &'static str, ascii: &str, filename: &str) -> Response {
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", encode_query(filename));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

//! The annual report as the web serves it: the HTML of the official layout comes from
//! [`gongkai_export::report::html`] (one set of templates for every page and the standalone
//! file); this module parses the format of a download and answers it.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
pub use gongkai_export::ReportFileFormat as FileFormat;
pub use gongkai_export::report::html::{
    HtmlCell, HtmlTable, Rendered, body_html, cell, render, table_html, table_with,
};
use gongkai_store::{Error, Result};

use crate::portal::encode_query;

/// The format of a download by its extension, or a field error naming the choices.
pub fn parse_format(s: &str) -> Result<FileFormat> {
    FileFormat::from_extension(s).ok_or_else(|| {
        Error::field("format", "格式", format!("不支持“{s}”格式，可选：html、pdf、docx、xlsx、csv、json"))
    })
}

/// A download response: `{title}.{ext}`, cacheable by the portal (a published version never
/// changes; a correction is a new version with its own URL).
pub fn download(title: &str, format: FileFormat, bytes: Vec<u8>, cacheable: bool) -> Response {
    let filename = format!("{title}.{}", format.extension());
    let disposition = if format == FileFormat::Html {
        "inline".to_owned()
    } else {
        format!("attachment; filename=\"report.{}\"; filename*=UTF-8''{}", format.extension(), encode_query(&filename))
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if cacheable { "public, max-age=300" } else { "no-store" }),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

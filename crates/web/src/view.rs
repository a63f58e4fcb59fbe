//! Rendering askama templates into responses, and the error page.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Renders a template as a 200 page.
pub fn page<T: Template>(template: &T) -> Response {
    page_with_status(StatusCode::OK, template)
}

/// Renders a template with a status (422 for a form shown again with its errors).
pub fn page_with_status<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, Html(FALLBACK.to_owned())).into_response()
        }
    }
}

const FALLBACK: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>系统错误</title><p>系统出现内部错误，请稍后再试。</p></html>";

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

/// A Chinese error page for `status`.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let title = match status.as_u16() {
        401 => "登录失败",
        403 => "没有权限",
        404 => "页面不存在",
        422 => "填写的内容有误",
        429 => "操作过于频繁",
        _ => "系统错误",
    };
    page_with_status(status, &ErrorPage { status: status.as_u16(), title, message })
}

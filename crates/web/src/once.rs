//! A value handed once from a form's redirect to the page it lands on (post/redirect/get): a
//! new request's query password, a new message's tracking code. It rides in an HttpOnly,
//! SameSite=Strict cookie scoped to the landing page's path for ten minutes, never in a URL;
//! the page reads it, shows it and clears it, so a refresh shows it no more.

use axum::http::{HeaderMap, header};
use axum::response::Response;
use cookie::{Cookie, SameSite};

/// How long a handed value waits for its page.
const LIFETIME_SECONDS: i64 = 600;

/// The `Set-Cookie` value handing `value` to the page at `path` (`None` clears it).
pub fn cookie(name: &str, path: String, value: Option<&str>, secure: bool) -> String {
    Cookie::build((name.to_owned(), value.unwrap_or("").to_owned()))
        .path(path)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(if value.is_some() { LIFETIME_SECONDS } else { 0 }))
        .build()
        .to_string()
}

/// The value handed to this page, if any.
pub fn take(headers: &HeaderMap, name: &str) -> Option<String> {
    crate::auth::cookie_value(headers, name).filter(|v| !v.is_empty())
}

/// Clears the handed value on the page's response (once shown, it is gone).
pub fn clear(response: &mut Response, name: &str, path: String, secure: bool) {
    let clear = cookie(name, path, None, secure);
    response.headers_mut().append(header::SET_COOKIE, clear.parse().expect("a cookie is a header value"));
}

//! The visitor's display preferences on the portal: 简体 or 繁體, and the 长者模式 (larger type,
//! higher contrast, one column, big click targets).
//!
//! Each is remembered in its own cookie (`script=hant`, `mode=elder`; Path=/, SameSite=Lax,
//! HttpOnly, one year), never in a session, so portal pages stay cacheable: they answer with
//! `Vary: Cookie`. `GET /preferences?script=…&mode=…&back=/path` sets or clears them and sends
//! the visitor back with a 303 to `back` if it is a path on this site, to `/` otherwise.
//!
//! [`Prefs`] is what a handler extracts to draw the switch links and the elder class;
//! [`apply`] is the portal's middleware that adds `Vary: Cookie` to its pages and converts them
//! to traditional characters ([`super::script`]) for a visitor who asked for 繁體.

use std::convert::Infallible;

use crate::extract::Query;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::pager::encode;
use super::script;
use crate::state::AppState;

pub const SCRIPT_COOKIE: &str = "script";
pub const MODE_COOKIE: &str = "mode";

/// How long a preference is remembered.
const ONE_YEAR: cookie::time::Duration = cookie::time::Duration::days(365);

/// The script pages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    #[default]
    Simplified,
    Traditional,
}

/// The page layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Standard,
    Elder,
}

/// The preferences of a request, and the page the switch links come back to.
#[derive(Debug, Clone, Default)]
pub struct Prefs {
    pub script: Script,
    pub mode: Mode,
    /// Path and query of the current page.
    here: String,
}

use crate::auth::cookie_value;

impl Script {
    fn of(headers: &HeaderMap) -> Self {
        match cookie_value(headers, SCRIPT_COOKIE).as_deref() {
            Some("hant") => Self::Traditional,
            _ => Self::Simplified,
        }
    }
}

impl Prefs {
    pub fn of(headers: &HeaderMap, here: &str) -> Self {
        let mode = match cookie_value(headers, MODE_COOKIE).as_deref() {
            Some("elder") => Mode::Elder,
            _ => Mode::Standard,
        };
        Self { script: Script::of(headers), mode, here: here.to_owned() }
    }

    pub fn traditional(&self) -> bool {
        self.script == Script::Traditional
    }

    pub fn elder(&self) -> bool {
        self.mode == Mode::Elder
    }

    /// The link to the other script that comes back to this page.
    pub fn script_switch(&self) -> String {
        let to = if self.traditional() { "hans" } else { "hant" };
        format!("/preferences?script={to}&back={}", encode(&self.here))
    }

    /// The link to the other layout that comes back to this page.
    pub fn mode_switch(&self) -> String {
        let to = if self.elder() { "standard" } else { "elder" };
        format!("/preferences?mode={to}&back={}", encode(&self.here))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Prefs {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let here = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
        Ok(Self::of(&parts.headers, here))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Change {
    script: String,
    mode: String,
    back: String,
}

/// `back` if it is a path on this site (one leading `/`, no `\`, no control characters), else `/`:
/// the switch must not become an open redirect (`//evil.com`, `/\evil.com`, `https://evil.com`).
pub fn local_path(back: &str) -> &str {
    let local =
        back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') && !back.chars().any(char::is_control);
    if local { back } else { "/" }
}

fn preference_cookie(name: &'static str, value: Option<&'static str>, secure: bool) -> String {
    let c = Cookie::build((name, value.unwrap_or("")))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(if value.is_some() { ONE_YEAR } else { cookie::time::Duration::ZERO });
    c.build().to_string()
}

/// `GET /preferences`: sets (or clears, for the default) each preference given, then 303 back.
pub async fn change(State(state): State<AppState>, Query(change): Query<Change>) -> Response {
    let secure = state.site.secure_cookies;
    let mut cookies = Vec::new();
    match change.script.as_str() {
        "hant" => cookies.push(preference_cookie(SCRIPT_COOKIE, Some("hant"), secure)),
        "hans" => cookies.push(preference_cookie(SCRIPT_COOKIE, None, secure)),
        _ => {}
    }
    match change.mode.as_str() {
        "elder" => cookies.push(preference_cookie(MODE_COOKIE, Some("elder"), secure)),
        "standard" => cookies.push(preference_cookie(MODE_COOKIE, None, secure)),
        _ => {}
    }
    let location = HeaderValue::from_str(local_path(&change.back)).unwrap_or(HeaderValue::from_static("/"));
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    response
}

/// Whether a response is a page a person reads (not a download, feed, file or JSON).
fn is_page(response: &Response) -> bool {
    let headers = response.headers();
    let html =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    let download = headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|d| d.starts_with("attachment"));
    html && !download
}

/// The portal's middleware: pages vary by the preference cookies, and are converted to
/// traditional characters when the visitor chose 繁體.
pub async fn apply(request: Request, next: Next) -> Response {
    let script = Script::of(request.headers());
    let response = next.run(request).await;
    if !is_page(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    parts.headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    if script == Script::Simplified {
        return Response::from_parts(parts, body);
    }
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "reading a rendered page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // A few milliseconds of work for a large page: off the async workers.
    let converted = tokio::task::spawn_blocking(move || match std::str::from_utf8(&bytes) {
        Ok(html) => Body::from(script::page_to_traditional(html)),
        Err(_) => Body::from(bytes),
    })
    .await;
    let body = match converted {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "繁體 conversion panicked");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed_back() {
        for ok in ["/", "/agencies/1/catalogue?year=2025&page=2", "/search?q=%E5%85%AC%E5%BC%80"] {
            assert_eq!(local_path(ok), ok);
        }
        for bad in [
            "",
            "//evil.com",
            "///evil.com",
            "/\\evil.com",
            "https://evil.com",
            "evil.com",
            "/a\r\nSet-Cookie: x=1",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_path(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn preferences_are_read_from_their_cookies_and_the_links_come_back_here() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("gk_other=1; script=hant; mode=elder"));
        let prefs = Prefs::of(&headers, "/search?q=a b");
        assert!(prefs.traditional() && prefs.elder());
        assert_eq!(prefs.script_switch(), "/preferences?script=hans&back=%2Fsearch%3Fq%3Da%20b");
        assert_eq!(prefs.mode_switch(), "/preferences?mode=standard&back=%2Fsearch%3Fq%3Da%20b");
        let plain = Prefs::of(&HeaderMap::new(), "/");
        assert!(!plain.traditional() && !plain.elder());
        assert_eq!(plain.script_switch(), "/preferences?script=hant&back=%2F");
    }

    #[test]
    fn a_preference_cookie_lasts_a_year_on_the_whole_site_and_the_default_clears_it() {
        let set = preference_cookie(SCRIPT_COOKIE, Some("hant"), false);
        for part in ["script=hant", "Path=/", "SameSite=Lax", "HttpOnly", "Max-Age=31536000"] {
            assert!(set.contains(part), "{part} in {set}");
        }
        assert!(preference_cookie(MODE_COOKIE, None, true).contains("Max-Age=0"));
        assert!(preference_cookie(MODE_COOKIE, None, true).contains("Secure"));
    }
}

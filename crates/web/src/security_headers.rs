//! Headers every answer carries for its reader's safety, beyond the frame, type, referrer and
//! content-security policies set in [`crate::app`]:
//!
//! - `Cache-Control: no-store` on everything that may hold personal data or a session's view (the
//!   console, the staff API, the request API, the status and letter pages, login), so no shared
//!   cache or back button keeps a copy; public pages keep their own caching.
//! - `Permissions-Policy` turning off the browser features gongkai never uses.
//! - `Strict-Transport-Security` when the site is served over TLS (`secure_cookies`).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// Path prefixes whose answers are never stored.
const PRIVATE: &[&str] = &["/admin", "/api/v1/staff", "/api/v1/requests", "/requests"];

/// Whether `path` is one of `PRIVATE` or below it, or a request form (`/agencies/{code}/apply`).
pub fn is_private(path: &str) -> bool {
    let under = |p: &str| path == p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/'));
    PRIVATE.iter().any(|p| under(p)) || path.ends_with("/apply")
}

pub async fn apply(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let private = is_private(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    );
    if state.site.secure_cookies {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_pages_are_private_and_public_ones_are_not() {
        for p in [
            "/admin",
            "/admin/requests/3",
            "/api/v1/staff/me",
            "/api/v1/requests/status",
            "/requests/status",
            "/agencies/X/apply",
        ] {
            assert!(is_private(p), "{p}");
        }
        for p in ["/", "/items/3", "/api/v1/items", "/agencies/X/catalogue", "/administration"] {
            assert!(!is_private(p), "{p}");
        }
    }
}

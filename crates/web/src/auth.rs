//! Who is logged in, and the one access check every admin route calls.
//!
//! The session cookie (`gk_session`) is HttpOnly, SameSite=Lax, Secure when the site runs over
//! TLS, and scoped to `/admin`, so portal pages never see or create a session. [`StaffSession`]
//! resolves it to the staff account, its agency and the application layer's [`Principal`], which
//! every use case authorizes (the console only asks [`StaffSession::may`] to decide what to offer).

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use cookie::{Cookie, SameSite};
use gongkai_app::{Principal, StaffMember, Via};
use gongkai_core::agency::Role;
use gongkai_core::agency::policy::Permission;
use gongkai_store::agency::{self, Agency};
use gongkai_store::session;
use gongkai_store::staff::Staff;

use crate::error::WebError;
use crate::state::AppState;

pub const COOKIE: &str = "gk_session";

/// The session token from the request's cookies, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE)
}

/// The value of cookie `name` in a request's headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The `Set-Cookie` value for a new session (or an expired one to clear it).
pub fn session_cookie(token: Option<&str>, secure: bool) -> String {
    let mut c = Cookie::build((COOKIE, token.unwrap_or("").to_owned()))
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    c = match token {
        Some(_) => c.max_age(cookie::time::Duration::seconds(session::LIFETIME.whole_seconds())),
        None => c.max_age(cookie::time::Duration::ZERO),
    };
    c.build().to_string()
}

/// A console session: the signed-in staff member as the application layer's [`Principal`],
/// with the session token (for logging out).
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub staff: Staff,
    pub agency: Agency,
    pub principal: Principal,
    pub token: String,
}

impl FromRequestParts<AppState> for StaffSession {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers).ok_or(WebError::LoginRequired)?;
        let staff = session::lookup(&state.db, &token).await?.ok_or(WebError::LoginRequired)?;
        let agency = agency::get(&state.db, staff.agency_id).await?;
        let member = StaffMember { staff: staff.clone(), agency: agency.clone(), via: Via::Session };
        Ok(StaffSession { staff, agency, principal: Principal::Staff(member), token })
    }
}

impl StaffSession {
    /// Refuses (403 naming the permission) unless the staff member has `permission` on `target`.
    pub fn require(&self, permission: Permission, target: &Agency) -> Result<(), WebError> {
        self.principal.authorize(permission, target).map_err(WebError::App)
    }

    /// Whether the staff member has `permission` on `target` (what a page offers).
    pub fn may(&self, permission: Permission, target: &Agency) -> bool {
        self.principal.may(permission, target)
    }

    pub fn has(&self, role: Role) -> bool {
        self.staff.roles.contains(role)
    }

    /// Whether this account sees the agency's subtree (admins and supervisors).
    pub fn sees_subtree(&self) -> bool {
        self.has(Role::Admin) || self.has(Role::Supervisor)
    }

    pub fn actor(&self) -> gongkai_store::Actor {
        self.staff.actor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_secure_when_served_over_tls() {
        let cookie = session_cookie(Some("token"), true);
        assert!(
            cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let cleared = session_cookie(None, false);
        assert!(cleared.contains("Max-Age=0") && !cleared.contains("Secure"), "{cleared}");
    }
}

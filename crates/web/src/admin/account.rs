//! A staff member changing their own password.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_store::Error;
use serde::Deserialize;

use super::login::ClientIp;
use super::{ConsoleHeader, HtmlForm};
use crate::auth::{StaffSession, session_cookie};
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

#[derive(Template)]
#[template(path = "admin/password.html")]
struct PasswordPage {
    nav: ConsoleHeader,
    errors: FieldErrors,
}

pub async fn show(me: StaffSession) -> Response {
    view::page(&PasswordPage { nav: ConsoleHeader::of(&me), errors: FieldErrors::new() })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    me: StaffSession,
    ClientIp(ip): ClientIp,
    HtmlForm(form): HtmlForm<PasswordForm>,
) -> WebResult<Response> {
    // Checking the current password is a password guess too: the login throttle counts it.
    if !state.login_limits.allow(ip, &me.staff.username) {
        let mut errors = FieldErrors::new();
        errors.push(FieldError::new("current_password", "当前密码", "尝试过于频繁，请一分钟后再试"));
        let page = PasswordPage { nav: ConsoleHeader::of(&me), errors };
        return Ok(view::page_with_status(StatusCode::TOO_MANY_REQUESTS, &page));
    }
    let changed = gongkai_app::account::change_password(
        &state.app,
        &me.principal,
        &form.current_password,
        &form.new_password,
        &form.confirm_password,
    )
    .await;
    match changed {
        Ok(()) => {}
        Err(Error::Invalid(errors)) => {
            let page = PasswordPage { nav: ConsoleHeader::of(&me), errors };
            return Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
        Err(e) => return Err(e.into()),
    }
    // Every session of the account ended; log in again with the new password.
    let cookie = session_cookie(None, state.site.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/admin/login")).into_response())
}

//! A staff member changing their own password.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::account::SignInError;
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
    // Checking the current password is a password guess too: the sign-in throttle counts it.
    let address = ip.to_string();
    let from = gongkai_app::account::Origin { address: &address, limits: state.site.login_limits() };
    let changed = gongkai_app::account::change_password(
        &state.app,
        &me.principal,
        &form.current_password,
        &form.new_password,
        &form.confirm_password,
        from,
    )
    .await;
    match changed {
        Ok(()) => {}
        Err(SignInError::Throttled(_)) => {
            let minutes = state.site.login_limits().window_minutes;
            let message = format!("密码输错次数过多，请{minutes}分钟后再试");
            let errors = FieldErrors::from(FieldError::new("current_password", "当前密码", message));
            let page = PasswordPage { nav: ConsoleHeader::of(&me), errors };
            return Ok(view::page_with_status(StatusCode::TOO_MANY_REQUESTS, &page));
        }
        Err(SignInError::Refused(Error::Invalid(errors))) => {
            let page = PasswordPage { nav: ConsoleHeader::of(&me), errors };
            return Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
        Err(SignInError::Refused(e)) => return Err(e.into()),
    }
    // Every session of the account ended; log in again with the new password.
    let cookie = session_cookie(None, state.site.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/admin/login")).into_response())
}

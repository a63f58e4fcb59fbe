//! A staff member changing their own password.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_store::staff;
use serde::Deserialize;

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
    HtmlForm(form): HtmlForm<PasswordForm>,
) -> WebResult<Response> {
    let mut errors = FieldErrors::new();
    if !staff::check_current_password(&state.db, me.staff.id, &form.current_password).await? {
        errors.push(FieldError::new("current_password", "当前密码", "当前密码不正确"));
    }
    if let Err(e) = staff::check_password("new_password", &form.new_password) {
        errors.push(e);
    } else if form.new_password != form.confirm_password {
        errors.push(FieldError::new("confirm_password", "确认新密码", "两次输入的新密码不一致"));
    }
    if !errors.is_empty() {
        let page = PasswordPage { nav: ConsoleHeader::of(&me), errors };
        return Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    staff::set_password(&state.db, &me.actor(), me.staff.id, &form.new_password).await?;
    // Every session of the account ended; log in again with the new password.
    let cookie = session_cookie(None, state.site.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/admin/login")).into_response())
}

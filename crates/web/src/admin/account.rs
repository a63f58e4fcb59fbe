//! A staff member changing their own password.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;
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

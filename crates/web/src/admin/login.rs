//! Logging in and out, with throttling per IP address and per account.

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use askama::Template;
use axum::extract::State;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::account::SignInError;
use gongkai_store::Error;
use serde::Deserialize;

use super::HtmlForm;
use crate::auth::{StaffSession, session_cookie};
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage {
    site_name: String,
    username: String,
    error: Option<String>,
}

pub async fn show(State(state): State<AppState>) -> Response {
    view::page(&LoginPage { site_name: state.site.site_name.clone(), username: String::new(), error: None })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Credentials {
    username: String,
    password: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    HtmlForm(form): HtmlForm<Credentials>,
) -> WebResult<Response> {
    let again = |status, error: &str| {
        let page = LoginPage {
            site_name: state.site.site_name.clone(),
            username: form.username.clone(),
            error: Some(error.to_owned()),
        };
        Ok(view::page_with_status(status, &page))
    };
    if form.username.trim().is_empty() || form.password.is_empty() {
        return again(StatusCode::UNPROCESSABLE_ENTITY, "请填写用户名和密码");
    }
    let limits = state.site.login_limits();
    let signed_in =
        gongkai_app::account::sign_in(&state.app, &form.username, &form.password, &ip.to_string(), limits).await;
    let token = match signed_in {
        Ok((_, token)) => token,
        Err(SignInError::Throttled(which)) => {
            tracing::warn!(?which, "sign-in throttled");
            let wait = format!("登录失败次数过多，请{}分钟后再试", limits.window_minutes);
            return again(StatusCode::TOO_MANY_REQUESTS, &wait);
        }
        Err(SignInError::Refused(Error::BadCredentials)) => return again(StatusCode::UNAUTHORIZED, "用户名或密码错误"),
        Err(SignInError::Refused(e)) => return Err(e.into()),
    };
    let cookie = session_cookie(Some(&token), state.site.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/admin")).into_response())
}

pub async fn logout(State(state): State<AppState>, me: StaffSession) -> WebResult<Response> {
    gongkai_app::account::sign_out(&state.app, &me.principal, &me.token).await?;
    let cookie = session_cookie(None, state.site.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/admin/login")).into_response())
}

/// The client's address ([`crate::client_address`]: the peer, or what a trusted proxy
/// forwarded; unspecified when the server was not started with connect info, e.g. in unit tests).
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(crate::client_address::of(&parts.extensions, &parts.headers, &state.site.trusted_proxies)))
    }
}

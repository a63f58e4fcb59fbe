//! 咨询 and 举报投诉 on the portal: the form, and the answered enquiries with their reply times
//! (names and contact details are never shown; complaints are not listed); the writer's own
//! message and its reply, found by its tracking code.
//!
//! A submission is answered with a redirect (a refresh cannot send it twice); the tracking code
//! rides to the page in a short-lived cookie that only that page reads, and is shown once.

use crate::extract::Path;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::messages::{self, Message, MessageForm};

use super::PageFrame;
use super::preferences::Prefs;
use crate::admin::HtmlForm;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::{once, view};

#[derive(Template)]
#[template(path = "portal/messages.html")]
struct MessagesPage {
    chrome: PageFrame,
    agency: Agency,
    answered: Vec<Message>,
    form: MessageForm,
    errors: FieldErrors,
    /// The tracking code of the message just sent (empty otherwise).
    sent: String,
}

async fn page(
    state: &AppState,
    prefs: Prefs,
    agency: Agency,
    form: MessageForm,
    errors: FieldErrors,
    sent: String,
) -> WebResult<MessagesPage> {
    let answered = messages::of_agency(&state.db, agency.id)
        .await?
        .into_iter()
        .filter(|m| m.kind == "enquiry" && m.reply.is_some())
        .take(50)
        .collect();
    Ok(MessagesPage { chrome: PageFrame::new(&state.site, Some(&agency), prefs), agency, answered, form, errors, sent })
}

/// The cookie carrying a new message's tracking code to the page, once.
const SENT_COOKIE: &str = "gk_message";

pub async fn show(
    State(state): State<AppState>,
    prefs: Prefs,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let form = MessageForm { kind: "enquiry".into(), ..Default::default() };
    let sent = once::take(&headers, SENT_COOKIE);
    let mut response =
        view::page(&page(&state, prefs, agency, form, FieldErrors::new(), sent.clone().unwrap_or_default()).await?);
    if sent.is_some() {
        once::clear(&mut response, SENT_COOKIE, format!("/agencies/{code}/messages"), state.site.secure_cookies);
    }
    Ok(response)
}

pub async fn submit(
    State(state): State<AppState>,
    prefs: Prefs,
    Path(code): Path<String>,
    HtmlForm(form): HtmlForm<MessageForm>,
) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    match gongkai_app::requests::records::submit_message(&state.app, agency.id, &form).await {
        Ok(receipt) => {
            let to = format!("/agencies/{code}/messages");
            let cookie = once::cookie(SENT_COOKIE, to.clone(), Some(&receipt.tracking_code), state.site.secure_cookies);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response())
        }
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&state, prefs, agency, form, errors, String::new()).await?,
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Template)]
#[template(path = "portal/message_status.html")]
struct StatusPage {
    chrome: PageFrame,
    code: String,
    found: Option<Message>,
    errors: FieldErrors,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Lookup {
    tracking_code: String,
}

/// `GET /messages/status`: the form asking for the tracking code.
pub async fn status_form(State(state): State<AppState>, prefs: Prefs) -> WebResult<Response> {
    let chrome = PageFrame::new(&state.site, None, prefs);
    Ok(view::page(&StatusPage { chrome, code: String::new(), found: None, errors: FieldErrors::new() }))
}

/// `POST /messages/status`: the writer's message and its reply (a post, so the code stays out
/// of URLs and logs; the page is not cached).
pub async fn status(State(state): State<AppState>, prefs: Prefs, HtmlForm(q): HtmlForm<Lookup>) -> WebResult<Response> {
    let chrome = PageFrame::new(&state.site, None, prefs);
    match gongkai_app::requests::records::message_by_code(&state.app, &q.tracking_code).await {
        Ok(m) => Ok(super::requests::private(view::page(&StatusPage {
            chrome,
            code: q.tracking_code,
            found: Some(m),
            errors: FieldErrors::new(),
        }))),
        Err(Error::Invalid(errors)) => Ok(super::requests::private(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &StatusPage { chrome, code: q.tracking_code, found: None, errors },
        ))),
        Err(e) => Err(WebError::App(e)),
    }
}

//! 咨询 and 举报投诉 on the portal: the form, and the answered enquiries with their reply times
//! (names and contact details are never shown; complaints are not listed).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::messages::{self, Message, MessageForm};

use super::PageFrame;
use super::preferences::Prefs;
use crate::admin::HtmlForm;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

#[derive(Template)]
#[template(path = "portal/messages.html")]
struct MessagesPage {
    chrome: PageFrame,
    agency: Agency,
    answered: Vec<Message>,
    form: MessageForm,
    errors: FieldErrors,
    sent: bool,
}

async fn page(
    state: &AppState,
    prefs: Prefs,
    agency: Agency,
    form: MessageForm,
    errors: FieldErrors,
    sent: bool,
) -> WebResult<MessagesPage> {
    let answered = messages::of_agency(&state.db, agency.id)
        .await?
        .into_iter()
        .filter(|m| m.kind == "enquiry" && m.reply.is_some())
        .take(50)
        .collect();
    Ok(MessagesPage { chrome: PageFrame::new(&state.site, Some(&agency), prefs), agency, answered, form, errors, sent })
}

pub async fn show(State(state): State<AppState>, prefs: Prefs, Path(code): Path<String>) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let form = MessageForm { kind: "enquiry".into(), ..Default::default() };
    Ok(view::page(&page(&state, prefs, agency, form, FieldErrors::new(), false).await?))
}

pub async fn submit(
    State(state): State<AppState>,
    prefs: Prefs,
    Path(code): Path<String>,
    HtmlForm(form): HtmlForm<MessageForm>,
) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    match gongkai_app::requests::records::submit_message(&state.app, agency.id, &form).await {
        Ok(_) => Ok(view::page_with_status(
            StatusCode::CREATED,
            &page(
                &state,
                prefs,
                agency,
                MessageForm { kind: "enquiry".into(), ..Default::default() },
                FieldErrors::new(),
                true,
            )
            .await?,
        )),
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&state, prefs, agency, form, errors, false).await?,
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

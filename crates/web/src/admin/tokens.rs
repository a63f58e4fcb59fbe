//! Personal API tokens in the console: `/admin/staff/{id}/tokens` lists an account's tokens
//! (for the account itself and those who manage it), makes one (the account itself: the secret
//! is shown once), and revokes one.

use crate::extract::Path;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::tokens::{self, TokenList};
use gongkai_core::calendar::china_time::Moment;
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;
use gongkai_store::api_token::{DEFAULT_DAYS, MAX_DAYS, TokenRequest};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{ConsoleHeader, HtmlForm};
use crate::auth::StaffSession;
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

/// One token as its list shows it.
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub state: &'static str,
    pub active: bool,
    pub created_at: Moment,
    pub expires_at: Moment,
    pub last_used_at: Option<Moment>,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage {
    nav: ConsoleHeader,
    list: TokenList,
    rows: Vec<TokenRow>,
    errors: FieldErrors,
    name: String,
    days: String,
    /// The secret of the token just made (shown this once).
    secret: Option<String>,
    default_days: i64,
    max_days: i64,
}

fn page(
    me: &StaffSession,
    list: TokenList,
    errors: FieldErrors,
    form: TokenForm,
    secret: Option<String>,
) -> TokensPage {
    let now = OffsetDateTime::now_utc();
    let rows = list
        .tokens
        .iter()
        .map(|t| {
            let state = t.state_at(now);
            TokenRow {
                id: t.id,
                name: t.name.clone(),
                prefix: t.prefix.clone(),
                state: state.label(),
                active: state == gongkai_store::api_token::TokenState::Active,
                created_at: t.created_at,
                expires_at: t.expires_at,
                last_used_at: t.last_used_at,
            }
        })
        .collect();
    TokensPage {
        nav: ConsoleHeader::of(me),
        list,
        rows,
        errors,
        name: form.name,
        days: form.days,
        secret,
        default_days: DEFAULT_DAYS,
        max_days: MAX_DAYS,
    }
}

/// `/admin/tokens`: one's own tokens.
pub async fn mine(me: StaffSession) -> Redirect {
    Redirect::to(&format!("/admin/staff/{}/tokens", me.staff.id))
}

pub async fn list(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let list = tokens::list(&state.app, &me.principal, id).await?;
    Ok(view::page(&page(&me, list, FieldErrors::new(), TokenForm::default(), None)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenForm {
    name: String,
    days: String,
}

pub async fn issue(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<TokenForm>,
) -> WebResult<Response> {
    let issued = match TokenRequest::parse(&form.name, &form.days) {
        Ok(request) => tokens::issue(&state.app, &me.principal, id, &request).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match issued {
        Ok(issued) => {
            let list = tokens::list(&state.app, &me.principal, id).await?;
            Ok(view::page(&page(&me, list, FieldErrors::new(), TokenForm::default(), Some(issued.secret))))
        }
        Err(Error::Invalid(errors)) => {
            let list = tokens::list(&state.app, &me.principal, id).await?;
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&me, list, errors, form, None)))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, token)): Path<(i64, i64)>,
) -> WebResult<Response> {
    tokens::revoke(&state.app, &me.principal, id, token).await?;
    Ok(Redirect::to(&format!("/admin/staff/{id}/tokens")).into_response())
}

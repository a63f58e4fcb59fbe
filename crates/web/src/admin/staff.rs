//! Staff accounts of an agency: list, create (with a generated password shown once), change
//! roles or deactivate, reset a password.

use crate::extract::Path;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::staff as accounts;
use gongkai_core::agency::{Role, Roles};
use gongkai_core::field::{FieldErrors, optional_email, required_text};
use gongkai_store::Error;
use gongkai_store::agency::Agency;
use gongkai_store::staff::{self, Staff, StaffChange, StaffForm, parse_roles};
use serde::Deserialize;

use super::{ConsoleHeader, HtmlForm, SelectOption};
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

fn role_options(selected: &[String]) -> Vec<SelectOption> {
    Role::ALL
        .iter()
        .map(|r| SelectOption {
            value: r.as_str(),
            label: r.label(),
            selected: selected.iter().any(|s| s == r.as_str()),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin/staff_list.html")]
struct List {
    nav: ConsoleHeader,
    agency: Agency,
    staff: Vec<Staff>,
    writable: bool,
}

pub async fn list(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let (target, staff, writable) = accounts::of_agency(&state.app, &me.principal, id).await?;
    Ok(view::page(&List { nav: ConsoleHeader::of(&me), agency: target, staff, writable }))
}

#[derive(Template)]
#[template(path = "admin/staff_form.html")]
struct NewForm {
    nav: ConsoleHeader,
    agency: Agency,
    form: StaffForm,
    roles: Vec<SelectOption>,
    errors: FieldErrors,
}

pub async fn new_form(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let target = accounts::agency_for_new(&state.app, &me.principal, id).await?;
    let page = NewForm {
        nav: ConsoleHeader::of(&me),
        agency: target,
        form: StaffForm::default(),
        roles: role_options(&[]),
        errors: FieldErrors::new(),
    };
    Ok(view::page(&page))
}

#[derive(Template)]
#[template(path = "admin/credentials.html")]
struct Credentials {
    nav: ConsoleHeader,
    staff: Staff,
    password: String,
    created: bool,
}

pub async fn create(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<StaffForm>,
) -> WebResult<Response> {
    let target = accounts::agency_for_new(&state.app, &me.principal, id).await?;
    let password = staff::generate_password();
    let result = match form.parse() {
        Ok(fields) => accounts::create(&state.app, &me.principal, id, fields, &password).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(created) => {
            Ok(view::page(&Credentials { nav: ConsoleHeader::of(&me), staff: created, password, created: true }))
        }
        Err(Error::Invalid(errors)) => {
            let roles = role_options(&form.roles);
            let page = NewForm { nav: ConsoleHeader::of(&me), agency: target, form, roles, errors };
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Template)]
#[template(path = "admin/staff.html")]
struct Show {
    nav: ConsoleHeader,
    agency: Agency,
    staff: Staff,
    display_name: String,
    email: String,
    active: bool,
    roles: Vec<SelectOption>,
    writable: bool,
    /// Whether the page is the signed-in member's own account (a link to their API tokens).
    is_self: bool,
    errors: FieldErrors,
}

impl Show {
    /// The page of account `target` with its stored values and no errors.
    fn of(me: &StaffSession, target: Staff, agency: Agency, writable: bool) -> Show {
        let stored: Vec<String> = target.roles().iter().map(|r| r.as_str().to_owned()).collect();
        Show {
            nav: ConsoleHeader::of(me),
            writable,
            is_self: me.staff.id == target.id,
            display_name: target.display_name.clone(),
            email: target.email.clone(),
            active: target.is_active(),
            roles: role_options(&stored),
            agency,
            staff: target,
            errors: FieldErrors::new(),
        }
    }
}

pub async fn show(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let (target, agency, writable) = accounts::read(&state.app, &me.principal, id).await?;
    Ok(view::page(&Show::of(&me, target, agency, writable)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UpdateForm {
    display_name: String,
    email: String,
    roles: Vec<String>,
    active: Option<String>,
}

pub async fn update(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<UpdateForm>,
) -> WebResult<Response> {
    let (target, agency, _) = accounts::read(&state.app, &me.principal, id).await?;
    let mut errors = FieldErrors::new();
    let display_name = required_text(&mut errors, "display_name", "姓名", &form.display_name, 50);
    let email = optional_email(&mut errors, "email", staff::EMAIL_LABEL, &form.email).unwrap_or_default();
    let roles: Roles = parse_roles(&mut errors, &form.roles);
    let active = form.active.is_some();
    if errors.is_empty() {
        let change = StaffChange { display_name: display_name.clone(), email: email.clone(), roles, active };
        match accounts::update(&state.app, &me.principal, id, &change).await {
            Ok(_) => return Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response()),
            Err(Error::Invalid(e)) => errors = e,
            Err(e) => return Err(WebError::App(e)),
        }
    }
    let page = Show {
        display_name,
        email: form.email.trim().to_owned(),
        active,
        roles: role_options(&form.roles),
        errors,
        ..Show::of(&me, target, agency, true)
    };
    Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

pub async fn reset_password(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let password = staff::generate_password();
    let target = accounts::reset_password(&state.app, &me.principal, id, &password).await?;
    Ok(view::page(&Credentials { nav: ConsoleHeader::of(&me), staff: target, password, created: false }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

/// `POST /admin/staff/{id}/email`: a member sets the address their own reminders go to.
pub async fn set_email(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<EmailForm>,
) -> WebResult<Response> {
    match accounts::set_email(&state.app, &me.principal, id, &form.email).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response()),
        Err(Error::Invalid(errors)) => {
            let (target, agency, writable) = accounts::read(&state.app, &me.principal, id).await?;
            let page = Show { email: form.email.trim().to_owned(), errors, ..Show::of(&me, target, agency, writable) };
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

//! Staff accounts of an agency: list, create (with a generated password shown once), change
//! roles or deactivate, reset a password.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::agency::{Access, Role, Roles};
use gongkai_core::field::{FieldError, FieldErrors, required_text};
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::staff::{self, Staff, StaffForm, parse_roles};
use serde::Deserialize;

use super::{HtmlForm, Nav, Opt};
use crate::auth::Me;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

fn role_options(selected: &[String]) -> Vec<Opt> {
    Role::ALL
        .iter()
        .map(|r| Opt { value: r.as_str(), label: r.label(), selected: selected.iter().any(|s| s == r.as_str()) })
        .collect()
}

#[derive(Template)]
#[template(path = "admin/staff_list.html")]
struct List {
    nav: Nav,
    agency: Agency,
    staff: Vec<Staff>,
    writable: bool,
}

pub async fn list(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    me.require(&target, Access::Read)?;
    let staff = staff::of_agency(&state.db, id).await?;
    let writable = me.access_to(&target) == Access::Write;
    Ok(view::page(&List { nav: Nav::of(&me), agency: target, staff, writable }))
}

#[derive(Template)]
#[template(path = "admin/staff_form.html")]
struct NewForm {
    nav: Nav,
    agency: Agency,
    form: StaffForm,
    roles: Vec<Opt>,
    errors: FieldErrors,
}

pub async fn new_form(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    me.require(&target, Access::Write)?;
    let page = NewForm {
        nav: Nav::of(&me),
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
    nav: Nav,
    staff: Staff,
    password: String,
    created: bool,
}

pub async fn create(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<StaffForm>,
) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    me.require(&target, Access::Write)?;
    let password = staff::generate_password();
    let result = match form.parse() {
        Ok(fields) => staff::create(&state.db, &me.actor(), id, fields, &password).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(created) => Ok(view::page(&Credentials { nav: Nav::of(&me), staff: created, password, created: true })),
        Err(Error::Invalid(errors)) => {
            let roles = role_options(&form.roles);
            let page = NewForm { nav: Nav::of(&me), agency: target, form, roles, errors };
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Template)]
#[template(path = "admin/staff.html")]
struct Show {
    nav: Nav,
    agency: Agency,
    staff: Staff,
    display_name: String,
    active: bool,
    roles: Vec<Opt>,
    writable: bool,
    errors: FieldErrors,
}

/// The staff member `id` and their agency, after checking `need` on that agency.
async fn load(state: &AppState, me: &Me, id: i64, need: Access) -> WebResult<(Staff, Agency)> {
    let target = staff::get(&state.db, id).await?;
    let agency = agency::get(&state.db, target.agency_id).await?;
    me.require(&agency, need)?;
    Ok((target, agency))
}

pub async fn show(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let (target, agency) = load(&state, &me, id, Access::Read).await?;
    let stored: Vec<String> = target.roles().iter().map(|r| r.as_str().to_owned()).collect();
    let page = Show {
        nav: Nav::of(&me),
        writable: me.access_to(&agency) == Access::Write,
        display_name: target.display_name.clone(),
        active: target.is_active(),
        roles: role_options(&stored),
        agency,
        staff: target,
        errors: FieldErrors::new(),
    };
    Ok(view::page(&page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UpdateForm {
    display_name: String,
    roles: Vec<String>,
    active: Option<String>,
}

pub async fn update(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<UpdateForm>,
) -> WebResult<Response> {
    let (target, agency) = load(&state, &me, id, Access::Write).await?;
    let mut errors = FieldErrors::new();
    let display_name = required_text(&mut errors, "display_name", "姓名", &form.display_name, 50);
    let roles: Roles = parse_roles(&mut errors, &form.roles);
    let active = form.active.is_some();
    if target.id == me.staff.id && (!active || !roles.contains(Role::Admin)) {
        errors.push(FieldError::new("roles", "角色", "不能停用自己的账号或取消自己的管理员角色"));
    }
    if !errors.is_empty() {
        let page = Show {
            nav: Nav::of(&me),
            agency,
            staff: target,
            display_name,
            active,
            roles: role_options(&form.roles),
            writable: true,
            errors,
        };
        return Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    staff::update(&state.db, &me.actor(), id, &display_name, &roles, active).await?;
    Ok(Redirect::to(&format!("/admin/staff/{id}")).into_response())
}

pub async fn reset_password(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let (target, _) = load(&state, &me, id, Access::Write).await?;
    let password = staff::generate_password();
    staff::set_password(&state.db, &me.actor(), id, &password).await?;
    Ok(view::page(&Credentials { nav: Nav::of(&me), staff: target, password, created: false }))
}

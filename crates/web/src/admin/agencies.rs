//! The agency tree and each agency's settings.

use crate::extract::Path;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::agencies;
use gongkai_core::agency::Level;
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency, AgencyForm};
use gongkai_store::staff::Staff;

use super::{ConsoleHeader, HtmlForm, SelectOption};
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

/// A row of the tree with what the viewer may do there.
pub struct Row {
    pub agency: Agency,
    pub depth: usize,
    pub writable: bool,
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
struct Tree {
    nav: ConsoleHeader,
    rows: Vec<Row>,
}

pub async fn tree(State(state): State<AppState>, me: StaffSession) -> WebResult<Response> {
    let base = me.agency.depth();
    let rows = agencies::tree(&state.app, &me.principal)
        .await?
        .into_iter()
        .map(|(a, writable)| Row { depth: a.depth().saturating_sub(base), writable, agency: a })
        .collect();
    Ok(view::page(&Tree { nav: ConsoleHeader::of(&me), rows }))
}

#[derive(Template)]
#[template(path = "admin/agency.html")]
struct Show {
    nav: ConsoleHeader,
    agency: Agency,
    children: Vec<Agency>,
    staff: Vec<Staff>,
    writable: bool,
    can_add_child: bool,
}

pub async fn show(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let p = agencies::read(&state.app, &me.principal, id).await?;
    let page = Show {
        nav: ConsoleHeader::of(&me),
        agency: p.agency,
        children: p.children,
        staff: p.staff,
        writable: p.writable,
        can_add_child: p.can_add_child,
    };
    Ok(view::page(&page))
}

#[derive(Template)]
#[template(path = "admin/agency_form.html")]
struct FormPage {
    nav: ConsoleHeader,
    heading: String,
    action: String,
    form: AgencyForm,
    levels: Vec<SelectOption>,
    errors: FieldErrors,
}

fn form_page(me: &StaffSession, heading: String, action: String, form: AgencyForm, errors: FieldErrors) -> FormPage {
    let levels = Level::ALL
        .iter()
        .map(|l| SelectOption { value: l.as_str(), label: l.label(), selected: form.level == l.as_str() })
        .collect();
    FormPage { nav: ConsoleHeader::of(me), heading, action, form, levels, errors }
}

fn invalid(page: FormPage) -> Response {
    view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

pub async fn edit(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let target = agencies::for_editing(&state.app, &me.principal, id).await?;
    let form = AgencyForm::from_agency(&target);
    let page =
        form_page(&me, format!("修改：{}", target.name), format!("/admin/agencies/{id}"), form, FieldErrors::new());
    Ok(view::page(&page))
}

pub async fn update(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<AgencyForm>,
) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    let heading = format!("修改：{}", target.name);
    let result = match form.parse() {
        Ok(fields) => agencies::update(&state.app, &me.principal, id, fields).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/agencies/{id}")).into_response()),
        Err(Error::Invalid(errors)) => {
            Ok(invalid(form_page(&me, heading, format!("/admin/agencies/{id}"), form, errors)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

pub async fn new_child(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let parent = agencies::parent_for_child(&state.app, &me.principal, id).await?;
    let form = AgencyForm { level: "department".into(), ..Default::default() };
    let page = form_page(
        &me,
        format!("在“{}”下添加机关", parent.name),
        format!("/admin/agencies/{id}/children"),
        form,
        FieldErrors::new(),
    );
    Ok(view::page(&page))
}

pub async fn create_child(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<AgencyForm>,
) -> WebResult<Response> {
    let parent = agencies::parent_for_child(&state.app, &me.principal, id).await?;
    let result = match form.parse() {
        Ok(fields) => agencies::create_child(&state.app, &me.principal, id, fields).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(child) => Ok(Redirect::to(&format!("/admin/agencies/{}", child.id)).into_response()),
        Err(Error::Invalid(errors)) => {
            let heading = format!("在“{}”下添加机关", parent.name);
            Ok(invalid(form_page(&me, heading, format!("/admin/agencies/{id}/children"), form, errors)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

//! The agency tree and each agency's settings.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::agency::{Access, Level};
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency, AgencyForm};
use gongkai_store::staff::{self, Staff};

use super::{HtmlForm, Nav, Opt};
use crate::auth::Me;
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
    nav: Nav,
    rows: Vec<Row>,
}

pub async fn tree(State(state): State<AppState>, me: Me) -> WebResult<Response> {
    let visible =
        if me.sees_subtree() { agency::subtree(&state.db, &me.agency).await? } else { vec![me.agency.clone()] };
    let base = me.agency.depth();
    let rows = visible
        .into_iter()
        .map(|a| Row { depth: a.depth().saturating_sub(base), writable: me.access_to(&a) == Access::Write, agency: a })
        .collect();
    Ok(view::page(&Tree { nav: Nav::of(&me), rows }))
}

#[derive(Template)]
#[template(path = "admin/agency.html")]
struct Show {
    nav: Nav,
    agency: Agency,
    children: Vec<Agency>,
    staff: Vec<Staff>,
    writable: bool,
}

pub async fn show(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    me.require(&target, Access::Read)?;
    let children = agency::children(&state.db, id).await?;
    let staff = staff::of_agency(&state.db, id).await?;
    let writable = me.access_to(&target) == Access::Write;
    Ok(view::page(&Show { nav: Nav::of(&me), agency: target, children, staff, writable }))
}

#[derive(Template)]
#[template(path = "admin/agency_form.html")]
struct FormPage {
    nav: Nav,
    heading: String,
    action: String,
    form: AgencyForm,
    levels: Vec<Opt>,
    errors: FieldErrors,
}

fn form_page(me: &Me, heading: String, action: String, form: AgencyForm, errors: FieldErrors) -> FormPage {
    let levels = Level::ALL
        .iter()
        .map(|l| Opt { value: l.as_str(), label: l.label(), selected: form.level == l.as_str() })
        .collect();
    FormPage { nav: Nav::of(me), heading, action, form, levels, errors }
}

fn invalid(page: FormPage) -> Response {
    view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

pub async fn edit(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    me.require(&target, Access::Write)?;
    let form = AgencyForm::from_agency(&target);
    let page =
        form_page(&me, format!("修改：{}", target.name), format!("/admin/agencies/{id}"), form, FieldErrors::new());
    Ok(view::page(&page))
}

pub async fn update(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<AgencyForm>,
) -> WebResult<Response> {
    let target = agency::get(&state.db, id).await?;
    me.require(&target, Access::Write)?;
    let heading = format!("修改：{}", target.name);
    let result = match form.parse() {
        Ok(fields) => agency::update(&state.db, &me.actor(), id, fields).await,
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

pub async fn new_child(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let parent = agency::get(&state.db, id).await?;
    me.require(&parent, Access::Write)?;
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
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<AgencyForm>,
) -> WebResult<Response> {
    let parent = agency::get(&state.db, id).await?;
    me.require(&parent, Access::Write)?;
    let result = match form.parse() {
        Ok(fields) => agency::create(&state.db, &me.actor(), Some(id), fields).await,
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

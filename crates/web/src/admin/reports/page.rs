//! The report page of the console (GET): assembles what the page shows from the store.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gongkai_core::agency::Permission;
use gongkai_core::agency::level::Level;
use gongkai_core::field::FieldErrors;
use gongkai_core::report::deadline;
use gongkai_core::report::diff::Change;
use gongkai_core::report::model::Report;
use gongkai_core::report::rules::Finding;
use gongkai_core::report::sections::Sections;
use gongkai_core::report::table2::{self, Source};
use gongkai_core::request::letter::chinese_date;
use gongkai_store::agency::{self, Agency};
use gongkai_store::report::{self, Version, YearState, publish};
use gongkai_store::timestamp;
use serde::Deserialize;

use super::{may_edit, may_publish};
use crate::admin::ConsoleHeader;
use crate::auth::StaffSession;
use crate::error::WebResult;
use crate::report_view;
use crate::state::AppState;
use crate::view;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: Option<i32>,
    saved: String,
}

/// One table 二 cell in the form.
pub struct FigureInput {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub value: String,
    pub entered: bool,
}

/// A subordinate agency and whether its report of the year is out.
pub struct Subordinate {
    pub id: i64,
    pub name: String,
    pub due: String,
    pub published: Option<String>,
    pub version: Option<i64>,
    pub late: bool,
}

#[derive(Template)]
#[template(path = "admin/report.html")]
pub(super) struct ReportPage {
    nav: ConsoleHeader,
    agency: Agency,
    year: i32,
    years: Vec<i32>,
    format_name: &'static str,
    state: YearState,
    due: String,
    due_basis: &'static str,
    days_left: i64,
    findings: Vec<Finding>,
    changes: Vec<Change>,
    figures: Vec<FigureInput>,
    sections: Sections,
    report_html: String,
    versions: Vec<Version>,
    people: gongkai_store::staff::People,
    subordinates: Vec<Subordinate>,
    can_edit: bool,
    can_publish: bool,
    saved: String,
    errors: FieldErrors,
}

pub async fn show(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    me.require(Permission::ReadReport, &agency)?;
    let year = q.year.unwrap_or(timestamp::today_in_china().year() - 1);
    let page = page(&state, &me, agency, year, None, q.saved, FieldErrors::new()).await?;
    Ok(view::page(&page))
}

/// The page, optionally with the figures and texts just submitted (re-shown beside `errors`).
/// What the staff member typed into the figures and sections forms, when re-showing them.
type Typed<'a> = (Option<&'a std::collections::BTreeMap<String, String>>, Option<&'a Sections>);

pub(super) async fn page(
    state: &AppState,
    me: &StaffSession,
    agency: Agency,
    year: i32,
    submitted: Option<Typed<'_>>,
    saved: String,
    errors: FieldErrors,
) -> WebResult<ReportPage> {
    let (compiled, findings) = report::compile_year(&state.db, agency.id, year).await?;
    let year_state = publish::state(&state.db, agency.id, year).await?;
    let changes = publish::changes_since_publication(&state.db, agency.id, &compiled).await?;
    let versions = publish::versions(&state.db, agency.id, year).await?;
    let level: Level = agency.level;
    let (due, due_basis) = deadline::due(level, year);
    let today = timestamp::today_in_china();
    let (typed_figures, typed_sections) = submitted.unwrap_or((None, None));
    let figures = figure_inputs(&compiled, typed_figures);
    let sections = typed_sections.cloned().unwrap_or_else(|| compiled.sections.clone());
    let report = match (&year_state, versions.last()) {
        (YearState::Published { .. }, Some(v)) => report_view::render(&v.report()?, v.correction_note.as_deref()),
        _ => report_view::render(&compiled, None),
    };
    let report_html = report_view::body_html(&report);
    let opened_by = match &year_state {
        YearState::Amending { opened_by, .. } => Some(opened_by.clone()),
        _ => None,
    };
    let people =
        gongkai_store::staff::people(&state.db, versions.iter().map(|v| &v.published_by).chain(opened_by.as_ref()))
            .await?;
    Ok(ReportPage {
        nav: ConsoleHeader::of(me),
        can_edit: may_edit(me, &agency) && !year_state.is_locked(),
        can_publish: may_publish(me, &agency),
        subordinates: subordinates(state, &agency, year).await?,
        years: (2019..=today.year()).rev().collect(),
        format_name: compiled.format.name_zh(),
        due: chinese_date(due),
        due_basis,
        days_left: (due - today).whole_days(),
        state: year_state,
        year,
        findings,
        changes,
        figures,
        sections,
        report_html,
        versions,
        people,
        saved,
        errors,
        agency,
    })
}

fn figure_inputs(compiled: &Report, typed: Option<&std::collections::BTreeMap<String, String>>) -> Vec<FigureInput> {
    table2::cells(compiled.format)
        .iter()
        .map(|c| {
            let entered = c.source == Source::Entered;
            let typed_value = typed.filter(|_| entered).and_then(|t| t.get(c.key)).cloned();
            FigureInput {
                key: c.key,
                label: c.label,
                hint: c.hint,
                value: typed_value.unwrap_or_else(|| compiled.table2.display(c.key)),
                entered,
            }
        })
        .collect()
}

async fn subordinates(state: &AppState, agency: &Agency, year: i32) -> WebResult<Vec<Subordinate>> {
    let children = agency::children(&state.db, agency.id).await?;
    let ids: Vec<i64> = children.iter().map(|c| c.id).collect();
    let submissions = report::submissions(&state.db, &ids, year).await?;
    let today = timestamp::today_in_china();
    Ok(children
        .into_iter()
        .zip(submissions)
        .map(|(child, s)| {
            let (due, _) = deadline::due(child.level, year);
            let published_day = s.first_published_at.as_deref().map(timestamp::china_minutes);
            let late = match &s.first_published_at {
                Some(at) => timestamp::china_date_of(at).is_some_and(|d| d > due),
                None => today > due,
            };
            Subordinate {
                id: child.id,
                name: child.name,
                due: chinese_date(due),
                published: published_day,
                version: s.version,
                late,
            }
        })
        .collect())
}

/// Re-shows the page with the submitted input beside its errors (422).
pub(super) async fn invalid(
    state: &AppState,
    me: &StaffSession,
    agency: Agency,
    year: i32,
    submitted: (Option<&std::collections::BTreeMap<String, String>>, Option<&Sections>),
    errors: FieldErrors,
) -> WebResult<Response> {
    let page = page(state, me, agency, year, Some(submitted), String::new(), errors).await?;
    Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

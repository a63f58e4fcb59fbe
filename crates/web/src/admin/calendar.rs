//! The working-day calendar in the console: which years are covered, the warning from 1 November
//! when next year's notice is missing, local overrides (added by an agency's admin for its
//! subtree), loading a new national year file (admins of a root agency), and a deadline
//! calculator that shows the day-by-day explanation for this agency's calendar.

use crate::extract::Query;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::agency::Permission;
use gongkai_core::calendar::iso_date;
use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_core::request::deadline::{self, Case, Deadlines, Rules};
use gongkai_store::calendar::{self, LoadedYear, OverrideForm, StoredOverride};
use gongkai_store::{Error, timestamp};
use serde::Deserialize;

use super::{ConsoleHeader, HtmlForm};
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarPage {
    nav: ConsoleHeader,
    covered: String,
    missing_year: Option<i32>,
    loaded: Vec<LoadedYear>,
    people: gongkai_store::staff::People,
    overrides: Vec<StoredOverride>,
    can_override: bool,
    can_load_year: bool,
    form: OverrideForm,
    errors: FieldErrors,
    calc: CalcForm,
    result: Option<Deadlines>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CalcForm {
    received: String,
    extension: String,
    /// A 补正: the day it was asked for and the day the corrected application arrived.
    clarification_requested: String,
    clarification_received: String,
    /// A consultation: the day it was sent and the day the last opinion arrived (empty: open).
    consultation_start: String,
    consultation_end: String,
    /// After a year file was loaded: its year and how many provisional deadlines were
    /// recomputed and moved (shown once as a confirmation).
    loaded: Option<i32>,
    recomputed: Option<usize>,
    moved: Option<usize>,
}

impl CalendarPage {
    /// The timeline rows of the calculated deadline, if any.
    fn timeline(&self) -> Vec<(String, &'static str, String, String)> {
        let Some(result) = &self.result else { return Vec::new() };
        result
            .explanation
            .iter()
            .map(|d| {
                let kind = match d.kind {
                    deadline::TimelineKind::Counted => "计入",
                    deadline::TimelineKind::Paused => "暂停",
                    deadline::TimelineKind::Skipped => "不计",
                };
                let n = match d.n {
                    Some(n) if result.in_extension(n) => format!("{n}（延长期第{}个）", n - result.base_workdays),
                    Some(n) => n.to_string(),
                    None => String::new(),
                };
                (iso_date::format(d.date), kind, n, d.reason.clone())
            })
            .collect()
    }

    fn due(&self) -> (String, String) {
        let Some(r) = &self.result else { return Default::default() };
        let mark = if r.provisional { "（预估）" } else { "" };
        let notice = r.clarification_notice_due.map(|d| format!("{}{mark}", iso_date::format(d)));
        (notice.unwrap_or_else(|| "—".into()), format!("{}{mark}", iso_date::format(r.reply_due)))
    }
}

async fn page(
    state: &AppState,
    me: &StaffSession,
    form: OverrideForm,
    errors: FieldErrors,
    calc: CalcForm,
) -> WebResult<CalendarPage> {
    let national = calendar::national(&state.db).await?;
    let covered = national.covered_years();
    let covered = match (covered.first(), covered.last()) {
        (Some(a), Some(b)) => format!("{a}年至{b}年"),
        _ => "无".into(),
    };
    let mut errors = errors;
    let result = if calc.received.trim().is_empty() {
        None
    } else {
        match calculate(state, me, &calc).await {
            Ok(r) => Some(r),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    let loaded = calendar::loaded_years(&state.db).await?;
    Ok(CalendarPage {
        nav: ConsoleHeader::of(me),
        covered,
        missing_year: national.next_year_missing_warning(timestamp::today_in_china()),
        people: gongkai_store::staff::people(&state.db, loaded.iter().map(|y| &y.loaded_by)).await?,
        loaded,
        overrides: calendar::applicable_overrides(&state.db, &me.agency).await?,
        can_override: me.may(Permission::EditCalendar, &me.agency),
        can_load_year: me.may(Permission::LoadHolidayYear, &me.agency),
        form,
        errors,
        calc,
        result,
    })
}

async fn calculate(state: &AppState, me: &StaffSession, calc: &CalcForm) -> Result<Deadlines, FieldError> {
    let received = iso_date::parse(calc.received.trim())
        .map_err(|_| FieldError::new("received", "收到申请日期", "收到申请日期应为有效的“年-月-日”"))?;
    let extension = match calc.extension.trim() {
        "" => None,
        n => Some(n.parse::<u32>().map_err(|_| FieldError::new("extension", "延长天数", "延长天数应为0至20的整数"))?),
    };
    let cal = calendar::for_agency(&state.db, &me.agency)
        .await
        .map_err(|_| FieldError::new("received", "收到申请日期", "读取工作日历失败"))?;
    let rules = Rules::in_force_on(received)
        .ok_or_else(|| FieldError::new("received", "收到申请日期", "该日期没有适用的条例版本"))?;
    let date = |value: &str, field: &'static str, label: &'static str| -> Result<Option<time::Date>, FieldError> {
        match value.trim() {
            "" => Ok(None),
            v => iso_date::parse(v)
                .map(Some)
                .map_err(|_| FieldError::new(field, label, format!("{label}应为有效的“年-月-日”"))),
        }
    };
    let asked = date(&calc.clarification_requested, "clarification_requested", "告知补正日期")?;
    let corrected = date(&calc.clarification_received, "clarification_received", "收到补正日期")?;
    let clarification = match (asked, corrected) {
        (Some(requested), Some(received)) => Some(deadline::Clarification { requested, received }),
        (None, None) => None,
        _ => {
            let message = "告知补正日期和收到补正日期须同时填写";
            return Err(FieldError::new("clarification_received", "收到补正日期", message));
        }
    };
    let start = date(&calc.consultation_start, "consultation_start", "征求意见开始日期")?;
    let end = date(&calc.consultation_end, "consultation_end", "收到意见日期")?;
    let consultations = match (start, end) {
        (Some(start), end) => vec![deadline::Consultation { start, end }],
        (None, None) => Vec::new(),
        (None, Some(_)) => {
            return Err(FieldError::new("consultation_start", "征求意见开始日期", "请填写征求意见开始日期"));
        }
    };
    let case = Case { extension_days: extension, clarification, consultations, ..Case::received_on(received) };
    deadline::estimate(&cal, rules, &case).map_err(|e| FieldError::new("received", "收到申请日期", e.message_zh()))
}

pub async fn show(
    State(state): State<AppState>,
    me: StaffSession,
    Query(calc): Query<CalcForm>,
) -> WebResult<Response> {
    let page = page(&state, &me, OverrideForm::default(), FieldErrors::new(), calc).await?;
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(view::page_with_status(status, &page))
}

pub async fn add_override(
    State(state): State<AppState>,
    me: StaffSession,
    HtmlForm(form): HtmlForm<OverrideForm>,
) -> WebResult<Response> {
    let result = match form.parse() {
        Ok(o) => gongkai_app::calendar::add_override(&state.app, &me.principal, &me.agency, o).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/admin/calendar").into_response()),
        Err(Error::Invalid(errors)) => {
            let page = page(&state, &me, form, errors, CalcForm::default()).await?;
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearForm {
    year_file: String,
}

pub async fn load_year(
    State(state): State<AppState>,
    me: StaffSession,
    HtmlForm(form): HtmlForm<YearForm>,
) -> WebResult<Response> {
    match gongkai_app::calendar::load_year(&state.app, &me.principal, &me.agency, &form.year_file).await {
        Ok(done) => {
            let to = format!(
                "/admin/calendar?loaded={}&recomputed={}&moved={}",
                done.year,
                done.recomputed.len(),
                done.moved()
            );
            Ok(Redirect::to(&to).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = page(&state, &me, OverrideForm::default(), errors, CalcForm::default()).await?;
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

/// The warning shown on every console home page when next year's notice is missing.
pub async fn missing_year_warning(state: &AppState) -> Option<i32> {
    let national = calendar::national(&state.db).await.ok()?;
    national.next_year_missing_warning(timestamp::today_in_china())
}

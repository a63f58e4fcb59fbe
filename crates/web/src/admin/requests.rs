//! Disclosure requests in the console: the lists (open, overdue, due soon, all), registration of
//! requests received in person, by post, fax or email, the request page with its history, the
//! deadline explanation and the step forms, appeals, messages and letter templates.
//!
//! Each handler is a short list of steps: extract, call one use case of
//! [`gongkai_app::requests`] (which authorizes), render. Field errors re-show the page with the
//! messages beside the fields.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::letters::Format;
use gongkai_app::requests::case::{self, RequestCase};
use gongkai_app::requests::handling::{self, StepInput};
use gongkai_app::requests::{intake, listing, records};
use gongkai_core::agency::policy::Permission;
use gongkai_core::calendar::iso_date;
use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::receipt::Channel;
use gongkai_core::request::workflow::{Audience, Status};
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::appeals::{self, Appeal, AppealForm};
use gongkai_store::request::intake::IntakeForm;
use gongkai_store::request::notify::Notification;
use gongkai_store::request::queries::{Filter, RequestFile, View};
use gongkai_store::request::row::Request;
use gongkai_store::{Error, timestamp};
use serde::Deserialize;

use super::request_steps::{self, StepView, Widget};

use super::{ConsoleHeader, HtmlForm, SelectOption};
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::portal::requests::{Choices, read_multipart};
use crate::state::AppState;
use crate::{letters, once, view};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    view: String,
    /// Part of a tracking code or an applicant's name.
    q: String,
    from: String,
    to: String,
    status: String,
    handler: String,
    outcome: String,
}

impl ListQuery {
    /// The filter the query asks for, and a message for each value that cannot be used (that
    /// part of the filter is then left out).
    fn filter(&self) -> (Filter, FieldErrors) {
        let mut errors = FieldErrors::new();
        let mut date = |value: &str, field: &'static str, label: &'static str| match value.trim() {
            "" => None,
            v => match iso_date::parse(v) {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FieldError::new(field, label, format!("{label}应为“年-月-日”，如2025-09-26")));
                    None
                }
            },
        };
        let received_from = date(&self.from, "from", "收到日期（起）");
        let received_to = date(&self.to, "to", "收到日期（止）");
        let status = match self.status.trim() {
            "" => None,
            s => Status::parse(s).or_else(|| {
                errors.push(FieldError::new("status", "状态", "请从列表中选择状态"));
                None
            }),
        };
        let outcome = match self.outcome.trim() {
            "" => None,
            o => Outcome::parse(o).map_err(|e| errors.push(e)).ok(),
        };
        let filter = Filter {
            text: self.q.trim().to_owned(),
            received_from,
            received_to,
            status,
            handler: self.handler.trim().to_owned(),
            outcome,
        };
        (filter, errors)
    }
}

#[derive(Template)]
#[template(path = "admin/requests.html")]
struct ListPage {
    nav: ConsoleHeader,
    agency: Agency,
    view: &'static str,
    requests: Vec<Request>,
    open: i64,
    overdue: i64,
    today: time::Date,
    today_label: String,
    can_register: bool,
    notifications: Vec<Notification>,
    q: ListQuery,
    filtered: bool,
    statuses: Vec<SelectOption>,
    outcomes: Vec<SelectOption>,
    errors: FieldErrors,
}

pub async fn list(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    let (filter, errors) = q.filter();
    let l = listing::list_filtered(&state.app, &me.principal, id, View::parse(&q.view), &filter, 500).await?;
    let statuses = Status::ALL
        .iter()
        .map(|s| SelectOption { value: s.as_str(), label: s.label(), selected: filter.status == Some(*s) })
        .collect();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| SelectOption { value: o.key(), label: o.label(), selected: filter.outcome == Some(*o) })
        .collect();
    let page = ListPage {
        filtered: !filter.is_empty(),
        statuses,
        outcomes,
        q,
        errors,
        nav: ConsoleHeader::of(&me),
        view: l.view.key(),
        today_label: iso_date::chinese(l.today),
        today: l.today,
        agency: l.agency,
        requests: l.requests,
        open: l.open,
        overdue: l.overdue,
        can_register: l.can_register,
        notifications: l.notifications,
    };
    Ok(view::page(&page))
}

/// The request ledger (台账) as CSV, in the columns `gongkai import requests` reads.
pub async fn ledger_csv(state: State<AppState>, me: StaffSession, id: Path<i64>) -> WebResult<Response> {
    ledger(state, me, id, "csv").await
}

/// The request ledger (台账) as an Excel workbook, in the same columns.
pub async fn ledger_xlsx(state: State<AppState>, me: StaffSession, id: Path<i64>) -> WebResult<Response> {
    ledger(state, me, id, "xlsx").await
}

async fn ledger(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    format: &str,
) -> WebResult<Response> {
    let (agency, lines) = listing::ledger(&state.app, &me.principal, id).await?;
    let (bytes, content_type, extension) = match format {
        "csv" => (gongkai_store::request::ledger::to_csv(&lines), "text/csv; charset=utf-8", "csv"),
        "xlsx" => {
            // The spreadsheet is for people: Chinese headings and names (the CSV keeps the keys, to
            // be imported back).
            let rows: Vec<Vec<String>> = lines.iter().map(gongkai_store::request::ledger::for_people).collect();
            let columns = gongkai_store::request::ledger::LABELS;
            let bytes = gongkai_export::table_xlsx("台账", &columns, &rows)
                .map_err(|e| WebError::App(Error::Internal(e.to_string())))?;
            (bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
        }
        _ => return Err(WebError::App(Error::NotFound("该格式的台账"))),
    };
    let name = format!("{}-依申请公开台账.{extension}", agency.name);
    Ok(crate::letters::attachment_response(bytes, content_type, &format!("ledger.{extension}"), &name))
}

#[derive(Template)]
#[template(path = "admin/request_form.html")]
struct RegisterPage {
    nav: ConsoleHeader,
    agency: Agency,
    form: IntakeForm,
    choices: Choices,
    channels: Vec<SelectOption>,
    errors: FieldErrors,
}

fn register_page(me: &StaffSession, agency: Agency, form: IntakeForm, errors: FieldErrors) -> RegisterPage {
    let channels = Channel::ALL
        .iter()
        .map(|c| SelectOption { value: c.key(), label: c.label(), selected: form.channel == c.key() })
        .collect();
    RegisterPage { nav: ConsoleHeader::of(me), agency, choices: Choices::of(&form), channels, form, errors }
}

pub async fn new_form(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    me.require(Permission::RegisterRequests, &agency)?;
    let today = iso_date::format(timestamp::today_in_china());
    let form = IntakeForm {
        channel: "in_person".into(),
        applicant_type: "natural_person".into(),
        id_type: "resident_id".into(),
        form: "paper".into(),
        delivery: "post".into(),
        submitted_on: today,
        ..Default::default()
    };
    Ok(view::page(&register_page(&me, agency, form, FieldErrors::new())))
}

pub async fn register(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> WebResult<Response> {
    let (form, uploads) = read_multipart(multipart).await?;
    match intake::register(&state.app, &me.principal, id, &form, uploads).await {
        // Post/redirect/get: a refresh of the request page cannot register it twice. The query
        // password goes to the request page once, in a short-lived cookie only that page reads
        // (never in a URL); the page shows it and clears it.
        Ok(receipt) => {
            let to = format!("/admin/requests/{}", receipt.id);
            let cookie =
                once::cookie(RECEIPT_COOKIE, to.clone(), Some(&receipt.query_password), state.site.secure_cookies);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let agency = agency::get(&state.db, id).await?;
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &register_page(&me, agency, form, errors)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

/// One line of a request's history: the day the step took effect, when it was recorded (China
/// time), who recorded it (name and roles) and what it was.
pub struct HistoryLine {
    pub day: String,
    pub at: gongkai_core::calendar::china_time::Moment,
    pub who: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "admin/request.html")]
struct ShowPage {
    nav: ConsoleHeader,
    agency: Agency,
    request: Request,
    today: time::Date,
    history: Vec<HistoryLine>,
    timeline: Vec<TimelineLine>,
    /// After a 补正: the days that ran before the clock restarted (empty otherwise).
    restart_note: String,
    files: Vec<RequestFile>,
    appeals: Vec<Appeal>,
    steps: Vec<StepView>,
    can_record_appeals: bool,
    appeal_kinds: Vec<SelectOption>,
    appeal_results: Vec<SelectOption>,
    new_password: String,
    errors: FieldErrors,
}

fn history(case: &RequestCase) -> Vec<HistoryLine> {
    case.events
        .iter()
        .filter_map(|e| {
            let day = e.event.day();
            // How far the reply period had run when the step took effect.
            let count = case.deadlines.as_ref().map_or(0, |d| d.counted_by(day));
            let count = if count > 0 { format!("，时已计{count}个工作日") } else { String::new() };
            Some(HistoryLine {
                day: iso_date::chinese(day),
                at: e.at,
                who: case.people.label(&e.actor),
                what: format!("{}{count}", e.event.describe_for(Audience::Staff)?),
            })
        })
        .collect()
}

/// One day of the reply period as the request page lists it.
pub struct TimelineLine {
    pub date: String,
    /// `第3个工作日`, `延长期第2个工作日（共第22个）`, or `不计`.
    pub count: String,
    pub reason: String,
}

fn timeline(deadlines: Option<&gongkai_core::request::deadline::Deadlines>) -> Vec<TimelineLine> {
    let Some(d) = deadlines else { return Vec::new() };
    d.explanation
        .iter()
        .map(|t| TimelineLine {
            date: iso_date::format(t.date),
            count: match t.n {
                Some(n) if d.in_extension(n) => format!("延长期第{}个工作日（共第{n}个）", n - d.base_workdays),
                Some(n) => format!("第{n}个工作日"),
                None => "不计".into(),
            },
            reason: t.reason.clone(),
        })
        .collect()
}

fn restart_note(deadlines: Option<&gongkai_core::request::deadline::Deadlines>) -> String {
    deadlines.and_then(|d| d.before_restart).map(|b| b.describe()).unwrap_or_default()
}

async fn show_page(
    state: &AppState,
    me: &StaffSession,
    id: i64,
    new_password: String,
    errors: FieldErrors,
) -> WebResult<ShowPage> {
    let case = case::read(&state.app, &me.principal, id).await?;
    let steps = request_steps::forms(
        &case.steps,
        &request_steps::FormContext {
            request: &case.request,
            agency: &case.agency,
            state: &case.state,
            today: case.today,
            me_name: &me.staff.display_name,
            handlers: &case.handlers,
        },
    );
    let options = |list: &[(&'static str, &'static str)]| {
        list.iter().map(|(k, l)| SelectOption { value: k, label: l, selected: false }).collect()
    };
    Ok(ShowPage {
        nav: ConsoleHeader::of(me),
        history: history(&case),
        timeline: timeline(case.deadlines.as_ref()),
        restart_note: restart_note(case.deadlines.as_ref()),
        steps,
        can_record_appeals: case.can_record_appeals,
        appeal_kinds: options(&appeals::KINDS),
        appeal_results: options(&appeals::RESULTS),
        today: case.today,
        files: case.files,
        appeals: case.appeals,
        agency: case.agency,
        request: case.request,
        new_password,
        errors,
    })
}

#[derive(Template)]
#[template(path = "admin/request_print.html")]
struct PrintPage {
    nav: ConsoleHeader,
    agency: Agency,
    request: Request,
    today: time::Date,
    history: Vec<HistoryLine>,
    timeline: Vec<TimelineLine>,
    /// After a 补正: the days that ran before the clock restarted (empty otherwise).
    restart_note: String,
    files: Vec<RequestFile>,
    appeals: Vec<Appeal>,
    /// When it was printed, China time.
    printed_at: gongkai_core::calendar::china_time::Moment,
}

/// `GET /admin/requests/{id}/print`: the case on paper (facts, the day-by-day deadline, the
/// history), without forms or navigation.
pub async fn print(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let case = case::read(&state.app, &me.principal, id).await?;
    Ok(view::page(&PrintPage {
        nav: ConsoleHeader::of(&me),
        history: history(&case),
        timeline: timeline(case.deadlines.as_ref()),
        restart_note: restart_note(case.deadlines.as_ref()),
        today: case.today,
        files: case.files,
        appeals: case.appeals,
        agency: case.agency,
        request: case.request,
        printed_at: gongkai_core::calendar::china_time::Moment::now(),
    }))
}

/// The cookie that carries a new request's query password to its page, once.
const RECEIPT_COOKIE: &str = "gk_receipt";

pub async fn show(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> WebResult<Response> {
    let password = once::take(&headers, RECEIPT_COOKIE);
    let page = show_page(&state, &me, id, password.clone().unwrap_or_default(), FieldErrors::new()).await?;
    let mut response = view::page(&page);
    if password.is_some() {
        once::clear(&mut response, RECEIPT_COOKIE, format!("/admin/requests/{id}"), state.site.secure_cookies);
    }
    Ok(response)
}

/// A step form: the command's key and its fields, read by name through the catalogue.
pub async fn step(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<std::collections::HashMap<String, String>>,
) -> WebResult<Response> {
    let mut fields = form;
    let command = fields.remove("command").unwrap_or_default();
    match handling::apply(&state.app, &me.principal, id, StepInput { command, fields }).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/requests/{id}")).into_response()),
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &show_page(&state, &me, id, String::new(), errors).await?,
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

/// Staff download of the reply letter (`docx` or `pdf`).
pub async fn letter(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, format)): Path<(i64, String)>,
) -> WebResult<Response> {
    let file = records::letter_for_staff(&state.app, &me.principal, id, Format::parse(&format)?).await?;
    Ok(letters::download(file))
}

#[derive(Template)]
#[template(path = "admin/letter_templates.html")]
struct TemplatesPage {
    nav: ConsoleHeader,
    agency: Agency,
    outcomes: Vec<SelectOption>,
    outcome_label: &'static str,
    outcome_key: &'static str,
    body: String,
    editable: bool,
    placeholders: Vec<(&'static str, &'static str)>,
    remedy: &'static str,
    saved: bool,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TemplateQuery {
    outcome: String,
    saved: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TemplateForm {
    outcome: String,
    body: String,
}

struct TemplateState {
    outcome: Outcome,
    body: String,
    editable: bool,
    saved: bool,
}

fn templates_page(me: &StaffSession, agency: Agency, t: TemplateState, errors: FieldErrors) -> TemplatesPage {
    let year = timestamp::today_in_china().year();
    TemplatesPage {
        nav: ConsoleHeader::of(me),
        agency,
        outcomes: Outcome::available_in(year)
            .into_iter()
            .map(|o| SelectOption { value: o.key(), label: o.label(), selected: o == t.outcome })
            .collect(),
        outcome_label: t.outcome.label(),
        outcome_key: t.outcome.key(),
        body: t.body,
        editable: t.editable,
        placeholders: gongkai_core::request::letter::PLACEHOLDERS.to_vec(),
        remedy: gongkai_core::request::letter::REMEDY,
        saved: t.saved,
        errors,
    }
}

/// The agency's reply-letter templates (admins of the agency edit them).
pub async fn templates(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    Query(q): Query<TemplateQuery>,
) -> WebResult<Response> {
    let outcome = Outcome::parse(&q.outcome).unwrap_or(Outcome::Granted);
    let (agency, body, editable) = records::letter_template(&state.app, &me.principal, id, outcome).await?;
    let t = TemplateState { outcome, body, editable, saved: q.saved == "1" };
    Ok(view::page(&templates_page(&me, agency, t, FieldErrors::new())))
}

pub async fn save_template(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<TemplateForm>,
) -> WebResult<Response> {
    let outcome = Outcome::parse(&form.outcome).map_err(|e| Error::Invalid(FieldErrors(vec![e])))?;
    match records::save_letter_template(&state.app, &me.principal, id, outcome, &form.body).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/agencies/{id}/letter-templates?outcome={}&saved=1", outcome.key()))
            .into_response()),
        Err(Error::Invalid(errors)) => {
            let agency = agency::get(&state.db, id).await?;
            let t = TemplateState { outcome, body: form.body, editable: true, saved: false };
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &templates_page(&me, agency, t, errors)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

pub async fn add_appeal(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<AppealForm>,
) -> WebResult<Response> {
    match records::record_appeal(&state.app, &me.principal, id, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/requests/{id}")).into_response()),
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &show_page(&state, &me, id, String::new(), errors).await?,
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Template)]
#[template(path = "admin/messages.html")]
struct MessagesPage {
    nav: ConsoleHeader,
    agency: Agency,
    messages: Vec<gongkai_store::request::messages::Message>,
    people: gongkai_store::staff::People,
    can_reply: bool,
    errors: FieldErrors,
}

async fn messages_page(state: &AppState, me: &StaffSession, id: i64, errors: FieldErrors) -> WebResult<MessagesPage> {
    let (agency, messages, can_reply) = records::messages_of(&state.app, &me.principal, id).await?;
    let people = gongkai_store::staff::people(&state.db, messages.iter().filter_map(|m| m.replied_by.as_ref())).await?;
    Ok(MessagesPage { nav: ConsoleHeader::of(me), can_reply, agency, messages, people, errors })
}

/// Enquiries and complaints of an agency, newest first, with their replies.
pub async fn messages(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    Ok(view::page(&messages_page(&state, &me, id, FieldErrors::new()).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    reply: String,
}

pub async fn reply(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, message)): Path<(i64, i64)>,
    HtmlForm(form): HtmlForm<ReplyForm>,
) -> WebResult<Response> {
    match records::reply(&state.app, &me.principal, id, message, &form.reply).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/agencies/{id}/messages")).into_response()),
        Err(Error::Invalid(errors)) => {
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &messages_page(&state, &me, id, errors).await?))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

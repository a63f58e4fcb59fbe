//! Disclosure requests in the console: the lists (open, overdue, due soon, all), registration of
//! requests received in person, by post, fax or email, the request page with its full history,
//! the deadline explanation and the steps the viewer may take, and appeal records.
//!
//! Requests hold personal data, so reading needs more than agency access: staff of the agency
//! with the handler, approver or admin role, or a supervisor/admin above it. Every step but 督办
//! is taken by staff of the agency itself; the pure rule checks the role for each step.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::agency::{Relation, Role};
use gongkai_core::calendar::iso_date;
use gongkai_core::field::FieldErrors;
use gongkai_core::request::deadline::TimelineDay;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::receipt::Channel;
use gongkai_core::request::workflow::{Command, ConsultKind, Record, ReopenOrder};
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::appeals::{self, Appeal, AppealForm};
use gongkai_store::request::intake::{self, IntakeForm};
use gongkai_store::request::notify::{self, Notification};
use gongkai_store::request::queries::{self, RequestFile, View};
use gongkai_store::request::row::{Request, StoredEvent};
use gongkai_store::request::workflow;
use gongkai_store::{Error, timestamp};
use serde::Deserialize;

use super::{HtmlForm, Nav, Opt};
use crate::auth::Me;
use crate::error::{WebError, WebResult};
use crate::portal::requests::{Choices, read_multipart};
use crate::state::AppState;
use crate::{letters, view};

/// May `me` read the requests of `agency`?
fn may_read(me: &Me, agency: &Agency) -> bool {
    match Relation::between(&me.agency.path, &agency.path) {
        Relation::Own => [Role::Handler, Role::Approver, Role::Admin, Role::Supervisor].iter().any(|r| me.has(*r)),
        Relation::Below => me.has(Role::Supervisor) || me.has(Role::Admin),
        Relation::Outside => false,
    }
}

fn may_register(me: &Me, agency: &Agency) -> bool {
    Relation::between(&me.agency.path, &agency.path) == Relation::Own && (me.has(Role::Handler) || me.has(Role::Admin))
}

fn forbidden() -> WebError {
    WebError::App(Error::Forbidden)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    view: String,
}

#[derive(Template)]
#[template(path = "admin/requests.html")]
struct ListPage {
    nav: Nav,
    agency: Agency,
    view: &'static str,
    requests: Vec<Request>,
    open: i64,
    overdue: i64,
    today: String,
    can_register: bool,
    notifications: Vec<Notification>,
}

pub async fn list(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !may_read(&me, &agency) {
        return Err(forbidden());
    }
    let today = timestamp::today_in_china();
    let calendar = gongkai_store::calendar::for_agency(&state.db, &agency).await?;
    let view = View::parse(&q.view);
    let requests = queries::list(&state.db, &calendar, id, view, today, 500).await?;
    let (open, overdue) = queries::open_and_overdue(&state.db, id, today).await?;
    let notifications = notify::of_agency(&state.db, id, 20).await?;
    let page = ListPage {
        nav: Nav::of(&me),
        can_register: may_register(&me, &agency),
        agency,
        view: view.key(),
        requests,
        open,
        overdue,
        today: iso_date::format(today),
        notifications,
    };
    Ok(view::page(&page))
}

#[derive(Template)]
#[template(path = "admin/request_form.html")]
struct RegisterPage {
    nav: Nav,
    agency: Agency,
    form: IntakeForm,
    choices: Choices,
    channels: Vec<Opt>,
    errors: FieldErrors,
}

fn register_page(me: &Me, agency: Agency, form: IntakeForm, errors: FieldErrors) -> RegisterPage {
    let channels = Channel::ALL
        .iter()
        .map(|c| Opt { value: c.key(), label: c.label(), selected: form.channel == c.key() })
        .collect();
    RegisterPage { nav: Nav::of(me), agency, choices: Choices::of(&form), channels, form, errors }
}

pub async fn new_form(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !may_register(&me, &agency) {
        return Err(forbidden());
    }
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
    me: Me,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !may_register(&me, &agency) {
        return Err(forbidden());
    }
    let (form, uploads) = read_multipart(multipart).await?;
    let result = match form.parse_registration(timestamp::today_in_china()) {
        Ok(intake) => intake::submit(&state.db, &state.blobs, &me.actor(), id, intake, uploads).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        // Shown once, on this page, for the applicant's receipt; never put in a URL.
        Ok(receipt) => Ok(view::page_with_status(
            StatusCode::CREATED,
            &show_page(&state, &me, receipt.id, receipt.query_password, FieldErrors::new()).await?,
        )),
        Err(Error::Invalid(errors)) => {
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &register_page(&me, agency, form, errors)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

/// A step form the viewer may submit on the request page.
pub struct Step {
    pub command: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "admin/request.html")]
struct ShowPage {
    nav: Nav,
    agency: Agency,
    request: Request,
    record: Record,
    events: Vec<(StoredEvent, String)>,
    timeline: Vec<TimelineDay>,
    files: Vec<RequestFile>,
    appeals: Vec<Appeal>,
    steps: Vec<Step>,
    outcomes: Vec<Opt>,
    appeal_kinds: Vec<Opt>,
    appeal_results: Vec<Opt>,
    today: String,
    new_password: String,
    errors: FieldErrors,
}

/// The steps offered: those the pure rule would accept now from this viewer, with placeholder
/// values (the real values come from the form and are checked again).
fn steps_for(me: &Me, agency: &Agency, record: &Record, reply_due: Option<time::Date>) -> Vec<Step> {
    let relation = Relation::between(&me.agency.path, &agency.path);
    let today = timestamp::today_in_china();
    let ctx = gongkai_core::request::workflow::Context {
        roles: me.staff.roles(),
        actor_name: me.staff.display_name.clone(),
        today,
        reply_due,
        max_extension_workdays: 20,
    };
    let far = today.saturating_add(time::Duration::days(3650));
    let candidates = [
        Command::Confirm { received: today },
        Command::RequestClarification { on: today, matters: "x".into(), reply_by: far },
        Command::ReceiveCorrection { on: today },
        Command::ExpireClarification { on: today },
        Command::Assign { handler: "x".into(), on: today },
        Command::StartConsultation { kind: ConsultKind::ThirdParty, party: "x".into(), on: today },
        Command::EndConsultation {
            no: record.consultations.iter().find(|c| c.end.is_none()).map_or(0, |c| c.no),
            on: today,
            opinion: "x".into(),
        },
        Command::Extend { days: 1, on: today, reason: "x".into() },
        Command::IssueFeeNotice { amount_yuan: 1, explanation: "x".into(), on: today, pay_by: far },
        Command::RecordPayment { on: today },
        Command::ExpireFee { on: today },
        Command::Decide {
            outcome: Outcome::PartiallyGranted,
            on: today,
            basis: "x".into(),
            reasons: "x".into(),
            responsible_agency: None,
        },
        Command::Deliver { on: today, method: "x".into() },
        Command::Close { on: today },
        Command::Reopen { on: today, order: ReopenOrder::Reconsideration, reason: "x".into() },
        Command::Supervise { on: today, note: "x".into() },
    ];
    candidates
        .iter()
        .filter(|c| match c {
            Command::Supervise { .. } => relation != Relation::Outside,
            _ => relation == Relation::Own,
        })
        .filter(|c| match c {
            // Expiry steps are offered while waiting; the rule checks the day when submitted.
            Command::ExpireClarification { .. } => record.status == gongkai_core::request::workflow::Status::Clarifying,
            Command::ExpireFee { .. } => record.status == gongkai_core::request::workflow::Status::AwaitingPayment,
            _ => gongkai_core::request::workflow::decide(record, c, &ctx).is_ok(),
        })
        .map(|c| Step { command: c.key(), label: c.label() })
        .collect()
}

async fn load(state: &AppState, me: &Me, id: i64) -> WebResult<(Request, Agency)> {
    let request = queries::get(&state.db, id).await?;
    let agency = agency::get(&state.db, request.agency_id).await?;
    if !may_read(me, &agency) {
        return Err(forbidden());
    }
    Ok((request, agency))
}

async fn show_page(
    state: &AppState,
    me: &Me,
    id: i64,
    new_password: String,
    errors: FieldErrors,
) -> WebResult<ShowPage> {
    let (request, agency) = load(state, me, id).await?;
    let stored = workflow::events(&state.db, id).await?;
    let parsed: Vec<_> = stored.iter().filter_map(|e| e.parsed()).collect();
    let record = Record::replay(&parsed);
    let calendar = gongkai_store::calendar::for_agency(&state.db, &agency).await?;
    let deadlines = workflow::deadlines(&calendar, &record);
    let today = timestamp::today_in_china();
    let year = today.year();
    let outcomes = Outcome::available_in(year)
        .into_iter()
        .map(|o| Opt { value: o.key(), label: o.label(), selected: false })
        .collect();
    let steps = steps_for(me, &agency, &record, deadlines.as_ref().map(|d| d.reply_due));
    let events = stored.into_iter().map(|e| {
        let text = e.parsed().map(|p| p.describe()).unwrap_or_default();
        (e, text)
    });
    Ok(ShowPage {
        nav: Nav::of(me),
        files: queries::attachments(&state.db, id).await?,
        appeals: appeals::of_request(&state.db, id).await?,
        events: events.collect(),
        timeline: deadlines.map(|d| d.explanation).unwrap_or_default(),
        steps,
        outcomes,
        appeal_kinds: appeals::KINDS.iter().map(|(k, l)| Opt { value: k, label: l, selected: false }).collect(),
        appeal_results: appeals::RESULTS.iter().map(|(k, l)| Opt { value: k, label: l, selected: false }).collect(),
        today: iso_date::format(today),
        agency,
        request,
        record,
        new_password,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    Ok(view::page(&show_page(&state, &me, id, String::new(), FieldErrors::new()).await?))
}

/// The fields of every step form; each step reads the ones it needs.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    command: String,
    on: String,
    received: String,
    matters: String,
    reply_by: String,
    handler: String,
    kind: String,
    party: String,
    no: String,
    opinion: String,
    days: String,
    reason: String,
    amount_yuan: String,
    explanation: String,
    pay_by: String,
    outcome: String,
    basis: String,
    reasons: String,
    responsible_agency: String,
    method: String,
    order: String,
    note: String,
    /// Fee calculator: `per_item` (按件, counted with the applicant's earlier requests this month)
    /// or `per_page` (按量), and the number of items or pages; fills amount and explanation.
    fee_basis: String,
    fee_count: String,
}

fn day(value: &str, field: &str, label: &str) -> Result<time::Date, Error> {
    iso_date::parse(value.trim())
        .map_err(|_| Error::field(field, label, format!("{label}应为“年-月-日”格式，如2025-09-26")))
}

fn number(value: &str, field: &str, label: &str) -> Result<u64, Error> {
    value.trim().parse().map_err(|_| Error::field(field, label, format!("{label}应为整数")))
}

fn parse_step(f: &StepForm) -> Result<Command, Error> {
    let on = || day(&f.on, "on", "日期");
    Ok(match f.command.as_str() {
        "confirm" => Command::Confirm { received: day(&f.received, "received", "收到申请之日")? },
        "request_clarification" => Command::RequestClarification {
            on: on()?,
            matters: f.matters.clone(),
            reply_by: day(&f.reply_by, "reply_by", "补正期限")?,
        },
        "receive_correction" => Command::ReceiveCorrection { on: on()? },
        "expire_clarification" => Command::ExpireClarification { on: on()? },
        "assign" => Command::Assign { handler: f.handler.clone(), on: on()? },
        "start_consultation" => Command::StartConsultation {
            kind: ConsultKind::parse(&f.kind)
                .ok_or_else(|| Error::field("kind", "征求意见对象类型", "请选择第三方或其他机关"))?,
            party: f.party.clone(),
            on: on()?,
        },
        "end_consultation" => Command::EndConsultation {
            no: number(&f.no, "no", "征求意见编号")? as u32,
            on: on()?,
            opinion: f.opinion.clone(),
        },
        "extend" => {
            Command::Extend {
                days: number(&f.days, "days", "延长天数")? as u32, on: on()?, reason: f.reason.clone()
            }
        }
        "issue_fee_notice" => Command::IssueFeeNotice {
            amount_yuan: number(&f.amount_yuan, "amount_yuan", "收费金额")?,
            explanation: f.explanation.clone(),
            on: on()?,
            pay_by: day(&f.pay_by, "pay_by", "缴费期限")?,
        },
        "record_payment" => Command::RecordPayment { on: on()? },
        "expire_fee" => Command::ExpireFee { on: on()? },
        "decide" => {
            let on = on()?;
            Command::Decide {
                outcome: Outcome::for_decision(f.outcome.trim(), on.year())
                    .map_err(|e| Error::Invalid(FieldErrors(vec![e])))?,
                on,
                basis: f.basis.clone(),
                reasons: f.reasons.clone(),
                responsible_agency: Some(f.responsible_agency.clone()),
            }
        }
        "deliver" => Command::Deliver { on: on()?, method: f.method.clone() },
        "close" => Command::Close { on: on()? },
        "reopen" => Command::Reopen {
            on: on()?,
            order: ReopenOrder::parse(&f.order)
                .ok_or_else(|| Error::field("order", "依据", "请选择行政复议决定或法院判决"))?,
            reason: f.reason.clone(),
        },
        "supervise" => Command::Supervise { on: on()?, note: f.note.clone() },
        _ => return Err(Error::field("command", "操作", "未知的操作")),
    })
}

pub async fn step(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<StepForm>,
) -> WebResult<Response> {
    let (_, agency) = load(&state, &me, id).await?;
    let relation = Relation::between(&me.agency.path, &agency.path);
    let allowed = if form.command == "supervise" { relation != Relation::Outside } else { relation == Relation::Own };
    if !allowed {
        return Err(forbidden());
    }
    let mut form = form;
    if form.command == "issue_fee_notice" && !form.fee_basis.is_empty() {
        let request = queries::get(&state.db, id).await?;
        match gongkai_store::request::fees::calculate(&state.db, &request, &form.fee_basis, &form.fee_count).await {
            Ok((amount, explanation)) => {
                form.amount_yuan = amount.to_string();
                form.explanation = explanation;
            }
            Err(e) => return step_refused(&state, &me, id, e).await,
        }
    }
    let result = match parse_step(&form) {
        Ok(command) => workflow::transition(&state.db, &me.actor(), id, &command, timestamp::today_in_china()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(request) => {
            if request.outcome.is_some() && request.status() == gongkai_core::request::workflow::Status::Decided {
                archive_letters(&state, &me, &request).await;
            }
            Ok(Redirect::to(&format!("/admin/requests/{id}")).into_response())
        }
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &show_page(&state, &me, id, String::new(), errors).await?,
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

async fn step_refused(state: &AppState, me: &Me, id: i64, e: Error) -> WebResult<Response> {
    match e {
        Error::Invalid(errors) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &show_page(state, me, id, String::new(), errors).await?,
        )),
        e => Err(WebError::App(e)),
    }
}

/// Renders and archives the letters of a new decision; a failure (say, no CJK font for the PDF)
/// is logged and retried on download, and does not undo the decision.
async fn archive_letters(state: &AppState, me: &Me, request: &Request) {
    for format in [letters::Format::Docx, letters::Format::Pdf] {
        if let Err(e) = letters::letter(state, &me.actor(), request, format).await {
            tracing::warn!(error = ?e, request = request.id, "reply letter not archived");
        }
    }
}

/// Staff download of the reply letter (`docx` or `pdf`).
pub async fn letter(
    State(state): State<AppState>,
    me: Me,
    Path((id, format)): Path<(i64, String)>,
) -> WebResult<Response> {
    let (request, _) = load(&state, &me, id).await?;
    let format = letters::Format::parse(&format)?;
    let (filename, bytes) = letters::letter(&state, &me.actor(), &request, format).await?;
    Ok(letters::download(&filename, format, bytes))
}

#[derive(Template)]
#[template(path = "admin/letter_templates.html")]
struct TemplatesPage {
    nav: Nav,
    agency: Agency,
    outcomes: Vec<Opt>,
    outcome_label: &'static str,
    outcome_key: &'static str,
    body: String,
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

fn templates_page(
    me: &Me,
    agency: Agency,
    outcome: Outcome,
    body: String,
    saved: bool,
    errors: FieldErrors,
) -> TemplatesPage {
    let year = timestamp::today_in_china().year();
    TemplatesPage {
        nav: Nav::of(me),
        agency,
        outcomes: Outcome::available_in(year)
            .into_iter()
            .map(|o| Opt { value: o.key(), label: o.label(), selected: o == outcome })
            .collect(),
        outcome_label: outcome.label(),
        outcome_key: outcome.key(),
        body,
        placeholders: gongkai_core::request::letter::PLACEHOLDERS.to_vec(),
        remedy: gongkai_core::request::letter::REMEDY,
        saved,
        errors,
    }
}

/// The agency's reply-letter templates (admins of the agency edit them).
pub async fn templates(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    Query(q): Query<TemplateQuery>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !may_register(&me, &agency) {
        return Err(forbidden());
    }
    let outcome = Outcome::parse(&q.outcome).unwrap_or(Outcome::Granted);
    let body = gongkai_store::request::letters::template(&state.db, id, outcome).await?;
    Ok(view::page(&templates_page(&me, agency, outcome, body, q.saved == "1", FieldErrors::new())))
}

pub async fn save_template(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<TemplateForm>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if Relation::between(&me.agency.path, &agency.path) != Relation::Own || !me.has(Role::Admin) {
        return Err(forbidden());
    }
    let outcome = Outcome::parse(&form.outcome).map_err(|e| Error::Invalid(FieldErrors(vec![e])))?;
    match gongkai_store::request::letters::save_template(&state.db, &me.actor(), id, outcome, &form.body).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/agencies/{id}/letter-templates?outcome={}&saved=1", outcome.key()))
            .into_response()),
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &templates_page(&me, agency, outcome, form.body, false, errors),
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

pub async fn add_appeal(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<AppealForm>,
) -> WebResult<Response> {
    let (request, agency) = load(&state, &me, id).await?;
    if !may_register(&me, &agency) {
        return Err(forbidden());
    }
    match appeals::create(&state.db, &me.actor(), request.agency_id, Some(id), &form).await {
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
    nav: Nav,
    agency: Agency,
    messages: Vec<gongkai_store::request::messages::Message>,
    can_reply: bool,
    errors: FieldErrors,
}

async fn messages_page(state: &AppState, me: &Me, agency: Agency, errors: FieldErrors) -> WebResult<MessagesPage> {
    let messages = gongkai_store::request::messages::of_agency(&state.db, agency.id).await?;
    Ok(MessagesPage { nav: Nav::of(me), can_reply: may_register(me, &agency), agency, messages, errors })
}

/// Enquiries and complaints of an agency, newest first, with their replies.
pub async fn messages(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !may_read(&me, &agency) {
        return Err(forbidden());
    }
    Ok(view::page(&messages_page(&state, &me, agency, FieldErrors::new()).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    reply: String,
}

pub async fn reply(
    State(state): State<AppState>,
    me: Me,
    Path((id, message)): Path<(i64, i64)>,
    HtmlForm(form): HtmlForm<ReplyForm>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !may_register(&me, &agency) {
        return Err(forbidden());
    }
    match gongkai_store::request::messages::reply(&state.db, &me.actor(), id, message, &form.reply).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/agencies/{id}/messages")).into_response()),
        Err(Error::Invalid(errors)) => Ok(view::page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &messages_page(&state, &me, agency, errors).await?,
        )),
        Err(e) => Err(WebError::App(e)),
    }
}

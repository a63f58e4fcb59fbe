//! Catalogue items in the console: list, draft, edit, attachments, the secrecy hits, and the
//! review chain, each handler calling one use case of [`gongkai_app::catalogue`] (which
//! authorizes) and rendering its result.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::catalogue;
use gongkai_core::calendar::china_time;
use gongkai_core::catalogue::review::{Action, Status};
use gongkai_core::field::FieldErrors;
use gongkai_core::law::{categories, subjects};
use gongkai_store::Error;
use gongkai_store::agency::Agency;
use gongkai_store::catalogue::attachments::Attachment;
use gongkai_store::catalogue::item::{Item, ItemForm};
use gongkai_store::catalogue::revision::ItemVersion;
use gongkai_store::catalogue::secrecy::{Resolution, StoredHit};
use serde::Deserialize;

use super::{ConsoleHeader, HtmlForm, SelectOption};
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::portal::pager;
use crate::state::AppState;
use crate::view;

const PER_PAGE: i64 = 30;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin/items.html")]
struct ListPage {
    nav: ConsoleHeader,
    agency: Agency,
    items: Vec<Item>,
    total: i64,
    statuses: Vec<SelectOption>,
    can_draft: bool,
    pager: pager::Pager,
}

pub async fn list(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    let page = gongkai_core::field::page_number(q.page).map_err(|e| Error::Invalid(e.into()))?;
    let l = catalogue::list(&state.app, &me.principal, id, q.status.trim(), page, PER_PAGE).await?;
    let statuses = Status::ALL
        .iter()
        .map(|s| SelectOption { value: s.as_str(), label: s.label(), selected: q.status == s.as_str() })
        .collect();
    let base = format!("/admin/agencies/{id}/items?status={}", q.status);
    let page = ListPage {
        nav: ConsoleHeader::of(&me),
        can_draft: l.can_draft,
        agency: l.agency,
        items: l.items,
        total: l.total,
        statuses,
        pager: pager::Pager::new(&base, page, PER_PAGE, l.total),
    };
    Ok(view::page(&page))
}

#[derive(Template)]
#[template(path = "admin/item_form.html")]
struct FormPage {
    nav: ConsoleHeader,
    heading: String,
    action: String,
    form: ItemForm,
    categories: Vec<SelectOption>,
    subjects: Vec<String>,
    errors: FieldErrors,
}

fn form_page(
    me: &StaffSession,
    agency: &Agency,
    heading: String,
    action: String,
    form: ItemForm,
    errors: FieldErrors,
) -> FormPage {
    let categories = categories::applies_to(agency.level())
        .map(|c| SelectOption { value: c.key, label: c.short, selected: form.category == c.key })
        .collect();
    let subjects = subjects::tree()
        .flat_map(|(top, subs)| std::iter::once(top.to_owned()).chain(subs.iter().map(move |s| format!("{top}\\{s}"))))
        .collect();
    FormPage { nav: ConsoleHeader::of(me), heading, action, form, categories, subjects, errors }
}

pub async fn new_form(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let agency = catalogue::agency_for_draft(&state.app, &me.principal, id).await?;
    let form = ItemForm { issuer: agency.name.clone(), ..Default::default() };
    Ok(view::page(&form_page(
        &me,
        &agency,
        "起草信息".into(),
        format!("/admin/agencies/{id}/items"),
        form,
        FieldErrors::new(),
    )))
}

pub async fn create(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<ItemForm>,
) -> WebResult<Response> {
    let agency = catalogue::agency_for_draft(&state.app, &me.principal, id).await?;
    let result = match form.parse() {
        Ok(fields) => catalogue::create_draft(&state.app, &me.principal, id, &fields).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(item) => Ok(Redirect::to(&format!("/admin/items/{}", item.id)).into_response()),
        Err(Error::Invalid(errors)) => {
            let page = form_page(&me, &agency, "起草信息".into(), format!("/admin/agencies/{id}/items"), form, errors);
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

/// One line of an item's history: when (China time), who (name and roles), what.
pub struct HistoryLine {
    pub at: gongkai_core::calendar::china_time::Moment,
    pub who: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "admin/item.html")]
struct ShowPage {
    nav: ConsoleHeader,
    agency: Agency,
    item: Item,
    hits: Vec<StoredHit>,
    attachments: Vec<Attachment>,
    events: Vec<HistoryLine>,
    actions: Vec<&'static Action>,
    editable: bool,
    can_resolve: bool,
    /// Before 签发: the Art. 26 day count of publishing today (empty otherwise).
    timing: String,
    /// Whether the count is beyond the limit (the sign-off form then asks for a reason).
    late: bool,
    /// Whether the draft has no 形成日期 (the sign-off form then asks for it).
    formed_missing: bool,
    /// For a revision: the published item it revises.
    original: Option<Item>,
    /// For a published item: its open revision, if any, and its replaced versions.
    open_revision: Option<Item>,
    versions: Vec<ItemVersion>,
    errors: FieldErrors,
}

/// The approver's Art. 26 line before 签发.
fn timing_line(t: Option<catalogue::SignOffTiming>) -> (String, bool) {
    match t {
        Some(catalogue::SignOffTiming::Counted { formed, workdays, late }) => {
            let when = gongkai_core::calendar::iso_date::chinese(formed);
            let line = if late {
                format!(
                    "今天签发，距信息形成之日（{when}）已{workdays}个工作日，超过《条例》第二十六条规定的20个工作日：签发须填写逾期理由，理由记入办理记录。"
                )
            } else {
                format!(
                    "今天签发，距信息形成之日（{when}）为{workdays}个工作日，在《条例》第二十六条规定的20个工作日内。"
                )
            };
            (line, late)
        }
        Some(catalogue::SignOffTiming::FormedDateMissing) => (
            "本信息未填写形成日期，无法核对《条例》第二十六条的20个工作日期限：签发时请填写信息形成（变更）日期。"
                .into(),
            true,
        ),
        None => (String::new(), false),
    }
}

async fn show_page(state: &AppState, me: &StaffSession, id: i64, errors: FieldErrors) -> WebResult<ShowPage> {
    let c = catalogue::read(&state.app, &me.principal, id).await?;
    let formed_missing = c.before_sign_off == Some(catalogue::SignOffTiming::FormedDateMissing);
    let (timing, late) = timing_line(c.before_sign_off);
    let events = c
        .history
        .iter()
        .map(|e| HistoryLine { at: e.at, who: c.people.label(&e.actor), what: e.what.clone() })
        .collect();
    Ok(ShowPage {
        nav: ConsoleHeader::of(me),
        hits: c.hits,
        attachments: c.attachments,
        events,
        actions: c.actions,
        editable: c.editable,
        can_resolve: c.can_resolve,
        timing,
        late: late && !formed_missing,
        formed_missing,
        original: c.original,
        open_revision: c.revisions.into_iter().find(|r| r.status != Status::Superseded),
        versions: c.versions,
        agency: c.agency,
        item: c.item,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    Ok(view::page(&show_page(&state, &me, id, FieldErrors::new()).await?))
}

async fn refuse(state: &AppState, me: &StaffSession, id: i64, errors: FieldErrors) -> WebResult<Response> {
    Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &show_page(state, me, id, errors).await?))
}

pub async fn edit(State(state): State<AppState>, me: StaffSession, Path(id): Path<i64>) -> WebResult<Response> {
    let (item, agency, interprets) = catalogue::for_editing(&state.app, &me.principal, id).await?;
    let form = ItemForm { interprets, ..ItemForm::from_item(&item) };
    let page = form_page(
        &me,
        &agency,
        format!("修改：{}", item.title),
        format!("/admin/items/{id}"),
        form,
        FieldErrors::new(),
    );
    Ok(view::page(&page))
}

pub async fn update(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<ItemForm>,
) -> WebResult<Response> {
    let (item, agency, _) = catalogue::for_editing(&state.app, &me.principal, id).await?;
    let result = match form.parse() {
        Ok(fields) => catalogue::update_draft(&state.app, &me.principal, id, &fields).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/items/{id}")).into_response()),
        Err(Error::Invalid(errors)) => {
            let page =
                form_page(&me, &agency, format!("修改：{}", item.title), format!("/admin/items/{id}"), form, errors);
            Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WorkflowForm {
    command: String,
    reason: String,
    publish_at: String,
    formed_on: String,
    validity: String,
    repealed_on: String,
}

pub async fn transition(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<WorkflowForm>,
) -> WebResult<Response> {
    let publish_at = match form.publish_at.trim() {
        "" => None,
        s => Some(china_time::parse_minute(s).ok_or_else(|| {
            Error::field("publish_at", "定时发布时间", "定时发布时间应为“年-月-日 时:分”，如 2025-03-01 09:00")
        })?),
    };
    let input = catalogue::ReviewInput {
        publish_at,
        formed_on: form.formed_on,
        validity: form.validity,
        repealed_on: form.repealed_on,
        ..catalogue::ReviewInput::new(&form.command, &form.reason)
    };
    match catalogue::review(&state.app, &me.principal, id, &input).await {
        Ok(next) => Ok(Redirect::to(&format!("/admin/items/{}", next.id)).into_response()),
        Err(Error::Invalid(errors)) => refuse(&state, &me, id, errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResolveForm {
    resolution: String,
    reason: String,
}

pub async fn resolve_hit(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, hit)): Path<(i64, i64)>,
    HtmlForm(form): HtmlForm<ResolveForm>,
) -> WebResult<Response> {
    let resolution =
        if form.resolution == "redact" { Resolution::Redact } else { Resolution::Confirm { reason: form.reason } };
    match catalogue::resolve_hit(&state.app, &me.principal, id, hit, resolution).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/items/{id}")).into_response()),
        Err(Error::Invalid(errors)) => refuse(&state, &me, id, errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let mut added = 0;
    while let Ok(Some(field)) = multipart.next_field().await {
        let Some(name) = field.file_name().map(crate::input_guard::clean_filename) else { continue };
        if name.is_empty() {
            continue;
        }
        let bytes = field
            .bytes()
            .await
            .map_err(|_| WebError::App(Error::field("attachment", "附件", "附件上传不完整，请重试")))?;
        match catalogue::add_attachment(&state.app, &me.principal, id, &name, bytes.to_vec()).await {
            Ok(_) => added += 1,
            Err(Error::Invalid(errors)) => return refuse(&state, &me, id, errors).await,
            Err(e) => return Err(WebError::App(e)),
        }
    }
    if added == 0 {
        return refuse(&state, &me, id, Error::field("attachment", "附件", "请选择要上传的文件").into_field_errors())
            .await;
    }
    Ok(Redirect::to(&format!("/admin/items/{id}")).into_response())
}

pub async fn remove_attachment(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, attachment)): Path<(i64, i64)>,
) -> WebResult<Response> {
    catalogue::remove_attachment(&state.app, &me.principal, id, attachment).await?;
    Ok(Redirect::to(&format!("/admin/items/{id}")).into_response())
}

/// Staff download of an attachment (any status), for review.
pub async fn download(
    State(state): State<AppState>,
    me: StaffSession,
    Path(attachment): Path<i64>,
) -> WebResult<Response> {
    let (a, bytes) = catalogue::attachment_for_staff(&state.app, &me.principal, attachment).await?;
    let disposition = format!("attachment; filename*=UTF-8''{}", crate::portal::encode_query(&a.filename));
    Ok(([(header::CONTENT_TYPE, a.content_type.clone()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response())
}

//! Catalogue items in the console: list, draft, edit, attachments, the secrecy hits, and the
//! review chain. Drafting and review act in the staff member's own agency (the pure review rule
//! checks the role for each step); supervisors and admins above may read.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::agency::{Access, Relation};
use gongkai_core::catalogue::review::{self, Command, Status};
use gongkai_core::field::FieldErrors;
use gongkai_core::law::{categories, subjects};
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::catalogue::attachments::{self, Attachment};
use gongkai_store::catalogue::item::{Item, ItemForm};
use gongkai_store::catalogue::secrecy::{self, Resolution, StoredHit};
use gongkai_store::catalogue::{drafts, queries, workflow};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{HtmlForm, Nav, Opt};
use crate::auth::Me;
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
    nav: Nav,
    agency: Agency,
    items: Vec<Item>,
    total: i64,
    statuses: Vec<Opt>,
    can_draft: bool,
    pager: pager::Pager,
}

/// May `me` draft in `agency`? Only staff of the agency itself with the drafter or admin role.
fn can_draft(me: &Me, agency: &Agency) -> bool {
    Relation::between(&me.agency.path, &agency.path) == Relation::Own
        && (me.has(gongkai_core::agency::Role::Drafter) || me.has(gongkai_core::agency::Role::Admin))
}

pub async fn list(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    me.require(&agency, Access::Read)?;
    let page = q.page.unwrap_or(1).max(1);
    let (items, total) = queries::console_page(&state.db, id, q.status.trim(), page, PER_PAGE).await?;
    let statuses = Status::ALL
        .iter()
        .map(|s| Opt { value: s.as_str(), label: s.label(), selected: q.status == s.as_str() })
        .collect();
    let base = format!("/admin/agencies/{id}/items?status={}", q.status);
    let page = ListPage {
        nav: Nav::of(&me),
        can_draft: can_draft(&me, &agency),
        agency,
        items,
        total,
        statuses,
        pager: pager::Pager::new(&base, page, PER_PAGE, total),
    };
    Ok(view::page(&page))
}

#[derive(Template)]
#[template(path = "admin/item_form.html")]
struct FormPage {
    nav: Nav,
    heading: String,
    action: String,
    form: ItemForm,
    categories: Vec<Opt>,
    subjects: Vec<String>,
    errors: FieldErrors,
}

fn form_page(
    me: &Me,
    agency: &Agency,
    heading: String,
    action: String,
    form: ItemForm,
    errors: FieldErrors,
) -> FormPage {
    let categories = categories::applies_to(agency.level())
        .map(|c| Opt { value: c.key, label: c.short, selected: form.category == c.key })
        .collect();
    let subjects = subjects::tree()
        .flat_map(|(top, subs)| std::iter::once(top.to_owned()).chain(subs.iter().map(move |s| format!("{top}\\{s}"))))
        .collect();
    FormPage { nav: Nav::of(me), heading, action, form, categories, subjects, errors }
}

pub async fn new_form(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !can_draft(&me, &agency) {
        return Err(WebError::App(Error::Forbidden));
    }
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
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<ItemForm>,
) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    if !can_draft(&me, &agency) {
        return Err(WebError::App(Error::Forbidden));
    }
    let result = match form.parse() {
        Ok(fields) => drafts::create(&state.db, &me.actor(), id, &fields).await,
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

/// The item and its agency, after checking `need` on that agency.
async fn load(state: &AppState, me: &Me, id: i64, need: Access) -> WebResult<(Item, Agency)> {
    let item = queries::get(&state.db, id).await?;
    let agency = agency::get(&state.db, item.agency_id).await?;
    me.require(&agency, need)?;
    Ok((item, agency))
}

/// A workflow button the viewer may press.
pub struct Action {
    pub command: &'static str,
    pub label: &'static str,
    pub needs_reason: bool,
    pub needs_time: bool,
}

#[derive(Template)]
#[template(path = "admin/item.html")]
struct ShowPage {
    nav: Nav,
    agency: Agency,
    item: Item,
    hits: Vec<StoredHit>,
    attachments: Vec<Attachment>,
    events: Vec<(String, String, String, String)>,
    actions: Vec<Action>,
    editable: bool,
    can_resolve: bool,
    errors: FieldErrors,
}

fn actions_for(me: &Me, agency: &Agency, item: &Item) -> Vec<Action> {
    if Relation::between(&me.agency.path, &agency.path) != Relation::Own {
        return Vec::new();
    }
    let candidates: [(&'static str, &'static str, bool, bool, Command); 7] = [
        ("submit", "提交保密审查", false, false, Command::Submit),
        ("pass_secrecy", "保密审查通过", false, false, Command::PassSecrecy),
        ("pass_review", "审核通过", false, false, Command::PassReview),
        ("sign_off", "签发", false, true, Command::SignOff { publish_at: None }),
        ("return", "退回修改", true, false, Command::Return { reason: "理由".into() }),
        ("withdraw", "撤回", true, false, Command::Withdraw { reason: "理由".into() }),
        ("revise", "修订（退回起草）", false, false, Command::Revise),
    ];
    let ctx = review::Context {
        roles: me.staff.roles(),
        now: OffsetDateTime::now_utc(),
        unresolved_secrecy_hits: 0,
        is_author: item.created_by == me.actor().to_string(),
    };
    candidates
        .into_iter()
        .filter(|(_, _, _, _, cmd)| review::decide(item.status(), cmd, &ctx).is_ok())
        .map(|(command, label, needs_reason, needs_time, _)| Action { command, label, needs_reason, needs_time })
        .collect()
}

async fn show_page(state: &AppState, me: &Me, id: i64, errors: FieldErrors) -> WebResult<ShowPage> {
    let (item, agency) = load(state, me, id, Access::Read).await?;
    let own = Relation::between(&me.agency.path, &agency.path) == Relation::Own;
    Ok(ShowPage {
        nav: Nav::of(me),
        hits: secrecy::hits(&state.db, id).await?,
        attachments: attachments::of_item(&state.db, id).await?,
        events: workflow::events(&state.db, id).await?,
        actions: actions_for(me, &agency, &item),
        editable: own && item.status() == Status::Draft && can_draft(me, &agency),
        can_resolve: own
            && item.status() == Status::SecrecyReview
            && me.has(gongkai_core::agency::Role::SecrecyReviewer),
        agency,
        item,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    Ok(view::page(&show_page(&state, &me, id, FieldErrors::new()).await?))
}

async fn refuse(state: &AppState, me: &Me, id: i64, errors: FieldErrors) -> WebResult<Response> {
    Ok(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &show_page(state, me, id, errors).await?))
}

pub async fn edit(State(state): State<AppState>, me: Me, Path(id): Path<i64>) -> WebResult<Response> {
    let (item, agency) = load(&state, &me, id, Access::Read).await?;
    if !can_draft(&me, &agency) {
        return Err(WebError::App(Error::Forbidden));
    }
    let form = ItemForm { interprets: drafts::linked_numbers(&state.db, id).await?, ..ItemForm::from_item(&item) };
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
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<ItemForm>,
) -> WebResult<Response> {
    let (item, agency) = load(&state, &me, id, Access::Read).await?;
    if !can_draft(&me, &agency) {
        return Err(WebError::App(Error::Forbidden));
    }
    let result = match form.parse() {
        Ok(fields) => drafts::update(&state.db, &me.actor(), id, &fields).await,
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
}

fn parse_command(f: &WorkflowForm) -> Result<Command, Error> {
    Ok(match f.command.as_str() {
        "submit" => Command::Submit,
        "pass_secrecy" => Command::PassSecrecy,
        "pass_review" => Command::PassReview,
        "sign_off" => {
            let publish_at = match f.publish_at.trim() {
                "" => None,
                s => Some(parse_china_time(s).ok_or_else(|| {
                    Error::field("publish_at", "定时发布时间", "定时发布时间应为“年-月-日 时:分”，如 2025-03-01 09:00")
                })?),
            };
            Command::SignOff { publish_at }
        }
        "return" => Command::Return { reason: f.reason.trim().to_owned() },
        "withdraw" => Command::Withdraw { reason: f.reason.trim().to_owned() },
        "revise" => Command::Revise,
        _ => return Err(Error::field("command", "操作", "未知的操作")),
    })
}

/// `2025-03-01 09:00` or `2025-03-01T09:00` in China time.
fn parse_china_time(s: &str) -> Option<OffsetDateTime> {
    let s = s.replace('T', " ");
    let (d, t) = s.split_once(' ')?;
    let date = gongkai_core::calendar::iso_date::parse(d).ok()?;
    let (h, m) = t.trim().split_once(':')?;
    let time = time::Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_offset(time::macros::offset!(+8)))
}

pub async fn transition(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    HtmlForm(form): HtmlForm<WorkflowForm>,
) -> WebResult<Response> {
    let (_, agency) = load(&state, &me, id, Access::Read).await?;
    if Relation::between(&me.agency.path, &agency.path) != Relation::Own {
        return Err(WebError::App(Error::Forbidden));
    }
    let result = match parse_command(&form) {
        Ok(command) => {
            workflow::transition(&state.db, &me.actor(), id, &command, OffsetDateTime::now_utc()).await.map(|_| ())
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/items/{id}")).into_response()),
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
    me: Me,
    Path((id, hit)): Path<(i64, i64)>,
    HtmlForm(form): HtmlForm<ResolveForm>,
) -> WebResult<Response> {
    let (item, agency) = load(&state, &me, id, Access::Read).await?;
    let allowed = Relation::between(&me.agency.path, &agency.path) == Relation::Own
        && me.has(gongkai_core::agency::Role::SecrecyReviewer)
        && item.status() == Status::SecrecyReview;
    if !allowed {
        return Err(WebError::App(Error::Forbidden));
    }
    let resolution =
        if form.resolution == "redact" { Resolution::Redact } else { Resolution::Confirm { reason: form.reason } };
    match secrecy::resolve(&state.db, &me.actor(), id, hit, resolution).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/items/{id}")).into_response()),
        Err(Error::Invalid(errors)) => refuse(&state, &me, id, errors).await,
        Err(e) => Err(WebError::App(e)),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let (item, agency) = load(&state, &me, id, Access::Read).await?;
    if !can_draft(&me, &agency) || item.status() != Status::Draft {
        return Err(WebError::App(Error::Forbidden));
    }
    let mut added = 0;
    while let Ok(Some(field)) = multipart.next_field().await {
        let Some(name) = field.file_name().map(str::to_owned) else { continue };
        if name.is_empty() {
            continue;
        }
        let bytes = field
            .bytes()
            .await
            .map_err(|_| WebError::App(Error::field("attachment", "附件", "附件上传不完整，请重试")))?;
        match attachments::add(&state.db, &state.blobs, &me.actor(), id, &name, bytes.to_vec()).await {
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
    me: Me,
    Path((id, attachment)): Path<(i64, i64)>,
) -> WebResult<Response> {
    let (item, agency) = load(&state, &me, id, Access::Read).await?;
    if !can_draft(&me, &agency) || item.status() != Status::Draft {
        return Err(WebError::App(Error::Forbidden));
    }
    attachments::remove(&state.db, &me.actor(), id, attachment).await?;
    Ok(Redirect::to(&format!("/admin/items/{id}")).into_response())
}

/// Staff download of an attachment (any status), for review.
pub async fn download(State(state): State<AppState>, me: Me, Path(attachment): Path<i64>) -> WebResult<Response> {
    let a = attachments::get(&state.db, attachment).await?;
    load(&state, &me, a.item_id, Access::Read).await?;
    let bytes = state.blobs.get(&a.blob_key).await.map_err(|e| WebError::App(Error::Internal(e.to_string())))?;
    let disposition = format!("attachment; filename*=UTF-8''{}", crate::portal::encode_query(&a.filename));
    Ok(([(header::CONTENT_TYPE, a.content_type.clone()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response())
}

//! The catalogue columns of an agency (法定主动公开内容 by Art. 20 category and 主题分类; 政府信息公开制度),
//! the item page with its metadata block and page meta tags, and attachment downloads.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gongkai_core::catalogue::validity::Validity;
use gongkai_core::law::{categories, subjects};
use gongkai_store::agency::{self, Agency};
use gongkai_store::catalogue::attachments::{self, Attachment};
use gongkai_store::catalogue::item::Item;
use gongkai_store::catalogue::queries::{self, PublicFilter};
use gongkai_store::catalogue::revision::{self, ItemVersion};
use serde::Deserialize;

use super::feeds::base_url;
use super::pager::{Pager, encode};
use super::preferences::Prefs;
use super::{PageFrame, cacheable};
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

const PER_PAGE: i64 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    pub category: String,
    pub subject: String,
    pub year: String,
    pub validity: String,
    pub page: Option<i64>,
}

/// A link in a facet list.
pub struct Facet {
    pub label: String,
    pub url: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "portal/catalogue.html")]
struct ListPage {
    chrome: PageFrame,
    agency: Agency,
    column_name: String,
    filter: ListQuery,
    categories: Vec<Facet>,
    subjects: Vec<Facet>,
    years: Vec<i64>,
    items: Vec<Item>,
    total: i64,
    pager: Pager,
    feed_url: String,
}

fn query_string(q: &ListQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("category", &q.category), ("subject", &q.subject), ("year", &q.year), ("validity", &q.validity)] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", encode(v)));
        }
    }
    parts.join("&")
}

async fn render_list(state: &AppState, prefs: Prefs, code: &str, q: ListQuery, system: bool) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, code).await?;
    let filter = PublicFilter {
        agency_id: agency.id,
        category: q.category.trim().to_owned(),
        subject: q.subject.trim().to_owned(),
        year: q.year.trim().to_owned(),
        validity: q.validity.trim().to_owned(),
        system_column: system,
    };
    let page = gongkai_core::field::page_number(q.page).map_err(|e| gongkai_store::Error::Invalid(e.into()))?;
    let items = queries::public_items(&state.db, &filter, page, PER_PAGE).await?;
    let summary = state.column_summaries.get(&state.db, &filter).await?;
    let total = summary.total;
    let path = if system { "system" } else { "catalogue" };
    let base = format!("/agencies/{}/{path}", agency.credit_code);
    let with = |category: &str, subject: &str| {
        let next = ListQuery { category: category.into(), subject: subject.into(), ..Default::default() };
        let qs = query_string(&next);
        if qs.is_empty() { base.clone() } else { format!("{base}?{qs}") }
    };
    let mut category_facets = vec![Facet {
        label: "全部".into(),
        url: with("", ""),
        selected: q.category.is_empty() && q.subject.is_empty(),
    }];
    for c in categories::applies_to(agency.level()) {
        category_facets.push(Facet { label: c.short.into(), url: with(c.key, ""), selected: q.category == c.key });
    }
    let subject_facets = subjects::tree()
        .map(|(top, _)| Facet { label: top.into(), url: with("", top), selected: q.subject == top })
        .collect();
    let qs = query_string(&q);
    let pager = Pager::new(&if qs.is_empty() { base.clone() } else { format!("{base}?{qs}") }, page, PER_PAGE, total);
    let column_name = if system {
        "政府信息公开制度".to_owned()
    } else {
        categories::by_key(&q.category)
            .map(|c| format!("法定主动公开内容 · {}", c.short))
            .unwrap_or_else(|| "法定主动公开内容".into())
    };
    let feed_url = format!(
        "/agencies/{}/feed.xml{}",
        agency.credit_code,
        if q.category.is_empty() { String::new() } else { format!("?category={}", encode(&q.category)) }
    );
    let page = ListPage {
        chrome: PageFrame::new(&state.site, Some(&agency), prefs),
        years: summary.years,
        agency,
        column_name,
        filter: q,
        categories: category_facets,
        subjects: subject_facets,
        items,
        total,
        pager,
        feed_url,
    };
    Ok(cacheable(view::page(&page)))
}

pub async fn list(
    State(state): State<AppState>,
    prefs: Prefs,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    render_list(&state, prefs, &code, q, false).await
}

pub async fn system_column(
    State(state): State<AppState>,
    prefs: Prefs,
    Path(code): Path<String>,
    Query(q): Query<ListQuery>,
) -> WebResult<Response> {
    render_list(&state, prefs, &code, q, true).await
}

#[derive(Template)]
#[template(path = "portal/item.html")]
struct ItemPage {
    chrome: PageFrame,
    agency: Agency,
    item: Item,
    pub_date: String,
    attachments: Vec<AttachmentLink>,
    interprets: Vec<Item>,
    interpreted_by: Vec<Item>,
    /// The replaced public versions (history).
    versions: Vec<ItemVersion>,
    /// On a history page: which version this is.
    version: Option<ItemVersion>,
    /// The page's absolute address, printed with its QR code.
    page_url: String,
}

/// An attachment as the item page links it.
struct AttachmentLink {
    href: String,
    filename: String,
    size: String,
}

impl From<&Attachment> for AttachmentLink {
    fn from(a: &Attachment) -> Self {
        AttachmentLink {
            href: format!("/attachments/{}/{}", a.id, a.filename),
            filename: a.filename.clone(),
            size: a.size_label(),
        }
    }
}

pub async fn item(
    State(state): State<AppState>,
    headers: HeaderMap,
    prefs: Prefs,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let item = queries::published(&state.db, id).await?;
    let attachments = attachments::of_item(&state.db, id).await?.iter().map(AttachmentLink::from).collect();
    let page_url = format!("{}/items/{id}", base_url(&state.site, &headers));
    Ok(cacheable(view::page(&item_page(&state, prefs, item, attachments, None, page_url).await?)))
}

/// `/items/{id}/qr.svg`: the QR code of a published item's address, for phones and print.
pub async fn qr_code(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<i64>) -> WebResult<Response> {
    let item = queries::published(&state.db, id).await?;
    let url = format!("{}/items/{}", base_url(&state.site, &headers), item.id);
    let code = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| WebError::App(gongkai_store::Error::Internal(format!("qr code: {e}"))))?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).build();
    Ok(([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], svg)
        .into_response())
}

async fn item_page(
    state: &AppState,
    prefs: Prefs,
    item: Item,
    attachments: Vec<AttachmentLink>,
    version: Option<ItemVersion>,
    page_url: String,
) -> WebResult<ItemPage> {
    let agency = agency::get(&state.db, item.agency_id).await?;
    let (interprets, interpreted_by) = queries::links(&state.db, item.id).await?;
    let pub_date = item.publication_label();
    Ok(ItemPage {
        chrome: PageFrame::new(&state.site, Some(&agency), prefs),
        versions: revision::versions(&state.db, item.id).await?,
        attachments,
        agency,
        item,
        pub_date,
        interprets,
        interpreted_by,
        version,
        page_url,
    })
}

/// A replaced public version of a published item (its history), with a banner linking the
/// current one.
pub async fn version(
    State(state): State<AppState>,
    headers: HeaderMap,
    prefs: Prefs,
    Path((id, number)): Path<(i64, i64)>,
) -> WebResult<Response> {
    let current = queries::published(&state.db, id).await?;
    let version = revision::version(&state.db, id, number).await?;
    let old = &version.snapshot;
    let item = Item {
        title: old.title.clone(),
        summary: old.summary.clone(),
        body: old.body.clone(),
        category: old.category.clone(),
        subject: old.subject.clone(),
        issuer: old.issuer.clone(),
        doc_number: old.doc_number.clone(),
        written_on: old.written_on,
        published_on: old.published_on,
        keywords: old.keywords.clone(),
        validity: old.validity,
        kind: old.kind,
        effective_on: old.effective_on,
        expires_on: old.expires_on,
        repealed_by: None,
        ..current
    };
    let attachments = old
        .attachments
        .iter()
        .enumerate()
        .map(|(k, a)| AttachmentLink {
            href: format!("/items/{id}/versions/{number}/attachments/{}/{}", k + 1, a.filename),
            filename: a.filename.clone(),
            size: a.size_label(),
        })
        .collect();
    let page_url = format!("{}/items/{id}/versions/{number}", base_url(&state.site, &headers));
    Ok(cacheable(view::page(&item_page(&state, prefs, item, attachments, Some(version), page_url).await?)))
}

/// Downloads attachment `k` (from 1) of a replaced version of a published item.
pub async fn version_attachment(
    State(state): State<AppState>,
    Path((id, number, k, _name)): Path<(i64, i64, usize, String)>,
) -> WebResult<Response> {
    queries::published(&state.db, id).await?;
    let version = revision::version(&state.db, id, number).await?;
    let a = k.checked_sub(1).and_then(|k| version.snapshot.attachments.get(k)).ok_or(WebError::NotFound)?;
    let bytes = state.blobs.get(&a.blob_key).await.map_err(|e| {
        tracing::error!(error = %e, key = %a.blob_key, "attachment missing from the blob store");
        WebError::NotFound
    })?;
    Ok(download(&a.filename, &a.content_type, bytes))
}

/// A file download response.
fn download(filename: &str, content_type: &str, bytes: impl IntoResponse) -> Response {
    let disposition = format!("attachment; filename*=UTF-8''{}", encode(filename));
    let headers = [
        (header::CONTENT_TYPE, content_type.to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "public, max-age=86400".into()),
    ];
    (headers, bytes).into_response()
}

/// Downloads an attachment of a published item.
pub async fn attachment(State(state): State<AppState>, Path((id, _name)): Path<(i64, String)>) -> WebResult<Response> {
    let a = attachments::get(&state.db, id).await?;
    queries::published(&state.db, a.item_id).await?;
    let bytes = state.blobs.get(&a.blob_key).await.map_err(|e| {
        tracing::error!(error = %e, key = %a.blob_key, "attachment missing from the blob store");
        WebError::NotFound
    })?;
    Ok(download(&a.filename, &a.content_type, bytes))
}

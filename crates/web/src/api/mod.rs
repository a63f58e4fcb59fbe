//! The JSON API under `/api/v1`. The public part: agencies, Art. 20 categories, the catalogue of an agency,
//! one item, search, and disclosure requests (submit, status). The staff part, under `/api/v1/staff` with personal tokens, is [`staff`]. `/api/openapi.json` describes both (written out by hand in
//! `openapi`, and checked by a test against the routes).

use crate::extract::{Path, Query};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use gongkai_core::law::categories;
use gongkai_store::agency::{self, Agency};
use gongkai_store::catalogue::attachments;
use gongkai_store::catalogue::item::Item;
use gongkai_store::catalogue::queries::{self, PublicFilter};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::portal::search::{SearchParams, run as run_search};
use crate::state::AppState;

mod openapi;
mod requests;
pub mod staff;

/// A JSON body, or a field error naming `body` when it is not valid JSON (every JSON route).
pub(crate) fn json_body<T>(body: Result<Json<T>, axum::extract::rejection::JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(b)| b).map_err(|e| {
        gongkai_store::Error::field("body", "请求内容", format!("请求内容不是有效的JSON：{}", e.body_text())).into()
    })
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/agencies", get(list))
        .route("/api/v1/agencies/{code}", get(one))
        .route("/api/v1/categories", get(category_list))
        .route("/api/v1/items", get(items))
        .route("/api/v1/items/{id}", get(item))
        .route("/api/v1/search", get(search))
        .route("/api/v1/requests", axum::routing::post(requests::create))
        .route("/api/v1/requests/status", axum::routing::post(requests::status))
        .route("/api/v1/requests/{code}", get(requests::status_by_address))
        .route("/api/openapi.json", get(|| async { Json(openapi::document()) }))
        .merge(staff::router())
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<Agency>>, ApiError> {
    Ok(Json(agency::all(&state.db).await?))
}

async fn one(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<Agency>, ApiError> {
    Ok(Json(agency::by_code(&state.db, &code).await?))
}

async fn category_list() -> Json<Value> {
    Json(json!(
        categories::ALL
            .iter()
            .map(|c| json!({"key": c.key, "label": c.label, "short": c.short, "citation": c.citation()}))
            .collect::<Vec<_>>()
    ))
}

/// An item in lists.
#[derive(Serialize)]
pub struct ItemSummary {
    pub id: i64,
    pub title: String,
    pub index_number: Option<String>,
    pub doc_number: Option<String>,
    pub category: String,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub written: Option<String>,
    pub published: Option<String>,
    pub validity: String,
    pub url: String,
}

impl From<&Item> for ItemSummary {
    fn from(i: &Item) -> Self {
        Self {
            id: i.id,
            title: i.title.clone(),
            index_number: i.index_number.clone(),
            doc_number: i.doc_number.clone(),
            category: i.category.clone(),
            subject: i.subject.clone(),
            issuer: i.issuer.clone(),
            written: i.written_on.map(gongkai_core::calendar::iso_date::format),
            published: i.published_on.map(gongkai_core::calendar::iso_date::format),
            validity: i.validity.as_str().to_owned(),
            url: format!("/items/{}", i.id),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ItemsQuery {
    agency: String,
    category: String,
    subject: String,
    year: String,
    validity: String,
    page: Option<i64>,
}

async fn items(State(state): State<AppState>, Query(q): Query<ItemsQuery>) -> Result<Json<Value>, ApiError> {
    let agency = agency::by_code(&state.db, &q.agency).await?;
    let filter = PublicFilter {
        agency_id: agency.id,
        category: q.category,
        subject: q.subject,
        year: q.year,
        validity: q.validity,
        system_column: false,
    };
    let page = gongkai_core::field::page_number(q.page).map_err(|e| gongkai_store::Error::Invalid(e.into()))?;
    let (items, total) = queries::public_page(&state.db, &filter, page, 20).await?;
    let items: Vec<ItemSummary> = items.iter().map(ItemSummary::from).collect();
    Ok(Json(json!({"total": total, "page": page, "items": items})))
}

async fn item(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Json<Value>, ApiError> {
    let item = queries::published(&state.db, id).await?;
    let files: Vec<Value> = attachments::of_item(&state.db, id)
        .await?
        .iter()
        .map(
            |a| json!({"filename": a.filename, "size": a.size, "url": format!("/attachments/{}/{}", a.id, a.filename)}),
        )
        .collect();
    let mut v = serde_json::to_value(ItemSummary::from(&item))
        .map_err(|e| ApiError(gongkai_store::Error::Internal(e.to_string())))?;
    v["summary"] = json!(item.summary);
    v["body"] = json!(item.body);
    v["keywords"] = json!(item.keyword_list());
    v["kind"] = json!(item.kind);
    v["attachments"] = json!(files);
    Ok(Json(v))
}

/// Agencies by id: each looked up once.
async fn agencies_by_id(
    state: &AppState,
    ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, gongkai_store::agency::Agency>, ApiError> {
    let mut found = std::collections::HashMap::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = found.entry(id) {
            slot.insert(gongkai_store::agency::get(&state.db, id).await?);
        }
    }
    Ok(found)
}

async fn search(State(state): State<AppState>, Query(params): Query<SearchParams>) -> Result<Json<Value>, ApiError> {
    let facets = matches!(params.facets.trim(), "1" | "true");
    let results = run_search(&state, &params, 20, facets).await?;
    let names = agencies_by_id(&state, results.hits.iter().map(|h| h.agency_id).collect()).await?;
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|h| {
            let agency = names.get(&h.agency_id).map(|a| a.name.clone()).unwrap_or_default();
            json!({"title": h.title, "title_html": h.title_html, "agency": agency, "doc_number": h.doc_number,
                   "index_number": h.index_number, "url": h.url, "snippet": h.snippet, "published": h.published})
        })
        .collect();
    let mut body = json!({"total": results.total, "hits": hits});
    if let Some(f) = results.facets {
        let counts =
            |list: &[(String, u64)]| list.iter().map(|(v, n)| json!({"value": v, "count": n})).collect::<Vec<_>>();
        let agencies = agencies_by_id(&state, f.agency.iter().map(|(id, _)| *id).collect()).await?;
        body["facets"] = json!({
            // The value is what the `agency` filter takes (with `own=1`: these are the agencies' own items).
            "agency": f.agency.iter().filter_map(|(id, n)| agencies.get(id).map(|a| json!({"value": a.credit_code, "label": a.name, "count": n}))).collect::<Vec<_>>(),
            "category": counts(&f.category), "subject": counts(&f.subject),
            "year": f.year.iter().map(|(y, n)| json!({"value": y, "count": n})).collect::<Vec<_>>(),
            "validity": counts(&f.validity), "kind": counts(&f.kind),
        });
    }
    Ok(Json(body))
}

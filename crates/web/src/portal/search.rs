//! The public search page: the site-wide index, optionally limited to one agency and its subtree.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use gongkai_search::{Hit, Query as SearchQuery};
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use serde::Deserialize;

use super::PageFrame;
use super::pager::{Pager, encode};
use super::preferences::Prefs;
use super::script;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

pub const PER_PAGE: usize = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    pub agency: String,
    pub page: Option<usize>,
}

#[derive(Template)]
#[template(path = "portal/search.html")]
struct SearchPage {
    chrome: PageFrame,
    q: String,
    agency: String,
    agencies: Vec<Agency>,
    total: usize,
    hits: Vec<Hit>,
    pager: Pager,
}

/// Runs a search for the portal and the API. Each word also matches in simplified characters
/// (OpenCC t2s): the catalogue is written in them, and a visitor may type traditional ones (on
/// the 繁體 pages, or from a traditional input method). The word as typed still matches, since
/// t2s also folds characters simplified text keeps in names (乾县 → 干县).
pub async fn run(state: &AppState, params: &SearchParams, per_page: usize) -> Result<gongkai_search::Results, Error> {
    let agency = match params.agency.trim() {
        "" => None,
        code => Some(agency::by_code(&state.db, code).await?.id),
    };
    let page = gongkai_core::field::page_number(params.page.map(|p| i64::try_from(p).unwrap_or(i64::MAX)))
        .map_err(|e| Error::Invalid(e.into()))?;
    let q: String = params.q.chars().take(200).collect();
    let also_as = script::to_simplified(&q);
    let query = SearchQuery { q, also_as, agency, page: page as usize, per_page, ..Default::default() };
    if query.q.trim().is_empty() {
        return Ok(gongkai_search::Results { total: 0, hits: Vec::new() });
    }
    let index = state.app.search.index.clone();
    tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| Error::Internal(format!("search: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))
}

pub async fn page(
    State(state): State<AppState>,
    prefs: Prefs,
    Query(params): Query<SearchParams>,
) -> WebResult<Response> {
    let results = run(&state, &params, PER_PAGE).await.map_err(WebError::App)?;
    let base = format!("/search?q={}&agency={}", encode(&params.q), encode(&params.agency));
    let pager = Pager::new(&base, params.page.unwrap_or(1) as i64, PER_PAGE as i64, results.total as i64);
    let page = SearchPage {
        chrome: PageFrame::new(&state.site, None, prefs),
        agencies: agency::all(&state.db).await?,
        q: params.q,
        agency: params.agency,
        total: results.total,
        hits: results.hits,
        pager,
    };
    Ok(view::page(&page))
}

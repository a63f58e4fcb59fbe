//! The public portal: the site home, each agency's home and its 政府信息公开指南 (here), the
//! catalogue columns and item pages (`catalogue`), feeds and the sitemap (`feeds`), and search
//! (`search`), and the online disclosure request with its status page (`requests`); the
//! visitor's 简体/繁體 and 长者模式 choices ([`preferences`]) and the 繁體 conversion of a page
//! ([`script`]).
//!
//! Portal handlers never read or create a session (the cookie is scoped to `/admin`), answer
//! with `Cache-Control: public` and `Vary: Cookie` (the preference cookies change the page), and
//! work without JavaScript.

mod catalogue;
pub mod column_summaries;
mod feeds;
mod messages;
pub(crate) mod pager;
pub mod preferences;
mod reports;
pub(crate) mod requests;
pub mod script;
pub(crate) mod search;

pub(crate) use pager::encode as encode_query;

use crate::extract::Path;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use gongkai_store::agency::{self, Agency};
use preferences::Prefs;

use crate::error::WebResult;
use crate::state::{AppState, SiteConfig};
use crate::view;

/// What every portal page shows in its header and footer, and the visitor's preferences
/// (the switch links in the header, the elder class on `<html>`).
pub(crate) struct PageFrame {
    pub site_name: String,
    pub site_code: Option<String>,
    pub icp_filing: Option<String>,
    pub police_filing: Option<String>,
    pub prefs: Prefs,
    /// The agency whose pages these are: the header names it, the column navigation leads to
    /// its columns, the footer gives it as 主办单位 with its contacts.
    pub agency: Option<AgencyChrome>,
    /// Where the public reports an error on the site (纠错), when configured.
    pub error_report_url: Option<String>,
}

/// What the header and footer show of an agency.
pub(crate) struct AgencyChrome {
    pub name: String,
    pub code: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
}

impl PageFrame {
    pub(crate) fn new(site: &SiteConfig, agency: Option<&Agency>, prefs: Prefs) -> Self {
        Self {
            site_name: site.site_name.clone(),
            site_code: agency.and_then(|a| a.site_code.clone()),
            icp_filing: site.icp_filing.clone(),
            police_filing: site.police_filing.clone(),
            prefs,
            agency: agency.map(|a| AgencyChrome {
                name: a.name.clone(),
                code: a.credit_code.clone(),
                phone: a.phone.clone(),
                address: a.address.clone(),
                email: a.email.clone(),
            }),
            error_report_url: site.error_report_url.clone(),
        }
    }
}

/// Largest body of a form with attachments (five 10 MB files and the fields).
pub(crate) const UPLOAD_BODY_LIMIT: usize = 52 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/agencies/{code}", get(agency_home))
        .route("/agencies/{code}/guide", get(guide))
        .route("/agencies/{code}/catalogue", get(catalogue::list))
        .route("/agencies/{code}/system", get(catalogue::system_column))
        .route("/agencies/{code}/feed.xml", get(feeds::atom))
        .route("/agencies/{code}/rss.xml", get(feeds::rss))
        .route("/feed.xml", get(feeds::site_atom))
        .route("/rss.xml", get(feeds::site_rss))
        .route("/robots.txt", get(feeds::robots))
        .route("/items/{id}", get(catalogue::item))
        .route("/items/{id}/qr.svg", get(catalogue::qr_code))
        .route("/items/{id}/versions/{number}", get(catalogue::version))
        .route("/items/{id}/versions/{number}/attachments/{k}/{name}", get(catalogue::version_attachment))
        .route("/attachments/{id}/{name}", get(catalogue::attachment))
        .route("/sitemap.xml", get(feeds::sitemap))
        .route("/sitemap", get(site_map))
        .route("/sitemaps/pages.xml", get(feeds::sitemap_pages))
        .route("/sitemaps/{file}", get(feeds::sitemap_items))
        .route("/search", get(search::page))
        .route(
            "/agencies/{code}/apply",
            get(requests::form).post(requests::submit).layer(axum::extract::DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/requests/status", get(requests::status_form).post(requests::status))
        .route("/requests/letter", axum::routing::post(requests::letter))
        .route("/agencies/{code}/messages", get(messages::show).post(messages::submit))
        .route("/messages/status", get(messages::status_form).post(messages::status))
        .route("/agencies/{code}/reports", get(reports::list))
        .route("/agencies/{code}/reports/{year}", get(reports::show))
        .route("/agencies/{code}/reports/{year}/file/{format}", get(reports::file))
        .route("/preferences", get(preferences::change))
        .layer(middleware::from_fn(preferences::apply))
}

pub(crate) fn cacheable(response: Response) -> Response {
    ([(header::CACHE_CONTROL, "public, max-age=60")], response).into_response()
}

#[derive(Template)]
#[template(path = "portal/home.html")]
struct Home {
    chrome: PageFrame,
    agencies: Vec<Agency>,
    latest: Vec<Latest>,
}

/// An item of the home page's 最新公开 list.
struct Latest {
    id: i64,
    title: String,
    agency: String,
    published_on: String,
}

/// Items in the home page's 最新公开 list.
const LATEST: i64 = 10;

async fn home(State(state): State<AppState>, prefs: Prefs) -> WebResult<Response> {
    let agencies = agency::all(&state.db).await?;
    let latest = gongkai_store::catalogue::queries::latest_published(&state.db, LATEST)
        .await?
        .into_iter()
        .map(|item| Latest {
            agency: agencies.iter().find(|a| a.id == item.agency_id).map(|a| a.name.clone()).unwrap_or_default(),
            id: item.id,
            title: item.title,
            published_on: item.published_on.map(gongkai_core::calendar::iso_date::format).unwrap_or_default(),
        })
        .collect();
    Ok(cacheable(view::page(&Home { chrome: PageFrame::new(&state.site, None, prefs), agencies, latest })))
}

#[derive(Template)]
#[template(path = "portal/site_map.html")]
struct SiteMap {
    chrome: PageFrame,
    /// Every agency with its depth in the tree (0 at the top), in tree order.
    agencies: Vec<(Agency, usize)>,
}

/// `/sitemap`: 网站地图, every agency (indented under its parent) with its columns.
async fn site_map(State(state): State<AppState>, prefs: Prefs) -> WebResult<Response> {
    let mut agencies: Vec<Agency> = agency::all(&state.db).await?;
    // Tree order: a path (`/1/5/9`) sorts after its parent's.
    agencies.sort_by(|a, b| {
        let key = |x: &Agency| x.path.split('/').filter_map(|p| p.parse::<i64>().ok()).collect::<Vec<_>>();
        key(a).cmp(&key(b))
    });
    let agencies = agencies
        .into_iter()
        .map(|a| {
            let depth = a.path.split('/').filter(|p| !p.is_empty()).count().saturating_sub(1).min(3);
            (a, depth)
        })
        .collect();
    Ok(cacheable(view::page(&SiteMap { chrome: PageFrame::new(&state.site, None, prefs), agencies })))
}

#[derive(Template)]
#[template(path = "portal/agency.html")]
struct AgencyHome {
    chrome: PageFrame,
    agency: Agency,
    children: Vec<Agency>,
    /// The catalogue's columns with items, and how many each has.
    columns: Vec<(&'static gongkai_core::law::Category, i64)>,
    total: i64,
    /// The newest items of the agency.
    latest: Vec<Latest>,
    /// Years with a published annual report, newest first.
    report_years: Vec<i32>,
    /// What visitors most often search for within the agency's items.
    popular: Vec<String>,
}

impl AgencyHome {
    fn search_link(&self, term: &str) -> String {
        format!("/search?q={}&agency={}", pager::encode(term), pager::encode(&self.agency.credit_code))
    }
}

/// Items in an agency home's 最新信息 list.
const AGENCY_LATEST: i64 = 8;

/// An agency's home, as its 政府信息公开 column reads: guide, system, the catalogue's columns
/// with their counts and the newest items, 依申请公开, annual reports and the office's contacts.
async fn agency_home(State(state): State<AppState>, prefs: Prefs, Path(code): Path<String>) -> WebResult<Response> {
    use gongkai_store::catalogue::queries::{self, PublicFilter};
    let agency = agency::by_code(&state.db, &code).await?;
    let children = agency::children(&state.db, agency.id).await?;
    let all = PublicFilter { agency_id: agency.id, ..Default::default() };
    let total = state.column_summaries.get(&state.db, &all).await?.total;
    let mut columns = Vec::new();
    if total > 0 {
        for c in gongkai_core::law::categories::applies_to(agency.level) {
            let filter = PublicFilter { agency_id: agency.id, category: c.key.to_owned(), ..Default::default() };
            let n = state.column_summaries.get(&state.db, &filter).await?.total;
            if n > 0 {
                columns.push((c, n));
            }
        }
    }
    let latest = queries::public_items(&state.db, &all, 1, AGENCY_LATEST)
        .await?
        .into_iter()
        .map(|item| Latest {
            agency: String::new(),
            id: item.id,
            title: item.title,
            published_on: item.published_on.map(gongkai_core::calendar::iso_date::format).unwrap_or_default(),
        })
        .collect();
    let report_years = gongkai_store::report::publish::published_years(&state.db, agency.id)
        .await?
        .into_iter()
        .map(|(year, _, _)| year)
        .collect();
    let popular = gongkai_app::search_log::popular(&state.app, Some(agency.id), 6).await?;
    let chrome = PageFrame::new(&state.site, Some(&agency), prefs);
    Ok(cacheable(view::page(&AgencyHome { chrome, agency, children, columns, total, latest, report_years, popular })))
}

#[derive(Template)]
#[template(path = "portal/guide.html")]
struct Guide {
    chrome: PageFrame,
    agency: Agency,
    updated: String,
}

async fn guide(State(state): State<AppState>, prefs: Prefs, Path(code): Path<String>) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let updated = gongkai_core::calendar::iso_date::format(agency.updated_at.date());
    let chrome = PageFrame::new(&state.site, Some(&agency), prefs);
    Ok(cacheable(view::page(&Guide { chrome, agency, updated })))
}

//! What machines read: Atom and RSS 2.0 feeds (site-wide, per agency, per column), the sitemap
//! (an index of files of at most [`SITEMAP_URLS`] URLs, as the sitemap protocol limits them),
//! and `robots.txt` naming it.
//!
//! Every URL in them is absolute, as the protocols require: the configured `public_url`, or,
//! without one, `http://` and the request's `Host` (good enough on a test machine; a site set up
//! behind a proxy sets `public_url`).

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use gongkai_core::calendar::china_time::Moment;
use gongkai_core::calendar::iso_date;
use gongkai_core::law::categories;
use gongkai_store::Error;
use gongkai_store::agency;
use gongkai_store::catalogue::item::Item;
use gongkai_store::catalogue::queries::{self, PublicFilter};
use serde::Deserialize;

use crate::error::{WebError, WebResult};
use crate::extract::{Path, Query};
use crate::state::{AppState, SiteConfig};

/// URLs per sitemap file (the protocol's limit is 50,000).
pub const SITEMAP_URLS: i64 = 50_000;
/// Entries per feed.
const FEED_ENTRIES: i64 = 50;

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// `https://gk.example.gov.cn`: the configured public address, else `http://` and the `Host`
/// the request came with (only host characters kept), else `http://localhost`.
pub fn base_url(site: &SiteConfig, headers: &HeaderMap) -> String {
    if let Some(url) = &site.public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// One feed, whichever format it is written in.
struct Feed {
    title: String,
    /// The page the feed follows.
    page: String,
    /// The feed's addresses in each format (each names itself).
    atom_url: String,
    rss_url: String,
    id: String,
    author: String,
    updated: Moment,
    entries: Vec<Entry>,
}

struct Entry {
    title: String,
    url: String,
    id: String,
    published: Moment,
    summary: String,
}

impl Feed {
    fn new(base: &str, title: String, page: &str, path: &str, id: String, author: String, items: &[Item]) -> Feed {
        let entries: Vec<Entry> = items
            .iter()
            .map(|item| Entry {
                title: item.title.clone(),
                url: format!("{base}/items/{}", item.id),
                id: format!("urn:gongkai:item:{}", item.index_number.as_deref().unwrap_or(&item.id.to_string())),
                published: item.published_at.unwrap_or(item.updated_at),
                summary: item.summary.clone().unwrap_or_default(),
            })
            .collect();
        let updated = entries.iter().map(|e| e.published).max().unwrap_or_else(Moment::now);
        Feed {
            title,
            page: format!("{base}{page}"),
            atom_url: format!("{base}{path}/feed.xml"),
            rss_url: format!("{base}{path}/rss.xml"),
            id,
            author,
            updated,
            entries,
        }
    }

    fn atom(&self, query: &str) -> Response {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n",
        );
        out.push_str(&format!(
            "<title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}{query}\"/>\n<author><name>{}</name></author>\n",
            xml(&self.title), xml(&self.id), self.updated.rfc3339(), xml(&self.page), xml(&self.atom_url), xml(&self.author)
        ));
        for e in &self.entries {
            out.push_str(&format!(
                "<entry><title>{}</title><id>{}</id><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/><updated>{}</updated><published>{}</published><summary>{}</summary></entry>\n",
                xml(&e.title), xml(&e.id), xml(&e.url), e.published.rfc3339(), e.published.rfc3339(), xml(&e.summary)
            ));
        }
        out.push_str("</feed>\n");
        xml_response("application/atom+xml; charset=utf-8", out, 300)
    }

    fn rss(&self, query: &str) -> Response {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
        );
        // RSS's <link> and <description> are required; atom:link names the feed itself.
        out.push_str(&format!(
            "<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>zh-cn</language>\n<lastBuildDate>{}</lastBuildDate>\n<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}{query}\"/>\n",
            xml(&self.title), xml(&self.page), xml(&format!("{}发布的政府信息", self.author)), self.updated.rfc2822(), xml(&self.rss_url)
        ));
        for e in &self.entries {
            out.push_str(&format!(
                "<item><title>{}</title><link>{}</link><guid isPermaLink=\"true\">{}</guid><pubDate>{}</pubDate><description>{}</description></item>\n",
                xml(&e.title), xml(&e.url), xml(&e.url), e.published.rfc2822(), xml(&e.summary)
            ));
        }
        out.push_str("</channel>\n</rss>\n");
        xml_response("application/rss+xml; charset=utf-8", out, 300)
    }
}

fn xml_response(content_type: &'static str, body: String, max_age: u32) -> Response {
    let cache = format!("public, max-age={max_age}");
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CACHE_CONTROL, cache)], body).into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FeedQuery {
    category: String,
}

/// The feed of an agency, or of one of its columns (`?category=art20.1`).
async fn agency_feed(state: &AppState, headers: &HeaderMap, code: &str, q: &FeedQuery) -> WebResult<(Feed, String)> {
    let agency = agency::by_code(&state.db, code).await?;
    let category = match q.category.trim() {
        "" => None,
        c => Some(categories::parse("category", c).map_err(|e| WebError::App(Error::Invalid(e.into())))?),
    };
    let filter = PublicFilter {
        agency_id: agency.id,
        category: category.map(|c| c.key.to_owned()).unwrap_or_default(),
        ..Default::default()
    };
    let items = queries::public_items(&state.db, &filter, 1, FEED_ENTRIES).await?;
    let base = base_url(&state.site, headers);
    let column = category.map(|c| c.short).unwrap_or("主动公开信息");
    let (page, query) = match category {
        Some(c) => (format!("/agencies/{code}/catalogue?category={}", c.key), format!("?category={}", c.key)),
        None => (format!("/agencies/{code}/catalogue"), String::new()),
    };
    let id = format!("urn:gongkai:agency:{}:{}", agency.credit_code, category.map_or("", |c| c.key));
    let feed = Feed::new(
        &base,
        format!("{} · {column}", agency.name),
        &page,
        &format!("/agencies/{code}"),
        id,
        agency.name,
        &items,
    );
    Ok((feed, query))
}

/// `/agencies/{code}/feed.xml`: Atom.
pub async fn atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<FeedQuery>,
) -> WebResult<Response> {
    let (feed, query) = agency_feed(&state, &headers, &code, &q).await?;
    Ok(feed.atom(&query))
}

/// `/agencies/{code}/rss.xml`: RSS 2.0.
pub async fn rss(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<FeedQuery>,
) -> WebResult<Response> {
    let (feed, query) = agency_feed(&state, &headers, &code, &q).await?;
    Ok(feed.rss(&query))
}

async fn site_feed(state: &AppState, headers: &HeaderMap) -> WebResult<Feed> {
    let items = queries::latest_published(&state.db, FEED_ENTRIES).await?;
    let base = base_url(&state.site, headers);
    let name = state.site.site_name.clone();
    Ok(Feed::new(&base, format!("{name} · 最新信息"), "/", "", "urn:gongkai:site".into(), name, &items))
}

/// `/feed.xml`: the newest items of every agency, Atom.
pub async fn site_atom(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    Ok(site_feed(&state, &headers).await?.atom(""))
}

/// `/rss.xml`: the same, RSS 2.0.
pub async fn site_rss(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    Ok(site_feed(&state, &headers).await?.rss(""))
}

/// `/robots.txt`: everything public may be crawled; the console and the staff API may not; the
/// sitemap is named with its absolute address.
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = base_url(&state.site, &headers);
    let body = format!(
        "User-agent: *\nDisallow: /admin\nDisallow: /api/v1/staff\nDisallow: /preferences\nSitemap: {base}/sitemap.xml\n"
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], body)
        .into_response()
}

/// `/sitemap.xml`: the sitemap index, naming the pages file and one file per
/// [`SITEMAP_URLS`] published items.
pub async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    let base = base_url(&state.site, &headers);
    let files = (queries::published_count(&state.db).await? + SITEMAP_URLS - 1) / SITEMAP_URLS;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!("<sitemap><loc>{}/sitemaps/pages.xml</loc></sitemap>\n", xml(&base)));
    for n in 1..=files {
        out.push_str(&format!("<sitemap><loc>{}/sitemaps/items-{n}.xml</loc></sitemap>\n", xml(&base)));
    }
    out.push_str("</sitemapindex>\n");
    Ok(xml_response("application/xml; charset=utf-8", out, 3600))
}

fn urlset(urls: impl Iterator<Item = (String, Option<String>)>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        match lastmod {
            Some(day) => {
                out.push_str(&format!("<url><loc>{}</loc><lastmod>{}</lastmod></url>\n", xml(&loc), xml(&day)))
            }
            None => out.push_str(&format!("<url><loc>{}</loc></url>\n", xml(&loc))),
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `/sitemaps/pages.xml`: the home, search, and each agency's pages (at most
/// [`SITEMAP_URLS`]; a province has a few thousand agencies).
pub async fn sitemap_pages(State(state): State<AppState>, headers: HeaderMap) -> WebResult<Response> {
    let base = base_url(&state.site, &headers);
    let agencies = agency::all(&state.db).await?;
    let fixed = ["/", "/search", "/requests/status"].map(|p| (format!("{base}{p}"), None));
    let per_agency = agencies.iter().flat_map(|a| {
        ["", "/guide", "/catalogue", "/system", "/apply", "/messages", "/reports"]
            .map(|p| (format!("{base}/agencies/{}{p}", a.credit_code), None))
    });
    let urls = fixed.into_iter().chain(per_agency).take(SITEMAP_URLS as usize);
    Ok(xml_response("application/xml; charset=utf-8", urlset(urls), 3600))
}

/// `/sitemaps/items-{n}.xml`: the `n`-th [`SITEMAP_URLS`] published items by id, with their
/// publication days.
pub async fn sitemap_items(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> WebResult<Response> {
    let n: i64 = file
        .strip_prefix("items-")
        .and_then(|f| f.strip_suffix(".xml"))
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=10_000).contains(n))
        .ok_or(WebError::NotFound)?;
    let stamps = queries::published_stamps(&state.db, (n - 1) * SITEMAP_URLS, SITEMAP_URLS).await?;
    if stamps.is_empty() {
        return Err(WebError::NotFound);
    }
    let base = base_url(&state.site, &headers);
    let urls = stamps.into_iter().map(|(id, day)| {
        let day = day.filter(|d| iso_date::parse(d).is_ok());
        (format!("{base}/items/{id}"), day)
    });
    Ok(xml_response("application/xml; charset=utf-8", urlset(urls), 3600))
}

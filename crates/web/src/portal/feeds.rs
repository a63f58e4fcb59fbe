//! Atom feeds per agency column, and `sitemap.xml` for search engines.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_core::law::categories;
use gongkai_store::agency;
use gongkai_store::catalogue::queries::{self, PublicFilter};
use serde::Deserialize;

use crate::error::WebResult;
use crate::state::AppState;

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FeedQuery {
    category: String,
}

/// The newest 50 published items of an agency (optionally one category) as Atom.
pub async fn atom(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<FeedQuery>,
) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let filter = PublicFilter { agency_id: agency.id, category: q.category.clone(), ..Default::default() };
    let (items, _) = queries::public_page(&state.db, &filter, 1, 50).await?;
    let column = categories::by_key(&q.category).map(|c| c.short).unwrap_or("法定主动公开内容");
    let updated = items.first().and_then(|i| i.published_at).unwrap_or(agency.updated_at).rfc3339();
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "<title>{} · {}</title>\n<id>urn:gongkai:agency:{}:{}</id>\n<updated>{}</updated>\n",
        xml(&agency.name),
        xml(column),
        xml(&agency.credit_code),
        xml(&q.category),
        xml(&updated)
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" href=\"/agencies/{}/catalogue\"/>\n<author><name>{}</name></author>\n",
        xml(&agency.credit_code),
        xml(&agency.name)
    ));
    for item in &items {
        let at = item.published_at.map(|m| m.rfc3339()).unwrap_or_default();
        out.push_str(&format!(
            "<entry><title>{}</title><id>urn:gongkai:item:{}</id><link href=\"/items/{}\"/><updated>{}</updated><published>{}</published><summary>{}</summary></entry>\n",
            xml(&item.title),
            xml(item.index_number.as_deref().unwrap_or_default()),
            item.id,
            xml(&at),
            xml(&at),
            xml(item.summary.as_deref().unwrap_or_default())
        ));
    }
    out.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")],
        out,
    )
        .into_response())
}

/// Every agency home, catalogue and published item (up to the sitemap limit of 50,000 URLs).
pub async fn sitemap(State(state): State<AppState>) -> WebResult<Response> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<url><loc>/</loc></url>\n",
    );
    let mut count = 1;
    for a in agency::all(&state.db).await? {
        for path in ["", "/guide", "/catalogue"] {
            out.push_str(&format!("<url><loc>/agencies/{}{path}</loc></url>\n", xml(&a.credit_code)));
            count += 1;
        }
    }
    let mut after = 0;
    'pages: loop {
        let page = queries::published_after(&state.db, after, 1000).await?;
        let Some(last) = page.last().map(|i| i.id) else { break };
        for item in &page {
            if count >= 50_000 {
                break 'pages;
            }
            let date = item.published_on.map(gongkai_core::calendar::iso_date::format).unwrap_or_default();
            out.push_str(&format!("<url><loc>/items/{}</loc><lastmod>{}</lastmod></url>\n", item.id, xml(&date)));
            count += 1;
        }
        after = last;
    }
    out.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        out,
    )
        .into_response())
}

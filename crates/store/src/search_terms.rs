//! The public's search terms as counted for suggestions (热门搜索): each term with how often it
//! was searched and the last China-time day it was, for the whole site ([`SITE`]) and for each
//! agency whose items the search was limited to. What is kept is decided before it gets here
//! (`gongkai_app::search_log`): only terms that found something and carry no personal data.
//! The counts are added in batches from each node's memory, so the table sees one write a
//! minute per node, not one per search.

use time::Date;

use crate::db::Db;
use crate::error::Result;
use gongkai_core::calendar::iso_date;

/// The scope of the searches over the whole site.
pub const SITE: i64 = 0;

/// Adds `counts` ((scope, term), searches) seen up to `day`; a scope is an agency id or [`SITE`].
pub async fn add(db: &Db, counts: &[((i64, String), i64)], day: Date) -> Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let day = iso_date::format(day);
    let mut tx = db.begin().await?;
    for ((scope, term), n) in counts {
        sqlx::query(
            "insert into search_terms (agency_id, term, hits, last_on) values ($1, $2, $3, $4)
             on conflict (agency_id, term)
             do update set hits = search_terms.hits + excluded.hits, last_on = excluded.last_on",
        )
        .bind(scope)
        .bind(term)
        .bind(*n)
        .bind(&day)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The most searched terms of `scope` (an agency id or [`SITE`]) seen since `since` with at
/// least `min_hits` searches, most first.
pub async fn popular(db: &Db, scope: i64, since: Date, min_hits: i64, limit: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "select term from search_terms where agency_id = $1 and hits >= $2 and last_on >= $3
         order by hits desc, term limit $4",
    )
    .bind(scope)
    .bind(min_hits)
    .bind(iso_date::format(since))
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}

//! The public's search terms as counted for suggestions (热门搜索): each term with how often it
//! was searched and the last China-time day it was. What is kept is decided before it gets here
//! (`gongkai_app::search_log`): only terms that found something and carry no personal data.
//! The counts are added in batches from each node's memory, so the table sees one write a
//! minute per node, not one per search.

use time::Date;

use crate::db::Db;
use crate::error::Result;
use gongkai_core::calendar::iso_date;

/// Adds `counts` (term, searches) seen up to `day`.
pub async fn add(db: &Db, counts: &[(String, i64)], day: Date) -> Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let day = iso_date::format(day);
    let mut tx = db.begin().await?;
    for (term, n) in counts {
        sqlx::query(
            "insert into search_terms (term, hits, last_on) values ($1, $2, $3)
             on conflict (term) do update set hits = search_terms.hits + excluded.hits, last_on = excluded.last_on",
        )
        .bind(term)
        .bind(*n)
        .bind(&day)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The most searched terms seen since `since` with at least `min_hits` searches, most first.
pub async fn popular(db: &Db, since: Date, min_hits: i64, limit: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "select term from search_terms where hits >= $1 and last_on >= $2 order by hits desc, term limit $3",
    )
    .bind(min_hits)
    .bind(iso_date::format(since))
    .bind(limit)
    .fetch_all(db.reader())
    .await?)
}

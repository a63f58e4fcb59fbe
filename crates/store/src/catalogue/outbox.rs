//! The outbox: an append-only feed of changes (monotonically increasing id) that the search
//! indexer follows. Written in the transaction of the change; read from any id onwards.

use crate::db::{Db, Tx};
use crate::error::Result;
use crate::timestamp;

/// One change to follow.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub entity: String,
    pub entity_id: i64,
    pub op: String,
}

pub async fn push(tx: &mut Tx, entity: &str, entity_id: i64, op: &str) -> Result<()> {
    sqlx::query("insert into outbox (entity, entity_id, op, at) values ($1, $2, $3, $4)")
        .bind(entity)
        .bind(entity_id)
        .bind(op)
        .bind(timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Entries after `after`, at most `limit`, in order.
pub async fn after(db: &Db, after: i64, limit: i64) -> Result<Vec<Entry>> {
    Ok(sqlx::query_as("select id, entity, entity_id, op from outbox where id > $1 order by id limit $2")
        .bind(after)
        .bind(limit)
        .fetch_all(db.reader())
        .await?)
}

/// The newest entry id (0 when empty).
pub async fn head(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("select cast(coalesce(max(id), 0) as bigint) from outbox").fetch_one(db.reader()).await?)
}

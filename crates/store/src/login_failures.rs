//! Failed sign-ins, counted in the database so that every node of a province sees the same
//! throttle. Only failures count: an office whose staff all sign in from one NAT address is
//! never locked out by its own successful sign-ins, while guessing is slowed per account name
//! and per client address. A success clears the failures of its account (not of the address).

use crate::db::Db;
use crate::error::Result;
use crate::timestamp;

/// How many failures are allowed within [`Limits::window_minutes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_account: u32,
    pub per_address: u32,
    pub window_minutes: i64,
}

/// Which limit was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttled {
    Account,
    Address,
}

fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
}

fn since(minutes: i64) -> String {
    timestamp::format(time::OffsetDateTime::now_utc() - time::Duration::minutes(minutes))
}

/// Whether another attempt for `account` from `address` must wait.
pub async fn throttled(db: &Db, account: &str, address: &str, limits: Limits) -> Result<Option<Throttled>> {
    let from = since(limits.window_minutes);
    let by_account: i64 =
        sqlx::query_scalar("select cast(count(*) as bigint) from login_failures where account = $1 and at >= $2")
            .bind(account_key(account))
            .bind(&from)
            .fetch_one(db.reader())
            .await?;
    if by_account >= i64::from(limits.per_account) {
        return Ok(Some(Throttled::Account));
    }
    let by_address: i64 =
        sqlx::query_scalar("select cast(count(*) as bigint) from login_failures where address = $1 and at >= $2")
            .bind(address)
            .bind(&from)
            .fetch_one(db.reader())
            .await?;
    Ok((by_address >= i64::from(limits.per_address)).then_some(Throttled::Address))
}

/// Records one failure (and prunes failures older than a day).
pub async fn record(db: &Db, account: &str, address: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("delete from login_failures where at < $1").bind(since(24 * 60)).execute(&mut *tx).await?;
    sqlx::query("insert into login_failures (account, address, at) values ($1, $2, $3)")
        .bind(account_key(account))
        .bind(address)
        .bind(timestamp::now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets the failures of `account` after it signed in. They still count for their addresses:
/// guessing many accounts from one address is not excused by one success.
pub async fn clear(db: &Db, account: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("update login_failures set account = '' where account = $1")
        .bind(account_key(account))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

//! Login sessions. The browser holds a random 256-bit token; the database holds its SHA-256, so
//! a copy of the database cannot be used to log in. A session ends after [`LIFETIME`], or after
//! [`IDLE_LIMIT`] without use (a console left open on a shared office computer).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::Result;
use crate::staff::Staff;
use crate::timestamp;

/// How long a session lasts.
pub const LIFETIME: Duration = Duration::hours(12);
/// How long a session may go unused.
pub const IDLE_LIMIT: Duration = Duration::minutes(60);
/// How often the last use is written (not on every page).
const SEEN_EVERY: Duration = Duration::minutes(1);

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `staff` and returns the token for the cookie.
pub async fn start(db: &Db, staff: &Staff) -> Result<String> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    sqlx::query("delete from sessions where expires_at < $1").bind(timestamp::format(now)).execute(&mut *tx).await?;
    sqlx::query(
        "insert into sessions (token_hash, staff_id, created_at, expires_at, last_seen_at) values ($1, $2, $3, $4, $3)",
    )
    .bind(token_hash(&token))
    .bind(staff.id)
    .bind(timestamp::format(now))
    .bind(timestamp::format(now + LIFETIME))
    .execute(&mut *tx)
    .await?;
    let change = Change {
        agency_id: Some(staff.agency_id),
        entity: "session",
        entity_id: staff.id.to_string(),
        action: "login",
        before: None,
        after: Some(json!({"username": staff.username})),
    };
    audit::append(&mut tx, &staff.actor(), change).await?;
    tx.commit().await?;
    Ok(token)
}

/// The active staff account behind a token, if the session is valid: not past its lifetime,
/// used within [`IDLE_LIMIT`], the account enabled. Notes the use at most once a minute.
pub async fn lookup(db: &Db, token: &str) -> Result<Option<Staff>> {
    lookup_at(db, token, OffsetDateTime::now_utc()).await
}

/// [`lookup`] as of `now` (tests move the clock). One read on every console page; a write at
/// most once a minute.
pub async fn lookup_at(db: &Db, token: &str, now: OffsetDateTime) -> Result<Option<Staff>> {
    use sqlx::{FromRow, Row};
    let hash = token_hash(token);
    let row = sqlx::query(
        "select staff.*, sessions.last_seen_at as session_seen, sessions.created_at as session_started
         from sessions join staff on staff.id = sessions.staff_id
         where sessions.token_hash = $1 and sessions.expires_at > $2 and staff.active = 1",
    )
    .bind(&hash)
    .bind(timestamp::format(now))
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let seen: Option<String> = row.try_get("session_seen")?;
    let started: String = row.try_get("session_started")?;
    let Some(last) = timestamp::parse(seen.as_deref().unwrap_or(&started)).map(|m| m.0) else { return Ok(None) };
    if now - last > IDLE_LIMIT {
        return Ok(None);
    }
    if now - last > SEEN_EVERY {
        let mut tx = db.begin().await?;
        sqlx::query("update sessions set last_seen_at = $1 where token_hash = $2")
            .bind(timestamp::format(now))
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Some(Staff::from_row(&row)?))
}

/// Ends a session.
pub async fn end(db: &Db, staff: &Staff, token: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("delete from sessions where token_hash = $1").bind(token_hash(token)).execute(&mut *tx).await?;
    let change = Change {
        agency_id: Some(staff.agency_id),
        entity: "session",
        entity_id: staff.id.to_string(),
        action: "logout",
        before: None,
        after: None,
    };
    audit::append(&mut tx, &staff.actor(), change).await?;
    tx.commit().await?;
    Ok(())
}

//! Personal API tokens: how office systems (OA, 12345 hotline platforms) call the staff JSON API
//! as one staff member, with that member's roles and agency scope.
//!
//! The secret (`gk_` and 43 URL-safe characters, 256 random bits) is returned once, when the token
//! is made, and never again; the database keeps its SHA-256, like a session's, so a copy of the
//! database cannot call the API. A token expires after the days chosen when it was made (at most
//! [`MAX_DAYS`]), can be revoked, stops working when its account is disabled, and every creation
//! and revocation is in the audit log.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gongkai_core::calendar::china_time::Moment;
use gongkai_core::field::{FieldError, FieldErrors};
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::Staff;
use crate::timestamp;

/// What every secret starts with (so a leaked one is recognisable in a scan).
pub const SECRET_PREFIX: &str = "gk_";
/// The longest lifetime a token may be given.
pub const MAX_DAYS: i64 = 366;
/// The lifetime when none is chosen.
pub const DEFAULT_DAYS: i64 = 90;

/// A token as stored (never the secret).
#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: i64,
    pub staff_id: i64,
    pub name: String,
    /// The secret's first characters (`gk_AbCd1234`), to tell tokens apart.
    pub prefix: String,
    pub created_at: Moment,
    pub expires_at: Moment,
    pub last_used_at: Option<Moment>,
    pub revoked_at: Option<Moment>,
}

crate::from_row!(ApiToken, "api_tokens", |r| Ok(ApiToken {
    id: r.id(),
    staff_id: r.int("staff_id")?,
    name: r.text("name")?,
    prefix: r.text("prefix")?,
    created_at: r.moment("created_at")?,
    expires_at: r.moment("expires_at")?,
    last_used_at: r.opt_moment("last_used_at")?,
    revoked_at: r.opt_moment("revoked_at")?,
}));

/// Whether a token can be used now, in words for its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn label(self) -> &'static str {
        match self {
            TokenState::Active => "有效",
            TokenState::Expired => "已过期",
            TokenState::Revoked => "已撤销",
        }
    }
}

impl ApiToken {
    pub fn state_at(&self, now: OffsetDateTime) -> TokenState {
        if self.revoked_at.is_some() {
            TokenState::Revoked
        } else if self.expires_at.0 <= now {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }
}

/// A token just made, with the secret to show once.
#[derive(Debug)]
pub struct IssuedToken {
    pub token: ApiToken,
    pub secret: String,
}

/// What a staff member asks for when making a token.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub name: String,
    pub days: i64,
}

impl TokenRequest {
    /// Reads the console form / CLI flags: a name (required, at most 60 characters) and a
    /// lifetime in days (1 to [`MAX_DAYS`]; empty means [`DEFAULT_DAYS`]).
    pub fn parse(name: &str, days: &str) -> std::result::Result<TokenRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", "令牌名称", "请填写令牌名称，如“12345热线平台对接”"));
        } else if name.chars().count() > 60 {
            errors.push(FieldError::new("name", "令牌名称", "令牌名称不超过60个字"));
        }
        let days = match days.trim() {
            "" => DEFAULT_DAYS,
            text => match text.parse::<i64>() {
                Ok(n) if (1..=MAX_DAYS).contains(&n) => n,
                _ => {
                    errors.push(FieldError::new("days", "有效天数", format!("有效天数应为1至{MAX_DAYS}之间的整数")));
                    0
                }
            },
        };
        errors.into_result()?;
        Ok(TokenRequest { name: name.to_owned(), days })
    }
}

fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Makes a token for `staff`, recorded as done by `actor`.
pub async fn issue(db: &Db, actor: &Actor, staff: &Staff, request: &TokenRequest) -> Result<IssuedToken> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = format!("{SECRET_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let prefix: String = secret.chars().take(SECRET_PREFIX.len() + 8).collect();
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "insert into api_tokens (staff_id, name, prefix, secret_hash, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(staff.id)
    .bind(&request.name)
    .bind(&prefix)
    .bind(secret_hash(&secret))
    .bind(timestamp::format(now))
    .bind(timestamp::format(now + Duration::days(request.days)))
    .fetch_one(&mut *tx)
    .await?;
    let change = Change {
        agency_id: Some(staff.agency_id),
        entity: "api_token",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(json!({"name": request.name, "username": staff.username, "days": request.days, "prefix": prefix})),
    };
    audit::append(&mut tx, actor, change).await?;
    let token: ApiToken = sqlx::query_as("select * from api_tokens where id = $1").bind(id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(IssuedToken { token, secret })
}

/// The tokens of `staff_id`, newest first.
pub async fn of_staff(db: &Db, staff_id: i64) -> Result<Vec<ApiToken>> {
    Ok(sqlx::query_as("select * from api_tokens where staff_id = $1 order by id desc")
        .bind(staff_id)
        .fetch_all(db.reader())
        .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<ApiToken> {
    sqlx::query_as("select * from api_tokens where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该令牌"))
}

/// Revokes token `id` (of `staff`); revoking a revoked token changes nothing.
pub async fn revoke(db: &Db, actor: &Actor, staff: &Staff, id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let changed =
        sqlx::query("update api_tokens set revoked_at = $1 where id = $2 and staff_id = $3 and revoked_at is null")
            .bind(timestamp::now())
            .bind(id)
            .bind(staff.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if changed == 1 {
        let change = Change {
            agency_id: Some(staff.agency_id),
            entity: "api_token",
            entity_id: id.to_string(),
            action: "revoke",
            before: None,
            after: Some(json!({"username": staff.username})),
        };
        audit::append(&mut tx, actor, change).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The token and active account behind `secret`, if it is valid now (not revoked, not expired,
/// the account enabled). Notes when it was last used, at most once a minute per token, so a busy
/// integration does not write on every call.
pub async fn authenticate(db: &Db, secret: &str) -> Result<Option<(ApiToken, Staff)>> {
    if !secret.starts_with(SECRET_PREFIX) {
        return Ok(None);
    }
    let now = OffsetDateTime::now_utc();
    let token: Option<ApiToken> = sqlx::query_as(
        "select api_tokens.* from api_tokens join staff on staff.id = api_tokens.staff_id
         where api_tokens.secret_hash = $1 and api_tokens.revoked_at is null and api_tokens.expires_at > $2
           and staff.active = 1",
    )
    .bind(secret_hash(secret))
    .bind(timestamp::format(now))
    .fetch_optional(db.reader())
    .await?;
    let Some(token) = token else { return Ok(None) };
    let staff = crate::staff::get(db, token.staff_id).await?;
    if token.last_used_at.is_none_or(|t| now - t.0 > Duration::minutes(1)) {
        let mut tx = db.begin().await?;
        sqlx::query("update api_tokens set last_used_at = $1 where id = $2")
            .bind(timestamp::format(now))
            .bind(token.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Some((token, staff)))
}

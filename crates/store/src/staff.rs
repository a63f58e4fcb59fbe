//! Staff accounts: one agency each, one or more roles, an argon2id password hash.
//!
//! Password hashing costs tens of milliseconds, so it runs on the blocking pool. Audit summaries
//! of staff changes never include the hash. User names are unique across the whole tree.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use gongkai_core::agency::{Role, Roles};
use gongkai_core::field::{FieldError, FieldErrors, optional_email, required_text};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::actor::{Actor, StoredActor};
use crate::audit::{self, Change};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;
use gongkai_core::calendar::china_time::Moment;

pub const MIN_PASSWORD_CHARS: usize = 10;

/// How the console names a staff member's email field.
pub const EMAIL_LABEL: &str = "通知邮箱";

/// A stored staff account.
#[derive(Debug, Clone, Serialize)]
pub struct Staff {
    pub id: i64,
    pub agency_id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Roles,
    /// Where this member's own reminders go by email; empty when not given (then the
    /// disclosure office's address). Never shown to the public.
    pub email: String,
    #[serde(skip)]
    pub password_hash: String,
    pub active: bool,
    pub created_at: Moment,
    pub updated_at: Moment,
}

crate::from_row!(Staff, "staff", |r| Ok(Staff {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    username: r.text("username")?,
    display_name: r.text("display_name")?,
    roles: r.key("roles", Roles::from_stored)?,
    email: r.text("email")?,
    password_hash: r.text("password_hash")?,
    active: r.flag("active")?,
    created_at: r.moment("created_at")?,
    updated_at: r.moment("updated_at")?,
}));

impl Staff {
    pub fn roles(&self) -> Roles {
        self.roles.clone()
    }

    pub fn is_active(&self) -> bool {
        self.active
    }

    /// `张三（依申请经办）`: the name and roles people see.
    pub fn name_with_roles(&self) -> String {
        format!("{}（{}）", self.display_name, self.roles.labels())
    }

    /// The actor this account acts as.
    pub fn actor(&self) -> Actor {
        Actor::Staff { id: self.id, username: self.username.clone(), agency_id: self.agency_id, roles: self.roles() }
    }

    fn summary(&self) -> serde_json::Value {
        json!({"username": self.username, "display_name": self.display_name, "roles": self.roles.to_stored(),
               "email": self.email, "agency_id": self.agency_id, "active": self.active})
    }
}

/// The staff form as typed (roles as their machine names).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StaffForm {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<String>,
}

/// A validated staff form.
#[derive(Debug, Clone)]
pub struct StaffFields {
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub roles: Roles,
}

/// What an administrator changes on an account (the user name never changes).
#[derive(Debug, Clone)]
pub struct StaffChange {
    pub display_name: String,
    pub email: String,
    pub roles: Roles,
    pub active: bool,
}

impl StaffForm {
    pub fn parse(&self) -> Result<StaffFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let username = required_text(&mut e, "username", "用户名", &self.username, 32).to_ascii_lowercase();
        if !username.is_empty()
            && (username.chars().count() < 3
                || !username.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)))
        {
            e.push(FieldError::new("username", "用户名", "用户名应为3至32位字母、数字、“_”、“.”或“-”"));
        }
        let display_name = required_text(&mut e, "display_name", "姓名", &self.display_name, 50);
        let email = optional_email(&mut e, "email", EMAIL_LABEL, &self.email).unwrap_or_default();
        let roles = parse_roles(&mut e, &self.roles);
        e.into_result()?;
        Ok(StaffFields { username, display_name, email, roles })
    }
}

/// Parses role names; at least one is required.
pub fn parse_roles(e: &mut FieldErrors, names: &[String]) -> Roles {
    let mut roles = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        match name.parse::<Role>() {
            Ok(role) => roles.push(role),
            Err(msg) => e.push(FieldError::new("roles", "角色", msg)),
        }
    }
    if roles.is_empty() && e.get("roles").is_none() {
        e.push(FieldError::new("roles", "角色", "请至少选择一个角色"));
    }
    Roles::new(roles)
}

/// Checks a new password against the policy.
pub fn check_password(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(field, "密码", format!("密码至少{MIN_PASSWORD_CHARS}个字符，现有{n}个")));
    }
    if n > 200 {
        return Err(FieldError::new(field, "密码", "密码过长：最多200个字符"));
    }
    Ok(())
}

/// A random password of 16 characters without look-alikes (for generated credentials).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}

pub(crate) async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

pub(crate) async fn password_matches(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || match PasswordHash::new(&hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    })
    .await
    .unwrap_or(false)
}

/// Creates a staff account in `agency_id` with `password`.
pub async fn create(db: &Db, actor: &Actor, agency_id: i64, fields: StaffFields, password: &str) -> Result<Staff> {
    check_password("password", password)?;
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = db.begin().await?;
    let taken: Option<i64> = sqlx::query_scalar("select id from staff where username = $1")
        .bind(&fields.username)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(Error::field("username", "用户名", format!("用户名“{}”已被使用", fields.username)));
    }
    let agency_exists: Option<i64> =
        sqlx::query_scalar("select id from agencies where id = $1").bind(agency_id).fetch_optional(&mut *tx).await?;
    agency_exists.ok_or(Error::NotFound("该机关"))?;
    let now = timestamp::now();
    // Two nodes may both have seen the name free: the unique index decides, as a field error.
    let id: i64 = sqlx::query_scalar(
        "insert into staff (agency_id, username, display_name, email, roles, password_hash, active, created_at, updated_at)
         values ($1, $2, $3, $7, $4, $5, 1, $6, $6) returning id",
    )
    .bind(agency_id)
    .bind(&fields.username)
    .bind(&fields.display_name)
    .bind(fields.roles.to_stored())
    .bind(&hash)
    .bind(&now)
    .bind(&fields.email)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| {
        Error::from(e).on_unique_violation("username", "用户名", format!("用户名“{}”已被使用", fields.username))
    })?;
    let staff = get_in(&mut tx, id).await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "staff",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(staff.summary()),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(staff)
}

/// Changes name, email, roles and whether the account is active (the user name never changes).
pub async fn update(db: &Db, actor: &Actor, id: i64, change: &StaffChange) -> Result<Staff> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    sqlx::query(
        "update staff set display_name = $1, roles = $2, active = $3, updated_at = $4, email = $6 where id = $5",
    )
    .bind(&change.display_name)
    .bind(change.roles.to_stored())
    .bind(change.active as i64)
    .bind(timestamp::now())
    .bind(id)
    .bind(&change.email)
    .execute(&mut *tx)
    .await?;
    if !change.active {
        sqlx::query("delete from sessions where staff_id = $1").bind(id).execute(&mut *tx).await?;
    }
    commit_change(tx, actor, "update", before).await
}

/// Sets the member's own notification address (`""` clears it), audited like any change.
pub async fn set_email(db: &Db, actor: &Actor, id: i64, email: &str) -> Result<Staff> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    sqlx::query("update staff set email = $1, updated_at = $2 where id = $3")
        .bind(email)
        .bind(timestamp::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    commit_change(tx, actor, "set_email", before).await
}

/// Audits the change of an account from `before` to what it is now in `tx`, and commits.
async fn commit_change(mut tx: Tx, actor: &Actor, action: &'static str, before: Staff) -> Result<Staff> {
    let after = get_in(&mut tx, before.id).await?;
    let change = Change {
        agency_id: Some(after.agency_id),
        entity: "staff",
        entity_id: after.id.to_string(),
        action,
        before: Some(before.summary()),
        after: Some(after.summary()),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// Sets a new password (by an admin, or by the user after checking the old one) and ends the
/// account's other sessions.
pub async fn set_password(db: &Db, actor: &Actor, id: i64, new_password: &str) -> Result<()> {
    check_password("new_password", new_password)?;
    let hash = hash_password(new_password.to_owned()).await?;
    let mut tx = db.begin().await?;
    let staff = get_in(&mut tx, id).await?;
    sqlx::query("update staff set password_hash = $1, updated_at = $2 where id = $3")
        .bind(&hash)
        .bind(timestamp::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from sessions where staff_id = $1").bind(id).execute(&mut *tx).await?;
    let change = Change {
        agency_id: Some(staff.agency_id),
        entity: "staff",
        entity_id: id.to_string(),
        action: "set_password",
        before: None,
        after: None,
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The account for these credentials, if they are right and the account is active.
pub async fn authenticate(db: &Db, username: &str, password: &str) -> Result<Staff> {
    let staff: Option<Staff> = sqlx::query_as("select * from staff where username = $1")
        .bind(username.trim().to_ascii_lowercase())
        .fetch_optional(db.reader())
        .await?;
    // Hash even for unknown users, so timing does not tell which user names exist.
    let hash = staff.as_ref().map(|s| s.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.to_owned());
    let ok = password_matches(password.to_owned(), hash).await;
    match staff {
        Some(s) if ok && s.is_active() => Ok(s),
        _ => Err(Error::BadCredentials),
    }
}

/// Checks `password` against the stored hash of account `id`.
pub async fn check_current_password(db: &Db, id: i64, password: &str) -> Result<bool> {
    let staff = get(db, id).await?;
    Ok(password_matches(password.to_owned(), staff.password_hash).await)
}

const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9Q0cD4gXh0sXxK8xQ2w7yR3bU8C1m8Z0nq0pW8Jr1uE";

async fn get_in(tx: &mut Tx, id: i64) -> Result<Staff> {
    sqlx::query_as("select * from staff where id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound("该工作人员"))
}

pub async fn get(db: &Db, id: i64) -> Result<Staff> {
    sqlx::query_as("select * from staff where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该工作人员"))
}

pub async fn by_username(db: &Db, username: &str) -> Result<Staff> {
    sqlx::query_as("select * from staff where username = $1")
        .bind(username.trim().to_ascii_lowercase())
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该用户"))
}

/// How histories and logs name the people in them: `张三（依申请经办）` by staff id.
#[derive(Debug, Clone, Default)]
pub struct People(std::collections::HashMap<i64, String>);

impl People {
    /// The name of `actor` (see [`StoredActor::label`]).
    pub fn label(&self, actor: &StoredActor) -> String {
        actor.label(&self.0)
    }

    /// The name of an optional actor, or an empty string.
    pub fn label_opt(&self, actor: &Option<StoredActor>) -> String {
        actor.as_ref().map(|a| self.label(a)).unwrap_or_default()
    }
}

/// The names of the staff among `actors`. (The ids are collected before the future starts, so
/// the future holds no borrowed iterator and stays `Send` in handlers.)
pub fn people<'a, 'd>(
    db: &'d Db,
    actors: impl IntoIterator<Item = &'a StoredActor>,
) -> impl Future<Output = Result<People>> + Send + 'd {
    let ids: Vec<i64> = actors.into_iter().filter_map(StoredActor::staff_id).collect();
    async move { Ok(People(names(db, ids).await?)) }
}

/// `张三（依申请经办）` by staff id, for the ids given (names in histories and logs).
pub async fn names(db: &Db, mut ids: Vec<i64>) -> Result<std::collections::HashMap<i64, String>> {
    ids.sort_unstable();
    ids.dedup();
    let mut names = std::collections::HashMap::new();
    for chunk in ids.chunks(200) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let staff: Vec<Staff> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("select * from staff where id in ({list})")))
                .fetch_all(db.reader())
                .await?;
        names.extend(staff.into_iter().map(|s| (s.id, s.name_with_roles())));
    }
    Ok(names)
}

/// The staff of one agency, by user name.
pub async fn of_agency(db: &Db, agency_id: i64) -> Result<Vec<Staff>> {
    Ok(sqlx::query_as("select * from staff where agency_id = $1 order by username")
        .bind(agency_id)
        .fetch_all(db.reader())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_form_needs_a_valid_user_name_and_a_role() {
        let form =
            StaffForm { username: "a b".into(), display_name: "张三".into(), roles: vec![], ..Default::default() };
        let e = form.parse().unwrap_err();
        assert!(e.get("username").unwrap().starts_with("用户名应为3至32位"));
        assert_eq!(e.get("roles"), Some("请至少选择一个角色"));
        let form = StaffForm {
            username: "Zhang.San".into(),
            display_name: "张三".into(),
            roles: vec!["handler".into()],
            ..Default::default()
        };
        let f = form.parse().unwrap();
        assert_eq!(f.username, "zhang.san");
        assert!(f.roles.contains(Role::Handler));
    }

    #[test]
    fn short_passwords_are_refused_and_generated_ones_pass() {
        assert!(check_password("password", "short").is_err());
        let p = generate_password();
        assert_eq!(p.chars().count(), 16);
        assert!(check_password("password", &p).is_ok());
    }
}

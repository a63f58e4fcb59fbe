//! The agency tree and each agency's public details (what its 政府信息公开指南 shows).
//!
//! An agency has at most one parent; its `path` (`/1/4/9/`) lists the ids from the root down to
//! itself, so a subtree is one prefix query and the access relation is a prefix test
//! ([`gongkai_core::agency::Relation::between`]). The credit code is unique across the tree.

use gongkai_core::agency::{CreditCode, Level};
use gongkai_core::field::{FieldError, FieldErrors, optional_email, optional_text, required_text};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;
use gongkai_core::calendar::china_time::Moment;

/// A stored agency.
#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    pub id: i64,
    pub parent_id: Option<i64>,
    #[serde(skip)]
    pub path: String,
    pub level: Level,
    pub name: String,
    pub short_name: Option<String>,
    pub credit_code: String,
    pub site_code: Option<String>,
    pub address: Option<String>,
    pub office_hours: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub postcode: Option<String>,
    pub website: Option<String>,
    pub guide_notes: Option<String>,
    /// How applicants pay a fee notice (缴纳方式), filled into every fee notice the office issues.
    pub fee_payment_method: Option<String>,
    /// Whether the author of an item may also check it (保密审查, 审核, 签发): off by default
    /// (separation of duties); an office of one or two people turns it on.
    pub allow_self_review: bool,
    pub created_at: Moment,
    pub updated_at: Moment,
}

crate::from_row!(Agency, "agencies", |r| Ok(Agency {
    id: r.id(),
    parent_id: r.opt_int("parent_id")?,
    path: r.text("path")?,
    level: r.parsed("level")?,
    name: r.text("name")?,
    short_name: r.opt_text("short_name")?,
    credit_code: r.text("credit_code")?,
    site_code: r.opt_text("site_code")?,
    address: r.opt_text("address")?,
    office_hours: r.opt_text("office_hours")?,
    phone: r.opt_text("phone")?,
    fax: r.opt_text("fax")?,
    email: r.opt_text("email")?,
    postcode: r.opt_text("postcode")?,
    website: r.opt_text("website")?,
    guide_notes: r.opt_text("guide_notes")?,
    fee_payment_method: r.opt_text("fee_payment_method")?,
    allow_self_review: r.flag("allow_self_review")?,
    created_at: r.moment("created_at")?,
    updated_at: r.moment("updated_at")?,
}));

impl Agency {
    pub fn level(&self) -> Level {
        self.level
    }

    /// How deep in the tree (root = 0), from the path.
    pub fn depth(&self) -> usize {
        self.path.matches('/').count().saturating_sub(2)
    }

    /// The short name, or the full name when there is none.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    fn summary(&self) -> serde_json::Value {
        json!({
            "name": self.name, "short_name": self.short_name, "level": self.level.as_str(),
            "credit_code": self.credit_code, "site_code": self.site_code, "parent_id": self.parent_id,
            "address": self.address, "office_hours": self.office_hours, "phone": self.phone,
            "fax": self.fax, "email": self.email, "postcode": self.postcode, "website": self.website,
            "fee_payment_method": self.fee_payment_method, "allow_self_review": self.allow_self_review,
        })
    }
}

/// The agency form as typed by a person (every field a string).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AgencyForm {
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub credit_code: String,
    pub site_code: String,
    pub address: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub postcode: String,
    pub website: String,
    pub guide_notes: String,
    pub fee_payment_method: String,
    /// `1` when the author of an item may check it too (a checkbox; absent means no).
    pub allow_self_review: String,
}

/// A validated agency form.
#[derive(Debug, Clone)]
pub struct AgencyFields {
    pub name: String,
    pub short_name: Option<String>,
    pub level: Level,
    pub credit_code: CreditCode,
    pub site_code: Option<String>,
    pub address: Option<String>,
    pub office_hours: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub postcode: Option<String>,
    pub website: Option<String>,
    pub guide_notes: Option<String>,
    pub fee_payment_method: Option<String>,
    pub allow_self_review: bool,
}

impl AgencyForm {
    /// Parses the form, collecting every problem with its field named.
    pub fn parse(&self) -> Result<AgencyFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = required_text(&mut e, "name", "机关名称", &self.name, 100);
        let short_name = optional_text(&mut e, "short_name", "简称", &self.short_name, 30);
        let level = match self.level.trim().parse::<Level>() {
            Ok(level) => Some(level),
            Err(_) if self.level.trim().is_empty() => {
                e.push(FieldError::new("level", "机关层级", "机关层级不能为空"));
                None
            }
            Err(msg) => {
                e.push(FieldError::new("level", "机关层级", msg));
                None
            }
        };
        let credit_code = CreditCode::parse(&self.credit_code).map_err(|err| e.push(err)).ok();
        let site_code = optional_text(&mut e, "site_code", "网站标识码", &self.site_code, 20);
        if let Some(code) = &site_code
            && !code.chars().all(|c| c.is_ascii_alphanumeric())
        {
            e.push(FieldError::new("site_code", "网站标识码", "网站标识码只能包含字母和数字"));
        }
        let address = optional_text(&mut e, "address", "办公地址", &self.address, 200);
        let office_hours = optional_text(&mut e, "office_hours", "办公时间", &self.office_hours, 200);
        let phone = phone_field(&mut e, "phone", "联系电话", &self.phone);
        let fax = phone_field(&mut e, "fax", "传真号码", &self.fax);
        let email = optional_email(&mut e, "email", "电子邮箱", &self.email);
        let postcode = optional_text(&mut e, "postcode", "邮政编码", &self.postcode, 6);
        if let Some(code) = &postcode
            && (code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()))
        {
            e.push(FieldError::new("postcode", "邮政编码", "邮政编码应为6位数字"));
        }
        let website = optional_text(&mut e, "website", "网站地址", &self.website, 200);
        if let Some(site) = &website
            && !(site.starts_with("http://") || site.starts_with("https://"))
        {
            e.push(FieldError::new("website", "网站地址", "网站地址应以 http:// 或 https:// 开头"));
        }
        let guide_notes = optional_text(&mut e, "guide_notes", "指南补充说明", &self.guide_notes, 5000);
        let fee_payment_method =
            optional_text(&mut e, "fee_payment_method", "信息处理费缴纳方式", &self.fee_payment_method, 500);
        e.into_result()?;
        Ok(AgencyFields {
            name,
            short_name,
            level: level.expect("checked"),
            credit_code: credit_code.expect("checked"),
            site_code,
            address,
            office_hours,
            phone,
            fax,
            email,
            postcode,
            website,
            guide_notes,
            fee_payment_method,
            allow_self_review: matches!(self.allow_self_review.trim(), "1" | "on" | "true"),
        })
    }

    /// The form pre-filled from a stored agency (for editing).
    pub fn from_agency(a: &Agency) -> Self {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            name: a.name.clone(),
            short_name: s(&a.short_name),
            level: a.level.as_str().to_owned(),
            credit_code: a.credit_code.clone(),
            site_code: s(&a.site_code),
            address: s(&a.address),
            office_hours: s(&a.office_hours),
            phone: s(&a.phone),
            fax: s(&a.fax),
            email: s(&a.email),
            postcode: s(&a.postcode),
            website: s(&a.website),
            guide_notes: s(&a.guide_notes),
            fee_payment_method: s(&a.fee_payment_method),
            allow_self_review: if a.allow_self_review { "1".into() } else { String::new() },
        }
    }
}

fn phone_field(e: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<String> {
    let value = optional_text(e, field, label, value, 50)?;
    let allowed = |c: char| c.is_ascii_digit() || " -+()（）,，、转/".contains(c);
    if !value.chars().all(allowed) || !value.chars().any(|c| c.is_ascii_digit()) {
        e.push(FieldError::new(field, label, format!("{label}只能包含数字、空格、“-”、括号和“转”")));
    }
    Some(value)
}

/// Binds the 15 editable fields of an [`AgencyFields`] as `$1`…`$15`, in column order
/// `level, name, short_name, credit_code, site_code, address, office_hours, phone, fax, email,
/// postcode, website, guide_notes, fee_payment_method, allow_self_review`.
macro_rules! bind_fields {
    ($query:expr, $f:expr) => {
        $query
            .bind($f.level.as_str())
            .bind(&$f.name)
            .bind(&$f.short_name)
            .bind($f.credit_code.as_str())
            .bind(&$f.site_code)
            .bind(&$f.address)
            .bind(&$f.office_hours)
            .bind(&$f.phone)
            .bind(&$f.fax)
            .bind(&$f.email)
            .bind(&$f.postcode)
            .bind(&$f.website)
            .bind(&$f.guide_notes)
            .bind(&$f.fee_payment_method)
            .bind(i64::from($f.allow_self_review))
    };
}

const CODE_TAKEN: &str = "该统一社会信用代码已被其他机关使用";

/// Creates an agency under `parent_id` (None for a root).
pub async fn create(db: &Db, actor: &Actor, parent_id: Option<i64>, fields: AgencyFields) -> Result<Agency> {
    let mut tx = db.begin().await?;
    let parent_path = match parent_id {
        Some(pid) => Some(get_in(&mut tx, pid).await?.path),
        None => None,
    };
    ensure_code_free(&mut tx, fields.credit_code.as_str(), None).await?;
    let now = timestamp::now();
    let insert = sqlx::query_scalar(
        "insert into agencies (level, name, short_name, credit_code, site_code, address, office_hours, phone,
            fax, email, postcode, website, guide_notes, fee_payment_method, allow_self_review, parent_id, created_at,
            updated_at, path)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, '') returning id",
    );
    // Two nodes may both have seen the code free: the unique index decides, as a field error.
    let id: i64 = bind_fields!(insert, fields)
        .bind(parent_id)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| Error::from(e).on_unique_violation("credit_code", "统一社会信用代码", CODE_TAKEN))?;
    let path = format!("{}{id}/", parent_path.unwrap_or_else(|| "/".into()));
    sqlx::query("update agencies set path = $1 where id = $2").bind(&path).bind(id).execute(&mut *tx).await?;
    let agency = get_in(&mut tx, id).await?;
    let change = Change {
        agency_id: Some(id),
        entity: "agency",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(agency.summary()),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(agency)
}

/// Replaces an agency's details (its place in the tree does not change).
pub async fn update(db: &Db, actor: &Actor, id: i64, fields: AgencyFields) -> Result<Agency> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    ensure_code_free(&mut tx, fields.credit_code.as_str(), Some(id)).await?;
    let update = sqlx::query(
        "update agencies set level = $1, name = $2, short_name = $3, credit_code = $4, site_code = $5,
            address = $6, office_hours = $7, phone = $8, fax = $9, email = $10, postcode = $11,
            website = $12, guide_notes = $13, fee_payment_method = $14, allow_self_review = $15, updated_at = $16
            where id = $17",
    );
    bind_fields!(update, fields)
        .bind(timestamp::now())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| Error::from(e).on_unique_violation("credit_code", "统一社会信用代码", CODE_TAKEN))?;
    let after = get_in(&mut tx, id).await?;
    let change = Change {
        agency_id: Some(id),
        entity: "agency",
        entity_id: id.to_string(),
        action: "update",
        before: Some(before.summary()),
        after: Some(after.summary()),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(after)
}

async fn ensure_code_free(tx: &mut Tx, code: &str, except: Option<i64>) -> Result<()> {
    let holder: Option<(i64, String)> = sqlx::query_as("select id, name from agencies where credit_code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    match holder {
        Some((id, name)) if Some(id) != except => {
            Err(Error::field("credit_code", "统一社会信用代码", format!("统一社会信用代码{code}已被“{name}”使用")))
        }
        _ => Ok(()),
    }
}

async fn get_in(tx: &mut Tx, id: i64) -> Result<Agency> {
    sqlx::query_as("select * from agencies where id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound("该机关"))
}

pub async fn get(db: &Db, id: i64) -> Result<Agency> {
    sqlx::query_as("select * from agencies where id = $1")
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该机关"))
}

/// Looks an agency up by its credit code (case-insensitive).
pub async fn by_code(db: &Db, code: &str) -> Result<Agency> {
    sqlx::query_as("select * from agencies where credit_code = $1")
        .bind(code.trim().to_ascii_uppercase())
        .fetch_optional(db.reader())
        .await?
        .ok_or(Error::NotFound("该统一社会信用代码对应的机关"))
}

/// Every agency, in tree order (parents before children).
pub async fn all(db: &Db) -> Result<Vec<Agency>> {
    Ok(sqlx::query_as("select * from agencies order by path").fetch_all(db.reader()).await?)
}

/// The agency and everything below it, in tree order.
pub async fn subtree(db: &Db, root: &Agency) -> Result<Vec<Agency>> {
    Ok(sqlx::query_as("select * from agencies where path like $1 order by path")
        .bind(format!("{}%", root.path))
        .fetch_all(db.reader())
        .await?)
}

/// The direct children of an agency.
pub async fn children(db: &Db, id: i64) -> Result<Vec<Agency>> {
    Ok(sqlx::query_as("select * from agencies where parent_id = $1 order by name")
        .bind(id)
        .fetch_all(db.reader())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> AgencyForm {
        AgencyForm {
            name: "浩县人民政府".into(),
            level: "county".into(),
            credit_code: "11441700007280420Y".into(),
            phone: "023-7756 1234".into(),
            postcode: "408500".into(),
            email: "gk@hao.gov.cn".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let f = valid().parse().unwrap();
        assert_eq!(f.level, Level::County);
        assert_eq!(f.phone.as_deref(), Some("023-7756 1234"));
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let form = AgencyForm {
            name: "".into(),
            credit_code: "11441700007280420X".into(),
            postcode: "4085".into(),
            email: "not-an-email".into(),
            phone: "call me".into(),
            ..valid()
        };
        let errors = form.parse().unwrap_err();
        assert_eq!(errors.get("name"), Some("机关名称不能为空"));
        assert_eq!(errors.get("credit_code"), Some("统一社会信用代码校验位不正确：应为“Y”"));
        assert_eq!(errors.get("postcode"), Some("邮政编码应为6位数字"));
        assert_eq!(errors.get("email"), Some("电子邮箱格式不正确"));
        assert!(errors.get("phone").unwrap().starts_with("联系电话只能包含"));
    }
}

//! 行政复议 and 行政诉讼 about disclosure work (report table 四), linked to a request when there
//! is one.

use gongkai_core::calendar::iso_date;
use gongkai_core::field::{FieldError, FieldErrors};

use gongkai_core::calendar::china_time::Moment;

use crate::actor::Actor;
use crate::actor::StoredActor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

/// The blocks of report table 四.
pub const KINDS: [(&str, &str); 3] = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_reconsideration", "行政诉讼（复议后起诉）"),
];

/// The result columns of report table 四.
pub const RESULTS: [(&str, &str); 4] =
    [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")];

/// A reconsideration or lawsuit, decoded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Appeal {
    pub id: i64,
    pub agency_id: i64,
    pub request_id: Option<i64>,
    /// One of [`KINDS`].
    pub kind: &'static str,
    pub applicant: String,
    #[serde(with = "iso_date")]
    pub filed_on: time::Date,
    pub body: String,
    /// One of [`RESULTS`].
    pub result: &'static str,
    #[serde(with = "iso_date::option")]
    pub result_on: Option<time::Date>,
    pub note: String,
    pub created_by: StoredActor,
    pub created_at: Moment,
}

fn listed(list: &'static [(&'static str, &'static str)], key: &str) -> Result<&'static str, ()> {
    list.iter().find(|(k, _)| *k == key).map(|(k, _)| *k).ok_or(())
}

crate::from_row!(Appeal, "appeals", |r| Ok(Appeal {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    request_id: r.opt_int("request_id")?,
    kind: r.key("kind", |k| listed(&KINDS, k))?,
    applicant: r.text("applicant")?,
    filed_on: r.date("filed_on")?,
    body: r.text("body")?,
    result: r.key("result", |k| listed(&RESULTS, k))?,
    result_on: r.opt_date("result_on")?,
    note: r.text("note")?,
    created_by: r.actor("created_by")?,
    created_at: r.moment("created_at")?,
}));

impl Appeal {
    pub fn kind_label(&self) -> &'static str {
        KINDS.iter().find(|(k, _)| *k == self.kind).map_or("", |(_, l)| l)
    }

    pub fn result_label(&self) -> &'static str {
        RESULTS.iter().find(|(k, _)| *k == self.result).map_or("", |(_, l)| l)
    }
}

/// The raw form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AppealForm {
    pub kind: String,
    pub applicant: String,
    pub filed_on: String,
    pub body: String,
    pub result: String,
    pub result_on: String,
    pub note: String,
}

impl AppealForm {
    fn check(&self) -> std::result::Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        if !KINDS.iter().any(|(k, _)| *k == self.kind) {
            e.push(FieldError::new("kind", "类型", "请选择行政复议或行政诉讼类型"));
        }
        if self.applicant.trim().is_empty() {
            e.push(FieldError::new("applicant", "申请人（原告）", "请填写申请人（原告）"));
        }
        if iso_date::parse(self.filed_on.trim()).is_err() {
            e.push(FieldError::new("filed_on", "提起日期", "提起日期应为“年-月-日”格式"));
        }
        if self.body.trim().is_empty() {
            e.push(FieldError::new("body", "复议机关或法院", "请填写复议机关或法院"));
        }
        if !RESULTS.iter().any(|(k, _)| *k == self.result) {
            e.push(FieldError::new("result", "结果", "请选择结果"));
        }
        let result_on = self.result_on.trim();
        if self.result != "pending" && iso_date::parse(result_on).is_err() {
            e.push(FieldError::new("result_on", "结果日期", "已审结的须填写结果日期（年-月-日）"));
        }
        e.into_result()
    }
}

/// Records an appeal for `agency_id`, linked to `request_id` when given.
pub async fn create(db: &Db, actor: &Actor, agency_id: i64, request_id: Option<i64>, form: &AppealForm) -> Result<i64> {
    form.check().map_err(Error::Invalid)?;
    let mut tx = db.begin().await?;
    let result_on = Some(form.result_on.trim()).filter(|s| !s.is_empty() && form.result != "pending");
    let id: i64 = sqlx::query_scalar(
        "insert into appeals (agency_id, request_id, kind, applicant, filed_on, body, result, result_on, note, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
    )
    .bind(agency_id)
    .bind(request_id)
    .bind(&form.kind)
    .bind(form.applicant.trim())
    .bind(form.filed_on.trim())
    .bind(form.body.trim())
    .bind(&form.result)
    .bind(result_on)
    .bind(form.note.trim())
    .bind(actor.to_string())
    .bind(timestamp::now())
    .fetch_one(&mut *tx)
    .await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "appeal",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(serde_json::json!({"kind": form.kind, "result": form.result, "request_id": request_id})),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(id)
}

/// Appeals of an agency, newest first.
pub async fn of_agency(db: &Db, agency_id: i64) -> Result<Vec<Appeal>> {
    Ok(sqlx::query_as("select * from appeals where agency_id = $1 order by filed_on desc, id desc")
        .bind(agency_id)
        .fetch_all(db.reader())
        .await?)
}

/// Appeals about one request.
pub async fn of_request(db: &Db, request_id: i64) -> Result<Vec<Appeal>> {
    Ok(sqlx::query_as("select * from appeals where request_id = $1 order by id")
        .bind(request_id)
        .fetch_all(db.reader())
        .await?)
}

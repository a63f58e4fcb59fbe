//! Publication and correction of a year's report.
//!
//! A year is a `Draft` until its first version is published. Publishing stores the compiled
//! report as it stands (append-only `report_versions`) and locks the year: the agency's figures
//! and texts can no longer change, and later changes to the records show as a difference
//! against the published version. To correct it, staff open an amendment with a reason
//! (`Amending`), edit, and publish again: the new version carries a correction note naming the
//! reason and every changed cell, and the portal shows it with the note.

use gongkai_core::report::diff::{Change as CellChange, correction_note, diff};
use gongkai_core::report::model::Report;
use gongkai_core::request::letter::chinese_date;

use gongkai_core::calendar::china_time::Moment;

use crate::actor::Actor;
use crate::actor::StoredActor;
use crate::audit::{self, Change};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::timestamp;

/// Where a year's report stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearState {
    Draft,
    Published { version: i64 },
    Amending { version: i64, reason: String, opened_by: StoredActor, opened_at: Moment },
}

impl YearState {
    pub fn label(&self) -> &'static str {
        match self {
            YearState::Draft => "未发布",
            YearState::Published { .. } => "已发布（已锁定）",
            YearState::Amending { .. } => "更正中",
        }
    }

    pub fn is_locked(&self) -> bool {
        matches!(self, YearState::Published { .. })
    }
}

fn corrupt(column: &'static str, value: &str) -> Error {
    Error::Corrupt(crate::decode::Corrupt { table: "report_amendments", id: 0, column, value: value.to_owned() })
}

/// One published version, decoded.
#[derive(Debug, Clone)]
pub struct Version {
    pub id: i64,
    pub agency_id: i64,
    pub year: i32,
    pub version: i64,
    pub format: String,
    pub body: String,
    pub correction_note: Option<String>,
    pub published_by: StoredActor,
    pub published_at: Moment,
}

crate::from_row!(Version, "report_versions", |r| Ok(Version {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    year: i32::try_from(r.int("year")?).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
    version: r.int("version")?,
    format: r.text("format")?,
    body: r.text("body")?,
    correction_note: r.opt_text("correction_note")?,
    published_by: r.actor("published_by")?,
    published_at: r.moment("published_at")?,
}));

impl Version {
    /// The report as it was published.
    pub fn report(&self) -> Result<Report> {
        serde_json::from_str(&self.body)
            .map_err(|e| Error::Internal(format!("report version {} unreadable: {e}", self.id)))
    }
}

async fn state_in(conn: &mut sqlx::AnyConnection, agency_id: i64, year: i32) -> Result<YearState> {
    let version: Option<i64> =
        sqlx::query_scalar("select max(version) from report_versions where agency_id = $1 and year = $2")
            .bind(agency_id)
            .bind(year)
            .fetch_one(&mut *conn)
            .await?;
    let Some(version) = version else { return Ok(YearState::Draft) };
    let open: Option<(String, String, String)> = sqlx::query_as(
        "select reason, opened_by, opened_at from report_amendments where agency_id = $1 and year = $2 and closed_at is null order by id desc limit 1",
    )
    .bind(agency_id)
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match open {
        Some((reason, opened_by, opened_at)) => {
            let opened_by = StoredActor::parse(&opened_by).ok_or_else(|| corrupt("opened_by", &opened_by))?;
            let opened_at = crate::timestamp::parse(&opened_at).ok_or_else(|| corrupt("opened_at", &opened_at))?;
            YearState::Amending { version, reason, opened_by, opened_at }
        }
        None => YearState::Published { version },
    })
}

/// Where the report of `year` stands.
pub async fn state(db: &Db, agency_id: i64, year: i32) -> Result<YearState> {
    let mut conn = db.reader().acquire().await?;
    state_in(&mut conn, agency_id, year).await
}

/// Refuses a change to the agency's own entries of a locked year.
pub(super) async fn ensure_editable(tx: &mut Tx, agency_id: i64, year: i32) -> Result<()> {
    if state_in(tx, agency_id, year).await?.is_locked() {
        return Err(Error::field(
            "year",
            "年度",
            format!("{year}年度报告已发布并锁定；如需修改，请先发起更正并填写更正理由"),
        ));
    }
    Ok(())
}

/// Every published version of `year`, oldest first.
pub async fn versions(db: &Db, agency_id: i64, year: i32) -> Result<Vec<Version>> {
    Ok(sqlx::query_as("select * from report_versions where agency_id = $1 and year = $2 order by version")
        .bind(agency_id)
        .bind(year)
        .fetch_all(db.reader())
        .await?)
}

/// The version of `year` in force (the latest), if published.
pub async fn latest(db: &Db, agency_id: i64, year: i32) -> Result<Option<Version>> {
    Ok(sqlx::query_as("select * from report_versions where agency_id = $1 and year = $2 order by version desc limit 1")
        .bind(agency_id)
        .bind(year)
        .fetch_optional(db.reader())
        .await?)
}

/// The years with a published report, newest first, with their latest version and when the
/// first version was published.
pub async fn published_years(db: &Db, agency_id: i64) -> Result<Vec<(i32, i64, String)>> {
    Ok(sqlx::query_as(
        "select year, cast(max(version) as bigint), min(published_at) from report_versions where agency_id = $1 group by year order by year desc",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?)
}

/// Publishes `report` (compiled, checked and free of findings: the caller's job, see
/// [`super::publish_year`]) as the next version of its year.
pub(super) async fn store(db: &Db, actor: &Actor, agency_id: i64, report: &Report) -> Result<Version> {
    let year = report.year;
    let mut tx = db.begin().await?;
    let (version, note) = match state_in(&mut tx, agency_id, year).await? {
        YearState::Draft => (1, None),
        YearState::Published { .. } => {
            return Err(Error::field(
                "year",
                "年度",
                format!("{year}年度报告已发布；如需更正，请先发起更正并填写更正理由"),
            ));
        }
        YearState::Amending { version, reason, .. } => {
            let body: String = sqlx::query_scalar(
                "select body from report_versions where agency_id = $1 and year = $2 and version = $3",
            )
            .bind(agency_id)
            .bind(year)
            .bind(version)
            .fetch_one(&mut *tx)
            .await?;
            let before: Report = serde_json::from_str(&body).map_err(|e| Error::Internal(e.to_string()))?;
            let changes = diff(&before, report);
            if changes.is_empty() {
                return Err(Error::field("year", "年度", "更正后的报告与已发布版本完全相同，没有需要重新发布的内容"));
            }
            (version + 1, Some(correction_note(&chinese_date(timestamp::today_in_china()), &reason, &changes)))
        }
    };
    let body = serde_json::to_string(report).map_err(|e| Error::Internal(e.to_string()))?;
    let now = timestamp::now();
    sqlx::query(
        "insert into report_versions (agency_id, year, version, format, body, correction_note, published_by, published_at) values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(agency_id)
    .bind(year)
    .bind(version)
    .bind(report.format.key())
    .bind(&body)
    .bind(&note)
    .bind(actor.to_string())
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("update report_amendments set closed_version = $1, closed_at = $2 where agency_id = $3 and year = $4 and closed_at is null")
        .bind(version)
        .bind(&now)
        .bind(agency_id)
        .bind(year)
        .execute(&mut *tx)
        .await?;
    let after = serde_json::json!({"version": version, "format": report.format.key(), "correction_note": note});
    let change = Change {
        agency_id: Some(agency_id),
        entity: "report",
        entity_id: year.to_string(),
        action: "publish",
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    latest(db, agency_id, year).await?.ok_or(Error::NotFound("已发布的年度报告"))
}

/// Opens an amendment of a published year, with its reason.
pub async fn open_amendment(db: &Db, actor: &Actor, agency_id: i64, year: i32, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.chars().count() < 4 {
        return Err(Error::field("reason", "更正理由", "请写明更正理由（至少4个字），它将印在更正后的报告上"));
    }
    if reason.chars().count() > 500 {
        return Err(Error::field("reason", "更正理由", "更正理由不能超过500字"));
    }
    let mut tx = db.begin().await?;
    match state_in(&mut tx, agency_id, year).await? {
        YearState::Published { .. } => {}
        YearState::Draft => {
            return Err(Error::field("year", "年度", format!("{year}年度报告尚未发布，可直接修改，无需更正")));
        }
        YearState::Amending { .. } => {
            return Err(Error::field("year", "年度", format!("{year}年度报告已有一项更正正在进行")));
        }
    }
    sqlx::query(
        "insert into report_amendments (agency_id, year, reason, opened_by, opened_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(agency_id)
    .bind(year)
    .bind(reason)
    .bind(actor.to_string())
    .bind(timestamp::now())
    .execute(&mut *tx)
    .await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "report",
        entity_id: year.to_string(),
        action: "open_amendment",
        before: None,
        after: Some(serde_json::json!({"reason": reason})),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The changes from the published version of `year` to `current` (empty when not published).
pub async fn changes_since_publication(db: &Db, agency_id: i64, current: &Report) -> Result<Vec<CellChange>> {
    match latest(db, agency_id, current.year).await? {
        Some(v) => Ok(diff(&v.report()?, current)),
        None => Ok(Vec::new()),
    }
}

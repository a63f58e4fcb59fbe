//! The working-day calendar as an agency sees it: the national data embedded in the binary, year
//! files an admin loaded later (a new State Council notice needs no new release), and the local
//! overrides ordered for the agency or any agency above it (a province's decision applies to its
//! whole subtree; where two levels order the same date, the one nearer the agency wins).

use gongkai_core::calendar::{Calendar, Override, OverrideKind, iso_date};
use gongkai_core::field::{FieldError, FieldErrors, required_text};
use serde::{Deserialize, Serialize};
use serde_json::json;

use gongkai_core::calendar::china_time::Moment;

use crate::actor::Actor;
use crate::actor::StoredActor;
use crate::agency::Agency;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

/// A stored override with the agency that ordered it, decoded.
#[derive(Debug, Clone, Serialize)]
pub struct StoredOverride {
    pub id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub agency_path: String,
    #[serde(with = "iso_date")]
    pub date: time::Date,
    #[serde(skip)]
    pub kind: OverrideKind,
    pub reason: String,
    pub ordered_by: String,
    pub created_at: Moment,
}

crate::from_row!(StoredOverride, "calendar_overrides", |r| Ok(StoredOverride {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    agency_name: r.text("agency_name")?,
    agency_path: r.text("agency_path")?,
    date: r.date("date")?,
    kind: r.key("kind", |k| match k {
        "extra_off_day" => Ok(OverrideKind::ExtraOffDay),
        "extra_workday" => Ok(OverrideKind::ExtraWorkday),
        _ => Err(()),
    })?,
    reason: r.text("reason")?,
    ordered_by: r.text("ordered_by")?,
    created_at: r.moment("created_at")?,
}));

impl StoredOverride {
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            OverrideKind::ExtraOffDay => "放假（不计工作日）",
            OverrideKind::ExtraWorkday => "上班（计为工作日）",
        }
    }

    fn to_override(&self) -> Result<Override> {
        Ok(Override {
            date: self.date,
            kind: self.kind,
            reason: self.reason.clone(),
            ordered_by: self.ordered_by.clone(),
        })
    }
}

/// A year file loaded at run time.
#[derive(Debug, Clone, Serialize)]
pub struct LoadedYear {
    pub year: i64,
    pub loaded_at: Moment,
    pub loaded_by: StoredActor,
}

impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for LoadedYear {
    fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        let r = crate::decode::Reader::keyed(row, "calendar_years", "year")?;
        Ok(LoadedYear { year: r.id(), loaded_at: r.moment("loaded_at")?, loaded_by: r.actor("loaded_by")? })
    }
}

/// The national calendar: embedded data plus the year files loaded into the database.
pub async fn national(db: &Db) -> Result<Calendar> {
    built(year_files(db.reader()).await?, Vec::new())
}

async fn year_files<'e>(on: impl sqlx::Executor<'e, Database = sqlx::Any>) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("select json from calendar_years order by year").fetch_all(on).await?)
}

/// The calendar that applies to `agency`: national data and the overrides of it and its ancestors.
pub async fn for_agency(db: &Db, agency: &Agency) -> Result<Calendar> {
    let files = year_files(db.reader()).await?;
    let applicable = applicable_overrides(db, agency).await?;
    agency_calendar(files, applicable)
}

/// [`for_agency`], read inside `tx` (a writer that needs the calendar, on its own connection).
pub async fn for_agency_in(tx: &mut crate::db::Tx, agency: &Agency) -> Result<Calendar> {
    let files = year_files(&mut **tx).await?;
    let applicable = overrides_of(&mut **tx, agency).await?;
    agency_calendar(files, applicable)
}

fn agency_calendar(files: Vec<String>, mut applicable: Vec<StoredOverride>) -> Result<Calendar> {
    // Nearest agency last, so it replaces an ancestor's override of the same date.
    applicable.sort_by_key(|o| o.agency_path.len());
    let mut by_date = std::collections::BTreeMap::new();
    for stored in &applicable {
        by_date.insert(stored.date, stored.to_override()?);
    }
    built(files, by_date.into_values().collect())
}

/// Calendars built from the same year files and overrides, kept per process: building one
/// parses the files and indexes every covered day (about 7,000), which each request's deadline
/// would otherwise pay on every submission. The key is the whole input, so a changed file or
/// override (from any node) makes a new key; at most [`BUILT_KEPT`] are kept.
static BUILT: std::sync::Mutex<Vec<(u64, Calendar)>> = std::sync::Mutex::new(Vec::new());
const BUILT_KEPT: usize = 64;

fn built(files: Vec<String>, overrides: Vec<Override>) -> Result<Calendar> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    files.hash(&mut h);
    format!("{overrides:?}").hash(&mut h);
    let key = h.finish();
    if let Some((_, c)) = BUILT.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(k, _)| *k == key) {
        return Ok(c.clone());
    }
    static EMBEDDED: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    let mut calendar = EMBEDDED.get_or_init(Calendar::embedded).clone();
    for json in &files {
        calendar.add_year_file(json).map_err(|e| Error::Internal(format!("stored year file: {e}")))?;
    }
    let calendar = calendar.with_overrides(overrides).map_err(|e| Error::Internal(e.to_string()))?;
    let mut kept = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() >= BUILT_KEPT {
        kept.remove(0);
    }
    kept.push((key, calendar.clone()));
    Ok(calendar)
}

/// Overrides ordered by `agency` or any agency above it, by date.
pub async fn applicable_overrides(db: &Db, agency: &Agency) -> Result<Vec<StoredOverride>> {
    overrides_of(db.reader(), agency).await
}

async fn overrides_of<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    agency: &Agency,
) -> Result<Vec<StoredOverride>> {
    let all: Vec<StoredOverride> = sqlx::query_as(
        "select o.id, o.agency_id, a.name as agency_name, a.path as agency_path, o.date, o.kind, o.reason,
                o.ordered_by, o.created_at
         from calendar_overrides o join agencies a on a.id = o.agency_id order by o.date",
    )
    .fetch_all(on)
    .await?;
    Ok(all.into_iter().filter(|o| agency.path.starts_with(&o.agency_path)).collect())
}

/// Year files loaded at run time.
pub async fn loaded_years(db: &Db) -> Result<Vec<LoadedYear>> {
    Ok(sqlx::query_as("select year, loaded_at, loaded_by from calendar_years order by year")
        .fetch_all(db.reader())
        .await?)
}

/// The override form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OverrideForm {
    pub date: String,
    pub kind: String,
    pub reason: String,
    pub ordered_by: String,
}

impl OverrideForm {
    pub fn parse(&self) -> Result<Override, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = match iso_date::parse(self.date.trim()) {
            Ok(d) => Some(d),
            Err(_) => {
                e.push(FieldError::new("date", "日期", "日期应为有效的“年-月-日”，如 2026-10-09"));
                None
            }
        };
        let kind = match self.kind.as_str() {
            "extra_off_day" => Some(OverrideKind::ExtraOffDay),
            "extra_workday" => Some(OverrideKind::ExtraWorkday),
            _ => {
                e.push(FieldError::new("kind", "调整方式", "请选择放假或上班"));
                None
            }
        };
        let reason = required_text(&mut e, "reason", "事由", &self.reason, 200);
        let ordered_by = required_text(&mut e, "ordered_by", "决定机关及文件", &self.ordered_by, 200);
        e.into_result()?;
        Ok(Override { date: date.expect("checked"), kind: kind.expect("checked"), reason, ordered_by })
    }
}

/// Records an override ordered for `agency_id` (and its subtree).
pub async fn add_override(db: &Db, actor: &Actor, agency_id: i64, o: Override) -> Result<()> {
    let date = iso_date::format(o.date);
    // The date must be inside a covered year, or the override could never be applied.
    let national = national(db).await?;
    if !national.covers(o.date.year()) {
        return Err(Error::field(
            "date",
            "日期",
            format!("{}年的全国节假日安排尚未载入，不能为该年添加调整", o.date.year()),
        ));
    }
    let kind = match o.kind {
        OverrideKind::ExtraOffDay => "extra_off_day",
        OverrideKind::ExtraWorkday => "extra_workday",
    };
    let mut tx = db.begin().await?;
    let exists: Option<i64> =
        sqlx::query_scalar("select id from calendar_overrides where agency_id = $1 and date = $2")
            .bind(agency_id)
            .bind(&date)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_some() {
        return Err(Error::field("date", "日期", format!("本机关已对{date}作过调整")));
    }
    let id: i64 = sqlx::query_scalar(
        "insert into calendar_overrides (agency_id, date, kind, reason, ordered_by, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(agency_id)
    .bind(&date)
    .bind(kind)
    .bind(&o.reason)
    .bind(&o.ordered_by)
    .bind(timestamp::now())
    .fetch_one(&mut *tx)
    .await?;
    let after = json!({"date": date, "kind": kind, "reason": o.reason, "ordered_by": o.ordered_by});
    let change = Change {
        agency_id: Some(agency_id),
        entity: "calendar_override",
        entity_id: id.to_string(),
        action: "create",
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Loads (or replaces) a national year file in the holiday-cn schema; returns its year.
pub async fn load_year(db: &Db, actor: &Actor, json_text: &str) -> Result<i32> {
    let mut check = national(db).await?;
    let year =
        check.add_year_file(json_text).map_err(|e| Error::field("year_file", "年度节假日文件", e.message_zh()))?;
    let days = check.papers(year).map(|p| p.len()).unwrap_or(0);
    let mut tx = db.begin().await?;
    sqlx::query("delete from calendar_years where year = $1").bind(year as i64).execute(&mut *tx).await?;
    sqlx::query("insert into calendar_years (year, json, loaded_at, loaded_by) values ($1, $2, $3, $4)")
        .bind(year as i64)
        .bind(json_text)
        .bind(timestamp::now())
        .bind(actor.to_string())
        .execute(&mut *tx)
        .await?;
    let change = Change {
        agency_id: None,
        entity: "calendar_year",
        entity_id: year.to_string(),
        action: "load",
        before: None,
        after: Some(json!({"year": year, "notices": days})),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(year)
}

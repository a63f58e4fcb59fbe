//! What the agency itself writes into a year's report: the table 二 figures that no record holds
//! (行政许可/处罚/强制 decisions, fees, procurement), by form or CSV, and the edited narrative
//! sections. Both are refused while the year is locked by a published version and no amendment
//! is open (`publish::ensure_editable`).

use std::collections::BTreeMap;

use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_core::report::sections::Sections;
use gongkai_core::report::table2::{self, Source};
use gongkai_core::request::outcome::ReportFormat;

use super::publish::ensure_editable;
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

fn format_of(year: i32) -> Result<ReportFormat> {
    ReportFormat::for_year(year)
        .ok_or_else(|| Error::field("year", "年度", format!("{year}年适用2019年以前的统计表格式，暂不能在本系统填报")))
}

/// The entered figures of `year` (key → JSON number).
pub async fn figures(db: &Db, agency_id: i64, year: i32) -> Result<BTreeMap<String, serde_json::Number>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("select key, value from report_figures where agency_id = $1 and year = $2")
            .bind(agency_id)
            .bind(year)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().filter_map(|(k, v)| Some((k, serde_json::from_str(&v).ok()?))).collect())
}

/// Checks entered values (key → text) against the cells of the year's format: every problem is
/// named by its cell; keys of catalogue cells or of another format are refused too.
pub fn parse_figures(year: i32, input: &BTreeMap<String, String>) -> Result<BTreeMap<String, serde_json::Number>> {
    let format = format_of(year)?;
    let mut errors = FieldErrors::new();
    let mut values = BTreeMap::new();
    for (key, text) in input {
        if text.trim().is_empty() {
            continue;
        }
        match table2::cell_of(format, key) {
            Some(cell) if cell.source == Source::Entered => match table2::parse_entered(cell, text) {
                Ok(n) => {
                    values.insert(key.clone(), n);
                }
                Err(e) => errors.push(e),
            },
            Some(cell) => errors.push(FieldError::new(
                &format!("table2.{key}"),
                cell.label,
                format!("{}由公开目录自动统计，不能填报", cell.label),
            )),
            None => errors.push(FieldError::new(
                &format!("table2.{key}"),
                key,
                format!("{}年度报告格式中没有“{key}”这一项", format.key()),
            )),
        }
    }
    if errors.is_empty() { Ok(values) } else { Err(errors.into()) }
}

/// Replaces the entered figures of `year` with `values` (blank cells are removed), in one
/// transaction with its audit record.
pub async fn save_figures(
    db: &Db,
    actor: &Actor,
    agency_id: i64,
    year: i32,
    values: &BTreeMap<String, serde_json::Number>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    ensure_editable(&mut tx, agency_id, year).await?;
    sqlx::query("delete from report_figures where agency_id = $1 and year = $2")
        .bind(agency_id)
        .bind(year)
        .execute(&mut *tx)
        .await?;
    let now = timestamp::now();
    for (key, value) in values {
        sqlx::query("insert into report_figures (agency_id, year, key, value, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6)")
            .bind(agency_id)
            .bind(year)
            .bind(key)
            .bind(value.to_string())
            .bind(actor.to_string())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
    }
    let after = serde_json::to_value(values).map_err(|e| Error::Internal(e.to_string()))?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "report_figures",
        entity_id: year.to_string(),
        action: "save",
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The header of the report's own CSV export (`gongkai_export::report_csv`).
const REPORT_CSV_HEADER: [&str; 5] = ["表格", "行", "列", "键", "数值"];

/// Parses a CSV of figures. Two shapes are read (a UTF-8 BOM is accepted, fields may be quoted):
/// - a header line, then `key,value` (a third column, e.g. the label, is ignored);
/// - the report's own CSV export (`表格,行,列,键,数值`): its table 二 cells that are entered by
///   hand are taken, the cells counted from the catalogue and tables 三 and 四 (computed from
///   the records) are skipped, so an exported report reads back as the figures it shows.
///
/// Errors name the line.
pub fn parse_figures_csv(year: i32, csv: &str) -> Result<BTreeMap<String, serde_json::Number>> {
    let format = format_of(year)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut input = BTreeMap::new();
    let mut errors = FieldErrors::new();
    let mut exported = false;
    for (n, record) in reader.records().enumerate() {
        let line = n + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(FieldError::new("csv", "CSV文件", format!("第{line}行无法读取：{e}")));
                continue;
            }
        };
        if n == 0 {
            exported = record.iter().take(5).eq(REPORT_CSV_HEADER);
            continue;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let (key, value) = if exported { (record.get(3), record.get(4)) } else { (record.get(0), record.get(1)) };
        match (key, value) {
            (Some(key), Some(value)) if exported => {
                let Some(key) = key.strip_prefix("table2.") else { continue };
                if table2::cell_of(format, key).is_some_and(|c| c.source == Source::Entered) {
                    input.insert(key.to_owned(), value.to_owned());
                }
            }
            (Some(key), Some(value)) if !key.is_empty() => {
                input.insert(key.to_owned(), value.to_owned());
            }
            _ => {
                let text: Vec<&str> = record.iter().collect();
                errors.push(FieldError::new("csv", "CSV文件", format!("第{line}行应为“键,数值”：{}", text.join(","))));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    parse_figures(year, &input)
}

/// The sections as saved for `year`, if the agency has saved any.
pub async fn sections(db: &Db, agency_id: i64, year: i32) -> Result<Option<Sections>> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("select overview, problems, other from report_texts where agency_id = $1 and year = $2")
            .bind(agency_id)
            .bind(year)
            .fetch_optional(db.reader())
            .await?;
    Ok(row.map(|(overview, problems, other)| Sections { overview, problems, other }))
}

/// Saves the edited sections of `year`.
pub async fn save_sections(db: &Db, actor: &Actor, agency_id: i64, year: i32, s: &Sections) -> Result<()> {
    let clean = |t: &str| t.replace("\r\n", "\n").trim().to_owned();
    let s = Sections { overview: clean(&s.overview), problems: clean(&s.problems), other: clean(&s.other) };
    for (field, label, text) in [
        ("overview", "一、总体情况", &s.overview),
        ("problems", "五、存在的主要问题及改进情况", &s.problems),
        ("other", "六、其他需要报告的事项", &s.other),
    ] {
        if text.chars().count() > 20_000 {
            return Err(Error::field(field, label, format!("{label}不能超过20000字")));
        }
    }
    let mut tx = db.begin().await?;
    ensure_editable(&mut tx, agency_id, year).await?;
    sqlx::query("delete from report_texts where agency_id = $1 and year = $2")
        .bind(agency_id)
        .bind(year)
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into report_texts (agency_id, year, overview, problems, other, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7)")
        .bind(agency_id)
        .bind(year)
        .bind(&s.overview)
        .bind(&s.problems)
        .bind(&s.other)
        .bind(actor.to_string())
        .bind(timestamp::now())
        .execute(&mut *tx)
        .await?;
    let chars = |t: &str| t.chars().count();
    let after = serde_json::json!({"overview_chars": chars(&s.overview), "problems_chars": chars(&s.problems), "other_chars": chars(&s.other)});
    let change = Change {
        agency_id: Some(agency_id),
        entity: "report_texts",
        entity_id: year.to_string(),
        action: "save",
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

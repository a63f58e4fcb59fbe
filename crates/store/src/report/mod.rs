//! The annual report of one agency and year, from the records to publication.
//!
//! - this file: [`compile_year`] — the report as the records give it now (tables 二, 三, 四, the
//!   saved or drafted sections) with every finding of the consistency rules, including the
//!   carry-over from last year's *published* report; [`publish_year`] refuses a report with
//!   findings, naming each rule and cell; [`submissions`] for the reports of a subtree.
//! - [`facts`]: what the compilation reads from requests, appeals and the catalogue.
//! - [`entries`]: the table 二 figures and the narrative the agency writes (form or CSV).
//! - [`publish`]: versions, the lock, amendments and correction notes.

pub mod entries;
pub mod facts;
pub mod publish;

use std::collections::BTreeMap;

use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_core::report::model::{Report, compile_table4};
use gongkai_core::report::rules::{Finding, check_carry_over, check_table3, check_table4};
use gongkai_core::report::{sections, table2, table3};
use gongkai_core::request::outcome::ReportFormat;

use crate::actor::Actor;
use crate::db::Db;
use crate::error::{Error, Result};

pub use publish::{Version, YearState};

/// Compiles the report of `agency_id` for `year` and checks it; returns the report and every
/// finding (an empty list means it may be published).
pub async fn compile_year(db: &Db, agency_id: i64, year: i32) -> Result<(Report, Vec<Finding>)> {
    let format = ReportFormat::for_year(year).ok_or_else(|| {
        Error::field("year", "年度", format!("{year}年适用2019年以前的统计表格式，暂不能由本系统生成"))
    })?;
    if year > crate::timestamp::today_in_china().year() {
        return Err(Error::field("year", "年度", format!("{year}年尚未开始")));
    }
    let agency = crate::agency::get(db, agency_id).await?;
    let requests = facts::requests(db, agency_id).await?;
    let table2 = table2::compile(
        format,
        year,
        &facts::documents(db, agency_id).await?,
        &entries::figures(db, agency_id, year).await?,
    );
    let table3 = table3::compile(format, year, &requests);
    let table4 = compile_table4(year, &facts::appeals(db, agency_id).await?);
    let mut findings = check_table3(format, &table3);
    findings.extend(check_table4(&table4));
    if let Some(previous) = ReportFormat::for_year(year - 1) {
        let last_year = match publish::latest(db, agency_id, year - 1).await? {
            Some(published) => published.report()?.table3,
            None => table3::compile(previous, year - 1, &requests),
        };
        findings.extend(check_carry_over(&last_year, &table3));
    }
    let mut report = Report { format, year, agency: agency.name, sections: Default::default(), table2, table3, table4 };
    report.sections = match entries::sections(db, agency_id, year).await? {
        Some(saved) => saved,
        None => {
            let draft_facts = facts::draft(db, agency_id, year).await?;
            sections::draft(
                format,
                &report.agency,
                year,
                &report.table2,
                &report.table3,
                report.appeal_totals(),
                draft_facts,
            )
        }
    };
    findings.extend(sections::check(&report.sections));
    Ok((report, findings))
}

/// Publishes the report of `year` as the records give it now: refused before the year is over,
/// while any finding stands (each named by rule and cell), while the year is locked, or when a
/// correction changes nothing.
pub async fn publish_year(db: &Db, actor: &Actor, agency_id: i64, year: i32) -> Result<Version> {
    if year >= crate::timestamp::today_in_china().year() {
        return Err(Error::field("year", "年度", format!("{year}年尚未结束，年度报告在次年发布（可先预览草稿）")));
    }
    let (report, findings) = compile_year(db, agency_id, year).await?;
    if !findings.is_empty() {
        return Err(Error::Invalid(FieldErrors(
            findings
                .iter()
                .map(|f| FieldError::new(&f.r#where, f.rule, format!("[{}] {}", f.rule, f.message)))
                .collect(),
        )));
    }
    publish::store(db, actor, agency_id, &report).await
}

/// One agency's report of a year, for supervisors: published when, in which version.
#[derive(Debug, Clone)]
pub struct Submission {
    pub agency_id: i64,
    pub first_published_at: Option<String>,
    pub version: Option<i64>,
}

/// The report of `year` of each agency in `agency_ids`, in that order.
pub async fn submissions(db: &Db, agency_ids: &[i64], year: i32) -> Result<Vec<Submission>> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "select agency_id, cast(max(version) as bigint), min(published_at) from report_versions where year = $1 group by agency_id",
    )
    .bind(year)
    .fetch_all(db.reader())
    .await?;
    let by_agency: BTreeMap<i64, (i64, String)> = rows.into_iter().map(|(a, v, at)| (a, (v, at))).collect();
    Ok(agency_ids
        .iter()
        .map(|&agency_id| {
            let found = by_agency.get(&agency_id);
            Submission {
                agency_id,
                first_published_at: found.map(|(_, at)| at.clone()),
                version: found.map(|(v, _)| *v),
            }
        })
        .collect())
}

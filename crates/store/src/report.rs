//! The annual report compiled from the records of one agency (so far: tables 三 and 四 with their
//! consistency rules; see `gongkai_core::report`).

use gongkai_core::calendar::iso_date;
use gongkai_core::report::model::{AppealFacts, Report, compile_table4};
use gongkai_core::report::rules::{Finding, check_carry_over, check_table3, check_table4};
use gongkai_core::report::table3::{RequestFacts, compile};
use gongkai_core::request::applicant::ApplicantKind;
use gongkai_core::request::outcome::{Outcome, ReportFormat};

use crate::db::Db;
use crate::error::{Error, Result};

async fn request_facts(db: &Db, agency_id: i64) -> Result<Vec<RequestFacts>> {
    let rows: Vec<(String, Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "select applicant_type, received_on, decided_on, outcome from requests where agency_id = $1 and received_on is not null order by id",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?;
    let mut facts = Vec::with_capacity(rows.len());
    for (kind, received, decided_on, outcome) in rows {
        let (Ok(applicant), Some(Ok(received))) = (ApplicantKind::parse(&kind), received.as_deref().map(iso_date::parse)) else { continue };
        let decided = match (decided_on.as_deref().map(iso_date::parse), outcome.as_deref().map(Outcome::parse)) {
            (Some(Ok(on)), Some(Ok(o))) => Some((on, o)),
            _ => None,
        };
        facts.push(RequestFacts { applicant, received, decided });
    }
    Ok(facts)
}

async fn appeal_facts(db: &Db, agency_id: i64) -> Result<Vec<AppealFacts>> {
    let rows: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as("select kind, filed_on, result, result_on from appeals where agency_id = $1").bind(agency_id).fetch_all(db.reader()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, filed, result, result_on)| {
            Some(AppealFacts { kind, filed: iso_date::parse(&filed).ok()?, result, result_on: result_on.as_deref().and_then(|d| iso_date::parse(d).ok()) })
        })
        .collect())
}

/// Compiles the report of `agency_id` for `year` and checks it (including the carry-over from
/// the year before); returns the report and every finding.
pub async fn compile_year(db: &Db, agency_id: i64, year: i32) -> Result<(Report, Vec<Finding>)> {
    let format = ReportFormat::for_year(year)
        .ok_or_else(|| Error::field("year", "年度", format!("{year}年适用2019年以前的统计表格式，暂不能由本系统生成")))?;
    if year > crate::timestamp::today_in_china().year() {
        return Err(Error::field("year", "年度", format!("{year}年尚未开始")));
    }
    let agency = crate::agency::get(db, agency_id).await?;
    let requests = request_facts(db, agency_id).await?;
    let table3 = compile(format, year, &requests);
    let table4 = compile_table4(year, &appeal_facts(db, agency_id).await?);
    let mut findings = check_table3(format, &table3);
    findings.extend(check_table4(&table4));
    if let Some(previous) = ReportFormat::for_year(year - 1) {
        findings.extend(check_carry_over(&compile(previous, year - 1, &requests), &table3));
    }
    let report = Report { format: format.key(), year, agency: agency.name, table3, table4 };
    Ok((report, findings))
}

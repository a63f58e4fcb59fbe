//! The annual report in the console (draft view): tables 三 and 四 of a year compiled from the
//! records, with the official row and column labels and the findings of the consistency check.
//! Publication, locking and the other tables are still to come (issue 6).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use gongkai_core::agency::Access;
use gongkai_core::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};
use gongkai_core::report::rules::Finding;
use gongkai_core::report::table3::{COLUMNS, rows};
use gongkai_core::request::outcome::{Outcome, ReportFormat};
use gongkai_store::agency::{self, Agency};
use gongkai_store::{report, timestamp};
use serde::Deserialize;

use super::Nav;
use crate::auth::Me;
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: Option<i32>,
}

/// One table row: its label and its cells in column order.
pub struct Row {
    pub label: String,
    pub cells: Vec<i64>,
}

#[derive(Template)]
#[template(path = "admin/report.html")]
struct ReportPage {
    nav: Nav,
    agency: Agency,
    year: i32,
    years: Vec<i32>,
    format_name: &'static str,
    table3: Vec<Row>,
    table4: Vec<Row>,
    findings: Vec<Finding>,
}

fn row_label(key: &str) -> String {
    match key {
        "received" => "一、本年新收政府信息公开申请数量".into(),
        "carried_in" => "二、上年结转政府信息公开申请数量".into(),
        "results_total" => "三、本年度办理结果 （七）总计".into(),
        "carried_over" => "四、结转下年度继续办理".into(),
        leaf => match Outcome::parse(leaf) {
            Ok(o) if o.group_label() == o.label() => format!("三、本年度办理结果 {}", o.label()),
            Ok(o) => format!("三、本年度办理结果 {} · {}", o.group_label(), o.label()),
            Err(_) => leaf.to_owned(),
        },
    }
}

pub async fn show(State(state): State<AppState>, me: Me, Path(id): Path<i64>, Query(q): Query<YearQuery>) -> WebResult<Response> {
    let agency = agency::get(&state.db, id).await?;
    me.require(&agency, Access::Read)?;
    let this_year = timestamp::today_in_china().year();
    let year = q.year.unwrap_or(this_year - 1);
    let (compiled, findings) = report::compile_year(&state.db, id, year).await?;
    let format = ReportFormat::for_year(year).expect("compile_year checked the year");
    let table3 = rows(format).into_iter().map(|r| Row { label: row_label(r), cells: COLUMNS.iter().map(|c| compiled.table3.get(r, c)).collect() }).collect();
    let block_label = |b: &str| match b {
        "reconsideration" => "行政复议",
        "litigation_direct" => "行政诉讼（未经复议直接起诉）",
        _ => "行政诉讼（复议后起诉）",
    };
    let table4 = TABLE4_BLOCKS
        .iter()
        .map(|b| Row { label: block_label(b).into(), cells: TABLE4_COLUMNS.iter().map(|c| compiled.table4.get(*b).and_then(|r| r.get(*c)).copied().unwrap_or(0)).collect() })
        .collect();
    let page = ReportPage {
        nav: Nav::of(&me),
        agency,
        year,
        years: (2019..=this_year).rev().collect(),
        format_name: format.name_zh(),
        table3,
        table4,
        findings,
    };
    Ok(view::page(&page))
}

//! The dashboard page: one row for the agency itself and one per child (its whole subtree),
//! every figure a link to its list, the totals, the charts, and the notice buttons.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_core::request::letter::chinese_date;
use gongkai_core::supervision::figures::{Figures, Totals};
use gongkai_core::supervision::{Month, ReportStatus};
use gongkai_store::agency::Agency;
use gongkai_store::supervision::{self, Overview, series};
use gongkai_store::{calendar, timestamp};

use super::charts::{self, Drawn};
use super::{MonthQuery, allowed};
use crate::admin::ConsoleHeader;
use crate::auth::StaffSession;
use crate::error::WebResult;
use crate::state::AppState;
use crate::view;

/// The figures of the table, in column order: key (the drill-down list), header.
pub const FIGURES: [(&str, &str); 12] = [
    ("open", "未办结申请"),
    ("due_soon", "即将到期"),
    ("overdue", "逾期未办结"),
    ("closed", "本月办结"),
    ("closed_late", "逾期办结"),
    ("published", "本月公开信息"),
    ("late_items", "逾期公开"),
    ("stale_columns", "未按时更新栏目"),
    ("empty_columns", "空白栏目"),
    ("enquiries", "超期未回应留言"),
    ("reports_missing", "年报逾期未公布"),
    ("reports_published", "年报已公布"),
];

/// One figure as shown: its number, the list behind it, and whether it is a problem.
pub struct Cell {
    pub value: u32,
    pub href: String,
    pub alert: bool,
}

pub struct Row {
    pub name: String,
    /// The child's own dashboard (None for the agency itself).
    pub dashboard: Option<String>,
    pub agencies: u32,
    pub on_time: String,
    pub cells: Vec<Cell>,
}

fn values(t: &Totals) -> [u32; 12] {
    [
        t.requests_open,
        t.requests_due_soon,
        t.requests_overdue,
        t.requests_closed,
        t.requests_closed_late,
        t.items_published,
        t.items_late,
        t.stale_columns,
        t.empty_columns,
        t.enquiries_overdue,
        t.reports_missing,
        t.reports_published,
    ]
}

const PROBLEMS: [&str; 7] =
    ["overdue", "closed_late", "late_items", "stale_columns", "empty_columns", "enquiries", "reports_missing"];

fn rate(t: &Totals) -> String {
    t.on_time_rate().map_or("—".to_owned(), |r| format!("{r:.1}%"))
}

fn row(agency: &Agency, own: bool, members: &[&Figures], month: Month) -> Row {
    let totals = Totals::of(members.iter().copied());
    let own_flag = if own { "&own=1" } else { "" };
    let cells = FIGURES
        .iter()
        .zip(values(&totals))
        .map(|((key, _), value)| Cell {
            value,
            href: format!("/admin/agencies/{}/supervision/{key}?month={month}{own_flag}", agency.id),
            alert: value > 0 && PROBLEMS.contains(key),
        })
        .collect();
    Row {
        name: if own { format!("{}（本级）", agency.name) } else { agency.name.clone() },
        dashboard: (!own).then(|| format!("/admin/agencies/{}/supervision?month={month}", agency.id)),
        agencies: totals.agencies,
        on_time: rate(&totals),
        cells,
    }
}

/// The report year judged and its deadline note.
fn report_note(view: &Overview) -> String {
    let year = view.as_of.year() - 1;
    let not_due = view.units.iter().filter(|u| matches!(u.figures.report, ReportStatus::NotDue { .. })).count();
    let mut note = format!(
        "年报指{year}年度报告：乡镇和政府部门应于{}年1月31日前公布，县级以上人民政府应于3月31日前公布。",
        year + 1
    );
    if not_due > 0 {
        note.push_str(&format!("尚未到期的{not_due}家不计入逾期。"));
    }
    note
}

#[derive(Template)]
#[template(path = "admin/supervision.html")]
struct Page {
    nav: ConsoleHeader,
    agency: Agency,
    month: String,
    month_label: String,
    as_of: String,
    headers: Vec<&'static str>,
    rows: Vec<Row>,
    total: Row,
    report_note: String,
    charts: Vec<Drawn>,
    rules: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    me: StaffSession,
    Path(id): Path<i64>,
    Query(q): Query<MonthQuery>,
) -> WebResult<Response> {
    let agency = allowed(&state, &me, id).await?;
    let month = q.month()?;
    let rules = &state.app.config.supervision;
    let calendar = calendar::for_agency(&state.db, &agency).await?;
    let months = month.trailing(12);
    let (view, monthly) = tokio::try_join!(
        supervision::overview(&state.db, &calendar, &agency, month, timestamp::today_in_china(), rules),
        series::monthly(&state.db, &agency, &months, rules.publish_workdays),
    )?;

    let rows: Vec<Row> = view
        .rows()
        .into_iter()
        .enumerate()
        .map(|(i, (unit, members))| {
            row(&unit.agency, i == 0, &members.iter().map(|u| &u.figures).collect::<Vec<_>>(), month)
        })
        .collect();
    let all: Vec<&Figures> = view.units.iter().map(|u| &u.figures).collect();
    let mut total = row(&agency, false, &all, month);
    total.name = "合计".into();
    total.dashboard = None;
    let page = Page {
        nav: ConsoleHeader::of(&me),
        month: month.to_string(),
        month_label: month.label(),
        as_of: chinese_date(view.as_of),
        headers: FIGURES.iter().map(|(_, h)| *h).collect(),
        rows,
        total,
        report_note: report_note(&view),
        charts: charts::draw(&monthly),
        rules: rules.describe(),
        agency,
    };
    Ok(view::page(&page))
}

//! The records behind one dashboard figure (`/admin/agencies/{id}/supervision/{figure}`): the
//! agency alone (`own=1`) or its subtree, as one table whose cells link to the record.

use crate::extract::{Path, Query};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_core::calendar::iso_date;
use gongkai_core::request::letter::chinese_date;
use gongkai_core::supervision::ReportStatus;
use gongkai_store::agency::Agency;
use gongkai_store::supervision::lists::{self, ItemFigure, LIMIT, RequestFigure};
use gongkai_store::supervision::{self, Reach, Unit};
use gongkai_store::{calendar, timestamp};

use super::dashboard::FIGURES;
use super::{MonthQuery, allowed};
use crate::admin::ConsoleHeader;
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), href: None }
}

fn link(s: impl Into<String>, href: String) -> Cell {
    Cell { text: s.into(), href: Some(href) }
}

fn or_dash(s: Option<String>) -> String {
    s.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into())
}

#[derive(Template)]
#[template(path = "admin/supervision_list.html")]
struct Page {
    nav: ConsoleHeader,
    agency: Agency,
    title: &'static str,
    scope: &'static str,
    month: String,
    month_label: String,
    as_of: String,
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
    limit: i64,
}

/// The table of a figure: headers and rows.
type Table = (Vec<&'static str>, Vec<Vec<Cell>>);

fn request_table(lines: Vec<lists::RequestLine>) -> Table {
    let rows = lines
        .into_iter()
        .map(|r| {
            vec![
                text(r.agency_name),
                link(r.tracking_code, format!("/admin/requests/{}", r.id)),
                text(or_dash(r.received_on.map(iso_date::format))),
                text(or_dash(r.reply_due.map(|d| {
                    let mark = if r.deadline_provisional { "（预估）" } else { "" };
                    format!("{}{mark}", iso_date::format(d))
                }))),
                text(or_dash(r.decided_on.map(iso_date::format))),
                text(r.status.label().to_owned()),
            ]
        })
        .collect();
    (vec!["单位", "查询码", "收到日期", "答复期限", "答复日期", "状态"], rows)
}

fn item_table(lines: Vec<lists::ItemLine>) -> Table {
    let rows = lines
        .into_iter()
        .map(|i| {
            vec![
                text(i.agency_name),
                link(i.title, format!("/admin/items/{}", i.id)),
                text(or_dash(i.index_number)),
                text(or_dash(i.formed_on.map(iso_date::format))),
                text(or_dash(i.published_on.map(iso_date::format))),
                text(i.publish_workdays.map_or("—".into(), |d| d.to_string())),
            ]
        })
        .collect();
    (vec!["单位", "标题", "索引号", "形成日期", "公开日期", "用时（工作日）"], rows)
}

fn column_table(units: &[Unit], stale: bool) -> Table {
    let mut rows = Vec::new();
    for u in units {
        let items = format!("/admin/agencies/{}/items", u.agency.id);
        if stale {
            for c in &u.figures.stale_columns {
                let last = c.last.map_or("—".into(), |d| d.to_string());
                rows.push(vec![
                    text(u.agency.name.clone()),
                    link(c.name, items.clone()),
                    text(c.kind),
                    text(c.limit.clone()),
                    text(last),
                ]);
            }
        } else {
            for (_, name) in &u.figures.empty_columns {
                rows.push(vec![text(u.agency.name.clone()), link(*name, items.clone())]);
            }
        }
    }
    if stale {
        (vec!["单位", "栏目", "栏目类型", "更新时限", "最近一次公开"], rows)
    } else {
        (vec!["单位", "空白栏目"], rows)
    }
}

fn report_table(units: &[Unit], published: bool) -> Table {
    let rows = units
        .iter()
        .filter(|u| {
            if published {
                u.figures.report.is_published()
            } else {
                matches!(u.figures.report, ReportStatus::Missing { .. })
            }
        })
        .map(|u| {
            let f = &u.figures;
            let (due, on) = match f.report {
                ReportStatus::OnTime { on, due } | ReportStatus::Late { on, due } => (due, on.to_string()),
                ReportStatus::Missing { due } | ReportStatus::NotDue { due } => (due, "—".to_owned()),
            };
            let findings = if f.report_findings.is_empty() { "无".to_owned() } else { f.report_findings.join("、") };
            vec![
                text(u.agency.name.clone()),
                link(
                    format!("{}年度报告", f.report_year),
                    format!("/admin/agencies/{}/report?year={}", u.agency.id, f.report_year),
                ),
                text(due.to_string()),
                text(on),
                text(f.report.label()),
                text(findings),
            ]
        })
        .collect();
    (vec!["单位", "报告", "应公布日期", "公布日期", "状态", "勾稽问题"], rows)
}

pub async fn list(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, figure)): Path<(i64, String)>,
    Query(q): Query<MonthQuery>,
) -> WebResult<Response> {
    let agency = allowed(&state, &me, id).await?;
    let title = FIGURES.iter().find(|(k, _)| *k == figure).map(|(_, t)| *t).ok_or(WebError::NotFound)?;
    let month = q.month()?;
    let reach = if q.own == "1" { Reach::Own } else { Reach::Subtree };
    let rules = &state.app.config.supervision;
    let today = timestamp::today_in_china();
    let as_of = supervision::judged_on(month, today)?;
    let calendar = calendar::for_agency(&state.db, &agency).await?;
    let soon = calendar.add_workdays(as_of, rules.due_soon_workdays).unwrap_or(as_of);
    let db = &state.db;
    // Column and report figures are judged per agency by the overview; the record lists are
    // read directly (the overview would cost the whole subtree's figures for nothing).
    let units = || async {
        let view = supervision::overview(db, &calendar, &agency, month, today, rules).await?;
        Ok::<_, gongkai_store::Error>(
            view.units
                .into_iter()
                .filter(|u| reach == Reach::Subtree || u.agency.id == agency.id)
                .collect::<Vec<Unit>>(),
        )
    };
    let requests = |f| lists::requests(db, &agency, reach, f, month, as_of, soon);
    let (headers, rows) = match figure.as_str() {
        "open" => request_table(requests(RequestFigure::Open).await?),
        "due_soon" => request_table(requests(RequestFigure::DueSoon).await?),
        "overdue" => request_table(requests(RequestFigure::Overdue).await?),
        "closed" => request_table(requests(RequestFigure::Closed).await?),
        "closed_late" => request_table(requests(RequestFigure::ClosedLate).await?),
        "published" => item_table(lists::items(db, &agency, reach, ItemFigure::Published, month, as_of, rules).await?),
        "late_items" => item_table(lists::items(db, &agency, reach, ItemFigure::Late, month, as_of, rules).await?),
        "stale_columns" => column_table(&units().await?, true),
        "empty_columns" => column_table(&units().await?, false),
        "enquiries" => {
            let lines = lists::overdue_enquiries(db, &agency, reach, as_of, rules).await?;
            let rows = lines
                .into_iter()
                .map(|e| {
                    let replied = e.replied_on.map_or("未答复".into(), |d| d.to_string());
                    vec![
                        text(e.agency_name),
                        link(format!("留言{}", e.id), format!("/admin/agencies/{}/messages", e.agency_id)),
                        text(e.received_on.to_string()),
                        text(replied),
                    ]
                })
                .collect();
            (vec!["单位", "留言", "收到日期", "答复日期"], rows)
        }
        "reports_missing" => report_table(&units().await?, false),
        _ => report_table(&units().await?, true),
    };
    let page = Page {
        agency: agency.clone(),
        nav: ConsoleHeader::of(&me),
        title,
        scope: if reach == Reach::Own { "本级" } else { "本级及下级" },
        month: month.to_string(),
        month_label: month.label(),
        as_of: chinese_date(as_of),
        headers,
        rows,
        limit: LIMIT,
    };
    Ok(view::page(&page))
}

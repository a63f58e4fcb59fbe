//! The records behind a dashboard figure, across a subtree (drill-down): requests, items and
//! enquiries of an agency alone or of its subtree ([`Reach`]), each with the agency they belong to, at most [`LIMIT`] rows, most urgent first.
//! Stale and empty columns and report statuses come from the overview itself.

use gongkai_core::calendar::iso_date;
use gongkai_core::request::workflow::Status as RequestStatus;
use gongkai_core::supervision::figures::enquiry_overdue;
use gongkai_core::supervision::period::months_before;
use gongkai_core::supervision::{Month, Rules};
use time::Date;

use super::Reach;
use crate::agency::Agency;
use crate::db::Db;
use crate::error::Result;
use crate::timestamp::{china_date_of, china_midnight};

/// Most rows a drill-down list shows.
pub const LIMIT: i64 = 500;

/// Which requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestFigure {
    Open,
    DueSoon,
    Overdue,
    Closed,
    ClosedLate,
}

/// Which items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFigure {
    Published,
    Late,
}

/// A request in a drill-down list, decoded.
#[derive(Debug, Clone)]
pub struct RequestLine {
    pub id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub tracking_code: String,
    pub received_on: Option<Date>,
    pub reply_due: Option<Date>,
    /// The due date is an estimate (预估): next year's holiday notice is not loaded yet.
    pub deadline_provisional: bool,
    pub decided_on: Option<Date>,
    pub status: RequestStatus,
}

crate::from_row!(RequestLine, "requests", |r| Ok(RequestLine {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    agency_name: r.text("agency_name")?,
    tracking_code: r.text("tracking_code")?,
    received_on: r.opt_date("received_on")?,
    reply_due: r.opt_date("reply_due")?,
    deadline_provisional: r.flag("deadline_provisional")?,
    decided_on: r.opt_date("decided_on")?,
    status: r.key("status", |s| RequestStatus::parse(s).ok_or(()))?,
}));

/// An item in a drill-down list, decoded.
#[derive(Debug, Clone)]
pub struct ItemLine {
    pub id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub title: String,
    pub index_number: Option<String>,
    pub formed_on: Option<Date>,
    pub published_on: Option<Date>,
    pub publish_workdays: Option<i64>,
}

crate::from_row!(ItemLine, "items", |r| Ok(ItemLine {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    agency_name: r.text("agency_name")?,
    title: r.text("title")?,
    index_number: r.opt_text("index_number")?,
    formed_on: r.opt_date("formed_on")?,
    published_on: r.opt_date("published_on")?,
    publish_workdays: r.opt_int("publish_workdays")?,
}));

#[derive(Debug, Clone)]
pub struct EnquiryLine {
    pub id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub received_on: Date,
    pub replied_on: Option<Date>,
}

// Each list joins `agencies a on a.id = +x.agency_id`: the unary `+` keeps the planners from
// seeking the records agency by agency (see `facts::IN_SUBTREE`), so the rows are found by the
// date (or decided_on) index and the subtree is checked on each.

const OPEN_ON: &str = "(r.decided_on is null or r.decided_on > $2) and coalesce(r.received_on, r.submitted_on) <= $2";

/// Requests of the subtree behind `figure` for the month judged on `as_of` (`soon`: the end of the due-soon window).
pub async fn requests(
    db: &Db,
    root: &Agency,
    reach: Reach,
    figure: RequestFigure,
    month: Month,
    as_of: Date,
    soon: Date,
) -> Result<Vec<RequestLine>> {
    let condition = match figure {
        RequestFigure::Open => format!("{OPEN_ON} and $3 = $3 and $4 = $4"),
        RequestFigure::DueSoon => format!("{OPEN_ON} and r.reply_due >= $2 and r.reply_due <= $3 and $4 = $4"),
        RequestFigure::Overdue => format!("{OPEN_ON} and r.reply_due < $2 and $3 = $3 and $4 = $4"),
        RequestFigure::Closed => "r.decided_on >= $4 and r.decided_on <= $2 and $3 = $3".to_owned(),
        RequestFigure::ClosedLate => {
            "r.decided_on >= $4 and r.decided_on <= $2 and r.decided_on > r.reply_due and $3 = $3".to_owned()
        }
    };
    let sql = format!(
        "select r.id, r.agency_id, a.name as agency_name, r.tracking_code, r.received_on, r.reply_due, r.deadline_provisional, r.decided_on, r.status \
         from requests r join agencies a on a.id = +r.agency_id \
         where a.path like $1 and {condition} order by coalesce(r.reply_due, '9999'), r.id limit {LIMIT}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(reach.pattern(root))
        .bind(iso_date::format(as_of))
        .bind(iso_date::format(soon))
        .bind(iso_date::format(month.first_day()))
        .fetch_all(db.reader())
        .await?)
}

/// Items of the subtree published in the month (up to `as_of`), or only those beyond the limit.
pub async fn items(
    db: &Db,
    root: &Agency,
    reach: Reach,
    figure: ItemFigure,
    month: Month,
    as_of: Date,
    rules: &Rules,
) -> Result<Vec<ItemLine>> {
    let late = match figure {
        ItemFigure::Published => "$4 = $4",
        ItemFigure::Late => "i.publish_workdays > $4",
    };
    let sql = format!(
        "select i.id, i.agency_id, a.name as agency_name, i.title, i.index_number, i.formed_on, i.published_on, i.publish_workdays \
         from items i join agencies a on a.id = +i.agency_id \
         where a.path like $1 and i.published_on >= $2 and i.published_on <= $3 and {late} \
         order by coalesce(i.publish_workdays, 0) desc, i.published_on, i.id limit {LIMIT}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(reach.pattern(root))
        .bind(iso_date::format(month.first_day()))
        .bind(iso_date::format(as_of))
        .bind(i64::from(rules.publish_workdays))
        .fetch_all(db.reader())
        .await?)
}

/// Enquiries of the subtree that ran past the reply limit, judged on `as_of`, oldest first.
pub async fn overdue_enquiries(
    db: &Db,
    root: &Agency,
    reach: Reach,
    as_of: Date,
    rules: &Rules,
) -> Result<Vec<EnquiryLine>> {
    let rows: Vec<(i64, i64, String, String, Option<String>)> = sqlx::query_as(
        "select m.id, m.agency_id, a.name, m.received_at, m.replied_at from messages m join agencies a on a.id = +m.agency_id \
         where a.path like $1 and m.kind = 'enquiry' and m.received_at >= $2 and m.received_at < $3 order by m.received_at, m.id",
    )
    .bind(reach.pattern(root))
    .bind(china_midnight(months_before(as_of, 12)))
    .bind(china_midnight(as_of.next_day().unwrap_or(as_of)))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, agency_id, agency_name, received, replied)| {
            let received_on = china_date_of(&received)?;
            let replied_on = replied.as_deref().and_then(china_date_of);
            enquiry_overdue(received_on, replied_on, as_of, rules.enquiry_months).then_some(EnquiryLine {
                id,
                agency_id,
                agency_name,
                received_on,
                replied_on,
            })
        })
        .take(LIMIT as usize)
        .collect())
}

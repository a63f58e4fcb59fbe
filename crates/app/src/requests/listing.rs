//! An agency's requests as the console and the staff API list them.

use gongkai_core::agency::policy::Permission;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::ledger::LedgerLine;
use gongkai_store::request::notify::{self, Notification};
use gongkai_store::request::queries::{self, Filter, View};
use gongkai_store::request::row::Request;
use gongkai_store::{Result, timestamp};
use time::Date;

use crate::principal::Principal;
use crate::services::App;

/// One list of requests.
pub struct RequestList {
    pub agency: Agency,
    pub view: View,
    pub today: Date,
    pub requests: Vec<Request>,
    pub open: i64,
    pub overdue: i64,
    /// The agency's latest notifications and their delivery state.
    pub notifications: Vec<Notification>,
    /// Whether the principal may register requests here.
    pub can_register: bool,
}

/// The requests of agency `agency_id` in `view` (at most `limit`), most urgent first.
pub async fn list(app: &App, who: &Principal, agency_id: i64, view: View, limit: i64) -> Result<RequestList> {
    list_filtered(app, who, agency_id, view, &Filter::default(), limit).await
}

/// The request ledger (台账) of an agency, in the lines `gongkai import requests` reads back.
pub async fn ledger(app: &App, who: &Principal, agency_id: i64) -> Result<(Agency, Vec<LedgerLine>)> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ReadRequests, &agency)?;
    Ok((agency.clone(), gongkai_store::request::ledger::export(&app.db, agency_id).await?))
}

/// [`list`] narrowed by a handler's search and filters.
pub async fn list_filtered(
    app: &App,
    who: &Principal,
    agency_id: i64,
    view: View,
    filter: &Filter,
    limit: i64,
) -> Result<RequestList> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ReadRequests, &agency)?;
    let today = timestamp::today_in_china();
    let calendar = gongkai_store::calendar::for_agency(&app.db, &agency).await?;
    let requests = queries::list_filtered(&app.db, &calendar, agency_id, view, today, filter, limit).await?;
    let (open, overdue) = queries::open_and_overdue(&app.db, agency_id, today).await?;
    let notifications = notify::of_agency(&app.db, agency_id, 20).await?;
    let can_register = who.may(Permission::RegisterRequests, &agency);
    Ok(RequestList { agency, view, today, requests, open, overdue, notifications, can_register })
}

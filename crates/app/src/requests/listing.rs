//! An agency's requests as the console and the staff API list them.

use gongkai_core::agency::policy::Permission;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::notify::{self, Notification};
use gongkai_store::request::queries::{self, View};
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
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ReadRequests, &agency)?;
    let today = timestamp::today_in_china();
    let calendar = gongkai_store::calendar::for_agency(&app.db, &agency).await?;
    let requests = queries::list(&app.db, &calendar, agency_id, view, today, limit).await?;
    let (open, overdue) = queries::open_and_overdue(&app.db, agency_id, today).await?;
    let notifications = notify::of_agency(&app.db, agency_id, 20).await?;
    let can_register = who.may(Permission::RegisterRequests, &agency);
    Ok(RequestList { agency, view, today, requests, open, overdue, notifications, can_register })
}

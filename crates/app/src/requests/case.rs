//! One request as staff read it: the record folded from its events, the history with names, the
//! deadlines with their day-by-day explanation, files, appeals, and the steps the principal may
//! take now (authorized by the catalogue's permission and open in the workflow).

use gongkai_core::agency::Relation;
use gongkai_core::agency::policy::{Permission, allows};
use gongkai_core::request::deadline::Deadlines;
use gongkai_core::request::workflow::{self, Kind, RequestState, catalogue};
use gongkai_store::agency::Agency;
use gongkai_store::request::appeals::{self, Appeal};
use gongkai_store::request::queries::{self, RequestFile};
use gongkai_store::request::row::{Request, StoredEvent};
use gongkai_store::staff::{self, People};
use gongkai_store::{Result, timestamp};
use time::Date;

use super::load;
use crate::principal::Principal;
use crate::services::App;

/// Everything the request page and the staff API show of one request.
pub struct RequestCase {
    pub request: Request,
    pub agency: Agency,
    pub state: RequestState,
    pub events: Vec<StoredEvent>,
    /// Names of the staff in the history.
    pub people: People,
    pub deadlines: Option<Deadlines>,
    pub files: Vec<RequestFile>,
    pub appeals: Vec<Appeal>,
    /// The commands the principal may take now, in catalogue order.
    pub steps: Vec<&'static catalogue::Spec>,
    /// Whether the principal may record appeals on it.
    pub can_record_appeals: bool,
    /// The names of the agency's active staff who may handle requests (the handler list).
    pub handlers: Vec<String>,
    pub today: Date,
}

/// Request `id` for a principal who may read it.
pub async fn read(app: &App, who: &Principal, id: i64) -> Result<RequestCase> {
    let (request, agency) = load(app, who, id, Permission::ReadRequests).await?;
    let events = gongkai_store::request::workflow::events(&app.db, id).await?;
    let state = RequestState::replay(events.iter().map(|e| &e.event));
    let calendar = gongkai_store::calendar::for_agency(&app.db, &agency).await?;
    let deadlines = gongkai_store::request::workflow::deadlines(&calendar, &state);
    let today = timestamp::today_in_china();
    let notice_due = gongkai_store::request::workflow::clarification_notice_due(&calendar, &state, deadlines.as_ref());
    let steps = open_steps(who, &agency, &state)
        .into_iter()
        // A 补正 after its Art. 30 deadline, or an extension after the reply deadline, would be
        // refused: neither is offered.
        .filter(|spec| spec.kind != Kind::RequestClarification || notice_due.is_none_or(|due| today <= due))
        .filter(|spec| spec.kind != Kind::Extend || deadlines.as_ref().is_none_or(|d| today <= d.reply_due))
        .collect();
    let people = staff::people(&app.db, events.iter().map(|e| &e.actor)).await?;
    Ok(RequestCase {
        files: queries::attachments(&app.db, id).await?,
        appeals: appeals::of_request(&app.db, id).await?,
        can_record_appeals: who.may(Permission::RecordAppeals, &agency),
        handlers: handler_staff(app, &agency).await?.into_iter().map(|s| s.display_name).collect(),
        today,
        request,
        agency,
        state,
        events,
        people,
        deadlines,
        steps,
    })
}

/// `agency`'s active staff who may handle its requests, by user name.
pub async fn handler_staff(app: &App, agency: &Agency) -> Result<Vec<staff::Staff>> {
    let root = agency.parent_id.is_none();
    Ok(staff::of_agency(&app.db, agency.id)
        .await?
        .into_iter()
        .filter(|s| s.is_active() && allows(Permission::HandleRequests, &s.roles, Relation::Own, root))
        .collect())
}

/// The commands `who` may take on a request of `agency` in `state`: authorized by the
/// command's permission and open in the workflow now.
pub fn open_steps(who: &Principal, agency: &Agency, state: &RequestState) -> Vec<&'static catalogue::Spec> {
    catalogue::CATALOGUE
        .iter()
        .filter(|spec| who.may(spec.permission, agency))
        .filter(|spec| workflow::open(spec.kind, state).is_ok())
        .filter(|spec| spec.kind != Kind::EndConsultation || state.open_consultations() > 0)
        .collect()
}

//! New requests: registered by staff (received in person, by post, fax or email; the receipt day
//! of Art. 31 given) or submitted online by the public.

use gongkai_core::agency::policy::Permission;
use gongkai_store::agency;
use gongkai_store::request::intake::{self, IntakeForm, Receipt, Upload};
use gongkai_store::{Error, Result, timestamp};

use crate::principal::Principal;
use crate::services::App;

/// Staff register a request of agency `agency_id`; the receipt is shown once (the query password
/// is not stored in clear).
pub async fn register(
    app: &App,
    who: &Principal,
    agency_id: i64,
    form: &IntakeForm,
    uploads: Vec<Upload>,
) -> Result<Receipt> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::RegisterRequests, &agency)?;
    let intake = form.parse_registration(timestamp::today_in_china()).map_err(Error::Invalid)?;
    store(app, &who.actor(), agency, intake, uploads).await
}

/// Stores a checked request through the application's group commit.
async fn store(
    app: &App,
    actor: &gongkai_store::actor::Actor,
    agency: agency::Agency,
    intake: intake::Intake,
    uploads: Vec<Upload>,
) -> Result<Receipt> {
    let ready = intake::prepare(&app.blobs, actor, agency, intake, uploads).await?;
    app.intake.submit(&app.db, &app.config.query_key, ready).await
}

/// A member of the public submits a request online to `agency` (as the portal or the API
/// looked it up).
pub async fn submit_online(
    app: &App,
    agency: agency::Agency,
    form: &IntakeForm,
    uploads: Vec<Upload>,
) -> Result<Receipt> {
    let intake = form.parse_online(timestamp::today_in_china()).map_err(Error::Invalid)?;
    store(app, &Principal::Public.actor(), agency, intake, uploads).await
}

/// Imports a historical request ledger (台账) into agency `agency_id`.
pub async fn import_ledger(
    app: &App,
    who: &Principal,
    agency_id: i64,
    lines: Vec<(
        usize,
        std::result::Result<gongkai_store::request::ledger::LedgerLine, gongkai_store::catalogue::import::LineError>,
    )>,
    progress: impl FnMut(usize),
) -> Result<gongkai_store::catalogue::import::Summary> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(gongkai_core::agency::policy::Permission::ImportLedger, &agency)?;
    gongkai_store::request::ledger::import(&app.db, &who.actor(), agency_id, lines, progress).await
}

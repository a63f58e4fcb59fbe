//! The records around requests: appeals (行政复议、行政诉讼) on a request, enquiries and
//! complaints from the public with their replies, the agency's reply-letter templates, and the
//! reply letters themselves.

use gongkai_core::agency::policy::Permission;
use gongkai_core::request::outcome::Outcome;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::appeals::{self, AppealForm};
use gongkai_store::request::messages::{self, Message, MessageForm};
use gongkai_store::request::{letters as stored_letters, queries};
use gongkai_store::{Actor, Result};

use super::load;
use crate::letters::{self, Format, LetterFile};
use crate::principal::Principal;
use crate::services::App;

/// Records a reconsideration or lawsuit about request `id`.
pub async fn record_appeal(app: &App, who: &Principal, id: i64, form: &AppealForm) -> Result<i64> {
    let (request, _) = load(app, who, id, Permission::RecordAppeals).await?;
    appeals::create(&app.db, &who.actor(), request.agency_id, Some(id), form).await
}

/// The reply letter of request `id` for staff who may read it.
pub async fn letter_for_staff(app: &App, who: &Principal, id: i64, format: Format) -> Result<LetterFile> {
    let (request, _) = load(app, who, id, Permission::ReadRequests).await?;
    letters::render(app, &who.actor(), &request, format).await
}

/// The reply letter for the applicant, who proves who they are with the tracking code and the
/// query password.
pub async fn letter_for_applicant(app: &App, code: &str, password: &str, format: Format) -> Result<LetterFile> {
    let request = queries::by_code_and_password(&app.db, code, password, &app.config.query_key).await?;
    letters::render(app, &Actor::Public, &request, format).await
}

/// The request with this tracking code for the applicant who knows its query password (the
/// status page and the public API); a wrong code and a wrong password give the same answer.
pub async fn for_applicant(app: &App, code: &str, password: &str) -> Result<gongkai_store::request::row::Request> {
    queries::by_code_and_password(&app.db, code, password, &app.config.query_key).await
}

/// Enquiries and complaints of an agency, with whether the principal may reply.
pub async fn messages_of(app: &App, who: &Principal, agency_id: i64) -> Result<(Agency, Vec<Message>, bool)> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ReadMessages, &agency)?;
    let list = messages::of_agency(&app.db, agency_id).await?;
    let can_reply = who.may(Permission::ReplyMessages, &agency);
    Ok((agency, list, can_reply))
}

/// A member of the public writes an enquiry or a complaint: stored with a tracking code, the
/// office told, the writer too when they gave an email address.
pub async fn submit_message(app: &App, agency_id: i64, form: &MessageForm) -> Result<messages::MessageReceipt> {
    let agency = agency::get(&app.db, agency_id).await?;
    messages::create(&app.db, &Actor::Public, agency_id, &agency.name, form).await
}

/// The writer of a message reads it and its reply with the tracking code (no account: the
/// code is the key, so it is long and random).
pub async fn message_by_code(app: &App, code: &str) -> Result<messages::Message> {
    messages::by_code(&app.db, code).await
}

/// Staff reply to message `message` of agency `agency_id`.
pub async fn reply(app: &App, who: &Principal, agency_id: i64, message: i64, text: &str) -> Result<()> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ReplyMessages, &agency)?;
    messages::reply(&app.db, &who.actor(), agency_id, &agency.name, message, text).await
}

/// The agency's template for `outcome` (or gongkai's default): shown to those who register
/// requests, editable by those who may edit templates (the second value).
pub async fn letter_template(
    app: &App,
    who: &Principal,
    agency_id: i64,
    outcome: Outcome,
) -> Result<(Agency, String, bool)> {
    let agency = agency::get(&app.db, agency_id).await?;
    let editable = who.may(Permission::EditLetterTemplates, &agency);
    if !editable {
        who.authorize(Permission::RegisterRequests, &agency)?;
    }
    let body = stored_letters::template(&app.db, agency_id, outcome).await?;
    Ok((agency, body, editable))
}

/// Saves the agency's template for `outcome`.
pub async fn save_letter_template(
    app: &App,
    who: &Principal,
    agency_id: i64,
    outcome: Outcome,
    body: &str,
) -> Result<()> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::EditLetterTemplates, &agency)?;
    stored_letters::save_template(&app.db, &who.actor(), agency_id, outcome, body).await
}

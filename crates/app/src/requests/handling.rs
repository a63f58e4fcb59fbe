//! Applying a workflow step to a request: the one use case behind the console's step forms and
//! the staff API's `POST …/steps`.
//!
//! Order: read the request and its agency; find the command's row in the catalogue; authorize
//! its permission for the principal on that agency; parse the values (the fee calculator fills
//! the amount from the tiers when asked); apply it in one transaction (events, derived columns,
//! audit record, applicant notifications); render and archive the reply letters of a decision.

use std::collections::HashMap;

use gongkai_core::request::workflow::{Kind, Status};
use gongkai_store::request::row::Request;
use gongkai_store::request::{fees, queries, workflow};
use gongkai_store::{Error, Result, agency, timestamp};

use crate::letters;
use crate::principal::Principal;
use crate::services::App;

/// A step as typed into a form or a JSON body: the command's key and its fields by name.
#[derive(Debug, Clone, Default)]
pub struct StepInput {
    pub command: String,
    pub fields: HashMap<String, String>,
}

impl StepInput {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Applies `input` to request `id` as `who`; returns the request as it stands after.
pub async fn apply(app: &App, who: &Principal, id: i64, mut input: StepInput) -> Result<Request> {
    let request = queries::get(&app.db, id).await?;
    let agency = agency::get(&app.db, request.agency_id).await?;
    let kind = Kind::from_key(&input.command)?;
    who.authorize(kind.permission(), &agency)?;
    if kind == Kind::Assign {
        let handler = handler_named(app, &agency, input.get("handler")).await?;
        input.fields.insert("handler".into(), handler);
    }
    if kind == Kind::IssueFeeNotice && !input.get("fee_basis").trim().is_empty() {
        let (amount, explanation) =
            fees::calculate(&app.db, &request, input.get("fee_basis"), input.get("fee_count")).await?;
        input.fields.insert("amount_yuan".into(), amount.to_string());
        input.fields.insert("explanation".into(), explanation);
    }
    let command = kind.parse_fields(|name| input.get(name)).map_err(Error::Invalid)?;
    let actor = who.actor();
    let after =
        workflow::transition(&app.db, &actor, &who.display_name(), id, &command, timestamp::today_in_china()).await?;
    if after.status == Status::Decided && after.outcome.is_some() {
        letters::archive_new_decision(app, &actor, &after).await;
    }
    Ok(after)
}

/// The display name of the agency's handler called `name` (display name or user name): a case
/// is assigned to someone who may handle it, never to a typo.
async fn handler_named(app: &App, agency: &agency::Agency, name: &str) -> Result<String> {
    let name = name.trim();
    let staff = super::case::handler_staff(app, agency).await?;
    if let Some(s) = staff.iter().find(|s| s.display_name == name || s.username == name) {
        return Ok(s.display_name.clone());
    }
    let names: Vec<&str> = staff.iter().map(|s| s.display_name.as_str()).collect();
    let choices = if names.is_empty() {
        "本单位尚无依申请经办人员".to_owned()
    } else {
        format!("可选：{}", names.join("、"))
    };
    Err(Error::field("handler", "经办人", format!("经办人“{name}”不是本单位在职的依申请经办人员（{choices}）")))
}

/// Applies a typed `command` to request `id` as `who` (the command line, the demo, tests):
/// the same authorization and transaction as [`apply`].
pub async fn apply_command(
    app: &App,
    who: &Principal,
    id: i64,
    command: &gongkai_core::request::workflow::Command,
) -> Result<Request> {
    let request = queries::get(&app.db, id).await?;
    let agency = agency::get(&app.db, request.agency_id).await?;
    who.authorize(command.kind().permission(), &agency)?;
    let actor = who.actor();
    let after =
        workflow::transition(&app.db, &actor, &who.display_name(), id, command, timestamp::today_in_china()).await?;
    if after.status == Status::Decided && after.outcome.is_some() {
        letters::archive_new_decision(app, &actor, &after).await;
    }
    Ok(after)
}

//! Disclosure requests (依申请公开): every use case the console, the staff API, the portal and the
//! CLI run on a request, each authorizing inside with the permission the catalogue names.
//!
//! - [`intake`]: registering a request received in person, by post, fax or email; an online
//!   submission from the public.
//! - [`listing`]: an agency's requests in a view (open, overdue, due soon, all).
//! - [`case`]: one request with its history, deadlines, files, appeals and the steps the
//!   principal may take now.
//! - [`handling`]: applying a workflow step (a command of the catalogue).
//! - [`records`]: appeals (复议/诉讼), enquiries and complaints, letter templates, letters.

pub mod case;
pub mod handling;
pub mod intake;
pub mod listing;
pub mod records;

use gongkai_core::agency::policy::Permission;
use gongkai_store::Result;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::queries;
use gongkai_store::request::row::Request;

use crate::principal::Principal;
use crate::services::App;

/// Request `id` and its agency, after checking `permission` there.
pub(crate) async fn load(app: &App, who: &Principal, id: i64, permission: Permission) -> Result<(Request, Agency)> {
    let request = queries::get(&app.db, id).await?;
    let agency = agency::get(&app.db, request.agency_id).await?;
    who.authorize(permission, &agency)?;
    Ok((request, agency))
}

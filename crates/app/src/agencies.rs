//! The agency tree as staff manage it: the tree they see, one agency with its children and staff,
//! changing an agency's details, adding an agency below.
//!
//! An agency's contact details are its own administrators' to change; its identity (name, credit
//! code, level) only an administrator above it may change, so a township cannot rename itself or
//! raise its own level.

use gongkai_core::agency::policy::Permission;
use gongkai_store::agency::{self, Agency, AgencyFields};
use gongkai_store::staff::{self, Staff};
use gongkai_store::{Error, Result};

use crate::principal::Principal;
use crate::services::App;

/// The agencies a principal sees, with whether each may be edited by them.
pub async fn tree(app: &App, who: &Principal) -> Result<Vec<(Agency, bool)>> {
    let Some(member) = who.staff() else {
        return Ok(agency::all(&app.db).await?.into_iter().map(|a| (a, true)).collect());
    };
    let visible = agency::subtree(&app.db, &member.agency).await?;
    Ok(visible
        .into_iter()
        .filter(|a| who.may(Permission::ReadAgency, a))
        .map(|a| {
            let writable = who.may(Permission::EditAgencyDetails, &a);
            (a, writable)
        })
        .collect())
}

/// One agency, its children and its staff.
pub struct AgencyPage {
    pub agency: Agency,
    pub children: Vec<Agency>,
    pub staff: Vec<Staff>,
    pub writable: bool,
    pub can_add_child: bool,
}

pub async fn read(app: &App, who: &Principal, id: i64) -> Result<AgencyPage> {
    let agency = agency::get(&app.db, id).await?;
    who.authorize(Permission::ReadAgency, &agency)?;
    Ok(AgencyPage {
        children: agency::children(&app.db, id).await?,
        staff: staff::of_agency(&app.db, id).await?,
        writable: who.may(Permission::EditAgencyDetails, &agency),
        can_add_child: who.may(Permission::CreateChildAgency, &agency),
        agency,
    })
}

/// The agency as its edit form starts, for those who may edit it.
pub async fn for_editing(app: &App, who: &Principal, id: i64) -> Result<Agency> {
    let agency = agency::get(&app.db, id).await?;
    who.authorize(Permission::EditAgencyDetails, &agency)?;
    Ok(agency)
}

/// Changes agency `id`; a change of name, credit code or level needs an administrator above it.
pub async fn update(app: &App, who: &Principal, id: i64, fields: AgencyFields) -> Result<Agency> {
    let agency = agency::get(&app.db, id).await?;
    who.authorize(Permission::EditAgencyDetails, &agency)?;
    let identity_changes =
        fields.name != agency.name || fields.credit_code.as_str() != agency.credit_code || fields.level != agency.level;
    if identity_changes && !who.may(Permission::ChangeAgencyIdentity, &agency) {
        return Err(Error::field("name", "机关名称", "机关名称、统一社会信用代码和层级只能由上级机关的管理员修改"));
    }
    agency::update(&app.db, &who.actor(), id, fields).await
}

/// The parent for a new child, for those who may add one.
pub async fn parent_for_child(app: &App, who: &Principal, parent_id: i64) -> Result<Agency> {
    let parent = agency::get(&app.db, parent_id).await?;
    who.authorize(Permission::CreateChildAgency, &parent)?;
    Ok(parent)
}

/// Adds an agency under `parent_id`.
pub async fn create_child(app: &App, who: &Principal, parent_id: i64, fields: AgencyFields) -> Result<Agency> {
    let parent = parent_for_child(app, who, parent_id).await?;
    agency::create(&app.db, &who.actor(), Some(parent.id), fields).await
}

/// Creates a root agency or one under `parent` (the command line's `agency add`).
pub async fn create(app: &App, who: &Principal, parent: Option<i64>, fields: AgencyFields) -> Result<Agency> {
    match parent {
        Some(id) => create_child(app, who, id, fields).await,
        None if matches!(who, Principal::Operator) => agency::create(&app.db, &who.actor(), None, fields).await,
        None => Err(Error::Forbidden),
    }
}

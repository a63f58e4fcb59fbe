//! Personal API tokens ([`gongkai_store::api_token`]) as staff and administrators manage them,
//! and the token check of the staff JSON API.
//!
//! Who may do what:
//! - make a token: the staff member, signed in to the console (not through another token, so a
//!   leaked token cannot mint more), or the operator at the command line for a named account;
//! - see and revoke tokens: the member, and those who may manage the member's account
//!   ([`Permission::ManageStaff`]: the agency's administrators and those above);
//! - a token acts as its member, with the member's roles and agency scope as they are at each call
//!   (a role removed or an account disabled takes effect at once).

use gongkai_core::agency::policy::Permission;
use gongkai_store::agency::{self, Agency};
use gongkai_store::api_token::{self, ApiToken, IssuedToken, TokenRequest};
use gongkai_store::staff::{self, Staff};
use gongkai_store::{Error, Result};

use crate::principal::{Principal, StaffMember, Via};
use crate::services::App;

/// The tokens of account `staff_id`, with the account and whether the principal may revoke them.
#[derive(Debug)]
pub struct TokenList {
    pub owner: Staff,
    pub agency: Agency,
    pub tokens: Vec<ApiToken>,
    /// Whether the principal is the owner, signed in to the console (and so may make one).
    pub may_issue: bool,
}

fn is_owner(who: &Principal, owner: &Staff) -> bool {
    who.staff().is_some_and(|m| m.staff.id == owner.id)
}

async fn owner_and_agency(app: &App, who: &Principal, staff_id: i64) -> Result<(Staff, Agency)> {
    let owner = staff::get(&app.db, staff_id).await?;
    let agency = agency::get(&app.db, owner.agency_id).await?;
    if !is_owner(who, &owner) {
        who.authorize(Permission::ManageStaff, &agency)?;
    }
    Ok((owner, agency))
}

/// Account `staff_id`'s tokens, for the owner and those who manage the account.
pub async fn list(app: &App, who: &Principal, staff_id: i64) -> Result<TokenList> {
    let (owner, agency) = owner_and_agency(app, who, staff_id).await?;
    let tokens = api_token::of_staff(&app.db, staff_id).await?;
    let may_issue = who.staff().is_some_and(|m| m.staff.id == owner.id && m.via == Via::Session);
    Ok(TokenList { owner, agency, tokens, may_issue })
}

/// A new token for account `staff_id`: by the owner in the console, or by the operator.
pub async fn issue(app: &App, who: &Principal, staff_id: i64, request: &TokenRequest) -> Result<IssuedToken> {
    let owner = staff::get(&app.db, staff_id).await?;
    let agency = agency::get(&app.db, owner.agency_id).await?;
    who.authorize(Permission::IssueApiTokens, &agency)?;
    let allowed = match who {
        Principal::Staff(m) => m.staff.id == owner.id && m.via == Via::Session,
        other => matches!(other, Principal::Operator),
    };
    if !allowed {
        return Err(Error::Denied(Permission::IssueApiTokens));
    }
    if !owner.is_active() {
        return Err(Error::field("username", "用户名", "该账号已停用，不能签发令牌"));
    }
    api_token::issue(&app.db, &who.actor(), &owner, request).await
}

/// Revokes token `token_id` of account `staff_id`.
pub async fn revoke(app: &App, who: &Principal, staff_id: i64, token_id: i64) -> Result<()> {
    let (owner, _) = owner_and_agency(app, who, staff_id).await?;
    let token = api_token::get(&app.db, token_id).await?;
    if token.staff_id != owner.id {
        return Err(Error::NotFound("该令牌"));
    }
    api_token::revoke(&app.db, &who.actor(), &owner, token_id).await
}

/// The staff member a bearer secret acts as, or `None` when it is unknown, expired, revoked or
/// its account disabled (the API answers 401 without saying which).
pub async fn authenticate(app: &App, secret: &str) -> Result<Option<StaffMember>> {
    let Some((token, staff)) = api_token::authenticate(&app.db, secret).await? else { return Ok(None) };
    let agency = agency::get(&app.db, staff.agency_id).await?;
    Ok(Some(StaffMember { staff, agency, via: Via::Token { token_id: token.id } }))
}

//! A staff member's own account: signing in (the credentials checked, a session started), signing
//! out, and changing their password (the current one checked, every session ended).

use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_store::staff::{self, Staff};
use gongkai_store::{Error, Result, session};

use crate::principal::Principal;
use crate::services::App;

/// Checks the credentials and starts a session; returns the account and the session token.
/// Wrong credentials are [`Error::BadCredentials`], whichever part was wrong.
pub async fn sign_in(app: &App, username: &str, password: &str) -> Result<(Staff, String)> {
    let staff = staff::authenticate(&app.db, username, password).await?;
    let token = session::start(&app.db, &staff).await?;
    Ok((staff, token))
}

/// Ends the session `token` of `who`.
pub async fn sign_out(app: &App, who: &Principal, token: &str) -> Result<()> {
    let member = who.staff().ok_or(Error::Forbidden)?;
    session::end(&app.db, &member.staff, token).await
}

/// Changes `who`'s own password after checking the current one; every session of the account ends.
pub async fn change_password(app: &App, who: &Principal, current: &str, new: &str, confirm: &str) -> Result<()> {
    let member = who.staff().ok_or(Error::Forbidden)?;
    let mut errors = FieldErrors::new();
    if !staff::check_current_password(&app.db, member.staff.id, current).await? {
        errors.push(FieldError::new("current_password", "当前密码", "当前密码不正确"));
    }
    if let Err(e) = staff::check_password("new_password", new) {
        errors.push(e);
    } else if new != confirm {
        errors.push(FieldError::new("confirm_password", "确认新密码", "两次输入的新密码不一致"));
    }
    errors.into_result()?;
    staff::set_password(&app.db, &who.actor(), member.staff.id, new).await
}

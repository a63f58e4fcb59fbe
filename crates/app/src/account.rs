//! A staff member's own account: signing in (throttled by recent failures per account and per
//! address, shared by all nodes; the credentials checked, a session started), signing
//! out, and changing their password (the current one checked, the new one strong enough by the
//! zxcvbn estimator and not the current one, every session ended).

use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_store::staff::{self, Staff};
use gongkai_store::{Error, Result, login_failures, session};

use crate::principal::Principal;
use crate::services::App;

/// Checks the credentials and starts a session; returns the account and the session token.
/// Wrong credentials are [`Error::BadCredentials`], whichever part was wrong.
///
/// Throttled by failures only ([`login_failures`]): `limits` failures per account name or per
/// client `address` within the window refuse the attempt with [`SignInError::Throttled`] before
/// the password is checked; a wrong password counts one failure, a success clears its account's.
pub async fn sign_in(
    app: &App,
    username: &str,
    password: &str,
    address: &str,
    limits: login_failures::Limits,
) -> std::result::Result<(Staff, String), SignInError> {
    if let Some(which) = login_failures::throttled(&app.db, username, address, limits).await? {
        return Err(SignInError::Throttled(which));
    }
    match staff::authenticate(&app.db, username, password).await {
        Ok(staff) => {
            login_failures::clear(&app.db, username).await?;
            let token = session::start(&app.db, &staff).await?;
            Ok((staff, token))
        }
        Err(Error::BadCredentials) => {
            login_failures::record(&app.db, username, address).await?;
            Err(SignInError::Refused(Error::BadCredentials))
        }
        Err(e) => Err(SignInError::Refused(e)),
    }
}

/// Why a sign-in (or the current-password check of a password change) did not go through.
#[derive(Debug)]
pub enum SignInError {
    /// Too many recent failures for this account or from this address.
    Throttled(login_failures::Throttled),
    /// Wrong credentials (counted) or another error.
    Refused(Error),
}

impl From<Error> for SignInError {
    fn from(e: Error) -> Self {
        SignInError::Refused(e)
    }
}

/// Ends the session `token` of `who`.
pub async fn sign_out(app: &App, who: &Principal, token: &str) -> Result<()> {
    let member = who.staff().ok_or(Error::Forbidden)?;
    session::end(&app.db, &member.staff, token).await
}

/// What a password change needs besides the passwords: where it comes from, for the throttle
/// (checking the current password is a password guess too).
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub address: &'a str,
    pub limits: login_failures::Limits,
}

/// Changes `who`'s own password after checking the current one; every session of the account ends.
pub async fn change_password(
    app: &App,
    who: &Principal,
    current: &str,
    new: &str,
    confirm: &str,
    from: Origin<'_>,
) -> std::result::Result<(), SignInError> {
    let member = who.staff().ok_or(Error::Forbidden)?;
    let username = &member.staff.username;
    if let Some(which) = login_failures::throttled(&app.db, username, from.address, from.limits).await? {
        return Err(SignInError::Throttled(which));
    }
    let mut errors = FieldErrors::new();
    if !staff::check_current_password(&app.db, member.staff.id, current).await? {
        login_failures::record(&app.db, username, from.address).await?;
        errors.push(FieldError::new("current_password", "当前密码", "当前密码不正确"));
    }
    if let Err(e) = staff::check_password("new_password", new) {
        errors.push(e);
    } else if new == current {
        errors.push(FieldError::new("new_password", "新密码", "新密码不能与当前密码相同"));
    } else if let Err(e) = strong_enough(new, &[&member.staff.username, &member.staff.display_name]) {
        errors.push(e);
    } else if new != confirm {
        errors.push(FieldError::new("confirm_password", "确认新密码", "两次输入的新密码不一致"));
    }
    errors.into_result().map_err(Error::Invalid)?;
    Ok(staff::set_password(&app.db, &who.actor(), member.staff.id, new).await?)
}

/// The lowest zxcvbn score (0-4) a chosen password needs: 3, "safely unguessable: moderate
/// protection from offline slow-hash scenario" (argon2id here).
pub const MIN_STRENGTH: u8 = 3;

/// Refuses a password the zxcvbn estimator guesses too easily (common words and passwords,
/// names, dates, keyboard runs, repeats; the account's own user name and name count as known).
pub fn strong_enough(password: &str, known: &[&str]) -> std::result::Result<(), FieldError> {
    let estimate = zxcvbn::zxcvbn(password, known);
    let score = u8::from(estimate.score());
    if score >= MIN_STRENGTH {
        return Ok(());
    }
    Err(FieldError::new(
        "new_password",
        "新密码",
        format!(
            "新密码太容易被猜到（强度{score}/4，至少需要{MIN_STRENGTH}）：请用几个不相关的词或更长的句子，避免常见密码、姓名、用户名、日期和键盘顺序"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_and_long_unusual_ones_pass() {
        for weak in ["password1234", "1234567890", "qwertyuiop", "zhangsan2024", "aaaaaaaaaaaa"] {
            let e = strong_enough(weak, &["zhangsan"]).unwrap_err();
            assert!(e.message.contains("太容易被猜到"), "{weak}: {}", e.message);
        }
        assert!(strong_enough("青石镇 brisk lantern 47 orchard", &["zhangsan"]).is_ok());
        assert!(strong_enough("correct horse battery staple", &[]).is_ok());
    }
}

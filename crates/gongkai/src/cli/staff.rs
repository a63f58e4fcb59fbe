//! `gongkai staff add`: create a staff account; the password is read from stdin when stdin is
//! not a terminal, otherwise generated and printed once. `gongkai staff token`: a personal API
//! token for an account (printed once) for the staff JSON API.

use std::io::{IsTerminal, Read};

use clap::Subcommand;
use gongkai_app::Principal;
use gongkai_store::agency;
use gongkai_store::staff::{self, StaffForm};

use super::agency::input_or_fail;
use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum StaffCommand {
    /// Add a staff account to an agency.
    Add {
        /// Credit code of the agency
        #[arg(long)]
        agency: String,
        /// User name (3–32 letters, digits, _ . -)
        #[arg(long)]
        user: String,
        /// Role, repeatable: admin, drafter, secrecy_reviewer, reviewer, approver, handler, supervisor
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Display name [default: the user name]
        #[arg(long)]
        name: Option<String>,
    },
    /// Issue a personal API token for an account (printed once; stored hashed).
    Token {
        /// User name of the account the token acts as
        #[arg(long)]
        user: String,
        /// What the token is for, e.g. "12345热线平台对接" [default: 命令行签发]
        #[arg(long)]
        name: Option<String>,
        /// Lifetime in days, 1–366 [default: 90]
        #[arg(long)]
        days: Option<String>,
    },
}

pub async fn run(settings: Settings, cmd: StaffCommand) -> CliResult {
    let (code, user, roles, name) = match cmd {
        StaffCommand::Add { agency, user, roles, name } => (agency, user, roles, name),
        StaffCommand::Token { user, name, days } => return token(settings, user, name, days).await,
    };
    let db = settings.open_db().await?;
    let target = agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--agency: {e}")))?;
    let form =
        StaffForm { display_name: name.unwrap_or_else(|| user.clone()), username: user, roles, ..Default::default() };
    let fields = form.parse().map_err(|e| Failure::input(e.to_string()))?;
    let (password, generated) = read_password()?;
    let app = settings.records_app(db.clone())?;
    let created = gongkai_app::staff::create(&app, &Principal::Operator, target.id, fields, &password)
        .await
        .map_err(input_or_fail)?;
    println!("added {} ({}) to {}", created.username, created.roles().labels(), target.name);
    if generated {
        println!("password: {password}");
    }
    db.close().await;
    Ok(())
}

fn read_password() -> Result<(String, bool), Failure> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok((staff::generate_password(), true));
    }
    let mut input = String::new();
    stdin
        .lock()
        .read_to_string(&mut input)
        .map_err(|e| Failure::input(format!("cannot read password from stdin: {e}")))?;
    let password = input.lines().next().unwrap_or("").to_owned();
    if password.is_empty() {
        return Ok((staff::generate_password(), true));
    }
    Ok((password, false))
}

/// `gongkai staff token --user NAME [--name TEXT] [--days N]`.
async fn token(settings: Settings, user: String, name: Option<String>, days: Option<String>) -> CliResult {
    let request = gongkai_store::api_token::TokenRequest::parse(
        name.as_deref().unwrap_or("命令行签发"),
        days.as_deref().unwrap_or(""),
    )
    .map_err(|e| Failure::input(format!("--name/--days: {e}")))?;
    let db = settings.open_db().await?;
    let owner = staff::by_username(&db, &user)
        .await
        .map_err(|_| Failure::input(format!("--user: 没有用户名为“{user}”的账号")))?;
    let app = settings.records_app(db.clone())?;
    let issued =
        gongkai_app::tokens::issue(&app, &Principal::Operator, owner.id, &request).await.map_err(input_or_fail)?;
    println!(
        "issued API token \"{}\" for {} ({}), valid until {}",
        issued.token.name,
        owner.username,
        owner.roles().labels(),
        issued.token.expires_at
    );
    println!("token: {}", issued.secret);
    println!("it is shown only this once; send it as: Authorization: Bearer <token>");
    db.close().await;
    Ok(())
}

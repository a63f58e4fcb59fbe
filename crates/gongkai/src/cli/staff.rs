//! `gongkai staff add`: create a staff account; the password is read from stdin when stdin is
//! not a terminal, otherwise generated and printed once.

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
}

pub async fn run(settings: Settings, cmd: StaffCommand) -> CliResult {
    let StaffCommand::Add { agency: code, user, roles, name } = cmd;
    let db = settings.open_db().await?;
    let target = agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--agency: {e}")))?;
    let form = StaffForm { display_name: name.unwrap_or_else(|| user.clone()), username: user, roles };
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

//! `gongkai agency add`: add an agency to the tree from the command line.

use clap::Subcommand;
use gongkai_app::Principal;
use gongkai_store::Error;
use gongkai_store::agency::{self, AgencyForm};

use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum AgencyCommand {
    /// Add an agency.
    Add {
        /// Full name, e.g. 浩县人民政府
        #[arg(long)]
        name: String,
        /// 统一社会信用代码 (18 characters, checked)
        #[arg(long)]
        code: String,
        /// Credit code of the parent agency (none for a root)
        #[arg(long)]
        parent: Option<String>,
        /// province | city | county | township | department [default: county for a root, department below]
        #[arg(long)]
        level: Option<String>,
        /// Short name
        #[arg(long)]
        short_name: Option<String>,
    },
    /// List every agency in tree order.
    List,
}

pub async fn run(settings: Settings, cmd: AgencyCommand) -> CliResult {
    let db = settings.open_db().await?;
    match cmd {
        AgencyCommand::Add { name, code, parent, level, short_name } => {
            let parent = match parent {
                Some(code) => {
                    Some(agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--parent: {e}")))?)
                }
                None => None,
            };
            let default_level = if parent.is_some() { "department" } else { "county" };
            let form = AgencyForm {
                name,
                credit_code: code,
                level: level.unwrap_or_else(|| default_level.into()),
                short_name: short_name.unwrap_or_default(),
                ..Default::default()
            };
            let fields = form.parse().map_err(|e| Failure::input(e.to_string()))?;
            let app = settings.records_app(db.clone())?;
            let created = gongkai_app::agencies::create(&app, &Principal::Operator, parent.map(|p| p.id), fields)
                .await
                .map_err(input_or_fail)?;
            println!(
                "added agency {} ({}), id {}, path {}",
                created.name, created.credit_code, created.id, created.path
            );
        }
        AgencyCommand::List => {
            for a in agency::all(&db).await? {
                println!("{}{}  {}  {}", "  ".repeat(a.depth()), a.name, a.credit_code, a.level);
            }
        }
    }
    db.close().await;
    Ok(())
}

/// Validation errors are input errors (exit 2); anything else is a failure (exit 1).
pub fn input_or_fail(e: Error) -> Failure {
    match e {
        Error::Invalid(_) | Error::NotFound(_) => Failure::input(e.to_string()),
        other => Failure::from(other),
    }
}

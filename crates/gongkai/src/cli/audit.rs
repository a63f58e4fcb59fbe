//! `gongkai audit verify`: walk the hash chain; exit 1 naming the first record that does not match.

use clap::Subcommand;
use gongkai_store::audit::{self, Verdict};

use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Verify the whole audit chain.
    Verify,
}

pub async fn run(settings: Settings, cmd: AuditCommand) -> CliResult {
    let AuditCommand::Verify = cmd;
    let db = settings.open_db().await?;
    let verdict = audit::verify(&db).await?;
    db.close().await;
    match verdict {
        Verdict::Intact { count } => {
            println!("audit log intact: {count} records verified");
            Ok(())
        }
        Verdict::Broken { id, reason } => {
            Err(Failure { code: 1, message: format!("audit record {id} does not match: {reason}") })
        }
    }
}

//! `gongkai audit verify`: walk the hash chain from record 1 and check every signed checkpoint
//! of this node (or of a copy given with `--checkpoints`); exit 1 naming the first problem.
//! `gongkai audit checkpoint`: sign the current head now.

use std::path::PathBuf;

use clap::Subcommand;
use gongkai_store::audit::{self, Verdict};
use gongkai_store::audit_checkpoint;

use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Verify the whole audit chain and the signed checkpoints.
    Verify {
        /// A checkpoint file to check against instead of this node's (e.g. the copy the parent
        /// agency keeps)
        #[arg(long)]
        checkpoints: Option<PathBuf>,
    },
    /// Sign the current head of the audit chain into this node's checkpoint file.
    Checkpoint,
    /// Print the public key that verifies this node's checkpoints.
    PublicKey,
}

pub async fn run(settings: Settings, cmd: AuditCommand) -> CliResult {
    let log = settings.audit_checkpoints()?;
    let db = settings.open_db().await?;
    match cmd {
        AuditCommand::Verify { checkpoints } => {
            let file = checkpoints.unwrap_or_else(|| log.file.clone());
            let list = audit_checkpoint::read_file(&file).map_err(|e| Failure::input(e.to_string()))?;
            let verdict = audit::verify_against(&db, &list, &log.key.public_hex()).await?;
            db.close().await;
            match verdict {
                Verdict::Intact { count } => {
                    let latest = match list.last() {
                        Some(c) => format!(" (latest: record {} signed at {})", c.seq, c.at),
                        None => String::new(),
                    };
                    println!(
                        "audit log intact: {count} records verified, {} signed checkpoints verified{latest}",
                        list.len()
                    );
                    Ok(())
                }
                Verdict::Broken { id, reason } => {
                    Err(Failure { code: 1, message: format!("audit record {id} does not match: {reason}") })
                }
            }
        }
        AuditCommand::Checkpoint => {
            let taken = log.take(&db, "manual").await?;
            db.close().await;
            match taken {
                Some(c) => println!("signed checkpoint: record {} ({}) into {}", c.seq, c.hash, log.file.display()),
                None => println!("no new records since the last checkpoint"),
            }
            Ok(())
        }
        AuditCommand::PublicKey => {
            db.close().await;
            println!("{}", log.key.public_hex());
            Ok(())
        }
    }
}

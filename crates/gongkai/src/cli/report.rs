//! `gongkai report build|check --agency CODE --year YEAR`: the annual report compiled from the
//! records (tables 三 and 四 so far), as JSON, and its consistency check (exit 1 on a finding).

use std::path::PathBuf;

use clap::Subcommand;
use gongkai_store::{agency, report};

use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Compile the report (JSON on stdout, or to --out).
    Build {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: i32,
        /// Output format (only json so far)
        #[arg(long, default_value = "json")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check the compiled report against every consistency rule; exit 1 naming each finding.
    Check {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: i32,
    },
}

pub async fn run(settings: Settings, cmd: ReportCommand) -> CliResult {
    let db = settings.open_db().await?;
    let (code, year) = match &cmd {
        ReportCommand::Build { agency, year, .. } | ReportCommand::Check { agency, year } => (agency.clone(), *year),
    };
    let target = agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--agency: {e}")))?;
    let (compiled, findings) = report::compile_year(&db, target.id, year).await.map_err(|e| Failure::input(format!("--year: {e}")))?;
    db.close().await;
    match cmd {
        ReportCommand::Build { format, out, .. } => {
            if format != "json" {
                return Err(Failure::input(format!("--format {format}: only json is available so far")));
            }
            let json = serde_json::to_string_pretty(&compiled).map_err(|e| Failure::from(e.to_string()))?;
            match out {
                Some(path) => std::fs::write(&path, json).map_err(|e| Failure::from(format!("cannot write {}: {e}", path.display())))?,
                None => println!("{json}"),
            }
            Ok(())
        }
        ReportCommand::Check { .. } => {
            for f in &findings {
                eprintln!("{} {}: {}", f.rule, f.r#where, f.message);
            }
            if findings.is_empty() {
                println!("{} {year}年度报告：全部勾稽关系校验通过", target.name);
                Ok(())
            } else {
                Err(Failure { code: 1, message: format!("{} findings", findings.len()) })
            }
        }
    }
}

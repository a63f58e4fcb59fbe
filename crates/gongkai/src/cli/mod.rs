//! The command line: one file per subcommand, each parsing its arguments, calling a domain
//! function and printing the result.
//!
//! Exit codes: 0 success, 1 failure (including a broken audit chain), 2 invalid input.

mod agency;
mod audit;
mod backup;
mod demo;
mod demo_items;
mod demo_reports;
mod demo_requests;
mod import;
mod notice;
mod reindex;
mod report;
mod report_audit;
mod serve;
mod settings;
mod staff;
mod workdays;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use settings::{GlobalArgs, Settings};

/// The long help of `gongkai deadline`: the case format, as in the README.
const DEADLINE_HELP: &str = "Compute the statutory deadlines of one request: JSON case on stdin, JSON on stdout.

Case (only `received` is required; unknown keys are refused):
  {\"received\": \"2025-09-26\",                       the Art. 31 receipt day (or a reopening order's date)
   \"clarification\": {\"requested\": \"2025-09-30\", \"received\": \"2025-10-15\"},   the one-time 补正
   \"consultations\": [{\"start\": \"2025-10-20\", \"end\": \"2025-11-03\"}],          paused time
   \"extension_days\": 20,                              at most 20 working days
   \"reply_workdays\": 15,                              a period set by an order (default 20)
   \"fee\": {\"notified\": \"2025-11-10\", \"pay_by\": \"2025-12-08\", \"paid\": \"2025-11-20\"}}   time to pay, not counted

Answer: clarification_notice_due, reply_due, provisional (true when next year's holiday notice is not
loaded and its holidays were estimated), before_restart (after a 补正, the working days that ran before
the clock restarted) and explanation (every day: counted, paused or skipped, why).
Errors: one line in Chinese on stderr, exit status 2.";

#[derive(Parser, Debug)]
#[command(name = "gongkai", version, about = "gongkai 政务公开平台: government information disclosure, end to end")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the portal, the admin console and the API.
    Serve(serve::ServeArgs),
    /// Create a fresh demo data directory (a county with departments and townships, one account
    /// per role) and serve it.
    Demo(serve::ServeArgs),
    /// Apply the database migrations embedded in this binary.
    Migrate,
    /// Manage agencies.
    #[command(subcommand)]
    Agency(agency::AgencyCommand),
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Bulk imports.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Rebuild this node's search index from the database.
    Reindex,
    /// The annual report (tables 三 and 四 so far): build as JSON, or check.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The monthly supervision notice (一月一通报) of an agency's subordinate units, as DOCX or PDF.
    Notice(notice::NoticeArgs),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Back up the embedded database (a consistent snapshot while serving), the attachments, the
    /// config and the keys into a new directory, with a manifest of hashes and counts.
    Backup {
        /// The directory to write (must not exist or be empty)
        dir: std::path::PathBuf,
    },
    /// Restore a backup into the data directory (which must hold no data) and verify it.
    Restore {
        /// The backup directory
        dir: std::path::PathBuf,
    },
    /// Configuration helpers.
    #[command(subcommand)]
    Config(settings::ConfigCommand),
    /// Working-day arithmetic on the embedded calendar.
    #[command(subcommand)]
    Workdays(workdays::WorkdaysCommand),
    /// Compute the statutory deadlines of one request: JSON case on stdin, JSON on stdout.
    #[command(long_about = DEADLINE_HELP)]
    Deadline,
}

/// A failure with the exit code it should produce.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Self { code: 2, message: message.into() }
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Self { code: 1, message: e.to_string() }
    }
}

pub type CliResult = Result<(), Failure>;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Workdays(cmd) => workdays::run(cmd),
        Command::Deadline => workdays::deadline(),
        Command::Config(cmd) => settings::run(cmd),
        command => {
            let settings = match Settings::load(&cli.global) {
                Ok(s) => s,
                Err(f) => return fail(f),
            };
            settings::init_logging(&settings);
            let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
            runtime.block_on(async_command(command, settings))
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => fail(f),
    }
}

fn fail(f: Failure) -> ExitCode {
    eprintln!("error: {}", f.message);
    ExitCode::from(f.code)
}

async fn async_command(command: Command, settings: Settings) -> CliResult {
    match command {
        Command::Serve(args) => serve::serve(settings, args).await,
        Command::Demo(args) => demo::run(settings, args).await,
        Command::Migrate => {
            let db = settings.open_db().await?;
            println!("migrations applied ({})", settings.database_label());
            db.close().await;
            Ok(())
        }
        Command::Agency(cmd) => agency::run(settings, cmd).await,
        Command::Staff(cmd) => staff::run(settings, cmd).await,
        Command::Audit(cmd) => audit::run(settings, cmd).await,
        Command::Backup { dir } => backup::backup(settings, dir).await,
        Command::Restore { dir } => backup::restore(settings, dir).await,
        Command::Import(cmd) => import::run(settings, cmd).await,
        Command::Reindex => reindex::run(settings).await,
        Command::Report(cmd) => report::run(settings, cmd).await,
        Command::Notice(args) => notice::run(settings, args).await,
        Command::Workdays(_) | Command::Deadline | Command::Config(_) => unreachable!("handled without a runtime"),
    }
}

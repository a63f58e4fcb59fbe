//! `gongkai import items --agency CODE FILE`: bulk import of a catalogue (JSONL or CSV), and
//! `gongkai import requests --agency CODE FILE`: a historical request ledger (JSONL), each with a
//! progress bar, a summary and per-line errors; re-runnable without duplicates.

use std::path::PathBuf;

use clap::Subcommand;
use gongkai_app::Principal;
use gongkai_store::agency;
use gongkai_store::catalogue::import;
use gongkai_store::request::ledger;
use indicatif::{ProgressBar, ProgressStyle};

use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import catalogue items: one per JSONL line, or CSV with the same column names. Every row
    /// is scanned for secrets: rows with hits wait at 保密审查 (listed at the end); clean rows
    /// wait at 签发 unless --publish is given. Exit status 1 when any line failed.
    #[command(after_long_help = columns_help())]
    Items {
        /// Credit code of the agency the items belong to
        #[arg(long)]
        agency: String,
        /// Publish the rows the secrecy scan finds clean at once, with their original dates
        /// (an administrator's decision, audited as import_publish)
        #[arg(long)]
        publish: bool,
        /// The file (.jsonl or .csv); attachment paths are relative to its folder
        file: PathBuf,
    },
    /// Import a historical request ledger (台账): one request per JSONL line.
    Requests {
        /// Credit code of the agency the requests were made to
        #[arg(long)]
        agency: String,
        /// The .jsonl or .csv file (columns as `requests/ledger.csv` exports them)
        file: PathBuf,
    },
}

/// The columns of an import file, for `import items --help`.
fn columns_help() -> String {
    let mut help = String::from("Columns (JSON keys, or the CSV header; * required):\n");
    for c in import::COLUMNS {
        let star = if c.required { "*" } else { " " };
        help.push_str(&format!("  {star} {:<12} {}：{}\n", c.name, c.label, c.meaning));
    }
    help.push_str(
        "\nSample files: fixtures/import/items-sample.csv and items-sample.jsonl in the repository.\n\
         Exit status: 0 when every line imported, 1 when any line failed, 2 for a bad command or file.",
    );
    help
}

pub async fn run(settings: Settings, cmd: ImportCommand) -> CliResult {
    let (code, file, publish) = match cmd {
        ImportCommand::Items { agency, file, publish } => (agency, file, publish),
        ImportCommand::Requests { agency, file } => return requests(settings, agency, file).await,
    };
    let db = settings.open_db().await?;
    let target = agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--agency: {e}")))?;
    let records = import::read_file(&file).map_err(|e| Failure::input(e.to_string()))?;
    if records.is_empty() {
        return Err(Failure::input(format!("{} 中没有可导入的行（文件为空或只有表头）", file.display())));
    }
    let clean = if publish { import::CleanRows::Publish } else { import::CleanRows::AwaitSignOff };
    let bar = ProgressBar::new(records.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} lines ({per_sec}, {eta})").expect("valid template"),
    );
    // A server running on the same data directory holds the search index's lock: import then
    // leaves indexing to it (it indexes from the outbox) and says so.
    let (app, index_here) = match settings.app(db.clone()) {
        Ok(app) => (app, true),
        Err(e) => {
            eprintln!(
                "the search index is in use ({}): a server is running on this data directory, so it will index the imported items from the outbox",
                e.message
            );
            (settings.records_app(db.clone())?, false)
        }
    };
    let base = file.parent().map(PathBuf::from).unwrap_or_default();
    let started = std::time::Instant::now();
    let summary =
        gongkai_app::catalogue::import_items(&app, &Principal::Operator, target.id, records, &base, clean, |done| {
            bar.set_position(done as u64)
        })
        .await?;
    bar.finish_and_clear();
    for e in &summary.errors {
        eprintln!("{e}");
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "imported {} items into {} ({} already present, {} lines with errors) in {:.1}s ({:.0} items/s)",
        summary.imported,
        target.name,
        summary.already_present,
        summary.failed_lines(),
        secs,
        summary.imported as f64 / secs.max(0.001)
    );
    println!(
        "{} published, {} waiting at 签发 (sign-off), {} held at 保密审查 (secrecy review)",
        summary.published,
        summary.awaiting_sign_off,
        summary.held.len()
    );
    for h in &summary.held {
        println!("  held: line {} source_id {} item {} ({} secrecy hits)", h.line, h.source_id, h.item_id, h.hits);
    }
    // Bring this node's search index up to date; a server running on the same data indexes
    // from the outbox itself.
    if index_here {
        gongkai_app::search_index::catch_up(&app).await?;
    } else {
        println!(
            "the running server indexes the imported items from the outbox: published ones appear in its search within seconds"
        );
    }
    db.close().await;
    if summary.errors.is_empty() {
        Ok(())
    } else {
        Err(Failure { code: 1, message: format!("{} lines were not imported (see above)", summary.failed_lines()) })
    }
}

/// `gongkai import requests`: the ledger, line by line, with a progress bar and a summary.
async fn requests(settings: Settings, code: String, file: PathBuf) -> CliResult {
    let db = settings.open_db().await?;
    let target = agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--agency: {e}")))?;
    let bytes = std::fs::read(&file).map_err(|e| Failure::input(format!("cannot read {}: {e}", file.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::input(format!("{} is not UTF-8 text", file.display())))?;
    let lines = ledger::read_file(&file.to_string_lossy(), &text);
    let bar = ProgressBar::new(lines.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} lines ({per_sec}, {eta})").expect("valid template"),
    );
    let app = settings.app(db.clone())?;
    let summary = gongkai_app::requests::intake::import_ledger(&app, &Principal::Operator, target.id, lines, |done| {
        bar.set_position(done as u64)
    })
    .await?;
    bar.finish_and_clear();
    for e in &summary.errors {
        eprintln!("{e}");
    }
    println!(
        "imported {} requests into {} ({} already present, {} lines with errors)",
        summary.imported,
        target.name,
        summary.already_present,
        summary.errors.len()
    );
    db.close().await;
    Ok(())
}

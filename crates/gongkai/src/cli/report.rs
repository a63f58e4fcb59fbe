//! `gongkai report build|check|figures|publish --agency CODE --year YEAR` and `report audit`:
//! the annual report compiled from the records in any of its formats (JSON on stdout by default),
//! its consistency check (exit 1 on a finding), the table 二 figures from a CSV, publication (as
//! a CLI operator), and the audit of reports published elsewhere.

use std::path::PathBuf;

use std::io::Write;

use clap::Subcommand;
use gongkai_app::Principal;
use gongkai_export::ReportFileFormat as FileFormat;
use gongkai_store::{Error, agency, report};

use super::{CliResult, Failure, Settings};

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Compile the report (JSON on stdout, or to --out).
    Build {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: i32,
        /// Output format: json, html, pdf, docx, xlsx or csv
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
    /// Replace the entered table 二 figures of a year with a CSV (`键,数值` lines after a header).
    Figures {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: i32,
        file: PathBuf,
    },
    /// Publish the report of a year (refused while any finding stands or the year is locked).
    Publish {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        year: i32,
    },
    /// Read published reports (HTML or text) and check them with the same rules; findings are
    /// printed, the exit code is 0 unless a file cannot be read (2).
    Audit(super::report_audit::AuditArgs),
}

pub async fn run(settings: Settings, cmd: ReportCommand) -> CliResult {
    if let ReportCommand::Audit(args) = cmd {
        return super::report_audit::run(args);
    }
    let db = settings.open_db().await?;
    let (code, year) = match &cmd {
        ReportCommand::Build { agency, year, .. }
        | ReportCommand::Check { agency, year }
        | ReportCommand::Figures { agency, year, .. }
        | ReportCommand::Publish { agency, year } => (agency.clone(), *year),
        ReportCommand::Audit(_) => unreachable!("audited above"),
    };
    let target = agency::by_code(&db, &code).await.map_err(|e| Failure::input(format!("--agency: {e}")))?;
    match &cmd {
        ReportCommand::Figures { file, .. } => {
            let text = std::fs::read_to_string(file).map_err(|e| Failure::input(format!("{}: {e}", file.display())))?;
            let values = report::entries::parse_figures_csv(year, &text).map_err(|e| Failure::input(fields(e)))?;
            let app = settings.records_app(db.clone())?;
            gongkai_app::reports::save_figures(&app, &Principal::Operator, target.id, year, &values)
                .await
                .map_err(|e| Failure::input(fields(e)))?;
            println!("{} {year}年度表二填报数据已导入{}项", target.name, values.len());
            db.close().await;
            return Ok(());
        }
        ReportCommand::Publish { .. } => {
            let app = settings.records_app(db.clone())?;
            let published = gongkai_app::reports::publish(&app, &Principal::Operator, target.id, year)
                .await
                .map_err(|e| Failure::input(fields(e)))?;
            println!("{} {year}年度报告已发布（第{}版）", target.name, published.version);
            db.close().await;
            return Ok(());
        }
        _ => {}
    }
    let (compiled, findings) =
        report::compile_year(&db, target.id, year).await.map_err(|e| Failure::input(format!("--year: {e}")))?;
    // A published year is what was published: built from its frozen version, checked against it.
    let published =
        match report::publish::state(&db, target.id, year).await.map_err(|e| Failure::from(e.to_string()))? {
            report::YearState::Published { .. } => {
                report::publish::latest(&db, target.id, year).await.map_err(|e| Failure::from(e.to_string()))?
            }
            _ => None,
        };
    let changes = match &published {
        Some(_) => report::publish::changes_since_publication(&db, target.id, &compiled)
            .await
            .map_err(|e| Failure::from(e.to_string()))?,
        None => Vec::new(),
    };
    db.close().await;
    match cmd {
        ReportCommand::Build { format, out, .. } => {
            let format = FileFormat::from_extension(&format).ok_or_else(|| {
                Failure::input(format!("--format: 不支持“{format}”格式，可选：html、pdf、docx、xlsx、csv、json"))
            })?;
            let bytes = match &published {
                Some(v) => {
                    let frozen = v.report().map_err(|e| Failure::from(e.to_string()))?;
                    eprintln!("{} {year}年度报告已发布：输出已发布的第{}版", target.name, v.version);
                    gongkai_export::report_file(format, &frozen, v.correction_note.as_deref())
                }
                None => gongkai_export::report_file(format, &compiled, None),
            }
            .map_err(|e| Failure::from(e.to_string()))?;
            match out {
                Some(path) => std::fs::write(&path, bytes)
                    .map_err(|e| Failure::from(format!("cannot write {}: {e}", path.display())))?,
                None if matches!(format, FileFormat::Json | FileFormat::Html | FileFormat::Csv) => {
                    std::io::stdout().write_all(&bytes).map_err(|e| Failure::from(e.to_string()))?
                }
                None => {
                    return Err(Failure::input(format!(
                        "--format {}: a binary file needs --out FILE",
                        format.extension()
                    )));
                }
            }
            Ok(())
        }
        ReportCommand::Figures { .. } | ReportCommand::Publish { .. } => unreachable!("handled above"),
        ReportCommand::Audit(_) => unreachable!("audited above"),
        ReportCommand::Check { .. } if published.is_some() => {
            let version = published.as_ref().map_or(0, |v| v.version);
            for c in &changes {
                let (before, after) = if c.key.starts_with("sections.") {
                    ("（文字）".to_owned(), "（已修改）".to_owned())
                } else {
                    (c.before.to_string(), c.after.to_string())
                };
                eprintln!("{} {}：已发布 {before}，记录现为 {after}", c.key, c.label);
            }
            if changes.is_empty() {
                println!("{} {year}年度报告已发布（第{version}版，已锁定）：记录与已发布的数字一致", target.name);
                Ok(())
            } else {
                Err(Failure {
                    code: 1,
                    message: format!(
                        "{year}年度报告已发布（第{version}版，已锁定），记录与已发布版本有{}处差异：如需更正，请在后台开启更正并说明理由",
                        changes.len()
                    ),
                })
            }
        }
        ReportCommand::Check { .. } => {
            for f in &findings {
                eprintln!("{} {}: {}", f.rule, f.r#where, f.message);
            }
            if findings.is_empty() {
                println!("{} {year}年度报告：勾稽关系和文字部分全部校验通过，可以发布", target.name);
                Ok(())
            } else {
                Err(Failure { code: 1, message: format!("{} findings", findings.len()) })
            }
        }
    }
}

/// Every message of an error, one per line (field errors name their cell or line).
fn fields(e: Error) -> String {
    match e {
        Error::Invalid(errors) => errors.0.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

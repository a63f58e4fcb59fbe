//! `gongkai notice --agency CODE --month YYYY-MM [--format docx|pdf] [--out FILE]`: the monthly
//! supervision notice (一月一通报) of an agency over its subordinate units, judged with the
//! config file's `[supervision]` rules, written as DOCX (default) or PDF.

use std::path::PathBuf;

use clap::Args;
use gongkai_core::supervision::Month;
use gongkai_store::{Error, agency, supervision, timestamp};

use super::{CliResult, Failure, Settings};

#[derive(Args, Debug)]
pub struct NoticeArgs {
    /// Credit code of the agency issuing the notice (its subordinate units are ranked)
    #[arg(long)]
    agency: String,
    /// The month, e.g. 2026-10 (the month running is judged up to today)
    #[arg(long)]
    month: String,
    /// docx or pdf
    #[arg(long, default_value = "docx")]
    format: String,
    /// Output file [default: CODE-YYYY-MM-通报.docx (or .pdf) in the current directory]
    #[arg(long)]
    out: Option<PathBuf>,
}

/// The two file formats of a notice.
#[derive(Debug, Clone, Copy)]
enum Format {
    Docx,
    Pdf,
}

impl Format {
    fn parse(s: &str) -> Result<Format, Failure> {
        match s.trim().to_ascii_lowercase().as_str() {
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            other => Err(Failure::input(format!("--format: 格式“{other}”不支持，应为 docx 或 pdf"))),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

pub async fn run(settings: Settings, args: NoticeArgs) -> CliResult {
    let month = Month::parse(&args.month).map_err(|e| Failure::input(format!("--month: {}", e.message)))?;
    let format = Format::parse(&args.format)?;
    let db = settings.open_db().await?;
    let issuer = agency::by_code(&db, &args.agency)
        .await
        .map_err(|e| Failure::input(format!("--agency {}: {e}", args.agency.trim())))?;
    let notice = supervision::notice(&db, &issuer, month, timestamp::today_in_china(), &settings.app.supervision).await;
    db.close().await;
    let notice = notice.map_err(|e| match e {
        Error::Invalid(errors) => Failure::input(format!("--month: {errors}")),
        other => Failure::from(other),
    })?;
    let bytes = match format {
        Format::Docx => gongkai_export::notice_docx(&notice),
        Format::Pdf => gongkai_export::notice_pdf(&notice),
    }
    .map_err(Failure::from)?;
    let path = args.out.unwrap_or_else(|| format!("{}-{month}-通报.{}", issuer.credit_code, format.extension()).into());
    std::fs::write(&path, bytes).map_err(|e| Failure::from(format!("cannot write {}: {e}", path.display())))?;
    println!("{}", path.display());
    println!("{}：排名{}个单位", notice.title, notice.rows.len());
    Ok(())
}

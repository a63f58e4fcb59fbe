//! `gongkai report audit FILE... [--json] [--series]`: published annual reports (HTML or text)
//! read and checked with the rules of the generated ones. Human-readable findings by default;
//! with `--json`, the JSON of report-model.md §Audit output, one object per line per file, in
//! input order. `--series` adds the carry-over between consecutive years of one agency across
//! the files. Exit 0 even when there are findings; 2 if a file cannot be read (the others are
//! still audited).

use std::path::PathBuf;

use clap::Args;
use gongkai_core::report::rules::Severity;
use gongkai_report_reader::{AuditOutput, ImportFormat, audit_file, audit_series};

use super::{CliResult, Failure};

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Published reports: HTML pages or text, in UTF-8, GBK/GB18030 or Big5
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the audit output as JSON (one object per line, per file, in input order)
    #[arg(long)]
    pub json: bool,
    /// Check the carry-over between consecutive years of the same agency across the files
    #[arg(long)]
    pub series: bool,
}

pub fn run(args: AuditArgs) -> CliResult {
    let mut outputs: Vec<AuditOutput> = Vec::new();
    let mut unreadable: Vec<(usize, String)> = Vec::new();
    for (i, path) in args.files.iter().enumerate() {
        match audit_file(path) {
            Ok(out) => outputs.push(out),
            Err(e) => unreadable.push((i, e.to_string())),
        }
    }
    if args.series {
        audit_series(&mut outputs);
    }
    let mut outputs = outputs.into_iter();
    for i in 0..args.files.len() {
        if let Some((_, error)) = unreadable.iter().find(|(j, _)| *j == i) {
            eprintln!("error: {error}");
            if args.json {
                println!("{}", serde_json::json!({ "source": args.files[i].display().to_string(), "error": error }));
            }
            continue;
        }
        let out = outputs.next().expect("one output per readable file");
        if args.json {
            println!("{}", serde_json::to_string(&out).map_err(|e| Failure::from(e.to_string()))?);
        } else {
            print!("{}", human(&out));
        }
    }
    if unreadable.is_empty() {
        Ok(())
    } else {
        Err(Failure::input(format!("{} file(s) could not be read", unreadable.len())))
    }
}

/// The audit of one file for a person: what was read, then each finding and ambiguity.
fn human(out: &AuditOutput) -> String {
    let format = match out.format {
        ImportFormat::F2021 => "2021年版格式",
        ImportFormat::F2019 => "2019年版格式",
        ImportFormat::Pre2019 => "2019年以前的统计表格式",
        ImportFormat::Unknown => "未识别为年度报告",
    };
    let year = out.year.map_or("年度未识别".to_owned(), |y| format!("{y}年度"));
    let agency = out.agency.clone().unwrap_or_else(|| "机关名称未识别".into());
    let mut s = format!("== {}：{agency}，{year}，{format}（编码 {}）\n", out.source, out.encoding);
    let (read, total) = cells_read(out);
    if total > 0 {
        s.push_str(&format!("   已读取单元格 {read}/{total}\n"));
    }
    if out.findings.is_empty() && out.ambiguities.is_empty() {
        s.push_str("   未发现问题\n");
    }
    for f in &out.findings {
        let level = if f.severity == Severity::Error { "错误" } else { "警告" };
        s.push_str(&format!("   [{level}] {} {}：{}\n", f.rule, f.r#where, f.message));
    }
    for a in &out.ambiguities {
        let readings: Vec<String> =
            a.candidates.iter().map(|c| c.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" ")).collect();
        s.push_str(&format!("   [歧义] {}：数字连在一起，可读作 {}（未取值）\n", a.r#where, readings.join(" 或 ")));
    }
    s
}

/// Cells with a value, and all cells, over the tables read.
fn cells_read(out: &AuditOutput) -> (usize, usize) {
    let r = &out.report;
    let grids = [&r.table3, &r.table4]
        .into_iter()
        .flatten()
        .flat_map(|t| t.values().flat_map(|row| row.values().map(Option::is_some)));
    let flat = [&r.table2, &r.stats].into_iter().flatten().flat_map(|t| t.values().map(Option::is_some));
    let all: Vec<bool> = grids.chain(flat).collect();
    (all.iter().filter(|k| **k).count(), all.len())
}

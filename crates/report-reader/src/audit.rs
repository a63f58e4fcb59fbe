//! The audit: every rule of `report-model.md` run on a report read from a source — the
//! arithmetic rules of [`gongkai_core::report::rules`] and [`gongkai_core::report::stats`]
//! (skipping unknown cells), `*.missing` for blank or unreadable cells
//! ([`gongkai_core::report::missing`]), `text.table_mismatch` for narrative figures — and, in
//! series mode, the carry-over between consecutive years of one agency.

use gongkai_core::report::{missing, rules, stats};

use crate::narrative::mismatches;
use crate::normalize::to_simplified;
use crate::output::{AuditFinding, AuditOutput, ImportFormat, ImportedReport};
use crate::read::{Reading, read};

/// Reads and audits one source (`source_name` is what the output calls it, e.g. a file name).
pub fn audit(bytes: &[u8], source_name: &str) -> AuditOutput {
    let Reading { report, ambiguities, figures, encoding } = read(bytes);
    let mut findings: Vec<AuditFinding> = check(&report).into_iter().collect();
    findings.extend(mismatches(&figures, |key| cell(&report, key)));
    AuditOutput {
        source: source_name.to_owned(),
        format: report.format,
        year: report.year,
        agency: report.agency.clone(),
        report,
        findings,
        ambiguities,
        encoding,
    }
}

/// The rules of the report's format.
pub fn check(report: &ImportedReport) -> Vec<AuditFinding> {
    let mut found = Vec::new();
    if let Some(format) = report.format.tables() {
        if let Some(t3) = &report.table3 {
            found.extend(rules::check_table3(format, t3));
            found.extend(missing::check_table3(format, t3));
        }
        if let Some(t4) = &report.table4 {
            found.extend(rules::check_table4(t4));
            found.extend(missing::check_table4(t4));
        }
        if let Some(t2) = &report.table2 {
            found.extend(missing::check_table2(format, t2));
        }
    } else if let Some(s) = &report.stats {
        found.extend(stats::check(s));
        found.extend(missing::check_stats(s));
    }
    found.into_iter().map(AuditFinding::from).collect()
}

/// A known integer cell by its key (`table3.received.total`, `table4.reconsideration.total`,
/// `stats.requests.received`).
pub fn cell(report: &ImportedReport, key: &str) -> Option<i64> {
    if let Some(k) = key.strip_prefix("stats.") {
        return report.stats.as_ref()?.get(k)?.as_ref()?.as_i64();
    }
    let (table, rest) = key.split_once('.')?;
    let (row, column) = rest.rsplit_once('.')?;
    let t = match table {
        "table3" => report.table3.as_ref()?,
        "table4" => report.table4.as_ref()?,
        _ => return None,
    };
    *t.get(row)?.get(column)?
}

/// Series mode: `series.carry_over` between consecutive years of the same agency (by name,
/// Traditional and Simplified alike; reports whose agency is unknown count as one agency).
/// The findings are added to the later year's output.
pub fn audit_series(outputs: &mut [AuditOutput]) {
    let key = |o: &AuditOutput| o.agency.as_deref().map(to_simplified).unwrap_or_default();
    for later in 0..outputs.len() {
        let Some(year) = outputs[later].year else { continue };
        let earlier = (0..outputs.len()).find(|&e| {
            e != later
                && outputs[e].year == Some(year - 1)
                && key(&outputs[e]) == key(&outputs[later])
                && outputs[e].report.table3.is_some()
        });
        let (Some(earlier), Some(this)) = (earlier, outputs[later].report.table3.as_ref()) else { continue };
        let Some(last) = outputs[earlier].report.table3.as_ref() else { continue };
        if outputs[later].format == ImportFormat::Pre2019 {
            continue;
        }
        let found: Vec<AuditFinding> =
            rules::check_carry_over(last, this).into_iter().map(AuditFinding::from).collect();
        outputs[later].findings.extend(found);
    }
}

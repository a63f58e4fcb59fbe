//! The audited sources as the plain rows of `gongkai_export::audit_findings_xlsx`.

use gongkai_export::{AmbiguityRow, AuditSheets, AuditedFile, FindingRow};

use super::Audited;
use super::view::{format_label, reading, severity_label};

pub fn sheets(audited: &[Audited]) -> AuditSheets {
    let mut sheets = AuditSheets::default();
    for a in audited {
        let Some(out) = &a.output else {
            sheets.files.push(AuditedFile {
                file: a.source.clone(),
                format: format_label(gongkai_report_reader::ImportFormat::Unknown).into(),
                note: a.problem.unwrap_or_default().into(),
                ..Default::default()
            });
            continue;
        };
        let format = format_label(out.format).to_owned();
        let agency = out.agency.clone().unwrap_or_default();
        let errors = out.errors().count();
        sheets.files.push(AuditedFile {
            file: a.source.clone(),
            format: format.clone(),
            year: out.year,
            agency: agency.clone(),
            errors,
            warnings: out.findings.len() - errors,
            note: a.problem.unwrap_or_default().into(),
        });
        sheets.findings.extend(out.findings.iter().map(|f| FindingRow {
            file: a.source.clone(),
            format: format.clone(),
            year: out.year,
            agency: agency.clone(),
            rule: f.rule.to_owned(),
            severity: severity_label(f.severity).to_owned(),
            location: f.r#where.clone(),
            expected: f.expected,
            actual: f.actual,
            message: f.message.clone(),
        }));
        sheets.ambiguities.extend(out.ambiguities.iter().map(|amb| AmbiguityRow {
            file: a.source.clone(),
            location: amb.r#where.clone(),
            candidates: amb.candidates.iter().map(|c| reading(c)).collect(),
        }));
    }
    sheets
}

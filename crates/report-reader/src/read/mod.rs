//! The reader: a published report (HTML or text, any of the usual encodings, 简 or 繁, with
//! page chrome) in, the report model out — format, year, agency, sections and every table cell,
//! with `None` for blank or unreadable cells and an [`Ambiguity`] wherever digits that ran
//! together can be read in more than one way.
//!
//! Steps: [`source`] (decode, HTML to lines, chrome, matching form), [`identity`] (year,
//! agency), the tables ([`table3`] first, as it tells the format; then [`table2`] before it and
//! [`table4`] after it; or the pre-2019 [`stats`]), and [`sections`]. The tables are found by
//! their row labels ([`rows`]) and their cells read whatever the layout ([`cells`]), runs of
//! digits cut by the row rules ([`split`]).
//!
//! Every step is linear in the input or bounded (a few start positions per table, a window per
//! row, a budget per digit run), and no step panics on any input.

pub mod cells;
pub mod identity;
pub mod rows;
pub mod sections;
pub mod source;
pub mod split;
pub mod stats;
pub mod table2;
pub mod table3;
pub mod table4;

use std::collections::BTreeMap;

use gongkai_core::report::sections::Sections;
use gongkai_core::report::stats::Stats;
use gongkai_core::request::outcome::ReportFormat;

pub use self::rows::floor_boundary;
use self::source::Source;
use crate::narrative::{Figure, figures};
pub use crate::output::Ambiguity;
use crate::output::{ImportFormat, ImportedCells, ImportedReport, ImportedTable2, number};

/// Everything read from one source.
#[derive(Debug, Clone)]
pub struct Reading {
    pub report: ImportedReport,
    pub ambiguities: Vec<Ambiguity>,
    /// Figures the narrative states about the tables.
    pub figures: Vec<Figure>,
    pub encoding: &'static str,
}

/// Reads a report from its bytes. Never fails: what cannot be read is `None` or `unknown`.
pub fn read(bytes: &[u8]) -> Reading {
    let src = Source::prepare(bytes);
    let id = identity::identify(&src.lines.display, &src.lines.matching);
    let text = &src.text;
    let prefer = id.year.and_then(ReportFormat::for_year).or_else(|| table2::format_evidence(text));
    let t3 = table3::read(text, prefer);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut ambiguities = Vec::new();
    let (mut table2, mut table3, mut table4, mut stats): (
        Option<ImportedTable2>,
        Option<ImportedCells>,
        Option<ImportedCells>,
        Option<Stats>,
    ) = (None, None, None, None);
    let mut labels = BTreeMap::new();
    let format = if let Some(t3) = t3 {
        let format = t3.format;
        spans.push(t3.span);
        let t2 = table2::read(text, format, t3.span.0);
        let t4 = table4::read(text, t3.span.1);
        if let Some(t2) = t2 {
            spans.push(t2.span);
            ambiguities.extend(t2.ambiguities);
            table2 = Some(t2.cells);
        }
        ambiguities.extend(t3.ambiguities);
        table3 = Some(t3.cells);
        if let Some(t4) = t4 {
            spans.push(t4.span);
            ambiguities.extend(t4.ambiguities);
            table4 = Some(t4.cells);
        }
        ImportFormat::from(format)
    } else if let Some(s) = stats::read(text) {
        spans.push(s.span);
        stats = Some(s.stats);
        labels = s.labels;
        ImportFormat::Pre2019
    } else if id.titled
        && let Some(year) = id.year
    {
        // A report with no table we could find: its format follows its year.
        ReportFormat::for_year(year).map_or(ImportFormat::Pre2019, ImportFormat::from)
    } else {
        ImportFormat::Unknown
    };
    // Tables of the format that were not found at all are empty: every cell missing.
    if let Some(f) = format.tables() {
        table2.get_or_insert_with(|| {
            gongkai_core::report::table2::cells(f).iter().map(|c| (c.key.to_owned(), None)).collect()
        });
        table3.get_or_insert_with(ImportedCells::new);
        table4.get_or_insert_with(ImportedCells::new);
    } else if format == ImportFormat::Pre2019 {
        stats.get_or_insert_with(Stats::new);
    }
    let year = id.year.or_else(|| {
        (format != ImportFormat::Unknown).then(|| identity::most_mentioned_year(&src.lines.matching)).flatten()
    });
    let table_lines: Vec<(usize, usize)> =
        spans.iter().map(|&(a, b)| (src.line_of(a), src.line_of(b.saturating_sub(1).max(a)))).collect();
    let in_table = |i: usize| table_lines.iter().any(|&(a, b)| (a..=b).contains(&i));
    let sections: Sections = sections::sections(&src.lines.display, &src.lines.matching, in_table);
    let narrative = src.lines.matching.iter().enumerate().filter(|(i, _)| !in_table(*i)).map(|(_, l)| l.as_str());
    let figures = match format {
        ImportFormat::Unknown => Vec::new(),
        f => figures(narrative, f.tables().is_some()),
    };
    let report = ImportedReport { format, year, agency: id.agency, sections, table2, table3, table4, stats, labels };
    Reading { report, ambiguities, figures, encoding: src.encoding }
}

/// Candidate readings as JSON numbers.
pub(crate) fn candidates_json(cands: Vec<&Vec<i64>>) -> Vec<Vec<serde_json::Number>> {
    cands.into_iter().map(|c| c.iter().map(|&v| v.into()).collect()).collect()
}

/// Candidate readings written as text (decimals allowed) as JSON numbers.
pub(crate) fn candidates_json_text(cands: &[Vec<String>]) -> Vec<Vec<serde_json::Number>> {
    cands.iter().map(|c| c.iter().filter_map(|v| number(v)).collect()).collect()
}

//! Generated reports (feature `testgen`): random consistent models in each format, rendered in
//! each table style with Traditional characters, page chrome, random whitespace and the usual
//! encodings. The reader must recover at least 99% of the cells exactly, never put a wrong
//! figure in a cell (a cell it cannot read is `null` and reported), find every injected
//! inconsistency with the right rule, and find no error in a consistent report.

use std::collections::BTreeSet;

use gongkai_core::report::rules::Severity;
use gongkai_report_reader::normalize::to_simplified;
use gongkai_report_reader::testgen::inject::inject;
use gongkai_report_reader::testgen::{GenReport, Options, Rng, Style, random_report, render};
use gongkai_report_reader::{AuditOutput, ImportFormat, audit, audit_series};

const FORMATS: [ImportFormat; 3] = [ImportFormat::F2021, ImportFormat::F2019, ImportFormat::Pre2019];

/// Every cell of the truth: (key, value or `None` when rendered blank).
fn truth(r: &GenReport) -> Vec<(String, Option<f64>)> {
    let mut cells = Vec::new();
    let mut add = |key: String, v: Option<f64>| {
        let v = if r.blanks.contains(&key) { None } else { v };
        cells.push((key, v));
    };
    for (k, v) in &r.table2 {
        add(format!("table2.{k}"), v.as_f64());
    }
    for (t, table) in [("table3", &r.table3), ("table4", &r.table4)] {
        for (row, cols) in table {
            for (c, v) in cols {
                add(format!("{t}.{row}.{c}"), Some(*v as f64));
            }
        }
    }
    for (k, v) in &r.stats {
        add(format!("stats.{k}"), v.as_f64());
    }
    cells
}

/// The cell as read (`None` for null or absent).
fn read_cell(out: &AuditOutput, key: &str) -> Option<f64> {
    let report = serde_json::to_value(&out.report).unwrap();
    let (table, rest) = key.split_once('.').unwrap();
    let v = match table {
        "table2" | "stats" => &report[table][rest],
        _ => {
            let (row, col) = rest.rsplit_once('.').unwrap();
            &report[table][row][col]
        }
    };
    v.as_f64()
}

fn reported(out: &AuditOutput, key: &str) -> bool {
    let row_of = |k: &str| k.rsplit_once('.').map(|(r, _)| r.to_owned()).unwrap_or_default();
    out.ambiguities.iter().any(|a| {
        a.r#where == row_of(key)
            || key.starts_with(&format!("{}.", a.r#where))
            || a.r#where == "table4" && key.starts_with("table4.")
    }) || out
        .findings
        .iter()
        .any(|f| f.rule.ends_with(".missing") && gongkai_report_reader::output::covers(&f.r#where, key))
}

struct Tally {
    cells: usize,
    exact: usize,
    by_style: Vec<(Style, usize, usize)>,
}

fn one_case(seed: u64, format: ImportFormat, style: Style, tally: &mut Tally) {
    let mut rng = Rng::new(seed);
    let mut r = random_report(&mut rng, format);
    if style != Style::Flattened && rng.chance(30) {
        // A few blank cells, which must read as null and be reported as missing.
        let keys: Vec<String> = truth(&r).into_iter().map(|(k, _)| k).collect();
        let key = keys[rng.below(keys.len() as u64) as usize].clone();
        r.blanks.insert(key);
    }
    let opts = Options::random(&mut rng, style);
    let bytes = render(&r, opts, &mut rng);
    let out = audit(&bytes, "generated");
    let case = format!("seed {seed} {format:?} {opts:?}");
    assert_eq!(out.format, format, "{case}");
    assert_eq!(out.year, Some(r.year), "{case}");
    assert_eq!(out.agency.as_deref().map(to_simplified).as_deref(), Some(r.agency.as_str()), "{case}");
    let cells = truth(&r);
    let mut exact = 0;
    for (key, want) in &cells {
        let got = read_cell(&out, key);
        if got == *want {
            exact += 1;
            continue;
        }
        assert_eq!(got, None, "{case}: {key} read as {got:?}, is {want:?}: a wrong figure");
        if let Some(dir) = std::env::var_os("GONGKAI_AUDIT_DEBUG") {
            eprintln!("lost {case}: {key} = {want:?}");
            std::fs::write(std::path::Path::new(&dir).join(format!("seed-{seed}.txt")), &bytes).unwrap();
        }
        assert!(reported(&out, key), "{case}: {key} is null but neither ambiguous nor missing");
    }
    tally.cells += cells.len();
    tally.exact += exact;
    let s = tally.by_style.iter_mut().find(|(s, _, _)| *s == style).unwrap();
    s.1 += cells.len();
    s.2 += exact;
    // A consistent report: no error, and no warning except for blank or ambiguous cells.
    let unexpected: Vec<_> =
        out.findings.iter().filter(|f| f.severity == Severity::Error || !f.rule.ends_with(".missing")).collect();
    assert!(unexpected.is_empty(), "{case}: {unexpected:#?}");
    // Extra keys would be wrong figures too.
    let truth_keys: BTreeSet<String> = cells.iter().map(|(k, _)| k.clone()).collect();
    if let Some(stats) = &out.report.stats {
        for k in stats.keys() {
            assert!(truth_keys.contains(&format!("stats.{k}")), "{case}: stats.{k} read but not in the table");
        }
    }
}

#[test]
fn the_reader_recovers_at_least_99_percent_of_generated_cells_and_reports_every_other() {
    let mut tally = Tally { cells: 0, exact: 0, by_style: Style::ALL.iter().map(|s| (*s, 0, 0)).collect() };
    let mut n = 0;
    for seed in 0..150u64 {
        for (fi, format) in FORMATS.iter().enumerate() {
            let style = Style::ALL[(seed as usize + fi) % Style::ALL.len()];
            one_case(seed * 7 + fi as u64, *format, style, &mut tally);
            n += 1;
        }
    }
    let rate = tally.exact as f64 / tally.cells as f64;
    println!("recovered {}/{} cells exactly ({:.3}%) in {n} generated reports", tally.exact, tally.cells, rate * 100.0);
    for (style, cells, exact) in &tally.by_style {
        println!("  {style:?}: {exact}/{cells} ({:.3}%)", *exact as f64 * 100.0 / *cells as f64);
    }
    assert!(rate >= 0.99, "recovery {rate}");
}

#[test]
fn every_injected_inconsistency_is_found_with_its_rule() {
    let styles = [Style::Html, Style::Pipes, Style::CellPerLine, Style::Spaces];
    for seed in 0..60u64 {
        for (fi, format) in FORMATS.iter().enumerate() {
            let mut rng = Rng::new(1000 + seed * 3 + fi as u64);
            let mut r = random_report(&mut rng, *format);
            let injected = inject(&mut r, seed, &mut rng);
            let opts = Options::random(&mut rng, styles[(seed as usize) % styles.len()]);
            let out = audit(&render(&r, opts, &mut rng), "injected");
            assert!(
                out.findings.iter().any(|f| f.rule == injected.rule && f.r#where == injected.r#where),
                "seed {seed} {format:?} {opts:?}: {injected:?} not found in {:#?}",
                out.findings
            );
        }
    }
}

#[test]
fn consecutive_years_carry_over_in_series_mode() {
    let mut rng = Rng::new(77);
    let mut first = random_report(&mut rng, ImportFormat::F2021);
    first.year = 2022;
    let mut second = random_report(&mut rng, ImportFormat::F2021);
    second.year = 2023;
    second.agency = first.agency.clone();
    // This year's carried_in is last year's carried_over, column by column; received absorbs
    // the difference so that the table still balances.
    for (c, over) in first.table3["carried_over"].clone() {
        let carried_in = second.table3.get_mut("carried_in").unwrap().insert(c.clone(), over).unwrap();
        *second.table3.get_mut("carried_over").unwrap().get_mut(&c).unwrap() += over - carried_in;
    }
    restate(&mut second);
    let opts = Options {
        style: Style::Pipes,
        traditional: false,
        chrome: true,
        noise: false,
        encoding: gongkai_report_reader::testgen::Encoding::Utf8,
    };
    let mut outs =
        vec![audit(&render(&first, opts, &mut rng), "2022"), audit(&render(&second, opts, &mut rng), "2023")];
    audit_series(&mut outs);
    assert!(outs.iter().all(|o| o.findings.iter().all(|f| f.rule != "series.carry_over")), "{:#?}", outs[1].findings);
    *second.table3.get_mut("carried_in").unwrap().get_mut("business").unwrap() += 1;
    *second.table3.get_mut("carried_in").unwrap().get_mut("total").unwrap() += 1;
    *second.table3.get_mut("carried_over").unwrap().get_mut("business").unwrap() += 1;
    *second.table3.get_mut("carried_over").unwrap().get_mut("total").unwrap() += 1;
    restate(&mut second);
    let mut outs =
        vec![audit(&render(&second, opts, &mut rng), "2023"), audit(&render(&first, opts, &mut rng), "2022")];
    assert!(outs[0].findings.is_empty(), "the 2023 report alone is consistent: {:#?}", outs[0].findings);
    audit_series(&mut outs);
    let series: Vec<&str> =
        outs[0].findings.iter().filter(|f| f.rule == "series.carry_over").map(|f| f.r#where.as_str()).collect();
    assert_eq!(series, ["table3.carried_in.business", "table3.carried_in.total"]);
}

/// States the table's figures in the narrative again after a change.
fn restate(r: &mut GenReport) {
    let values: Vec<Option<i64>> =
        r.stated.iter().map(|(k, _)| gongkai_report_reader::testgen::model::value_of(r, k)).collect();
    for ((_, v), new) in r.stated.iter_mut().zip(values) {
        *v = new.unwrap_or(*v);
    }
}

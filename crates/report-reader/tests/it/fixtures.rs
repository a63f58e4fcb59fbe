//! Every real report in `fixtures/reports` (copies of the shared fixtures) is read into exactly the cells written by hand
//! in `tests/expected/<fixture>.json`, with exactly the findings (rule and `where`) listed there.
//! A missing fixture directory, or a fixture without expected cells, fails the test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use gongkai_core::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};
use gongkai_core::report::table3::COLUMNS;
use gongkai_report_reader::{AuditOutput, audit_file};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/reports");
const EXPECTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/expected");

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(FIXTURES);
    assert!(dir.is_dir(), "the fixtures directory {FIXTURES} is missing");
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    paths.sort();
    assert!(paths.len() >= 5, "fixtures: {paths:?}");
    paths
}

fn expected(fixture: &Path) -> Value {
    let stem = fixture.file_stem().unwrap().to_string_lossy();
    let path = Path::new(EXPECTED).join(format!("{stem}.json"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("no expected cells for {}: {e}", fixture.display()));
    serde_json::from_str(&text).unwrap()
}

/// The report as JSON, for comparing with the expected cells.
fn report(out: &AuditOutput) -> Value {
    serde_json::to_value(&out.report).unwrap()
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn check_fixture(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let exp = expected(path);
    let out = audit_file(path).unwrap();
    assert_eq!(out.source, name);
    let json = serde_json::to_value(&out).unwrap();
    assert_eq!(json["format"], exp["format"], "{name}: format");
    assert_eq!(json["year"], exp["year"], "{name}: year");
    assert_eq!(json["agency"], exp["agency"], "{name}: agency");
    let r = report(&out);
    if let Some(t2) = exp.get("table2") {
        let got = r["table2"].as_object().unwrap_or_else(|| panic!("{name}: no table2"));
        let want = t2.as_object().unwrap();
        assert_eq!(got.keys().collect::<BTreeSet<_>>(), want.keys().collect::<BTreeSet<_>>(), "{name}: table2 keys");
        for (k, v) in want {
            assert_eq!(num(&got[k]), num(v), "{name}: table2.{k}");
        }
    } else {
        assert!(r.get("table2").is_none(), "{name}: unexpected table2");
    }
    if let Some(t3) = exp.get("table3") {
        let want = t3.as_object().unwrap();
        let got = r["table3"].as_object().unwrap();
        assert_eq!(got.keys().collect::<BTreeSet<_>>(), want.keys().collect::<BTreeSet<_>>(), "{name}: table3 rows");
        for (row, cells) in want {
            let got_row: Vec<Value> = COLUMNS.iter().map(|c| got[row][*c].clone()).collect();
            assert_eq!(&got_row, cells.as_array().unwrap(), "{name}: table3.{row}");
        }
    }
    if let Some(t4) = exp.get("table4") {
        for block in TABLE4_BLOCKS {
            let got_row: Vec<Value> = TABLE4_COLUMNS.iter().map(|c| r["table4"][block][*c].clone()).collect();
            assert_eq!(&got_row, t4[block].as_array().unwrap(), "{name}: table4.{block}");
        }
    }
    if let Some(stats) = exp.get("stats") {
        let want = stats.as_object().unwrap();
        let got = r["stats"].as_object().unwrap_or_else(|| panic!("{name}: no stats"));
        let (gk, wk): (BTreeSet<_>, BTreeSet<_>) = (got.keys().collect(), want.keys().collect());
        assert_eq!(
            gk.difference(&wk).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{name}: stats keys read but not in the table"
        );
        assert_eq!(
            wk.difference(&gk).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{name}: stats keys in the table but not read"
        );
        for (k, v) in want {
            assert_eq!(num(&got[k]), num(v), "{name}: stats.{k}");
        }
    } else {
        assert!(r.get("stats").is_none(), "{name}: unexpected stats");
    }
    let findings: BTreeSet<(String, String)> =
        out.findings.iter().map(|f| (f.rule.to_owned(), f.r#where.clone())).collect();
    let want: BTreeSet<(String, String)> = exp["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f[0].as_str().unwrap().to_owned(), f[1].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(findings, want, "{name}: findings {:#?}", out.findings);
    let ambiguities: Vec<String> = out.ambiguities.iter().map(|a| a.r#where.clone()).collect();
    let want: Vec<String> =
        exp["ambiguities"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()).collect();
    assert_eq!(ambiguities, want, "{name}: ambiguities");
}

#[test]
fn every_fixture_is_read_into_its_hand_written_cells_and_findings() {
    for path in fixtures() {
        check_fixture(&path);
    }
}

#[test]
fn the_narrative_sections_are_kept_in_the_script_of_the_source() {
    let out = audit_file(&Path::new(FIXTURES).join("haokou-township-2024.txt")).unwrap();
    let s = &out.report.sections;
    assert!(
        s.overview.starts_with("一、总体情况\n(一)主动公开情况。2024年,我乡公开政府信息共30条"),
        "{}",
        &s.overview[..80]
    );
    assert!(s.problems.starts_with("五、存在的主要问题及改进情况"));
    assert!(s.other.ends_with("本机关未收取信息处理费。"), "the site footer is not part of the report: {}", s.other);
    assert!(!s.overview.contains("| 0 |") && !s.overview.contains("本年新收"), "tables are not narrative");
    let trad = audit_file(&Path::new(FIXTURES).join("liaodongwan-district-2018-traditional.txt")).unwrap();
    assert!(
        trad.report.sections.overview.contains("遼東灣新區深入貫徹")
            || trad.report.sections.overview.contains("新區深入貫徹")
    );
    assert!(!trad.report.sections.overview.contains("(dāng)"), "inserted pinyin is removed");
    assert!(trad.report.sections.problems.starts_with("五、存在問題及下步打算"));
}

#[test]
fn the_liupanshui_mismatch_names_both_figures() {
    let out = audit_file(&Path::new(FIXTURES).join("liupanshui-bureau-2016.txt")).unwrap();
    let f = out.findings.iter().find(|f| f.rule == "text.table_mismatch").unwrap();
    assert_eq!((f.expected, f.actual), (Some(927), Some(783)));
    assert!(f.message.contains("783") && f.message.contains("927"), "{}", f.message);
}

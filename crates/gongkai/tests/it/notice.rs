//! `gongkai notice` as an office runs it: the real binary over the demo county's data, writing
//! the monthly notice (一月一通报) of this month and the last as DOCX and PDF, read back for the
//! county's subordinate units; and bad input refused with exit code 2 in Chinese.

#[allow(dead_code)]
use std::path::Path;
use std::process::{Command, Output};

use crate::report_support::{pdftotext, squeeze, xml_text, zip_entry};
use crate::support::demo::start_demo;
use gongkai_core::supervision::Month;

/// The demo county's departments and townships, as `gongkai demo` creates them.
const UNITS: [&str; 5] =
    ["浩县教育委员会", "浩县财政局", "浩县卫生健康委员会", "浩县浩口乡人民政府", "浩县石门镇人民政府"];

/// Runs `gongkai` on the data directory `data` in the working directory `cwd`.
fn gongkai(data: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .arg("--data")
        .arg(data)
        .current_dir(cwd)
        .env_remove("GONGKAI_DATABASE_URL")
        .env_remove("GONGKAI_CONFIG")
        .env("GONGKAI_LOG", "warn")
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// The credit code of the demo's root agency, from `gongkai agency list`.
fn county_code(data: &Path) -> String {
    let out = gongkai(data, data, &["agency", "list"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let (stdout, _) = text(&out);
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("浩县人民政府 "))
        .unwrap_or_else(|| panic!("the county in {stdout}"));
    line.split_whitespace().nth(1).unwrap().to_owned()
}

fn this_month() -> Month {
    Month::of(time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date())
}

#[test]
fn the_demo_countys_notice_ranks_its_units_in_docx_and_pdf_for_this_month_and_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    // The demo is seeded once it serves; the commands below read its database on their own.
    drop(start_demo(&data));
    let code = county_code(&data);
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();

    for month in [this_month(), this_month().previous()] {
        // DOCX by default, named after the agency and the month in the working directory.
        let out = gongkai(&data, &work, &["notice", "--agency", &code, "--month", &month.to_string()]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{stdout}{stderr}");
        let docx = work.join(format!("{code}-{month}-通报.docx"));
        assert!(stdout.contains(&docx.file_name().unwrap().to_string_lossy().into_owned()), "{stdout}");
        assert!(stdout.contains("排名5个单位"), "{stdout}");
        let xml = zip_entry(&std::fs::read(&docx).unwrap(), "word/document.xml");
        let words = xml_text(&xml);
        assert!(words.contains(&format!("浩县人民政府{}政府信息公开工作通报", month.label())), "{words}");
        for unit in UNITS {
            assert!(words.contains(unit), "{unit} in the DOCX of {month}");
        }

        let pdf = dir.path().join(format!("{month}.pdf"));
        let out = gongkai(
            &data,
            &work,
            &[
                "notice",
                "--agency",
                &code,
                "--month",
                &month.to_string(),
                "--format",
                "pdf",
                "--out",
                pdf.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{:?}", text(&out));
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        if let Some(pdf_text) = pdftotext(&pdf) {
            let pdf_text = squeeze(&pdf_text);
            assert!(pdf_text.contains("政府信息公开工作通报") && pdf_text.contains("评分及统计规则"), "{pdf_text}");
            for unit in UNITS {
                assert!(pdf_text.contains(unit), "{unit} in the PDF of {month}: {pdf_text}");
            }
        }
    }

    let next = this_month().next().to_string();
    let out = gongkai(&data, &work, &["notice", "--agency", &code, "--month", &next]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("尚未开始"), "{stderr}");
}

#[test]
fn a_bad_month_format_or_agency_is_refused_in_chinese_with_exit_code_2_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (args, says) in [
        (vec!["--agency", "11500233000000001L", "--month", "2026-13"], "月份"),
        (vec!["--agency", "11500233000000001L", "--month", "十月"], "月份"),
        (vec!["--agency", "11500233000000001L", "--month", "2026-10", "--format", "xlsx"], "docx 或 pdf"),
        (vec!["--agency", "11500233000000001L", "--month", "2026-10"], "未找到"),
    ] {
        let out = gongkai(&data, dir.path(), &[&["notice"], &args[..]].concat());
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains(says), "{args:?} names {says}: {stderr}");
    }
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("通报"))
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

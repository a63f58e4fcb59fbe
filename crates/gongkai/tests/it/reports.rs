//! The annual report as a new user meets it in the demo: the county's report of last year on the
//! portal's 年报 column and in every file format (the PDF and the DOCX converted to pictures and
//! read back for their row labels), the CLI building the same files, and the console refusing bad
//! figures by field, refusing to publish a township's unfinished draft by rule, and listing the
//! township as late.

use crate::report_support::{
    assert_has_labels, libreoffice_to_pdf, pdftoppm_one_png_per_page, pdftotext, squeeze, zip_entry,
};
use crate::support::demo::{Demo, client, start_demo};
#[allow(dead_code)]
use gongkai_core::request::outcome::ReportFormat;
use reqwest::StatusCode;

async fn county_code(demo: &Demo) -> String {
    let agencies: serde_json::Value =
        client().get(format!("{}/api/v1/agencies", demo.url)).send().await.unwrap().json().await.unwrap();
    agencies.as_array().unwrap().iter().find(|a| a["parent_id"].is_null()).unwrap()["credit_code"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn get(url: &str) -> (StatusCode, Vec<u8>) {
    let r = client().get(url).send().await.unwrap();
    (r.status(), r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_demo_countys_report_is_on_the_portal_in_every_format_and_its_pdf_and_docx_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(&dir.path().join("demo"));
    let code = county_code(&demo).await;
    let year = time::OffsetDateTime::now_utc().year() - 1;

    let (status, column) = get(&format!("{}/agencies/{code}/reports", demo.url)).await;
    let column = String::from_utf8(column).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(column.contains(&format!("浩县人民政府{year}年政府信息公开工作年度报告")), "{column}");

    let (status, page) = get(&format!("{}/agencies/{code}/reports/{year}", demo.url)).await;
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, StatusCode::OK);
    for label in [
        "一、总体情况",
        "第二十条第（一）项",
        "行政事业性收费",
        "35.62",
        "（三）不予公开",
        "属于国家秘密",
        "行政复议",
        "尚未审结",
        "本机关本年度未收取信息处理费",
    ] {
        assert!(page.contains(label), "portal page lacks {label}");
    }
    assert!(!page.contains("【待填写】"));

    let file = |ext: &str| format!("{}/agencies/{code}/reports/{year}/file/{ext}", demo.url);
    let (status, json) = get(&file("json")).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!((json["format"].as_str(), json["year"].as_i64()), (Some("2021"), Some(year as i64)));
    assert_eq!(json["table2"]["licensing.decisions"], 1268);
    let balance = |col: &str| {
        let t = &json["table3"];
        let n = |row: &str| t[row][col].as_i64().unwrap();
        n("received") + n("carried_in") - n("results_total") - n("carried_over")
    };
    assert_eq!(balance("total"), 0);

    let (_, csv) = get(&file("csv")).await;
    assert!(csv.starts_with("\u{feff}表格,行,列,键,数值".as_bytes()));
    let (_, xlsx) = get(&file("xlsx")).await;
    assert!(zip_entry(&xlsx, "xl/workbook.xml").contains("表三"));
    let (status, _) = get(&file("exe")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, pdf) = get(&file("pdf")).await;
    assert_eq!(status, StatusCode::OK);
    let pdf_path = dir.path().join("county.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    if let Some(text) = pdftotext(&pdf_path) {
        assert!(squeeze(&text).contains(&format!("浩县人民政府{year}年政府信息公开工作年度报告")));
        assert_has_labels(&text, ReportFormat::F2021, "portal PDF");
        assert!(pdftoppm_one_png_per_page(&pdf_path).unwrap() >= 2);
    }
    let (_, docx) = get(&file("docx")).await;
    let docx_dir = dir.path().join("docx");
    std::fs::create_dir_all(&docx_dir).unwrap();
    let docx_path = docx_dir.join("county.docx");
    std::fs::write(&docx_path, docx).unwrap();
    if let Some(converted) = libreoffice_to_pdf(&docx_path) {
        let text = pdftotext(&converted).unwrap();
        assert_has_labels(&text, ReportFormat::F2021, "portal DOCX via LibreOffice");
        pdftoppm_one_png_per_page(&converted).unwrap();
    }
}

#[tokio::test]
async fn the_console_names_bad_figures_refuses_an_unfinished_draft_and_lists_the_late_township() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(&dir.path().join("demo"));
    let year = time::OffsetDateTime::now_utc().year() - 1;
    let (user, password) = demo.accounts.iter().find(|(u, _)| u == "admin").unwrap().clone();
    let c = client();
    let r = c
        .post(format!("{}/admin/login", demo.url))
        .form(&[("username", &user), ("password", &password)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let agencies: serde_json::Value =
        c.get(format!("{}/api/v1/agencies", demo.url)).send().await.unwrap().json().await.unwrap();
    let id_of = |name: &str| {
        agencies.as_array().unwrap().iter().find(|a| a["name"].as_str().unwrap().contains(name)).unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (county, township) = (id_of("浩县人民政府"), id_of("浩口乡"));

    let county_page = c
        .get(format!("{}/admin/agencies/{county}/report?year={year}", demo.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        county_page.contains("已发布（已锁定）") && county_page.contains("发起更正"),
        "the published year is locked"
    );
    assert!(
        county_page.contains("浩县浩口乡人民政府") && county_page.contains("逾期未发布"),
        "the late township is listed"
    );

    // The locked county year refuses new figures; the township's bad figure is named.
    let r = c
        .post(format!("{}/admin/agencies/{county}/report/{year}/figures", demo.url))
        .form(&[("licensing.decisions", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("已发布并锁定"));
    let r = c
        .post(format!("{}/admin/agencies/{township}/report/{year}/figures", demo.url))
        .form(&[("licensing.decisions", "-3"), ("fees.amount_10k_yuan", "1.5")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("行政许可 本年处理决定数量：“-3”不能为负数"), "named by field");
    assert!(body.contains("value=\"1.5\""), "what was typed is shown again");
    let r = c
        .post(format!("{}/admin/agencies/{township}/report/{year}/figures", demo.url))
        .form(&[("licensing.decisions", "7")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // The township's draft still has 【待填写】: publication is refused by rule.
    let r = c.post(format!("{}/admin/agencies/{township}/report/{year}/publish", demo.url)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("[sections.unfinished]"));
    let (status, _) = get(&format!(
        "{}/agencies/{}/reports/{year}",
        demo.url,
        agencies.as_array().unwrap().iter().find(|a| a["id"] == township).unwrap()["credit_code"].as_str().unwrap()
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nothing was published");
}

#[test]
fn the_cli_builds_a_report_in_each_format() {
    // The cells of the JSON are checked against a ledger in tests/cli.rs; here every --format
    // writes a file of its kind.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .env("GONGKAI_DATA", d)
            .env_remove("GONGKAI_DATABASE_URL")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    run(&["agency", "add", "--name", "浩县人民政府", "--code", "11500233000000001L"]);
    for (format, magic) in [
        ("pdf", &b"%PDF"[..]),
        ("docx", b"PK"),
        ("xlsx", b"PK"),
        ("html", b"<!doctype html>"),
        ("csv", "\u{feff}".as_bytes()),
        ("json", b"{"),
    ] {
        let out = d.join(format!("r.{format}"));
        run(&[
            "report",
            "build",
            "--agency",
            "11500233000000001L",
            "--year",
            "2024",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{format}");
    }
    let stdout = run(&["report", "build", "--agency", "11500233000000001L", "--year", "2024", "--format", "html"]);
    assert!(String::from_utf8(stdout).unwrap().contains("三、收到和处理政府信息公开申请情况"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["report", "build", "--agency", "11500233000000001L", "--year", "2024", "--format", "pdf"])
        .env("GONGKAI_DATA", d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a binary format needs --out");
}

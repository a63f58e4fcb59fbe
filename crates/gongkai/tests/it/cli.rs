//! The command line as a user runs it: the real binary, a fresh data directory per test.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn gongkai(data: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("GONGKAI_DATA", data)
        .env_remove("GONGKAI_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

const COUNTY: &str = "11500233000000001L";
const TOWN: &str = "115002330000000051";

#[test]
fn agencies_and_staff_are_added_and_the_audit_chain_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None);
    assert!(out.status.success(), "{:?}", text(&out));
    // --data is global: accepted after the subcommand too.
    let out = gongkai(
        d,
        &[
            "agency",
            "add",
            "--name",
            "浩口乡人民政府",
            "--code",
            TOWN,
            "--parent",
            COUNTY,
            "--level",
            "township",
            "--data",
            d.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let out = gongkai(
        d,
        &["staff", "add", "--agency", TOWN, "--user", "clerk", "--role", "handler", "--role", "drafter"],
        Some("a long enough password\n"),
    );
    let (stdout, _) = text(&out);
    assert!(out.status.success(), "{stdout}");
    assert!(!stdout.contains("password:"), "a password given on stdin is not printed");
    let out = gongkai(d, &["staff", "add", "--agency", TOWN, "--user", "clerk2", "--role", "handler"], Some(""));
    assert!(text(&out).0.contains("password: "), "an empty stdin generates a password and prints it");
    let out = gongkai(d, &["audit", "verify"], None);
    assert!(out.status.success());
    assert!(text(&out).0.contains("audit log intact: 4 records verified"), "{:?}", text(&out));
}

#[test]
fn a_staff_token_is_printed_once_and_bad_flags_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None);
    gongkai(
        d,
        &["staff", "add", "--agency", COUNTY, "--user", "clerk", "--role", "handler"],
        Some("a long enough password\n"),
    );
    let out = gongkai(d, &["staff", "token", "--user", "clerk", "--name", "12345热线", "--days", "30"], None);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let token = stdout.lines().find_map(|l| l.strip_prefix("token: ")).expect("the token is printed");
    assert!(token.starts_with("gk_") && token.len() == 46, "{token}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let stored: Vec<String> = rt.block_on(async {
        let db = gongkai_store::Db::connect(&gongkai_store::Db::sqlite_url(d)).await.unwrap();
        let rows = sqlx::query_scalar("select secret_hash from api_tokens").fetch_all(db.reader()).await.unwrap();
        db.close().await;
        rows
    });
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(token) && stored[0].len() == 64, "stored hashed");
    let out = gongkai(d, &["staff", "token", "--user", "nobody"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("没有用户名为“nobody”的账号"), "{:?}", text(&out));
    let out = gongkai(d, &["staff", "token", "--user", "clerk", "--days", "1000"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("有效天数应为1至366之间的整数"), "{:?}", text(&out));
    let out = gongkai(d, &["audit", "verify"], None);
    assert!(text(&out).0.contains("3 records verified"), "{:?}", text(&out));
}

#[test]
fn invalid_cli_input_is_a_clear_error_with_exit_code_2_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", "11500233000000001X"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("统一社会信用代码校验位不正确：应为“L”"), "{:?}", text(&out));
    gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None);
    let out = gongkai(d, &["agency", "add", "--name", "重复", "--code", COUNTY], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("已被“浩县人民政府”使用"));
    let out = gongkai(
        d,
        &["staff", "add", "--agency", COUNTY, "--user", "x", "--role", "handler"],
        Some("a long enough password\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("用户名应为3至32位"));
    let out =
        gongkai(d, &["staff", "add", "--agency", COUNTY, "--user", "clerk", "--role", "handler"], Some("short\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("密码至少10个字符"));
    let out = gongkai(d, &["audit", "verify"], None);
    assert!(text(&out).0.contains("1 records verified"), "only the first agency was written");
}

#[test]
fn altering_an_audit_row_makes_verify_fail_and_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None);
    gongkai(d, &["agency", "add", "--name", "浩口乡人民政府", "--code", TOWN, "--parent", COUNTY], None);
    gongkai(
        d,
        &["staff", "add", "--agency", TOWN, "--user", "clerk", "--role", "handler"],
        Some("a long enough password\n"),
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = gongkai_store::Db::connect(&gongkai_store::Db::sqlite_url(d)).await.unwrap();
        sqlx::query("update audit_log set after = replace(after, '浩口乡', '浩口镇') where id = 2")
            .execute(db.reader())
            .await
            .unwrap();
        db.close().await;
    });
    let out = gongkai(d, &["audit", "verify"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("audit record 2 does not match"), "{:?}", text(&out));
}

#[test]
fn a_signed_checkpoint_catches_a_tail_cut_with_the_head_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None);
    gongkai(d, &["agency", "add", "--name", "浩口乡人民政府", "--code", TOWN, "--parent", COUNTY], None);
    let out = gongkai(d, &["audit", "checkpoint"], None);
    assert!(text(&out).0.contains("signed checkpoint: record 2"), "{:?}", text(&out));
    assert!(d.join("audit-checkpoints.jsonl").exists() && d.join("audit-key").exists());
    let out = gongkai(d, &["audit", "verify"], None);
    assert!(text(&out).0.contains("2 records verified, 1 signed checkpoints verified"), "{:?}", text(&out));
    // Someone with the database removes the last record and sets the head back.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = gongkai_store::Db::connect(&gongkai_store::Db::sqlite_url(d)).await.unwrap();
        sqlx::query("delete from audit_log where id = 2").execute(db.reader()).await.unwrap();
        sqlx::query("update audit_head set seq = 1, hash = (select hash from audit_log where id = 1)")
            .execute(db.reader())
            .await
            .unwrap();
        db.close().await;
    });
    let out = gongkai(d, &["audit", "verify"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("covers record 2 but the log ends at 1"), "{:?}", text(&out));
}

#[test]
fn workdays_and_deadline_commands_follow_the_official_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Received Fri 2025-09-26: the National Day week is skipped, 调休 Sun 09-28 and Sat 10-11 count.
    assert_eq!(text(&gongkai(d, &["workdays", "add", "2025-09-26", "20"], None)).0.trim(), "2025-10-30");
    assert_eq!(text(&gongkai(d, &["workdays", "between", "2025-09-26", "2025-10-30"], None)).0.trim(), "20");
    let case = r#"{"received":"2025-09-26"}"#;
    let out = gongkai(d, &["deadline"], Some(case));
    assert!(out.status.success(), "{:?}", text(&out));
    let v: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    assert_eq!(v["clarification_notice_due"], "2025-10-13");
    assert_eq!(v["reply_due"], "2025-10-30");
    assert_eq!(v["provisional"], false);
    // 2027's notice is not embedded: the deadline is estimated and says so.
    let out = gongkai(d, &["deadline"], Some(r#"{"received":"2026-12-20"}"#));
    let v: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    assert_eq!((v["reply_due"].as_str(), v["provisional"].as_bool()), (Some("2027-01-18"), Some(true)));
    for bad in [
        r#"{"received":"2025-02-30"}"#,
        r#"{"received":"2025-09-26","extension_days":21}"#,
        r#"{"received":"2025-09-26","colour":1}"#,
        "not json",
        r#"{"received":"2030-01-02"}"#,
    ] {
        let out = gongkai(d, &["deadline"], Some(bad));
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert_eq!(text(&out).1.trim().lines().count(), 1, "one line for {bad}");
    }
    let out = gongkai(d, &["workdays", "add", "2027-03-01", "5"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("2027"), "names the missing year");
}

#[test]
fn the_example_config_is_printed_and_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = gongkai(d, &["config", "example"], None);
    let example = text(&out).0;
    assert!(example.contains("login_attempts_per_account"));
    std::fs::create_dir_all(d).unwrap();
    std::fs::write(d.join("gongkai.toml"), example.replace("./gongkai-data", d.to_str().unwrap())).unwrap();
    let out = gongkai(d, &["migrate"], None);
    assert!(out.status.success(), "{:?}", text(&out));
    std::fs::write(d.join("gongkai.toml"), "colour = 'red'\n").unwrap();
    let out = gongkai(d, &["migrate"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("unknown field `colour`"), "{:?}", text(&out));
}

#[test]
fn the_deadline_command_agrees_with_the_library_on_generated_cases() {
    use gongkai_core::calendar::{Calendar, iso_date};
    let dir = tempfile::tempdir().unwrap();
    let cal = Calendar::embedded();
    // A deterministic spread of cases over 2015–2025 with clarifications, consultations and extensions.
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for _ in 0..40 {
        let received = time::Date::from_calendar_date(2015 + next(11) as i32, time::Month::January, 1).unwrap()
            + time::Duration::days(next(300) as i64);
        let mut case = serde_json::json!({"received": iso_date::format(received)});
        if received >= time::macros::date!(2019 - 05 - 15) {
            if next(2) == 0 {
                let asked = received + time::Duration::days(next(6) as i64 + 1);
                let back = asked + time::Duration::days(next(20) as i64 + 1);
                case["clarification"] =
                    serde_json::json!({"requested": iso_date::format(asked), "received": iso_date::format(back)});
            }
            if next(2) == 0 {
                let start = received + time::Duration::days(next(30) as i64 + 2);
                let mut c = serde_json::json!({"start": iso_date::format(start)});
                if next(2) == 0 {
                    c["end"] = serde_json::json!(iso_date::format(start + time::Duration::days(next(25) as i64)));
                }
                case["consultations"] = serde_json::json!([c]);
            }
            case["extension_days"] = serde_json::json!(next(21));
        }
        let input = case.to_string();
        let out = gongkai(dir.path(), &["deadline"], Some(&input));
        let library = gongkai_core::request::deadline::from_json(&cal, &input);
        match library {
            Ok(expected) => {
                assert!(out.status.success(), "{input}: {:?}", text(&out));
                let cli: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
                assert_eq!(cli, serde_json::to_value(&expected).unwrap(), "{input}");
            }
            Err(e) => {
                assert_eq!(out.status.code(), Some(2), "{input}");
                assert_eq!(text(&out).1.trim(), format!("error: {}", e.message_zh()), "{input}");
            }
        }
    }
}

#[test]
fn a_request_ledger_imports_once_and_names_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None).status.success());
    let ledger = d.join("ledger.jsonl");
    let lines = [
        r#"{"source_id":"2023-001","received":"2023-12-20","channel":"post","applicant_type":"natural_person","applicant_name":"张三","description":"某文件","closed":"2024-01-10","outcome":"granted"}"#,
        r#"{"source_id":"2023-002","received":"2023-12-28","channel":"online","applicant_type":"business","applicant_name":"某公司","description":"某合同","closed":null,"outcome":null}"#,
        r#"{"source_id":"2023-003","received":"2023-12-29","channel":"pigeon","applicant_type":"natural_person","applicant_name":"李四","description":"x"}"#,
        r#"{"source_id":"2023-004","received":"2023-11-01","channel":"fax","applicant_type":"natural_person","applicant_name":"王五","description":"x","closed":"2023-11-20","outcome":"other"}"#,
        r#"{"source_id":"2023-005","received":"2023-11-01","channel":"fax","applicant_type":"natural_person","applicant_name":"王五","description":"x","closed":"2023-11-20","outcome":"other.other"}"#,
        "{broken",
    ];
    std::fs::write(&ledger, lines.join("\n")).unwrap();
    let out = gongkai(d, &["import", "requests", "--agency", COUNTY, ledger.to_str().unwrap()], None);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("imported 3 requests") && stdout.contains("3 lines with errors"), "{stdout}");
    assert!(
        stderr.contains("第3行 channel") && stderr.contains("第4行 outcome") && stderr.contains("第6行"),
        "{stderr}"
    );
    let again = gongkai(d, &["import", "requests", "--agency", COUNTY, ledger.to_str().unwrap()], None);
    assert!(
        text(&again).0.contains("imported 0 requests") && text(&again).0.contains("3 already present"),
        "{}",
        text(&again).0
    );
}

#[test]
fn a_ledger_gives_the_expected_table_three_cells_for_a_2019_format_and_a_2021_format_year() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None).status.success());
    let line = |id: &str, received: &str, kind: &str, closed: Option<&str>, outcome: Option<&str>| {
        serde_json::json!({"source_id": id, "received": received, "channel": "post", "applicant_type": kind, "applicant_name": "某", "description": "某",
            "closed": closed, "outcome": outcome}).to_string()
    };
    let ledger = [
        line("a", "2019-12-20", "natural_person", Some("2020-01-10"), Some("granted")), // carried into 2020
        line("b", "2020-03-01", "natural_person", Some("2020-03-20"), Some("other")),
        line("c", "2020-12-28", "business", Some("2021-01-15"), Some("other.fee_unpaid")), // carried over 2020
        line("d", "2020-06-01", "research", Some("2020-06-20"), Some("unable.not_held")),
        line("e", "2024-02-01", "natural_person", Some("2024-02-20"), Some("other.no_clarification")),
        line("f", "2024-12-30", "legal_service", None, None), // carried over 2024
        line("g", "2023-12-29", "nonprofit", Some("2024-01-05"), Some("partially_granted")), // carried into 2024
        // A ledger kept with the 2021 codes for a 2020 decision: folded into (六)其他处理.
        line("h", "2020-04-01", "natural_person", Some("2020-04-20"), Some("other.no_clarification")),
    ];
    let file = d.join("ledger.jsonl");
    std::fs::write(&file, ledger.join("\n")).unwrap();
    assert!(gongkai(d, &["import", "requests", "--agency", COUNTY, file.to_str().unwrap()], None).status.success());

    let build = |year: &str| -> serde_json::Value {
        let out = gongkai(d, &["report", "build", "--agency", COUNTY, "--year", year], None);
        assert!(out.status.success(), "{}", text(&out).1);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let r2020 = build("2020");
    assert_eq!(r2020["format"], "2019");
    let t = &r2020["table3"];
    for (row, col, n) in [
        ("received", "total", 4),
        ("carried_in", "natural_person", 1),
        ("granted", "natural_person", 1),
        ("other", "natural_person", 2),
        ("unable.not_held", "research", 1),
        ("results_total", "total", 4),
        ("carried_over", "business", 1),
        ("carried_over", "total", 1),
    ] {
        assert_eq!(t[row][col], n, "2020 {row} {col}: {t}");
    }
    assert!(t.get("other.fee_unpaid").is_none(), "the 2019 format has one 其他处理 row");
    let r2024 = build("2024");
    assert_eq!(r2024["format"], "2021");
    let t = &r2024["table3"];
    for (row, col, n) in [
        ("received", "total", 2),
        ("carried_in", "nonprofit", 1),
        ("partially_granted", "nonprofit", 1),
        ("other.no_clarification", "natural_person", 1),
        ("results_total", "total", 2),
        ("carried_over", "legal_service", 1),
    ] {
        assert_eq!(t[row][col], n, "2024 {row} {col}: {t}");
    }
    // The tables of a ledger balance; what still blocks publication is the narrative to write.
    let check = gongkai(d, &["report", "check", "--agency", COUNTY, "--year", "2021"], None);
    let (_, findings) = text(&check);
    assert_eq!(check.status.code(), Some(1), "{findings}");
    let rules: Vec<&str> =
        findings.lines().filter(|l| !l.starts_with("error")).map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(rules, ["sections.unfinished", "sections.unfinished"], "{findings}");
    let early = gongkai(d, &["report", "build", "--agency", COUNTY, "--year", "2017"], None);
    assert_eq!(early.status.code(), Some(2));
}

#[test]
fn an_exported_report_csv_reads_back_through_report_figures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, code) in [("浩县人民政府", COUNTY), ("浩县青石镇人民政府", TOWN)] {
        assert!(gongkai(d, &["agency", "add", "--name", name, "--code", code], None).status.success());
    }
    let entered = d.join("entered.csv");
    std::fs::write(&entered, "键,数值\nlicensing.decisions,12\nfees.amount_10k_yuan,1.50\npenalty.decisions,3\n")
        .unwrap();
    let out = gongkai(d, &["report", "figures", "--agency", COUNTY, "--year", "2024", entered.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out).1);
    let exported = d.join("report.csv");
    let out = gongkai(
        d,
        &[
            "report",
            "build",
            "--agency",
            COUNTY,
            "--year",
            "2024",
            "--format",
            "csv",
            "--out",
            exported.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let csv = std::fs::read_to_string(&exported).unwrap();
    assert!(csv.contains("表格,行,列,键,数值") && csv.contains("table3."), "the export holds every table");
    // The export, read back for another agency, gives the same table 二 (entered cells only:
    // catalogue counts and tables 三 and 四 are computed, not taken from the file).
    let out = gongkai(d, &["report", "figures", "--agency", TOWN, "--year", "2024", exported.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out).1);
    let table2 = |code: &str| -> serde_json::Value {
        let out = gongkai(d, &["report", "build", "--agency", code, "--year", "2024"], None);
        assert!(out.status.success(), "{}", text(&out).1);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["table2"].clone()
    };
    let (county, town) = (table2(COUNTY), table2(TOWN));
    assert_eq!(county, town);
    assert!(county.to_string().contains("12") && county.to_string().contains("1.5"), "{county}");
}

#[test]
fn an_import_goes_through_the_secrecy_scan_and_publishes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None).status.success());
    std::fs::write(d.join("名单.txt"), "青石镇低保对象：李四 500233198506122316").unwrap();
    let csv = "source_id,title,category,written,published,body,attachments\n\
        a1,浩县2024年预算公开说明,art20.7,2024/1/2,2024年1月5日,预算收支总表见附件,\n\
        a2,青石镇低保对象名单,art20.1,,2024-01-06 09:30,名单见附件,名单.txt\n\
        a3,浩县社会救助对象公示,art20.1,,2024-01-07,王五 身份证号11010519491231002X,\n\
        a4,浩县未来的通知,art20.1,,2999-01-01,,\n\
        a5,浩县倒签的通知,art20.1,2024-03-01,2024-02-01,,\n\
        a6,缺附件的通知,art20.1,,2024-01-08,,不存在.pdf\n";
    let file = d.join("items.csv");
    std::fs::write(&file, csv).unwrap();
    let out = gongkai(d, &["import", "items", "--agency", COUNTY, file.to_str().unwrap()], None);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "a failed line makes the run fail: {stdout} {stderr}");
    assert!(stdout.contains("imported 3 items") && stdout.contains("3 lines with errors"), "{stdout}");
    assert!(stdout.contains("0 published, 1 waiting at 签发") && stdout.contains("2 held at 保密审查"), "{stdout}");
    assert!(stdout.contains("held: line 3 source_id a2") && stdout.contains("held: line 4 source_id a3"), "{stdout}");
    assert!(stderr.contains("第5行 published：发布日期2999-01-01晚于今天"), "{stderr}");
    assert!(stderr.contains("第6行 published：发布日期2024-02-01早于成文日期2024-03-01"), "{stderr}");
    assert!(stderr.contains("第7行 attachments：无法读取附件不存在.pdf"), "{stderr}");
    // Nothing reached the public; the spreadsheet dates were read.
    let rows: Vec<(String, String, Option<String>, Option<String>)> =
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let db = gongkai_store::Db::connect(&gongkai_store::Db::sqlite_url(d)).await.unwrap();
            sqlx::query_as("select source_id, status, written_on, published_on from items order by source_id")
                .fetch_all(db.reader())
                .await
                .unwrap()
        });
    let row = |id: &str| rows.iter().find(|r| r.0 == id).cloned().unwrap();
    assert_eq!(row("a1"), ("a1".into(), "sign_off".into(), Some("2024-01-02".into()), Some("2024-01-05".into())));
    assert_eq!((row("a2").1, row("a3").1), ("secrecy_review".into(), "secrecy_review".into()));
    // After the missing file is supplied, a re-run imports that row; with --publish a clean row
    // is published at once.
    std::fs::write(d.join("不存在.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let out = gongkai(d, &["import", "items", "--agency", COUNTY, "--publish", file.to_str().unwrap()], None);
    let (stdout, _) = text(&out);
    assert!(stdout.contains("imported 1 items") && stdout.contains("3 already present"), "{stdout}");
    // An empty file says so.
    let empty = d.join("empty.csv");
    std::fs::write(&empty, "source_id,title,category,published\n").unwrap();
    let out = gongkai(d, &["import", "items", "--agency", COUNTY, empty.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("没有可导入的行"), "{}", text(&out).1);
}

#[test]
fn the_sample_import_files_import_and_the_help_lists_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None).status.success());
    let help = gongkai(d, &["import", "items", "--help"], None);
    let (help, _) = text(&help);
    for column in gongkai_store::catalogue::import::COLUMNS {
        assert!(help.contains(column.name) && help.contains(column.label), "{} missing from:\n{help}", column.name);
    }
    assert!(help.contains("fixtures/import/items-sample.csv"), "{help}");
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/import");
    let csv = samples.join("items-sample.csv");
    let out = gongkai(d, &["import", "items", "--agency", COUNTY, csv.to_str().unwrap()], None);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout} {stderr}");
    assert!(stdout.contains("imported 3 items") && stdout.contains("0 lines with errors"), "{stdout}");
    assert!(stdout.contains("2 waiting at 签发") && stdout.contains("1 held at 保密审查"), "{stdout}");
    assert!(stdout.contains("held: line 3 source_id old-0002"), "{stdout}");
    // The JSONL sample holds the same rows: all already present.
    let jsonl = samples.join("items-sample.jsonl");
    let out = gongkai(d, &["import", "items", "--agency", COUNTY, jsonl.to_str().unwrap()], None);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success() && stdout.contains("3 already present"), "{stdout} {stderr}");
}

#[test]
fn a_search_index_of_an_older_version_is_rebuilt_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(gongkai(d, &["agency", "add", "--name", "浩县人民政府", "--code", COUNTY], None).status.success());
    let csv = "source_id,title,category,published,body\na1,浩县2024年预算公开说明,art20.7,2024-01-05,预算收支总表\n";
    let file = d.join("items.csv");
    std::fs::write(&file, csv).unwrap();
    let out = gongkai(d, &["import", "items", "--agency", COUNTY, "--publish", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{:?}", text(&out));
    // As if an earlier release had written the index.
    std::fs::write(d.join("search").join(gongkai_search::VERSION_FILE), "gongkai-search-1").unwrap();
    let out = gongkai(d, &["reindex"], None);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("reindexed 1 published items"), "{:?}", text(&out));
    let version = std::fs::read_to_string(d.join("search").join(gongkai_search::VERSION_FILE)).unwrap();
    assert_eq!(version.trim(), gongkai_search::ANALYSIS_VERSION);
    let index = gongkai_search::SearchIndex::open_or_create(&d.join("search")).unwrap();
    assert_eq!(index.doc_count(), 1);
}

//! The annual report as stored, on both backends: compiled from requests with the agency's own
//! figures and texts; publication refused while a finding stands, naming it; the lock after
//! publication; records that change later shown as a difference; an amendment with a reason that
//! republishes a corrected version with its correction note; the next year's carry-over checked
//! against the published report.

use std::collections::BTreeMap;

use gongkai_core::report::sections::{Sections, TO_FILL};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::Command;
use gongkai_files::BlobStore;
use gongkai_store::report::{self, YearState, entries, publish};
use gongkai_store::request::intake::{self, IntakeForm};
use gongkai_store::request::query_key::QueryKey;
use gongkai_store::request::workflow;
use gongkai_store::{Actor, Db, Error};

on_both_backends!(
    a_report_is_published_locked_and_corrected_with_a_note,
    a_request_reopened_after_its_year_was_published_leaves_that_table_unchanged,
    entered_figures_are_checked_and_csv_lines_named,
);

use crate::backends::{county, d};

/// A request posted and signed for on `on`, decided `granted` ten days later when `decide`.
async fn request(db: &Db, agency_id: i64, on: &str, decide: bool) {
    let form = IntakeForm {
        channel: "in_person".into(),
        submitted_on: on.into(),
        applicant_type: "natural_person".into(),
        applicant_name: "张三".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002X".into(),
        description: "2024年青石镇安置补助发放名单".into(),
        form: "paper".into(),
        delivery: "pickup".into(),
        phone: "13800000000".into(),
        ..Default::default()
    };
    let intake = form.parse_registration(d("2025-12-31")).unwrap_or_else(|e| panic!("{e:?}"));
    let receipt =
        intake::submit(db, &BlobStore::in_memory(), &Actor::Cli, agency_id, intake, Vec::new(), &QueryKey::generate())
            .await
            .unwrap();
    if decide {
        let decided = d(on) + time::Duration::days(10);
        let assign = Command::Assign { handler: "李四".into(), on: d(on) };
        workflow::transition(db, &Actor::Cli, "命令行", receipt.id, &assign, decided)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let command = Command::Decide {
            outcome: Outcome::Granted,
            on: decided,
            basis: "条例第三十六条".into(),
            reasons: String::new(),
            responsible_agency: None,
        };
        workflow::transition(db, &Actor::Cli, "命令行", receipt.id, &command, decided)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
    }
}

fn rules(e: Error) -> Vec<String> {
    e.into_field_errors().0.into_iter().map(|f| f.label).collect()
}

async fn a_report_is_published_locked_and_corrected_with_a_note(db: Db) {
    let a = county(&db).await;
    request(&db, a.id, "2024-03-04", true).await;
    request(&db, a.id, "2024-12-27", false).await; // carried over into 2025

    let (draft, findings) = report::compile_year(&db, a.id, 2024).await.unwrap();
    assert_eq!(
        (
            draft.table3.get("received", "natural_person"),
            draft.table3.get("granted", "total"),
            draft.table3.get("carried_over", "total")
        ),
        (2, 1, 1)
    );
    assert!(draft.sections.overview.contains("2024年共收到政府信息公开申请2件"), "{}", draft.sections.overview);
    assert_eq!(
        findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
        ["sections.unfinished", "sections.unfinished"],
        "{findings:?}"
    );

    // Refused while the draft still has 【待填写】: named by rule, nothing stored.
    let refused = report::publish_year(&db, &Actor::Cli, a.id, 2024).await.unwrap_err();
    assert_eq!(rules(refused), ["sections.unfinished", "sections.unfinished"]);
    assert_eq!(publish::state(&db, a.id, 2024).await.unwrap(), YearState::Draft);

    let written = Sections {
        overview: draft.sections.overview.replace(TO_FILL, ""),
        problems: "无。".into(),
        other: draft.sections.other.clone(),
    };
    entries::save_sections(&db, &Actor::Cli, a.id, 2024, &written).await.unwrap();
    let v1 = report::publish_year(&db, &Actor::Cli, a.id, 2024).await.unwrap();
    assert_eq!((v1.version, v1.correction_note.as_deref()), (1, None));
    assert_eq!(publish::state(&db, a.id, 2024).await.unwrap(), YearState::Published { version: 1 });

    // Locked: the agency's entries are refused; publishing again too.
    let locked = entries::save_sections(&db, &Actor::Cli, a.id, 2024, &written).await.unwrap_err();
    assert!(
        locked.to_string().contains("已发布并锁定") || format!("{locked:?}").contains("已发布并锁定"),
        "{locked:?}"
    );
    assert!(entries::save_figures(&db, &Actor::Cli, a.id, 2024, &BTreeMap::new()).await.is_err());
    assert!(report::publish_year(&db, &Actor::Cli, a.id, 2024).await.is_err());

    // A request of 2024 registered late: the published report stays, the difference shows.
    request(&db, a.id, "2024-06-03", true).await;
    let (now, _) = report::compile_year(&db, a.id, 2024).await.unwrap();
    let changes = publish::changes_since_publication(&db, a.id, &now).await.unwrap();
    let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    assert!(keys.contains(&"table3.received.natural_person") && keys.contains(&"table3.granted.total"), "{keys:?}");
    assert_eq!(
        publish::latest(&db, a.id, 2024).await.unwrap().unwrap().report().unwrap().table3.get("received", "total"),
        2
    );

    // The amendment needs a real reason, then republishes with a correction note.
    assert_eq!(rules(publish::open_amendment(&db, &Actor::Cli, a.id, 2024, " 改 ").await.unwrap_err()), ["更正理由"]);
    publish::open_amendment(&db, &Actor::Cli, a.id, 2024, "补录一件漏登记的申请").await.unwrap();
    assert!(matches!(publish::state(&db, a.id, 2024).await.unwrap(), YearState::Amending { version: 1, .. }));
    let v2 = report::publish_year(&db, &Actor::Cli, a.id, 2024).await.unwrap();
    let note = v2.correction_note.clone().unwrap();
    assert_eq!(v2.version, 2);
    assert!(note.starts_with("更正说明：本报告于") && note.contains("更正原因：补录一件漏登记的申请。"), "{note}");
    assert!(note.contains("表三 本年新收申请 · 自然人由2更正为3"), "{note}");
    assert_eq!(publish::versions(&db, a.id, 2024).await.unwrap().len(), 2, "the first version is kept");

    // 2025 carries in what the published 2024 report carried over.
    let (_, findings) = report::compile_year(&db, a.id, 2025).await.unwrap();
    assert!(!findings.iter().any(|f| f.rule == "series.carry_over"), "{findings:?}");
    let audited: i64 = sqlx::query_scalar("select cast(count(*) as bigint) from audit_log where entity = 'report'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(audited, 3, "two publications and one amendment");
}

async fn entered_figures_are_checked_and_csv_lines_named(db: Db) {
    let a = county(&db).await;
    let csv = "\u{feff}键,数值,说明\nlicensing.decisions,12,行政许可\nfees.amount_10k_yuan,1.50\n";
    let values = entries::parse_figures_csv(2024, csv).unwrap();
    entries::save_figures(&db, &Actor::Cli, a.id, 2024, &values).await.unwrap();
    let (r, _) = report::compile_year(&db, a.id, 2024).await.unwrap();
    assert_eq!(
        (
            r.table2.display("licensing.decisions"),
            r.table2.display("fees.amount_10k_yuan"),
            r.table2.display("penalty.decisions")
        ),
        ("12".into(), "1.5".into(), "0".into())
    );

    let bad = entries::parse_figures_csv(
        2024,
        "键,数值\nrules.issued,3\nlicensing.decisions,-1\nprocurement.items,2\nnot a line\n",
    )
    .unwrap_err();
    let messages: Vec<String> = bad.into_field_errors().0.into_iter().map(|f| f.message).collect();
    assert_eq!(messages, ["第5行应为“键,数值”：not a line"]);
    let bad =
        entries::parse_figures_csv(2024, "键,数值\nrules.issued,3\nlicensing.decisions,-1\nprocurement.items,2\n")
            .unwrap_err();
    let messages: Vec<String> = bad.into_field_errors().0.into_iter().map(|f| f.message).collect();
    assert_eq!(
        messages,
        [
            "行政许可 本年处理决定数量：“-1”不能为负数",
            "2021年度报告格式中没有“procurement.items”这一项",
            "规章 本年制发件数由公开目录自动统计，不能填报"
        ]
    );
    // Nothing was replaced by the refused input.
    assert_eq!(entries::figures(&db, a.id, 2024).await.unwrap().len(), 2);
}

async fn a_request_reopened_after_its_year_was_published_leaves_that_table_unchanged(db: Db) {
    use gongkai_core::request::workflow::ReopenOrder;
    let a = county(&db).await;
    request(&db, a.id, "2024-03-04", true).await; // granted 2024-03-14
    let id: i64 = sqlx::query_scalar("select id from requests where agency_id = $1")
        .bind(a.id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (draft, _) = report::compile_year(&db, a.id, 2024).await.unwrap();
    let written = Sections {
        overview: draft.sections.overview.replace(TO_FILL, ""),
        problems: "无。".into(),
        other: draft.sections.other.clone(),
    };
    entries::save_sections(&db, &Actor::Cli, a.id, 2024, &written).await.unwrap();
    report::publish_year(&db, &Actor::Cli, a.id, 2024).await.unwrap();

    let step = |command: Command, today: &str| {
        let db = db.clone();
        let today = d(today);
        async move { workflow::transition(&db, &Actor::Cli, "命令行", id, &command, today).await.unwrap() }
    };
    step(Command::Deliver { on: d("2024-03-15"), method: "自行领取".into() }, "2025-06-01").await;
    let reopen = Command::Reopen {
        on: d("2025-06-02"),
        order: ReopenOrder::Court,
        document_number: "（2025）浩行初5号".into(),
        reason: "判决撤销原答复，责令重新答复".into(),
        reply_workdays: Some(15),
    };
    step(reopen, "2025-06-02").await;
    let again = Command::Decide {
        outcome: Outcome::PartiallyGranted,
        on: d("2025-06-10"),
        basis: "条例第三十七条".into(),
        reasons: "部分涉及个人隐私".into(),
        responsible_agency: None,
    };
    step(again, "2025-06-10").await;

    // 2024 is published: its table is what was published, and the records agree with it.
    let (y2024, _) = report::compile_year(&db, a.id, 2024).await.unwrap();
    assert_eq!((y2024.table3.get("granted", "total"), y2024.table3.get("partially_granted", "total")), (1, 0));
    assert!(publish::changes_since_publication(&db, a.id, &y2024).await.unwrap().is_empty());
    // Counted once: not again in 2025, neither as carried in nor as a result.
    let (y2025, _) = report::compile_year(&db, a.id, 2025).await.unwrap();
    assert_eq!(
        (y2025.table3.get("carried_in", "total"), y2025.table3.get("results_total", "total")),
        (0, 0),
        "{:?}",
        y2025.table3
    );
}

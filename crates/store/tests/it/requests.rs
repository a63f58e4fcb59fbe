//! Disclosure requests as stored: registration with the Art. 31 receipt date, the workflow over
//! the event log with deadlines derived from it, refusals that write nothing, the applicant's
//! lookup, the overdue list, on both backends.

use gongkai_core::calendar::Calendar;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::{Command, ConsultKind};
use gongkai_files::BlobStore;
use gongkai_store::request::intake::{self, IntakeForm, Upload};
use gongkai_store::request::queries::{self, View};
use gongkai_store::request::query_key::QueryKey;
use gongkai_store::request::{notify, workflow};
use gongkai_store::{Actor, Db, Error};

on_both_backends!(
    a_posted_request_is_received_on_the_day_it_was_signed_for_and_handled_to_a_decision,
    a_refused_step_writes_nothing,
    the_applicant_finds_the_request_only_with_code_and_password,
    late_requests_are_listed_as_overdue,
);

use crate::backends::{county, d};

/// This node's query-password key (the same for every request of a test).
fn key() -> QueryKey {
    QueryKey::from_hex(&"5a".repeat(32)).unwrap()
}

fn posted(signed_for: &str) -> IntakeForm {
    IntakeForm {
        channel: "post".into(),
        submitted_on: "2025-09-24".into(),
        signed_for_on: signed_for.into(),
        applicant_type: "natural_person".into(),
        applicant_name: "张三".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002x".into(),
        email: "zhangsan@example.com".into(),
        description: "2024年青石镇安置补助发放名单".into(),
        form: "paper".into(),
        delivery: "post".into(),
        address: "浩县青石镇1号".into(),
        ..Default::default()
    }
}

async fn register(db: &Db, agency_id: i64, signed_for: &str) -> intake::Receipt {
    let intake = posted(signed_for).parse_registration(d("2025-12-31")).unwrap();
    intake::submit(db, &BlobStore::in_memory(), &Actor::Cli, agency_id, intake, Vec::new(), &key()).await.unwrap()
}

async fn count(db: &Db, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select cast(count(*) as bigint) from {table}")))
        .fetch_one(db.reader())
        .await
        .unwrap()
}

async fn sqlx_stored_hash(db: &Db, id: i64) -> String {
    sqlx::query_scalar("select password_hash from requests where id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

async fn step(db: &Db, id: i64, command: Command) -> gongkai_store::request::row::Request {
    workflow::transition(db, &Actor::Cli, "命令行", id, &command, d("2025-12-31"))
        .await
        .unwrap_or_else(|e| panic!("{command:?}: {e:?}"))
}

async fn a_posted_request_is_received_on_the_day_it_was_signed_for_and_handled_to_a_decision(db: Db) {
    let agency = county(&db).await;
    let receipt = register(&db, agency.id, "2025-09-26").await;
    assert_eq!(receipt.query_password.len(), 8);
    let r = queries::get(&db, receipt.id).await.unwrap();
    assert_eq!((r.status.as_str(), r.received_on), ("confirmed", Some(d("2025-09-26"))));
    assert_eq!(r.id_number, "11010519491231002X", "normalised");
    // Same figures as the deadline engine: 7th and 20th working days after 2025-09-26.
    assert_eq!(r.clarification_notice_due, Some(d("2025-10-13")));
    assert_eq!(r.reply_due, Some(d("2025-10-30")));

    step(&db, r.id, Command::Assign { handler: "李四".into(), on: d("2025-09-28") }).await;
    let r = step(
        &db,
        r.id,
        Command::RequestClarification {
            on: d("2025-09-29"),
            matters: "请说明名单所属年份".into(),
            reply_by: d("2025-10-20"),
        },
    )
    .await;
    assert_eq!((r.status.as_str(), r.reply_due), ("clarifying", None), "the clock waits for the correction");
    let r = step(&db, r.id, Command::ReceiveCorrection { on: d("2025-10-09") }).await;
    let restarted = r.reply_due.unwrap();
    let calendar = Calendar::embedded();
    assert_eq!(
        calendar.workdays_between(d("2025-10-09"), restarted).unwrap(),
        20,
        "20 working days from the correction"
    );
    step(
        &db,
        r.id,
        Command::StartConsultation {
            kind: ConsultKind::ThirdParty,
            party: "浩县某建设公司".into(),
            on: d("2025-10-13"),
        },
    )
    .await;
    let r =
        step(&db, r.id, Command::EndConsultation { no: 1, on: d("2025-10-17"), opinion: "不同意公开个人信息".into() })
            .await;
    assert!(r.reply_due.unwrap() > restarted, "consultation days are not counted");
    let before_extension = r.reply_due.unwrap();
    let r =
        step(&db, r.id, Command::Extend { days: 20, on: d("2025-10-20"), reason: "需要汇总多个村的数据".into() }).await;
    assert_eq!(calendar.workdays_between(before_extension, r.reply_due.unwrap()).unwrap(), 20);
    let r = step(
        &db,
        r.id,
        Command::Decide {
            outcome: Outcome::PartiallyGranted,
            on: d("2025-11-10"),
            basis: "条例第三十七条".into(),
            reasons: "名单中的身份证号码属于个人信息".into(),
            responsible_agency: None,
        },
    )
    .await;
    assert_eq!(
        (r.status.as_str(), r.outcome, r.decided_on),
        ("decided", Some(Outcome::PartiallyGranted), Some(d("2025-11-10")))
    );

    let kinds: Vec<&str> = workflow::events(&db, r.id).await.unwrap().iter().map(|e| e.event.kind()).collect();
    assert_eq!(
        kinds,
        [
            "registered",
            "confirmed",
            "assigned",
            "clarification_requested",
            "correction_received",
            "consultation_started",
            "consultation_ended",
            "extended",
            "decided"
        ]
    );
    assert_eq!(count(&db, "audit_log").await, 1 + 1 + 7, "the agency, the registration and seven steps");
    let mails: Vec<String> = notify::pending(&db, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.recipient.email() == Some("zhangsan@example.com"))
        .map(|n| n.subject)
        .collect();
    assert!(
        mails.iter().any(|s| s.contains("请补正申请")) && mails.iter().any(|s| s.contains("申请已答复")),
        "{mails:?}"
    );
}

async fn a_refused_step_writes_nothing(db: Db) {
    let agency = county(&db).await;
    let receipt = register(&db, agency.id, "2025-09-26").await;
    let (events, audit) = (count(&db, "request_events").await, count(&db, "audit_log").await);
    let e = workflow::transition(
        &db,
        &Actor::Cli,
        "命令行",
        receipt.id,
        &Command::Close { on: d("2025-10-01") },
        d("2025-12-31"),
    )
    .await
    .unwrap_err();
    let Error::Invalid(fields) = e else { panic!("{e:?}") };
    assert_eq!(fields.0[0].message, "当前状态“已受理”不能办结归档");
    assert_eq!((count(&db, "request_events").await, count(&db, "audit_log").await), (events, audit));
    // A bad registration names its fields and stores nothing.
    let mut bad = posted("");
    bad.id_number = "110105194912310021".into();
    let errors = bad.parse_registration(d("2025-12-31")).unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert!(fields.contains(&"id_number") && fields.contains(&"signed_for_on"), "{errors:?}");
    let exe = Upload { filename: "证明.pdf".into(), bytes: b"MZ\x90\x00this is not a pdf".to_vec() };
    let intake = posted("2025-09-26").parse_registration(d("2025-12-31")).unwrap();
    let e = intake::submit(&db, &BlobStore::in_memory(), &Actor::Cli, agency.id, intake, vec![exe], &key())
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Invalid(f) if f.0[0].field == "attachment"), "{e:?}");
    assert_eq!(count(&db, "requests").await, 1);
}

async fn the_applicant_finds_the_request_only_with_code_and_password(db: Db) {
    let agency = county(&db).await;
    let receipt = register(&db, agency.id, "2025-09-26").await;
    let found =
        queries::by_code_and_password(&db, &receipt.tracking_code.to_lowercase(), &receipt.query_password, &key())
            .await
            .unwrap();
    assert_eq!(found.id, receipt.id);
    let wrong = queries::by_code_and_password(&db, &receipt.tracking_code, "WRONGPWD", &key()).await.unwrap_err();
    let unknown =
        queries::by_code_and_password(&db, "20250101-AAAAAA", &receipt.query_password, &key()).await.unwrap_err();
    let other_node = QueryKey::generate();
    let keyless = queries::by_code_and_password(&db, &receipt.tracking_code, &receipt.query_password, &other_node)
        .await
        .unwrap_err();
    assert_eq!(format!("{wrong:?}"), format!("{unknown:?}"), "a wrong code and a wrong password look the same");
    assert_eq!(format!("{keyless:?}"), format!("{unknown:?}"), "the database alone does not verify a password");
    let stored: String = sqlx_stored_hash(&db, receipt.id).await;
    assert!(stored.starts_with("hmac-sha256$") && !stored.contains(&receipt.query_password), "{stored}");
}

async fn late_requests_are_listed_as_overdue(db: Db) {
    let agency = county(&db).await;
    let late = register(&db, agency.id, "2025-09-26").await; // due 2025-10-30
    let recent = register(&db, agency.id, "2025-12-29").await;
    let calendar = Calendar::embedded();
    let overdue = queries::list(&db, &calendar, agency.id, View::Overdue, d("2025-12-31"), 10).await.unwrap();
    assert_eq!(overdue.iter().map(|r| r.id).collect::<Vec<_>>(), [late.id]);
    let open = queries::list(&db, &calendar, agency.id, View::Open, d("2025-12-31"), 10).await.unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(queries::open_and_overdue(&db, agency.id, d("2025-12-31")).await.unwrap(), (2, 1));
    let soon = queries::list(&db, &calendar, agency.id, View::DueSoon, d("2025-10-27"), 10).await.unwrap();
    assert_eq!(soon.iter().map(|r| r.id).collect::<Vec<_>>(), [late.id], "due 10-30 is within 3 working days of 10-27");
    let _ = recent;
}

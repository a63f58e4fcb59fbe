//! The statutory holes of issue 16, as stored, on both backends: a 补正 after its 7-working-day
//! notice deadline is refused and the case stays overdue; a case running into a year whose
//! holiday notice is not published gets a provisional (预估) deadline, stays on the lists, and is
//! recomputed (audited, the applicant told) when the year file is loaded; a reopening ordered by
//! a reconsideration decision starts a new reply period from the order.

use gongkai_core::calendar::Calendar;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::{Command, ReopenOrder};
use gongkai_files::BlobStore;
use gongkai_store::request::intake::{self, IntakeForm};
use gongkai_store::request::queries::{self, View};
use gongkai_store::request::query_key::QueryKey;
use gongkai_store::request::row::Request;
use gongkai_store::request::{ledger, notify, reminders, workflow};
use gongkai_store::{Actor, Db, Error, calendar};

on_both_backends!(
    a_clarification_after_its_notice_deadline_is_refused_and_the_case_stays_overdue,
    a_case_into_an_unpublished_year_is_provisional_listed_and_recomputed_when_the_year_is_loaded,
    a_reopening_starts_a_new_reply_period_from_the_order,
    the_office_is_reminded_once_a_day_and_told_of_a_supervision_order,
    each_handler_is_reminded_of_their_own_cases_and_the_office_of_the_rest,
    the_exported_ledger_reads_back_in_the_import,
    a_fee_notice_is_payable_in_twenty_working_days_and_the_wait_is_not_counted,
);

use crate::backends::{county, d};

/// A request posted on `posted` and signed for on `signed_for`, registered on `today`.
async fn posted(db: &Db, agency_id: i64, posted: &str, signed_for: &str, today: &str) -> i64 {
    let form = IntakeForm {
        channel: "post".into(),
        submitted_on: posted.into(),
        signed_for_on: signed_for.into(),
        applicant_type: "natural_person".into(),
        applicant_name: "张三".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002X".into(),
        email: "zhangsan@example.com".into(),
        description: "2024年青石镇安置补助发放名单".into(),
        form: "paper".into(),
        delivery: "post".into(),
        address: "浩县青石镇1号".into(),
        ..Default::default()
    };
    let intake = form.parse_registration(d(today)).unwrap_or_else(|e| panic!("{e:?}"));
    let key = QueryKey::from_hex(&"5a".repeat(32)).unwrap();
    intake::submit(db, &BlobStore::in_memory(), &Actor::Cli, agency_id, intake, Vec::new(), &key).await.unwrap().id
}

async fn step(db: &Db, id: i64, command: Command, today: &str) -> Result<Request, Error> {
    workflow::transition(db, &Actor::Cli, "王主任", id, &command, d(today)).await
}

async fn a_clarification_after_its_notice_deadline_is_refused_and_the_case_stays_overdue(db: Db) {
    let agency = county(&db).await;
    // Signed for Fri 2025-09-26: notice due 2025-10-13, reply due 2025-10-30.
    let id = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await;
    step(&db, id, Command::Assign { handler: "李四".into(), on: d("2025-09-29") }, "2025-09-29").await.unwrap();
    let late = Command::RequestClarification {
        on: d("2026-06-26"),
        matters: "请说明所需文件的年份".into(),
        reply_by: d("2026-07-10"),
    };
    let refused = step(&db, id, late, "2026-06-30").await.unwrap_err();
    let Error::Invalid(fields) = refused else { panic!("{refused:?}") };
    assert_eq!(fields.0[0].field, "on");
    assert!(fields.0[0].message.contains("本申请的告知期限为2025年10月13日"), "{fields:?}");
    let r = queries::get(&db, id).await.unwrap();
    assert_eq!((r.status.as_str(), r.reply_due), ("processing", Some(d("2025-10-30"))), "nothing changed");
    let overdue =
        queries::list(&db, &Calendar::embedded(), agency.id, View::Overdue, d("2026-06-30"), 10).await.unwrap();
    assert_eq!(overdue.iter().map(|r| r.id).collect::<Vec<_>>(), [id], "still overdue, still supervised");
    // On its last day the notice is still in time.
    let in_time =
        Command::RequestClarification {
            on: d("2025-10-13"), matters: "请说明年份".into(), reply_by: d("2025-10-27")
        };
    assert_eq!(step(&db, id, in_time, "2025-10-13").await.unwrap().status.as_str(), "clarifying");
}

/// A hypothetical 2027 notice: 1–3 January off, and 4 January too.
const YEAR_2027: &str = r#"{"year": 2027, "papers": ["测试用：假设的2027年通知"], "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-04", "isOffDay": true}]}"#;

async fn a_case_into_an_unpublished_year_is_provisional_listed_and_recomputed_when_the_year_is_loaded(db: Db) {
    let agency = county(&db).await;
    // Signed for Sun 2026-12-20: 20 working days end on Mon 2027-01-18 with 元旦 estimated.
    let id = posted(&db, agency.id, "2026-12-18", "2026-12-20", "2026-12-21").await;
    let r = queries::get(&db, id).await.unwrap();
    assert_eq!((r.reply_due, r.deadline_provisional), (Some(d("2027-01-18")), true));
    assert_eq!(r.clarification_notice_due, Some(d("2026-12-29")));
    assert_eq!(r.provisional_mark(), "（预估）");
    let cal = Calendar::embedded();
    let soon = queries::list(&db, &cal, agency.id, View::DueSoon, d("2026-12-31"), 10).await.unwrap();
    assert!(soon.is_empty(), "not due within 3 working days of 12-31");
    let overdue = queries::list(&db, &cal, agency.id, View::Overdue, d("2027-01-19"), 10).await.unwrap();
    assert_eq!(overdue.iter().map(|r| r.id).collect::<Vec<_>>(), [id], "on the overdue list");
    let before_notices = notify::pending(&db, 100).await.unwrap().len();

    calendar::load_year(&db, &Actor::Cli, YEAR_2027).await.unwrap();
    let recomputed = workflow::recompute_provisional(&db, &Actor::Cli).await.unwrap();
    assert_eq!(recomputed.len(), 1);
    assert_eq!((recomputed[0].before, recomputed[0].after), (Some(d("2027-01-18")), Some(d("2027-01-19"))));
    let r = queries::get(&db, id).await.unwrap();
    assert_eq!((r.reply_due, r.deadline_provisional), (Some(d("2027-01-19")), false));
    let notices = notify::pending(&db, 100).await.unwrap();
    assert_eq!(notices.len(), before_notices + 1, "the applicant is told");
    assert!(notices.iter().any(|n| n.body.contains("由2027年1月18日调整为2027年1月19日")), "{notices:?}");
    let audited: i64 = sqlx::query_scalar(
        "select cast(count(*) as bigint) from audit_log where entity = 'request' and action = 'recompute_deadline'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 1);
    // Nothing provisional is left: a second run does nothing.
    assert!(workflow::recompute_provisional(&db, &Actor::Cli).await.unwrap().is_empty());
}

async fn a_reopening_starts_a_new_reply_period_from_the_order(db: Db) {
    let agency = county(&db).await;
    let id = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await;
    step(&db, id, Command::Assign { handler: "李四".into(), on: d("2025-09-29") }, "2025-09-29").await.unwrap();
    let decide = Command::Decide {
        outcome: Outcome::WithheldThirdPartyRights,
        on: d("2025-10-20"),
        basis: "条例第十五条".into(),
        reasons: "涉及第三方个人信息".into(),
        responsible_agency: None,
    };
    step(&db, id, decide, "2025-10-20").await.unwrap();
    step(&db, id, Command::Deliver { on: d("2025-10-21"), method: "邮寄".into() }, "2025-10-21").await.unwrap();
    let reopen = Command::Reopen {
        on: d("2025-12-01"),
        order: ReopenOrder::Reconsideration,
        document_number: "浩政复决〔2025〕12号".into(),
        reason: "复议决定撤销原答复，责令重新答复".into(),
        reply_workdays: None,
    };
    let r = step(&db, id, reopen, "2025-12-02").await.unwrap();
    // Mon 12-01 + 20 working days = Mon 12-29; the old 10-30 no longer applies.
    assert_eq!((r.status.as_str(), r.reply_due), ("processing", Some(d("2025-12-29"))));
    assert!(!r.is_overdue(&d("2025-12-02")));
    assert_eq!(r.clarification_notice_due, None);
    let overdue =
        queries::list(&db, &Calendar::embedded(), agency.id, View::Overdue, d("2025-12-02"), 10).await.unwrap();
    assert!(overdue.is_empty(), "not overdue at once");
    // A new extension is lawful within the new period.
    let extend = Command::Extend { days: 10, reason: "需重新征求第三方意见".into(), on: d("2025-12-10") };
    let r = step(&db, id, extend, "2025-12-10").await.unwrap();
    assert_eq!(r.reply_due, Some(d("2026-01-13")));
}

async fn each_handler_is_reminded_of_their_own_cases_and_the_office_of_the_rest(db: Db) {
    use gongkai_store::staff::{self, StaffForm};
    let agency = county(&db).await;
    let account = |user: &str, name: &str| StaffForm {
        username: user.into(),
        display_name: name.into(),
        roles: vec!["handler".into()],
        ..Default::default()
    };
    let li = staff::create(&db, &Actor::Cli, agency.id, account("lisi", "李四").parse().unwrap(), "long password 123")
        .await
        .unwrap();
    let wang =
        staff::create(&db, &Actor::Cli, agency.id, account("wangwu", "王五").parse().unwrap(), "long password 456")
            .await
            .unwrap();
    let late = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await; // due 2025-10-30
    let soon = posted(&db, agency.id, "2025-10-01", "2025-10-09", "2025-10-09").await; // due 2025-11-05
    let nobody = posted(&db, agency.id, "2025-10-01", "2025-10-09", "2025-10-09").await; // due 2025-11-05
    let outsider = posted(&db, agency.id, "2025-10-01", "2025-10-09", "2025-10-09").await; // due 2025-11-05
    for id in [late, soon] {
        step(&db, id, Command::Assign { handler: "李四".into(), on: d("2025-10-10") }, "2025-10-10").await.unwrap();
    }
    // A handler without an account of this agency: the office answers for the case.
    let assign = Command::Assign { handler: "外借人员".into(), on: d("2025-10-10") };
    step(&db, outsider, assign, "2025-10-10").await.unwrap();
    let code = |id| {
        let db = db.clone();
        async move { queries::get(&db, id).await.unwrap().tracking_code }
    };
    let (late, soon, nobody, outsider) = (code(late).await, code(soon).await, code(nobody).await, code(outsider).await);

    assert_eq!(reminders::queue_daily(&db, d("2025-11-03")).await.unwrap(), 2, "李四 and the office; 王五 has none");
    let all = notify::pending(&db, 100).await.unwrap();
    let to = |r: notify::Recipient| all.iter().filter(|n| n.recipient == r).collect::<Vec<_>>();
    assert!(to(notify::Recipient::Staff(wang.id)).is_empty());
    let mine = to(notify::Recipient::Staff(li.id));
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].subject, "依申请公开提醒：1件即将到期，1件已超期");
    assert!(mine[0].body.contains(&format!("{soon}（答复期限2025年11月5日）")), "{}", mine[0].body);
    assert!(mine[0].body.contains(&format!("{late}（答复期限2025年10月30日）")), "{}", mine[0].body);
    assert!(!mine[0].body.contains(&nobody) && !mine[0].body.contains(&outsider), "{}", mine[0].body);
    let office = to(notify::Recipient::Agency(agency.id));
    let office = office.last().unwrap();
    assert_eq!(office.subject, "依申请公开提醒：2件即将到期，1件已超期");
    assert!(office.body.contains(&nobody) && office.body.contains(&outsider), "{}", office.body);
    assert!(office.body.contains(&format!("已超过答复期限1件，请办公室负责人督促办理：\n  {late}")), "{}", office.body);
    assert!(!office.body.contains(&soon), "李四's due-soon case is his: {}", office.body);

    // The console lists a member's own reminders, named.
    let listed = notify::of_staff(&db, li.id, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].recipient_label(), "李四（依申请经办）");
    assert!(notify::of_staff(&db, wang.id, 10).await.unwrap().is_empty());
}

async fn the_office_is_reminded_once_a_day_and_told_of_a_supervision_order(db: Db) {
    let agency = county(&db).await;
    let late = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await; // due 2025-10-30
    let soon = posted(&db, agency.id, "2025-10-01", "2025-10-09", "2025-10-09").await; // due 2025-11-05
    let decided = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await;
    step(&db, decided, Command::Assign { handler: "李四".into(), on: d("2025-09-29") }, "2025-09-29").await.unwrap();
    let decide = Command::Decide {
        outcome: Outcome::Granted,
        on: d("2025-10-10"),
        basis: "条例第三十六条".into(),
        reasons: String::new(),
        responsible_agency: None,
    };
    step(&db, decided, decide, "2025-10-10").await.unwrap();
    let agency_notes = |all: Vec<notify::Notification>| -> Vec<notify::Notification> {
        all.into_iter().filter(|n| n.recipient == notify::Recipient::Agency(agency.id)).collect()
    };
    let before = agency_notes(notify::pending(&db, 100).await.unwrap()).len();

    assert_eq!(reminders::queue_daily(&db, d("2025-11-03")).await.unwrap(), 1);
    assert_eq!(reminders::queue_daily(&db, d("2025-11-03")).await.unwrap(), 0, "once a day, whichever node");
    let notes = agency_notes(notify::pending(&db, 100).await.unwrap());
    assert_eq!(notes.len(), before + 1);
    let reminder = notes.last().unwrap();
    assert_eq!(reminder.subject, "依申请公开提醒：1件即将到期，1件已超期");
    let late_code = queries::get(&db, late).await.unwrap().tracking_code;
    let soon_code = queries::get(&db, soon).await.unwrap().tracking_code;
    let decided_code = queries::get(&db, decided).await.unwrap().tracking_code;
    assert!(reminder.body.contains(&format!("{late_code}（答复期限2025年10月30日）")), "{}", reminder.body);
    assert!(reminder.body.contains(&format!("{soon_code}（答复期限2025年11月5日）")), "{}", reminder.body);
    assert!(!reminder.body.contains(&decided_code), "a decided request is not listed");
    assert!(reminder.body.contains("请办公室负责人督促办理"));
    assert_eq!(reminders::queue_daily(&db, d("2025-11-04")).await.unwrap(), 1, "the next day again");

    let order = Command::Supervise { on: d("2025-11-04"), note: "请于本周内答复".into() };
    step(&db, late, order, "2025-11-04").await.unwrap();
    let notes = agency_notes(notify::pending(&db, 100).await.unwrap());
    let told = notes.last().unwrap();
    assert_eq!(told.subject, "收到督办");
    assert!(told.body.contains("王主任的督办意见：请于本周内答复"), "{}", told.body);
}

async fn the_exported_ledger_reads_back_in_the_import(db: Db) {
    let agency = county(&db).await;
    let decided = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await;
    step(&db, decided, Command::Assign { handler: "李四".into(), on: d("2025-09-29") }, "2025-09-29").await.unwrap();
    let decide = Command::Decide {
        outcome: Outcome::UnableNotHeld,
        on: d("2025-10-10"),
        basis: "条例第三十六条".into(),
        reasons: "本机关未制作".into(),
        responsible_agency: None,
    };
    step(&db, decided, decide, "2025-10-10").await.unwrap();
    posted(&db, agency.id, "2025-10-01", "2025-10-09", "2025-10-09").await;
    let lines = ledger::export(&db, agency.id).await.unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0].closed.as_deref(), lines[0].outcome.as_deref()),
        (Some("2025-10-10"), Some("unable.not_held"))
    );
    assert_eq!((lines[1].closed.as_deref(), lines[1].outcome.as_deref()), (None, None));
    let csv = String::from_utf8(ledger::to_csv(&lines)).unwrap();
    let back = ledger::read_csv(&csv);
    assert_eq!(back.len(), 2);
    for ((_, read), written) in back.iter().zip(&lines) {
        let read = read.as_ref().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (&read.source_id, &read.received, &read.applicant_type, &read.closed, &read.outcome),
            (&written.source_id, &written.received, &written.applicant_type, &written.closed, &written.outcome)
        );
    }
    // The import takes every line (its source ids are the tracking codes), once.
    let summary = ledger::import(&db, &Actor::Cli, agency.id, back, |_| {}).await.unwrap();
    assert_eq!((summary.imported, summary.errors.len()), (2, 0), "{:?}", summary.errors);
    let again = ledger::import(&db, &Actor::Cli, agency.id, ledger::read_csv(&csv), |_| {}).await.unwrap();
    assert_eq!((again.imported, again.already_present), (0, 2));
}

async fn a_fee_notice_is_payable_in_twenty_working_days_and_the_wait_is_not_counted(db: Db) {
    let agency = county(&db).await;
    // Signed for Fri 2025-09-26: 20 working days end Thu 10-30 (Sun 09-28 and Sat 10-11 are
    // 调休 working days; 10-01…10-08 the National Day holiday).
    let id = posted(&db, agency.id, "2025-09-24", "2025-09-26", "2025-09-26").await;
    step(&db, id, Command::Assign { handler: "李四".into(), on: d("2025-09-29") }, "2025-09-29").await.unwrap();
    assert_eq!(queries::get(&db, id).await.unwrap().reply_due, Some(d("2025-10-30")));
    let notice = |pay_by: Option<&str>| Command::IssueFeeNotice {
        amount_yuan: 700,
        explanation: "按量计收：共100页".into(),
        payment_method: "到政务服务中心窗口缴纳".into(),
        on: d("2025-10-09"),
        pay_by: pay_by.map(d),
    };
    // Notice on Thu 10-09: the 20th working day after it is Wed 11-05 (10-11 counts).
    let short = step(&db, id, notice(Some("2025-11-04")), "2025-10-09").await.unwrap_err();
    assert!(format!("{short:?}").contains("不得早于2025-11-05"), "{short:?}");
    let r = step(&db, id, notice(None), "2025-10-09").await.unwrap();
    // Unpaid, the clock stands from 10-10 to the last day to pay: 4 days had run by 10-09, the
    // other 16 run 11-06 … 11-27.
    assert_eq!((r.status.as_str(), r.reply_due), ("awaiting_payment", Some(d("2025-11-27"))));
    // Paid on Thu 10-16: 10-10, 10-11, 10-13 … 10-16 (six working days) are not counted.
    let r = step(&db, id, Command::RecordPayment { on: d("2025-10-16") }, "2025-10-16").await.unwrap();
    assert_eq!((r.status.as_str(), r.reply_due), ("processing", Some(d("2025-11-07"))));
    let mail: Vec<(String, String)> =
        sqlx::query_as("select subject, body from notifications where recipient = 'zhangsan@example.com' order by id")
            .fetch_all(db.reader())
            .await
            .unwrap();
    let (_, body) = mail.iter().find(|(s, _)| s.ends_with("信息处理费收费通知")).expect("the applicant is told");
    assert!(body.contains("2025年11月5日前缴纳，缴纳方式：到政务服务中心窗口缴纳"), "{body}");
}

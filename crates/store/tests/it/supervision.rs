//! Supervision over a subtree, on both backends: a county sees its township and department and
//! never a neighbouring county; a township sees only itself; the month's figures (open, overdue,
//! answered late, items beyond Art. 26, stale and empty columns, overdue enquiries, missing
//! reports) come from the records, and so do the monthly series and the drill-down lists.

use gongkai_core::agency::credit_code::check_character;
use gongkai_core::supervision::{Month, ReportStatus, Rules};
use gongkai_store::agency::{self, Agency, AgencyForm};
use gongkai_store::catalogue::import as items;
use gongkai_store::request::ledger::{self, LedgerLine};
use gongkai_store::request::messages::{self, MessageForm};
use gongkai_store::supervision::{self, lists, series};
use gongkai_store::{Actor, Db};

on_both_backends!(a_subtree_is_judged_from_its_records_and_nothing_outside_it,);

use crate::backends::d;

async fn agency(db: &Db, parent: Option<i64>, name: &str, level: &str, body: &str) -> Agency {
    let code = format!("{}{}", &body[..17], check_character(&body.as_bytes()[..17]).unwrap());
    let form = AgencyForm { name: name.into(), level: level.into(), credit_code: code, ..Default::default() };
    agency::create(db, &Actor::Cli, parent, form.parse().unwrap()).await.unwrap()
}

/// Items given as `(source, category, formed, published)`.
async fn publish(db: &Db, agency_id: i64, lines: &[(&str, &str, &str, &str)]) {
    let text: String = lines
        .iter()
        .map(|(id, category, formed, published)| {
            serde_json::json!({"source_id": id, "title": format!("{id}号文件"), "category": category, "formed": formed, "published": published}).to_string() + "\n"
        })
        .collect();
    let summary = items::import(
        db,
        None,
        &Actor::Cli,
        agency_id,
        items::read_jsonl(&text),
        std::path::Path::new("."),
        items::CleanRows::Publish,
        |_| {},
    )
    .await
    .unwrap();
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
}

/// Requests given as `(source, received, closed)`.
async fn requests(db: &Db, agency_id: i64, lines: &[(&str, &str, Option<&str>)]) {
    let lines = lines
        .iter()
        .enumerate()
        .map(|(n, (id, received, closed))| {
            let line = LedgerLine {
                source_id: (*id).into(),
                received: (*received).into(),
                channel: "online".into(),
                applicant_type: "natural_person".into(),
                applicant_name: "王某".into(),
                description: "政府信息".into(),
                closed: closed.map(Into::into),
                outcome: closed.map(|_| "granted".into()),
            };
            (n + 1, Ok(line))
        })
        .collect();
    let summary = ledger::import(db, &Actor::Cli, agency_id, lines, |_| {}).await.unwrap();
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
}

async fn enquiry(db: &Db, agency_id: i64, received_at: &str) {
    let form = MessageForm {
        kind: "enquiry".into(),
        name: "李某".into(),
        content: "咨询公开事项".into(),
        ..Default::default()
    };
    let id = messages::create(db, &Actor::Public, agency_id, "浩县人民政府", &form).await.unwrap().id;
    let mut tx = db.begin().await.unwrap();
    sqlx::query("update messages set received_at = $1 where id = $2")
        .bind(received_at)
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn a_subtree_is_judged_from_its_records_and_nothing_outside_it(db: Db) {
    let county = agency(&db, None, "浩县人民政府", "county", "115100000000000010").await;
    let township = agency(&db, Some(county.id), "浩口乡人民政府", "township", "115100000000000020").await;
    let bureau = agency(&db, Some(county.id), "浩县财政局", "department", "115100000000000030").await;
    let neighbour = agency(&db, None, "邻县人民政府", "county", "115100000000000040").await;

    // Township: a policy document of 15 May (stale by 22 November: 6 months), one October item
    // formed in August (beyond 20 working days), one on time; the neighbour: a late item too.
    publish(
        &db,
        township.id,
        &[
            ("t1", "art20.1", "2026-05-14", "2026-05-15"),
            ("t2", "art20.5", "2026-08-03", "2026-10-12"),
            ("t3", "art20.5", "2026-10-09", "2026-10-13"),
        ],
    )
    .await;
    publish(&db, neighbour.id, &[("n1", "art20.1", "2026-06-01", "2026-10-20")]).await;
    // Township: one answered in October after its deadline, one received in October still open.
    requests(&db, township.id, &[("r1", "2026-08-03", Some("2026-10-20")), ("r2", "2026-10-09", None)]).await;
    requests(&db, bureau.id, &[("b1", "2026-10-10", Some("2026-10-16"))]).await;
    requests(&db, neighbour.id, &[("n1", "2026-06-01", None)]).await;
    enquiry(&db, township.id, "2026-07-01T02:00:00Z").await; // unanswered for more than 3 months by 22 November
    enquiry(&db, neighbour.id, "2026-05-01T02:00:00Z").await;

    let rules = Rules::default();
    let calendar = gongkai_store::calendar::national(&db).await.unwrap();
    let today = d("2026-11-22");
    let october = Month::parse("2026-10").unwrap();

    let view = supervision::overview(&db, &calendar, &county, october, today, &rules).await.unwrap();
    assert_eq!(view.as_of, d("2026-10-31"));
    let names: Vec<&str> = view.units.iter().map(|u| u.agency.name.as_str()).collect();
    assert_eq!(names, ["浩县人民政府", "浩口乡人民政府", "浩县财政局"], "the neighbour is outside the county's scope");
    let t = &view.units[1].figures;
    assert_eq!((t.items_published, t.items_late), (2, 1));
    assert_eq!((t.requests_closed, t.requests_closed_late), (1, 1));
    assert_eq!(
        (t.requests_open, t.requests_overdue),
        (1, 0),
        "on 31 October the October request is open, not yet overdue"
    );
    assert!(t.stale_columns.is_empty(), "15 May is within 6 months of 31 October");
    assert!(
        t.empty_columns.iter().any(|(k, _)| k == "art20.7") && !t.empty_columns.iter().any(|(k, _)| k == "art20.5")
    );
    assert_eq!(t.enquiries_overdue, 1);
    assert_eq!(t.report, ReportStatus::Missing { due: d("2026-01-31") });
    let b = &view.units[2].figures;
    assert_eq!((b.requests_closed, b.requests_closed_late, b.items_published), (1, 0, 0));
    let rows = view.rows();
    assert_eq!(rows.len(), 3, "the root and one row per child");
    let totals = gongkai_core::supervision::figures::Totals::of(view.units.iter().map(|u| &u.figures));
    assert_eq!(
        (totals.items_late, totals.requests_closed, totals.enquiries_overdue),
        (1, 2, 1),
        "nothing of the neighbour is counted"
    );

    // November, judged today: the October request is now overdue and the May policy column stale.
    let november =
        supervision::overview(&db, &calendar, &county, Month::parse("2026-11").unwrap(), today, &rules).await.unwrap();
    let t = &november.units[1].figures;
    assert_eq!((t.requests_open, t.requests_overdue), (1, 1));
    assert_eq!(t.stale_columns.iter().map(|c| c.name).collect::<Vec<_>>(), ["法规文件"]);

    // The other direction: the township's scope holds only itself.
    let own = supervision::overview(&db, &calendar, &township, october, today, &rules).await.unwrap();
    assert_eq!(own.units.iter().map(|u| u.agency.id).collect::<Vec<_>>(), [township.id]);

    // A month not begun is refused by field.
    let e = supervision::overview(&db, &calendar, &county, Month::parse("2026-12").unwrap(), today, &rules)
        .await
        .unwrap_err();
    assert!(e.into_field_errors().0[0].message.contains("2026年12月尚未开始"));

    // Drill-down lists hold exactly the records behind the figures.
    let soon = calendar.add_workdays(view.as_of, rules.due_soon_workdays).unwrap();
    let late = lists::requests(
        &db,
        &county,
        supervision::Reach::Subtree,
        lists::RequestFigure::ClosedLate,
        october,
        view.as_of,
        soon,
    )
    .await
    .unwrap();
    assert_eq!(late.iter().map(|r| r.agency_name.as_str()).collect::<Vec<_>>(), ["浩口乡人民政府"]);
    let overdue_now = lists::requests(
        &db,
        &county,
        supervision::Reach::Subtree,
        lists::RequestFigure::Overdue,
        Month::parse("2026-11").unwrap(),
        today,
        today,
    )
    .await
    .unwrap();
    assert_eq!(overdue_now.len(), 1, "the neighbour's overdue request is not listed");
    let late_items =
        lists::items(&db, &county, supervision::Reach::Subtree, lists::ItemFigure::Late, october, view.as_of, &rules)
            .await
            .unwrap();
    assert_eq!(late_items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["t2号文件"]);
    assert!(late_items[0].publish_workdays.unwrap() > 20);
    let enquiries = lists::overdue_enquiries(&db, &county, supervision::Reach::Subtree, today, &rules).await.unwrap();
    assert_eq!(enquiries.iter().map(|e| e.agency_id).collect::<Vec<_>>(), [township.id]);
    let own = lists::overdue_enquiries(&db, &county, supervision::Reach::Own, today, &rules).await.unwrap();
    assert!(own.is_empty(), "the county itself has no enquiries; its township's are not its own");
    let own = lists::requests(
        &db,
        &township,
        supervision::Reach::Own,
        lists::RequestFigure::ClosedLate,
        october,
        view.as_of,
        soon,
    )
    .await
    .unwrap();
    assert_eq!(own.len(), 1);

    // Monthly series for the charts.
    let months = october.trailing(3);
    let monthly = series::monthly(&db, &county, &months, rules.publish_workdays).await.unwrap();
    let oct = &monthly[2].1;
    assert_eq!(
        (oct.answered_total(), oct.answered[0], oct.answered_late, oct.items_published, oct.items_late),
        (2, 2, 1, 2, 1)
    );
    assert_eq!(monthly[0].1, series::MonthFigures::default(), "August: nothing answered or published");
}

//! The supervision dashboard in the console: a county supervisor sees the county, its
//! department and townships with their figures, follows a figure to the records behind it, and
//! downloads the monthly notice; nobody sees a dashboard above or beside their own agency, and
//! staff without the supervisor or admin role see none.

use crate::support::{TestApp, agency_form};
use gongkai_core::supervision::Month;
use gongkai_store::Actor;
use gongkai_store::agency;
use gongkai_store::catalogue::import as items;
use gongkai_store::request::ledger::{self, LedgerLine};
use gongkai_store::timestamp::today_in_china;
use reqwest::StatusCode;

/// An item formed 60 days ago and published today (beyond 20 working days), and a request
/// received 60 days ago and not answered (overdue), for the agency `key`.
async fn late_work(app: &TestApp, key: &str) -> String {
    let agency_id = app.agencies[key].id;
    let today = today_in_china();
    let formed = today - time::Duration::days(60);
    let line = serde_json::json!({"source_id": format!("{key}-1"), "title": format!("{key}迟发文件"), "category": "art20.5", "formed": formed.to_string(), "published": today.to_string()});
    let summary = items::import(
        &app.db,
        None,
        &Actor::Cli,
        agency_id,
        items::read_jsonl(&format!("{line}\n")),
        std::path::Path::new("."),
        items::CleanRows::Publish,
        |_| {},
    )
    .await
    .unwrap();
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    let request = LedgerLine {
        source_id: format!("{key}-r1"),
        received: formed.to_string(),
        channel: "online".into(),
        applicant_type: "natural_person".into(),
        applicant_name: "王某".into(),
        description: "政府信息".into(),
        closed: None,
        outcome: None,
    };
    let summary = ledger::import(&app.db, &Actor::Cli, agency_id, vec![(1, Ok(request))], |_| {}).await.unwrap();
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    sqlx::query_scalar("select tracking_code from requests where agency_id = $1")
        .bind(agency_id)
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

async fn app_with_neighbour() -> TestApp {
    let mut app = TestApp::county().await;
    let n = agency::create(&app.db, &Actor::Cli, None, agency_form("邻县人民政府", "county", 9).parse().unwrap())
        .await
        .unwrap();
    app.agencies.insert("N", n);
    app.add_staff("n_supervisor", "N", &["supervisor"]).await;
    app.add_staff("t1_supervisor", "T1", &["supervisor"]).await;
    app
}

crate::stories! {
    async fn a_supervisor_sees_the_subtree_and_drills_down_to_the_records() {
        let app = app_with_neighbour().await;
        let t1_code = late_work(&app, "T1").await;
        let n_code = late_work(&app, "N").await;
        let (c, t1) = (app.agencies["C"].id, app.agencies["T1"].id);
        let month = Month::of(today_in_china());

        let sup = app.login("c_supervisor").await;
        let response = sup.get("/admin/supervision").await;
        assert!(response.status().is_redirection());
        assert_eq!(
            response.headers()["location"],
            format!("/admin/agencies/{c}/supervision").as_str(),
            "the menu entry opens the viewer's own agency"
        );
        let page = sup.get(&format!("/admin/agencies/{c}/supervision")).await.text().await.unwrap();
        for name in ["浩县人民政府（本级）", "浩县财政局", "浩口乡人民政府", "石门镇人民政府", "合计"]
        {
            assert!(page.contains(name), "{name} on the dashboard");
        }
        assert!(!page.contains("邻县"), "a neighbouring county is outside the scope");
        assert!(page.contains("role=\"img\"") && page.matches("<svg viewBox").count() == 3, "three server-side charts");
        assert!(
            page.contains("数据表") && page.contains("<th scope=\"col\">予以公开</th>"),
            "the numbers beside each chart"
        );
        assert!(page.contains("第二十六条"), "the rules applied are shown");
        let today = today_in_china();
        assert!(
            page.contains(&format!("（截至{}年{}月{}日）", today.year(), today.month() as u8, today.day())),
            "the day judged on, as people write it"
        );

        // The township's overdue figure is 1 and links to its list; the list names its request only.
        let overdue = format!("/admin/agencies/{t1}/supervision/overdue?month={month}");
        let cell = format!("<td class=\"alert\"><a href=\"{overdue}\">1</a></td>");
        assert!(page.contains(&cell), "{cell} in the township's row");
        let list = sup.get(&overdue).await.text().await.unwrap();
        assert!(list.contains(&t1_code) && !list.contains(&n_code), "the township's request, not the neighbour's");
        assert!(list.contains("/admin/requests/"), "each request links to its page");
        let late =
            sup.get(&format!("/admin/agencies/{c}/supervision/late_items?month={month}")).await.text().await.unwrap();
        assert!(late.contains("T1迟发文件") && !late.contains("N迟发文件"), "late items of the subtree only");
        let own =
            sup.get(&format!("/admin/agencies/{c}/supervision/late_items?month={month}&own=1")).await.text().await.unwrap();
        assert!(!own.contains("T1迟发文件") && own.contains("（本级）"), "the county's own row lists its own items only");
        let empty =
            sup.get(&format!("/admin/agencies/{c}/supervision/empty_columns?month={month}")).await.text().await.unwrap();
        assert!(empty.contains("石门镇人民政府") && empty.contains("财政预决算"), "empty columns per agency");

        // A bad month is refused by field; an unknown figure is not found.
        let bad = sup.get(&format!("/admin/agencies/{c}/supervision?month=2026-13")).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains("月份"));
        assert_eq!(sup.get(&format!("/admin/agencies/{c}/supervision/nothing")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn nobody_sees_a_dashboard_above_or_beside_their_agency() {
        let app = app_with_neighbour().await;
        let (c, t1, n) = (app.agencies["C"].id, app.agencies["T1"].id, app.agencies["N"].id);
        let paths = |id: i64| {
            [
                format!("/admin/agencies/{id}/supervision"),
                format!("/admin/agencies/{id}/supervision/overdue"),
                format!("/admin/agencies/{id}/supervision/notice/pdf"),
            ]
        };

        let county = app.login("c_supervisor").await;
        for path in paths(n) {
            assert_eq!(county.get(&path).await.status(), StatusCode::FORBIDDEN, "county supervisor → neighbour: {path}");
        }
        assert_eq!(county.get(&paths(t1)[0]).await.status(), StatusCode::OK, "county supervisor → its township");

        let neighbour = app.login("n_supervisor").await;
        for path in paths(c) {
            assert_eq!(neighbour.get(&path).await.status(), StatusCode::FORBIDDEN, "neighbour supervisor → county: {path}");
        }

        let township = app.login("t1_supervisor").await;
        assert_eq!(township.get(&paths(t1)[0]).await.status(), StatusCode::OK, "township supervisor → itself");
        for path in paths(c) {
            assert_eq!(
                township.get(&path).await.status(),
                StatusCode::FORBIDDEN,
                "township supervisor → its county above: {path}"
            );
        }
        let page = township.get(&paths(t1)[0]).await.text().await.unwrap();
        assert!(!page.contains("浩县财政局") && !page.contains("石门镇"), "a township's dashboard holds only itself");

        for key in ["t1_handler", "c_drafter"] {
            let staff = app.login(key).await;
            let own = app.staff[key].agency_id;
            assert_eq!(staff.get(&paths(own)[0]).await.status(), StatusCode::FORBIDDEN, "{key} has no supervision role");
        }
        let admin = app.login("t1_admin").await;
        assert_eq!(admin.get(&paths(t1)[0]).await.status(), StatusCode::OK, "an admin supervises its own agency");
    }

    async fn the_monthly_notice_downloads_as_word_and_pdf() {
        let app = app_with_neighbour().await;
        late_work(&app, "T1").await;
        let c = app.agencies["C"].id;
        let sup = app.login("c_supervisor").await;
        let page = sup.get(&format!("/admin/agencies/{c}/supervision")).await.text().await.unwrap();
        let month = Month::of(today_in_china());
        for (format, magic, kind) in [("docx", &b"PK"[..], "wordprocessingml"), ("pdf", &b"%PDF"[..], "application/pdf")] {
            let href = format!("/admin/agencies/{c}/supervision/notice/{format}?month={month}");
            assert!(page.contains(&href), "the dashboard offers {href}");
            let response = sup.get(&href).await;
            assert_eq!(response.status(), StatusCode::OK, "{format}");
            let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(content_type.contains(kind), "{content_type}");
            let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
            assert!(disposition.contains("attachment"), "{disposition}");
            let bytes = response.bytes().await.unwrap();
            assert!(bytes.starts_with(magic), "{format} starts with its signature");
        }
    }
}

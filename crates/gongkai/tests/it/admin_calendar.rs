//! The calendar page: the deadline calculator with its explanation, local overrides down the
//! tree, loading a year file, and who may do which.

use crate::support::TestApp;
use gongkai_core::calendar::Calendar;
use reqwest::StatusCode;

crate::stories! {
    async fn the_calculator_explains_a_deadline_across_national_day() {
        let app = TestApp::county().await;
        let handler = app.login("t1_handler").await;
        let page = handler.get("/admin/calendar?received=2025-09-26").await.text().await.unwrap();
        assert!(page.contains("<dt>补正告知截止</dt><dd>2025-10-13</dd>"), "{page}");
        assert!(page.contains("<dt>答复截止</dt><dd>2025-10-30</dd>"));
        assert!(page.contains("调休上班"), "the make-up Sunday 09-28 is explained");
        let bad = handler.get("/admin/calendar?received=2025-13-01").await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains("收到申请日期应为有效的"));
        let uncovered = handler.get("/admin/calendar?received=2027-03-01").await.text().await.unwrap();
        assert!(uncovered.contains("（预估）"), "into the unpublished 2027: a provisional date, marked");
    }

    async fn the_calculator_takes_a_clarification_a_consultation_and_an_extension() {
        use gongkai_core::request::deadline;
        let app = TestApp::county().await;
        let handler = app.login("t1_handler").await;
        let query = "received=2025-09-26&clarification_requested=2025-09-30&clarification_received=2025-10-15\
                     &consultation_start=2025-10-20&consultation_end=2025-11-03&extension=5";
        let page = handler.get(&format!("/admin/calendar?{query}")).await.text().await.unwrap();
        let case = r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-30","received":"2025-10-15"},
            "consultations":[{"start":"2025-10-20","end":"2025-11-03"}],"extension_days":5}"#;
        let expected = deadline::from_json(&Calendar::embedded(), case).unwrap();
        let due = gongkai_core::calendar::iso_date::format(expected.reply_due);
        assert!(page.contains(&format!("<dt>答复截止</dt><dd>{due}</dd>")), "{page}");
        assert!(page.contains("征求意见期间"), "the paused days are explained");
        assert!(page.contains("21（延长期第1个）"), "the extension is marked where it begins");
        let half = handler.get("/admin/calendar?received=2025-09-26&clarification_requested=2025-09-30").await;
        assert_eq!(half.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(half.text().await.unwrap().contains("告知补正日期和收到补正日期须同时填写"));
    }

    async fn a_township_override_moves_its_own_deadlines_only() {
        let app = TestApp::county().await;
        let t1 = app.login("t1_admin").await;
        let r = t1
            .post(
                "/admin/calendar/overrides",
                &[
                    ("date", "2025-10-13"),
                    ("kind", "extra_off_day"),
                    ("reason", "台风停工"),
                    ("ordered_by", "浩口乡人民政府 浩乡发〔2025〕9号"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let own = t1.get("/admin/calendar?received=2025-09-26").await.text().await.unwrap();
        assert!(own.contains("<dt>答复截止</dt><dd>2025-10-31</dd>"), "one more day for the township");
        assert!(own.contains("台风停工"));
        let county = app.login("c_admin").await.get("/admin/calendar?received=2025-09-26").await.text().await.unwrap();
        assert!(county.contains("<dt>答复截止</dt><dd>2025-10-30</dd>"), "the county is not affected");
    }

    async fn invalid_overrides_are_refused_with_field_messages() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let before = app.audit_count().await;
        let r = admin
            .post("/admin/calendar/overrides", &[("date", "2025-02-30"), ("kind", "x"), ("reason", ""), ("ordered_by", "")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        for m in ["日期应为有效的", "请选择放假或上班", "事由不能为空", "决定机关及文件不能为空"]
        {
            assert!(page.contains(m), "{m}");
        }
        assert_eq!(app.audit_count().await, before);
    }

    async fn only_admins_change_the_calendar_and_only_a_root_admin_loads_a_year() {
        let app = TestApp::county().await;
        let form = [("date", "2025-07-16"), ("kind", "extra_off_day"), ("reason", "停工"), ("ordered_by", "某文件")];
        for actor in ["c_supervisor", "c_drafter", "t1_handler"] {
            let client = app.login(actor).await;
            let before = app.audit_count().await;
            assert_eq!(client.post("/admin/calendar/overrides", &form).await.status(), StatusCode::FORBIDDEN, "{actor}");
            assert_eq!(app.audit_count().await, before);
        }
        let year = r#"{"year":2027,"papers":["https://www.gov.cn/example"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#;
        assert_eq!(
            app.login("t1_admin").await.post("/admin/calendar/years", &[("year_file", year)]).await.status(),
            StatusCode::FORBIDDEN
        );
        let root = app.login("c_admin").await;
        let bad = root.post("/admin/calendar/years", &[("year_file", "{")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(root.post("/admin/calendar/years", &[("year_file", year)]).await.status(), StatusCode::SEE_OTHER);
        let page = root.get("/admin/calendar?received=2026-12-30").await.text().await.unwrap();
        assert!(page.contains("2027年（"), "listed as loaded");
        assert!(page.contains("<dt>答复截止</dt>"), "a deadline into 2027 can now be computed: {page}");
    }

    async fn the_console_warns_when_next_years_schedule_is_missing() {
        let app = TestApp::county().await;
        let today = gongkai_store::timestamp::today_in_china();
        let expected = Calendar::embedded().next_year_missing_warning(today);
        let home = app.login("t1_handler").await.get("/admin").await.text().await.unwrap();
        match expected {
            Some(year) => assert!(home.contains(&format!("{year}年的全国节假日安排尚未载入")), "{home}"),
            None => assert!(!home.contains("尚未载入")),
        }
    }
}

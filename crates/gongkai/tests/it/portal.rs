//! The public portal shell, the JSON API and the operations endpoints.

use crate::support::TestApp;
use reqwest::StatusCode;

crate::stories! {
    async fn the_site_home_lists_every_agency_without_a_session() {
        let app = TestApp::county().await;
        let r = app.client().get("/").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers().get("set-cookie").is_none(), "portal pages never create a session");
        assert_eq!(r.headers()["cache-control"], "public, max-age=60");
        let page = r.text().await.unwrap();
        for name in ["浩县人民政府", "浩县财政局", "浩口乡人民政府", "石门镇人民政府"] {
            assert!(page.contains(name), "{name}");
        }
    }

    async fn the_disclosure_guide_is_rendered_from_the_agencys_data() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let t1 = &app.agencies["T1"];
        let form = [
            ("name", t1.name.as_str()),
            ("level", "township"),
            ("credit_code", t1.credit_code.as_str()),
            ("address", "浩口乡场镇街28号"),
            ("office_hours", "工作日9:00—17:30"),
            ("phone", "023-7756 3101"),
            ("fax", "023-7756 3102"),
            ("email", "gk@haokou.example.gov.cn"),
            ("postcode", "408501"),
            ("site_code", "5002330015"),
        ];
        assert_eq!(admin.post(&format!("/admin/agencies/{}", t1.id), &form).await.status(), StatusCode::SEE_OTHER);
        let page = app.client().get(&format!("/agencies/{}/guide", t1.credit_code)).await.text().await.unwrap();
        for expected in [
            "浩口乡人民政府政府信息公开指南",
            "浩口乡场镇街28号",
            "工作日9:00—17:30",
            "023-7756 3102",
            "gk@haokou.example.gov.cn",
            "408501",
            "第二十一条",
            "20个工作日内予以答复",
            "网站标识码：5002330015",
        ] {
            assert!(page.contains(expected), "{expected}");
        }
        assert!(page.contains(r#"<meta name="SiteIDCode" content="5002330015">"#));
    }

    async fn unknown_pages_get_a_chinese_404_that_leaks_nothing() {
        let app = TestApp::county().await;
        for path in ["/no/such/page", "/agencies/11330000000000000X", "/agencies/nonsense/guide"] {
            let r = app.client().get(path).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
            let page = r.text().await.unwrap();
            assert!(page.contains("lang=\"zh-CN\""));
            assert!(page.contains("不存在") || page.contains("未找到"), "{path}");
        }
    }

    async fn responses_carry_security_headers_and_a_request_id() {
        let app = TestApp::empty().await;
        let r = app.client().get("/").await;
        assert_eq!(r.headers()["x-frame-options"], "DENY");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(r.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
        assert_eq!(r.headers()["x-request-id"].len(), 36, "a uuid");
    }

    async fn health_and_metrics_answer() {
        let app = TestApp::empty().await;
        let client = app.client();
        let r = client.get("/healthz").await;
        assert_eq!(r.status(), StatusCode::OK);
        client.get("/").await;
        let metrics = client.get("/metrics").await.text().await.unwrap();
        assert!(metrics.contains("http_requests_total"), "{metrics}");
        assert!(metrics.contains("route=\"/\""));
    }

    async fn the_api_lists_agencies_as_json() {
        let app = TestApp::county().await;
        let r = app.client().get("/api/v1/agencies").await;
        assert_eq!(r.status(), StatusCode::OK);
        let list: serde_json::Value = r.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 4);
        assert_eq!(list[0]["name"], "浩县人民政府");
        let missing = app.client().get("/api/v1/agencies/11330000000000000X").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let body: serde_json::Value = missing.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().starts_with("未找到"));
    }
}

//! The public's posts are limited per client address (429 with Retry-After, in Chinese, as JSON
//! on the API and as a page on the portal), and the upload quota refuses before reading a body.

use reqwest::StatusCode;

use crate::support::TestApp;

fn body(agency: &str, n: usize) -> serde_json::Value {
    serde_json::json!({"agency": agency, "applicant_type": "natural_person", "applicant_name": format!("申请人{n}"),
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800000000",
        "description": "2024年财政预算执行情况", "form": "electronic", "delivery": "online"})
}

crate::stories! {
    async fn many_concurrent_submissions_are_all_acknowledged() {
        // On PostgreSQL reads and writes share one pool of 16: a submission that read inside its
        // transaction deadlocked the pool under 64 clients (every one 500 after 10 s).
        let site = gongkai_web::SiteConfig { anonymous_posts_per_minute: 100_000, ..Default::default() };
        let mut app = TestApp::with_site(site).await;
        let c = gongkai_store::agency::create(&app.db, &gongkai_store::Actor::Cli, None, crate::support::agency_form("浩县人民政府", "county", 1).parse().unwrap()).await.unwrap();
        app.agencies.insert("C", c.clone());
        let http = reqwest::Client::new();
        let posts = (0..48).map(|n| {
            let (http, url, body) = (http.clone(), format!("{}/api/v1/requests", app.base), body(&c.credit_code, n));
            tokio::spawn(async move { http.post(url).json(&body).send().await.unwrap().status() })
        });
        let statuses: Vec<StatusCode> = futures::future::join_all(posts).await.into_iter().map(|r| r.unwrap()).collect();
        assert!(statuses.iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    }

    async fn the_publics_posts_are_limited_per_address_with_retry_after() {
        let site = gongkai_web::SiteConfig { anonymous_posts_per_minute: 3, ..Default::default() };
        let mut app = TestApp::with_site(site).await;
        let c = gongkai_store::agency::create(&app.db, &gongkai_store::Actor::Cli, None, crate::support::agency_form("浩县人民政府", "county", 1).parse().unwrap()).await.unwrap();
        app.agencies.insert("C", c.clone());
        let http = reqwest::Client::new();
        for n in 0..3 {
            let r = http.post(format!("{}/api/v1/requests", app.base)).json(&body(&c.credit_code, n)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let r = http.post(format!("{}/api/v1/requests", app.base)).json(&body(&c.credit_code, 4)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert!(v["error"].as_str().unwrap().contains("提交过于频繁"), "{v}");
        // The portal's form on the same address: a page in Chinese.
        let r = app.client().post(&format!("/agencies/{}/messages", c.credit_code), &[("kind", "enquiry")]).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(r.headers().contains_key("retry-after"));
        assert!(r.text().await.unwrap().contains("提交过于频繁"));
        let stored: i64 = sqlx::query_scalar("select cast(count(*) as bigint) from requests").fetch_one(app.db.reader()).await.unwrap();
        assert_eq!(stored, 3, "nothing stored beyond the limit");
        // Reading is not limited.
        assert_eq!(http.get(format!("{}/api/v1/agencies", app.base)).send().await.unwrap().status(), StatusCode::OK);
    }

    async fn the_daily_upload_quota_refuses_an_anonymous_upload_before_reading_it() {
        let site = gongkai_web::SiteConfig { anonymous_upload_mb_per_day: 1, ..Default::default() };
        let mut app = TestApp::with_site(site).await;
        let c = gongkai_store::agency::create(&app.db, &gongkai_store::Actor::Cli, None, crate::support::agency_form("浩县人民政府", "county", 1).parse().unwrap()).await.unwrap();
        app.agencies.insert("C", c.clone());
        let big = reqwest::multipart::Part::bytes(vec![b'x'; 1_500_000]).file_name("材料.txt");
        let form = reqwest::multipart::Form::new().text("applicant_name", "张三").part("attachment", big);
        let r = reqwest::Client::new()
            .post(format!("{}/agencies/{}/apply", app.base, c.credit_code))
            .header("origin", &app.base)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(wait <= 86_400);
        assert!(r.text().await.unwrap().contains("今日从您的网络上传的附件已达上限"));
    }
}

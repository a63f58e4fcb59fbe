//! Bad input over HTTP, on both backends (issue 15.7): each is refused with a Chinese message
//! naming what is wrong, and nothing is stored.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, agency_form};

/// A resident ID number born on `yyyymmdd`, with its right check character.
fn resident_id(yyyymmdd: &str) -> String {
    let body = format!("110105{yyyymmdd}002");
    let digits: [u8; 17] = body.bytes().map(|b| b - b'0').collect::<Vec<_>>().try_into().unwrap();
    format!("{body}{}", gongkai_core::catalogue::secrecy::resident_id::check_character(&digits))
}

fn request(agency: &str, overrides: Value) -> Value {
    let mut body = json!({"agency": agency, "applicant_type": "natural_person", "applicant_name": "张三",
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800000000",
        "description": "2024年财政预算执行情况", "form": "electronic", "delivery": "online"});
    for (k, v) in overrides.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select cast(count(*) as bigint) from {table}")))
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

crate::stories! {
    async fn bad_input_is_refused_with_a_clear_chinese_error_and_nothing_stored() {
        let mut app = TestApp::empty().await;
        let c = gongkai_store::agency::create(&app.db, &gongkai_store::Actor::Cli, None, agency_form("浩县人民政府", "county", 1).parse().unwrap()).await.unwrap();
        app.agencies.insert("C", c.clone());
        let http = reqwest::Client::new();
        let post = |body: Value| http.post(format!("{}/api/v1/requests", app.base)).json(&body).send();

        // A future birth date in a well-formed ID number.
        let r = post(request(&c.credit_code, json!({"id_number": resident_id("20300101")}))).await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["fields"][0]["field"], "id_number", "{v}");
        assert!(v["fields"][0]["message"].as_str().unwrap().contains("晚于今天"), "{v}");

        // Control characters, as a JSON escape and in a form.
        let r = post(request(&c.credit_code, json!({"applicant_name": "张\u{1b}三"}))).await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let v: Value = r.json().await.unwrap();
        assert!(v["error"].as_str().unwrap().contains("控制字符"), "{v}");
        let r = app.client().post(&format!("/agencies/{}/messages", c.credit_code), &[("name", "张\u{7}三")]).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.unwrap().contains("控制字符"));

        // Bytes that are not UTF-8, in the address and in a form.
        let r = http.get(format!("{}/search?q=%FF", app.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.unwrap().contains("无效的字符编码"));
        let r = http
            .post(format!("{}/agencies/{}/messages", app.base, c.credit_code))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", &app.base)
            .body("name=%FF%FE")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);

        // A page number beyond any list.
        let r = http.get(format!("{}/agencies/{}/catalogue?page=9223372036854775807", app.base, c.credit_code)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("页码应为1至10000之间的整数"));
        let r = http.get(format!("{}/api/v1/items?agency={}&page=0", app.base, c.credit_code)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["fields"][0]["field"], "page");

        // Years 0000 and 9999 in a date of record (a staff registration's submission date).
        app.add_staff("c_handler", "C", &["handler"]).await;
        let handler = app.login("c_handler").await;
        for year in ["0000-01-01", "9999-12-31"] {
            let form = reqwest::multipart::Form::new()
                .text("channel", "in_person")
                .text("submitted_on", year)
                .text("applicant_type", "natural_person")
                .text("applicant_name", "张三")
                .text("id_type", "resident_id")
                .text("id_number", "11010519491231002X")
                .text("description", "2024年财政预算执行情况")
                .text("form", "paper")
                .text("delivery", "pickup");
            let r = handler
                .http
                .post(format!("{}/admin/agencies/{}/requests", app.base, c.id))
                .header("origin", &app.base)
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{year}");
            assert!(r.text().await.unwrap().contains("年份应在1900年至2199年之间"), "{year}");
        }
        assert_eq!(count(&app, "requests").await, 0, "nothing stored");
        assert_eq!(count(&app, "messages").await, 0, "nothing stored");
    }

    async fn a_parameter_that_cannot_be_read_is_named_in_chinese_on_every_kind_of_route() {
        let app = TestApp::county().await;
        let http = reqwest::Client::new();
        let code = &app.agencies["C"].credit_code;
        // Portal pages: an HTML page in Chinese, never axum's English text.
        for path in [
            "/search?q=低保&page=abc".to_owned(),
            format!("/agencies/{code}/catalogue?page=-1x"),
            "/items/abc".to_owned(),
            "/items/1/versions/x".to_owned(),
        ] {
            let r = http.get(format!("{}{path}", app.base)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{path}");
            let text = r.text().await.unwrap();
            assert!(text.contains("无效，请检查网址"), "{path}: {text}");
            for english in ["deserialize", "Cannot parse", "Invalid URL", "i64", "usize"] {
                assert!(!text.contains(english), "{path}: {text}");
            }
        }
        let text = http.get(format!("{}/search?q=低保&page=abc", app.base)).send().await.unwrap().text().await.unwrap();
        assert!(text.contains("页码“abc”无效，请检查网址"), "{text}");
        // The API: the JSON error of every API answer, naming the field.
        for path in ["/api/v1/search?q=低保&page=abc", "/api/v1/items/abc"] {
            let r = http.get(format!("{}{path}", app.base)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{path}");
            let v: Value = r.json().await.unwrap();
            assert!(v["error"].as_str().unwrap().ends_with("无效，请检查网址"), "{path}: {v}");
            assert!(["page", "id"].contains(&v["fields"][0]["field"].as_str().unwrap()), "{path}: {v}");
        }
        // The console too.
        let admin = app.login("c_admin").await;
        let r = admin.get("/admin/staff/abc").await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.unwrap().contains("编号“abc”无效，请检查网址"));
        // A filter that cannot be read names itself.
        let r = http.get(format!("{}/api/v1/search?q=低保&year=20x5", app.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["fields"][0]["field"], "year", "{v}");
        assert_eq!(v["fields"][0]["message"], "年份“20x5”无效：应为四位数字，如2025", "{v}");
    }
}

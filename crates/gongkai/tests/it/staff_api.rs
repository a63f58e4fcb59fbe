//! The staff JSON API as an office system uses it: a token made in the console, requests listed,
//! registered and taken through their steps, drafts written and reviewed, rows imported; and the
//! same access as the console for every role and agency (the rules themselves are tested once in
//! the application crate's tests).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, UserClient};

/// A token for staff `key`, made as a person makes one: signed in, on their token page.
async fn token_for(app: &TestApp, key: &str) -> String {
    let client = app.login(key).await;
    let id = app.staff[key].id;
    let page = client.post(&format!("/admin/staff/{id}/tokens"), &[("name", "OA对接"), ("days", "30")]).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    let at = html.find("id=\"token-secret\"").expect("the secret is shown once");
    let start = at + html[at..].find('>').unwrap() + 1;
    html[start..start + html[start..].find('<').unwrap()].to_owned()
}

struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    fn new(app: &TestApp, token: &str) -> Api {
        Api { http: reqwest::Client::new(), base: app.base.clone(), token: token.to_owned() }
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(format!("{}{path}", self.base)).bearer_auth(&self.token).send().await.unwrap()
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http.post(format!("{}{path}", self.base)).bearer_auth(&self.token).json(body).send().await.unwrap()
    }

    async fn put(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http.put(format!("{}{path}", self.base)).bearer_auth(&self.token).json(body).send().await.unwrap()
    }

    async fn json(&self, response: reqwest::Response, expected: StatusCode) -> Value {
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, expected, "{text}");
        serde_json::from_str(&text).unwrap()
    }
}

fn in_person(agency_code: &str) -> Value {
    json!({
        "agency": agency_code,
        "channel": "in_person",
        "submitted_on": gongkai_store::timestamp::today_in_china().to_string(),
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "description": "2024年青石镇安置补助发放名单",
        "form": "paper",
        "delivery": "post",
        "address": "浩县青石镇1号",
    })
}

fn draft(agency_code: &str, title: &str) -> Value {
    json!({
        "agency": agency_code,
        "title": title,
        "category": "art20.11",
        "subject": "民政、扶贫、救灾\\社会福利",
        "formed_on": "2025-09-26",
        "written_on": "2025-09-26",
        "body": "<p>公示内容</p>",
    })
}

/// What a response says about access: allowed, refused with 403, or something else (a failure).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Access {
    Allowed,
    Refused,
}

async fn access(r: reqwest::Response, what: &str) -> Access {
    let status = r.status();
    if status == StatusCode::FORBIDDEN {
        return Access::Refused;
    }
    let text = r.text().await.unwrap();
    assert!(status.is_success() || status.is_redirection(), "{what}: {status} {text}");
    Access::Allowed
}

async fn console_register(client: &UserClient, agency_id: i64, body: &Value) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in body.as_object().unwrap() {
        if k != "agency" {
            form = form.text(k.clone(), v.as_str().unwrap().to_owned());
        }
    }
    client
        .http
        .post(format!("{}/admin/agencies/{agency_id}/requests", client.base))
        .header("origin", &client.base)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

crate::stories! {
    async fn an_office_system_registers_and_handles_a_request_with_a_token() {
        let app = TestApp::county().await;
        let token = token_for(&app, "c_drafter").await;
        assert!(token.starts_with("gk_"), "{token}");
        let api = Api::new(&app, &token);
        let code = app.agencies["C"].credit_code.clone();

        let me = api.json(api.get("/api/v1/staff/me").await, StatusCode::OK).await;
        assert_eq!(me["agency"]["credit_code"], code.as_str());

        let r = api.post("/api/v1/staff/requests", &in_person("")).await;
        assert_eq!(r.headers()["cache-control"], "no-store");
        let receipt = api.json(r, StatusCode::CREATED).await;
        let id = receipt["id"].as_i64().unwrap();
        assert_eq!(receipt["query_password"].as_str().unwrap().len(), 8, "{receipt}");

        let case = api.json(api.get(&format!("/api/v1/staff/requests/{id}")).await, StatusCode::OK).await;
        assert_eq!(case["status_label"], "已受理", "{case}");
        assert_eq!(case["channel_label"], "当面提交");
        assert!(case["history"][0]["text"].as_str().unwrap().contains("登记申请"), "{case}");
        let steps: Vec<&str> = case["steps"].as_array().unwrap().iter().map(|s| s["command"].as_str().unwrap()).collect();
        assert!(steps.contains(&"assign") && !steps.contains(&"decide"), "{steps:?}");

        let today = gongkai_store::timestamp::today_in_china().to_string();
        let after = api
            .json(api.post(&format!("/api/v1/staff/requests/{id}/steps"), &json!({"command": "assign", "on": today, "handler": "c_drafter"})).await, StatusCode::OK)
            .await;
        assert_eq!(after["status"], "processing");
        // A bad step names its field; nothing changes.
        let bad = api
            .json(api.post(&format!("/api/v1/staff/requests/{id}/steps"), &json!({"command": "decide", "on": today, "outcome": "nonsense", "basis": "条例"})).await, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
        assert!(bad["fields"].as_array().unwrap().iter().any(|f| f["field"] == "outcome"), "{bad}");
        let decided = api
            .json(api.post(&format!("/api/v1/staff/requests/{id}/steps"), &json!({"command": "decide", "on": today, "outcome": "granted", "basis": "《条例》第三十六条第一项"})).await, StatusCode::OK)
            .await;
        assert_eq!(decided["status"], "decided");
        assert_eq!(decided["outcome_label"], "予以公开");
        let list = api.json(api.get("/api/v1/staff/requests?status=decided").await, StatusCode::OK).await;
        assert_eq!(list["requests"].as_array().unwrap().len(), 1, "{list}");
        let open = api.json(api.get("/api/v1/staff/requests").await, StatusCode::OK).await;
        assert!(open["requests"].as_array().unwrap().is_empty(), "{open}");
        let bad = api.json(api.get("/api/v1/staff/requests?status=whatever").await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(bad["fields"][0]["field"], "status");

        // The console sees what the API did, under the member's name.
        let console = app.login("c_drafter").await;
        let page = console.get(&format!("/admin/requests/{id}")).await.text().await.unwrap();
        assert!(page.contains("予以公开"), "the decision is on the console page");
        let audit: i64 = sqlx::query_scalar(
            "select cast(count(*) as bigint) from audit_log where entity = 'request' and actor like 'staff:%'",
        )
        .fetch_one(app.db.reader())
        .await
        .unwrap();
        assert!(audit >= 3, "registration and steps are audited as the member: {audit}");
    }

    async fn an_office_system_drafts_reviews_and_imports_items_with_a_token() {
        let app = TestApp::county().await;
        let api = Api::new(&app, &token_for(&app, "c_drafter").await);
        let code = app.agencies["C"].credit_code.clone();
        let item = api.json(api.post("/api/v1/staff/items", &draft(&code, "浩县2025年临时救助对象公示")).await, StatusCode::CREATED).await;
        let id = item["id"].as_i64().unwrap();
        assert_eq!(item["status_label"], "起草中");
        let bad = api.json(api.put(&format!("/api/v1/staff/items/{id}"), &json!({"title": "", "category": "art20.11"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(bad["fields"][0]["field"], "title", "{bad}");
        let mut revised = draft("", "浩县2025年第三季度临时救助对象公示");
        revised.as_object_mut().unwrap().remove("agency");
        api.json(api.put(&format!("/api/v1/staff/items/{id}"), &revised).await, StatusCode::OK).await;
        api.json(api.post(&format!("/api/v1/staff/items/{id}/review"), &json!({"action": "submit"})).await, StatusCode::OK).await;
        // Separation of duties: the member holds every review role but drafted the item.
        let refused = api.json(api.post(&format!("/api/v1/staff/items/{id}/review"), &json!({"action": "pass_secrecy"})).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused.to_string().contains("职责分离"), "{refused}");
        // An office of one allows the author to check their own items.
        let c = app.agencies["C"].clone();
        let mut form = gongkai_store::agency::AgencyForm::from_agency(&c);
        form.allow_self_review = "1".into();
        gongkai_store::agency::update(&app.db, &gongkai_store::Actor::Cli, c.id, form.parse().unwrap()).await.unwrap();
        for action in ["pass_secrecy", "pass_review", "sign_off"] {
            let read = api.json(api.get(&format!("/api/v1/staff/items/{id}")).await, StatusCode::OK).await;
            assert!(read["actions"].as_array().unwrap().iter().any(|a| a["action"] == action), "{action} offered: {read}");
            let step = json!({"action": action, "reason": "补录以前年度信息"});
            api.json(api.post(&format!("/api/v1/staff/items/{id}/review"), &step).await, StatusCode::OK).await;
        }
        let published = api.json(api.get(&format!("/api/v1/staff/items/{id}")).await, StatusCode::OK).await;
        assert_eq!(published["status"], "published");
        assert_eq!(published["title"], "浩县2025年第三季度临时救助对象公示");
        assert!(published["history"].as_array().unwrap().len() >= 4);
        let refused = api.json(api.put(&format!("/api/v1/staff/items/{id}"), &revised).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused["error"].as_str().unwrap().contains("起草"), "{refused}");

        let rows = [
            json!({"source_id": "oa-1", "title": "浩县关于调整城乡低保标准的通知", "category": "art20.1", "published": "2025-03-01"}),
            json!({"source_id": "oa-2", "title": "浩县2025年政府信息公开工作要点", "category": "art20.1", "published": "2025-03-02", "attachments": ["/etc/passwd"]}),
            json!({"source_id": "oa-3", "title": "浩县2025年低保对象名单", "category": "art20.1", "published": "2025/3/3", "body": "张三，身份证号11010519491231002X，低保金300元"}),
        ];
        let body = rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("\n");
        let admin = Api::new(&app, &token_for(&app, "c_admin").await);
        let r = admin
            .http
            .post(format!("{}/api/v1/staff/items/import", app.base))
            .bearer_auth(&admin.token)
            .header("content-type", "application/x-ndjson")
            .body(body)
            .send()
            .await
            .unwrap();
        let summary = admin.json(r, StatusCode::OK).await;
        assert_eq!(summary["imported"], 2, "{summary}");
        assert_eq!(summary["errors"][0]["line"], 2);
        assert_eq!(summary["errors"][0]["field"], "attachments");
        // Without publish=1 the clean row waits at 签发; the row with an ID number is held at 保密审查.
        assert_eq!((summary["published"].as_u64(), summary["awaiting_sign_off"].as_u64()), (Some(0), Some(1)), "{summary}");
        assert_eq!(summary["held"][0]["source_id"], "oa-3", "{summary}");
        let statuses: Vec<(String, String)> =
            sqlx::query_as("select source_id, status from items where source_id in ('oa-1', 'oa-3') order by source_id")
                .fetch_all(app.db.reader())
                .await
                .unwrap();
        assert_eq!(statuses, [("oa-1".to_owned(), "sign_off".to_owned()), ("oa-3".to_owned(), "secrecy_review".to_owned())]);
        let public: Value = reqwest::get(format!("{}/api/v1/items?agency={}", app.base, app.agencies["C"].credit_code))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(!public.to_string().contains("低保对象名单") && !public.to_string().contains("低保标准"), "nothing public yet");
        // The drafter may not import (an administrator's step), as in the command line's rule.
        let r = api.http.post(format!("{}/api/v1/staff/items/import", app.base)).bearer_auth(&api.token).body("{}").send().await.unwrap();
        let e = api.json(r, StatusCode::FORBIDDEN).await;
        assert!(e["error"].as_str().unwrap().contains("批量导入信息"), "{e}");
    }

    async fn without_a_valid_token_the_staff_api_answers_401_and_a_revoked_token_stops() {
        let app = TestApp::county().await;
        let anonymous = reqwest::Client::new();
        let r = anonymous.get(format!("{}/api/v1/staff/requests", app.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(r.headers()["www-authenticate"], "Bearer");
        let body: Value = r.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().contains("Authorization"), "{body}");
        for wrong in ["gk_nope", "not-a-token"] {
            let r = Api::new(&app, wrong).get("/api/v1/staff/me").await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{wrong}");
        }
        // A console session is not an API credential.
        let console = app.login("t1_handler").await;
        assert_eq!(console.get("/api/v1/staff/me").await.status(), StatusCode::UNAUTHORIZED);

        let token = token_for(&app, "t1_handler").await;
        let api = Api::new(&app, &token);
        assert_eq!(api.get("/api/v1/staff/me").await.status(), StatusCode::OK);
        let id = app.staff["t1_handler"].id;
        let page = console.get(&format!("/admin/staff/{id}/tokens")).await.text().await.unwrap();
        assert!(page.contains("OA对接") && page.contains("有效") && !page.contains(&token), "listed, secret never again");
        let token_id: i64 = sqlx::query_scalar("select id from api_tokens").fetch_one(app.db.reader()).await.unwrap();
        // The county administrator revokes it.
        let admin = app.login("c_admin").await;
        let r = admin.post(&format!("/admin/staff/{id}/tokens/{token_id}/revoke"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(api.get("/api/v1/staff/me").await.status(), StatusCode::UNAUTHORIZED);
        let page = console.get(&format!("/admin/staff/{id}/tokens")).await.text().await.unwrap();
        assert!(page.contains("已撤销"));
        // Another township's administrator cannot even see the list.
        let mut app = app;
        app.add_staff("t2_admin", "T2", &["admin"]).await;
        let other = app.login("t2_admin").await;
        assert_eq!(other.get(&format!("/admin/staff/{id}/tokens")).await.status(), StatusCode::FORBIDDEN);
    }

    async fn the_api_and_the_console_give_every_role_the_same_access_in_every_agency() {
        let app = TestApp::county().await;
        // Hand-written from the rules: (actor, target agency) → [read requests, register, read items, draft].
        let expected = |actor: &str, target: &str| -> [bool; 4] {
            match (actor, target) {
                ("c_admin", "C") => [true, true, true, true],
                ("c_admin", _) => [true, false, true, false],
                ("c_supervisor", _) => [true, false, true, false],
                ("c_drafter", "C") => [true, true, true, true],
                ("c_drafter", _) => [false, false, false, false],
                ("t1_admin", "T1") => [true, true, true, true],
                ("t1_handler", "T1") => [true, true, true, false],
                (_, _) => [false, false, false, false],
            }
        };
        for actor in ["c_admin", "c_supervisor", "c_drafter", "t1_admin", "t1_handler"] {
            let console = app.login(actor).await;
            let api = Api::new(&app, &token_for(&app, actor).await);
            for target in ["C", "T1", "T2"] {
                let agency = &app.agencies[target];
                let (id, code) = (agency.id, agency.credit_code.as_str());
                let what = |op: &str| format!("{actor} {op} in {target}");
                let via_console = [
                    access(console.get(&format!("/admin/agencies/{id}/requests")).await, &what("lists requests")).await,
                    access(console_register(&console, id, &in_person(code)).await, &what("registers")).await,
                    access(console.get(&format!("/admin/agencies/{id}/items")).await, &what("lists items")).await,
                    {
                        let d = draft(code, "浩县公示");
                        let form: Vec<(&str, &str)> = d.as_object().unwrap().iter().filter(|(k, _)| *k != "agency").map(|(k, v)| (k.as_str(), v.as_str().unwrap())).collect();
                        access(console.post(&format!("/admin/agencies/{id}/items"), &form).await, &what("drafts")).await
                    },
                ];
                let via_api = [
                    access(api.get(&format!("/api/v1/staff/requests?agency={code}")).await, &what("lists requests by API")).await,
                    access(api.post("/api/v1/staff/requests", &in_person(code)).await, &what("registers by API")).await,
                    access(api.get(&format!("/api/v1/staff/items?agency={code}")).await, &what("lists items by API")).await,
                    access(api.post("/api/v1/staff/items", &draft(code, "浩县公示")).await, &what("drafts by API")).await,
                ];
                let want = expected(actor, target).map(|ok| if ok { Access::Allowed } else { Access::Refused });
                assert_eq!(via_console, want, "{actor} in {target} through the console");
                assert_eq!(via_api, want, "{actor} in {target} through the API");
            }
        }
        // A record of another agency by id: 403 naming the permission, as in the console.
        let county_request: i64 = {
            let r = Api::new(&app, &token_for(&app, "c_drafter").await).post("/api/v1/staff/requests", &in_person("")).await;
            let v: Value = r.json().await.unwrap();
            v["id"].as_i64().unwrap()
        };
        let outsider = Api::new(&app, &token_for(&app, "t1_handler").await);
        let e = outsider.json(outsider.get(&format!("/api/v1/staff/requests/{county_request}")).await, StatusCode::FORBIDDEN).await;
        assert!(e["error"].as_str().unwrap().contains("查看依申请公开"), "{e}");
        let e = outsider.json(outsider.post(&format!("/api/v1/staff/requests/{county_request}/steps"), &json!({"command": "close", "on": "2025-01-01"})).await, StatusCode::FORBIDDEN).await;
        assert!(e["error"].as_str().unwrap().contains("办理申请"), "{e}");
        assert_eq!(outsider.get("/api/v1/staff/requests/999999").await.status(), StatusCode::NOT_FOUND);
    }
}

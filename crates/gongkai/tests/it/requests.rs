//! Disclosure requests over HTTP: the public form with its field errors, the receipt and the
//! status page, the JSON API, and handling in the console with its access rules.

use crate::support::{TestApp, UserClient};
use reqwest::StatusCode;

const ID: &str = "11010519491231002X";

fn fields<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("applicant_type", "natural_person"),
        ("applicant_name", "张三"),
        ("id_type", "resident_id"),
        ("id_number", ID),
        ("phone", "13800000000"),
        ("email", "zhangsan@example.com"),
        ("description", "2024年青石镇安置补助发放名单"),
        ("form", "electronic"),
        ("delivery", "online"),
    ];
    for (k, v) in overrides {
        f.retain(|(key, _)| key != k);
        f.push((k, v));
    }
    f
}

async fn post_multipart(
    client: &UserClient,
    path: &str,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part("attachment", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
    }
    client
        .http
        .post(format!("{}{path}", client.base))
        .header("origin", &client.base)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("{start} in page")) + start.len();
    &html[from..from + html[from..].find(end).unwrap()]
}

async fn requests(app: &TestApp) -> i64 {
    sqlx::query_scalar("select cast(count(*) as bigint) from requests").fetch_one(app.db.reader()).await.unwrap()
}

crate::stories! {
    async fn handlers_find_requests_by_code_name_date_and_status_and_export_the_ledger() {
        let app = TestApp::county().await;
        let code = &app.agencies["C"].credit_code;
        let http = reqwest::Client::new();
        let mut codes = Vec::new();
        for name in ["王小明", "李建国"] {
            let body = serde_json::json!({"agency": code, "applicant_type": "natural_person", "applicant_name": name, "id_type": "resident_id",
                "id_number": ID, "description": "某文件", "form": "email", "delivery": "email", "email": "a@example.com"});
            let r = http.post(format!("{}/api/v1/requests", app.base)).json(&body).send().await.unwrap();
            let receipt: serde_json::Value = r.json().await.unwrap();
            codes.push(receipt["tracking_code"].as_str().unwrap().to_owned());
        }
        let handler = app.login("c_drafter").await;
        let list = |query: String| {
            let handler = &handler;
            let c = app.agencies["C"].id;
            async move { handler.get(&format!("/admin/agencies/{c}/requests?view=all&{query}")).await }
        };
        let page = list(format!("q={}", codes[0].to_lowercase())).await.text().await.unwrap();
        assert!(page.contains(&codes[0]) && !page.contains(&codes[1]), "a code typed in lower case finds it");
        let page = list("q=%E6%9D%8E".into()).await.text().await.unwrap(); // 李
        assert!(page.contains(&codes[1]) && !page.contains(&codes[0]), "part of a name finds it");
        let page = list("q=%25".into()).await.text().await.unwrap();
        assert!(page.contains("没有符合条件的申请"), "% is a character, not a wildcard");
        let page = list("status=registered".into()).await.text().await.unwrap();
        assert!(page.contains(&codes[0]) && page.contains(&codes[1]) && page.contains("（已筛选）"));
        let page = list("status=closed".into()).await.text().await.unwrap();
        assert!(page.contains("没有符合条件的申请"));
        let bad = list("from=2025-13-40&status=nonsense".into()).await;
        assert_eq!(bad.status(), StatusCode::OK, "the list still shows, with the messages");
        let page = bad.text().await.unwrap();
        assert!(page.contains("收到日期（起）应为“年-月-日”") && page.contains("请从列表中选择状态"), "{page}");

        // The ledger: registered requests have no receipt day yet, so none; a posted one has.
        let csv = handler.get(&format!("/admin/agencies/{}/requests/ledger.csv", app.agencies["C"].id)).await;
        assert_eq!(csv.headers()["cache-control"], "no-store");
        let text = csv.text().await.unwrap();
        assert!(text.starts_with("\u{feff}source_id,received,channel,applicant_type"), "{text}");
        let xlsx = handler.get(&format!("/admin/agencies/{}/requests/ledger.xlsx", app.agencies["C"].id)).await;
        let bytes = xlsx.bytes().await.unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut strings = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut strings).unwrap();
        assert!(strings.contains("收到申请日期") && strings.contains("申请人类型"), "Chinese headings: {strings}");
        assert!(!strings.contains("source_id") && !strings.contains("applicant_type"), "no keys: {strings}");
        let other = app.login("t1_admin").await;
        let c = app.agencies["C"].id;
        assert_eq!(other.get(&format!("/admin/agencies/{c}/requests/ledger.csv")).await.status(), StatusCode::FORBIDDEN);
    }

    async fn a_citizen_applies_online_gets_a_code_and_sees_the_status() {
        let app = TestApp::county().await;
        let code = app.agencies["C"].credit_code.clone();
        let public = app.client();
        let form = public.get(&format!("/agencies/{code}/apply")).await;
        assert_eq!(form.headers()["cache-control"], "no-store");
        let html = form.text().await.unwrap();
        assert!(html.contains("向浩县人民政府申请公开政府信息") && html.contains(r#"<label for="id_number">"#));

        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".to_vec();
        let r = post_multipart(&public, &format!("/agencies/{code}/apply"), &fields(&[]), vec![("身份证.pdf", pdf)]).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let html = r.text().await.unwrap();
        let tracking = between(&html, r#"<dd id="tracking-code">"#, "<").to_owned();
        let password = between(&html, r#"<dd id="query-password">"#, "<").to_owned();
        assert_eq!(requests(&app).await, 1);

        let status = public.post("/requests/status", &[("tracking_code", &tracking), ("password", &password)]).await;
        assert_eq!(status.status(), StatusCode::OK);
        let html = status.text().await.unwrap();
        assert!(html.contains("待确认收到") && html.contains("申请已提交"), "{html}");
        assert!(!html.contains(ID), "the status page shows no ID number");
        let wrong = public.post("/requests/status", &[("tracking_code", &tracking), ("password", "WRONG123")]).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.text().await.unwrap().contains("查询码或查询密码不正确"));
    }

    async fn bad_applications_get_field_errors_in_chinese_and_store_nothing() {
        let app = TestApp::county().await;
        let code = app.agencies["C"].credit_code.clone();
        let public = app.client();
        type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<(&'a str, Vec<u8>)>, &'a str);
        let cases: Vec<Case> = vec![
            (fields(&[("id_number", "110105194912310021")]), vec![], "校验"),
            (fields(&[("description", "")]), vec![], "请填写所需信息的内容描述"),
            (fields(&[("description", "<script>alert(1)</script>")]), vec![], "不能包含网页代码"),
            (fields(&[("applicant_name", "")]), vec![], "请填写申请人姓名或名称"),
            (fields(&[("phone", ""), ("email", ""), ("delivery", "pickup")]), vec![], "请至少填写一种联系方式"),
            (fields(&[("id_type", "credit_code")]), vec![], "证件号码"),
            (fields(&[]), vec![("病毒.exe", b"MZ\x90\x00".to_vec())], "不允许上传"),
            (fields(&[]), vec![("说明.txt", "文本".as_bytes().to_vec())], "只能上传PDF、JPG或PNG"),
            (
                fields(&[]),
                vec![("大.pdf", {
                    let mut b = b"%PDF-1.4\n".to_vec();
                    b.resize(11 * 1024 * 1024, b' ');
                    b
                })],
                "附件过大",
            ),
        ];
        for (fields, files, expected) in cases {
            let r = post_multipart(&public, &format!("/agencies/{code}/apply"), &fields, files).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
            let html = r.text().await.unwrap();
            assert!(html.contains(expected), "{expected} in the page");
            assert!(!html.contains("<script>alert(1)"), "the entered text is shown escaped");
        }
        assert_eq!(requests(&app).await, 0);
    }

    async fn the_api_accepts_a_request_with_201_and_reports_its_status() {
        let app = TestApp::county().await;
        let code = &app.agencies["C"].credit_code;
        let http = reqwest::Client::new();
        let body = serde_json::json!({"agency": code, "applicant_type": "business", "applicant_name": "浩县某建设有限公司", "id_type": "credit_code",
            "id_number": app.agencies["D"].credit_code, "email": "office@example.com", "description": "某工程招标文件", "form": "email", "delivery": "email"});
        let r = http.post(format!("{}/api/v1/requests", app.base)).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let receipt: serde_json::Value = r.json().await.unwrap();
        let (tracking, password) =
            (receipt["tracking_code"].as_str().unwrap(), receipt["query_password"].as_str().unwrap());
        let r = http
            .post(format!("{}/api/v1/requests/status", app.base))
            .json(&serde_json::json!({"tracking_code": tracking, "query_password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["cache-control"], "no-store");
        let status: serde_json::Value = r.json().await.unwrap();
        assert_eq!((status["status"].as_str(), status["status_label"].as_str()), (Some("registered"), Some("待确认收到")));
        // A password in the address (kept in proxy logs and browser history) is refused.
        let r = http.get(format!("{}/api/v1/requests/{tracking}?password={password}", app.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let refusal: serde_json::Value = r.json().await.unwrap();
        assert_eq!(refusal["fields"][0]["field"], "password", "{refusal}");
        let wrong = http
            .post(format!("{}/api/v1/requests/status", app.base))
            .json(&serde_json::json!({"tracking_code": tracking, "query_password": "WRONG123"}))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let mut bad = body.clone();
        bad["id_type"] = "resident_id".into();
        bad["email"] = "".into();
        let r = http.post(format!("{}/api/v1/requests", app.base)).json(&bad).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let errors: serde_json::Value = r.json().await.unwrap();
        let named: Vec<&str> = errors["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert!(
            named.contains(&"id_type") && named.contains(&"email"),
            "a credit code with a resident-ID type, no email for email delivery: {errors}"
        );
        let r = http
            .post(format!("{}/api/v1/requests", app.base))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(requests(&app).await, 1);

        // The applicant (who gave an email address) and the agency are notified; without SMTP the
        // delivery job writes each notification to a file and the console lists where it went.
        let outbox = tempfile::tempdir().unwrap();
        let config = gongkai_app::Config { notification_dir: Some(outbox.path().to_owned()), ..Default::default() };
        let worker = gongkai_app::App::in_memory(app.db.clone(), config);
        assert_eq!(gongkai_app::notifications::deliver_pending(&worker, 100).await.unwrap(), 2);
        let files: Vec<String> = std::fs::read_dir(outbox.path())
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert!(
            files
                .iter()
                .any(|f| f.starts_with("To: office@example.com\nSubject: 【浩县人民政府】已收到您的政府信息公开申请")
                    && f.contains(tracking)),
            "{files:?}"
        );
        assert_eq!(gongkai_app::notifications::deliver_pending(&worker, 100).await.unwrap(), 0, "delivered once");
        let console = app
            .login("c_admin")
            .await
            .get(&format!("/admin/agencies/{}/requests", app.agencies["C"].id))
            .await
            .text()
            .await
            .unwrap();
        assert!(console.contains("已收到您的政府信息公开申请") && console.contains("已写入通知文件"), "{console}");
    }

    async fn a_handler_takes_a_request_to_a_decision_and_others_are_kept_out() {
        let mut app = TestApp::county().await;
        app.add_staff("c_head", "C", &["approver"]).await;
        app.add_staff("c_handler", "C", &["handler"]).await;
        let code = app.agencies["C"].credit_code.clone();
        let r = post_multipart(&app.client(), &format!("/agencies/{code}/apply"), &fields(&[]), vec![]).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let id: i64 = sqlx::query_scalar("select id from requests").fetch_one(app.db.reader()).await.unwrap();
        let c = app.agencies["C"].id;
        let today = gongkai_store::timestamp::today_in_china().to_string();

        let handler = app.login("c_handler").await;
        let list = handler.get(&format!("/admin/agencies/{c}/requests")).await.text().await.unwrap();
        assert!(list.contains(&format!("/admin/requests/{id}")));
        let step = |command: &'static str, extra: Vec<(&'static str, String)>| {
            let mut form = vec![("command", command.to_owned())];
            form.extend(extra);
            form
        };
        async fn send(client: &UserClient, id: i64, form: Vec<(&str, String)>) -> reqwest::Response {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            client.post(&format!("/admin/requests/{id}/workflow"), &pairs).await
        }
        // Deciding before it is confirmed is refused with the status named.
        let r = send(
            &handler,
            id,
            step("decide", vec![("on", today.clone()), ("outcome", "granted".into()), ("basis", "条例".into())]),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("当前状态“待确认收到”不能作出答复"));
        for form in [
            step("confirm", vec![("received", today.clone())]),
            step("assign", vec![("on", today.clone()), ("handler", "c_handler".into())]),
            step(
                "start_consultation",
                vec![("on", today.clone()), ("kind", "third_party".into()), ("party", "某公司".into())],
            ),
            step("end_consultation", vec![("on", today.clone()), ("no", "1".into()), ("opinion", "同意公开".into())]),
        ] {
            let r = send(&handler, id, form).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
        }
        // The extension needs the office head (approver role), not the handler.
        let ext = step("extend", vec![("on", today.clone()), ("days", "10".into()), ("reason", "需要调取档案".into())]);
        let refused = send(&handler, id, ext.clone()).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert!(refused.text().await.unwrap().contains("批准延期答复"), "the refusal names the permission");
        let head = app.login("c_head").await;
        assert_eq!(send(&head, id, ext).await.status(), StatusCode::SEE_OTHER);
        let r = send(
            &handler,
            id,
            step(
                "decide",
                vec![
                    ("on", today.clone()),
                    ("outcome", "partially_granted".into()),
                    ("basis", "条例第三十七条".into()),
                    ("reasons", "涉及个人信息".into()),
                ],
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = handler.get(&format!("/admin/requests/{id}")).await.text().await.unwrap();
        assert!(
            page.contains("已作出答复") && page.contains("部分公开") && page.contains("延长答复期限10个工作日")
        );

        // A county supervisor reads and orders supervision; staff of a township or without a
        // request role cannot read it.
        let supervisor = app.login("c_supervisor").await;
        assert_eq!(supervisor.get(&format!("/admin/requests/{id}")).await.status(), StatusCode::OK);
        assert_eq!(app.login("t1_admin").await.get(&format!("/admin/requests/{id}")).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.login("C_target").await.get(&format!("/admin/requests/{id}")).await.status(), StatusCode::FORBIDDEN);
        let township = app.login("t1_handler").await;
        let audit_before = app.audit_count().await;
        let r = township
            .post(&format!("/admin/requests/{id}/workflow"), &[("command", "deliver"), ("on", &today), ("method", "网上")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.audit_count().await, audit_before, "a refused step writes nothing");

        // The year's report draft counts it: received 1, partially granted 1, balanced.
        let year = gongkai_store::timestamp::today_in_china().year();
        let report = supervisor.get(&format!("/admin/agencies/{c}/report?year={year}")).await.text().await.unwrap();
        assert!(
            !report.contains("（table3") && !report.contains("（table4"),
            "no finding names a table cell: the tables balance"
        );
        let cell = |key: &str| {
            let at = report.find(&format!("data-key=\"{key}\">")).unwrap_or_else(|| panic!("{key}"));
            report[at..].split('>').nth(1).unwrap().split('<').next().unwrap().to_owned()
        };
        let received: Vec<String> =
            ["natural_person", "business", "total"].iter().map(|c| cell(&format!("table3.received.{c}"))).collect();
        assert_eq!(received, ["1", "0", "1"]);
        assert_eq!(cell("table3.partially_granted.natural_person"), "1");
    }

    async fn a_registration_redirects_shows_the_password_once_and_the_case_prints() {
        let mut app = TestApp::county().await;
        app.add_staff("c_handler", "C", &["handler"]).await;
        let c = app.agencies["C"].id;
        let handler = app.login("c_handler").await;
        let today = gongkai_store::timestamp::today_in_china().to_string();
        let credit = crate::support::code(77);
        let form = fields(&[
            ("channel", "in_person"),
            ("submitted_on", &today),
            ("applicant_type", "business"),
            ("applicant_name", "浩县青石建材有限公司"),
            ("id_type", "credit_code"),
            ("id_number", &credit),
            ("legal_representative", "王五"),
            ("contact_person", "赵六"),
        ]);
        let r = post_multipart(&handler, &format!("/admin/agencies/{c}/requests"), &form, vec![]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "post/redirect/get");
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        let id: i64 = sqlx::query_scalar("select id from requests").fetch_one(app.db.reader()).await.unwrap();
        assert_eq!(to, format!("/admin/requests/{id}"));
        assert!(!to.contains("password"), "the password is never in a URL");
        let first = handler.get(&to).await.text().await.unwrap();
        let password = between(&first, "<strong id=\"query-password\">", "</strong>").to_owned();
        assert_eq!(password.chars().count(), 8, "{password}");
        assert!(first.contains("<dd>王五</dd>") && first.contains("<dd>赵六</dd>"), "organisation contacts shown");
        // A refresh shows the page again, without the password and without a second request.
        let again = handler.get(&to).await.text().await.unwrap();
        assert!(!again.contains("query-password") && !again.contains(&password));
        assert_eq!(requests(&app).await, 1);
        // The password works on the public status page.
        let code: String = sqlx::query_scalar("select tracking_code from requests").fetch_one(app.db.reader()).await.unwrap();
        let status = app.client().post("/requests/status", &[("tracking_code", &code), ("password", &password)]).await;
        assert_eq!(status.status(), StatusCode::OK);
        // The print view: the facts, the history, no forms and no navigation.
        let print = handler.get(&format!("/admin/requests/{id}/print")).await;
        assert_eq!(print.status(), StatusCode::OK);
        let print = print.text().await.unwrap();
        assert!(print.contains("政府信息公开申请办理单") && print.contains("王五") && print.contains("办理记录"));
        assert!(print.contains("打印时间") && !print.contains("<form") && !print.contains("后台导航"), "{print}");
        // A natural person's form has no such lines: typed values are not kept.
        let person = fields(&[("channel", "in_person"), ("submitted_on", &today), ("legal_representative", "某某")]);
        let r = post_multipart(&handler, &format!("/admin/agencies/{c}/requests"), &person, vec![]).await;
        let page = handler.get(r.headers()["location"].to_str().unwrap()).await.text().await.unwrap();
        assert!(!page.contains("法定代表人") && !page.contains("某某"));
    }

    async fn an_agency_edits_its_letter_template_and_the_archived_letter_uses_it() {
        let mut app = TestApp::county().await;
        app.add_staff("c_handler", "C", &["handler"]).await;
        let c = app.agencies["C"].id;
        let admin = app.login("c_admin").await;
        let path = format!("/admin/agencies/{c}/letter-templates");
        let r = admin.post(&path, &[("outcome", "granted"), ("body", "{申请人}：{姓名}")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("{姓名}不是可用的占位符"));
        let r = admin
            .post(
                &path,
                &[("outcome", "granted"), ("body", "经查，您申请的“{申请内容}”已主动公开。\n\n浩县专用模板：{查询码}")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let handler = app.login("c_handler").await;
        assert_eq!(
            handler.post(&path, &[("outcome", "granted"), ("body", "x")]).await.status(),
            StatusCode::FORBIDDEN,
            "only the agency's admin edits templates"
        );

        let body = serde_json::json!({"agency": app.agencies["C"].credit_code, "applicant_type": "natural_person", "applicant_name": "李四", "id_type": "resident_id",
            "id_number": ID, "phone": "13800000000", "description": "浩县2025年预算公开表", "form": "electronic", "delivery": "online"});
        let receipt: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/api/v1/requests", app.base))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let tracking = receipt["tracking_code"].as_str().unwrap();
        let id: i64 = sqlx::query_scalar("select id from requests").fetch_one(app.db.reader()).await.unwrap();
        let today = gongkai_store::timestamp::today_in_china().to_string();
        for form in [
            vec![("command", "confirm"), ("received", today.as_str())],
            vec![("command", "assign"), ("on", today.as_str()), ("handler", "c_handler")],
            vec![("command", "decide"), ("on", today.as_str()), ("outcome", "granted"), ("basis", "条例第三十六条")],
        ] {
            assert_eq!(
                handler.post(&format!("/admin/requests/{id}/workflow"), &form).await.status(),
                StatusCode::SEE_OTHER
            );
        }
        let archived: i64 =
            sqlx::query_scalar("select cast(count(*) as bigint) from request_letters where request_id = $1")
                .bind(id)
                .fetch_one(app.db.reader())
                .await
                .unwrap();
        assert_eq!(archived, 2, "DOCX and PDF archived at the decision");
        let docx = handler.get(&format!("/admin/requests/{id}/letter/docx")).await;
        assert_eq!(docx.status(), StatusCode::OK);
        assert!(docx.headers()["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''"));
        let bytes = docx.bytes().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("l.docx");
        std::fs::write(&file, &bytes).unwrap();
        let xml = std::process::Command::new("python3")
            .args(["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())"])
            .arg(&file)
            .output()
            .unwrap();
        let xml = String::from_utf8_lossy(&xml.stdout);
        assert!(
            xml.contains("浩县专用模板") && xml.contains(tracking) && xml.contains("六十日内依法申请行政复议"),
            "the agency's template with the remedy statement"
        );
        assert_eq!(
            app.login("t1_admin").await.get(&format!("/admin/requests/{id}/letter/pdf")).await.status(),
            StatusCode::FORBIDDEN
        );
        let again = handler.get(&format!("/admin/requests/{id}/letter/docx")).await.bytes().await.unwrap();
        assert_eq!(again, bytes, "served as archived");
    }

    async fn the_fee_notice_is_calculated_per_item_over_the_month_or_per_page() {
        let mut app = TestApp::county().await;
        app.add_staff("c_handler", "C", &["handler"]).await;
        let http = reqwest::Client::new();
        let body = serde_json::json!({"agency": app.agencies["C"].credit_code, "applicant_type": "natural_person", "applicant_name": "孙七", "id_type": "resident_id",
            "id_number": ID, "phone": "13800000000", "email": "sun@example.com", "description": "某项目资料", "form": "paper", "delivery": "pickup"});
        for _ in 0..12 {
            assert_eq!(
                http.post(format!("{}/api/v1/requests", app.base)).json(&body).send().await.unwrap().status(),
                StatusCode::CREATED
            );
        }
        let ids: Vec<i64> =
            sqlx::query_scalar("select id from requests order by id").fetch_all(app.db.reader()).await.unwrap();
        let handler = app.login("c_handler").await;
        let today = gongkai_store::timestamp::today_in_china();
        let t = today.to_string();
        // The office sets how applicants pay once; every fee notice form starts with it.
        const HOW: &str = "凭收费通知书到浩县政务服务中心非税收入窗口缴纳";
        sqlx::query("update agencies set fee_payment_method = $1 where id = $2")
            .bind(HOW)
            .bind(app.agencies["C"].id)
            .execute(app.db.reader())
            .await
            .unwrap();
        let fee_of = |id: i64| {
            let db = app.db.clone();
            async move {
                sqlx::query_scalar::<_, Option<i64>>("select fee_yuan from requests where id = $1")
                    .bind(id)
                    .fetch_one(db.reader())
                    .await
                    .unwrap()
            }
        };
        for (id, basis, count, expected) in
            [(ids[11], "per_item", "1", 100), (ids[10], "per_page", "250", 4700), (ids[9], "per_item", "2", 0)]
        {
            for form in [
                vec![("command", "confirm"), ("received", t.as_str())],
                vec![("command", "assign"), ("on", t.as_str()), ("handler", "c_handler")],
            ] {
                assert_eq!(
                    handler.post(&format!("/admin/requests/{id}/workflow"), &form).await.status(),
                    StatusCode::SEE_OTHER
                );
            }
            let page = handler.get(&format!("/admin/requests/{id}")).await.text().await.unwrap();
            assert!(page.contains(&format!(">{HOW}</textarea>")), "the payment method is filled in");
            let notice = |method: &'static str| {
                vec![
                    ("command", "issue_fee_notice"),
                    ("on", t.as_str()),
                    ("payment_method", method),
                    ("fee_basis", basis),
                    ("fee_count", count),
                ]
            };
            let refused = handler.post(&format!("/admin/requests/{id}/workflow"), &notice("")).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(refused.text().await.unwrap().contains("须填写缴纳方式"));
            let r = handler.post(&format!("/admin/requests/{id}/workflow"), &notice(HOW)).await;
            if expected == 0 {
                // The 10th and 11th of the month: the 10th is free, the 11th costs 100 — so 100 in all;
                // this checks the count starts from the applicant's earlier requests.
                assert_eq!(r.status(), StatusCode::SEE_OTHER);
                assert_eq!(fee_of(id).await, Some(100));
            } else {
                assert_eq!(r.status(), StatusCode::SEE_OTHER, "{basis}");
                assert_eq!(fee_of(id).await, Some(expected), "{basis} {count}");
            }
        }
        let page = handler.get(&format!("/admin/requests/{}", ids[10])).await.text().await.unwrap();
        assert!(page.contains("4700元") && page.contains("国办函"), "the notice states the amount and its basis");
        // The pay-by day is the statutory one, 20 working days after the notice; the waiting
        // days stand outside the reply period.
        let calendar = gongkai_core::calendar::Calendar::embedded();
        let schedule = gongkai_core::request::fee::FeeSchedule::in_force_on(today).unwrap();
        let (pay_by, _) = gongkai_core::request::fee::payment_due(&calendar, schedule, today).unwrap();
        assert!(page.contains(&format!("缴费期限至{}", gongkai_core::calendar::iso_date::chinese(pay_by))), "{page}");
        assert!(page.contains("等待缴纳信息处理费"), "the day-by-day explanation names the pause");
        let applicant: String = sqlx::query_scalar(
            "select body from notifications where subject like '%信息处理费收费通知' and body like '%4700元%'",
        )
        .fetch_one(app.db.reader())
        .await
        .unwrap();
        assert!(applicant.contains(HOW) && applicant.contains("视为放弃申请"), "{applicant}");
    }

    async fn an_enquiry_is_answered_and_shown_with_its_reply_time_and_complaints_stay_private() {
        let mut app = TestApp::county().await;
        app.add_staff("c_handler", "C", &["handler"]).await;
        let (code, c) = (app.agencies["C"].credit_code.clone(), app.agencies["C"].id);
        let public = app.client();
        let path = format!("/agencies/{code}/messages");
        let r = public.post(&path, &[("kind", "enquiry"), ("name", ""), ("content", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("请填写姓名") && html.contains("请填写内容"));
        let sent = public
            .post(
                &path,
                &[("kind", "enquiry"), ("name", "周八"), ("contact", "zhouba@example.com"), ("content", "如何查询本县预算？")],
            )
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER, "post/redirect/get");
        assert_eq!(sent.headers()["location"], path.as_str());
        // The redirected page shows the tracking code once; a refresh neither shows it nor sends again.
        let shown = public.get(&path).await.text().await.unwrap();
        let tracking = between(&shown, "<strong id=\"message-code\">", "</strong>").to_owned();
        assert!(tracking.starts_with("LY") && tracking.len() == 12, "{tracking}");
        assert!(!public.get(&path).await.text().await.unwrap().contains("message-code"));
        assert_eq!(
            public
                .post(&path, &[("kind", "complaint"), ("name", "吴九"), ("content", "某局逾期未答复我的申请")])
                .await
                .status(),
            StatusCode::SEE_OTHER
        );
        let messages: i64 = sqlx::query_scalar("select cast(count(*) as bigint) from messages").fetch_one(app.db.reader()).await.unwrap();
        assert_eq!(messages, 2);
        // The office is told of both; the writer who gave an email gets the code by mail.
        let outbox: Vec<(String, String, String)> = sqlx::query_as("select recipient, subject, body from notifications order by id")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
        let to_office = outbox.iter().filter(|(to, _, _)| to == &format!("agency:{c}")).count();
        assert_eq!(to_office, 2, "{outbox:?}");
        assert!(outbox.iter().any(|(to, subject, body)| to == "zhouba@example.com" && subject.contains("已收到您的咨询") && body.contains(&tracking)), "{outbox:?}");
        // Before the reply the writer reads 尚未答复; a wrong code is refused by name.
        let status = public.post("/messages/status", &[("tracking_code", &tracking.to_lowercase())]).await.text().await.unwrap();
        assert!(status.contains("如何查询本县预算") && status.contains("尚未答复"), "{status}");
        let wrong = public.post("/messages/status", &[("tracking_code", "LYXXXXXXXXXX")]).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.text().await.unwrap().contains("没有找到该查询码的留言"));

        let handler = app.login("c_handler").await;
        let console = handler.get(&format!("/admin/agencies/{c}/messages")).await.text().await.unwrap();
        assert!(console.contains("如何查询本县预算") && console.contains("某局逾期未答复"));
        let id: i64 =
            sqlx::query_scalar("select id from messages where kind = 'enquiry'").fetch_one(app.db.reader()).await.unwrap();
        let t1 = app.agencies["T1"].id;
        let other = app.login("t1_admin").await;
        assert_eq!(
            other.post(&format!("/admin/agencies/{t1}/messages/{id}/reply"), &[("reply", "x")]).await.status(),
            StatusCode::NOT_FOUND,
            "another agency's message is not found"
        );
        assert_eq!(
            handler.post(&format!("/admin/agencies/{c}/messages/{id}/reply"), &[("reply", "")]).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            handler
                .post(
                    &format!("/admin/agencies/{c}/messages/{id}/reply"),
                    &[("reply", "请访问法定主动公开内容中的财政预算栏目。")]
                )
                .await
                .status(),
            StatusCode::SEE_OTHER
        );

        let page = public.get(&path).await.text().await.unwrap();
        assert!(page.contains("如何查询本县预算") && page.contains("财政预算栏目"), "the answered enquiry is public");
        assert!(
            !page.contains("周八") && !page.contains("zhouba@example.com") && !page.contains("某局逾期未答复"),
            "no names, contacts or complaints"
        );
        let status = public.post("/messages/status", &[("tracking_code", &tracking)]).await.text().await.unwrap();
        assert!(status.contains("财政预算栏目") && status.contains("答复时间"), "{status}");
        let replied: i64 = sqlx::query_scalar(
            "select cast(count(*) as bigint) from notifications where recipient = 'zhouba@example.com' and subject like '%已答复' and body like '%财政预算栏目%'",
        )
        .fetch_one(app.db.reader())
        .await
        .unwrap();
        assert_eq!(replied, 1, "the reply is mailed to the writer");
    }

    async fn with_a_mail_server_configured_applicants_are_notified_by_smtp() {
        // Python 3.11's smtpd DebuggingServer prints every message it receives.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut server = std::process::Command::new("python3")
            .args(["-W", "ignore", "-u", "-m", "smtpd", "-n", "-c", "DebuggingServer", &format!("127.0.0.1:{port}")])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 with smtpd");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let app = TestApp::county().await;
        let body = serde_json::json!({"agency": app.agencies["C"].credit_code, "applicant_type": "natural_person", "applicant_name": "郑十", "id_type": "resident_id",
            "id_number": ID, "email": "zheng@example.com", "description": "某文件", "form": "email", "delivery": "email"});
        assert_eq!(
            reqwest::Client::new().post(format!("{}/api/v1/requests", app.base)).json(&body).send().await.unwrap().status(),
            StatusCode::CREATED
        );
        let outbox = tempfile::tempdir().unwrap();
        let config = gongkai_app::Config {
            notification_dir: Some(outbox.path().to_owned()),
            smtp: Some(gongkai_app::SmtpConfig {
                url: format!("smtp://127.0.0.1:{port}"),
                from: "gkb@example.gov.cn".into(),
            }),
            ..Default::default()
        };
        assert!(!format!("{:?}", config.smtp).contains("password"));
        let worker = gongkai_app::App::in_memory(app.db.clone(), config);
        assert_eq!(gongkai_app::notifications::deliver_pending(&worker, 100).await.unwrap(), 2);
        let delivered: Vec<(String, Option<String>, Option<String>)> =
            sqlx::query_as("select recipient, delivered_to, error from notifications order by id")
                .fetch_all(app.db.reader())
                .await
                .unwrap();
        assert_eq!(
            delivered[0],
            ("zheng@example.com".into(), Some("smtp:zheng@example.com".into()), None),
            "{delivered:?}"
        );
        assert!(delivered[1].1.as_deref().unwrap().ends_with(".txt"), "an office without an address gets a file");
        // With the office's address recorded, the agency's notices go to it by mail.
        sqlx::query("update agencies set email = $1 where id = $2")
            .bind("gongkai-office@haoxian.gov.cn")
            .bind(app.agencies["C"].id)
            .execute(app.db.reader())
            .await
            .unwrap();
        let mut tx = app.db.begin().await.unwrap();
        gongkai_store::request::notify::to_agency(&mut tx, app.agencies["C"].id, "依申请公开提醒", "提醒内容").await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(gongkai_app::notifications::deliver_pending(&worker, 100).await.unwrap(), 1);
        let to: Option<String> = sqlx::query_scalar("select delivered_to from notifications order by id desc limit 1")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
        assert_eq!(to.as_deref(), Some("smtp:gongkai-office@haoxian.gov.cn"));
        // A handler's own reminder goes to their notification address, set on their account
        // page; a handler without one is reached at the office's address.
        let handler = app.staff["c_drafter"].id;
        let me = app.login("c_drafter").await;
        let r = me.post(&format!("/admin/staff/{handler}/email"), &[("email", "zhang-handler@haoxian")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("通知邮箱格式不正确"));
        let r = me.post(&format!("/admin/staff/{handler}/email"), &[("email", "zhang-handler@haoxian.gov.cn")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let other = app.staff["C_target"].id;
        let r = me.post(&format!("/admin/staff/{other}/email"), &[("email", "x@haoxian.gov.cn")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "not an administrator, not their own account");
        let mut tx = app.db.begin().await.unwrap();
        for id in [handler, other] {
            gongkai_store::request::notify::to_staff(&mut tx, app.agencies["C"].id, id, "依申请公开提醒", "您经办的申请")
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        assert_eq!(gongkai_app::notifications::deliver_pending(&worker, 100).await.unwrap(), 2);
        let to: Vec<Option<String>> =
            sqlx::query_scalar("select delivered_to from notifications order by id desc limit 2")
                .fetch_all(app.db.reader())
                .await
                .unwrap();
        assert_eq!(
            to,
            [Some("smtp:gongkai-office@haoxian.gov.cn".into()), Some("smtp:zhang-handler@haoxian.gov.cn".into())]
        );
        let home = me.get("/admin").await.text().await.unwrap();
        assert!(home.contains("我的办理提醒") && home.contains("您经办的申请"), "{home}");
        assert!(home.contains("已通过邮件发送至zhang-handler@haoxian.gov.cn"), "{home}");
        let _ = server.kill();
        let out = server.wait_with_output().unwrap();
        let printed = String::from_utf8_lossy(&out.stdout);
        assert!(printed.contains("zheng@example.com") && printed.contains("gkb@example.gov.cn"), "{printed}");
        assert!(printed.contains("gongkai-office@haoxian.gov.cn"), "{printed}");
        assert!(printed.contains("zhang-handler@haoxian.gov.cn"), "{printed}");
    }
}

//! The catalogue end to end over HTTP: draft, secrecy scan, review chain, publication with an
//! index number, the portal, search (also after a rebuild), the API, and bulk import.

use crate::support::{TestApp, UserClient};
use reqwest::StatusCode;

const ID_NUMBER: &str = "11010519491231002X";

async fn team(app: &mut TestApp) {
    app.add_staff("c_writer", "C", &["drafter"]).await;
    app.add_staff("c_secrecy", "C", &["secrecy_reviewer"]).await;
    app.add_staff("c_reviewer", "C", &["reviewer"]).await;
    app.add_staff("c_approver", "C", &["approver"]).await;
}

fn item_id(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// Document numbers for drafts: two documents of one agency never share one.
static SERIAL: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(7);

async fn draft(app: &TestApp, writer: &UserClient, title: &str, body: &str) -> i64 {
    draft_in(app, writer, "art20.11", title, body).await
}

async fn draft_in(app: &TestApp, writer: &UserClient, category: &str, title: &str, body: &str) -> i64 {
    let c = app.agencies["C"].id;
    let number = format!("浩府发[2025]{}号", SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let r = writer
        .post(
            &format!("/admin/agencies/{c}/items"),
            &[
                ("title", title),
                ("category", category),
                ("subject", "民政、扶贫、救灾\\社会福利"),
                ("doc_number", &number),
                ("formed_on", "2025-09-26"),
                ("written_on", "2025-09-26"),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "draft created");
    item_id(r.headers()["location"].to_str().unwrap())
}

async fn act(client: &UserClient, id: i64, command: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![("command", command)];
    form.extend_from_slice(extra);
    client.post(&format!("/admin/items/{id}/workflow"), &form).await
}

/// Takes item `id` from draft to published (a late sign-off, with its reason).
async fn publish(app: &TestApp, id: i64) {
    for (who, command) in [
        ("c_writer", "submit"),
        ("c_secrecy", "pass_secrecy"),
        ("c_reviewer", "pass_review"),
        ("c_approver", "sign_off"),
    ] {
        let r = act(&app.login(who).await, id, command, &[("reason", "补录以前年度信息")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{command}");
    }
}

crate::stories! {
    async fn search_filters_by_category_year_and_validity_on_the_page_and_in_the_api() {
        let mut app = TestApp::county().await;
        team(&mut app).await;
        let writer = app.login("c_writer").await;
        let aid = draft_in(&app, &writer, "art20.11", "浩县低保标准调整公告", "<p>低保标准每人每月600元。</p>").await;
        let policy = draft_in(&app, &writer, "art20.1", "浩县低保工作实施办法", "<p>低保申请审核办法。</p>").await;
        publish(&app, aid).await;
        publish(&app, policy).await;
        app.index().await;
        let year = gongkai_store::timestamp::today_in_china().year();
        let api = |query: String| {
            let url = format!("{}/api/v1/search?{query}", app.base);
            async move {
                let v: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
                let titles: Vec<String> =
                    v["hits"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect();
                (v["total"].as_u64().unwrap(), titles)
            }
        };
        assert_eq!(api("q=低保".into()).await.0, 2);
        assert_eq!(api("q=低保&category=art20.1".into()).await, (1, vec!["浩县低保工作实施办法".to_owned()]));
        assert_eq!(api("q=低保&category=法规文件".into()).await.0, 1, "by its short name too");
        assert_eq!(api(format!("q=低保&year={year}")).await.0, 2);
        assert_eq!(api(format!("q=低保&year={}", year - 1)).await.0, 0, "the year is not ignored");
        assert_eq!(api("q=低保&validity=repealed".into()).await.0, 0);
        assert_eq!(api("q=低保&validity=有效".into()).await.0, 2);
        // Facet values are what the filters take: an agency's by its credit code.
        let v: serde_json::Value =
            reqwest::get(format!("{}/api/v1/search?q=低保&facets=1", app.base)).await.unwrap().json().await.unwrap();
        let county = &v["facets"]["agency"][0];
        assert_eq!((county["label"].as_str(), county["count"].as_u64()), (Some("浩县人民政府"), Some(2)), "{v}");
        let own = format!("q=低保&own=1&agency={}", county["value"].as_str().unwrap());
        assert_eq!(api(own).await.0, 2);
        // No words, a filter: the items passing it, newest first.
        assert_eq!(api("category=art20.11".into()).await, (1, vec!["浩县低保标准调整公告".to_owned()]));

        let page = app.client().get("/search?q=低保&category=art20.1").await.text().await.unwrap();
        assert!(page.contains("找到1条结果") && page.contains("浩县<mark>低保</mark>工作实施办法"), "{page}");
        assert!(page.contains(r#"<option value="art20.1" selected>"#), "the chosen filter stays chosen");
        // 结果分布: each filter not chosen lists its values among the results, each a link narrowing them.
        let both = app.client().get("/search?q=低保").await.text().await.unwrap();
        assert!(both.contains("结果分布"), "{both}");
        assert!(both.contains(r#"<a href="/search?q=%E4%BD%8E%E4%BF%9D&#38;category=art20.1">法规文件</a>（1）"#), "{both}");
        assert!(both.contains(&format!(r#"<a href="/search?q=%E4%BD%8E%E4%BF%9D&#38;year={year}">{year}年</a>（2）"#)), "{both}");
        assert!(!both.contains(">废止</a>（0）"), "values without matches are not offered");
        let narrowed = page.split("结果分布").nth(1).unwrap_or_default();
        assert!(!narrowed.contains("<h2>公开类别</h2>"), "a chosen filter is not offered again");
        let empty = app.client().get("/search").await.text().await.unwrap();
        assert!(empty.contains("请输入要查找的词语") && !empty.contains("找到0条结果"), "{empty}");
        // Words that find nothing together are offered alone; popular searches are suggested,
        // counted only from searches that found something and never with personal data.
        let none = app.client().get("/search?q=低保 火星基地").await.text().await.unwrap();
        assert!(none.contains("找到0条结果") && none.contains("没有同时包含这些词语的信息"), "{none}");
        assert!(none.contains(r#"<a href="/search?q=%E4%BD%8E%E4%BF%9D">低保</a>（2条）"#), "{none}");
        assert!(!none.contains("火星基地</a>（"), "a word that finds nothing alone is not offered");
        for _ in 0..2 {
            app.client().get("/search?q=低保").await;
        }
        app.client().get("/search?q=低保 13800138000").await;
        gongkai_app::search_log::flush(&app.state.app).await.unwrap();
        let terms: Vec<(String, i64)> = sqlx::query_as("select term, hits from search_terms order by term")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
        assert_eq!(terms, [("低保".to_owned(), 4)], "the page-7 search is not counted again; the phone number is not kept");
        let suggested = app.client().get("/search?q=火星基地").await.text().await.unwrap();
        assert!(suggested.contains("热门搜索") && suggested.contains(r#"<a href="/search?q=%E4%BD%8E%E4%BF%9D">低保</a>"#), "{suggested}");
        // Searches within an agency's items count for that agency too; its home suggests them.
        let code = county["value"].as_str().unwrap();
        let home = app.client().get(&format!("/agencies/{code}")).await.text().await.unwrap();
        assert!(home.contains("在本机关及下级机关信息中搜索") && !home.contains("热门搜索"), "{home}");
        for _ in 0..3 {
            app.client().get(&format!("/search?q=标准&agency={code}")).await;
        }
        app.client().get("/search?q=办法").await;
        gongkai_app::search_log::flush(&app.state.app).await.unwrap();
        let home = app.client().get(&format!("/agencies/{code}")).await.text().await.unwrap();
        assert!(home.contains(&format!(r#"热门搜索：<a href="/search?q=%E6%A0%87%E5%87%86&#38;agency={code}">标准</a></p>"#)), "{home}");
        let site = app.client().get("/search?q=火星基地").await.text().await.unwrap();
        assert!(site.contains(">标准</a>") && site.contains(">低保</a>"), "the site counts every search: {site}");
        let past = app.client().get("/search?q=低保&page=7").await.text().await.unwrap();
        assert!(past.contains("没有第7页") && past.contains("返回第1页"), "{past}");
        assert!(past.contains(r#"href="/search?q=%E4%BD%8E%E4%BF%9D&#38;page=1""#), "{past}");
    }

    async fn a_revision_keeps_the_public_version_online_and_a_repeal_keeps_the_page_with_a_banner() {
        let mut app = TestApp::county().await;
        team(&mut app).await;
        let writer = app.login("c_writer").await;
        let id = draft(&app, &writer, "浩县农村低保标准的通知", "<p>每人每月600元。</p>").await;
        publish(&app, id).await;
        let index_number = gongkai_store::catalogue::queries::get(&app.db, id).await.unwrap().index_number;

        // 修订 opens a revision; the public page keeps the published text all the while.
        let r = act(&writer, id, "revise", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let revision = item_id(r.headers()["location"].to_str().unwrap());
        assert_ne!(revision, id);
        let again = act(&writer, id, "revise", &[]).await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.text().await.unwrap().contains("该信息已有一份修订稿（起草中）"));
        let page = writer.get(&format!("/admin/items/{revision}")).await.text().await.unwrap();
        assert!(page.contains("的修订稿：签发后替换现行版本"), "the revision says what it is");
        let original = writer.get(&format!("/admin/items/{id}")).await.text().await.unwrap();
        assert!(original.contains("修订稿办理中（起草中）"), "the published item links its open revision");
        let edited = writer
            .post(
                &format!("/admin/items/{revision}"),
                &[
                    ("title", "浩县农村低保标准的通知（修订）"),
                    ("category", "art20.11"),
                    ("subject", "民政、扶贫、救灾\\社会福利"),
                    ("doc_number", &gongkai_store::catalogue::queries::get(&app.db, id).await.unwrap().doc_number.unwrap()),
                    ("formed_on", &gongkai_core::calendar::iso_date::format(gongkai_store::timestamp::today_in_china())),
                    ("body", "<p>每人每月650元。</p>"),
                ],
            )
            .await;
        assert_eq!(edited.status(), StatusCode::SEE_OTHER, "the revision keeps the document's own 发文字号");
        for (who, command) in [("c_writer", "submit"), ("c_secrecy", "pass_secrecy"), ("c_reviewer", "pass_review")] {
            assert_eq!(act(&app.login(who).await, revision, command, &[]).await.status(), StatusCode::SEE_OTHER);
            let public = app.client().get(&format!("/items/{id}")).await;
            assert_eq!(public.status(), StatusCode::OK, "online after {command}");
            let html = public.text().await.unwrap();
            assert!(html.contains("每人每月600元") && !html.contains("650"), "the published text after {command}");
        }
        // Formed today (the change): within the Art. 26 limit, no reason asked.
        let signed = act(&app.login("c_approver").await, revision, "sign_off", &[]).await;
        assert_eq!(signed.status(), StatusCode::SEE_OTHER);
        assert_eq!(signed.headers()["location"], format!("/admin/items/{id}"), "back to the published item");
        let public = app.client().get(&format!("/items/{id}")).await.text().await.unwrap();
        assert!(public.contains("每人每月650元") && public.contains("浩县农村低保标准的通知（修订）"));
        assert!(public.contains(&format!("/items/{id}/versions/1")), "the replaced version is linked");
        let item = gongkai_store::catalogue::queries::get(&app.db, id).await.unwrap();
        assert_eq!((item.index_number, item.status.as_str()), (index_number, "published"), "same page, same number");
        let old = app.client().get(&format!("/items/{id}/versions/1")).await.text().await.unwrap();
        assert!(old.contains("这是本信息的历史版本（第1版）") && old.contains("每人每月600元"), "the old version");
        let merged = gongkai_store::catalogue::queries::get(&app.db, revision).await.unwrap();
        assert_eq!(merged.status.as_str(), "superseded");
        let console = writer.get(&format!("/admin/items/{id}")).await.text().await.unwrap();
        assert!(console.contains("修订稿签发发布，替换现行版本（原版本存为第1版）") && console.contains("历史版本"));

        // 废止: a sign-off of its own, the page stays with a banner and both dates.
        let approver = app.login("c_approver").await;
        let no_date = act(&approver, id, "repeal", &[("validity", "repealed"), ("reason", "浩府发〔2026〕1号")]).await;
        assert_eq!(no_date.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_date.text().await.unwrap().contains("请填写废止或失效的日期"));
        assert_eq!(act(&writer, id, "repeal", &[("validity", "repealed"), ("repealed_on", "2026-12-01"), ("reason", "x")]).await.status(), StatusCode::FORBIDDEN);
        let repealed = act(
            &approver,
            id,
            "repeal",
            &[("validity", "repealed"), ("repealed_on", "2026-12-01"), ("reason", "浩府发〔2026〕1号")],
        )
        .await;
        assert_eq!(repealed.status(), StatusCode::SEE_OTHER);
        let public = app.client().get(&format!("/items/{id}")).await;
        assert_eq!(public.status(), StatusCode::OK, "a repealed document stays online");
        let html = public.text().await.unwrap();
        assert!(html.contains("本文件已于2026年12月1日废止，依据：浩府发〔2026〕1号。"), "the banner");
        assert!(html.contains("废止日期") && html.contains("2026-12-01"), "the metadata block");
    }

    async fn an_item_goes_from_draft_to_the_portal_and_search_with_its_secrecy_hit_resolved() {
        let mut app = TestApp::county().await;
        team(&mut app).await;
        let writer = app.login("c_writer").await;
        let body = format!("<p>救助对象张某某，身份证号码{ID_NUMBER}。</p><script>alert(1)</script>");
        let id = draft(&app, &writer, "浩县2025年临时救助对象公示", &body).await;
        let r = writer
            .upload(
                &format!("/admin/items/{id}/attachments"),
                "名单.txt",
                "附件说明：翡翠湖片区安置补助".as_bytes().to_vec(),
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = writer.get(&format!("/admin/items/{id}")).await.text().await.unwrap();
        assert!(page.contains("身份证号码") && page.contains("未处理"), "the scan lists the ID number");
        assert!(page.contains(&format!("110{}2X", "＊".repeat(13))), "the hit list shows the number masked");
        assert!(!page.contains("<script>alert(1)"), "the body was sanitised");
        assert!(page.contains("浩府发〔2025〕") && !page.contains("浩府发[2025]"), "the document number was normalised");

        assert_eq!(act(&writer, id, "submit", &[]).await.status(), StatusCode::SEE_OTHER);
        let secrecy = app.login("c_secrecy").await;
        let r = act(&secrecy, id, "pass_secrecy", &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("还有1处保密审查提示未处理"));

        let hit: i64 = sqlx::query_scalar("select id from secrecy_hits where item_id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
        let r = secrecy.post(&format!("/admin/items/{id}/hits/{hit}"), &[("resolution", "confirm"), ("reason", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "confirming needs a reason");
        assert_eq!(
            secrecy.post(&format!("/admin/items/{id}/hits/{hit}"), &[("resolution", "redact")]).await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(act(&secrecy, id, "pass_secrecy", &[]).await.status(), StatusCode::SEE_OTHER);

        let r = act(&writer, id, "pass_review", &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "a drafter cannot review");
        assert!(r.text().await.unwrap().contains("您没有“审核”的权限"), "the refusal names the permission");
        assert_eq!(act(&app.login("c_reviewer").await, id, "pass_review", &[]).await.status(), StatusCode::SEE_OTHER);
        let outsider = app.login("t1_admin").await;
        assert_eq!(act(&outsider, id, "sign_off", &[]).await.status(), StatusCode::FORBIDDEN, "another agency cannot act");
        // Formed 2025-09-26: signing off now is beyond the Art. 26 limit and needs a reason.
        let approver = app.login("c_approver").await;
        let page = approver.get(&format!("/admin/items/{id}")).await.text().await.unwrap();
        assert!(page.contains("逾期公开理由（必填）") && page.contains("超过《条例》第二十六条"), "the form asks for it");
        let late = act(&approver, id, "sign_off", &[]).await;
        assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(late.text().await.unwrap().contains("签发须填写逾期理由"));
        assert_eq!(act(&approver, id, "sign_off", &[("reason", "补录以前年度信息")]).await.status(), StatusCode::SEE_OTHER);

        let item = gongkai_store::catalogue::queries::get(&app.db, id).await.unwrap();
        assert_eq!(item.status.as_str(), "published");
        let index_number = item.index_number.clone().unwrap();
        assert!(index_number.starts_with(&format!("{}/", app.agencies["C"].credit_code)), "{index_number}");
        let portal = app.client().get(&format!("/items/{id}")).await.text().await.unwrap();
        assert!(portal.contains(&index_number) && portal.contains("浩县2025年临时救助对象公示"));
        assert!(!portal.contains(ID_NUMBER), "the published body carries the redacted number");
        assert!(portal.contains(r#"<meta name="ArticleTitle" content="浩县2025年临时救助对象公示">"#));
        let events: Vec<String> = sqlx::query_scalar("select kind from item_events where item_id = $1 order by id")
            .bind(id)
            .fetch_all(app.db.reader())
            .await
            .unwrap();
        assert_eq!(events, ["submitted", "secrecy_passed", "review_passed", "signed_off", "published"]);

        app.index().await;
        let found: serde_json::Value =
            app.client().get("/api/v1/search?q=%E7%BF%A1%E7%BF%A0%E6%B9%96").await.json().await.unwrap();
        assert_eq!(found["total"], 1, "a word from the attachment finds the item: {found}");
        assert_eq!(found["hits"][0]["url"], format!("/items/{id}"));
        // The same title typed in traditional characters (a 繁體 visitor) finds it too.
        let found_traditional: serde_json::Value = app
            .client()
            .get(&format!("/api/v1/search?q={}", crate::support::urlencode("臨時救助對象公示")))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found_traditional["total"], 1, "{found_traditional}");
        assert_eq!(found_traditional["hits"][0]["url"], format!("/items/{id}"));
        let before = found.clone();
        gongkai_app::search_index::reindex_all(&app.state.app, |_, _| {}).await.unwrap();
        let after: serde_json::Value =
            app.client().get("/api/v1/search?q=%E7%BF%A1%E7%BF%A0%E6%B9%96").await.json().await.unwrap();
        assert_eq!(before, after, "the same results after a rebuild");

        // Withdrawal takes it off the portal and out of search.
        assert_eq!(
            act(&app.login("c_approver").await, id, "withdraw", &[("reason", "内容需更正")]).await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(app.client().get(&format!("/items/{id}")).await.status(), StatusCode::NOT_FOUND);
        app.index().await;
        let gone: serde_json::Value =
            app.client().get("/api/v1/search?q=%E7%BF%A1%E7%BF%A0%E6%B9%96").await.json().await.unwrap();
        assert_eq!(gone["total"], 0);
    }

    async fn invalid_item_forms_name_each_field_and_write_nothing() {
        let mut app = TestApp::county().await;
        team(&mut app).await;
        let writer = app.login("c_writer").await;
        let c = app.agencies["C"].id;
        let before = app.audit_count().await;
        let r = writer
            .post(
                &format!("/admin/agencies/{c}/items"),
                &[
                    ("title", ""),
                    ("category", "art99"),
                    ("subject", "不存在的分类"),
                    ("doc_number", "浩府发3号"),
                    ("formed_on", "2025-02-30"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        for m in ["标题不能为空", "公开类别", "主题分类", "发文字号", "形成或变更日期“2025-02-30”无效：该月没有这一天"]
        {
            assert!(page.contains(m), "{m}");
        }
        assert_eq!(app.audit_count().await, before);
        let bad_file = writer
            .upload(
                &format!("/admin/items/{}/attachments", draft(&app, &writer, "标题", "<p>正文</p>").await),
                "evil.exe",
                b"MZ\x90\x00".to_vec(),
            )
            .await;
        assert_eq!(bad_file.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_file.text().await.unwrap().contains("附件"));
    }

    async fn an_import_loads_valid_lines_names_bad_ones_and_a_rerun_adds_nothing() {
        let app = TestApp::county().await;
        let dir = tempfile::tempdir().unwrap();
        let mut lines = Vec::new();
        for i in 0..250 {
            lines.push(serde_json::json!({"source_id": format!("old-{i}"), "title": format!("浩县历史文件{i}"), "category": format!("art20.{}", 1 + i % 15),
                "published": format!("20{:02}-0{}-1{}", 18 + i % 7, 1 + i % 9, i % 10), "keywords": ["历史"], "doc_number": format!("浩府发〔2020〕{}号", i + 1)}).to_string());
        }
        lines.insert(10, "{ not json".into());
        lines
            .insert(20, serde_json::json!({"source_id": "x1", "title": "缺少发布日期", "category": "art20.1"}).to_string());
        lines.insert(
            30,
            serde_json::json!({"source_id": "x2", "title": "", "category": "art20.1", "published": "2020-01-01"})
                .to_string(),
        );
        let file = dir.path().join("items.jsonl");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let records = gongkai_store::catalogue::import::read_file(&file).unwrap();
        let c = app.agencies["C"].id;
        let first = gongkai_store::catalogue::import::import(
            &app.db,
            None,
            &gongkai_store::Actor::Cli,
            c,
            records,
            dir.path(),
            gongkai_store::catalogue::import::CleanRows::Publish,
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(first.imported, 250);
        // A second document with a number already used is refused, at import and at drafting.
        let twin = serde_json::json!({"source_id": "twin", "title": "另一份文件", "category": "art20.1", "published": "2020-05-05", "doc_number": "浩府发[2020]1号"});
        let records = gongkai_store::catalogue::import::read_jsonl(&twin.to_string());
        let s = gongkai_store::catalogue::import::import(
            &app.db,
            None,
            &gongkai_store::Actor::Cli,
            app.agencies["C"].id,
            records,
            dir.path(),
            gongkai_store::catalogue::import::CleanRows::Publish,
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(s.imported, 0);
        assert!(s.errors[0].message.contains("发文字号浩府发〔2020〕1号已由《浩县历史文件0》使用"), "{:?}", s.errors);
        let mut app = app;
        app.add_staff("c_writer2", "C", &["drafter"]).await;
        let writer = app.login("c_writer2").await;
        let r = writer
            .post(
                &format!("/admin/agencies/{}/items", app.agencies["C"].id),
                &[("title", "重号的草稿"), ("category", "art20.1"), ("doc_number", "浩府发（2020）2号")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("发文字号浩府发〔2020〕2号已由《浩县历史文件1》使用"));
        let lines_with_errors: Vec<usize> = first.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines_with_errors, [11, 21, 31], "{:?}", first.errors);
        assert_eq!(first.errors[1].field, "published");
        assert_eq!(first.errors[2].field, "title");
        let records = gongkai_store::catalogue::import::read_file(&file).unwrap();
        let again = gongkai_store::catalogue::import::import(
            &app.db,
            None,
            &gongkai_store::Actor::Cli,
            c,
            records,
            dir.path(),
            gongkai_store::catalogue::import::CleanRows::Publish,
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!((again.imported, again.already_present), (0, 250));
        // Imported items keep their published date and get distinct index numbers.
        let numbers: Vec<String> = sqlx::query_scalar("select index_number from items where agency_id = $1")
            .bind(c)
            .fetch_all(app.db.reader())
            .await
            .unwrap();
        assert_eq!(numbers.iter().collect::<std::collections::HashSet<_>>().len(), 250);
        let dated: String = sqlx::query_scalar("select published_on from items where source_id = 'old-0'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
        assert_eq!(dated, "2018-01-10");

        // The list page counts them and offers their years (kept per node until the outbox moves).
        let code = &app.agencies["C"].credit_code;
        let list = app.client().get(&format!("/agencies/{code}/catalogue")).await.text().await.unwrap();
        assert!(list.contains("共250条"), "total before the CSV import");
        let years =
            |html: &str| (2015..2030).filter(|y| html.contains(&format!("<option value=\"{y}\""))).collect::<Vec<_>>();
        assert_eq!(years(&list), (2018..=2024).collect::<Vec<_>>());

        // CSV with the same column names.
        crate::support::import_one(
            &app,
            c,
            "source_id,title,category,published,keywords\ncsv-1,浩县表格导入文件,art20.7,2025-05-06,预算;决算\n",
        )
        .await;

        // The portal lists them with filters and pages; the feed and the sitemap carry them.
        app.index().await;
        let list = app.client().get(&format!("/agencies/{code}/catalogue")).await.text().await.unwrap();
        assert!(list.contains("共251条"), "the new item moved the outbox, so the total is recounted");
        assert_eq!(years(&list), (2018..=2025).collect::<Vec<_>>());
        let page = app.client().get(&format!("/agencies/{code}/catalogue?category=art20.7")).await.text().await.unwrap();
        assert!(page.contains("浩县表格导入文件"));
        let all = app.client().get(&format!("/agencies/{code}/catalogue?page=13")).await.text().await.unwrap();
        assert!(all.contains("第13页 / 共13页"), "251 items at 20 a page");
        let feed = app.client().get(&format!("/agencies/{code}/feed.xml?category=art20.7")).await.text().await.unwrap();
        assert!(feed.starts_with("<?xml") && feed.contains("<title>浩县表格导入文件</title>"));
        let sitemap = app.client().get("/sitemap.xml").await.text().await.unwrap();
        let items_file = format!("{}/sitemaps/items-1.xml", app.base);
        assert!(sitemap.contains(&format!("<loc>{items_file}</loc>")), "{sitemap}");
        let items = reqwest::get(items_file).await.unwrap().text().await.unwrap();
        assert_eq!(items.matches(&format!("<loc>{}/items/", app.base)).count(), 251);
        // The site home lists the ten latest, newest first, with a search box.
        let home = app.client().get("/").await.text().await.unwrap();
        let latest = &home[home.find("<ul class=\"latest\">").unwrap()..];
        let latest = &latest[..latest.find("</ul>").unwrap()];
        assert_eq!(latest.matches("<li>").count(), 10, "{latest}");
        assert!(
            latest
                .split("<li>")
                .nth(1)
                .unwrap()
                .contains("浩县表格导入文件</a> <span class=\"meta\">浩县人民政府 · 2025-05-06"),
            "{latest}"
        );
        assert!(home.contains(r#"<form class="filters search-box" method="get" action="/search" role="search">"#));
        let api: serde_json::Value =
            app.client().get(&format!("/api/v1/items?agency={code}&year=2025")).await.json().await.unwrap();
        assert_eq!(api["total"], 1);
        let by_number: serde_json::Value = app
            .client()
            .get("/api/v1/search?q=%E6%B5%A9%E5%BA%9C%E5%8F%91%E3%80%942020%E3%80%9542%E5%8F%B7")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(by_number["hits"][0]["title"], "浩县历史文件41", "exact 文号 first: {by_number}");
    }

    async fn the_openapi_document_describes_every_api_route() {
        let app = TestApp::empty().await;
        let doc: serde_json::Value = app.client().get("/api/openapi.json").await.json().await.unwrap();
        let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
        for route in [
            "/api/v1/agencies",
            "/api/v1/agencies/{code}",
            "/api/v1/categories",
            "/api/v1/items",
            "/api/v1/items/{id}",
            "/api/v1/search",
            "/api/v1/staff/me",
            "/api/v1/staff/requests",
            "/api/v1/staff/requests/{id}",
            "/api/v1/staff/requests/{id}/steps",
            "/api/v1/staff/items",
            "/api/v1/staff/items/import",
            "/api/v1/staff/items/{id}",
            "/api/v1/staff/items/{id}/review",
        ] {
            assert!(paths.iter().any(|p| *p == route), "{route} is documented");
        }
        let categories: serde_json::Value = app.client().get("/api/v1/categories").await.json().await.unwrap();
        assert_eq!(categories.as_array().unwrap().len(), 16);
        assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
        assert_eq!(doc["paths"]["/api/v1/staff/requests"]["get"]["security"][0]["bearer"], serde_json::json!([]));
    }

    async fn an_interpretation_links_to_the_document_it_interprets_both_ways() {
        let mut app = TestApp::county().await;
        team(&mut app).await;
        let dir = tempfile::tempdir().unwrap();
        let c = app.agencies["C"].id;
        let line = serde_json::json!({"source_id": "doc-1", "title": "浩县乡村振兴促进办法", "category": "art20.1", "published": "2025-03-01", "kind": "normative_document"});
        let records = gongkai_store::catalogue::import::read_jsonl(&line.to_string());
        gongkai_store::catalogue::import::import(&app.db, None, &gongkai_store::Actor::Cli, c, records, dir.path(), gongkai_store::catalogue::import::CleanRows::Publish, |_| {})
            .await
            .unwrap();
        let (doc_id, number): (i64, String) =
            sqlx::query_as("select id, index_number from items where source_id = 'doc-1'")
                .fetch_one(app.db.reader())
                .await
                .unwrap();
        let writer = app.login("c_writer").await;
        let r = writer
            .post(
                &format!("/admin/agencies/{c}/items"),
                &[
                    ("title", "《浩县乡村振兴促进办法》政策解读"),
                    ("category", "art20.1"),
                    ("interprets", "不存在/2025-99999"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("未找到索引号为不存在/2025-99999的已发布文件"));
        let r = writer
            .post(
                &format!("/admin/agencies/{c}/items"),
                &[("title", "《浩县乡村振兴促进办法》政策解读"), ("category", "art20.1"), ("interprets", &number)],
            )
            .await;
        let id = item_id(r.headers()["location"].to_str().unwrap());
        for (who, command) in [
            ("c_writer", "submit"),
            ("c_secrecy", "pass_secrecy"),
            ("c_reviewer", "pass_review"),
            ("c_approver", "sign_off"),
        ] {
            // The interpretation has no 形成日期: the approver gives it at 签发.
            let today = gongkai_core::calendar::iso_date::format(gongkai_store::timestamp::today_in_china());
            let fields = [("reason", "补录"), ("formed_on", today.as_str())];
            assert_eq!(act(&app.login(who).await, id, command, &fields).await.status(), StatusCode::SEE_OTHER, "{command}");
        }
        let document = app.client().get(&format!("/items/{doc_id}")).await.text().await.unwrap();
        assert!(
            document.contains("政策解读") && document.contains(&format!("/items/{id}")),
            "the document links to its interpretation"
        );
        let interpretation = app.client().get(&format!("/items/{id}")).await.text().await.unwrap();
        assert!(interpretation.contains("解读的文件") && interpretation.contains(&format!("/items/{doc_id}")));
    }

    async fn a_signed_off_item_with_a_future_time_is_published_when_due() {
        let mut app = TestApp::county().await;
        team(&mut app).await;
        let writer = app.login("c_writer").await;
        let id = draft(&app, &writer, "浩县元旦假期安排的通知", "<p>正文</p>").await;
        for (who, command) in [("c_writer", "submit"), ("c_secrecy", "pass_secrecy"), ("c_reviewer", "pass_review")] {
            assert_eq!(act(&app.login(who).await, id, command, &[]).await.status(), StatusCode::SEE_OTHER, "{command}");
        }
        let approver = app.login("c_approver").await;
        let bad = act(&approver, id, "sign_off", &[("publish_at", "明天上午"), ("reason", "补录")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains("定时发布时间应为"));
        assert_eq!(
            act(&approver, id, "sign_off", &[("publish_at", "2099-01-01 09:00"), ("reason", "补录")]).await.status(),
            StatusCode::SEE_OTHER
        );
        let item = gongkai_store::catalogue::queries::get(&app.db, id).await.unwrap();
        assert_eq!(item.status.as_str(), "scheduled");
        assert_eq!(item.scheduled_at.map(|m| m.rfc3339()).as_deref(), Some("2099-01-01T01:00:00Z"), "09:00 China time");
        assert_eq!(
            app.client().get(&format!("/items/{id}")).await.status(),
            StatusCode::NOT_FOUND,
            "not public before its time"
        );
        let now = time::OffsetDateTime::now_utc();
        assert_eq!(gongkai_store::catalogue::workflow::publish_due(&app.db, now).await.unwrap(), 0, "not due yet");
        let later = time::macros::datetime!(2099-01-01 01:00:01 UTC);
        assert_eq!(gongkai_store::catalogue::workflow::publish_due(&app.db, later).await.unwrap(), 1);
        let item = gongkai_store::catalogue::queries::get(&app.db, id).await.unwrap();
        assert_eq!((item.status.as_str(), item.published_on.map(|d| d.to_string())), ("published", Some("2099-01-01".into())));
        assert!(item.index_number.unwrap().contains("/2099-"), "numbered in the year of publication");
    }
}

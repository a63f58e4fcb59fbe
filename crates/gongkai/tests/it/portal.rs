//! The public portal shell, the JSON API and the operations endpoints.

use crate::support::TestApp;
use reqwest::StatusCode;

/// A site served at https://gk.example.gov.cn with one county and one published item `title`.
async fn public_site_with_item(title: &str) -> (TestApp, gongkai_store::agency::Agency) {
    let app = TestApp::with_site(gongkai_web::SiteConfig {
        public_url: Some("https://gk.example.gov.cn".into()),
        ..Default::default()
    })
    .await;
    let c = gongkai_store::agency::create(
        &app.db,
        &gongkai_store::Actor::Cli,
        None,
        crate::support::agency_form("浩县人民政府", "county", 1).parse().unwrap(),
    )
    .await
    .unwrap();
    crate::support::publish_plain(&app, c.id, title).await;
    (app, c)
}

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
        // The site chrome: the agency in the header, its columns, and its contacts as 主办单位.
        let code = &t1.credit_code;
        for expected in [
            format!(r#"<a class="agency-name" href="/agencies/{code}">浩口乡人民政府</a>"#),
            format!(r#"<a href="/agencies/{code}/apply">依申请公开</a>"#),
            format!(r#"<a href="/agencies/{code}/messages">互动交流</a>"#),
            format!(r#"<a href="/agencies/{code}/reports">年度报告</a>"#),
            "主办单位：浩口乡人民政府 · 联系电话：023-7756 3101 · 电子邮箱：gk@haokou.example.gov.cn".to_owned(),
            "地址：浩口乡场镇街28号".to_owned(),
            r#"<a href="/sitemap">网站地图</a>"#.to_owned(),
        ] {
            assert!(page.contains(&expected), "{expected}");
        }
        assert!(!page.contains("网站纠错"), "no 纠错 link unless one is configured");
        // 网站地图 lists every agency with its columns, a township under its county.
        let map = app.client().get("/sitemap").await.text().await.unwrap();
        let county = map.find("浩县人民政府</a>").unwrap();
        let township = map.find("浩口乡人民政府</a>").unwrap();
        assert!(county < township, "{map}");
        assert!(map.contains(&format!(r#"<a href="/agencies/{code}/guide">公开指南</a>"#)));
        assert!(map.contains(r#"<li class="depth-1"><a href="/agencies/"#), "{map}");
    }

    async fn the_error_report_link_is_the_configured_one_and_the_404_page_keeps_the_public_out_of_the_console() {
        let app = TestApp::with_site(gongkai_web::SiteConfig {
            error_report_url: Some("https://www.example.gov.cn/jiucuo".into()),
            ..Default::default()
        })
        .await;
        let home = app.client().get("/").await.text().await.unwrap();
        assert!(home.contains(r#"<a href="https://www.example.gov.cn/jiucuo" rel="noopener">网站纠错</a>"#), "{home}");
        let missing = app.client().get("/no-such-page").await.text().await.unwrap();
        assert!(!missing.contains("/admin"), "{missing}");
    }

    async fn an_item_page_prints_its_address_with_a_qr_code_and_a_date_only_time_shows_no_midnight() {
        let (app, _) = public_site_with_item("浩县关于印发工作要点的通知").await;
        let id: i64 = sqlx::query_scalar("select id from items").fetch_one(app.db.reader()).await.unwrap();
        let page = app.client().get(&format!("/items/{id}")).await.text().await.unwrap();
        assert!(page.contains(&format!("本页地址：<span class=\"url\">https://gk.example.gov.cn/items/{id}</span>")), "{page}");
        assert!(page.contains(&format!(r#"<img class="qr" src="/items/{id}/qr.svg""#)));
        assert!(page.contains("发布时间：2025-05-06 ·") && !page.contains("00:00"), "a date-only import shows its day");
        // Empty metadata rows are left out; the ones with values stay in the block.
        for empty in ["主题分类</th>", "成文日期</th>", "主题词</th>", "发文字号</th>"] {
            assert!(!page.contains(empty), "{empty}");
        }
        for present in ["索引号</th>", "发布日期</th>", "有效性</th>", "标题</th>"] {
            assert!(page.contains(present), "{present}");
        }
        let r = app.client().get(&format!("/items/{id}/qr.svg")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "image/svg+xml");
        let svg = r.text().await.unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let drawn = doc.descendants().filter_map(|n| n.attribute("d")).map(str::len).sum::<usize>();
        assert!(drawn > 500, "the dark modules are drawn as one path: {svg}");
        assert_eq!(app.client().get("/items/999999/qr.svg").await.status(), StatusCode::NOT_FOUND);
        // The stylesheet prints the document without navigation.
        let css = app.client().get("/static/site.css").await.text().await.unwrap();
        let print = &css[css.find("@media print").unwrap()..];
        assert!(print.contains("header.site") && print.contains("display: none"), "{print}");
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

    async fn health_answers_and_metrics_only_with_the_configured_token() {
        let app = TestApp::empty().await;
        let client = app.client();
        let r = client.get("/healthz").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(client.get("/metrics").await.status(), StatusCode::NOT_FOUND, "no token configured: not served");

        const TOKEN: &str = "a-long-metrics-token-0123";
        let app = TestApp::with_site(gongkai_web::SiteConfig {
            metrics_token: Some(TOKEN.into()),
            ..Default::default()
        })
        .await;
        app.client().get("/").await;
        let metrics = |auth: Option<&'static str>| {
            let url = format!("{}/metrics", app.base);
            async move {
                let mut r = reqwest::Client::new().get(url);
                if let Some(a) = auth {
                    r = r.header("authorization", a);
                }
                r.send().await.unwrap()
            }
        };
        assert_eq!(metrics(None).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(metrics(Some("Bearer a-long-metrics-token-0124")).await.status(), StatusCode::UNAUTHORIZED);
        let r = metrics(Some("Bearer a-long-metrics-token-0123")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let text = r.text().await.unwrap();
        assert!(text.contains("http_requests_total") && text.contains("route=\"/\""), "{text}");
    }

    async fn feeds_sitemap_and_robots_are_valid_xml_with_absolute_urls() {
        let (app, c) = public_site_with_item("浩县关于做好低保工作的通知 & 附件").await;
        let get = |path: &str| {
            let url = format!("{}{path}", app.base);
            async move {
                let r = reqwest::get(url).await.unwrap();
                assert_eq!(r.status(), StatusCode::OK);
                let kind = r.headers()["content-type"].to_str().unwrap().to_owned();
                (kind, r.text().await.unwrap())
            }
        };
        let code = &c.credit_code;
        for (path, kind, root) in [
            ("/feed.xml".to_owned(), "application/atom+xml", "feed"),
            ("/rss.xml".to_owned(), "application/rss+xml", "rss"),
            (format!("/agencies/{code}/feed.xml"), "application/atom+xml", "feed"),
            (format!("/agencies/{code}/rss.xml?category=art20.1"), "application/rss+xml", "rss"),
        ] {
            let (content_type, body) = get(&path).await;
            assert!(content_type.starts_with(kind), "{path}: {content_type}");
            let doc = roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{path}: {e}\n{body}"));
            assert_eq!(doc.root_element().tag_name().name(), root, "{path}");
            // Every link is absolute, on the public address.
            let links: Vec<&str> = doc
                .descendants()
                .filter_map(|n| match n.tag_name().name() {
                    "link" => n.attribute("href").or(n.text()),
                    "guid" => n.text(),
                    _ => None,
                })
                .collect();
            assert!(links.len() >= 3, "{path}: {links:?}");
            assert!(links.iter().all(|l| l.starts_with("https://gk.example.gov.cn/")), "{path}: {links:?}");
            let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
            assert!(titles.contains(&"浩县关于做好低保工作的通知 & 附件"), "{path}: {titles:?}");
            if root == "rss" {
                let channel = doc.root_element().first_element_child().unwrap();
                for required in ["title", "link", "description"] {
                    assert!(channel.children().any(|n| n.has_tag_name(required)), "{path}: RSS 2.0 requires {required}");
                }
                let date = doc.descendants().find(|n| n.has_tag_name("pubDate")).unwrap().text().unwrap();
                assert!(date.ends_with("+0800"), "RFC 2822 in China time: {date}");
            }
        }
        // An unknown column is an error naming it, not an empty feed.
        let r = reqwest::get(format!("{}/agencies/{code}/rss.xml?category=art99", app.base)).await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // robots.txt names the sitemap; the sitemap is an index of files within the protocol's limits.
        let (_, robots) = get("/robots.txt").await;
        assert!(robots.contains("Sitemap: https://gk.example.gov.cn/sitemap.xml") && robots.contains("Disallow: /admin"));
        let (_, index) = get("/sitemap.xml").await;
        let index = roxmltree::Document::parse(&index).unwrap().descendants().filter(|n| n.has_tag_name("loc")).map(|n| n.text().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(index, ["https://gk.example.gov.cn/sitemaps/pages.xml", "https://gk.example.gov.cn/sitemaps/items-1.xml"]);
        for file in &index {
            let (_, body) = get(file.trim_start_matches("https://gk.example.gov.cn")).await;
            let doc = roxmltree::Document::parse(&body).unwrap();
            assert_eq!(doc.root_element().tag_name().namespace(), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
            let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
            assert!(!locs.is_empty() && locs.len() <= 50_000 && body.len() <= 50 * 1024 * 1024, "{file}");
            assert!(locs.iter().all(|l| l.starts_with("https://gk.example.gov.cn/")), "{file}");
            for lastmod in doc.descendants().filter(|n| n.has_tag_name("lastmod")) {
                assert!(gongkai_core::calendar::iso_date::parse(lastmod.text().unwrap()).is_ok(), "W3C date");
            }
        }
        assert_eq!(reqwest::get(format!("{}/sitemaps/items-2.xml", app.base)).await.unwrap().status(), StatusCode::NOT_FOUND);
        // Pages name their feeds.
        let (_, home) = get("/").await;
        assert!(home.contains(r#"<link rel="alternate" type="application/rss+xml""#) && home.contains(r#"href="/rss.xml""#));
        let (_, agency_home) = get(&format!("/agencies/{code}")).await;
        assert!(agency_home.contains(&format!(r#"href="/agencies/{code}/rss.xml""#)));
        // The agency home reads like its 政府信息公开 column: newest items, columns with counts.
        assert!(agency_home.contains("浩县关于做好低保工作的通知 &#38; 附件</a> <span class=\"meta\">2025-05-06"), "{agency_home}");
        assert!(agency_home.contains(&format!(r#"<a href="/agencies/{code}/catalogue?category=art20.1">法规文件</a> <span class="count">1条</span>"#)));
        assert!(agency_home.contains("查看全部1条主动公开信息") && agency_home.contains("尚未发布年度报告"));
        assert!(!agency_home.contains("机构职能</a>"), "a column without items is not listed");
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

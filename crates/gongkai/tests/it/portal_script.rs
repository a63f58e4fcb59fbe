//! The visitor's 简体/繁體 and 长者模式 choices: every kind of portal page of the demo served in
//! traditional characters (OpenCC s2t, markup and links intact, what a visitor typed as typed),
//! files and feeds left alone, the switch that sets the cookie and only ever sends the visitor
//! back to a page of this site, and the elder class.

use crate::support::demo::start_demo;
use crate::support::{TestApp, urlencode};
use gongkai_web::portal::script::page_to_traditional;
use reqwest::{Client, StatusCode};

/// A client without a cookie store: each request carries exactly the cookie it is given.
fn bare() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn fetch(url: &str, cookie: Option<&str>) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let mut request = bare().get(url);
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    let r = request.send().await.unwrap();
    let (status, headers) = (r.status(), r.headers().clone());
    (status, headers, r.text().await.unwrap())
}

/// Every `href`, `src` and `action` value of a page, but the script switch (which points the
/// other way on each page).
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "action=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            let value = &rest[at + attr.len()..];
            let end = value.find('"').unwrap();
            if !value[..end].starts_with("/preferences?script=") {
                out.push(value[..end].to_owned());
            }
            rest = &value[end..];
        }
    }
    out
}

fn varies_by_cookie(headers: &reqwest::header::HeaderMap) -> bool {
    headers.get_all("vary").iter().any(|v| v.to_str().unwrap_or_default().to_ascii_lowercase().contains("cookie"))
}

#[tokio::test]
async fn every_kind_of_portal_page_is_served_in_traditional_characters_with_its_links_and_typed_values_intact() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(&dir.path().join("demo"));
    let agencies: serde_json::Value =
        bare().get(format!("{}/api/v1/agencies", demo.url)).send().await.unwrap().json().await.unwrap();
    let code = agencies.as_array().unwrap().iter().find(|a| a["parent_id"].is_null()).unwrap()["credit_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, _, catalogue) = fetch(&format!("{}/agencies/{code}/catalogue", demo.url), None).await;
    let at = catalogue.find("href=\"/items/").unwrap() + "href=\"".len();
    let item = catalogue[at..at + catalogue[at..].find('"').unwrap()].to_owned();
    let year = time::OffsetDateTime::now_utc().year() - 1;
    let query = "政府信息公开";
    let pages = [
        "/".to_owned(),
        format!("/agencies/{code}"),
        format!("/agencies/{code}/guide"),
        format!("/agencies/{code}/catalogue?year={year}"),
        format!("/agencies/{code}/system"),
        item,
        format!("/search?q={}", urlencode(query)),
        format!("/agencies/{code}/apply"),
        "/requests/status".to_owned(),
        format!("/agencies/{code}/messages"),
        format!("/agencies/{code}/reports"),
        format!("/agencies/{code}/reports/{year}"),
    ];
    for path in &pages {
        let url = format!("{}{path}", demo.url);
        let (status, headers, plain) = fetch(&url, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let (status, hant_headers, hant) = fetch(&url, Some("script=hant")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(varies_by_cookie(&headers) && varies_by_cookie(&hant_headers), "{path}: Vary: Cookie");
        assert!(plain.contains("<html lang=\"zh-CN\"") && hant.contains("<html lang=\"zh-Hant\""), "{path}: lang");
        assert!(plain.contains("政府信息公开"), "{path} names 政府信息公开");
        assert!(hant.contains("政府信息公開") && !hant.contains("政府資訊"), "{path}: s2t, not regional vocabulary");
        assert_eq!(
            page_to_traditional(&hant),
            hant,
            "{path}: converting again changes nothing, so no convertible simplified text is left"
        );
        assert_eq!(urls(&hant), urls(&plain), "{path}: links, sources and form actions unchanged");
        assert!(
            hant.contains(">简体</a>") && plain.contains(">繁體</a>"),
            "{path}: the switch names the other script in that script"
        );
        if path.starts_with("/search") {
            assert!(hant.contains(&format!("value=\"{query}\"")), "the query stays as the visitor typed it");
            assert!(hant.contains("搜索：政府信息公開"), "the title shows it converted");
        }
    }

    // What a visitor types in traditional characters finds what the simplified words find.
    let total = |q: &str| {
        let url = format!("{}/api/v1/search?q={}", demo.url, urlencode(q));
        async move {
            bare().get(url).send().await.unwrap().json::<serde_json::Value>().await.unwrap()["total"].as_u64().unwrap()
        }
    };
    let simplified = total(query).await;
    assert!(simplified > 0);
    assert_eq!(total("政府信息公開").await, simplified);
    // Taiwan phrasing converts phrase by phrase (OpenCC's phrase tables): 資訊 is 信息.
    assert_eq!(total("政府資訊公開").await, simplified);

    // An unknown address's page follows the choice too.
    let (status, _, missing) = fetch(&format!("{}/no-such-page", demo.url), Some("script=hant")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("<html lang=\"zh-Hant\"") && missing.contains("頁面不存在"), "{missing}");

    // Files, feeds and JSON are never converted, and do not vary.
    for path in [
        format!("/agencies/{code}/feed.xml"),
        "/api/v1/agencies".to_owned(),
        format!("/agencies/{code}/reports/{year}/file/csv"),
        "/sitemap.xml".to_owned(),
    ] {
        let (status, headers, body) = fetch(&format!("{}{path}", demo.url), Some("script=hant")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!varies_by_cookie(&headers), "{path}");
        assert_eq!(body, fetch(&format!("{}{path}", demo.url), None).await.2, "{path} as without the cookie");
        assert!(
            page_to_traditional(&body) != body || path == "/sitemap.xml",
            "{path} has simplified text that was left alone"
        );
    }
}

crate::stories! {
    async fn the_switch_sets_a_cookie_for_a_year_and_only_goes_back_to_a_page_of_this_site() {
        let app = TestApp::empty().await;
        let (status, headers, _) =
            fetch(&format!("{}/preferences?script=hant&back=%2Fsearch%3Fq%3D%25E5%2585%25AC", app.base), None).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], "/search?q=%E5%85%AC");
        assert_eq!(headers["cache-control"], "no-store");
        let cookie = headers["set-cookie"].to_str().unwrap();
        for part in ["script=hant", "Path=/", "SameSite=Lax", "HttpOnly", "Max-Age=31536000"] {
            assert!(cookie.contains(part), "{part} in {cookie}");
        }
        for back in ["%2F%2Fevil.com", "https%3A%2F%2Fevil.com", "%2F%5Cevil.com", "evil.com", ""] {
            let (status, headers, _) = fetch(&format!("{}/preferences?mode=elder&back={back}", app.base), None).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{back}");
            assert_eq!(headers["location"], "/", "back={back} falls back to the home page");
            assert!(headers["set-cookie"].to_str().unwrap().starts_with("mode=elder"), "{back}");
        }
        let (_, headers, _) = fetch(&format!("{}/preferences?script=hans&mode=standard&back=/", app.base), None).await;
        let cleared: Vec<&str> = headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
        assert_eq!(cleared.len(), 2);
        assert!(cleared.iter().all(|c| c.contains("Max-Age=0")), "the defaults clear the cookies: {cleared:?}");
        let (_, headers, _) = fetch(&format!("{}/preferences?script=klingon&back=/", app.base), None).await;
        assert!(headers.get("set-cookie").is_none(), "an unknown value changes nothing");
    }

    async fn elder_mode_marks_the_page_and_offers_the_way_back() {
        let app = TestApp::county().await;
        let path = format!("{}/agencies/{}", app.base, app.agencies["C"].credit_code);
        let (_, headers, elder) = fetch(&path, Some("mode=elder")).await;
        assert!(elder.contains("<html lang=\"zh-CN\" class=\"elder\">"), "the elder class on <html>");
        assert!(elder.contains(">标准模式</a>") && !elder.contains(">长者模式</a>"));
        assert_eq!(headers["cache-control"], "public, max-age=60", "still cacheable");
        assert!(varies_by_cookie(&headers));
        let (_, _, standard) = fetch(&path, None).await;
        assert!(standard.contains("<html lang=\"zh-CN\">") && standard.contains(">长者模式</a>"));
        let (_, _, both) = fetch(&path, Some("script=hant; mode=elder")).await;
        assert!(both.contains("<html lang=\"zh-Hant\" class=\"elder\">") && both.contains(">標準模式</a>"));
    }
}

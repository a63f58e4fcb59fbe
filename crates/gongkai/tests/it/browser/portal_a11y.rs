//! The portal as everyone uses it, in headless Chromium: axe-core's WCAG 2.1 A/AA rules on the
//! demo's home, an agency home, a catalogue list, an item, a search with filters, the request
//! form, a published annual report and the 网站地图, in 简体 and 繁體, in the standard and the
//! 长者模式 layout, at 1280 px and on a 390 px phone (64 page loads, each also screenshotted to
//! `target/screenshots/portal/`), with the phone layout checked (column links behind a closed
//! disclosure, rows as cards, metadata label over value); and the skip link and both switches
//! worked from the keyboard.
//!
//! axe-core comes from the npm registry, pinned in `tests/a11y/package-lock.json`
//! (`npm ci --prefix tests/a11y`, which `.ci/run` does). Without it these tests are skipped with
//! a note, unless `GONGKAI_REQUIRE_BROWSER=1`.

use std::path::PathBuf;
use std::time::Duration;

use chromiumoxide::Page;
use chromiumoxide::browser::Browser;
use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use chromiumoxide::page::ScreenshotParams;

use super::{chromium, launch, launch_sized, screenshot_dir, settled_html};
use crate::support::demo::{client, start_demo};
use crate::support::{TestApp, urlencode};

/// The rules run: WCAG 2.0 and 2.1, levels A and AA.
const AXE_RUN: &str = "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
    .then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}))}))";

/// axe-core's script, if installed.
pub(super) fn axe_source() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/a11y/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) => {
            assert!(
                std::env::var("GONGKAI_REQUIRE_BROWSER").is_err(),
                "GONGKAI_REQUIRE_BROWSER is set but {} is missing: run `npm ci --prefix tests/a11y`",
                path.display()
            );
            eprintln!("browser: axe-core not installed (npm ci --prefix tests/a11y), accessibility check skipped");
            None
        }
    }
}

#[derive(serde::Deserialize)]
struct Outcome {
    passes: usize,
    violations: Vec<Violation>,
}

#[derive(serde::Deserialize)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<String>,
}

/// A blank page with the same desktop viewport for every page and screenshot (a new page would
/// have 800×600).
pub(super) async fn desktop_page(browser: &Browser) -> Page {
    let page = browser.new_page("about:blank").await.unwrap();
    let desktop = SetDeviceMetricsOverrideParams::builder()
        .width(1280)
        .height(900)
        .device_scale_factor(1.0)
        .mobile(false)
        .build()
        .unwrap();
    page.execute(desktop).await.unwrap();
    page
}

/// Runs axe on the loaded page: the number of rules passed, and one line per violation with its
/// offending nodes.
pub(super) async fn axe(page: &Page, source: &str) -> (usize, Vec<String>) {
    page.evaluate_expression(format!("{source}\n;true")).await.expect("inject axe-core");
    let json: String = page.evaluate_expression(AXE_RUN).await.expect("axe.run").into_value().unwrap();
    let outcome: Outcome = serde_json::from_str(&json).unwrap();
    assert!(outcome.passes > 10, "axe ran its rules ({} passed)", outcome.passes);
    let violations = outcome
        .violations
        .into_iter()
        .map(|v| format!("{} ({}): {}\n      {}", v.id, v.impact.unwrap_or_default(), v.help, v.nodes.join("\n      ")))
        .collect();
    (outcome.passes, violations)
}

async fn text(url: &str) -> String {
    client().get(url).send().await.unwrap().text().await.unwrap()
}

/// The first `/items/{id}` link of a page.
fn first_item(html: &str) -> String {
    let at = html.find("href=\"/items/").expect("a catalogue item link") + "href=\"".len();
    let end = at + html[at..].find('"').unwrap();
    html[at..end].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_passes_axe_in_both_scripts_and_both_modes_in_chromium() {
    let Some(executable) = chromium() else { return };
    let Some(axe_js) = axe_source() else { return };
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(&dir.path().join("demo"));
    let agencies: serde_json::Value =
        client().get(format!("{}/api/v1/agencies", demo.url)).send().await.unwrap().json().await.unwrap();
    let code = agencies.as_array().unwrap().iter().find(|a| a["parent_id"].is_null()).unwrap()["credit_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let catalogue = format!("/agencies/{code}/catalogue");
    let item = first_item(&text(&format!("{}{catalogue}", demo.url)).await);
    let year = time::OffsetDateTime::now_utc().year() - 1;
    let pages = [
        ("home", "/".to_owned()),
        ("agency", format!("/agencies/{code}")),
        ("catalogue", catalogue),
        ("item", item),
        ("search", format!("/search?q={}&year={year}", urlencode("低保"))),
        ("apply", format!("/agencies/{code}/apply")),
        ("report", format!("/agencies/{code}/reports/{year}")),
        ("sitemap", "/sitemap".to_owned()),
    ];
    let shots = screenshot_dir().join("portal");
    std::fs::create_dir_all(&shots).unwrap();

    let mut failures = Vec::new();
    for width in [1280, 390] {
        // One browser per width, its viewport set at launch (a phone's: mobile, touch).
        let profile = tempfile::tempdir().unwrap();
        let height = if width == 390 { 844 } else { 900 };
        let (mut browser, events) = launch_sized(executable.clone(), profile.path(), width, height, width == 390).await;
        let page = browser.new_page("about:blank").await.unwrap();
        let phone = width == 390;
        for (script, mode) in [("hans", "standard"), ("hant", "standard"), ("hans", "elder"), ("hant", "elder")] {
            for (name, path) in &pages {
                // Through the switch itself: it sets the cookies and comes back to the page.
                page.goto(format!("{}/preferences?script={script}&mode={mode}&back={}", demo.url, urlencode(path)))
                    .await
                    .unwrap();
                let html = settled_html(&page).await;
                let lang = if script == "hant" { "zh-Hant" } else { "zh-CN" };
                assert!(html.contains(&format!("lang=\"{lang}\"")), "{name} {script} {mode}: lang {lang}");
                assert_eq!(
                    html.contains("class=\"elder\""),
                    mode == "elder",
                    "{name} {script} {mode}: the elder class"
                );
                if script == "hant" {
                    assert!(
                        html.contains("政府信息公開") && !html.contains("政府资讯") && !html.contains("政府資訊"),
                        "{name}: s2t, not regional words"
                    );
                }
                let overflow: i64 = page
                    .evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    .await
                    .unwrap()
                    .into_value()
                    .unwrap();
                assert!(overflow <= 0, "{name} {script} {mode}: no horizontal scrolling ({overflow}px too wide)");
                let (passed, violations) = axe(&page, &axe_js).await;
                println!("axe: {name} [{script}, {mode}]: {passed} rules passed, {} violated", violations.len());
                failures.extend(violations.into_iter().map(|v| format!("{path} [{script}, {mode}] {v}")));
                // Deferred scripts (site.js) have run once the document is complete.
                for _ in 0..50 {
                    let state: String = page.evaluate("document.readyState").await.unwrap().into_value().unwrap();
                    if state == "complete" {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                let narrow = phone || mode == "elder";
                if *name == "catalogue" {
                    // On a phone and in 长者模式 the column links wait behind a closed disclosure and the
                    // rows read as cards; on a desktop they stand beside the list.
                    let open: bool = page
                        .evaluate("document.querySelector('details.facets').open")
                        .await
                        .unwrap()
                        .into_value()
                        .unwrap();
                    let seen: String = page
                        .evaluate(
                            "`${innerWidth} ${matchMedia('(max-width: 700px)').matches} ${document.scripts.length}`",
                        )
                        .await
                        .unwrap()
                        .into_value()
                        .unwrap();
                    assert_eq!(open, !narrow, "{name} {width}px {mode}: column links open only when wide ({seen})");
                    let row: String = page
                        .evaluate("getComputedStyle(document.querySelector('table.list tbody tr')).display")
                        .await
                        .unwrap()
                        .into_value()
                        .unwrap();
                    assert_eq!(row == "flex", narrow, "{name} {width}px {mode}: rows as cards ({row})");
                }
                if *name == "item" {
                    // The metadata stacks label over value on a phone and in 长者模式, not 索/引/号.
                    let stacked: bool = page
                    .evaluate("(() => { const th = document.querySelector('table.metadata th'); const td = th.nextElementSibling; return td.getBoundingClientRect().top >= th.getBoundingClientRect().bottom - 1; })()")
                    .await
                    .unwrap()
                    .into_value()
                    .unwrap();
                    // (On a wide screen 长者模式 keeps the four columns: its larger text fits there.)
                    assert_eq!(stacked, phone, "{name} {width}px {mode}: label over value on a phone");
                    let label_width: f64 = page
                        .evaluate("document.querySelector('table.metadata th').getBoundingClientRect().width")
                        .await
                        .unwrap()
                        .into_value()
                        .unwrap();
                    assert!(
                        label_width > 40.0,
                        "{name} {width}px {mode}: the label is not one character wide ({label_width}px)"
                    );
                }
                let shot = shots.join(format!("{name}-{script}-{mode}-{width}.png"));
                page.save_screenshot(ScreenshotParams::builder().full_page(true).build(), &shot).await.unwrap();
            }
        }
        browser.close().await.unwrap();
        let _ = browser.wait().await;
        events.abort();
    }
    println!("browser: portal screenshots saved to {}", shots.display());
    assert!(failures.is_empty(), "axe-core found {} violation(s):\n  {}", failures.len(), failures.join("\n  "));
}

/// The element that has focus: its id, class and whether it is on screen with a focus ring.
async fn focused(page: &Page) -> (String, String, bool) {
    let script = "(() => { const e = document.activeElement; const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
        return JSON.stringify([e.id, e.className, r.left >= 0 && r.top >= 0 && r.width > 0 && s.outlineStyle !== 'none']); })()";
    let json: String = page.evaluate(script).await.unwrap().into_value().unwrap();
    serde_json::from_str(&json).unwrap()
}

async fn key(page: &Page, key: &str) {
    page.find_element("body").await.unwrap().press_key(key).await.unwrap();
}

/// Presses Tab until the element with `id` has focus (at most 15 times).
async fn tab_to(page: &Page, id: &str) {
    for _ in 0..15 {
        key(page, "Tab").await;
        if focused(page).await.0 == id {
            return;
        }
    }
    panic!("Tab never reached #{id}");
}

async fn wait_for_html(page: &Page, text: &str) -> String {
    for _ in 0..100 {
        if let Ok(html) = page.content().await
            && html.contains(text)
        {
            return html;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("page never showed {text:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_skip_link_and_both_switches_work_from_the_keyboard_in_chromium() {
    let Some(executable) = chromium() else { return };
    let app = TestApp::county().await;
    let profile = tempfile::tempdir().unwrap();
    let (mut browser, events) = launch(executable, profile.path()).await;
    let guide = format!("/agencies/{}/guide", app.agencies["C"].credit_code);
    let page = browser.new_page(format!("{}{guide}", app.base)).await.unwrap();
    wait_for_html(&page, "政府信息公开指南").await;

    // The first Tab shows the skip link; Enter moves to the main content.
    key(&page, "Tab").await;
    let (_, class, visible) = focused(&page).await;
    assert!(class.contains("skip") && visible, "the skip link comes first and shows with a focus ring");
    key(&page, "Enter").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(focused(&page).await.0, "main", "the skip link moves focus to <main>");

    // 繁體 from the keyboard, remembered on the next page.
    page.goto(format!("{}{guide}", app.base)).await.unwrap();
    tab_to(&page, "script-switch").await;
    assert!(focused(&page).await.2, "the switch shows its focus ring");
    key(&page, "Enter").await;
    let html = wait_for_html(&page, "lang=\"zh-Hant\"").await;
    assert!(
        html.contains("政府信息公開指南") && html.contains(">简体</a>"),
        "the guide in traditional characters, switch back offered in simplified"
    );
    page.goto(format!("{}/", app.base)).await.unwrap();
    wait_for_html(&page, "lang=\"zh-Hant\"").await;

    // 长者模式 from the keyboard: large type.
    tab_to(&page, "mode-switch").await;
    key(&page, "Enter").await;
    wait_for_html(&page, "class=\"elder\"").await;
    let size: f64 =
        page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)").await.unwrap().into_value().unwrap();
    assert!(size >= 20.0, "elder mode body text is {size}px");
    let target: f64 = page
        .evaluate("document.getElementById('mode-switch').getBoundingClientRect().height")
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert!(target >= 44.0, "the switch is a 44px target in elder mode: {target}px");

    browser.close().await.unwrap();
    let _ = browser.wait().await;
    events.abort();
}

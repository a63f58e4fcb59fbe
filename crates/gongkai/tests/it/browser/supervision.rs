//! The supervision dashboard as a supervisor uses it, in headless Chromium with JavaScript
//! off: the demo county's dashboard with its three SVG charts and their data tables, a figure
//! followed to the list behind it, both checked with axe-core's WCAG 2.1 A/AA rules (staff read
//! with screen readers and magnifiers too) and screenshotted to
//! `target/screenshots/admin-supervision*.png`.

use chromiumoxide::cdp::browser_protocol::emulation::SetScriptExecutionDisabledParams;
use chromiumoxide::page::ScreenshotParams;

use super::portal_a11y::{axe, axe_source, desktop_page};
use super::{chromium, launch, screenshot_dir, settled_html, wait_for};
use crate::support::demo::start_demo;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_supervision_dashboard_works_without_javascript_and_passes_axe_in_chromium() {
    let Some(executable) = chromium() else { return };
    let Some(axe_js) = axe_source() else { return };
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(&dir.path().join("demo"));
    let (_, password) =
        demo.accounts.iter().find(|(user, _)| user == "supervisor").expect("the demo prints a supervisor");

    let profile = tempfile::tempdir().unwrap();
    let (mut browser, events) = launch(executable, profile.path()).await;
    let page = desktop_page(&browser).await;
    page.goto(format!("{}/admin/login", demo.url)).await.unwrap();
    page.find_element("#username").await.unwrap().click().await.unwrap().type_str("supervisor").await.unwrap();
    page.find_element("#password").await.unwrap().click().await.unwrap().type_str(password).await.unwrap();
    page.find_element("button[type=submit]").await.unwrap().click().await.unwrap();
    wait_for(&page, "您好").await;

    // The pages are loaded with scripts off: the charts are SVG from the server. (The checks
    // below are the test's own, through the DevTools protocol, which scripts off does not stop.)
    let scripts = |on: bool| page.execute(SetScriptExecutionDisabledParams::new(!on));
    scripts(false).await.unwrap();
    page.goto(format!("{}/admin/supervision", demo.url)).await.unwrap();
    let dashboard = settled_html(&page).await;
    assert!(dashboard.contains("监督总览"), "{dashboard}");
    assert_eq!(dashboard.matches("<svg viewBox").count(), 3, "three charts");
    assert_eq!(dashboard.matches("数据表").count(), 3, "a data table beside each chart");
    let drawn: bool = page
        .evaluate_expression("Array.from(document.querySelectorAll('svg[role=img]')).every(s => s.querySelector('rect, polyline, circle') && s.getBoundingClientRect().height > 100)")
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert!(drawn, "each chart is drawn, with shapes and height");
    let overflow: i64 = page
        .evaluate_expression("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert!(
        overflow <= 0,
        "the page itself does not scroll sideways ({overflow}px); wide tables scroll in their own box"
    );

    // axe-core is a page script: on for it.
    scripts(true).await.unwrap();
    let mut failures = Vec::new();
    let (passed, violations) = axe(&page, &axe_js).await;
    println!("axe: supervision dashboard: {passed} rules passed, {} violated", violations.len());
    failures.extend(violations.into_iter().map(|v| format!("dashboard {v}")));
    let shot = screenshot_dir().join("admin-supervision.png");
    page.save_screenshot(ScreenshotParams::builder().full_page(true).build(), &shot).await.unwrap();

    // The overdue figure of the county's own row leads to its requests.
    let overdue = dashboard
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .find(|href| href.contains("/supervision/overdue"))
        .expect("a link to the overdue requests")
        .replace("&amp;", "&");
    scripts(false).await.unwrap();
    page.goto(format!("{}{overdue}", demo.url)).await.unwrap();
    let list = settled_html(&page).await;
    assert!(list.contains("逾期未办结") && list.contains("/admin/requests/"), "{list}");
    scripts(true).await.unwrap();
    let (passed, violations) = axe(&page, &axe_js).await;
    println!("axe: supervision list: {passed} rules passed, {} violated", violations.len());
    failures.extend(violations.into_iter().map(|v| format!("list {v}")));
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        &screenshot_dir().join("admin-supervision-overdue.png"),
    )
    .await
    .unwrap();
    println!("browser: screenshot saved to {}", shot.display());

    browser.close().await.unwrap();
    let _ = browser.wait().await;
    events.abort();
    assert!(failures.is_empty(), "axe-core found {} violation(s):\n  {}", failures.len(), failures.join("\n  "));
}

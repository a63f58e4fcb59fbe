//! End to end in headless Chromium: log in to the admin console and see the agency tree; draft,
//! review, publish and find an item; apply on a phone and download the reply letter; and the
//! portal's accessibility check with axe-core in both scripts and modes ([`portal_a11y`]); the
//! supervision dashboard without JavaScript, also checked with axe ([`supervision`]).
//!
//! Needs Debian's `chromium` (at `/usr/bin/chromium` or `$CHROMIUM`). Without it the test is
//! skipped, unless `GONGKAI_REQUIRE_BROWSER=1` (CI), where a missing browser fails it.
//! Screenshots go to `target/screenshots/` (not committed) for a reviewer to look at.

mod portal_a11y;
mod supervision;

use std::path::PathBuf;
use std::time::Duration;

use crate::support::{PASSWORD, TestApp};
use chromiumoxide::Page;
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::dom::SetFileInputFilesParams;
use chromiumoxide::cdp::browser_protocol::page::PrintToPdfParams;
use chromiumoxide::page::ScreenshotParams;
use futures::StreamExt;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var("CHROMIUM").map(PathBuf::from).unwrap_or_else(|_| "/usr/bin/chromium".into());
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("GONGKAI_REQUIRE_BROWSER").is_err(),
        "GONGKAI_REQUIRE_BROWSER is set but {} is missing",
        path.display()
    );
    eprintln!("browser: {} not found, skipped", path.display());
    None
}

fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A headless Chromium with a fresh profile, and the task pumping its events.
async fn launch(executable: PathBuf, profile: &std::path::Path) -> (Browser, tokio::task::JoinHandle<()>) {
    launch_sized(executable, profile, 1280, 900, false).await
}

/// The same with a `width`×`height` viewport, a phone's (touch, mobile) when `mobile`.
async fn launch_sized(
    executable: PathBuf,
    profile: &std::path::Path,
    width: u32,
    height: u32,
    mobile: bool,
) -> (Browser, tokio::task::JoinHandle<()>) {
    let config = BrowserConfig::builder()
        .chrome_executable(executable)
        .no_sandbox()
        .user_data_dir(profile)
        .window_size(width, height)
        .viewport(chromiumoxide::handler::viewport::Viewport {
            width,
            height,
            device_scale_factor: Some(1.0),
            emulating_mobile: mobile,
            is_landscape: false,
            has_touch: mobile,
        })
        .args([
            "disable-gpu",
            "disable-background-networking",
            "disable-component-update",
            "no-first-run",
            "disable-quic",
            "disable-sync",
        ])
        .launch_timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let (browser, mut handler) = Browser::launch(config).await.expect("launch chromium");
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    (browser, events)
}

/// Logs in as `username` on a fresh page and waits for the console home.
async fn login(browser: &Browser, base: &str, username: &str) -> Page {
    let page = browser.new_page(format!("{base}/admin/login")).await.unwrap();
    page.wait_for_navigation().await.unwrap();
    page.find_element("#username").await.unwrap().click().await.unwrap().type_str(username).await.unwrap();
    page.find_element("#password").await.unwrap().click().await.unwrap().type_str(PASSWORD).await.unwrap();
    page.find_element("button[type=submit]").await.unwrap().click().await.unwrap();
    wait_for(&page, "您好").await;
    page
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_logs_in_and_sees_the_agency_tree_in_chromium() {
    let Some(executable) = chromium() else { return };
    let app = TestApp::county().await;
    let profile = tempfile::tempdir().unwrap();
    let (mut browser, events) = launch(executable, profile.path()).await;
    let page = login(&browser, &app.base, &app.staff["c_admin"].username).await;

    page.find_element("a[href='/admin/agencies']").await.unwrap().click().await.unwrap();
    wait_for(&page, "agency-tree").await;
    let tree = page.find_element("#agency-tree").await.unwrap().inner_text().await.unwrap().unwrap_or_default();
    for name in ["浩县人民政府", "浩县财政局", "浩口乡人民政府", "石门镇人民政府"] {
        assert!(tree.contains(name), "{name} in {tree}");
    }
    let shot = screenshot_dir().join("admin-agency-tree.png");
    page.save_screenshot(ScreenshotParams::builder().full_page(true).build(), &shot).await.unwrap();
    println!("browser: screenshot saved to {}", shot.display());

    browser.close().await.unwrap();
    let _ = browser.wait().await;
    events.abort();
}

/// Waits until the page's HTML contains `text` (a click starts navigation asynchronously).
async fn wait_for(page: &Page, text: &str) {
    for _ in 0..100 {
        if page.content().await.map(|html| html.contains(text)).unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("page never showed {text:?}: {}", page.content().await.unwrap_or_default());
}

/// The page's HTML once navigation has settled (content() fails while a context is replaced).
async fn settled_html(page: &Page) -> String {
    for _ in 0..50 {
        if let Ok(html) = page.content().await {
            return html;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    page.content().await.expect("page content")
}

/// Fills a field (Chinese text cannot be typed as key events, so the value is set and an input
/// event dispatched, as an input method would).
async fn fill(page: &Page, selector: &str, text: &str) {
    page.find_element(selector).await.unwrap().click().await.unwrap();
    let script = format!(
        "(() => {{ const e = document.querySelector({}); e.value = {}; e.dispatchEvent(new Event('input', {{bubbles: true}})); }})()",
        serde_json::to_string(selector).unwrap(),
        serde_json::to_string(text).unwrap()
    );
    page.evaluate(script).await.unwrap();
}

async fn press(page: &Page, selector: &str, then: &str) {
    page.find_element(selector).await.unwrap().click().await.unwrap();
    wait_for(page, then).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_is_drafted_reviewed_published_and_found_by_its_attachment_in_chromium() {
    let Some(executable) = chromium() else { return };
    let mut app = TestApp::county().await;
    app.add_staff("c_writer", "C", &["drafter"]).await;
    app.add_staff("c_secrecy", "C", &["secrecy_reviewer"]).await;
    app.add_staff("c_reviewer", "C", &["reviewer"]).await;
    app.add_staff("c_approver", "C", &["approver"]).await;
    let profile = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let attachment = files.path().join("说明.txt");
    std::fs::write(&attachment, "附件：青石镇安置补助发放说明").unwrap();
    let (mut browser, events) = launch(executable, profile.path()).await;
    let county = app.agencies["C"].id;

    // The drafter writes an item whose body holds a resident ID number, and attaches a file.
    let page = login(&browser, &app.base, "c-writer").await;
    page.goto(format!("{}/admin/agencies/{county}/items/new", app.base)).await.unwrap();
    wait_for(&page, "起草信息").await;
    fill(&page, "#title", "浩县临时救助发放情况公示").await;
    page.find_element("#category").await.unwrap().click().await.unwrap();
    page.evaluate("document.getElementById('category').value = 'art20.11'").await.unwrap();
    fill(&page, "#formed_on", "2025-09-26").await;
    fill(&page, "#body", "<p>救助对象身份证号码11010519491231002X。</p>").await;
    press(&page, "form.stack button[type=submit]", "提交保密审查").await;
    let input = page.find_element("#attachment").await.unwrap();
    let params =
        SetFileInputFilesParams::builder().file(attachment.to_str().unwrap()).node_id(input.node_id).build().unwrap();
    page.execute(params).await.unwrap();
    page.evaluate("document.getElementById('attachment').form.submit()").await.unwrap();
    wait_for(&page, "说明.txt").await;
    press(&page, "#action-submit", "待保密审查").await;
    let item_url = page.url().await.unwrap().unwrap();

    // The secrecy reviewer is blocked until the hit is resolved, then passes it.
    let page = login(&browser, &app.base, "c-secrecy").await;
    page.goto(item_url.clone()).await.unwrap();
    wait_for(&page, "secrecy-hits").await;
    press(&page, "#action-pass_secrecy", "还有1处保密审查提示未处理").await;
    page.goto(item_url.clone()).await.unwrap();
    wait_for(&page, "secrecy-hits").await;
    page.find_element("button[id^=redact-]").await.unwrap().click().await.unwrap();
    wait_for(&page, "已遮盖").await;
    press(&page, "#action-pass_secrecy", "待审核").await;
    let shot = screenshot_dir().join("admin-item-review.png");
    page.save_screenshot(ScreenshotParams::builder().full_page(true).build(), &shot).await.unwrap();

    let page = login(&browser, &app.base, "c-reviewer").await;
    page.goto(item_url.clone()).await.unwrap();
    wait_for(&page, "action-pass_review").await;
    press(&page, "#action-pass_review", "待签发").await;
    let page = login(&browser, &app.base, "c-approver").await;
    page.goto(item_url.clone()).await.unwrap();
    wait_for(&page, "action-sign_off").await;
    // Formed 2025-09-26: beyond the Art. 26 limit, the form asks for the reason.
    wait_for(&page, "逾期公开理由").await;
    fill(&page, "#reason-sign_off", "补录以前年度信息").await;
    press(&page, "#action-sign_off", "已发布").await;
    wait_for(&page, "理由：补录以前年度信息").await;

    // The public sees it on the portal and finds it by a word of the attachment.
    app.index().await;
    let portal = browser.new_page(format!("{}/search?q=青石镇", app.base)).await.unwrap();
    wait_for(&portal, "找到1条结果").await;
    // The results page shows the title too, so wait for the item page's metadata block.
    press(&portal, ".hit a", "scope=\"row\">索引号").await;
    let html = settled_html(&portal).await;
    assert!(
        html.contains("索引号") && html.contains(&app.agencies["C"].credit_code),
        "the metadata block with the index number"
    );
    assert!(!html.contains("11010519491231002X"), "the published page carries the redacted number");
    let shot = screenshot_dir().join("portal-item.png");
    portal.save_screenshot(ScreenshotParams::builder().full_page(true).build(), &shot).await.unwrap();
    let public_url = portal.url().await.unwrap().unwrap();
    // Printed, the item is the document with its metadata and its address, without navigation.
    let printed = portal.pdf(PrintToPdfParams::default()).await.unwrap();
    let pdf_path = screenshot_dir().join("portal-item-print.pdf");
    std::fs::write(&pdf_path, &printed).unwrap();
    let text =
        std::process::Command::new("pdftotext").arg(&pdf_path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<String>();
    assert!(text.contains("索引号") && text.contains("本页地址") && text.contains("/items/"), "{text}");
    assert!(!text.contains("信息检索") && !text.contains("长者模式"), "no navigation in print: {text}");
    let png = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile"])
        .arg(&pdf_path)
        .arg(screenshot_dir().join("portal-item-print"))
        .status()
        .unwrap();
    assert!(png.success());

    // A revision: the drafter revises the published item; the public page stays up with the old
    // title all through the review, and shows the new one after sign-off, the old in its history.
    let page = login(&browser, &app.base, "c-writer").await;
    page.goto(item_url.clone()).await.unwrap();
    wait_for(&page, "action-revise").await;
    press(&page, "#action-revise", "的修订稿").await;
    let revision_url = page.url().await.unwrap().unwrap();
    assert_ne!(revision_url, item_url, "the revision is an item of its own");
    page.goto(format!("{revision_url}/edit")).await.unwrap();
    wait_for(&page, "修改：").await;
    fill(&page, "#title", "浩县临时救助发放情况公示（更正）").await;
    press(&page, "form.stack button[type=submit]", "的修订稿").await;
    press(&page, "#action-submit", "待保密审查").await;
    // Each look uses its own address: the portal's pages may be cached for 60 s.
    let still_up = |label: &'static str| {
        let browser = &browser;
        let url = format!("{public_url}?look={}", crate::support::urlencode(label));
        async move {
            let public = browser.new_page(url).await.unwrap();
            wait_for(&public, "scope=\"row\">索引号").await;
            let html = settled_html(&public).await;
            assert!(html.contains("浩县临时救助发放情况公示"), "{label}: the public page is up");
            html
        }
    };
    assert!(!still_up("at 保密审查").await.contains("（更正）"), "the old version is what the public sees");
    for (user, action, then) in [("c-secrecy", "pass_secrecy", "待审核"), ("c-reviewer", "pass_review", "待签发")]
    {
        let page = login(&browser, &app.base, user).await;
        page.goto(revision_url.clone()).await.unwrap();
        wait_for(&page, &format!("action-{action}")).await;
        press(&page, &format!("#action-{action}"), then).await;
    }
    assert!(!still_up("at 签发").await.contains("（更正）"));
    let page = login(&browser, &app.base, "c-approver").await;
    page.goto(revision_url.clone()).await.unwrap();
    wait_for(&page, "逾期公开理由").await;
    fill(&page, "#reason-sign_off", "更正标题").await;
    press(&page, "#action-sign_off", "修订稿签发发布").await;
    let after = still_up("after sign-off").await;
    assert!(after.contains("浩县临时救助发放情况公示（更正）"), "the new version is public");
    assert!(after.contains("历史版本") && after.contains("第1版：浩县临时救助发放情况公示<"), "the old one is history");
    let history = browser.new_page(format!("{public_url}/versions/1")).await.unwrap();
    wait_for(&history, "version-banner").await;
    let html = settled_html(&history).await;
    assert!(
        html.contains("这是本信息的历史版本（第1版）") && html.contains("说明.txt"),
        "the old version with its file"
    );
    let shot = screenshot_dir().join("portal-item-history.png");
    history.save_screenshot(ScreenshotParams::builder().full_page(true).build(), &shot).await.unwrap();
    println!("browser: screenshots saved to {}", screenshot_dir().display());

    browser.close().await.unwrap();
    let _ = browser.wait().await;
    events.abort();
}

/// Sets fields of the step form whose submit button is `#do-{command}` and submits it with that
/// button, as a person would after opening the step's details; then waits for the next page
/// (the old one is marked, since it may show `then` too) to show `then`.
async fn step(page: &Page, command: &str, fields: &[(&str, &str)], then: &str) {
    let values =
        serde_json::to_string(&fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()).unwrap();
    let script = format!(
        "(() => {{ window.__old = true; const b = document.getElementById('do-{command}'); b.closest('details').open = true; const f = b.form;
            for (const [k, v] of {values}) {{ f.elements[k].value = v; }} f.requestSubmit(b); }})()"
    );
    page.evaluate(script).await.unwrap();
    for _ in 0..100 {
        let fresh = page
            .evaluate("window.__old !== true")
            .await
            .ok()
            .and_then(|v| v.into_value::<bool>().ok())
            .unwrap_or(false);
        if fresh && page.content().await.map(|html| html.contains(then)).unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("after {command} the page never showed {then:?}: {}", page.content().await.unwrap_or_default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_applies_on_a_phone_and_downloads_the_reply_letter_in_chromium() {
    let Some(executable) = chromium() else { return };
    let mut app = TestApp::county().await;
    app.add_staff("c_handler", "C", &["handler"]).await;
    app.add_staff("c_head", "C", &["approver"]).await;
    let code = app.agencies["C"].credit_code.clone();
    let profile = tempfile::tempdir().unwrap();
    let config = BrowserConfig::builder()
        .chrome_executable(executable)
        .no_sandbox()
        .user_data_dir(profile.path())
        .window_size(390, 844)
        .viewport(chromiumoxide::handler::viewport::Viewport {
            width: 390,
            height: 844,
            device_scale_factor: Some(2.0),
            emulating_mobile: true,
            is_landscape: false,
            has_touch: true,
        })
        .args([
            "disable-gpu",
            "disable-background-networking",
            "disable-component-update",
            "no-first-run",
            "disable-quic",
            "disable-sync",
        ])
        .launch_timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let (mut browser, mut handler) = Browser::launch(config).await.expect("launch chromium");
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });

    // The citizen fills the form on a phone-sized window.
    let page = browser.new_page(format!("{}/agencies/{code}/apply", app.base)).await.unwrap();
    wait_for(&page, "向浩县人民政府申请公开政府信息").await;
    let width: i64 = page.evaluate("document.documentElement.scrollWidth").await.unwrap().into_value().unwrap();
    assert!(width <= 390, "no horizontal scrolling on a phone: {width}px");
    fill(&page, "#applicant_name", "张三").await;
    fill(&page, "#id_number", "11010519491231002X").await;
    fill(&page, "#phone", "13800000000").await;
    fill(&page, "#description", "2024年青石镇安置补助发放名单").await;
    press(&page, "form.stack button[type=submit]", "您的申请已提交").await;
    let tracking: String =
        page.evaluate("document.getElementById('tracking-code').innerText").await.unwrap().into_value().unwrap();
    let password: String =
        page.evaluate("document.getElementById('query-password').innerText").await.unwrap().into_value().unwrap();
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        screenshot_dir().join("portal-request-receipt.png"),
    )
    .await
    .unwrap();

    // The handler confirms, asks for clarification, receives it, consults, gets the extension
    // approved by the office head, and decides.
    let id: i64 = sqlx::query_scalar("select id from requests").fetch_one(app.db.reader()).await.unwrap();
    let today = gongkai_store::timestamp::today_in_china().to_string();
    let reply_by = (gongkai_store::timestamp::today_in_china() + time::Duration::days(10)).to_string();
    let staff = login(&browser, &app.base, "c-handler").await;
    staff.goto(format!("{}/admin/requests/{id}", app.base)).await.unwrap();
    wait_for(&staff, "do-confirm").await;
    step(&staff, "confirm", &[("received", &today)], "do-assign").await;
    step(&staff, "assign", &[("on", &today), ("handler", "c_handler")], "do-request_clarification").await;
    step(
        &staff,
        "request_clarification",
        &[("on", &today), ("matters", "请写明名单所属的村"), ("reply_by", &reply_by)],
        "do-receive_correction",
    )
    .await;
    step(&staff, "receive_correction", &[("on", &today)], "do-start_consultation").await;
    step(
        &staff,
        "start_consultation",
        &[("on", &today), ("kind", "third_party"), ("party", "青石镇某村民委员会")],
        "do-end_consultation",
    )
    .await;
    step(&staff, "end_consultation", &[("on", &today), ("opinion", "同意公开，身份证号码除外")], "征求意见1结束").await;
    let head = login(&browser, &app.base, "c-head").await;
    head.goto(format!("{}/admin/requests/{id}", app.base)).await.unwrap();
    wait_for(&head, "do-extend").await;
    step(&head, "extend", &[("on", &today), ("days", "10"), ("reason", "需向多个村核实")], "延长答复期限10个工作日")
        .await;
    // One browser, one cookie jar: the handler logs in again after the head.
    let staff = login(&browser, &app.base, "c-handler").await;
    staff.goto(format!("{}/admin/requests/{id}", app.base)).await.unwrap();
    wait_for(&staff, "do-issue_fee_notice").await;
    // A fee notice for 250 pages (按量计收): the amount and the statutory pay-by day are computed.
    step(
        &staff,
        "issue_fee_notice",
        &[
            ("on", &today),
            ("fee_basis", "per_page"),
            ("fee_count", "250"),
            ("payment_method", "到浩县政务服务中心窗口缴纳"),
        ],
        "do-record_payment",
    )
    .await;
    let html = settled_html(&staff).await;
    assert!(html.contains("信息处理费4700元") && html.contains("待缴纳信息处理费"), "the notice and the status");
    step(&staff, "record_payment", &[("on", &today)], "申请人已缴纳信息处理费").await;
    wait_for(&staff, "do-decide").await;
    step(
        &staff,
        "decide",
        &[
            ("on", &today),
            ("outcome", "partially_granted"),
            ("basis", "《中华人民共和国政府信息公开条例》第三十七条"),
            ("reasons", "名单中的身份证号码属于个人隐私，已作区分处理"),
        ],
        "letter-pdf",
    )
    .await;
    staff
        .save_screenshot(
            ScreenshotParams::builder().full_page(true).build(),
            screenshot_dir().join("admin-request-decided.png"),
        )
        .await
        .unwrap();

    // The citizen sees the reply on the status page.
    let status = browser.new_page(format!("{}/requests/status", app.base)).await.unwrap();
    wait_for(&status, "tracking_code").await;
    fill(&status, "#tracking_code", &tracking).await;
    fill(&status, "#password", &password).await;
    press(&status, "form.stack button[type=submit]", "download-pdf").await;
    let html = settled_html(&status).await;
    assert!(html.contains("部分公开") && html.contains("答复期限延长10个工作日"), "the reply and the steps");
    status
        .save_screenshot(
            ScreenshotParams::builder().full_page(true).build(),
            screenshot_dir().join("portal-request-status.png"),
        )
        .await
        .unwrap();

    // The letters the status page offers open, in Chinese.
    let http = reqwest::Client::new();
    let fetch = |format: &'static str| {
        let (http, base, tracking, password) = (http.clone(), app.base.clone(), tracking.clone(), password.clone());
        async move {
            let r = http
                .post(format!("{base}/requests/letter"))
                .header("origin", &base)
                .form(&[("tracking_code", tracking.as_str()), ("password", password.as_str()), ("format", format)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), reqwest::StatusCode::OK, "{format}");
            r.bytes().await.unwrap().to_vec()
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = fetch("pdf").await;
    assert!(pdf.starts_with(b"%PDF"));
    let pdf_path = dir.path().join("letter.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let text =
        std::process::Command::new("pdftotext").arg(&pdf_path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<String>();
    assert!(text.contains("政府信息公开申请答复书") && text.contains("张三") && text.contains("个人隐私"), "{text}");
    let png = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-singlefile"])
        .arg(&pdf_path)
        .arg(screenshot_dir().join("reply-letter"))
        .status()
        .unwrap();
    assert!(png.success());
    let docx = fetch("docx").await;
    let docx_path = dir.path().join("letter.docx");
    std::fs::write(&docx_path, &docx).unwrap();
    let xml = std::process::Command::new("python3")
        .args(["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())"])
        .arg(&docx_path)
        .output()
        .unwrap();
    let xml = String::from_utf8_lossy(&xml.stdout);
    assert!(
        xml.contains("政府信息公开申请答复书") && xml.contains("w:eastAsia"),
        "the DOCX carries the Chinese text with an East Asian font"
    );

    // Delivery is chosen from a list; a reconsideration decision then orders a new reply, with
    // 15 working days from the decision's date.
    step(&staff, "deliver", &[("on", &today), ("method", "电子邮件")], "答复已送达（电子邮件）").await;
    step(
        &staff,
        "reopen",
        &[
            ("on", &today),
            ("order", "reconsideration"),
            ("document_number", "浩政复决〔2026〕3号"),
            ("reason", "复议决定责令重新答复"),
            ("reply_workdays", "15"),
        ],
        "浩政复决〔2026〕3号",
    )
    .await;
    let html = settled_html(&staff).await;
    let due = gongkai_store::request::queries::get(&app.db, id).await.unwrap().reply_due.unwrap();
    let calendar = gongkai_core::calendar::Calendar::embedded();
    let expected = gongkai_core::request::deadline::estimate(
        &calendar,
        &gongkai_core::request::deadline::Rules::REGULATION_2019,
        &gongkai_core::request::deadline::Case {
            reply_workdays: Some(15),
            ..gongkai_core::request::deadline::Case::received_on(gongkai_store::timestamp::today_in_china())
        },
    )
    .unwrap()
    .reply_due;
    assert_eq!(due, expected, "a new period of 15 working days from the order");
    assert!(html.contains("办理中") && html.contains(&due.to_string()), "the page shows the new deadline");
    // Every page speaks Chinese: no status or outcome keys, no UTC times.
    for key in ["partially_granted", "awaiting_payment", "processing", "reconsideration", "UTC", "+00:00"] {
        let visible: String = staff.evaluate("document.body.innerText").await.unwrap().into_value().unwrap();
        assert!(!visible.contains(key), "the page shows {key}: {visible}");
    }
    staff.goto(format!("{}/admin/requests/{id}/print", app.base)).await.unwrap();
    wait_for(&staff, "政府信息公开申请办理单").await;
    let printed: String = staff.evaluate("document.body.innerText").await.unwrap().into_value().unwrap();
    assert!(
        printed.contains("行政复议决定") && printed.contains("信息处理费") && printed.contains("打印时间"),
        "{printed}"
    );
    staff
        .save_screenshot(
            ScreenshotParams::builder().full_page(true).build(),
            screenshot_dir().join("admin-request-print.png"),
        )
        .await
        .unwrap();

    browser.close().await.unwrap();
    let _ = browser.wait().await;
    events.abort();
}

//! Every page of the console as each demo account reaches it by following links from `/admin`:
//! none may show staff a raw key (`natural_person`, `partially_granted`, `in_person` …), an actor
//! id (`staff:6:handler`), a UTC timestamp (`2026-12-02T05:13:12Z`) or a JSON document in its
//! visible text. Keys in attributes (form values, URLs) are fine: people do not read those.

use std::collections::{BTreeSet, VecDeque};

use gongkai_core::agency::{Level, Role};
use gongkai_core::catalogue::review;
use gongkai_core::catalogue::validity::{DocKind, Validity};
use gongkai_core::request::applicant::{ApplicantKind, Delivery, FormWanted, IdType};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::receipt::Channel;
use gongkai_core::request::workflow::{Status, catalogue};

use crate::support::demo::{client, start_demo};

/// Pages read per account (the supervision drill-downs alone link to hundreds of records).
const PAGES_PER_ACCOUNT: usize = 120;

/// Every stored key of the core's enums: what staff must never see.
fn keys() -> BTreeSet<String> {
    let mut k: BTreeSet<String> = BTreeSet::new();
    k.extend(Channel::ALL.iter().map(|c| c.key().to_owned()));
    k.extend(ApplicantKind::ALL.iter().map(|c| c.key().to_owned()));
    k.extend(IdType::ALL.iter().map(|c| c.key().to_owned()));
    k.extend(FormWanted::ALL.iter().map(|c| c.key().to_owned()));
    k.extend(Delivery::ALL.iter().map(|c| c.key().to_owned()));
    k.extend(Status::ALL.iter().map(|s| s.as_str().to_owned()));
    k.extend(review::Status::ALL.iter().map(|s| s.as_str().to_owned()));
    k.extend(Outcome::available_in(2019).iter().chain(Outcome::available_in(2026).iter()).map(|o| o.key().to_owned()));
    k.extend(Role::ALL.iter().map(|r| r.as_str().to_owned()));
    k.extend(Level::ALL.iter().map(|l| l.as_str().to_owned()));
    k.extend(Validity::ALL.iter().map(|v| v.as_str().to_owned()));
    k.extend(DocKind::ALL.iter().map(|v| v.as_str().to_owned()));
    k.extend(catalogue::CATALOGUE.iter().map(|s| s.key.to_owned()));
    k.extend(review::ACTIONS.iter().map(|a| a.key.to_owned()));
    k.extend(["enquiry", "complaint", "reconsideration", "litigation_direct", "upheld", "corrected"].map(String::from));
    k.extend(["extra_off_day", "extra_workday", "submitted", "registered"].map(String::from));
    k
}

/// The text a person reads: tags, scripts and styles removed, entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let lower = tag.get(..8).unwrap_or("").to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            tag.find("</script>").map(|i| i + 9)
        } else if lower.starts_with("<style") {
            tag.find("</style>").map(|i| i + 8)
        } else {
            tag.find('>').map(|i| i + 1)
        };
        let Some(end) = skip_to else { break };
        out.push(' ');
        rest = &tag[end..];
    }
    out.push_str(rest);
    out.replace("&quot;", "\"").replace("&#34;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The same-site console pages a page links to (downloads and forms' targets left out).
fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in html.split("href=\"").skip(1) {
        let Some(end) = part.find('"') else { continue };
        let href = part[..end].replace("&amp;", "&");
        let download = ["/letter/", "/attachments/", ".xlsx", ".csv", "/notice/", ".docx", ".pdf", "/logout"]
            .iter()
            .any(|d| href.contains(d));
        if href.starts_with("/admin") && !download {
            found.push(href);
        }
    }
    found
}

/// What is wrong with a page's visible text, if anything.
fn problems(text: &str, keys: &BTreeSet<String>, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    for w in words.filter(|w| !w.is_empty()) {
        if keys.contains(w) && !allowed.contains(w) {
            found.push(format!("raw key “{w}”"));
        }
    }
    if let Some(at) = text.find("staff:") {
        found.push(format!("actor id near “{}”", &text[at..text.len().min(at + 20)]));
    }
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(16) {
        let w = &bytes[i..i + 16];
        let digits = |r: std::ops::Range<usize>| r.into_iter().all(|j| w[j].is_ascii_digit());
        if digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10) && w[10] == b'T' {
            found.push(format!("UTC timestamp “{}”", String::from_utf8_lossy(w)));
        }
    }
    if text.contains("{\"") {
        found.push("a JSON document".into());
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_console_page_shows_a_demo_account_a_raw_key_an_actor_id_or_a_utc_time() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(&dir.path().join("demo"));
    let keys = keys();
    // User names are data people chose (the demo's are `admin`, `handler` …): shown as such.
    let allowed: BTreeSet<String> = demo.accounts.iter().map(|(u, _)| u.clone()).collect();
    let mut report = Vec::new();
    let mut pages = 0;
    for (user, password) in &demo.accounts {
        let http = client();
        let r = http
            .post(format!("{}/admin/login", demo.url))
            .form(&[("username", user.as_str()), ("password", password.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "{user} logs in");
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from(["/admin".to_owned()]);
        while let Some(path) = queue.pop_front() {
            if seen.len() >= PAGES_PER_ACCOUNT || !seen.insert(path.clone()) {
                continue;
            }
            let response = http.get(format!("{}{path}", demo.url)).send().await.unwrap();
            let status = response.status();
            let html = response.text().await.unwrap();
            assert!(status != reqwest::StatusCode::INTERNAL_SERVER_ERROR, "{user} {path}: 500");
            if !status.is_success() {
                continue;
            }
            pages += 1;
            for p in problems(&visible_text(&html), &keys, &allowed) {
                report.push(format!("{user} {path}: {p}"));
            }
            queue.extend(links(&html).into_iter().filter(|l| !seen.contains(l)));
        }
        assert!(seen.len() > 5, "{user} reached only {seen:?}");
    }
    report.sort();
    report.dedup();
    eprintln!("console crawl: {pages} pages read");
    assert!(report.is_empty(), "{} pages read; found:\n{}", pages, report.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    let keys = keys();
    let none = BTreeSet::new();
    let html = r#"<p>申请人（natural_person）</p><script>var a = "partially_granted";</script>
        <p title="in_person">当面</p><td>staff:6:handler</td><time>2026-12-02T05:13:12Z</time>"#;
    let found = problems(&visible_text(html), &keys, &none);
    assert!(found.iter().any(|p| p.contains("natural_person")), "{found:?}");
    assert!(!found.iter().any(|p| p.contains("partially_granted") || p.contains("in_person")), "{found:?}");
    assert!(found.iter().any(|p| p.starts_with("actor id")) && found.iter().any(|p| p.starts_with("UTC")), "{found:?}");
    assert!(problems(&visible_text("<p>2026年12月2日 13:13 张三（依申请经办）</p>"), &keys, &none).is_empty());
}

//! `gongkai demo` as a new user runs it: it serves the portal and the console, every printed
//! credential logs in, re-running starts afresh, and a directory that is not a demo is refused.

use std::process::Command;

use crate::support::demo::{client, start_demo};

#[tokio::test]
async fn the_demo_serves_and_every_printed_credential_works() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let demo = start_demo(&data);
    assert!(demo.accounts.len() >= 7, "one account per role at least: {:?}", demo.accounts);
    let http = client();
    let home = http.get(&demo.url).send().await.unwrap().text().await.unwrap();
    for name in [
        "浩县人民政府",
        "浩县教育委员会",
        "浩县财政局",
        "浩县卫生健康委员会",
        "浩县浩口乡人民政府",
        "浩县石门镇人民政府",
    ] {
        assert!(home.contains(name), "{name}");
    }
    for (user, password) in &demo.accounts {
        let c = client();
        let r = c
            .post(format!("{}/admin/login", demo.url))
            .form(&[("username", user), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "{user}");
        let page = c.get(format!("{}/admin", demo.url)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("您好"), "{user} reached the console");
        if user == "handler" {
            // The demo requests: every state, one overdue, shown with the due-date lists.
            let at = page.find("/requests\"").expect("the console links to the requests");
            let link = &page[page[..at].rfind('"').unwrap() + 1..at + "/requests".len()];
            let all = c.get(format!("{}{link}?view=all", demo.url)).send().await.unwrap().text().await.unwrap();
            for status in
                ["待确认收到", "办理中", "征求意见中", "待申请人补正", "待缴纳信息处理费", "答复已送达", "已办结"]
            {
                assert!(all.contains(status), "a demo request is {status}");
            }
            let overdue = c.get(format!("{}{link}?view=overdue", demo.url)).send().await.unwrap().text().await.unwrap();
            assert!(overdue.contains("已超期</strong>"), "an overdue demo request");
        }
    }
    let first_password = demo.accounts[0].1.clone();
    drop(demo);

    // Re-running starts afresh: the same six agencies, new passwords.
    let again = start_demo(&data);
    let agencies: serde_json::Value =
        client().get(format!("{}/api/v1/agencies", again.url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(agencies.as_array().unwrap().len(), 6);
    assert_ne!(again.accounts[0].1, first_password);
}

#[test]
fn the_demo_refuses_a_directory_that_is_not_a_demo() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a demo directory"));
    assert!(dir.path().join("precious.txt").exists());
}

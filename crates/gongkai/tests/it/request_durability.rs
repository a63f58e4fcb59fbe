//! A request answered 201 is never lost: the server is killed with SIGKILL in the middle of a
//! burst of concurrent submissions, and after a restart every acknowledged tracking code is found
//! with its query password.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const COUNTY: &str = "11500233000000001L";

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn gongkai(data: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.arg("--data").arg(data).env_remove("GONGKAI_DATABASE_URL").env("GONGKAI_LOG", "warn");
    c
}

#[allow(clippy::zombie_processes)] // Server::drop kills and waits
fn serve(data: &std::path::Path) -> Server {
    let mut child = gongkai(data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("serve printed its URL").unwrap();
        if let Some(rest) = line.strip_prefix("gongkai is serving ") {
            let url = rest.split_whitespace().next().unwrap().trim_end_matches('/').to_owned();
            std::thread::spawn(move || for _ in lines {});
            return Server(child, url);
        }
    }
}

fn body(i: usize) -> serde_json::Value {
    serde_json::json!({"agency": COUNTY, "applicant_type": "natural_person", "applicant_name": format!("申请人{i}"),
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800000000",
        "description": format!("第{i}号申请：2024年财政预算执行情况"), "form": "electronic", "delivery": "online"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_request_survives_a_sigkill_during_a_burst() {
    let dir = tempfile::tempdir().unwrap();
    let out = gongkai(dir.path()).args(["agency", "add", "--name", "浩县人民政府", "--code", COUNTY]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // One client address submits the whole burst: lift the public's per-address limit.
    std::fs::write(dir.path().join("gongkai.toml"), "anonymous_posts_per_minute = 1000000\n").unwrap();
    let mut server = serve(dir.path());
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let acknowledged: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let mut tasks = Vec::new();
    for worker in 0..16 {
        let (client, url, acknowledged) = (client.clone(), server.1.clone(), acknowledged.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0.. {
                let Ok(r) = client.post(format!("{url}/api/v1/requests")).json(&body(worker * 10_000 + n)).send().await
                else {
                    break;
                };
                if r.status() != reqwest::StatusCode::CREATED {
                    break;
                }
                let Ok(v) = r.json::<serde_json::Value>().await else { break };
                acknowledged.lock().unwrap().push((
                    v["tracking_code"].as_str().unwrap().to_owned(),
                    v["query_password"].as_str().unwrap().to_owned(),
                ));
            }
        }));
    }
    // Kill once a good number are in, while all 16 workers are still submitting.
    while acknowledged.lock().unwrap().len() < 40 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.0.kill().unwrap(); // SIGKILL on Unix
    server.0.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40);

    let restarted = serve(dir.path());
    for (code, password) in &acknowledged {
        let r = client
            .post(format!("{}/api/v1/requests/status", restarted.1))
            .json(&serde_json::json!({"tracking_code": code, "query_password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK, "acknowledged request {code} was lost");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["status"], "registered");
    }
    println!("durability: {} acknowledged submissions all found after SIGKILL", acknowledged.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_write_load_restores_every_acknowledged_request() {
    let dir = tempfile::tempdir().unwrap();
    let out = gongkai(dir.path()).args(["agency", "add", "--name", "浩县人民政府", "--code", COUNTY]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(dir.path().join("gongkai.toml"), "anonymous_posts_per_minute = 1000000\n").unwrap();
    let server = serve(dir.path());
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let (client, url, acknowledged, stop) = (client.clone(), server.1.clone(), acknowledged.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0.. {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                let r = client
                    .post(format!("{url}/api/v1/requests"))
                    .json(&body(worker * 10_000 + n))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), reqwest::StatusCode::CREATED);
                let v: serde_json::Value = r.json().await.unwrap();
                acknowledged.lock().unwrap().push(v["tracking_code"].as_str().unwrap().to_owned());
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 30 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Everything acknowledged before the backup starts must be in it; writes go on meanwhile.
    let before: Vec<String> = acknowledged.lock().unwrap().clone();
    let backup_dir = dir.path().join("backup");
    let out = gongkai(dir.path()).arg("backup").arg(&backup_dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("backup written to"));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(backup_dir.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest["files"]["query-key"].is_array(), "the query key is in the backup: {manifest}");
    assert!(manifest["rows"]["requests"].as_i64().unwrap() >= before.len() as i64);

    let restored = tempfile::tempdir().unwrap();
    let out = gongkai(restored.path()).arg("restore").arg(&backup_dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("audit log intact"), "{stdout}");
    // A second restore into the same directory is refused: it holds data now.
    let again = gongkai(restored.path()).arg("restore").arg(&backup_dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    let db = gongkai_store::Db::connect(&gongkai_store::Db::sqlite_url(restored.path())).await.unwrap();
    let codes: Vec<String> =
        sqlx::query_scalar("select tracking_code from requests").fetch_all(db.reader()).await.unwrap();
    db.close().await;
    for code in &before {
        assert!(codes.contains(code), "acknowledged request {code} is missing from the restored backup");
    }
    println!("backup: {} acknowledged before it began, {} in the backup, all restored", before.len(), codes.len());
    // A damaged backup is refused, naming the file.
    std::fs::write(backup_dir.join("query-key"), "00").unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let out = gongkai(fresh.path()).arg("restore").arg(&backup_dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("query-key differs from the manifest"));
}

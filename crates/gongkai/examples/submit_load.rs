//! Load generator for anonymous request submissions (issue 15.2's figure): `clients` tasks, each
//! bound to its own loopback address (127.0.1.1, 127.0.1.2, …, so per-address limits see many
//! clients), post `POST /api/v1/requests` back to back for `seconds`, and the server's resident
//! memory is sampled from /proc every 100 ms.
//!
//! ```sh
//! cargo run --release --example submit_load -- URL AGENCY_CODE SERVER_PID [clients] [seconds]
//! ```
//!
//! Prints acknowledged submissions per second (201), deliberate refusals (429, 503), other
//! answers and transport errors, latency percentiles and peak/final RSS.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[derive(Default)]
struct Counts {
    created: AtomicU64,
    throttled: AtomicU64,
    busy: AtomicU64,
    other: AtomicU64,
    failed: AtomicU64,
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: submit_load URL AGENCY_CODE SERVER_PID [clients=64] [seconds=20]");
        std::process::exit(2);
    }
    let url = format!("{}/api/v1/requests", args[1].trim_end_matches('/'));
    let agency = args[2].clone();
    let pid: u32 = args[3].parse().expect("SERVER_PID");
    let clients: u32 = args.get(4).map(|s| s.parse().expect("clients")).unwrap_or(64);
    let seconds: u64 = args.get(5).map(|s| s.parse().expect("seconds")).unwrap_or(20);

    let counts = Arc::new(Counts::default());
    let stop = Arc::new(AtomicBool::new(false));
    let latencies = Arc::new(std::sync::Mutex::new(Vec::<u32>::new()));
    let rss_before = rss_kib(pid);
    let peak = Arc::new(AtomicU64::new(rss_before));
    let sampler = {
        let (peak, stop) = (peak.clone(), stop.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let address = IpAddr::V4(Ipv4Addr::new(127, 0, 1 + (c / 250) as u8, 1 + (c % 250) as u8));
        let client =
            reqwest::Client::builder().local_address(address).timeout(Duration::from_secs(30)).build().expect("client");
        let (url, agency, counts, stop, latencies) =
            (url.clone(), agency.clone(), counts.clone(), stop.clone(), latencies.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            let mut mine = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let body = serde_json::json!({"agency": agency, "applicant_type": "natural_person",
                    "applicant_name": format!("压测{c}-{n}"), "id_type": "resident_id", "id_number": "11010519491231002X",
                    "phone": "13800000000", "description": "2024年财政预算执行情况", "form": "electronic", "delivery": "online"});
                let t = Instant::now();
                match client.post(&url).json(&body).send().await {
                    Ok(r) => {
                        let counter = match r.status().as_u16() {
                            201 => &counts.created,
                            429 => &counts.throttled,
                            503 => &counts.busy,
                            _ => &counts.other,
                        };
                        counter.fetch_add(1, Ordering::Relaxed);
                        let _ = r.bytes().await;
                        mine.push(t.elapsed().as_micros() as u32);
                    }
                    Err(_) => {
                        counts.failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies.lock().unwrap().extend(mine);
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    sampler.await.unwrap();
    let mut l = latencies.lock().unwrap().clone();
    l.sort_unstable();
    let pct = |p: f64| l.get(((l.len() as f64 - 1.0) * p) as usize).map_or(0.0, |v| *v as f64 / 1000.0);
    let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
    println!(
        "clients {clients}, {elapsed:.1} s: acknowledged {} ({:.0}/s), 429 {}, 503 {}, other {}, transport errors {}",
        get(&counts.created),
        get(&counts.created) as f64 / elapsed,
        get(&counts.throttled),
        get(&counts.busy),
        get(&counts.other),
        get(&counts.failed)
    );
    println!("latency ms: p50 {:.1}, p99 {:.1}, max {:.1}", pct(0.5), pct(0.99), pct(1.0));
    println!(
        "server RSS: before {} MB, peak {} MB, after {} MB",
        rss_before / 1024,
        peak.load(Ordering::Relaxed) / 1024,
        rss_kib(pid) / 1024
    );
}

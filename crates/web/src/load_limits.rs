//! Bounds on what anyone on the internet can make the server do (issue 15.2).
//!
//! - **Heavy work** (password hashing at login, PDF/DOCX/XLSX rendering, uploads that are
//!   extracted or parsed: request attachments, catalogue attachments, published reports read for
//!   audit): at most [`SiteConfig::heavy_concurrency`] at once, at most
//!   [`SiteConfig::heavy_queue`] waiting (each at most [`QUEUE_WAIT`]); beyond that 503 with
//!   `Retry-After`, so memory stays bounded whatever the number of clients.
//! - **Anonymous posts** (an online request, a message, a status query, a letter download) per
//!   client address: [`SiteConfig::anonymous_posts_per_minute`], 429 with `Retry-After` beyond.
//! - **Anonymous uploads** per client address per China-time day:
//!   [`SiteConfig::anonymous_upload_mb_per_day`] (by `Content-Length`, before the body is read),
//!   so anonymous requests cannot fill the disk.
//!
//! Routes are named by their matched path (`/agencies/{code}/apply`), in the two tables below.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Json;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::state::{AppState, SiteConfig};
use crate::view;

/// How long a heavy request may wait for its turn before it is told to come back.
pub const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// Matched paths whose handling is heavy (CPU or memory well beyond a page), by method.
const HEAVY: &[(Method, &str)] = &[
    (Method::POST, "/admin/login"),
    (Method::POST, "/admin/password"),
    (Method::POST, "/agencies/{code}/apply"),
    (Method::POST, "/requests/letter"),
    (Method::GET, "/agencies/{code}/reports/{year}/file/{format}"),
    (Method::GET, "/admin/requests/{id}/letter/{format}"),
    (Method::GET, "/admin/agencies/{id}/supervision/notice/{format}"),
    (Method::POST, "/admin/items/{id}/attachments"),
    (Method::POST, "/admin/agencies/{id}/requests"),
    (Method::POST, "/admin/report-audit"),
];

/// Matched paths the public posts to, limited per client address.
const ANONYMOUS_POSTS: &[&str] = &[
    "/api/v1/requests",
    "/agencies/{code}/apply",
    "/agencies/{code}/messages",
    "/requests/status",
    "/requests/letter",
];

/// Of those, the ones that carry files.
const ANONYMOUS_UPLOADS: &[&str] = &["/agencies/{code}/apply"];

/// A bounded number of turns with a bounded queue: who finds the queue full, or waits longer
/// than `wait`, is turned away.
pub struct Gate {
    turns: Semaphore,
    waiting: AtomicUsize,
    queue: usize,
    wait: Duration,
}

impl Gate {
    pub fn new(turns: usize, queue: usize, wait: Duration) -> Gate {
        Gate { turns: Semaphore::new(turns.max(1)), waiting: AtomicUsize::new(0), queue, wait }
    }

    /// A turn, or `None` when the queue is full or the wait too long.
    pub async fn enter(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        if let Ok(permit) = self.turns.try_acquire() {
            return Some(permit);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        let waited = tokio::time::timeout(self.wait, self.turns.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        waited.ok().and_then(Result::ok)
    }
}

/// The limits of one node.
pub struct LoadLimits {
    heavy: Gate,
    posts: DefaultKeyedRateLimiter<IpAddr>,
    upload_quota: u64,
    /// Bytes uploaded per address on the current China-time day.
    uploads: Mutex<(time::Date, HashMap<IpAddr, u64>)>,
}

impl LoadLimits {
    pub fn new(site: &SiteConfig) -> LoadLimits {
        let per_minute = NonZeroU32::new(site.anonymous_posts_per_minute.max(1)).expect("at least one");
        LoadLimits {
            heavy: Gate::new(site.heavy_concurrency, site.heavy_queue, QUEUE_WAIT),
            posts: RateLimiter::keyed(Quota::per_minute(per_minute)),
            upload_quota: site.anonymous_upload_mb_per_day.saturating_mul(1024 * 1024),
            uploads: Mutex::new((gongkai_store::timestamp::today_in_china(), HashMap::new())),
        }
    }

    /// Counts `bytes` against `ip`'s quota of today; `false` (nothing counted) when over it.
    fn take_upload(&self, ip: IpAddr, bytes: u64) -> bool {
        let today = gongkai_store::timestamp::today_in_china();
        let mut guard = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
        if guard.0 != today {
            *guard = (today, HashMap::new());
        }
        let used = guard.1.entry(ip).or_default();
        if used.saturating_add(bytes) > self.upload_quota {
            return false;
        }
        *used += bytes;
        true
    }
}

fn client_ip(request: &Request, trusted_proxies: &[IpAddr]) -> IpAddr {
    crate::client_address::of(request.extensions(), request.headers(), trusted_proxies)
}

fn refusal(api: bool, status: StatusCode, retry_after: u64, message: &str) -> Response {
    let mut response = if api {
        (status, Json(json!({"error": message, "fields": []}))).into_response()
    } else {
        view::error_page(status, message)
    };
    let value = HeaderValue::from_str(&retry_after.max(1).to_string()).expect("digits");
    response.headers_mut().insert(header::RETRY_AFTER, value);
    response
}

/// Seconds until the next China-time midnight (when the daily upload quota starts again).
fn seconds_to_china_midnight() -> u64 {
    let now = time::OffsetDateTime::now_utc().to_offset(time::UtcOffset::from_hms(8, 0, 0).expect("valid offset"));
    let elapsed = u64::from(now.hour()) * 3600 + u64::from(now.minute()) * 60 + u64::from(now.second());
    86_400 - elapsed
}

/// The middleware (a route layer, so the matched path is known).
pub async fn apply(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(route) = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()) else {
        return next.run(request).await;
    };
    let limits = &state.load_limits;
    let api = route.starts_with("/api/");
    if request.method() == Method::POST && ANONYMOUS_POSTS.contains(&route.as_str()) {
        let ip = client_ip(&request, &state.site.trusted_proxies);
        if let Err(not_until) = limits.posts.check_key(&ip) {
            let wait = not_until.wait_time_from(DefaultClock::default().now()).as_secs() + 1;
            tracing::warn!(%route, "anonymous posts throttled");
            let message = format!("提交过于频繁，请{wait}秒后再试");
            return refusal(api, StatusCode::TOO_MANY_REQUESTS, wait, &message);
        }
        if ANONYMOUS_UPLOADS.contains(&route.as_str()) {
            let bytes = request
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
            if !limits.take_upload(ip, bytes) {
                tracing::warn!(%route, "anonymous upload quota reached");
                let message = "今日从您的网络上传的附件已达上限，请明天再试，或将材料邮寄、当面提交";
                return refusal(api, StatusCode::TOO_MANY_REQUESTS, seconds_to_china_midnight(), message);
            }
        }
    }
    if HEAVY.iter().any(|(m, p)| m == request.method() && *p == route) {
        return heavy(limits, api, request, next).await;
    }
    next.run(request).await
}

async fn heavy(limits: &LoadLimits, api: bool, request: Request, next: Next) -> Response {
    let Some(permit) = limits.heavy.enter().await else {
        metrics::counter!("heavy_requests_refused_total").increment(1);
        return refusal(api, StatusCode::SERVICE_UNAVAILABLE, 5, "系统繁忙，请稍后再试");
    };
    let response = next.run(request).await;
    drop(permit);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upload_quota_counts_per_address_and_refuses_without_counting() {
        let site = SiteConfig { anonymous_upload_mb_per_day: 1, ..SiteConfig::default() };
        let limits = LoadLimits::new(&site);
        let a: IpAddr = "127.0.0.2".parse().unwrap();
        let b: IpAddr = "127.0.0.3".parse().unwrap();
        assert!(limits.take_upload(a, 600 * 1024));
        assert!(!limits.take_upload(a, 600 * 1024), "over the quota");
        assert!(limits.take_upload(a, 400 * 1024), "the refused one was not counted");
        assert!(limits.take_upload(b, 1024 * 1024), "another address has its own");
    }

    #[tokio::test]
    async fn the_gate_turns_away_who_finds_the_queue_full_or_waits_too_long() {
        let gate = Gate::new(1, 1, Duration::from_millis(200));
        let first = gate.enter().await.expect("a free turn");
        // One may wait; it gets the turn when the first leaves.
        let (second, third) = tokio::join!(gate.enter(), async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let third = gate.enter().await; // the queue (1) is full now
            drop(first);
            third
        });
        assert!(second.is_some(), "the waiting one got the turn");
        assert!(third.is_none(), "the queue was full");
        drop(second);
        let held = gate.enter().await.unwrap();
        assert!(gate.enter().await.is_none(), "waited 200 ms and gave up");
        drop(held);
        assert!(gate.enter().await.is_some());
    }

    #[test]
    fn midnight_is_at_most_a_day_away() {
        let s = seconds_to_china_midnight();
        assert!((1..=86_400).contains(&s), "{s}");
    }
}

//! Shared state of the web adapter.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use gongkai_app::App;
use gongkai_files::BlobStore;
use gongkai_store::Db;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Site-wide settings of the web adapter: shown on every page or used by the middleware. What
/// the use cases need (mail, notification files, supervision rules) is the application's
/// [`gongkai_app::Config`].
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Name of the site in titles and the header.
    pub site_name: String,
    /// ICP filing number (ICP备案号) for the footer.
    pub icp_filing: Option<String>,
    /// Public security filing number (公安机关备案号) for the footer.
    pub police_filing: Option<String>,
    /// Mark cookies `Secure` (set when the site is served over TLS).
    pub secure_cookies: bool,
    /// Origins (`scheme://host[:port]`) allowed to post forms besides the site itself,
    /// e.g. the public URL when a proxy rewrites `Host`.
    pub trusted_origins: Vec<String>,
    /// Login attempts allowed per minute from one IP address.
    pub login_attempts_per_ip: u32,
    /// Login attempts allowed per minute for one user name.
    pub login_attempts_per_account: u32,
    /// Posts of the public (requests, messages, status queries) per minute from one address.
    pub anonymous_posts_per_minute: u32,
    /// Megabytes of attachments the public may upload from one address per China-time day.
    pub anonymous_upload_mb_per_day: u64,
    /// Heavy requests (hashing, rendering, extraction) handled at once.
    pub heavy_concurrency: usize,
    /// Heavy requests allowed to wait for a turn; more are answered 503.
    pub heavy_queue: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            site_name: "政府信息公开平台".into(),
            icp_filing: None,
            police_filing: None,
            secure_cookies: false,
            trusted_origins: Vec::new(),
            login_attempts_per_ip: 20,
            login_attempts_per_account: 5,
            anonymous_posts_per_minute: 20,
            anonymous_upload_mb_per_day: 200,
            heavy_concurrency: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            heavy_queue: 32,
        }
    }
}

/// Login throttles, per IP address and per account name.
pub struct LoginLimits {
    pub per_ip: DefaultKeyedRateLimiter<IpAddr>,
    pub per_account: DefaultKeyedRateLimiter<String>,
}

impl LoginLimits {
    fn new(per_ip: u32, per_account: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least one"));
        Self { per_ip: RateLimiter::keyed(quota(per_ip)), per_account: RateLimiter::keyed(quota(per_account)) }
    }

    /// Whether one more attempt is allowed (consumes one on both limits).
    pub fn allow(&self, ip: IpAddr, account: &str) -> bool {
        let ip_ok = self.per_ip.check_key(&ip).is_ok();
        let account_ok = self.per_account.check_key(&account.trim().to_ascii_lowercase()).is_ok();
        ip_ok && account_ok
    }
}

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The application layer: every state change and every staff read goes through it.
    pub app: App,
    /// The database, for the portal's public reads (the same handle as `app.db`).
    pub db: Db,
    /// The blob store, for public downloads (the same handle as `app.blobs`).
    pub blobs: BlobStore,
    pub site: Arc<SiteConfig>,
    pub login_limits: Arc<LoginLimits>,
    /// Bounds on heavy work and on anonymous posts and uploads.
    pub load_limits: Arc<crate::load_limits::LoadLimits>,
    /// Catalogue column totals and years, until the outbox moves.
    pub column_summaries: Arc<crate::portal::column_summaries::ColumnSummaries>,
}

impl AppState {
    /// State over an in-memory application (tests, tools).
    pub fn new(db: Db, site: SiteConfig) -> Self {
        Self::over(App::in_memory(db, gongkai_app::Config::default()), site)
    }

    /// State over `app`.
    pub fn over(app: App, site: SiteConfig) -> Self {
        let login_limits = Arc::new(LoginLimits::new(site.login_attempts_per_ip, site.login_attempts_per_account));
        Self {
            db: app.db.clone(),
            blobs: app.blobs.clone(),
            app,
            load_limits: Arc::new(crate::load_limits::LoadLimits::new(&site)),
            site: Arc::new(site),
            login_limits,
            column_summaries: Arc::default(),
        }
    }
}

//! Shared state of the web adapter.

use std::net::IpAddr;
use std::sync::Arc;

use gongkai_app::App;
use gongkai_files::BlobStore;
use gongkai_store::Db;

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
    /// Failed sign-ins allowed per [`LOGIN_WINDOW_MINUTES`] from one client address (all nodes).
    pub login_attempts_per_ip: u32,
    /// Failed sign-ins allowed per [`LOGIN_WINDOW_MINUTES`] for one user name (all nodes).
    pub login_attempts_per_account: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client (e.g. the nginx in front of the
    /// nodes); from any other peer the header is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    /// Posts of the public (requests, messages, status queries) per minute from one address.
    pub anonymous_posts_per_minute: u32,
    /// Megabytes of attachments the public may upload from one address per China-time day.
    pub anonymous_upload_mb_per_day: u64,
    /// Heavy requests (hashing, rendering, extraction) handled at once.
    pub heavy_concurrency: usize,
    /// Heavy requests allowed to wait for a turn; more are answered 503.
    pub heavy_queue: usize,
    /// The address the public reaches the site at (`https://gk.example.gov.cn`, no trailing
    /// slash): the absolute URLs of feeds, the sitemap and `robots.txt`.
    pub public_url: Option<String>,
    /// Where the public reports an error on the site (纠错), e.g. the national 我为政府网站找错
    /// page for this site; the footer links to it when set.
    pub error_report_url: Option<String>,
    /// The bearer token `/metrics` asks for; without one `/metrics` is not served on the
    /// public address (see [`crate::ops`]).
    pub metrics_token: Option<String>,
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
            trusted_proxies: Vec::new(),
            anonymous_posts_per_minute: 20,
            anonymous_upload_mb_per_day: 200,
            heavy_concurrency: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            heavy_queue: 32,
            public_url: None,
            error_report_url: None,
            metrics_token: None,
        }
    }
}

/// The window the failed sign-ins are counted in.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;

impl SiteConfig {
    /// The sign-in throttle: failures only, counted in the database so every node agrees.
    pub fn login_limits(&self) -> gongkai_store::login_failures::Limits {
        gongkai_store::login_failures::Limits {
            per_account: self.login_attempts_per_account.max(1),
            per_address: self.login_attempts_per_ip.max(1),
            window_minutes: LOGIN_WINDOW_MINUTES,
        }
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
        Self {
            db: app.db.clone(),
            blobs: app.blobs.clone(),
            app,
            load_limits: Arc::new(crate::load_limits::LoadLimits::new(&site)),
            site: Arc::new(site),
            column_summaries: Arc::default(),
        }
    }
}

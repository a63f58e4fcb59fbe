//! Shared state of the web adapter.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use gongkai_files::BlobStore;
use gongkai_search::{Indexer, SearchIndex};
use gongkai_store::Db;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::Mutex;

/// Site-wide settings shown on every page or used by the middleware.
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
    /// Where notifications are written as files when no SMTP server is configured (None: they
    /// stay queued in the database).
    pub notification_dir: Option<std::path::PathBuf>,
    /// The mail server for notifications to email addresses.
    pub smtp: Option<SmtpConfig>,
    /// The limits and weights supervision applies (`[supervision]` of the config file).
    pub supervision: gongkai_core::supervision::Rules,
}

/// A mail server: `smtps://user:password@host:465`, `smtp://host:587?tls=required`, or
/// `smtp://host:25` (no TLS, for a relay on the same network), and the sender address.
#[derive(Clone)]
pub struct SmtpConfig {
    pub url: String,
    pub from: String,
}

impl std::fmt::Debug for SmtpConfig {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("url", &gongkai_store::db::redact(&self.url))
            .field("from", &self.from)
            .finish()
    }
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
            notification_dir: None,
            smtp: None,
            supervision: Default::default(),
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

/// This node's search replica: the index, its one writer, and how far it has followed the outbox.
pub struct Search {
    pub index: SearchIndex,
    /// Shared so a commit can run on a blocking thread while holding the lock.
    pub writer: Arc<Mutex<Indexer>>,
    /// Where the outbox position is kept between runs (None: in memory only).
    pub position_file: Option<std::path::PathBuf>,
    /// The outbox id this replica has indexed up to.
    pub position: std::sync::atomic::AtomicI64,
}

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub site: Arc<SiteConfig>,
    pub login_limits: Arc<LoginLimits>,
    pub blobs: BlobStore,
    pub search: Arc<Search>,
    /// Catalogue column totals and years, until the outbox moves.
    pub column_summaries: Arc<crate::portal::column_summaries::ColumnSummaries>,
}

impl AppState {
    /// State with an in-memory blob store and search index (tests, tools).
    pub fn new(db: Db, site: SiteConfig) -> Self {
        let index = SearchIndex::in_memory().expect("an in-memory index always opens");
        Self::with_services(db, site, BlobStore::in_memory(), index, None).expect("in-memory writer")
    }

    /// State over a real blob store and an on-disk search index.
    pub fn with_services(
        db: Db,
        site: SiteConfig,
        blobs: BlobStore,
        index: SearchIndex,
        position_file: Option<std::path::PathBuf>,
    ) -> Result<Self, gongkai_search::Error> {
        let login_limits = Arc::new(LoginLimits::new(site.login_attempts_per_ip, site.login_attempts_per_account));
        let writer = Arc::new(Mutex::new(index.writer()?));
        let start = position_file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let position = std::sync::atomic::AtomicI64::new(start);
        let search = Arc::new(Search { index, writer, position_file, position });
        Ok(Self { db, site: Arc::new(site), login_limits, blobs, search, column_summaries: Arc::default() })
    }
}

//! Settings: a config file, then the environment (`GONGKAI_…`), then command-line flags, each
//! overriding the one before. The database URL may carry a password, so `Debug` redacts it.

use std::fmt;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use gongkai_store::Db;
use gongkai_web::SiteConfig;
use serde::Deserialize;

use super::{CliResult, Failure};

/// Options accepted before or after any subcommand.
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Data directory: the SQLite database, attachments and the search index [default: ./gongkai-data]
    #[arg(long, global = true, env = "GONGKAI_DATA")]
    pub data: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER:PASSWORD@HOST/DB [default: SQLite in the data directory]
    #[arg(long, global = true, env = "GONGKAI_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Config file [default: gongkai.toml in the data directory, when present]
    #[arg(long, global = true, env = "GONGKAI_CONFIG")]
    pub config: Option<PathBuf>,
    /// The address the public reaches the site at, e.g. `https://gk.example.gov.cn` (feeds,
    /// sitemap, robots.txt; https:// also turns on secure cookies and HSTS)
    #[arg(long, global = true, env = "GONGKAI_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// The config file's keys (all optional); see `gongkai config example`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub addr: Option<String>,
    pub data: Option<PathBuf>,
    pub database_url: Option<String>,
    pub site_name: Option<String>,
    pub icp_filing: Option<String>,
    pub police_filing: Option<String>,
    pub secure_cookies: Option<bool>,
    /// The address the public reaches the site at; `https://…` turns on secure cookies and HSTS.
    pub public_url: Option<String>,
    /// The bearer token of `/metrics` (without one, `/metrics` is not served).
    pub metrics_token: Option<String>,
    /// The 纠错 (error report) link in the portal's footer.
    pub error_report_url: Option<String>,
    pub trusted_origins: Option<Vec<String>>,
    pub log_format: Option<String>,
    pub login_attempts_per_ip: Option<u32>,
    pub login_attempts_per_account: Option<u32>,
    /// Reverse proxies whose X-Forwarded-For is believed (addresses).
    pub trusted_proxies: Option<Vec<String>>,
    pub anonymous_posts_per_minute: Option<u32>,
    pub anonymous_upload_mb_per_day: Option<u64>,
    pub heavy_concurrency: Option<usize>,
    pub heavy_queue: Option<usize>,
    pub smtp_url: Option<String>,
    pub smtp_from: Option<String>,
    /// The key of query-password hashes, 64 hex digits, the same on every node (default: the
    /// `query-key` file in the data directory, created on first start).
    pub query_key: Option<String>,
    /// Limits and ranking weights of supervision (`[supervision]`).
    pub supervision: Option<gongkai_core::supervision::rules::RulesConfig>,
}

/// The public address as configured, checked: `http(s)://host[:port]`, no path, query or
/// fragment; a trailing slash is dropped.
fn public_url(value: Option<String>) -> Result<Option<String>, Failure> {
    let Some(value) = value.map(|v| v.trim().trim_end_matches('/').to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let host = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    match host {
        Some(host)
            if !host.is_empty()
                && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                && !host.starts_with([':', '.', '-']) =>
        {
            Ok(Some(value))
        }
        _ => Err(Failure::input(format!(
            "public_url（--public-url / GONGKAI_PUBLIC_URL）“{value}”无效：应为以 http:// 或 https:// 开头、不含路径的网站地址，如 https://gk.example.gov.cn"
        ))),
    }
}

/// The trusted proxies from the environment (comma-separated) or the file, each an address.
fn trusted_proxies(env: Option<String>, file: Option<Vec<String>>) -> Result<Vec<std::net::IpAddr>, Failure> {
    let listed: Vec<String> = match env {
        Some(v) => v.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        None => file.unwrap_or_default(),
    };
    listed
        .iter()
        .map(|a| {
            a.parse().map_err(|_| {
                Failure::input(format!("trusted_proxies / GONGKAI_TRUSTED_PROXIES：“{a}”不是有效的IP地址"))
            })
        })
        .collect()
}

/// Everything resolved.
#[derive(Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub addr: String,
    pub site: SiteConfig,
    /// What the use cases read (mail, notification files, supervision rules).
    pub app: gongkai_app::Config,
    /// Where the query-password key is kept when neither `GONGKAI_QUERY_KEY` nor `query_key` gives
    /// it: `query-key` in the data directory, read (or made) when the application opens.
    pub query_key_file: Option<PathBuf>,
    pub log_format: String,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("data_dir", &self.data_dir)
            .field("database_url", &gongkai_store::db::redact(&self.database_url))
            .field("addr", &self.addr)
            .field("site", &self.site)
            .field("app", &self.app)
            .field("query_key_file", &self.query_key_file)
            .field("log_format", &self.log_format)
            .finish()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Settings {
    pub fn load(args: &GlobalArgs) -> Result<Settings, Failure> {
        let default_data = PathBuf::from("gongkai-data");
        let config_path = args.config.clone().or_else(|| {
            let candidate = args.data.clone().unwrap_or_else(|| default_data.clone()).join("gongkai.toml");
            candidate.exists().then_some(candidate)
        });
        let file = match &config_path {
            Some(path) => read_config(path)?,
            None => FileConfig::default(),
        };
        let data_dir = args.data.clone().or(file.data.clone()).unwrap_or(default_data);
        let database_url =
            args.database_url.clone().or(file.database_url.clone()).unwrap_or_else(|| Db::sqlite_url(&data_dir));
        let defaults = SiteConfig::default();
        let supervision = match &file.supervision {
            Some(config) => config.rules().map_err(|errors| {
                let named: Vec<String> = errors.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
                Failure::input(format!("config file [supervision]: {}", named.join("; ")))
            })?,
            None => gongkai_core::supervision::Rules::default(),
        };
        let public_url = public_url(args.public_url.clone().or(file.public_url.clone()))?;
        let metrics_token = env("GONGKAI_METRICS_TOKEN").or(file.metrics_token.clone());
        if metrics_token.as_ref().is_some_and(|t| t.trim().chars().count() < 16) {
            return Err(Failure::input("metrics_token（GONGKAI_METRICS_TOKEN）至少16个字符"));
        }
        let site = SiteConfig {
            site_name: env("GONGKAI_SITE_NAME").or(file.site_name).unwrap_or(defaults.site_name),
            icp_filing: env("GONGKAI_ICP_FILING").or(file.icp_filing),
            police_filing: env("GONGKAI_POLICE_FILING").or(file.police_filing),
            secure_cookies: env("GONGKAI_SECURE_COOKIES")
                .map(|v| v == "true" || v == "1")
                .or(file.secure_cookies)
                .unwrap_or_else(|| public_url.as_ref().is_some_and(|u| u.starts_with("https://"))),
            trusted_origins: env("GONGKAI_TRUSTED_ORIGINS")
                .map(|v| v.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
                .or(file.trusted_origins)
                .unwrap_or_default(),
            login_attempts_per_ip: file.login_attempts_per_ip.unwrap_or(defaults.login_attempts_per_ip),
            login_attempts_per_account: file.login_attempts_per_account.unwrap_or(defaults.login_attempts_per_account),
            trusted_proxies: trusted_proxies(env("GONGKAI_TRUSTED_PROXIES"), file.trusted_proxies)?,
            anonymous_posts_per_minute: file.anonymous_posts_per_minute.unwrap_or(defaults.anonymous_posts_per_minute),
            anonymous_upload_mb_per_day: file
                .anonymous_upload_mb_per_day
                .unwrap_or(defaults.anonymous_upload_mb_per_day),
            heavy_concurrency: file.heavy_concurrency.unwrap_or(defaults.heavy_concurrency),
            heavy_queue: file.heavy_queue.unwrap_or(defaults.heavy_queue),
            public_url,
            error_report_url: env("GONGKAI_ERROR_REPORT_URL")
                .or(file.error_report_url)
                .map(|u| u.trim().to_owned())
                .filter(|u| !u.is_empty()),
            metrics_token: metrics_token.map(|t| t.trim().to_owned()),
        };
        let query_key = match env("GONGKAI_QUERY_KEY").or(file.query_key.clone()) {
            Some(hex) => gongkai_store::request::query_key::QueryKey::from_hex(&hex)
                .map_err(|e| Failure::input(format!("GONGKAI_QUERY_KEY / query_key: {e}")))?,
            // The data directory may not exist yet: the key file is made when the app opens.
            None => gongkai_store::request::query_key::QueryKey::generate(),
        };
        let query_key_file =
            env("GONGKAI_QUERY_KEY").or(file.query_key.clone()).is_none().then(|| data_dir.join("query-key"));
        let app = gongkai_app::Config {
            query_key,
            notification_dir: Some(data_dir.join("notifications")),
            smtp: env("GONGKAI_SMTP_URL").or(file.smtp_url.clone()).map(|url| gongkai_app::SmtpConfig {
                url,
                from: env("GONGKAI_SMTP_FROM").or(file.smtp_from.clone()).unwrap_or_else(|| "gongkai@localhost".into()),
            }),
            supervision,
            // Read from the data directory when the application opens (see `app_config`).
            audit_checkpoints: None,
        };
        Ok(Settings {
            data_dir,
            database_url,
            addr: file.addr.unwrap_or_else(|| "127.0.0.1:8080".into()),
            site,
            app,
            query_key_file,
            log_format: env("GONGKAI_LOG_FORMAT").or(file.log_format).unwrap_or_else(|| "text".into()),
        })
    }

    /// Opens the database (creating the data directory for SQLite) and applies migrations.
    pub async fn open_db(&self) -> Result<Db, Failure> {
        if self.database_url.starts_with("sqlite:") {
            std::fs::create_dir_all(&self.data_dir)
                .map_err(|e| Failure::from(format!("cannot create data directory {}: {e}", self.data_dir.display())))?;
        }
        let db = Db::connect(&self.database_url).await?;
        db.migrate().await?;
        let db = db.with_secrecy_key(self.query_key()?.secrecy_key());
        gongkai_store::catalogue::secrecy::seal_raw_values(&db).await?;
        Ok(db)
    }

    /// The blob store for attachments: `GONGKAI_BLOB_URL` (`s3://bucket/prefix`, `file:///path`)
    /// or `blobs/` in the data directory.
    pub fn blob_store(&self) -> Result<gongkai_files::BlobStore, Failure> {
        let url = env("GONGKAI_BLOB_URL").unwrap_or_default();
        gongkai_files::BlobStore::from_url(&url, &self.data_dir).map_err(|e| Failure::from(format!("blob store: {e}")))
    }

    /// What the use cases read, with the query-password key from its file when it is kept there
    /// (made on first use, readable by the owner only).
    pub fn app_config(&self) -> Result<gongkai_app::Config, Failure> {
        let mut config = self.app.clone();
        config.query_key = self.query_key()?;
        config.audit_checkpoints = Some(self.audit_checkpoints()?);
        Ok(config)
    }

    /// The installation's key: `GONGKAI_QUERY_KEY` or `query_key`, else the `query-key` file of
    /// the data directory (made on first use, owner-only).
    fn query_key(&self) -> Result<gongkai_store::request::query_key::QueryKey, Failure> {
        let Some(path) = &self.query_key_file else { return Ok(self.app.query_key.clone()) };
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| Failure::from(format!("cannot create data directory {}: {e}", self.data_dir.display())))?;
        gongkai_store::request::query_key::QueryKey::load_or_create(path)
            .map_err(|e| Failure::from(format!("query-password key: {e}")))
    }

    /// This node's audit checkpoints: signed with `GONGKAI_AUDIT_KEY` (64 hex digits) or the
    /// `audit-key` file of the data directory (made on first use, owner-only), kept in
    /// `audit-checkpoints.jsonl` there.
    pub fn audit_checkpoints(&self) -> Result<gongkai_store::audit_checkpoint::CheckpointLog, Failure> {
        use gongkai_store::audit_checkpoint::{CheckpointKey, CheckpointLog};
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| Failure::from(format!("cannot create data directory {}: {e}", self.data_dir.display())))?;
        let key = match env("GONGKAI_AUDIT_KEY") {
            Some(hex) => {
                CheckpointKey::from_hex(&hex).map_err(|e| Failure::input(format!("GONGKAI_AUDIT_KEY: {e}")))?
            }
            None => CheckpointKey::load_or_create(&self.data_dir.join("audit-key"))
                .map_err(|e| Failure::from(format!("audit key: {e}")))?,
        };
        Ok(CheckpointLog { key: std::sync::Arc::new(key), file: self.data_dir.join("audit-checkpoints.jsonl") })
    }

    /// The application over this node's blob store and on-disk search index (`search/` in the
    /// data directory; a derived replica rebuilt by `gongkai reindex`, and rebuilt from the
    /// outbox when it was written by another version of the analysis).
    pub fn app(&self, db: Db) -> Result<gongkai_app::App, Failure> {
        let dir = self.data_dir.join("search");
        std::fs::create_dir_all(&dir).map_err(|e| Failure::from(format!("cannot create {}: {e}", dir.display())))?;
        let position = dir.join("outbox-position");
        let index = match gongkai_search::SearchIndex::open_or_create(&dir) {
            Err(gongkai_search::Error::IncompatibleIndex { found, expected, .. }) => {
                // Derived data of an older version: start afresh; the node's indexer replays the
                // outbox (which is never pruned) from its start, as a new node does.
                tracing::warn!(?found, expected, "the search index was built by another version; rebuilding it");
                std::fs::remove_dir_all(&dir)
                    .and_then(|()| std::fs::create_dir_all(&dir))
                    .map_err(|e| Failure::from(format!("cannot clear {}: {e}", dir.display())))?;
                gongkai_search::SearchIndex::open_or_create(&dir)
            }
            other => other,
        }
        .map_err(|e| Failure::from(format!("search index: {e}")))?;
        gongkai_app::App::new(db, self.app_config()?, self.blob_store()?, index, Some(position))
            .map_err(|e| Failure::from(format!("search index: {e}")))
    }

    /// The application for commands that change records but not this node's search index
    /// (`agency add`, `staff add`, `report publish` …): the real blob store, an in-memory index,
    /// so they run while `serve` holds the index's lock (the server indexes from the outbox).
    pub fn records_app(&self, db: Db) -> Result<gongkai_app::App, Failure> {
        let index =
            gongkai_search::SearchIndex::in_memory().map_err(|e| Failure::from(format!("search index: {e}")))?;
        gongkai_app::App::new(db, self.app_config()?, self.blob_store()?, index, None)
            .map_err(|e| Failure::from(format!("search index: {e}")))
    }

    /// The web adapter's state over [`Settings::app`] (`serve` and `demo` only).
    pub fn app_state(&self, db: Db) -> Result<gongkai_web::AppState, Failure> {
        Ok(gongkai_web::AppState::over(self.app(db)?, self.site.clone()))
    }

    /// The database, for messages (password redacted).
    pub fn database_label(&self) -> String {
        gongkai_store::db::redact(&self.database_url)
    }
}

fn read_config(path: &Path) -> Result<FileConfig, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::input(format!("cannot read config file {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| Failure::input(format!("config file {}: {e}", path.display())))
}

pub fn init_logging(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("GONGKAI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if settings.log_format == "json" { builder.json().try_init() } else { builder.compact().try_init() };
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print an annotated example config file.
    Example,
}

pub fn run(cmd: ConfigCommand) -> CliResult {
    match cmd {
        ConfigCommand::Example => print!("{EXAMPLE}"),
    }
    Ok(())
}

pub const EXAMPLE: &str = r#"# gongkai.toml — every key is optional.
# Precedence: this file, then environment variables (GONGKAI_…), then command-line flags.
# By default gongkai reads gongkai.toml from the data directory; choose another with --config.

# Address to listen on (flag --addr, env GONGKAI_ADDR).
addr = "127.0.0.1:8080"

# Data directory: SQLite database, attachments, search index (flag --data, env GONGKAI_DATA).
data = "./gongkai-data"

# Database. Leave unset for the embedded SQLite database in the data directory.
# PostgreSQL: "postgres://gongkai:PASSWORD@127.0.0.1:5432/gongkai"
# (flag --database-url, env GONGKAI_DATABASE_URL; prefer the environment for passwords).
# database_url = "postgres://gongkai@127.0.0.1:5432/gongkai"

# Name shown in page titles and the header (env GONGKAI_SITE_NAME).
site_name = "政府信息公开平台"

# Filing numbers shown in the portal footer (env GONGKAI_ICP_FILING, GONGKAI_POLICE_FILING).
# icp_filing = "渝ICP备00000000号"
# police_filing = "渝公网安备 50000000000000号"

# The public address (flag --public-url, env GONGKAI_PUBLIC_URL): the absolute URLs of the
# feeds, the sitemap and robots.txt; https:// makes a Secure session cookie and HSTS the default.
# Without it, those URLs use http:// and the Host a request came with.
# public_url = "https://gk.example.gov.cn"

# The 纠错 link in the portal's footer (env GONGKAI_ERROR_REPORT_URL), e.g. the address of the
# national 我为政府网站找错 page for this site.
# error_report_url = "https://www.example.gov.cn/jiucuo"

# The bearer token Prometheus sends for /metrics (env GONGKAI_METRICS_TOKEN, at least 16
# characters): `Authorization: Bearer TOKEN`. Without it /metrics answers 404 to everyone.
# metrics_token = "a long random string"

# Mark the session cookie Secure and send HSTS (env GONGKAI_SECURE_COOKIES) [default: true when
# public_url is https://, else false].
# secure_cookies = true

# Origins allowed to post forms besides the site itself, e.g. the public URL behind a proxy
# that rewrites Host (env GONGKAI_TRUSTED_ORIGINS, comma-separated).
trusted_origins = []

# Log format: "text" or "json" (env GONGKAI_LOG_FORMAT); level via GONGKAI_LOG, e.g. "info".
log_format = "text"

# Sign-in throttling, shared by all nodes through the database: failed sign-ins (only failures
# count) allowed per 15 minutes from one client address and for one user name.
login_attempts_per_ip = 20
login_attempts_per_account = 5

# Reverse proxies (addresses) whose X-Forwarded-For names the client, for the throttles above
# and the limits below (env GONGKAI_TRUSTED_PROXIES, comma-separated). From other peers the
# header is ignored.
trusted_proxies = []

# The public's posts (online requests, messages, status queries, letter downloads) per minute
# from one address, and megabytes of attachments per address per day (China time); beyond them
# 429 with Retry-After.
anonymous_posts_per_minute = 20
anonymous_upload_mb_per_day = 200

# Heavy work (password hashing, PDF/Word rendering, uploads that are extracted or parsed) done
# at once [default: the number of CPUs], and how many may wait (10 s at most) before 503.
# heavy_concurrency = 2
heavy_queue = 32

# Mail server for notifications to applicants (env GONGKAI_SMTP_URL, GONGKAI_SMTP_FROM). Without
# it, notifications are written to DATA/notifications/ and listed in the console.
# smtp_url = "smtps://user:password@smtp.example.gov.cn:465"
# smtp_from = "公开办 <gkb@example.gov.cn>"

# Key of the applicants' query-password hashes, 64 hex digits (env GONGKAI_QUERY_KEY). Default:
# the query-key file in the data directory, made on first start. Several nodes on one database
# must share one key (openssl rand -hex 32).
# query_key = "…64 hex digits…"

# Supervision (监督): the limits the dashboard and the monthly notice apply. Defaults shown;
# [[supervision.columns]] replaces the default column limits (法规文件 as a 政策文件 column, 6
# months); kind is 动态要闻, 通知公告 or 政策文件, with days or months.
[supervision]
publish_workdays = 20     # 条例第二十六条
due_soon_workdays = 3
enquiry_months = 3        # 国办秘函〔2019〕19号: messages unanswered for more than 3 months
[[supervision.columns]]
column = "art20.1"
kind = "政策文件"
months = 6
# [[supervision.columns]]
# column = "art20.12"
# kind = "动态要闻"
# days = 14
# Deductions from 100 points per problem in the monthly ranking (gongkai's own defaults).
# [supervision.weights]
# overdue_request = 5
# closed_late = 2
# late_item = 1
# stale_column = 5
# empty_column = 2
# unanswered_enquiry = 3
# report_missing = 20
# report_late = 10
# report_findings = 5
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_config_parses_with_every_key_known() {
        let parsed: FileConfig = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(parsed.addr.as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(parsed.login_attempts_per_account, Some(5));
        let rules = parsed.supervision.unwrap().rules().unwrap();
        assert_eq!(rules, gongkai_core::supervision::Rules::default(), "the example shows the defaults");
    }

    #[test]
    fn a_wrong_supervision_rule_stops_the_start_naming_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gongkai.toml");
        std::fs::write(
            &path,
            "[supervision]\n[[supervision.columns]]\ncolumn = \"art99\"\nkind = \"政策文件\"\nmonths = 6\n",
        )
        .unwrap();
        let args =
            GlobalArgs { data: Some(dir.path().into()), database_url: None, config: Some(path), public_url: None };
        let e = Settings::load(&args).unwrap_err();
        let shown = e.message;
        assert!(shown.contains("supervision.columns[0]") && shown.contains("art99"), "{shown}");
    }

    #[test]
    fn settings_debug_output_hides_the_database_password() {
        let args = GlobalArgs {
            data: Some("/tmp/x".into()),
            database_url: Some("postgres://gk:hunter2@db/gk".into()),
            config: None,
            public_url: None,
        };
        let settings = Settings::load(&args).unwrap();
        let shown = format!("{settings:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("gk:***@db"));
    }

    #[test]
    fn the_public_url_is_checked_and_loses_its_trailing_slash() {
        let load = |url: &str| {
            let args = GlobalArgs {
                data: Some("/tmp/x".into()),
                database_url: None,
                config: None,
                public_url: Some(url.into()),
            };
            Settings::load(&args)
        };
        let site = load("https://gk.example.gov.cn/").unwrap().site;
        assert_eq!(site.public_url.as_deref(), Some("https://gk.example.gov.cn"));
        assert!(site.secure_cookies, "https turns on secure cookies");
        assert!(!load("http://127.0.0.1:8090").unwrap().site.secure_cookies);
        for bad in ["gk.example.gov.cn", "https://gk.example.gov.cn/portal", "ftp://x.cn", "https://", "https://a b"] {
            let e = load(bad).unwrap_err();
            assert!(e.message.contains("public_url") && e.message.contains("无效"), "{bad}: {}", e.message);
        }
    }
}

//! What the use cases need to know about this installation, besides its database: where
//! notifications go, the supervision rules. Read once by the binary (file → environment → flag)
//! and shared; the web adapter's own settings (site name, cookies, origins) stay in the web crate.

use std::path::PathBuf;

use gongkai_store::request::query_key::QueryKey;

/// The application's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The key of query-password hashes (the same on every node; see
    /// [`gongkai_store::request::query_key`]).
    pub query_key: QueryKey,
    /// Where notifications are written as files when no SMTP server is configured (None: they
    /// stay queued in the database).
    pub notification_dir: Option<PathBuf>,
    /// The mail server for notifications to email addresses.
    pub smtp: Option<SmtpConfig>,
    /// The limits and weights supervision applies (`[supervision]` of the config file).
    pub supervision: gongkai_core::supervision::Rules,
    /// Where this node signs and keeps audit checkpoints (None: no checkpoints, e.g. tests).
    pub audit_checkpoints: Option<gongkai_store::audit_checkpoint::CheckpointLog>,
}

impl Default for Config {
    /// No mail, no notification files, default supervision rules, a fresh query key (tests).
    fn default() -> Self {
        Config {
            query_key: QueryKey::generate(),
            notification_dir: None,
            smtp: None,
            supervision: Default::default(),
            audit_checkpoints: None,
        }
    }
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

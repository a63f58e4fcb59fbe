//! The database handle: SQLite (embedded default) or PostgreSQL, chosen once from the URL.
//!
//! All SQL in gongkai is written once for both backends through `sqlx::any`, following the
//! conventions of the migrations: `$1` placeholders, 64-bit integer ids, dates and timestamps as
//! text (RFC 3339, UTC), flags as 0/1 integers, `returning id` after inserts, and
//! `cast(… as bigint)` around aggregates. That is the whole backend contract; nothing outside
//! this module asks which backend runs, except to choose the migration folder here.
//!
//! SQLite gets one writer connection (every write transaction is serialised, so no
//! `SQLITE_BUSY` on lock upgrade) and a separate read pool; WAL, foreign keys on and a busy
//! timeout are set on every connection, and `synchronous=FULL`, so a committed transaction (an
//! acknowledged disclosure request, say) survives a power cut and not only a process crash. PostgreSQL uses one pool
//! for both.

use std::path::Path;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

use crate::error::{Error, Result};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database runs underneath.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A transaction on the write side; commit it or it rolls back on drop.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Shared handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    secrecy_key: SecrecyKey,
}

/// The key of the hashes that stand for secrecy-scan hits once their values are gone (see
/// [`crate::catalogue::secrecy`]): the installation's secret, kept outside the database, so a
/// copy of the database alone does not let anyone test guesses of an ID number against them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SecrecyKey(pub [u8; 32]);

impl std::fmt::Debug for SecrecyKey {
    /// Never prints the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecrecyKey(***)")
    }
}

impl SecrecyKey {
    /// The key of a handle nobody gave one (tests, tools): fixed, so handles on one database
    /// agree. The binary always sets the installation's key ([`Db::with_secrecy_key`]).
    const UNSET: SecrecyKey = SecrecyKey(*b"gongkai secrecy key: not set....");
}

impl Db {
    /// Opens `sqlite://…` or `postgres://…` (migrations are not run here: see [`Db::migrate`]).
    pub async fn connect(url: &str) -> Result<Db> {
        install_default_drivers();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool =
                AnyPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(10)).connect(url).await?;
            return Ok(Db {
                read: pool.clone(),
                write: pool,
                backend: Backend::Postgres,
                secrecy_key: SecrecyKey::UNSET,
            });
        }
        if url.starts_with("sqlite:") {
            let write = sqlite_pool(url, 1).await?;
            let read = sqlite_pool(url, 8).await?;
            return Ok(Db { read, write, backend: Backend::Sqlite, secrecy_key: SecrecyKey::UNSET });
        }
        Err(Error::Internal(format!(
            "unsupported database URL scheme in {:?}: use sqlite://PATH or postgres://…",
            redact(url)
        )))
    }

    /// The URL of the embedded database inside a data directory (created when missing).
    pub fn sqlite_url(data_dir: &Path) -> String {
        format!("sqlite://{}?mode=rwc", data_dir.join("gongkai.db").display())
    }

    /// This handle with the installation's key for secrecy-hit hashes.
    pub fn with_secrecy_key(self, key: SecrecyKey) -> Db {
        Db { secrecy_key: key, ..self }
    }

    pub fn secrecy_key(&self) -> &SecrecyKey {
        &self.secrecy_key
    }

    /// Applies the migrations embedded in the binary for this backend.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.write).await?;
        Ok(())
    }

    /// Begins a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.write.begin().await?)
    }

    /// The pool for reads outside a transaction.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.read).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

async fn sqlite_pool(url: &str, max: u32) -> Result<AnyPool> {
    let pool = AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("pragma journal_mode = wal").await?;
                conn.execute("pragma synchronous = full").await?;
                conn.execute("pragma foreign_keys = on").await?;
                conn.execute("pragma busy_timeout = 10000").await?;
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok(pool)
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme_end + 3], &userinfo[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(super::redact("postgres://gk:s3cret@db:5432/gk"), "postgres://gk:***@db:5432/gk");
        assert_eq!(super::redact("postgres://gk@db/gk"), "postgres://gk@db/gk");
        assert_eq!(super::redact("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
    }
}

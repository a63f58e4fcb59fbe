//! Fresh databases for tests (feature `testing`): the PostgreSQL side of "every story on both
//! backends". Each test gets its own database on the server `TEST_DATABASE_URL` names, so tests
//! run in parallel without seeing each other's rows.
//!
//! Without `TEST_DATABASE_URL` the PostgreSQL variants are skipped with a note, unless
//! `GONGKAI_REQUIRE_POSTGRES` is set (CI), which makes a missing server a failure.

use sqlx::Connection;

use crate::Db;

/// The server to create test databases on, or None when not configured (and not required).
pub fn postgres_base() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) => Some(url),
        Err(_) => {
            assert!(
                std::env::var("GONGKAI_REQUIRE_POSTGRES").is_err(),
                "GONGKAI_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
            );
            eprintln!("postgres: TEST_DATABASE_URL not set, skipped");
            None
        }
    }
}

/// A new, migrated database on the server of `base` (`postgres://…/postgres`).
pub async fn fresh_postgres(base: &str) -> Db {
    sqlx::any::install_default_drivers();
    let name = format!("gk_test_{}", unique_suffix());
    let mut admin = sqlx::AnyConnection::connect(base).await.expect("connect to TEST_DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}"))).execute(&mut admin).await.unwrap();
    admin.close().await.unwrap();
    let (prefix, _) = base.rsplit_once('/').expect("database url has a path");
    let db = Db::connect(&format!("{prefix}/{name}")).await.unwrap();
    db.migrate().await.unwrap();
    db
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    format!("{}_{}_{}", std::process::id(), nanos, SEQ.fetch_add(1, Ordering::Relaxed))
}

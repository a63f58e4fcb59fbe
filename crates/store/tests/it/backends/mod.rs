//! Fresh databases for the store suite: an SQLite file in a temporary directory always, and a
//! fresh PostgreSQL database per test when `TEST_DATABASE_URL` is set. With
//! `GONGKAI_REQUIRE_POSTGRES=1` (CI) a missing URL fails the PostgreSQL tests instead of skipping.

use std::ops::Deref;

use gongkai_store::Db;

pub struct TestDb {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
}

impl Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&Db::sqlite_url(dir.path())).await.unwrap();
    db.migrate().await.unwrap();
    TestDb { db, _dir: Some(dir) }
}

/// A fresh, migrated PostgreSQL database, or None when not configured (and not required).
pub async fn postgres() -> Option<TestDb> {
    let base = gongkai_store::testing::postgres_base()?;
    Some(TestDb { db: gongkai_store::testing::fresh_postgres(&base).await, _dir: None })
}

/// Runs the async test function `$f(Db)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($f:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $f() {
                let db = $crate::backends::sqlite().await;
                super::$f(db.db.clone()).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $f() {
                if let Some(db) = $crate::backends::postgres().await {
                    super::$f(db.db.clone()).await;
                }
            })*
        }
    };
}

/// A date written as `YYYY-MM-DD`.
#[allow(dead_code)]
pub fn d(s: &str) -> time::Date {
    gongkai_core::calendar::iso_date::parse(s).unwrap()
}

/// 浩县人民政府, a county with a valid credit code, created by the CLI.
#[allow(dead_code)]
pub async fn county(db: &Db) -> gongkai_store::agency::Agency {
    use gongkai_store::agency::{self, AgencyForm};
    let body = "115100000000000001";
    let code = format!(
        "{}{}",
        &body[..17],
        gongkai_core::agency::credit_code::check_character(&body.as_bytes()[..17]).unwrap()
    );
    let form =
        AgencyForm {
            name: "浩县人民政府".into(), level: "county".into(), credit_code: code, ..Default::default()
        };
    agency::create(db, &gongkai_store::Actor::Cli, None, form.parse().unwrap()).await.unwrap()
}

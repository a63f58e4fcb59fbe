//! A county (C) with a township (T) below it and a neighbouring county (N), one staff member per
//! role in each, over a fresh database of either backend; principals are built as a signed-in
//! session would build them.

use std::collections::HashMap;

use gongkai_app::{App, Config, Principal, StaffMember, Via};
use gongkai_core::agency::credit_code::check_character;
use gongkai_store::agency::{self, Agency, AgencyForm};
use gongkai_store::request::intake::IntakeForm;
use gongkai_store::staff::{self, StaffForm};
use gongkai_store::{Actor, Db};

pub struct Fixture {
    pub app: App,
    pub agencies: HashMap<&'static str, Agency>,
    pub people: HashMap<String, Principal>,
    _dir: tempfile::TempDir,
}

fn code(n: u32) -> String {
    let body = format!("1144{n:013}");
    format!("{body}{}", check_character(body.as_bytes()).unwrap())
}

/// The roles every agency of the fixture has one account for, by key.
pub const ROLES: [&str; 7] = ["admin", "drafter", "secrecy_reviewer", "reviewer", "approver", "handler", "supervisor"];

impl Fixture {
    pub async fn on(backend: Backend) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let db = match backend {
            Backend::Sqlite => {
                let db = Db::connect(&Db::sqlite_url(dir.path())).await.unwrap();
                db.migrate().await.unwrap();
                db
            }
            Backend::Postgres(base) => gongkai_store::testing::fresh_postgres(&base).await,
        };
        let app = App::in_memory(db.clone(), Config::default());
        let mut agencies = HashMap::new();
        let add = |name: &str, level: &str, n: u32| AgencyForm {
            name: name.into(),
            level: level.into(),
            credit_code: code(n),
            ..Default::default()
        };
        let c =
            agency::create(&db, &Actor::Cli, None, add("浩县人民政府", "county", 1).parse().unwrap()).await.unwrap();
        let t = agency::create(&db, &Actor::Cli, Some(c.id), add("浩口乡人民政府", "township", 2).parse().unwrap())
            .await
            .unwrap();
        let n =
            agency::create(&db, &Actor::Cli, None, add("邻县人民政府", "county", 3).parse().unwrap()).await.unwrap();
        agencies.insert("C", c);
        agencies.insert("T", t);
        agencies.insert("N", n);
        let mut people = HashMap::new();
        for (key, agency) in [("C", &agencies["C"]), ("T", &agencies["T"]), ("N", &agencies["N"])] {
            for role in ROLES {
                let username = format!("{}-{}", key.to_lowercase(), role.replace('_', "-"));
                let form = StaffForm {
                    username: username.clone(),
                    display_name: format!("{key}{role}"),
                    roles: vec![role.to_owned()],
                    ..Default::default()
                };
                let s = staff::create(&db, &Actor::Cli, agency.id, form.parse().unwrap(), "test password 123")
                    .await
                    .unwrap();
                let member = StaffMember { staff: s, agency: agency.clone(), via: Via::Session };
                people.insert(format!("{key}:{role}"), Principal::Staff(member));
            }
        }
        Fixture { app, agencies, people, _dir: dir }
    }

    /// The principal holding `role` in agency `key` (`"C:handler"`).
    pub fn who(&self, key: &str) -> &Principal {
        &self.people[key]
    }
}

/// Which database a test runs on.
pub enum Backend {
    Sqlite,
    Postgres(String),
}

/// A request received in person at the county, registered by its handler.
pub fn in_person(today: &str) -> IntakeForm {
    IntakeForm {
        channel: "in_person".into(),
        submitted_on: today.into(),
        applicant_type: "natural_person".into(),
        applicant_name: "张三".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002X".into(),
        description: "2024年青石镇安置补助发放名单".into(),
        form: "paper".into(),
        delivery: "post".into(),
        address: "浩县青石镇1号".into(),
        ..Default::default()
    }
}

/// Runs each `async fn name(fixture)` on SQLite and, when `TEST_DATABASE_URL` is set, PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($f:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $f() {
                super::$f($crate::fixture::Fixture::on($crate::fixture::Backend::Sqlite).await).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $f() {
                if let Some(base) = gongkai_store::testing::postgres_base() {
                    super::$f($crate::fixture::Fixture::on($crate::fixture::Backend::Postgres(base)).await).await;
                }
            })*
        }
    };
}

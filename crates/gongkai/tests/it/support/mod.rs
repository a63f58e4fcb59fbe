//! The test app: the real router served on port 0 over a fresh database, with a typed client
//! per logged-in user (one method per endpoint used by the tests).
//!
//! Story tests are written once inside [`stories!`], which runs each on SQLite and, when
//! `TEST_DATABASE_URL` names a server, on a fresh PostgreSQL database: the backend is a task-local
//! that [`TestApp::empty`] reads, so a story never says which one it runs on.

#![allow(dead_code)]

pub mod demo;

use std::collections::HashMap;

use gongkai_core::agency::credit_code::check_character;
use gongkai_store::agency::{self, Agency, AgencyForm};
use gongkai_store::staff::{self, Staff, StaffForm};
use gongkai_store::{Actor, Backend, Db};
use gongkai_web::{AppState, SiteConfig};
use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};

pub const PASSWORD: &str = "test password 123";

tokio::task_local! {
    /// The backend the running story uses (SQLite outside [`stories!`]).
    pub static BACKEND: Backend;
}

/// Runs `story` with `backend` as the one [`TestApp::empty`] opens.
pub async fn on_backend(backend: Backend, story: impl Future<Output = ()>) {
    BACKEND.scope(backend, story).await
}

/// Story tests run on both backends: each `async fn name() { … }` becomes a module `name` with the
/// tests `sqlite` and `postgres` (the latter skipped without `TEST_DATABASE_URL`, failed without
/// it under `GONGKAI_REQUIRE_POSTGRES`).
#[macro_export]
macro_rules! stories {
    ($($(#[$meta:meta])* async fn $name:ident() $body:block)*) => {
        $(
            $(#[$meta])*
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn story() $body

                #[tokio::test]
                async fn sqlite() {
                    $crate::support::on_backend(gongkai_store::Backend::Sqlite, story()).await
                }

                #[tokio::test]
                async fn postgres() {
                    if gongkai_store::testing::postgres_base().is_some() {
                        $crate::support::on_backend(gongkai_store::Backend::Postgres, story()).await
                    }
                }
            }
        )*
    };
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub state: AppState,
    pub agencies: HashMap<&'static str, Agency>,
    pub staff: HashMap<&'static str, Staff>,
    _dir: tempfile::TempDir,
    _server: tokio::task::JoinHandle<()>,
}

/// A valid credit code for serial `n`.
pub fn code(n: u32) -> String {
    let body = format!("1133{n:013}");
    format!("{body}{}", check_character(body.as_bytes()).unwrap())
}

pub fn agency_form(name: &str, level: &str, n: u32) -> AgencyForm {
    AgencyForm { name: name.into(), level: level.into(), credit_code: code(n), ..Default::default() }
}

impl TestApp {
    /// An empty app.
    pub async fn empty() -> TestApp {
        Self::with_site(SiteConfig::default()).await
    }

    pub async fn with_site(site: SiteConfig) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let db = match BACKEND.try_with(|b| *b).unwrap_or(Backend::Sqlite) {
            Backend::Sqlite => {
                let db = Db::connect(&Db::sqlite_url(dir.path())).await.unwrap();
                db.migrate().await.unwrap();
                db
            }
            Backend::Postgres => {
                let base = gongkai_store::testing::postgres_base().expect("a PostgreSQL story needs TEST_DATABASE_URL");
                gongkai_store::testing::fresh_postgres(&base).await
            }
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::new(db.clone(), site);
        let served = state.clone();
        let server = tokio::spawn(async move {
            gongkai_web::serve(listener, served, std::future::pending()).await.unwrap();
        });
        TestApp { base, db, state, agencies: HashMap::new(), staff: HashMap::new(), _dir: dir, _server: server }
    }

    /// A county (C) with a department (D) and two townships (T1, T2), and staff:
    /// `c_admin`, `c_supervisor`, `c_drafter` in C; `t1_admin`, `t1_handler` in T1; plus a
    /// `*_target` account in every agency for routes that act on a staff member.
    pub async fn county() -> TestApp {
        Self::county_with_site(SiteConfig::default()).await
    }

    /// [`TestApp::county`] with these site settings.
    pub async fn county_with_site(site: SiteConfig) -> TestApp {
        let mut app = Self::with_site(site).await;
        let c = agency::create(&app.db, &Actor::Cli, None, agency_form("浩县人民政府", "county", 1).parse().unwrap())
            .await
            .unwrap();
        let mut add = |key, agency: Agency| {
            app.agencies.insert(key, agency);
        };
        add("C", c.clone());
        for (key, name, level, n) in [
            ("D", "浩县财政局", "department", 2),
            ("T1", "浩口乡人民政府", "township", 3),
            ("T2", "石门镇人民政府", "township", 4),
        ] {
            let a = agency::create(&app.db, &Actor::Cli, Some(c.id), agency_form(name, level, n).parse().unwrap())
                .await
                .unwrap();
            app.agencies.insert(key, a);
        }
        for (key, agency_key, roles) in [
            ("c_admin", "C", vec!["admin"]),
            ("c_supervisor", "C", vec!["supervisor"]),
            ("c_drafter", "C", vec!["drafter", "reviewer", "approver", "secrecy_reviewer", "handler"]),
            ("t1_admin", "T1", vec!["admin"]),
            ("t1_handler", "T1", vec!["handler"]),
            ("C_target", "C", vec!["drafter"]),
            ("D_target", "D", vec!["drafter"]),
            ("T1_target", "T1", vec!["drafter"]),
            ("T2_target", "T2", vec!["drafter"]),
        ] {
            app.add_staff(key, agency_key, &roles).await;
        }
        app
    }

    pub async fn add_staff(&mut self, key: &'static str, agency_key: &str, roles: &[&str]) -> Staff {
        let form = StaffForm {
            username: key.to_lowercase().replace('_', "-"),
            display_name: key.into(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            ..Default::default()
        };
        let agency_id = self.agencies[agency_key].id;
        let s = staff::create(&self.db, &Actor::Cli, agency_id, form.parse().unwrap(), PASSWORD).await.unwrap();
        self.staff.insert(key, s.clone());
        s
    }

    /// A client with its own cookie jar that does not follow redirects.
    pub fn client(&self) -> UserClient {
        let http = Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap();
        UserClient { http, base: self.base.clone() }
    }

    /// A client logged in as staff `key`.
    pub async fn login(&self, key: &str) -> UserClient {
        let client = self.client();
        let response = client.login(&self.staff[key].username, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "login as {key}");
        client
    }

    /// Brings the in-memory search index up to date (the indexer job's step).
    pub async fn index(&self) {
        while gongkai_app::search_index::index_pending(&self.state.app, 1000).await.unwrap() > 0 {}
    }

    pub async fn audit_count(&self) -> i64 {
        sqlx::query_scalar("select cast(count(*) as bigint) from audit_log").fetch_one(self.db.reader()).await.unwrap()
    }
}

pub struct UserClient {
    pub http: Client,
    pub base: String,
}

impl UserClient {
    pub async fn get(&self, path: &str) -> Response {
        self.http.get(format!("{}{path}", self.base)).send().await.unwrap()
    }

    /// A same-site form post, as a browser sends it from one of our pages.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Response {
        let body = serde_html_form_encode(form);
        self.http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// A form post from another site.
    pub async fn post_cross_site(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .body(serde_html_form_encode(form))
            .send()
            .await
            .unwrap()
    }

    /// Posts a file as multipart form data (field `attachment`).
    pub async fn upload(&self, path: &str, filename: &str, bytes: Vec<u8>) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned());
        let form = reqwest::multipart::Form::new().part("attachment", part);
        self.http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
        self.post("/admin/login", &[("username", username), ("password", password)]).await
    }
}

fn serde_html_form_encode(form: &[(&str, &str)]) -> String {
    form.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&")
}

/// Percent-encodes everything but RFC 3986's unreserved characters (query values, form fields).
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Imports a CSV catalogue of one line into `agency_id` and publishes it at once (the import's
/// `--publish`), the way a migrated catalogue arrives.
pub async fn import_one(app: &TestApp, agency_id: i64, csv_text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("items.csv");
    std::fs::write(&csv, csv_text).unwrap();
    let records = gongkai_store::catalogue::import::read_file(&csv).unwrap();
    let s = gongkai_store::catalogue::import::import(
        &app.db,
        None,
        &Actor::Cli,
        agency_id,
        records,
        dir.path(),
        gongkai_store::catalogue::import::CleanRows::Publish,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(s.imported, 1, "{:?}", s.errors);
}

/// Publishes one item of `agency_id` titled `title` (category art20.1, published 2025-05-06)
/// and indexes it.
pub async fn publish_plain(app: &TestApp, agency_id: i64, title: &str) {
    let title = title.replace('"', "\"\"");
    import_one(
        app,
        agency_id,
        &format!("source_id,title,category,published,body\nplain-1,\"{title}\",art20.1,2025-05-06,正文\n"),
    )
    .await;
    app.index().await;
}

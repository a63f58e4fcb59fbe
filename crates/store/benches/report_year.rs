//! Compiling one year's annual report for an agency with 100,000 requests over three years (plus
//! 2,000 appeals and 5,000 catalogue documents): the whole `report::compile_year` (reading every
//! request, table 二/三/四, the carry-over check against last year, the draft), on SQLite and,
//! when `TEST_DATABASE_URL` is set, on PostgreSQL.
//!
//! `cargo bench -p gongkai-store --features bench-data --bench report_year`

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai_core::agency::credit_code::check_character;
use gongkai_core::request::applicant::ApplicantKind;
use gongkai_core::request::outcome::Outcome;
use gongkai_store::agency::{self, AgencyForm};
use gongkai_store::bench_data::Rng;
use gongkai_store::{Actor, Db, report};

const REQUESTS: usize = 100_000;

async fn seed(db: &Db) -> i64 {
    let body = "115100000000000001";
    let code = format!("{}{}", &body[..17], check_character(&body.as_bytes()[..17]).unwrap());
    let form =
        AgencyForm {
            name: "浩县人民政府".into(), level: "county".into(), credit_code: code, ..Default::default()
        };
    let a = agency::create(db, &Actor::Cli, None, form.parse().unwrap()).await.unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = time::Date::from_calendar_date(2023, time::Month::January, 1).unwrap();
    let outcomes = Outcome::available_in(2024);
    let mut tx = db.begin().await.unwrap();
    for i in 0..REQUESTS {
        let received = start + time::Duration::days(rng.below(3 * 365) as i64);
        let decided = (rng.below(10) != 0).then(|| received + time::Duration::days(rng.below(40) as i64));
        let outcome = decided.map(|_| outcomes[rng.below(outcomes.len() as u64) as usize].key());
        let kind = ApplicantKind::ALL[rng.below(ApplicantKind::ALL.len() as u64) as usize].key();
        sqlx::query(
            "insert into requests (agency_id, tracking_code, password_hash, channel, applicant_type, applicant_name, id_type, id_number, description, form_wanted, delivery, status, submitted_on, received_on, outcome, decided_on, created_by, created_at, updated_at)
             values ($1, $2, 'x', 'online', $3, '张三', 'resident_id', '', '某信息', 'electronic', 'online', $4, $5, $5, $6, $7, 'bench', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
        )
        .bind(a.id)
        .bind(format!("B{i:09}"))
        .bind(kind)
        .bind(if decided.is_some() { "decided" } else { "accepted" })
        .bind(received.to_string())
        .bind(outcome)
        .bind(decided.map(|d| d.to_string()))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    for i in 0..2_000 {
        let filed = start + time::Duration::days(rng.below(3 * 365) as i64);
        let kind = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"][i % 3];
        let result = ["upheld", "corrected", "other", "pending"][rng.below(4) as usize];
        let result_on = (result != "pending").then(|| (filed + time::Duration::days(60)).to_string());
        sqlx::query(
            "insert into appeals (agency_id, kind, applicant, filed_on, body, result, result_on, created_by, created_at)
             values ($1, $2, '张三', $3, '某复议机关', $4, $5, 'bench', '2025-01-01T00:00:00Z')",
        )
            .bind(a.id)
            .bind(kind)
            .bind(filed.to_string())
            .bind(result)
            .bind(result_on)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    a.id
}

/// A fresh database `gk_bench_report` beside the one `url` names (dropped first if left over).
async fn fresh_postgres(url: &str) -> Db {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(url).await.unwrap();
    sqlx::query("drop database if exists gk_bench_report").execute(&mut admin).await.unwrap();
    sqlx::query("create database gk_bench_report").execute(&mut admin).await.unwrap();
    let (prefix, _) = url.rsplit_once('/').unwrap();
    let db = Db::connect(&format!("{prefix}/gk_bench_report")).await.unwrap();
    db.migrate().await.unwrap();
    db
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut backends = vec![(
        "sqlite",
        rt.block_on(async {
            let db = Db::connect(&Db::sqlite_url(dir.path())).await.unwrap();
            db.migrate().await.unwrap();
            db
        }),
    )];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        backends.push(("postgres", rt.block_on(fresh_postgres(&url))));
    }
    let mut group = c.benchmark_group("compile_year_100k_requests");
    group.sample_size(10);
    for (name, db) in backends {
        let agency_id = rt.block_on(seed(&db));
        let (report, findings) = rt.block_on(report::compile_year(&db, agency_id, 2024)).unwrap();
        assert!(findings.iter().all(|f| f.rule == "sections.unfinished"), "{findings:?}");
        assert!(report.table3.get("received", "total") > 30_000);
        group.bench_function(name, |b| b.iter(|| rt.block_on(report::compile_year(&db, agency_id, 2024)).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

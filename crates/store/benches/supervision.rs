//! The supervision dashboard's queries at province size (issue 8: under 200 ms each for 1,000
//! agencies, 1,000,000 items and 200,000 requests), on SQLite and, when `TEST_DATABASE_URL` is
//! set, on PostgreSQL: the overview of the province and of one city for the current month, the
//! 12-month series of both (a city's reads the province's rows of the period: see `IN_SUBTREE`),
//! the province's overdue-request drill-down list, and its monthly notice, all judged on
//! 2026-11-22; and, on the same data, the portal home's ten latest items of the whole site.
//!
//! `cargo bench -p gongkai-store --features bench-data --bench supervision`
//!
//! The data set ([`gongkai_store::bench_data`]) is generated once and kept: the SQLite file in
//! `/var/tmp/gongkai-bench-province/` (or `$GONGKAI_BENCH_PROVINCE_DIR`), the PostgreSQL
//! database `gongkai_bench_province` beside the one `TEST_DATABASE_URL` names. Either is reused
//! when it migrates cleanly and holds the expected row counts, and generated afresh otherwise
//! (a changed migration, an interrupted run). `GONGKAI_BENCH_REGENERATE=1` forces it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai_core::supervision::{Month, Rules};
use gongkai_store::agency::{self, Agency};
use gongkai_store::bench_data::{self, PROVINCE, TODAY};
use gongkai_store::supervision::{self, lists, series};
use gongkai_store::{Backend, Db};
use sqlx::Connection;

const PG_DATABASE: &str = "gongkai_bench_province";

fn regenerate() -> bool {
    std::env::var("GONGKAI_BENCH_REGENERATE").is_ok_and(|v| v == "1")
}

/// Whether `db` holds the whole data set under the current migrations.
async fn complete(db: &Db) -> bool {
    if let Err(e) = db.migrate().await {
        eprintln!("province data set: migrations do not apply ({e}), generating afresh");
        return false;
    }
    match bench_data::counts(db).await {
        Ok(counts) if counts == PROVINCE => true,
        Ok(counts) => {
            eprintln!("province data set: {counts:?}, generating afresh");
            false
        }
        Err(e) => {
            eprintln!("province data set: {e}, generating afresh");
            false
        }
    }
}

async fn generate(db: &Db, name: &str) {
    db.migrate().await.unwrap();
    let start = Instant::now();
    bench_data::generate(db, |table| eprintln!("  {name}: {table} written at {:.1?}", start.elapsed())).await.unwrap();
    let written = start.elapsed();
    bench_data::analyze(db).await.unwrap();
    eprintln!("province data set generated on {name} in {written:.1?} (+ statistics: {:.1?} in all)", start.elapsed());
}

async fn sqlite() -> Db {
    let dir = std::env::var_os("GONGKAI_BENCH_PROVINCE_DIR")
        .map_or_else(|| PathBuf::from("/var/tmp/gongkai-bench-province"), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gongkai.db");
    if file.exists() && !regenerate() {
        let db = Db::connect(&Db::sqlite_url(&dir)).await.unwrap();
        if complete(&db).await {
            eprintln!("province data set: reusing {}", file.display());
            return db;
        }
        db.close().await;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let db = Db::connect(&Db::sqlite_url(&dir)).await.unwrap();
    generate(&db, "sqlite").await;
    db
}

async fn postgres(url: &str) -> Db {
    sqlx::any::install_default_drivers();
    let (prefix, _) = url.rsplit_once('/').unwrap();
    let target = format!("{prefix}/{PG_DATABASE}");
    let mut admin = sqlx::AnyConnection::connect(url).await.unwrap();
    let exists: Option<i32> = sqlx::query_scalar("select 1 from pg_database where datname = $1")
        .bind(PG_DATABASE)
        .fetch_optional(&mut admin)
        .await
        .unwrap();
    if exists.is_some() && !regenerate() {
        let db = Db::connect(&target).await.unwrap();
        if complete(&db).await {
            eprintln!("province data set: reusing database {PG_DATABASE}");
            return db;
        }
        db.close().await;
    }
    sqlx::query(sqlx::AssertSqlSafe(format!("drop database if exists {PG_DATABASE}")))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {PG_DATABASE}"))).execute(&mut admin).await.unwrap();
    let db = Db::connect(&target).await.unwrap();
    generate(&db, "postgres").await;
    db
}

/// The province and one city (临江市, with 20 departments and 7 counties below it).
async fn roots(db: &Db) -> (Agency, Agency) {
    let province = agency::by_code(db, "BENCH000000000000X").await.unwrap();
    let city = agency::by_code(db, "BENCH000000000031X").await.unwrap();
    assert_eq!((province.level.as_str(), city.level.as_str()), ("province", "city"));
    (province, city)
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut backends = vec![("sqlite", rt.block_on(sqlite()))];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        backends.push(("postgres", rt.block_on(postgres(&url))));
    } else {
        eprintln!("postgres: TEST_DATABASE_URL not set, skipped");
    }
    let rules = Rules::default();
    let month = Month::of(TODAY);
    let months = month.trailing(12);

    let mut group = c.benchmark_group("supervision_province");
    group.sample_size(20).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(8));
    for (name, db) in &backends {
        let (province, city) = rt.block_on(roots(db));
        let calendar = rt.block_on(gongkai_store::calendar::for_agency(db, &province)).unwrap();
        let soon = calendar.add_workdays(TODAY, rules.due_soon_workdays).unwrap();
        if db.backend() == Backend::Sqlite {
            let stats: i64 = rt
                .block_on(
                    sqlx::query_scalar(
                        "select cast(count(*) as bigint) from sqlite_master where name = 'sqlite_stat1'",
                    )
                    .fetch_one(db.reader()),
                )
                .unwrap();
            eprintln!("sqlite: planner statistics (sqlite_stat1) {}", if stats > 0 { "present" } else { "absent" });
        }

        // What is measured is what the dashboard shows: check it once.
        let view = rt.block_on(supervision::overview(db, &calendar, &province, month, TODAY, &rules)).unwrap();
        assert_eq!(view.units.len() as i64, PROVINCE.agencies);
        let published: u32 = view.units.iter().map(|u| u.figures.items_published).sum();
        let open: u32 = view.units.iter().map(|u| u.figures.requests_open).sum();
        assert!(published > 5_000 && open > 1_000, "{published} items published, {open} requests open");
        let of_city = rt.block_on(supervision::overview(db, &calendar, &city, month, TODAY, &rules)).unwrap();
        assert_eq!(of_city.units.len(), 1 + 20 + 7 * 7);
        let monthly = rt.block_on(series::monthly(db, &province, &months, rules.publish_workdays)).unwrap();
        assert!(monthly.iter().all(|(_, m)| m.items_published > 10_000 && m.answered_total() > 4_000), "{monthly:?}");
        let overdue = rt
            .block_on(lists::requests(
                db,
                &province,
                supervision::Reach::Subtree,
                lists::RequestFigure::Overdue,
                month,
                TODAY,
                soon,
            ))
            .unwrap();
        assert_eq!(overdue.len() as i64, lists::LIMIT);
        let notice = rt.block_on(supervision::notice(db, &province, month, TODAY, &rules)).unwrap();
        assert_eq!(notice.rows.len() as i64, PROVINCE.agencies - 1, "every unit below the province is ranked");

        group.bench_function(format!("{name}/overview_province"), |b| {
            b.iter(|| rt.block_on(supervision::overview(db, &calendar, &province, month, TODAY, &rules)).unwrap())
        });
        group.bench_function(format!("{name}/overview_city"), |b| {
            b.iter(|| rt.block_on(supervision::overview(db, &calendar, &city, month, TODAY, &rules)).unwrap())
        });
        group.bench_function(format!("{name}/monthly_12_province"), |b| {
            b.iter(|| rt.block_on(series::monthly(db, &province, &months, rules.publish_workdays)).unwrap())
        });
        group.bench_function(format!("{name}/monthly_12_city"), |b| {
            b.iter(|| rt.block_on(series::monthly(db, &city, &months, rules.publish_workdays)).unwrap())
        });
        group.bench_function(format!("{name}/overdue_requests_province"), |b| {
            b.iter(|| {
                rt.block_on(lists::requests(
                    db,
                    &province,
                    supervision::Reach::Subtree,
                    lists::RequestFigure::Overdue,
                    month,
                    TODAY,
                    soon,
                ))
                .unwrap()
            })
        });
        group.bench_function(format!("{name}/notice_province"), |b| {
            b.iter(|| rt.block_on(supervision::notice(db, &province, month, TODAY, &rules)).unwrap())
        });

        // Not supervision, but the same province: the portal home's ten latest items site-wide.
        let latest = rt.block_on(gongkai_store::catalogue::queries::latest_published(db, 10)).unwrap();
        assert!(
            latest.len() == 10 && latest.windows(2).all(|w| w[0].published_on >= w[1].published_on),
            "newest first"
        );
        group.bench_function(format!("{name}/portal_home_latest"), |b| {
            b.iter(|| rt.block_on(gongkai_store::catalogue::queries::latest_published(db, 10)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

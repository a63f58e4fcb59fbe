// TEMPORARY (bench helper, to be deleted): times the parts of the province overview.
use std::time::Instant;
use gongkai_core::supervision::{Month, Rules};
use gongkai_store::bench_data::TODAY;
use gongkai_store::{Db, agency, supervision};

fn pg_cpu_ms() -> f64 {
    let out = std::process::Command::new("psql").args(["-Atc", "select pid from pg_stat_activity where datname = 'gongkai_bench_province'", "postgres://postgres:postgres@127.0.0.1:5432/postgres"]).output().unwrap();
    let mut total = 0.0;
    for pid in String::from_utf8_lossy(&out.stdout).lines() {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
            total += (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) * 10.0;
        }
    }
    total
}

fn cpu_ms() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) * 10.0
}

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).unwrap();
    let db = Db::connect(&url).await.unwrap();
    let root = agency::by_code(&db, "BENCH000000000000X").await.unwrap();
    let rules = Rules::default();
    let month = Month::of(TODAY);
    let calendar = gongkai_store::calendar::for_agency(&db, &root).await.unwrap();
    let soon = calendar.add_workdays(TODAY, rules.due_soon_workdays).unwrap();
    for _ in 0..2 { supervision::overview(&db, &calendar, &root, month, TODAY, &rules).await.unwrap(); }
    let n = 10;
    macro_rules! t { ($name:expr, $e:expr) => {{
        let pg0 = pg_cpu_ms();
        let (c0, w0) = (cpu_ms(), Instant::now());
        for _ in 0..n { let _ = $e; }
        let (w, c) = (w0.elapsed().as_secs_f64() * 1e3 / n as f64, (cpu_ms() - c0) / n as f64);
        println!("{:28} wall {:7.1} ms  cpu(all threads) {:7.1} ms  pg backends cpu {:7.1} ms", $name, w, c, (pg_cpu_ms() - pg0) / n as f64);
    }}}
    for f in std::env::args().skip(2) {
        let sql = std::fs::read_to_string(&f).unwrap();
        let sql = sql.trim().trim_end_matches(';').to_owned();
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).fetch_all(db.reader()).await.unwrap().len();
        t!(format!("{f} ({rows} rows)"), sqlx::query(sqlx::AssertSqlSafe(sql.clone())).fetch_all(db.reader()).await.unwrap());
    }
    let agencies = agency::subtree(&db, &root).await.unwrap();
    t!("subtree", agency::subtree(&db, &root).await.unwrap());
    t!("facts::read", supervision::facts::read(&db, &root, &agencies, month, TODAY, soon, &rules).await.unwrap());
    t!("overview", supervision::overview(&db, &calendar, &root, month, TODAY, &rules).await.unwrap());
    t!("calendar::for_agency", gongkai_store::calendar::for_agency(&db, &root).await.unwrap());
    t!("notice", supervision::notice(&db, &root, month, TODAY, &rules).await.unwrap());
    t!("monthly", supervision::series::monthly(&db, &root, &month.trailing(12), rules.publish_workdays).await.unwrap());
}

//! The calendar as stored: loaded year files and local overrides down the agency tree, on both
//! backends.

use gongkai_core::calendar::iso_date;
use gongkai_store::agency::{self, AgencyForm};
use gongkai_store::calendar::{self, OverrideForm};
use gongkai_store::{Actor, Db, Error};

on_both_backends!(
    an_override_applies_to_the_agency_and_everything_below_it,
    the_nearest_agencys_override_wins,
    a_year_file_loaded_at_run_time_extends_the_calendar,
    a_bad_year_file_or_override_is_refused_and_nothing_is_written,
);

fn code(n: u32) -> String {
    let body = format!("1151000{n:010}");
    format!("{body}{}", gongkai_core::agency::credit_code::check_character(body.as_bytes()).unwrap())
}

async fn tree(db: &Db) -> (agency::Agency, agency::Agency, agency::Agency) {
    let mk = |name: &str, level: &str, n| AgencyForm {
        name: name.into(),
        level: level.into(),
        credit_code: code(n),
        ..Default::default()
    };
    let city = agency::create(db, &Actor::Cli, None, mk("某市人民政府", "city", 1).parse().unwrap()).await.unwrap();
    let county =
        agency::create(db, &Actor::Cli, Some(city.id), mk("某县人民政府", "county", 2).parse().unwrap()).await.unwrap();
    let other = agency::create(db, &Actor::Cli, Some(city.id), mk("另一县人民政府", "county", 3).parse().unwrap())
        .await
        .unwrap();
    (city, county, other)
}

fn form(date: &str, kind: &str, reason: &str) -> OverrideForm {
    OverrideForm {
        date: date.into(),
        kind: kind.into(),
        reason: reason.into(),
        ordered_by: "某市人民政府办公室 某府办发〔2025〕1号".into(),
    }
}

fn d(s: &str) -> time::Date {
    iso_date::parse(s).unwrap()
}

async fn an_override_applies_to_the_agency_and_everything_below_it(db: Db) {
    let (city, county, other) = tree(&db).await;
    // Wednesday 2025-07-16 is an ordinary working day nationally.
    let o = form("2025-07-16", "extra_off_day", "台风停工").parse().unwrap();
    calendar::add_override(&db, &Actor::Cli, county.id, o).await.unwrap();
    assert!(!calendar::for_agency(&db, &county).await.unwrap().is_workday(d("2025-07-16")).unwrap());
    assert!(
        calendar::for_agency(&db, &other).await.unwrap().is_workday(d("2025-07-16")).unwrap(),
        "a sibling is not affected"
    );
    assert!(
        calendar::for_agency(&db, &city).await.unwrap().is_workday(d("2025-07-16")).unwrap(),
        "the parent is not affected"
    );
    let city_wide = form("2025-07-18", "extra_off_day", "全市停工").parse().unwrap();
    calendar::add_override(&db, &Actor::Cli, city.id, city_wide).await.unwrap();
    let county_cal = calendar::for_agency(&db, &county).await.unwrap();
    assert!(!county_cal.is_workday(d("2025-07-18")).unwrap(), "a city decision reaches the county");
    assert_eq!(calendar::applicable_overrides(&db, &county).await.unwrap().len(), 2);
    assert_eq!(calendar::applicable_overrides(&db, &other).await.unwrap().len(), 1);
}

async fn the_nearest_agencys_override_wins(db: Db) {
    let (city, county, _) = tree(&db).await;
    calendar::add_override(&db, &Actor::Cli, city.id, form("2025-07-19", "extra_workday", "全市补班").parse().unwrap())
        .await
        .unwrap();
    calendar::add_override(
        &db,
        &Actor::Cli,
        county.id,
        form("2025-07-19", "extra_off_day", "本县不补班").parse().unwrap(),
    )
    .await
    .unwrap();
    assert!(calendar::for_agency(&db, &city).await.unwrap().is_workday(d("2025-07-19")).unwrap());
    assert!(!calendar::for_agency(&db, &county).await.unwrap().is_workday(d("2025-07-19")).unwrap());
}

const YEAR_2027: &str = r#"{"year": 2027, "papers": ["https://www.gov.cn/example/2027"], "days": [
  {"name": "元旦", "date": "2027-01-01", "isOffDay": true}
]}"#;

async fn a_year_file_loaded_at_run_time_extends_the_calendar(db: Db) {
    let (_, county, _) = tree(&db).await;
    let before = calendar::for_agency(&db, &county).await.unwrap();
    assert!(before.add_workdays(d("2026-12-30"), 5).is_err(), "2027 is not covered by the embedded data");
    assert_eq!(calendar::load_year(&db, &Actor::Cli, YEAR_2027).await.unwrap(), 2027);
    let after = calendar::for_agency(&db, &county).await.unwrap();
    // Thu 12-31 (1), Fri 01-01 is 元旦, then Mon 01-04 (2) … Thu 01-07 (5).
    assert_eq!(after.add_workdays(d("2026-12-30"), 5).unwrap(), d("2027-01-07"));
    assert_eq!(calendar::loaded_years(&db).await.unwrap().len(), 1);
    // Loading the same year again replaces it.
    calendar::load_year(&db, &Actor::Cli, YEAR_2027).await.unwrap();
    assert_eq!(calendar::loaded_years(&db).await.unwrap().len(), 1);
}

async fn a_bad_year_file_or_override_is_refused_and_nothing_is_written(db: Db) {
    let (_, county, _) = tree(&db).await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("select cast(count(*) as bigint) from audit_log")
            .fetch_one(db.reader())
            .await
            .unwrap()
    };
    let before = count().await;
    let err = calendar::load_year(&db, &Actor::Cli, "{ not json").await.unwrap_err();
    assert!(matches!(err, Error::Invalid(ref e) if e.get("year_file").is_some()), "{err:?}");
    let errors = form("2025-02-30", "sometimes", "").parse().unwrap_err();
    assert!(errors.get("date").unwrap().contains("日期应为有效的"));
    assert_eq!(errors.get("kind"), Some("请选择放假或上班"));
    assert_eq!(errors.get("reason"), Some("事由不能为空"));
    let uncovered = form("2028-03-01", "extra_off_day", "未来").parse().unwrap();
    let err = calendar::add_override(&db, &Actor::Cli, county.id, uncovered).await.unwrap_err();
    assert!(err.to_string().contains("2028年的全国节假日安排尚未载入"), "{err}");
    calendar::add_override(&db, &Actor::Cli, county.id, form("2025-07-16", "extra_off_day", "台风").parse().unwrap())
        .await
        .unwrap();
    let dup =
        calendar::add_override(&db, &Actor::Cli, county.id, form("2025-07-16", "extra_workday", "改").parse().unwrap())
            .await
            .unwrap_err();
    assert!(dup.to_string().contains("已对2025-07-16作过调整"));
    assert_eq!(count().await, before + 1, "only the one valid override was written");
}

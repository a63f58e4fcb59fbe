//! The store suite: agencies, staff, sessions and the audit chain, on SQLite and PostgreSQL.

use gongkai_core::agency::{Relation, Role, Roles};
use gongkai_store::agency::{self, AgencyForm};
use gongkai_store::audit::{self, Verdict};
use gongkai_store::staff::{self, StaffForm};
use gongkai_store::{Actor, Db, Error, session};

on_both_backends!(
    agencies_form_a_tree_with_subtree_queries,
    a_duplicate_credit_code_is_refused_and_nothing_is_written,
    staff_log_in_with_the_right_password_only,
    a_duplicate_user_name_is_refused,
    sessions_start_resolve_and_end,
    the_audit_chain_verifies_and_any_altered_row_is_named,
    removing_the_last_audit_record_is_detected,
    concurrent_writers_keep_one_unbroken_chain,
);

fn form(name: &str, level: &str, code: &str) -> AgencyForm {
    AgencyForm { name: name.into(), level: level.into(), credit_code: code.into(), ..Default::default() }
}

/// A valid credit code for a serial number (the check character computed).
fn code(n: u32) -> String {
    let body = format!("1150000{n:010}");
    let check = gongkai_core::agency::credit_code::check_character(body.as_bytes()).unwrap();
    format!("{body}{check}")
}

async fn county(db: &Db) -> agency::Agency {
    let fields = form("浩县人民政府", "county", &code(1)).parse().unwrap();
    agency::create(db, &Actor::Cli, None, fields).await.unwrap()
}

async fn audit_count(db: &Db) -> i64 {
    sqlx::query_scalar("select cast(count(*) as bigint) from audit_log").fetch_one(db.reader()).await.unwrap()
}

async fn agencies_form_a_tree_with_subtree_queries(db: Db) {
    let county = county(&db).await;
    let dept = form("浩县教育局", "department", &code(2)).parse().unwrap();
    let dept = agency::create(&db, &Actor::Cli, Some(county.id), dept).await.unwrap();
    let town = form("浩口乡人民政府", "township", &code(3)).parse().unwrap();
    let town = agency::create(&db, &Actor::Cli, Some(county.id), town).await.unwrap();
    assert_eq!(county.path, format!("/{}/", county.id));
    assert_eq!(dept.path, format!("/{}/{}/", county.id, dept.id));
    let below: Vec<String> = agency::subtree(&db, &county).await.unwrap().into_iter().map(|a| a.name).collect();
    assert_eq!(below.len(), 3);
    assert_eq!(agency::subtree(&db, &town).await.unwrap().len(), 1);
    assert_eq!(Relation::between(&county.path, &town.path), Relation::Below);
    assert_eq!(Relation::between(&dept.path, &town.path), Relation::Outside);
    assert_eq!(agency::by_code(&db, &code(3).to_lowercase()).await.unwrap().id, town.id);
    assert_eq!(audit_count(&db).await, 3);
}

async fn a_duplicate_credit_code_is_refused_and_nothing_is_written(db: Db) {
    let county = county(&db).await;
    let before = (audit_count(&db).await, agency::all(&db).await.unwrap().len());
    let dup = form("另一个机关", "department", &code(1)).parse().unwrap();
    let err = agency::create(&db, &Actor::Cli, Some(county.id), dup).await.unwrap_err();
    match err {
        Error::Invalid(e) => {
            assert_eq!(e.get("credit_code").unwrap(), format!("统一社会信用代码{}已被“浩县人民政府”使用", code(1)))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!((audit_count(&db).await, agency::all(&db).await.unwrap().len()), before);
}

async fn add_staff(db: &Db, agency_id: i64, user: &str, roles: &[&str]) -> staff::Staff {
    let form = StaffForm {
        username: user.into(),
        display_name: "张三".into(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    };
    staff::create(db, &Actor::Cli, agency_id, form.parse().unwrap(), "correct horse battery").await.unwrap()
}

async fn staff_log_in_with_the_right_password_only(db: Db) {
    let county = county(&db).await;
    let s = add_staff(&db, county.id, "zhangsan", &["admin", "handler"]).await;
    assert!(s.roles().contains(Role::Handler));
    let ok = staff::authenticate(&db, "ZhangSan", "correct horse battery").await.unwrap();
    assert_eq!(ok.id, s.id);
    assert!(matches!(staff::authenticate(&db, "zhangsan", "wrong password").await, Err(Error::BadCredentials)));
    assert!(matches!(staff::authenticate(&db, "nobody", "correct horse battery").await, Err(Error::BadCredentials)));
    let change = staff::StaffChange {
        display_name: "张三".into(),
        email: "zhang@hao.gov.cn".into(),
        roles: Roles::new(vec![Role::Handler]),
        active: false,
    };
    assert_eq!(staff::update(&db, &Actor::Cli, s.id, &change).await.unwrap().email, "zhang@hao.gov.cn");
    assert!(matches!(staff::authenticate(&db, "zhangsan", "correct horse battery").await, Err(Error::BadCredentials)));
}

async fn a_duplicate_user_name_is_refused(db: Db) {
    let county = county(&db).await;
    add_staff(&db, county.id, "lisi", &["drafter"]).await;
    let before = audit_count(&db).await;
    let form = StaffForm {
        username: "LiSi".into(),
        display_name: "李四".into(),
        roles: vec!["reviewer".into()],
        ..Default::default()
    };
    let err =
        staff::create(&db, &Actor::Cli, county.id, form.parse().unwrap(), "another long password").await.unwrap_err();
    match err {
        Error::Invalid(e) => assert_eq!(e.get("username"), Some("用户名“lisi”已被使用")),
        other => panic!("{other:?}"),
    }
    assert_eq!(audit_count(&db).await, before);
}

async fn sessions_start_resolve_and_end(db: Db) {
    let county = county(&db).await;
    let s = add_staff(&db, county.id, "wangwu", &["supervisor"]).await;
    let token = session::start(&db, &s).await.unwrap();
    assert_eq!(session::lookup(&db, &token).await.unwrap().unwrap().id, s.id);
    assert!(session::lookup(&db, "forged-token").await.unwrap().is_none());
    // Changing the password ends every session of the account.
    staff::set_password(&db, &Actor::Cli, s.id, "a brand new password").await.unwrap();
    assert!(session::lookup(&db, &token).await.unwrap().is_none());
    let token = session::start(&db, &s).await.unwrap();
    session::end(&db, &s, &token).await.unwrap();
    assert!(session::lookup(&db, &token).await.unwrap().is_none());
    // A session unused for longer than the idle limit ends; each use moves the limit on.
    let token = session::start(&db, &s).await.unwrap();
    let now = time::OffsetDateTime::now_utc();
    let within = now + session::IDLE_LIMIT - time::Duration::minutes(5);
    assert!(session::lookup_at(&db, &token, within).await.unwrap().is_some(), "used within the limit");
    let later = within + session::IDLE_LIMIT - time::Duration::minutes(5);
    assert!(session::lookup_at(&db, &token, later).await.unwrap().is_some(), "the use moved the limit on");
    let idle = later + session::IDLE_LIMIT + time::Duration::minutes(1);
    assert!(session::lookup_at(&db, &token, idle).await.unwrap().is_none(), "idle too long");
}

async fn the_audit_chain_verifies_and_any_altered_row_is_named(db: Db) {
    let county = county(&db).await;
    add_staff(&db, county.id, "zhaoliu", &["drafter"]).await;
    let mut fields = AgencyForm::from_agency(&county);
    fields.phone = "023-1234567".into();
    agency::update(&db, &Actor::Cli, county.id, fields.parse().unwrap()).await.unwrap();
    assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { count: 3 });

    sqlx::query("update audit_log set after = replace(after, '023-1234567', '023-7654321') where id = 3")
        .execute(db.reader())
        .await
        .unwrap();
    match audit::verify(&db).await.unwrap() {
        Verdict::Broken { id, .. } => assert_eq!(id, 3),
        other => panic!("{other:?}"),
    }
    // Restore it, then break the link of record 2 instead: record 2 is named.
    sqlx::query("update audit_log set after = replace(after, '023-7654321', '023-1234567') where id = 3")
        .execute(db.reader())
        .await
        .unwrap();
    assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { count: 3 });
    sqlx::query("update audit_log set actor = 'staff:1:someone-else' where id = 2").execute(db.reader()).await.unwrap();
    assert!(matches!(audit::verify(&db).await.unwrap(), Verdict::Broken { id: 2, .. }));
}

async fn removing_the_last_audit_record_is_detected(db: Db) {
    let county = county(&db).await;
    add_staff(&db, county.id, "sunqi", &["drafter"]).await;
    sqlx::query("delete from audit_log where id = 2").execute(db.reader()).await.unwrap();
    assert!(matches!(audit::verify(&db).await.unwrap(), Verdict::Broken { id: 2, .. }));
}

async fn concurrent_writers_keep_one_unbroken_chain(db: Db) {
    let county = county(&db).await;
    let mut tasks = Vec::new();
    for n in 0..24u32 {
        let db = db.clone();
        let parent = county.id;
        tasks.push(tokio::spawn(async move {
            let f = form(&format!("部门{n}"), "department", &code(100 + n)).parse().unwrap();
            agency::create(&db, &Actor::Cli, Some(parent), f).await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(audit::verify(&db).await.unwrap(), Verdict::Intact { count: 25 });
}

//! Group commit of new requests (issue 15.2): requests arriving together are committed in one
//! transaction, each in its own savepoint, and each applicant gets their own receipt only once
//! it is stored; a request that fails is rolled back alone.

use std::sync::Arc;

use gongkai_files::BlobStore;
use gongkai_store::agency::{self, AgencyForm};
use gongkai_store::audit::{self, Verdict};
use gongkai_store::request::group_commit::IntakeQueue;
use gongkai_store::request::intake::{self, IntakeForm, Prepared};
use gongkai_store::request::query_key::QueryKey;
use gongkai_store::{Actor, Db};

use crate::backends::{county, d};

on_both_backends!(
    requests_submitted_together_are_committed_together_each_with_its_own_receipt,
    a_request_that_fails_in_a_batch_is_rolled_back_alone,
);

async fn prepared(db: &Db, agency_id: i64, name: &str) -> Prepared {
    let form = IntakeForm {
        applicant_type: "natural_person".into(),
        applicant_name: name.into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002x".into(),
        phone: "13800138000".into(),
        description: "2024年青石镇安置补助发放名单".into(),
        form: "electronic".into(),
        delivery: "email".into(),
        email: "applicant@example.com".into(),
        ..Default::default()
    };
    let intake = form.parse_online(d("2025-10-09")).unwrap();
    let agency = agency::get(db, agency_id).await.unwrap();
    intake::prepare(&BlobStore::in_memory(), &Actor::Cli, agency, intake, Vec::new()).await.unwrap()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.reader()).await.unwrap()
}

async fn requests_submitted_together_are_committed_together_each_with_its_own_receipt(db: Db) {
    let c = county(&db).await;
    let queue = Arc::new(IntakeQueue::for_backend(db.backend()));
    let key = QueryKey::generate();
    let paused = queue.pause().await;
    let mut tasks = Vec::new();
    for n in 0..40 {
        let ready = prepared(&db, c.id, &format!("申请人{n}")).await;
        let (queue, db, key) = (queue.clone(), db.clone(), key.clone());
        tasks.push(tokio::spawn(async move { queue.submit(&db, &key, ready).await }));
    }
    while queue.waiting() < 40 {
        tokio::task::yield_now().await;
    }
    drop(paused);
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap().expect("stored").tracking_code);
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 40, "each applicant has a receipt of their own");
    assert_eq!(queue.batches(), 1, "the forty waiting requests went in one transaction");
    assert_eq!(count(&db, "select cast(count(*) as bigint) from requests").await, 40);
    assert_eq!(count(&db, "select cast(count(*) as bigint) from request_events").await, 40);
    assert_eq!(
        count(&db, "select cast(count(*) as bigint) from audit_log where entity = 'request' and action = 'submit'")
            .await,
        40
    );
    assert!(matches!(audit::verify(&db).await.unwrap(), Verdict::Intact { .. }), "the chain holds");

    // Alone, a request is written at once in a batch of its own.
    let ready = prepared(&db, c.id, "后来的申请人").await;
    queue.submit(&db, &key, ready).await.unwrap();
    assert_eq!(queue.batches(), 2);
}

async fn a_request_that_fails_in_a_batch_is_rolled_back_alone(db: Db) {
    let c = county(&db).await;
    // An agency removed after its request was prepared: the insert fails on its foreign key.
    let body = "115100000000000020";
    let check = gongkai_core::agency::credit_code::check_character(&body.as_bytes()[..17]).unwrap();
    let form = AgencyForm {
        name: "将撤销的青石镇人民政府".into(),
        level: "township".into(),
        credit_code: format!("{}{check}", &body[..17]),
        ..Default::default()
    };
    let gone = agency::create(&db, &Actor::Cli, Some(c.id), form.parse().unwrap()).await.unwrap().id;
    let doomed = prepared(&db, gone, "申请人乙").await;
    let mut tx = db.begin().await.unwrap();
    sqlx::query("delete from agencies where id = $1").bind(gone).execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();

    let queue = Arc::new(IntakeQueue::for_backend(db.backend()));
    let key = QueryKey::generate();
    let paused = queue.pause().await;
    let mut tasks = Vec::new();
    for ready in [prepared(&db, c.id, "申请人甲").await, doomed, prepared(&db, c.id, "申请人丙").await] {
        let (q, db, key) = (queue.clone(), db.clone(), key.clone());
        tasks.push(tokio::spawn(async move { q.submit(&db, &key, ready).await }));
        while queue.waiting() < tasks.len() {
            tokio::task::yield_now().await;
        }
    }
    drop(paused);
    let results: Vec<_> = futures_results(tasks).await;
    assert!(results[0].is_ok() && results[2].is_ok(), "the others are kept");
    assert!(results[1].is_err(), "the failed one is answered with its error");
    assert_eq!(queue.batches(), 1, "all three were taken together");
    let names: Vec<String> =
        sqlx::query_scalar("select applicant_name from requests order by id").fetch_all(db.reader()).await.unwrap();
    assert_eq!(names, ["申请人甲", "申请人丙"]);
    assert_eq!(
        count(&db, "select cast(count(*) as bigint) from audit_log where entity = 'request'").await,
        2,
        "nothing of the failed one is left, not even its audit record"
    );
    assert!(matches!(audit::verify(&db).await.unwrap(), Verdict::Intact { .. }), "the chain holds");
}

async fn futures_results(
    tasks: Vec<tokio::task::JoinHandle<gongkai_store::Result<intake::Receipt>>>,
) -> Vec<gongkai_store::Result<intake::Receipt>> {
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

//! Who may move a catalogue item along 起草 → 保密审查 → 审核 → 签发: each step by its own role in
//! the item's agency, submitting and revising by the author (or an administrator), nobody from
//! another agency.

use gongkai_app::catalogue;
use gongkai_core::agency::policy::Permission;
use gongkai_store::Error;
use gongkai_store::catalogue::item::ItemForm;

use crate::fixture::Fixture;

async fn draft(f: &Fixture, author: &str) -> i64 {
    let form = ItemForm {
        title: "浩县2025年临时救助对象公示".into(),
        category: "art20.11".into(),
        subject: "民政、扶贫、救灾\\社会福利".into(),
        formed_on: "2025-09-26".into(),
        written_on: "2025-09-26".into(),
        body: "<p>公示内容</p>".into(),
        ..Default::default()
    };
    catalogue::create_draft(&f.app, f.who(author), f.agencies["C"].id, &form.parse().unwrap()).await.unwrap().id
}

async fn review(f: &Fixture, who: &str, id: i64, key: &str) -> Result<(), Error> {
    catalogue::review(&f.app, f.who(who), id, key, "理由", None).await.map(|_| ())
}

fn denied(r: Result<(), Error>, permission: Permission) {
    match r {
        Err(Error::Denied(p)) => assert_eq!(p, permission),
        other => panic!("expected a refusal of {permission:?}, got {other:?}"),
    }
}

async fn each_review_step_belongs_to_its_own_role_in_the_items_agency(f: Fixture) {
    let id = draft(&f, "C:drafter").await;
    denied(review(&f, "T:drafter", id, "submit").await, Permission::ReadItems);
    review(&f, "C:drafter", id, "submit").await.unwrap();
    denied(review(&f, "C:reviewer", id, "pass_secrecy").await, Permission::PassSecrecyReview);
    denied(review(&f, "C:admin", id, "pass_secrecy").await, Permission::PassSecrecyReview);
    review(&f, "C:secrecy_reviewer", id, "pass_secrecy").await.unwrap();
    denied(review(&f, "C:approver", id, "pass_review").await, Permission::PassContentReview);
    denied(review(&f, "C:secrecy_reviewer", id, "return").await, Permission::PassContentReview);
    review(&f, "C:reviewer", id, "pass_review").await.unwrap();
    denied(review(&f, "C:admin", id, "sign_off").await, Permission::SignOffItems);
    denied(review(&f, "N:approver", id, "sign_off").await, Permission::ReadItems);
    review(&f, "C:approver", id, "sign_off").await.unwrap();
    denied(review(&f, "C:drafter", id, "withdraw").await, Permission::WithdrawItems);
    review(&f, "C:admin", id, "withdraw").await.unwrap();
}

async fn only_the_author_or_an_administrator_submits(f: Fixture) {
    let id = draft(&f, "C:admin").await;
    let e = review(&f, "C:drafter", id, "submit").await.unwrap_err();
    let Error::Invalid(fields) = e else { panic!("{e:?}") };
    assert_eq!(fields.0[0].message, "只有起草人本人或管理员可以提交");
    review(&f, "C:admin", id, "submit").await.unwrap();
}

async fn the_actions_offered_are_the_actions_allowed(f: Fixture) {
    let id = draft(&f, "C:drafter").await;
    review(&f, "C:drafter", id, "submit").await.unwrap();
    for (who, actions) in [
        ("C:secrecy_reviewer", vec!["pass_secrecy", "return"]),
        ("C:reviewer", vec![]),
        ("C:admin", vec![]),
        ("C:supervisor", vec![]),
    ] {
        let item = catalogue::read(&f.app, f.who(who), id).await.unwrap();
        let offered: Vec<&str> = item.actions.iter().map(|a| a.key).collect();
        assert_eq!(offered, actions, "{who}");
    }
    assert!(catalogue::read(&f.app, f.who("N:admin"), id).await.is_err(), "another county reads nothing");
}

crate::on_both_backends!(
    each_review_step_belongs_to_its_own_role_in_the_items_agency,
    only_the_author_or_an_administrator_submits,
    the_actions_offered_are_the_actions_allowed,
);

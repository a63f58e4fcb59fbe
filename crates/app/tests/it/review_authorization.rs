//! Who may move a catalogue item along 起草 → 保密审查 → 审核 → 签发: each step by its own role in
//! the item's agency, submitting and revising by the author (or an administrator), nobody from
//! another agency.

use gongkai_app::catalogue;
use gongkai_core::agency::policy::Permission;
use gongkai_core::catalogue::review::Status;
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
    catalogue::review(&f.app, f.who(who), id, &catalogue::ReviewInput::new(key, "理由")).await.map(|_| ())
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

/// Separation of duties (on by default): one account holding every role cannot push its own
/// item through; an agency that allows self-review lets it.
async fn the_author_does_not_check_their_own_item_unless_the_agency_allows_it(f: Fixture) {
    let c = f.agencies["C"].clone();
    let form = gongkai_store::staff::StaffForm {
        username: "c-everything".into(),
        display_name: "全能".into(),
        roles: ["admin", "drafter", "secrecy_reviewer", "reviewer", "approver"].map(String::from).to_vec(),
        ..Default::default()
    };
    let s = gongkai_store::staff::create(
        &f.app.db,
        &gongkai_store::Actor::Cli,
        c.id,
        form.parse().unwrap(),
        "test password 123",
    )
    .await
    .unwrap();
    let all = gongkai_app::Principal::Staff(gongkai_app::StaffMember {
        staff: s,
        agency: c.clone(),
        via: gongkai_app::Via::Session,
    });
    let step = |key: &'static str, id: i64| {
        let all = all.clone();
        let app = f.app.clone();
        async move { catalogue::review(&app, &all, id, &catalogue::ReviewInput::new(key, "理由")).await.map(|_| ()) }
    };
    let form = ItemForm {
        title: "浩县全能账号起草的通知".into(),
        category: "art20.11".into(),
        subject: "民政、扶贫、救灾\\社会福利".into(),
        body: "<p>通知内容</p>".into(),
        ..Default::default()
    };
    let id = catalogue::create_draft(&f.app, &all, c.id, &form.parse().unwrap()).await.unwrap().id;
    step("submit", id).await.unwrap();
    let e = step("pass_secrecy", id).await.unwrap_err();
    let Error::Invalid(fields) = e else { panic!("{e:?}") };
    assert!(fields.0[0].message.starts_with("职责分离：起草人不能对自己起草的信息"), "{fields:?}");
    let offered = catalogue::read(&f.app, &all, id).await.unwrap().actions;
    assert!(offered.iter().all(|a| a.key != "pass_secrecy"), "the step is not offered to the author");
    // Someone else passes the secrecy review; the author may not review or sign it off either.
    review(&f, "C:secrecy_reviewer", id, "pass_secrecy").await.unwrap();
    assert!(step("pass_review", id).await.is_err());
    review(&f, "C:reviewer", id, "pass_review").await.unwrap();
    assert!(step("sign_off", id).await.is_err());
    // At 签发 the approver is told the draft has no 形成日期 to count Art. 26 from.
    let case = catalogue::read(&f.app, f.who("C:approver"), id).await.unwrap();
    assert_eq!(case.before_sign_off, Some(catalogue::SignOffTiming::FormedDateMissing));
    // An office of one allows it: then the author signs off.
    let mut agency_form = gongkai_store::agency::AgencyForm::from_agency(&c);
    agency_form.allow_self_review = "1".into();
    gongkai_store::agency::update(&f.app.db, &gongkai_store::Actor::Cli, c.id, agency_form.parse().unwrap())
        .await
        .unwrap();
    // Still without a 形成日期, sign-off asks for one; given, it is kept on the item.
    let e = step("sign_off", id).await.unwrap_err();
    assert!(e.to_string().contains("形成日期"), "{e}");
    let today = gongkai_store::timestamp::today_in_china();
    let future = gongkai_core::calendar::iso_date::format(today + time::Duration::days(1));
    let e = catalogue::review(
        &f.app,
        &all,
        id,
        &catalogue::ReviewInput { formed_on: future, ..catalogue::ReviewInput::new("sign_off", "") },
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("形成日期不能晚于今天"), "{e}");
    let today_text = gongkai_core::calendar::iso_date::format(today);
    let item = catalogue::review(
        &f.app,
        &all,
        id,
        &catalogue::ReviewInput { formed_on: today_text, ..catalogue::ReviewInput::new("sign_off", "") },
    )
    .await
    .unwrap();
    assert_eq!((item.status, item.formed_on), (Status::Published, Some(today)));
    let case = catalogue::read(&f.app, &all, id).await.unwrap();
    assert!(case.history.iter().any(|l| l.what.contains("签发时补填形成日期")), "{:?}", case.history);
}

/// Before 签发 the approver sees the Art. 26 count of publishing today.
async fn the_approver_sees_the_article_26_count_before_signing_off(f: Fixture) {
    let id = draft(&f, "C:drafter").await;
    for (who, key) in [("C:drafter", "submit"), ("C:secrecy_reviewer", "pass_secrecy"), ("C:reviewer", "pass_review")] {
        assert_eq!(catalogue::read(&f.app, f.who(who), id).await.unwrap().before_sign_off, None, "not yet at 签发");
        review(&f, who, id, key).await.unwrap();
    }
    let case = catalogue::read(&f.app, f.who("C:approver"), id).await.unwrap();
    // Formed 2025-09-26: more than a year of working days before today.
    let Some(catalogue::SignOffTiming::Counted { formed, workdays, late }) = case.before_sign_off else {
        panic!("{:?}", case.before_sign_off)
    };
    assert_eq!(formed.to_string(), "2025-09-26");
    assert!(late && workdays > 200, "{workdays}");
    // Signing off late needs a reason, which the item's history keeps with the day count.
    let approver = f.who("C:approver");
    let e = catalogue::review(&f.app, approver, id, &catalogue::ReviewInput::new("sign_off", " ")).await.unwrap_err();
    assert!(e.to_string().contains(&format!("已{workdays}个工作日")) && e.to_string().contains("逾期理由"), "{e}");
    catalogue::review(&f.app, approver, id, &catalogue::ReviewInput::new("sign_off", "原件经会签后延迟送达"))
        .await
        .unwrap();
    let case = catalogue::read(&f.app, approver, id).await.unwrap();
    let line = case.history.iter().find(|l| l.what.starts_with("签发")).expect("a sign-off line");
    assert!(
        line.what.contains(&format!("{workdays}个工作日")) && line.what.contains("原件经会签后延迟送达"),
        "{line:?}"
    );
    assert_eq!(case.history[0].what, "新建草稿", "the history starts at creation");
}

crate::on_both_backends!(
    the_approver_sees_the_article_26_count_before_signing_off,
    the_author_does_not_check_their_own_item_unless_the_agency_allows_it,
    each_review_step_belongs_to_its_own_role_in_the_items_agency,
    only_the_author_or_an_administrator_submits,
    the_actions_offered_are_the_actions_allowed,
);

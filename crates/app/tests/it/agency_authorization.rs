//! Who may change an agency (issue 15.6): its administrators change its contact details; its
//! name, credit code and level change only by an administrator above it, so a township cannot
//! make itself a province or take the county's name.

use gongkai_app::agencies;
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency, AgencyForm};

use crate::fixture::Fixture;

fn form_of(a: &Agency) -> AgencyForm {
    AgencyForm {
        name: a.name.clone(),
        level: a.level.as_str().into(),
        credit_code: a.credit_code.clone(),
        phone: a.phone.clone().unwrap_or_default(),
        ..Default::default()
    }
}

async fn update(f: &Fixture, who: &str, target: &str, change: impl FnOnce(&mut AgencyForm)) -> Result<Agency, Error> {
    let mut form = form_of(&agency::get(&f.app.db, f.agencies[target].id).await.unwrap());
    change(&mut form);
    agencies::update(&f.app, f.who(who), f.agencies[target].id, form.parse().map_err(Error::Invalid)?).await
}

async fn an_agencys_identity_changes_only_from_above(f: Fixture) {
    // Its own administrator: contact details yes, identity no.
    update(&f, "T:admin", "T", |a| a.phone = "023-12345678".into()).await.unwrap();
    for change in [
        (|a: &mut AgencyForm| a.level = "province".into()) as fn(&mut AgencyForm),
        |a| a.name = "浩县人民政府".into(),
        |a| a.credit_code = f_code(),
    ] {
        let e = update(&f, "T:admin", "T", change).await.unwrap_err();
        let Error::Invalid(fields) = e else { panic!("{e:?}") };
        assert!(fields.0[0].message.contains("只能由上级机关的管理员修改"), "{fields:?}");
    }
    // The county's administrator for its township: yes. For itself (a root): no one above.
    let renamed = update(&f, "C:admin", "T", |a| a.name = "浩口镇人民政府".into()).await.unwrap();
    assert_eq!(renamed.name, "浩口镇人民政府");
    assert!(update(&f, "C:admin", "C", |a| a.level = "province".into()).await.is_err());
    // Another county's administrator: not even the details.
    assert!(matches!(update(&f, "N:admin", "T", |a| a.phone = "1".into()).await, Err(Error::Denied(_))));
    let stored = agency::get(&f.app.db, f.agencies["T"].id).await.unwrap();
    assert_eq!((stored.level.as_str(), stored.name.as_str()), ("township", "浩口镇人民政府"), "nothing else changed");
}

/// A valid credit code no agency of the fixture holds.
fn f_code() -> String {
    let body = "11440000000000099";
    format!("{body}{}", gongkai_core::agency::credit_code::check_character(body.as_bytes()).unwrap())
}

crate::on_both_backends!(an_agencys_identity_changes_only_from_above);

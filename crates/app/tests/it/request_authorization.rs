//! Who may take which step of a disclosure request, and what the workflow itself refuses: every
//! step open on a request being handled, tried by one account per role in the request's agency,
//! in a township below it and in a neighbouring county.

use std::collections::HashMap;

use gongkai_app::Principal;
use gongkai_app::requests::handling::{self, StepInput};
use gongkai_app::requests::{case, intake, listing};
use gongkai_core::agency::policy::Permission;
use gongkai_core::calendar::iso_date;
use gongkai_core::request::workflow::Command;
use gongkai_store::Error;
use gongkai_store::request::queries::View;

use crate::fixture::{Fixture, ROLES, in_person};

fn today() -> String {
    iso_date::format(gongkai_store::timestamp::today_in_china())
}

/// A request of the county, confirmed and assigned (办理中), by the county's handler.
async fn processing(f: &Fixture) -> i64 {
    let receipt = intake::register(&f.app, f.who("C:handler"), f.agencies["C"].id, &in_person(&today()), Vec::new())
        .await
        .unwrap();
    let on = gongkai_store::timestamp::today_in_china();
    handling::apply_command(&f.app, &Principal::Operator, receipt.id, &Command::Assign { handler: "李四".into(), on })
        .await
        .unwrap();
    receipt.id
}

fn step(command: &str, fields: &[(&str, &str)]) -> StepInput {
    let mut map: HashMap<String, String> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    map.insert("on".into(), today());
    StepInput { command: command.into(), fields: map }
}

/// The steps open on a request being handled, with valid values.
fn open_steps() -> Vec<(&'static str, StepInput)> {
    let later = iso_date::format(gongkai_store::timestamp::today_in_china() + time::Duration::days(10));
    vec![
        ("assign", step("assign", &[("handler", "Chandler")])),
        ("request_clarification", step("request_clarification", &[("matters", "请写明年份"), ("reply_by", &later)])),
        ("start_consultation", step("start_consultation", &[("kind", "third_party"), ("party", "某公司")])),
        ("extend", step("extend", &[("days", "10"), ("reason", "需调取档案")])),
        (
            "issue_fee_notice",
            step(
                "issue_fee_notice",
                &[("amount_yuan", "100"), ("explanation", "按件"), ("payment_method", "窗口缴纳")],
            ),
        ),
        (
            "decide",
            step("decide", &[("outcome", "granted"), ("basis", "《中华人民共和国政府信息公开条例》"), ("reasons", "")]),
        ),
        ("supervise", step("supervise", &[("note", "请按期答复")])),
    ]
}

/// The steps each account may take on the county's request: written out here, independently of
/// the authorization table, so a wrong table fails this test.
fn expected(who: &str) -> &'static [&'static str] {
    const HANDLING: &[&str] = &["assign", "request_clarification", "start_consultation", "issue_fee_notice", "decide"];
    match who {
        "C:admin" => &[
            "assign",
            "request_clarification",
            "start_consultation",
            "extend",
            "issue_fee_notice",
            "decide",
            "supervise",
        ],
        "C:handler" => HANDLING,
        "C:approver" => &["extend"],
        "C:supervisor" => &["supervise"],
        _ => &[],
    }
}

async fn every_open_step_is_allowed_exactly_to_the_roles_of_the_agency_that_hold_it(f: Fixture) {
    for key in ["C", "T", "N"] {
        for role in ROLES {
            let who_key = format!("{key}:{role}");
            for (command, input) in open_steps() {
                let id = processing(&f).await;
                let result = handling::apply(&f.app, f.who(&who_key), id, input).await;
                let allowed = expected(&who_key).contains(&command);
                match result {
                    Ok(_) => assert!(allowed, "{who_key} took {command}"),
                    Err(Error::Denied(p)) => {
                        assert!(!allowed, "{who_key} was refused {command}");
                        assert_eq!(p, gongkai_core::request::workflow::Kind::from_key(command).unwrap().permission());
                    }
                    Err(e) => panic!("{who_key} {command}: {e:?}"),
                }
            }
        }
    }
}

async fn a_step_the_workflow_refuses_names_the_status_and_writes_nothing(f: Fixture) {
    let id = processing(&f).await;
    let events = |f: &Fixture| {
        let db = f.app.db.clone();
        async move { gongkai_store::request::workflow::events(&db, id).await.unwrap().len() }
    };
    let before = events(&f).await;
    let e = handling::apply(&f.app, f.who("C:handler"), id, step("close", &[])).await.unwrap_err();
    let Error::Invalid(fields) = e else { panic!("{e:?}") };
    assert_eq!(fields.0[0].message, "当前状态“办理中”不能办结归档");
    assert_eq!(events(&f).await, before);
    let e = handling::apply(&f.app, f.who("C:handler"), id, step("explode", &[])).await.unwrap_err();
    assert!(e.to_string().contains("未知的操作“explode”"), "{e}");
    let e = handling::apply(&f.app, f.who("C:handler"), id, step("request_clarification", &[("matters", "x")]))
        .await
        .unwrap_err();
    let Error::Invalid(fields) = e else { panic!("{e:?}") };
    assert_eq!(fields.0[0].field, "reply_by", "the missing field is named");
}

async fn requests_are_read_in_the_agency_and_from_above_but_never_from_beside_or_below(f: Fixture) {
    let id = processing(&f).await;
    let c = f.agencies["C"].id;
    for (who, may) in [
        ("C:handler", true),
        ("C:approver", true),
        ("C:supervisor", true),
        ("C:admin", true),
        ("C:drafter", false),
        ("T:handler", false),
        ("T:supervisor", false),
        ("N:supervisor", false),
        ("N:admin", false),
    ] {
        let read = case::read(&f.app, f.who(who), id).await;
        let listed = listing::list(&f.app, f.who(who), c, View::All, 10).await;
        assert_eq!(read.is_ok(), may, "{who} reads the request");
        assert_eq!(listed.is_ok(), may, "{who} lists the county's requests");
        if !may {
            assert!(matches!(read, Err(Error::Denied(Permission::ReadRequests))), "{who}");
        }
    }
    // A supervisor above reads the township's requests too; its handler does not read the county's.
    let t = f.agencies["T"].id;
    let receipt = intake::register(&f.app, f.who("T:handler"), t, &in_person(&today()), Vec::new()).await.unwrap();
    assert!(case::read(&f.app, f.who("C:supervisor"), receipt.id).await.is_ok());
    assert!(case::read(&f.app, f.who("C:handler"), receipt.id).await.is_err(), "handlers read their own agency only");
}

async fn the_steps_offered_are_the_steps_allowed(f: Fixture) {
    let id = processing(&f).await;
    for (who, steps) in [
        ("C:handler", vec!["request_clarification", "assign", "start_consultation", "issue_fee_notice", "decide"]),
        ("C:approver", vec!["extend"]),
        ("C:supervisor", vec!["supervise"]),
        ("C:drafter", vec![]),
    ] {
        let offered: Vec<&str> = match case::read(&f.app, f.who(who), id).await {
            Ok(c) => c.steps.iter().map(|s| s.key).collect(),
            Err(_) => Vec::new(),
        };
        assert_eq!(offered, steps, "{who}");
    }
}

async fn only_the_agencys_own_handlers_register_requests(f: Fixture) {
    let c = f.agencies["C"].id;
    for (who, may) in
        [("C:handler", true), ("C:admin", true), ("C:supervisor", false), ("T:handler", false), ("N:admin", false)]
    {
        let r = intake::register(&f.app, f.who(who), c, &in_person(&today()), Vec::new()).await;
        assert_eq!(r.is_ok(), may, "{who}: {r:?}");
    }
}

async fn a_case_is_assigned_only_to_a_handler_of_its_agency(f: Fixture) {
    let id = processing(&f).await;
    let who = f.who("C:handler");
    // A drafter of the county, a handler of the township and a typo are refused, naming the choices.
    for name in ["Cdrafter", "Thandler", "王五"] {
        let refused = handling::apply(&f.app, who, id, step("assign", &[("handler", name)])).await.unwrap_err();
        let Error::Invalid(fields) = refused else { panic!("{name}: {refused:?}") };
        assert_eq!(fields.0[0].field, "handler");
        assert!(fields.0[0].message.contains("可选：Cadmin、Chandler"), "{name}: {fields:?}");
    }
    // The user name is accepted too; the case records the display name.
    let after = handling::apply(&f.app, who, id, step("assign", &[("handler", "c-handler")])).await.unwrap();
    assert_eq!(after.handler.as_deref(), Some("Chandler"));
}

crate::on_both_backends!(
    every_open_step_is_allowed_exactly_to_the_roles_of_the_agency_that_hold_it,
    a_step_the_workflow_refuses_names_the_status_and_writes_nothing,
    requests_are_read_in_the_agency_and_from_above_but_never_from_beside_or_below,
    the_steps_offered_are_the_steps_allowed,
    only_the_agencys_own_handlers_register_requests,
    a_case_is_assigned_only_to_a_handler_of_its_agency,
);

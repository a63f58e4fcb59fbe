//! Who may make, see and revoke personal API tokens, and what a token acts as: the member
//! themselves in the console makes one (not through a token, not for someone else), the
//! administrators above see and revoke it, and a token stops working when revoked, expired or its
//! account disabled.

use gongkai_app::{Principal, StaffMember, Via, tokens};
use gongkai_core::agency::Roles;
use gongkai_core::agency::policy::Permission;
use gongkai_store::Error;
use gongkai_store::api_token::TokenRequest;

use crate::fixture::Fixture;

fn request(name: &str) -> TokenRequest {
    TokenRequest::parse(name, "30").unwrap()
}

fn id_of(p: &Principal) -> i64 {
    p.staff().unwrap().staff.id
}

fn through_token(p: &Principal) -> Principal {
    let m = p.staff().unwrap();
    Principal::Staff(StaffMember { staff: m.staff.clone(), agency: m.agency.clone(), via: Via::Token { token_id: 1 } })
}

async fn a_member_makes_their_own_token_in_the_console_only(f: Fixture) {
    let handler = f.who("T:handler");
    let issued = tokens::issue(&f.app, handler, id_of(handler), &request("12345热线")).await.unwrap();
    assert!(issued.secret.starts_with("gk_") && issued.secret.len() > 40, "{}", issued.secret);
    assert!(issued.token.prefix.len() < issued.secret.len() && issued.secret.starts_with(&issued.token.prefix));
    // Not for someone else, not even by their administrator or the county's.
    for other in ["T:admin", "C:admin", "T:supervisor"] {
        let e = tokens::issue(&f.app, f.who(other), id_of(handler), &request("x")).await.unwrap_err();
        assert!(matches!(e, Error::Denied(Permission::IssueApiTokens)), "{other}: {e:?}");
    }
    // Not through a token: a leaked token cannot mint more.
    let e = tokens::issue(&f.app, &through_token(handler), id_of(handler), &request("x")).await.unwrap_err();
    assert!(matches!(e, Error::Denied(Permission::IssueApiTokens)), "{e:?}");
    // The operator at the command line may, for any account.
    tokens::issue(&f.app, &Principal::Operator, id_of(handler), &request("命令行")).await.unwrap();
    assert!(tokens::issue(&f.app, &Principal::Public, id_of(handler), &request("x")).await.is_err());
    assert!(tokens::issue(&f.app, &Principal::System, id_of(handler), &request("x")).await.is_err());
}

async fn a_token_acts_as_its_member_with_the_members_scope(f: Fixture) {
    let handler = f.who("T:handler");
    let issued = tokens::issue(&f.app, handler, id_of(handler), &request("OA")).await.unwrap();
    let member = tokens::authenticate(&f.app, &issued.secret).await.unwrap().expect("valid");
    assert_eq!(member.staff.id, id_of(handler));
    assert_eq!(member.agency.id, f.agencies["T"].id);
    assert_eq!(member.via, Via::Token { token_id: issued.token.id });
    let who = Principal::Staff(member);
    assert!(who.may(Permission::HandleRequests, &f.agencies["T"]));
    assert!(!who.may(Permission::ReadRequests, &f.agencies["C"]), "not above");
    assert!(!who.may(Permission::ReadRequests, &f.agencies["N"]), "not another county");
    for wrong in ["", "gk_", "gk_nope", "Bearer x", &issued.secret[..issued.secret.len() - 1]] {
        assert!(tokens::authenticate(&f.app, wrong).await.unwrap().is_none(), "{wrong:?}");
    }
}

async fn administrators_above_see_and_revoke_and_a_revoked_token_stops(f: Fixture) {
    let handler = f.who("T:handler");
    let issued = tokens::issue(&f.app, handler, id_of(handler), &request("OA")).await.unwrap();
    let own = tokens::list(&f.app, handler, id_of(handler)).await.unwrap();
    assert!(own.may_issue && own.tokens.len() == 1);
    let county = tokens::list(&f.app, f.who("C:admin"), id_of(handler)).await.unwrap();
    assert!(!county.may_issue && county.tokens.len() == 1);
    for refused in ["N:admin", "T:drafter", "C:supervisor"] {
        let e = tokens::list(&f.app, f.who(refused), id_of(handler)).await.unwrap_err();
        assert!(matches!(e, Error::Denied(Permission::ManageStaff)), "{refused}: {e:?}");
        let e = tokens::revoke(&f.app, f.who(refused), id_of(handler), issued.token.id).await.unwrap_err();
        assert!(matches!(e, Error::Denied(Permission::ManageStaff)), "{refused}: {e:?}");
    }
    // A token id of another account is not found under this one.
    let other = f.who("T:drafter");
    let e = tokens::revoke(&f.app, other, id_of(other), issued.token.id).await.unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e:?}");
    assert!(tokens::authenticate(&f.app, &issued.secret).await.unwrap().is_some());
    tokens::revoke(&f.app, f.who("T:admin"), id_of(handler), issued.token.id).await.unwrap();
    assert!(tokens::authenticate(&f.app, &issued.secret).await.unwrap().is_none(), "revoked");
    let audit: Vec<String> = sqlx::query_scalar("select action from audit_log where entity = 'api_token' order by id")
        .fetch_all(f.app.db.reader())
        .await
        .unwrap();
    assert_eq!(audit, ["create", "revoke"]);
}

async fn an_expired_token_or_a_disabled_account_stops_at_once(f: Fixture) {
    let handler = f.who("T:handler");
    let a = tokens::issue(&f.app, handler, id_of(handler), &request("A")).await.unwrap();
    let b = tokens::issue(&f.app, handler, id_of(handler), &request("B")).await.unwrap();
    let mut tx = f.app.db.begin().await.unwrap();
    sqlx::query("update api_tokens set expires_at = '2020-01-01T00:00:00Z' where id = $1")
        .bind(a.token.id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(tokens::authenticate(&f.app, &a.secret).await.unwrap().is_none(), "expired");
    assert!(tokens::authenticate(&f.app, &b.secret).await.unwrap().is_some());
    let roles = Roles::from_stored("handler").unwrap();
    let change =
        gongkai_store::staff::StaffChange {
            display_name: "T经办".into(), email: String::new(), roles, active: false
        };
    gongkai_app::staff::update(&f.app, f.who("T:admin"), id_of(handler), &change).await.unwrap();
    assert!(tokens::authenticate(&f.app, &b.secret).await.unwrap().is_none(), "account disabled");
}

async fn a_token_request_names_its_bad_fields(_f: Fixture) {
    let e = TokenRequest::parse(" ", "0").unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["name", "days"]);
    assert!(e.0[1].message.contains("1至366"), "{}", e.0[1].message);
    assert!(TokenRequest::parse("OA", "abc").is_err());
    assert_eq!(TokenRequest::parse("OA", "").unwrap().days, 90);
}

crate::on_both_backends!(
    a_member_makes_their_own_token_in_the_console_only,
    a_token_acts_as_its_member_with_the_members_scope,
    administrators_above_see_and_revoke_and_a_revoked_token_stops,
    an_expired_token_or_a_disabled_account_stops_at_once,
    a_token_request_names_its_bad_fields,
);

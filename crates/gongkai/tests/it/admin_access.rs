//! Every admin route × every role × every agency relation: a township cannot touch another
//! township, a county supervisor reads but never writes, and a refused request writes nothing.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::support::{TestApp, UserClient, code};
use reqwest::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    Read,
    Write,
}

#[derive(Clone, Copy, Debug)]
enum Route {
    ShowAgency,
    EditAgency,
    UpdateAgency,
    NewChild,
    CreateChild,
    ListStaff,
    NewStaff,
    CreateStaff,
    ShowStaff,
    UpdateStaff,
    SetStaffEmail,
    ResetPassword,
}

const ROUTES: [Route; 12] = [
    Route::ShowAgency,
    Route::EditAgency,
    Route::UpdateAgency,
    Route::NewChild,
    Route::CreateChild,
    Route::ListStaff,
    Route::NewStaff,
    Route::CreateStaff,
    Route::ShowStaff,
    Route::UpdateStaff,
    Route::SetStaffEmail,
    Route::ResetPassword,
];

impl Route {
    fn need(self) -> Need {
        match self {
            Route::ShowAgency | Route::ListStaff | Route::ShowStaff => Need::Read,
            _ => Need::Write,
        }
    }
}

/// The expected access, written out by hand from the rule (not computed by the code under test).
fn expected(actor: &str, target: &str) -> Option<Need> {
    use Need::*;
    match (actor, target) {
        ("c_admin", _) => Some(Write),
        ("c_supervisor", _) => Some(Read),
        ("c_drafter", "C") => Some(Read),
        ("c_drafter", _) => None,
        ("t1_admin", "T1") => Some(Write),
        ("t1_admin", _) => None,
        ("t1_handler", "T1") => Some(Read),
        ("t1_handler", _) => None,
        _ => unreachable!(),
    }
}

static SERIAL: AtomicU32 = AtomicU32::new(1000);

async fn call(app: &TestApp, client: &UserClient, route: Route, target: &str) -> (StatusCode, StatusCode) {
    let agency = &app.agencies[target];
    let a = agency.id;
    let target_staff_key: &'static str = match target {
        "C" => "C_target",
        "D" => "D_target",
        "T1" => "T1_target",
        _ => "T2_target",
    };
    let s = app.staff[target_staff_key].id;
    let n = SERIAL.fetch_add(1, Ordering::SeqCst);
    let response = match route {
        Route::ShowAgency => client.get(&format!("/admin/agencies/{a}")).await,
        Route::EditAgency => client.get(&format!("/admin/agencies/{a}/edit")).await,
        Route::UpdateAgency => {
            let form = [
                ("name", agency.name.as_str()),
                ("level", agency.level.as_str()),
                ("credit_code", agency.credit_code.as_str()),
                ("phone", "023-1234567"),
            ];
            client.post(&format!("/admin/agencies/{a}"), &form).await
        }
        Route::NewChild => client.get(&format!("/admin/agencies/{a}/new")).await,
        Route::CreateChild => {
            let credit = code(n);
            let name = format!("新机关{n}");
            client
                .post(
                    &format!("/admin/agencies/{a}/children"),
                    &[("name", &name), ("level", "department"), ("credit_code", &credit)],
                )
                .await
        }
        Route::ListStaff => client.get(&format!("/admin/agencies/{a}/staff")).await,
        Route::NewStaff => client.get(&format!("/admin/agencies/{a}/staff/new")).await,
        Route::CreateStaff => {
            let user = format!("user{n}");
            client
                .post(
                    &format!("/admin/agencies/{a}/staff"),
                    &[("username", &user), ("display_name", "新人"), ("roles", "drafter")],
                )
                .await
        }
        Route::ShowStaff => client.get(&format!("/admin/staff/{s}")).await,
        Route::UpdateStaff => {
            client
                .post(&format!("/admin/staff/{s}"), &[("display_name", "改名"), ("roles", "drafter"), ("active", "1")])
                .await
        }
        Route::SetStaffEmail => client.post(&format!("/admin/staff/{s}/email"), &[("email", "new@hao.gov.cn")]).await,
        Route::ResetPassword => client.post(&format!("/admin/staff/{s}/password"), &[]).await,
    };
    let success = match route {
        Route::UpdateAgency | Route::CreateChild | Route::UpdateStaff | Route::SetStaffEmail => StatusCode::SEE_OTHER,
        _ => StatusCode::OK,
    };
    (response.status(), success)
}

crate::stories! {
    async fn every_admin_route_checks_role_and_agency_scope() {
        let app = TestApp::county().await;
        let mut checked = 0;
        for actor in ["c_admin", "c_supervisor", "c_drafter", "t1_admin", "t1_handler"] {
            let client = app.login(actor).await;
            for target in ["C", "D", "T1", "T2"] {
                for route in ROUTES {
                    let allowed = expected(actor, target).is_some_and(|have| have >= route.need());
                    let before = app.audit_count().await;
                    let (status, success) = call(&app, &client, route, target).await;
                    if allowed {
                        assert_eq!(status, success, "{actor} {route:?} on {target} should be allowed");
                    } else {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{actor} {route:?} on {target} should be refused");
                        assert_eq!(app.audit_count().await, before, "{actor} {route:?} on {target} wrote something");
                    }
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 5 * 4 * ROUTES.len());
    }

    async fn the_audit_page_is_for_admins_and_supervisors_only() {
        let app = TestApp::county().await;
        for (actor, status) in
            [("c_admin", 200), ("c_supervisor", 200), ("t1_admin", 200), ("c_drafter", 403), ("t1_handler", 403)]
        {
            let client = app.login(actor).await;
            assert_eq!(client.get("/admin/audit").await.status().as_u16(), status, "{actor}");
        }
        // A township admin sees its own records, not the county's.
        let t1 = app.login("t1_admin").await;
        let page = t1.get("/admin/audit").await.text().await.unwrap();
        assert!(page.contains("t1_target") || page.contains("T1_target"), "own staff creation is listed");
        assert!(!page.contains("浩县人民政府"), "the county's own record must not be visible");
    }

    async fn the_agency_tree_shows_only_what_the_account_may_see() {
        let app = TestApp::county().await;
        let supervisor = app.login("c_supervisor").await.get("/admin/agencies").await.text().await.unwrap();
        for name in ["浩县人民政府", "浩县财政局", "浩口乡人民政府", "石门镇人民政府"] {
            assert!(supervisor.contains(name), "{name}");
        }
        assert!(!supervisor.contains("可管理"), "a supervisor manages nothing");
        let township = app.login("t1_admin").await.get("/admin/agencies").await.text().await.unwrap();
        assert!(township.contains("浩口乡人民政府") && township.contains("可管理"));
        assert!(!township.contains("石门镇人民政府") && !township.contains("浩县人民政府"));
    }

    async fn every_admin_route_needs_a_login() {
        let app = TestApp::county().await;
        let anonymous = app.client();
        let a = app.agencies["C"].id;
        let s = app.staff["C_target"].id;
        for path in [
            "/admin".to_string(),
            "/admin/agencies".into(),
            format!("/admin/agencies/{a}"),
            format!("/admin/agencies/{a}/edit"),
            format!("/admin/agencies/{a}/new"),
            format!("/admin/agencies/{a}/staff"),
            format!("/admin/agencies/{a}/staff/new"),
            format!("/admin/staff/{s}"),
            "/admin/password".into(),
            "/admin/audit".into(),
        ] {
            let r = anonymous.get(&path).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
            assert_eq!(r.headers()["location"], "/admin/login", "{path}");
        }
        let before = app.audit_count().await;
        for path in
            [format!("/admin/agencies/{a}"), format!("/admin/agencies/{a}/children"), format!("/admin/staff/{s}/password")]
        {
            assert_eq!(anonymous.post(&path, &[("name", "x")]).await.status(), StatusCode::SEE_OTHER, "{path}");
        }
        assert_eq!(app.audit_count().await, before);
    }
}

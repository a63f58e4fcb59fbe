//! Bad input gets a specific Chinese error naming the field and writes nothing; cross-site posts
//! are refused; logins are throttled; passwords change; sessions end.

use crate::support::{PASSWORD, TestApp, code};
use reqwest::StatusCode;

crate::stories! {
    async fn invalid_agency_forms_name_each_field_and_write_nothing() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let c = app.agencies["C"].id;
        let long_name = "很".repeat(101);
        let existing = app.agencies["D"].credit_code.clone();
        let cases: [(&[(&str, &str)], &str); 5] = [
            (
                &[("name", "新机关"), ("level", "department"), ("credit_code", "11330000000000001X")],
                "统一社会信用代码校验位不正确",
            ),
            (&[("name", "新机关"), ("level", "department"), ("credit_code", "12345")], "统一社会信用代码应为18位，现为5位"),
            (&[("name", ""), ("level", "department"), ("credit_code", &code(77))], "机关名称不能为空"),
            (
                &[("name", &long_name), ("level", "department"), ("credit_code", &code(78))],
                "机关名称过长：最多100个字符，现有101个",
            ),
            (&[("name", "重复机关"), ("level", "department"), ("credit_code", &existing)], "已被“浩县财政局”使用"),
        ];
        for (form, message) in cases {
            let before = (app.audit_count().await, gongkai_store::agency::all(&app.db).await.unwrap().len());
            let r = admin.post(&format!("/admin/agencies/{c}/children"), form).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{message}");
            let page = r.text().await.unwrap();
            assert!(page.contains(message), "expected {message:?} in the page");
            assert_eq!((app.audit_count().await, gongkai_store::agency::all(&app.db).await.unwrap().len()), before);
        }
    }

    async fn the_agency_form_keeps_what_was_typed_and_escapes_it() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let c = app.agencies["C"].id;
        let r = admin
            .post(
                &format!("/admin/agencies/{c}/children"),
                &[("name", "<script>alert(1)</script>"), ("level", "department"), ("credit_code", "bad")],
            )
            .await;
        let page = r.text().await.unwrap();
        assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;") || page.contains("&lt;script&gt;"), "escaped");
        assert!(!page.contains("<script>alert(1)"));
    }

    async fn duplicate_and_invalid_staff_are_refused_with_field_messages() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let c = app.agencies["C"].id;
        let taken = app.staff["c_drafter"].username.clone();
        let cases: [(&[(&str, &str)], &str); 4] = [
            (&[("username", &taken), ("display_name", "某人"), ("roles", "drafter")], &format!("用户名“{taken}”已被使用")),
            (&[("username", "ok-name"), ("display_name", ""), ("roles", "drafter")], "姓名不能为空"),
            (&[("username", "ok-name"), ("display_name", "某人")], "请至少选择一个角色"),
            (&[("username", "ok-name"), ("display_name", "某人"), ("roles", "root")], "未知的角色“root”"),
        ];
        for (form, message) in cases {
            let before = app.audit_count().await;
            let r = admin.post(&format!("/admin/agencies/{c}/staff"), form).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{message}");
            assert!(r.text().await.unwrap().contains(message), "{message}");
            assert_eq!(app.audit_count().await, before);
        }
    }

    async fn a_created_account_can_log_in_with_the_password_shown_once() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let t2 = app.agencies["T2"].id;
        let page = admin
            .post(
                &format!("/admin/agencies/{t2}/staff"),
                &[("username", "new-user"), ("display_name", "新同事"), ("roles", "handler"), ("roles", "drafter")],
            )
            .await
            .text()
            .await
            .unwrap();
        let start = page.find("id=\"generated-password\">").unwrap() + "id=\"generated-password\">".len();
        let password = &page[start..start + 16];
        let client = app.client();
        assert_eq!(client.login("new-user", password).await.status(), StatusCode::SEE_OTHER);
        let home = client.get("/admin").await.text().await.unwrap();
        assert!(home.contains("起草、依申请经办"), "both roles were stored");
    }

    async fn a_cross_site_form_post_is_refused_and_writes_nothing() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let c = app.agencies["C"].id;
        let before = app.audit_count().await;
        let r = admin
            .post_cross_site(
                &format!("/admin/agencies/{c}/children"),
                &[("name", "恶意机关"), ("level", "department"), ("credit_code", &code(90))],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.text().await.unwrap().contains("跨站提交的请求已被拒绝"));
        let r = admin.post_cross_site("/admin/logout", &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.audit_count().await, before);
        assert_eq!(admin.get("/admin").await.status(), StatusCode::OK, "still logged in");
    }

    async fn wrong_passwords_are_refused_and_then_throttled() {
        let app = TestApp::county().await;
        let client = app.client();
        let r = client.login("c-admin", "wrong password").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.text().await.unwrap().contains("用户名或密码错误"));
        for _ in 0..4 {
            client.login("c-admin", "wrong password").await;
        }
        // Five failures per 15 minutes per account: the sixth try is throttled even with the right password.
        let r = client.login("c-admin", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(r.text().await.unwrap().contains("登录失败次数过多，请15分钟后再试"));
        // Another account from the same address is not affected yet.
        assert_eq!(client.login("c-supervisor", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    }

    async fn the_session_cookie_is_http_only_lax_and_scoped_to_admin() {
        let app = TestApp::county().await;
        let r = app.client().login("c-admin", PASSWORD).await;
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("gk_session="));
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/admin"] {
            assert!(cookie.contains(attribute), "{cookie}");
        }
        assert!(!cookie.contains("Secure"), "not over plain http");
    }

    async fn changing_ones_password_ends_the_session_and_the_new_one_works() {
        let app = TestApp::county().await;
        let me = app.login("t1_handler").await;
        let r = me
            .post(
                "/admin/password",
                &[("current_password", "nope"), ("new_password", "short"), ("confirm_password", "short")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains("当前密码不正确") && page.contains("密码至少10个字符"));
        // (Another account: each try counts against the account's login throttle.)
        let admin = app.login("c_admin").await;
        for (new, refusal) in [(PASSWORD, "新密码不能与当前密码相同"), ("password1234", "新密码太容易被猜到")] {
            let form = [("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)];
            let r = admin.post("/admin/password", &form).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(r.text().await.unwrap().contains(refusal), "{new}");
        }
        // Guessing the current password through this form is throttled like logging in.
        let guesser = app.login("t1_admin").await;
        let mut statuses = Vec::new();
        for _ in 0..6 {
            let form = [("current_password", "guess"), ("new_password", "x"), ("confirm_password", "x")];
            statuses.push(guesser.post("/admin/password", &form).await.status());
        }
        assert_eq!(statuses[4], StatusCode::UNPROCESSABLE_ENTITY, "five wrong guesses are answered: {statuses:?}");
        assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
        let strong = "青石镇 brisk lantern 47 orchard";
        let r = me
            .post("/admin/password", &[("current_password", PASSWORD), ("new_password", strong), ("confirm_password", strong)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(me.get("/admin").await.status(), StatusCode::SEE_OTHER, "session ended");
        assert_eq!(app.client().login("t1-handler", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.client().login("t1-handler", strong).await.status(), StatusCode::SEE_OTHER);
    }

    async fn an_admin_cannot_lock_themselves_out() {
        let app = TestApp::county().await;
        let me = app.login("t1_admin").await;
        let id = app.staff["t1_admin"].id;
        let r =
            me.post(&format!("/admin/staff/{id}"), &[("display_name", "我"), ("roles", "handler"), ("active", "1")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("不能停用自己的账号或取消自己的管理员角色"));
    }

    async fn logging_out_ends_the_session() {
        let app = TestApp::county().await;
        let me = app.login("c_admin").await;
        assert_eq!(me.post("/admin/logout", &[]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(me.get("/admin").await.status(), StatusCode::SEE_OTHER);
    }

    async fn an_office_behind_one_address_is_never_locked_out_by_its_own_sign_ins() {
        let site = gongkai_web::SiteConfig { login_attempts_per_ip: 3, ..Default::default() };
        let app = TestApp::county_with_site(site).await;
        let client = app.client();
        // Everyone in the office signs in from the same NAT address, many times over.
        for n in 0..12 {
            let who = ["c-admin", "c-supervisor", "t1-handler"][n % 3];
            assert_eq!(client.login(who, PASSWORD).await.status(), StatusCode::SEE_OTHER, "sign-in {n} of {who}");
        }
        // A success clears the account's failures: two wrong passwords, a right one, two more.
        for _ in 0..2 {
            assert_eq!(client.login("c-admin", "wrong password").await.status(), StatusCode::UNAUTHORIZED);
        }
        assert_eq!(client.login("c-admin", PASSWORD).await.status(), StatusCode::SEE_OTHER);
        // The address has two failures in the window: one more is answered, then it waits.
        assert_eq!(client.login("c-admin", "wrong password").await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(client.login("c-supervisor", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    }

    async fn many_user_names_from_one_address_are_throttled_too() {
        let site = gongkai_web::SiteConfig { login_attempts_per_ip: 3, ..Default::default() };
        let app = TestApp::with_site(site).await;
        let client = app.client();
        for n in 0..3 {
            let r = client.login(&format!("guess{n}"), "whatever password").await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        assert_eq!(client.login("guess9", "whatever password").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

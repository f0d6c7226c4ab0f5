//! Signing in and out, and sessions that end on the server.

use diesel::prelude::*;
use support_contacts::db::schema::{user_sessions, users};

use crate::helpers::*;

#[actix_web::test]
async fn a_partner_signs_in_and_lands_on_customers() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let page = b.sign_in("helpdesk@contoso.example").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/");
    let home = b.get("/").await;
    assert_eq!(home.location(), "/customers");
    let customers = b.get("/customers").await;
    assert_eq!(customers.status, 200);
    assert!(customers.main_text().contains("Adatum Corporation"));
    assert!(customers.body.contains("Hana Helpdesk"));
    assert!(customers.body.contains("Helpdesk agent"));
    assert!(
        customers
            .body
            .contains("<a href=\"/customers\" aria-current=\"page\">Customers</a>"),
        "the navigation marks the current page"
    );
}

#[actix_web::test]
async fn wrong_email_and_wrong_password_get_the_same_message() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let wrong_password = b.sign_in_with("helpdesk@contoso.example", "nope").await;
    let wrong_email = b
        .sign_in_with("nobody@contoso.example", DEMO_PASSWORD)
        .await;
    assert_eq!(wrong_password.status, 401);
    assert_eq!(wrong_email.status, 401);
    assert!(wrong_password
        .main_text()
        .contains("The email or password is incorrect."));
    assert_eq!(wrong_password.main_text(), wrong_email.main_text());
    // What was typed comes back, the password never does.
    assert_eq!(
        wrong_password.input_value("email").as_deref(),
        Some("helpdesk@contoso.example")
    );
    assert!(!wrong_password.body.contains("value=\"nope\""));
    // Still signed out.
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn the_wrong_password_message_is_localized() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    *b.accept_language.borrow_mut() = Some("ja-JP".into());
    let page = b.sign_in_with("helpdesk@contoso.example", "nope").await;
    assert_eq!(page.html_lang(), Some("ja-JP"));
    assert!(page
        .main_text()
        .contains("メールアドレスまたはパスワードが正しくありません"));
}

#[actix_web::test]
async fn empty_fields_get_their_own_message() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let page = b.sign_in_with("", "").await;
    assert!(page
        .main_text()
        .contains("Enter your email and your password."));
}

#[actix_web::test]
async fn passwords_are_stored_as_argon2id() {
    let app = TestApp::spawn().await;
    let hashes: Vec<String> = users::table
        .select(users::password_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(hashes.len(), 10);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    }
    assert!(!hashes.iter().any(|h| h.contains(DEMO_PASSWORD)));
}

#[actix_web::test]
async fn sign_in_without_a_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    b.get("/sign-in").await;
    let page = b
        .post(
            "/sign-in",
            &[
                ("email", "helpdesk@contoso.example"),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(page.main_text().contains("This form has expired"));
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn the_session_is_renewed_at_sign_in() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let before = b.get("/sign-in").await;
    let anonymous_cookie = b
        .cookie("sc_session")
        .expect("a session cookie before sign-in");
    let anonymous_token = before.csrf();
    b.sign_in("helpdesk@contoso.example").await;
    let after = b.get("/customers").await;
    assert_ne!(after.csrf(), anonymous_token, "CSRF token renewed");
    assert_ne!(b.cookie("sc_session").unwrap(), anonymous_cookie);
    // Someone holding the cookie from before sign-in gains nothing.
    let attacker = app.browser();
    attacker.set_cookie("sc_session", &anonymous_cookie);
    assert_eq!(attacker.get("/customers").await.location(), "/sign-in");
    let live: i64 = user_sessions::table
        .filter(user_sessions::revoked_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(live, 1);
}

#[actix_web::test]
async fn sign_out_is_a_post_and_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let stolen = b.cookie("sc_session").unwrap();
    assert_eq!(b.get("/sign-out").await.status, 404, "no sign-out by GET");
    let refused = b.post("/sign-out", &[]).await;
    assert_eq!(refused.status, 403, "sign-out needs the CSRF token");
    assert_eq!(b.get("/customers").await.status, 200);
    let out = b.sign_out().await;
    assert_eq!(out.status, 303);
    assert_eq!(out.location(), "/sign-in");
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
    // A copy of the cookie taken before sign-out is dead too.
    let replay = app.browser();
    replay.set_cookie("sc_session", &stolen);
    assert_eq!(replay.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn disabling_a_user_ends_their_session_on_the_next_request() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    assert_eq!(b.get("/customers").await.status, 200);
    diesel::update(users::table.filter(users::email.eq("helpdesk@contoso.example")))
        .set(users::state.eq("disabled"))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
    let again = b.sign_in("helpdesk@contoso.example").await;
    assert_eq!(again.status, 401, "a disabled user cannot sign in");
}

#[actix_web::test]
async fn a_changed_role_takes_effect_on_the_next_request() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    assert!(b.get(&path).await.body.contains("<select"));
    diesel::update(users::table.filter(users::email.eq("helpdesk@contoso.example")))
        .set(users::role.eq("sales_agent"))
        .execute(&mut app.conn())
        .unwrap();
    let page = b.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("<select"),
        "no select for a Sales agent"
    );
}

#[actix_web::test]
async fn pages_need_a_signed_in_user() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    for path in ["/customers", "/support-profile", "/admin/support"] {
        let page = b.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(page.location(), "/sign-in", "{path}");
    }
}

#[actix_web::test]
async fn after_a_sign_out_elsewhere_the_sign_in_form_still_works() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let elsewhere = app.browser();
    elsewhere.set_cookie("sc_session", &b.cookie("sc_session").unwrap());
    assert_eq!(elsewhere.sign_out().await.status, 303);
    // The first browser still holds the old cookie; its next sign-in goes through first time.
    let page = b.sign_in("helpdesk@contoso.example").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(b.get("/customers").await.status, 200);
}

/// The main navigation marks the page the user is on, and only that page.
#[actix_web::test]
async fn the_main_navigation_marks_the_current_page() {
    let app = TestApp::spawn().await;
    let pages = [
        ("global.admin@contoso.example", "/customers"),
        ("global.admin@contoso.example", "/indirect-resellers"),
        ("global.admin@contoso.example", "/support-profile"),
        ("global.admin@contoso.example", "/audit"),
        ("global.admin@contoso.example", "/users"),
        ("admin.agent@fabrikam.example", "/supported-subscriptions"),
        ("admin@adatum.example", "/admin/support"),
    ];
    for (email, path) in pages {
        let user = app.signed_in(email).await;
        let page = user.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        let start = page.body.find("class=\"main-nav\"").expect("main nav");
        let nav = &page.body[start..start + page.body[start..].find("</nav>").unwrap()];
        assert!(
            nav.contains(&format!("href=\"{path}\" aria-current=\"page\"")),
            "{path} is not marked: {nav}"
        );
        assert_eq!(
            nav.matches("aria-current").count(),
            1,
            "{path}: one current page"
        );
    }
}

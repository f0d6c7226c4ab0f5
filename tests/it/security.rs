//! Security on every response: headers, cookies, limits, and error pages that say nothing
//! about the server's insides.

use support_contacts::config::Settings;
use support_contacts::db::PoolSettings;

use crate::helpers::*;

fn assert_security_headers(page: &Page, what: &str) {
    let csp = page
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("CSP on {what}"));
    assert!(csp.contains("frame-ancestors 'none'"), "{what}");
    assert!(csp.contains("default-src 'none'"), "{what}");
    assert_eq!(
        page.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        page.header("referrer-policy"),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(page.header("x-frame-options"), Some("DENY"), "{what}");
}

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    assert_security_headers(&b.get("/sign-in").await, "sign-in page");
    assert_security_headers(&b.get("/customers").await, "redirect");
    assert_security_headers(&b.get("/static/app.css").await, "stylesheet");
    let missing = b.get("/no/such/page").await;
    assert_eq!(missing.status, 404);
    assert_security_headers(&missing, "404");
    let csrf = b
        .post("/sign-in", &[("email", "a"), ("password", "b")])
        .await;
    assert_eq!(csrf.status, 403);
    assert_security_headers(&csrf, "403");
    let signed_in = app.signed_in("sales@contoso.example").await;
    let path = subscription_path(
        &signed_in,
        "Adatum Corporation",
        "Office 365 Business Standard",
    )
    .await;
    let page = signed_in.get(&path).await;
    assert_security_headers(&page, "subscription page");
    assert_eq!(page.header("cache-control"), Some("no-store"));
}

#[actix_web::test]
async fn unknown_pages_get_a_localized_page_not_a_bare_error() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    *b.accept_language.borrow_mut() = Some("ja".into());
    let page = b.get("/nothing-here").await;
    assert_eq!(page.status, 404);
    assert_eq!(page.html_lang(), Some("ja-JP"));
    assert!(page.body.contains("<h1>"));
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
}

#[actix_web::test]
async fn session_cookies_are_http_only_lax_and_secure_outside_development() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let page = b.get("/sign-in").await;
    let cookie = page.header("set-cookie").expect("a session cookie");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain-HTTP test server");
    let secure = TestApp::spawn_on(
        fresh_database(),
        Settings {
            secure_cookies: true,
            ..Settings::for_tests()
        },
        PoolSettings::default(),
    )
    .await;
    let page = secure.browser().get("/sign-in").await;
    assert!(page.header("set-cookie").unwrap().contains("Secure"));
}

#[actix_web::test]
async fn oversized_and_malformed_bodies_are_refused_with_a_clear_page() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("admin.agent@contoso.example").await;
    let page = b.get("/support-profile").await;
    let huge = format!(
        "csrf_token={}&email={}&phone=1&website=x",
        page.csrf(),
        "a".repeat(100_000)
    );
    let refused = b
        .post_raw(
            "/support-profile",
            "application/x-www-form-urlencoded",
            huge.into_bytes(),
        )
        .await;
    assert_eq!(refused.status, 413);
    assert!(refused.body.contains("The form sent too much data."));
    let json = b
        .post_raw(
            "/support-profile",
            "application/json",
            b"{\"email\":\"x\"}".to_vec(),
        )
        .await;
    assert_eq!(json.status, 400);
    assert!(json.body.contains("The form was incomplete or damaged."));
    let bad_query = b.get("/support-profile?saved=%ZZ").await;
    assert!(bad_query.status == 200 || bad_query.status == 400);
    assert!(!bad_query.body.contains("Query deserialize error"));
}

#[actix_web::test]
async fn every_response_names_its_request_so_a_report_can_be_found_in_the_log() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    let mut ids = std::collections::HashSet::new();
    for path in ["/sign-in", "/no-such-page", "/customers", "/static/app.css"] {
        let page = b.get(path).await;
        let id = page
            .header("x-request-id")
            .unwrap_or_else(|| panic!("{path} has no X-Request-Id"))
            .to_string();
        assert_eq!(id.len(), 16, "{path}: {id}");
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{path}: {id}");
        assert!(ids.insert(id), "ids differ from request to request");
    }
}

#[actix_web::test]
async fn the_site_has_an_icon_so_browsers_log_no_missing_page() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    for path in ["/favicon.ico", "/static/favicon.svg"] {
        let icon = b.get(path).await;
        assert_eq!(icon.status, 200, "{path}");
        assert_eq!(icon.header("content-type"), Some("image/svg+xml"));
        assert!(icon.body.starts_with("<svg"));
    }
    assert!(b
        .get("/sign-in")
        .await
        .body
        .contains("<link rel=\"icon\" href=\"/static/favicon.svg\""));
}

//! The support profile: who edits it, how it is validated, and where it shows.

use crate::helpers::*;

#[actix_web::test]
async fn an_admin_agent_edits_the_support_profile_and_customers_see_it() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("admin.agent@contoso.example").await;
    let page = b.get("/support-profile").await;
    assert_eq!(
        page.input_value("email").as_deref(),
        Some("support@contoso.example")
    );
    let saved = b
        .submit(
            "/support-profile",
            "/support-profile",
            &[
                ("email", " help@contoso.example "),
                ("phone", "+1 (425) 555-0199"),
                ("website", "https://help.contoso.example/partners"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    let after = b.get(saved.location()).await;
    assert!(after.main_text().contains("The support profile was saved."));
    assert_eq!(
        after.input_value("email").as_deref(),
        Some("help@contoso.example")
    );
    let customer = app.signed_in("admin@adatum.example").await;
    let support = customer.get("/admin/support").await;
    assert!(support
        .body
        .contains("href=\"mailto:help@contoso.example\""));
    assert!(support.body.contains("href=\"tel:+14255550199\""));
    assert!(support
        .body
        .contains("href=\"https://help.contoso.example/partners\""));
}

#[actix_web::test]
async fn invalid_details_are_explained_and_kept_as_typed() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("global.admin@contoso.example").await;
    let page = b
        .submit(
            "/support-profile",
            "/support-profile",
            &[
                ("email", "help at contoso"),
                ("phone", "call <me>"),
                ("website", "http://help.contoso.example"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    let text = page.main_text();
    assert!(text.contains("Some details need your attention. Nothing was saved."));
    assert!(text.contains("Enter an email address like support@example.com."));
    assert!(text.contains("Enter a phone number using digits"));
    assert!(text.contains("The website address must start with https://."));
    assert_eq!(
        page.input_value("email").as_deref(),
        Some("help at contoso")
    );
    assert_eq!(page.input_value("phone").as_deref(), Some("call <me>"));
    assert!(
        !page.body.contains("call <me>"),
        "what was typed is escaped"
    );
    assert!(page.body.contains("aria-invalid=\"true\""));
    let stored = b.get("/support-profile").await;
    assert_eq!(
        stored.input_value("email").as_deref(),
        Some("support@contoso.example")
    );
    // In Japanese too.
    b.set_cookie("lang", "ja-JP");
    let ja = b
        .submit(
            "/support-profile",
            "/support-profile",
            &[("email", ""), ("phone", "1"), ("website", "")],
        )
        .await;
    assert_eq!(ja.status, 422);
    assert_eq!(ja.html_lang(), Some("ja-JP"));
    assert!(!ja.main_text().contains("Enter"), "{}", ja.main_text());
}

#[actix_web::test]
async fn other_roles_see_the_profile_but_cannot_change_it() {
    let app = TestApp::spawn().await;
    for email in [
        "helpdesk@contoso.example",
        "sales@contoso.example",
        "billing@contoso.example",
    ] {
        let b = app.signed_in(email).await;
        let page = b.get("/support-profile").await;
        assert_eq!(page.status, 200);
        assert!(page.main_text().contains("support@contoso.example"));
        assert!(
            !page.body.contains("name=\"email\""),
            "{email} gets no form"
        );
        let forged = b
            .post(
                "/support-profile",
                &[
                    ("csrf_token", &page.csrf()),
                    ("email", "evil@contoso.example"),
                    ("phone", "+1 425 555 0000"),
                    ("website", "https://evil.example"),
                ],
            )
            .await;
        assert_eq!(forged.status, 403, "{email}");
    }
    let admin = app.signed_in("admin.agent@contoso.example").await;
    let page = admin.get("/support-profile").await;
    assert_eq!(
        page.input_value("email").as_deref(),
        Some("support@contoso.example")
    );
}

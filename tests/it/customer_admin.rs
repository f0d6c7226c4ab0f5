//! The customer's Admin area: Support shows every subscription's contact; nothing else leaks.

use diesel::prelude::*;
use support_contacts::db;

use crate::helpers::*;
use crate::support_contact::org_id;

#[actix_web::test]
async fn the_customer_admin_sees_every_subscriptions_support_contact() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("admin@adatum.example").await;
    assert_eq!(b.get("/").await.location(), "/admin/support");
    let page = b.get("/admin/support").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Support</h1>"));
    assert!(page.body.contains(">Admin</a>"));
    let cards: Vec<&str> = page.body.split("<li class=\"card\">").skip(1).collect();
    assert_eq!(
        cards.len(),
        4,
        "all four of Adatum's subscriptions, from both providers"
    );
    let card = |product: &str| *cards.iter().find(|c| c.contains(product)).unwrap();
    assert!(card("Exchange Online (Plan 1)").contains("Litware Distribution"));
    assert!(card("Exchange Online (Plan 1)").contains("mailto:support@litware.example"));
    assert!(card("Office 365 Business Standard").contains("mailto:support@contoso.example"));
    assert!(card("Office 365 Business Standard").contains("https://support.contoso.example"));
    assert!(
        !page.body.contains("Wingtip"),
        "never another customer's data"
    );
    let wingtip = app.signed_in("admin@wingtip.example").await;
    let page = wingtip.get("/admin/support").await;
    assert!(page.body.contains("Office 365 E1"));
    assert!(!page.body.contains("Office 365 Business Standard"));
}

#[actix_web::test]
async fn a_plain_customer_user_is_told_to_ask_their_admin() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("user@adatum.example").await;
    let page = b.get("/admin/support").await;
    assert_eq!(page.status, 403);
    assert!(page
        .main_text()
        .contains("Ask your admin for your support contact."));
    b.set_cookie("lang", "zh-TW");
    let page = b.get("/admin/support").await;
    assert_eq!(page.html_lang(), Some("zh-TW"));
    assert!(page.main_text().contains("系統管理員"));
}

#[actix_web::test]
async fn customers_never_reach_partner_pages() {
    let app = TestApp::spawn().await;
    let partner = app.signed_in("helpdesk@contoso.example").await;
    let adatum = partner
        .get("/customers")
        .await
        .link("Adatum Corporation")
        .unwrap();
    let sub = subscription_path(
        &partner,
        "Adatum Corporation",
        "Office 365 Business Standard",
    )
    .await;
    let customer = app.signed_in("admin@adatum.example").await;
    for path in [
        "/customers",
        "/support-profile",
        adatum.as_str(),
        sub.as_str(),
    ] {
        let page = customer.get(path).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(!page.body.contains("Contoso Distribution"), "{path}");
    }
    let page = customer.get(&sub).await;
    let forged = customer
        .post(
            &sub,
            &[
                ("csrf_token", &page.csrf()),
                ("version", "1"),
                ("support_contact", "x"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
    // And partners never reach the customer's Admin area.
    assert_eq!(partner.get("/admin/support").await.status, 403);
}

/// The Support page reads its rows with the session check in one statement: a customer with
/// no subscription still gets the page (with its empty message), and a session that ended
/// gets the sign-in page, not an empty Support page.
#[actix_web::test]
async fn the_support_page_without_subscriptions_and_after_sign_out() {
    let app = TestApp::spawn().await;
    let wingtip = org_id(&app, "Wingtip Toys");
    {
        let mut conn = app.conn();
        diesel::delete(db::schema::subscriptions::table)
            .filter(db::schema::subscriptions::customer_id.eq(&wingtip))
            .execute(&mut *conn)
            .unwrap();
    }
    let admin = app.signed_in("admin@wingtip.example").await;
    let page = admin.get("/admin/support").await;
    assert_eq!(page.status, 200);
    assert!(page
        .main_text()
        .contains("Your organization has no subscriptions."));
    assert!(!page.body.contains("<li class=\"card\">"));
    admin.set_cookie("lang", "ja-JP");
    let page = admin.get("/admin/support").await;
    assert_eq!(page.html_lang(), Some("ja-JP"));
    assert!(page
        .main_text()
        .contains("お使いの組織にはサブスクリプションがありません。"));
    let cookie = admin.cookie("sc_session").unwrap();
    assert_eq!(admin.sign_out().await.status, 303);
    let replay = app.browser();
    replay.set_cookie("sc_session", &cookie);
    assert_eq!(replay.get("/admin/support").await.location(), "/sign-in");
}

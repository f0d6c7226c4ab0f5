//! Who sees which relationships, what resellers see of the subscriptions they support, and
//! the relationship pages' words in each language.

use crate::flows::*;
use crate::helpers::*;

#[actix_web::test]
async fn no_organization_can_see_or_act_on_anothers_relationships() {
    let app = TestApp::spawn().await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let litware_id = org_id(&app, "Litware Distribution");
    let adatum_id = org_id(&app, "Adatum Corporation");
    let unchanged = |app: &TestApp| {
        assert_eq!(
            partnership_status(app, "Contoso Distribution", "Fabrikam Solutions").as_deref(),
            Some("active")
        );
        assert_eq!(
            delegated_admin(app, "Fabrikam Solutions", "Adatum Corporation"),
            Some(true)
        );
        assert_eq!(
            delegated_admin(app, "Litware Distribution", "Adatum Corporation"),
            Some(true)
        );
        assert_eq!(all_events(app), 0);
    };
    // Another provider's partnership and its reseller's relationships.
    let litware = app.signed_in("admin.agent@litware.example").await;
    let list = litware.get("/indirect-resellers").await;
    assert!(!list.body.contains("Fabrikam Solutions"));
    let customer = litware.get(&format!("/customers/{adatum_id}")).await;
    assert_eq!(customer.status, 200);
    assert!(!customer.body.contains("Fabrikam Solutions"));
    for path in [
        format!("/indirect-resellers/{fabrikam}/remove"),
        format!("/customers/{adatum_id}/resellers/{fabrikam}/remove"),
    ] {
        assert_eq!(litware.get(&path).await.status, 404, "{path}");
        let csrf = list.csrf();
        assert_eq!(
            litware.post(&path, &[("csrf_token", &csrf)]).await.status,
            404,
            "{path}"
        );
    }
    // A provider cannot remove a relationship of a partner that is not its reseller.
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let path = format!("/customers/{adatum_id}/resellers/{litware_id}/remove");
    assert_eq!(contoso.get(&path).await.status, 404);
    let csrf = contoso.get("/customers").await.csrf();
    assert_eq!(
        contoso.post(&path, &[("csrf_token", &csrf)]).await.status,
        404
    );
    // Another customer's partners.
    let wingtip = app.signed_in("admin@wingtip.example").await;
    let page = wingtip.get("/admin/relationships").await;
    assert!(page.body.contains("Tailspin Toys") && page.body.contains("Contoso Distribution"));
    assert!(!page.body.contains("Fabrikam Solutions") && !page.body.contains("Litware"));
    for path in [
        format!("/admin/relationships/{fabrikam}/remove"),
        format!("/admin/relationships/{litware_id}/remove"),
        format!("/admin/relationships/{litware_id}/remove-delegated-admin"),
        format!("/admin/relationships/{adatum_id}/remove"),
        "/admin/relationships/not-an-id/remove".to_string(),
    ] {
        assert_eq!(wingtip.get(&path).await.status, 404, "{path}");
        assert_eq!(
            wingtip
                .post(&path, &[("csrf_token", &page.csrf())])
                .await
                .status,
            404,
            "{path}"
        );
    }
    // Wrong kinds of users.
    let reseller = app.signed_in("admin.agent@fabrikam.example").await;
    assert_eq!(reseller.get("/admin/relationships").await.status, 403);
    let user = app.signed_in("user@adatum.example").await;
    assert_eq!(user.get("/admin/relationships").await.status, 403);
    let remove = format!("/admin/relationships/{fabrikam}/remove");
    let csrf = user.get("/admin/relationships").await.csrf();
    assert_eq!(
        user.post(&remove, &[("csrf_token", &csrf)]).await.status,
        403
    );
    // Every removal needs the session's CSRF token.
    let adatum = app.signed_in("admin@adatum.example").await;
    assert_eq!(
        adatum
            .post(&remove, &[("csrf_token", "forged")])
            .await
            .status,
        403
    );
    assert_eq!(adatum.post(&remove, &[]).await.status, 403);
    unchanged(&app);
}

#[actix_web::test]
async fn resellers_see_the_subscriptions_they_support_read_only() {
    let app = TestApp::spawn().await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let page = fabrikam.get("/supported-subscriptions").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(">Supported subscriptions</a>"),
        "in the nav"
    );
    assert!(page
        .main_text()
        .contains("Your organization is not the designated support contact of any subscription."));
    crate::removals::resellers_designated(&app).await;
    let page = fabrikam.get("/supported-subscriptions").await;
    let text = page.main_text();
    assert!(
        text.contains("Customer Product Indirect provider"),
        "{text}"
    );
    assert!(text.contains("Adatum Corporation Microsoft 365 E3 Contoso Distribution"));
    assert!(text.contains("Adatum Corporation Office 365 Business Standard Contoso Distribution"));
    assert!(
        !text.contains("Office 365 E1"),
        "Tailspin's, not Fabrikam's"
    );
    assert!(
        !page
            .body
            .contains("<form method=\"post\" action=\"/supported"),
        "read-only"
    );
    for email in ["helpdesk@contoso.example", "admin@adatum.example"] {
        let b = app.signed_in(email).await;
        assert_eq!(
            b.get("/supported-subscriptions").await.status,
            403,
            "{email}"
        );
    }
}

#[actix_web::test]
async fn the_new_pages_use_the_glossary_words_in_each_language() {
    let app = TestApp::spawn().await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let customer = contoso
        .get("/customers")
        .await
        .link("Adatum Corporation")
        .unwrap();
    let sent = invite_customer(&contoso, Some(&org_id(&app, "Wingtip Toys")), true).await;
    let wingtip = app.signed_in("admin@wingtip.example").await;
    let adatum = app.signed_in("admin@adatum.example").await;
    for (tag, resellers, request, include, remove, dap, relationships, audit, cannot) in [
        (
            "en",
            "Indirect resellers",
            "Request a relationship",
            "Include delegated admin privileges",
            "Remove the relationship",
            "Delegated admin privileges",
            "Partner relationships",
            "Audit log",
            "This invitation can't be used",
        ),
        (
            "zh-TW",
            "間接轉銷商",
            "要求建立關係",
            "包含委派的系統管理員權限",
            "移除關係",
            "委派的系統管理員權限",
            "合作夥伴關係",
            "稽核記錄",
            "無法使用此邀請",
        ),
        (
            "ja-JP",
            "間接リセラー",
            "関係を要求",
            "委任された管理者特権を含める",
            "顧客との関係を削除",
            "委任された管理者特権",
            "パートナーとの関係",
            "監査ログ",
            "この招待は使用できません",
        ),
    ] {
        for b in [&contoso, &wingtip, &adatum] {
            b.set_cookie("lang", tag);
        }
        let page = contoso.get("/indirect-resellers").await;
        assert_eq!(page.html_lang(), Some(tag));
        assert!(
            page.body.contains(&format!("<h1>{resellers}</h1>")),
            "{tag}"
        );
        assert!(
            page.body.contains(&format!(">{resellers}</a>")),
            "{tag} nav"
        );
        assert!(page.body.contains(&format!(">{request}</button>")), "{tag}");
        assert!(page.body.contains(&format!(">{audit}</a>")), "{tag} nav");
        let form = contoso.get("/relationship-requests").await;
        assert!(
            form.body
                .contains(&format!("<label for=\"delegated_admin\">{include}</label>")),
            "{tag}"
        );
        let page = contoso.get(&customer).await;
        assert!(page.body.contains(&format!(">{remove}<span")), "{tag}");
        let invitation = wingtip.get(&sent.link).await;
        assert_eq!(invitation.html_lang(), Some(tag));
        assert!(
            invitation
                .body
                .contains(&format!("<h2 id=\"delegated-heading\">{dap}</h2>")),
            "{tag}"
        );
        let page = adatum.get("/admin/relationships").await;
        assert!(
            page.body.contains(&format!("<h1>{relationships}</h1>")),
            "{tag}"
        );
        let bad = adatum.get("/invitations/nonsense").await;
        assert_eq!(bad.html_lang(), Some(tag));
        assert!(
            bad.main_text().starts_with(cannot),
            "{tag}: {}",
            bad.main_text()
        );
        assert!(
            !bad.body.contains("invitation-not-valid"),
            "{tag}: a message, not an id"
        );
    }
    // The ready-to-send message is in the sender's language.
    contoso.set_cookie("lang", "ja-JP");
    let sent = invite_reseller(
        &app.signed_in("admin.agent@litware.example").await,
        "2000001",
    )
    .await;
    assert!(sent.message.contains("partner ID 1000002"));
    let litware = app.signed_in("admin.agent@litware.example").await;
    litware.set_cookie("lang", "zh-TW");
    let sent = invite_reseller(&litware, "2000002").await;
    assert!(
        sent.message.contains("合作夥伴識別碼 1000002"),
        "{}",
        sent.message
    );
    assert!(sent.message.contains("「支援連絡人」"), "{}", sent.message);
}

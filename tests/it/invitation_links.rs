//! Invitations that make partnerships and customer relationships: the links, who may answer
//! them, every link that cannot be answered, and two answers at once.

use diesel::prelude::*;
use support_contacts::db::schema::invitations;
use support_contacts::domain::invitations::token_hash;
use support_contacts::domain::roles::Role;

use crate::flows::*;
use crate::helpers::*;

fn invitation_status(app: &TestApp, sent: &Sent) -> String {
    invitations::table
        .filter(invitations::token_hash.eq(token_hash(&sent.token)))
        .select(invitations::status)
        .first(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn a_provider_requests_a_partnership_and_the_named_reseller_accepts_it() {
    let app = TestApp::spawn().await;
    let litware = app.signed_in("admin.agent@litware.example").await;
    let page = litware.get("/indirect-resellers").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Indirect resellers</h1>"));
    assert!(page.body.contains(">Indirect resellers</a>"), "in the nav");
    assert!(page
        .main_text()
        .contains("You have no partnerships with indirect resellers yet."));

    let sent = invite_reseller(&litware, "2000001").await;
    assert_eq!(sent.token.len(), 64, "256 bits, hex");
    assert!(sent.token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(sent.link, format!("{}{}", app.base, sent.path()));
    for words in [
        "Litware Distribution (partner ID 1000002) requests a partnership with Fabrikam Solutions",
        "an Admin agent or Global admin of Fabrikam Solutions",
        sent.link.as_str(),
        "The link works once and expires on",
    ] {
        assert!(sent.message.contains(words), "{words}: {}", sent.message);
    }
    // Only the token's hash is kept.
    let (hash, target, expires, created): (
        String,
        Option<String>,
        chrono::NaiveDateTime,
        chrono::NaiveDateTime,
    ) = invitations::table
        .select((
            invitations::token_hash,
            invitations::target_organization_id,
            invitations::expires_at,
            invitations::created_at,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(hash, token_hash(&sent.token));
    assert_ne!(hash, sent.token);
    assert_eq!(target, Some(org_id(&app, "Fabrikam Solutions")));
    assert_eq!(expires - created, chrono::Duration::days(30));
    let waiting = litware.get("/indirect-resellers").await;
    assert!(waiting
        .main_text()
        .contains("Requests waiting for an answer"));

    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let open = fabrikam.get(&sent.link).await;
    assert_eq!(open.status, 200);
    let text = open.main_text();
    assert!(text.contains("Partnership request"), "{text}");
    assert!(text.contains("Requested by Litware Distribution"), "{text}");
    assert!(text.contains("Partner ID 1000002"), "{text}");
    assert!(open.body.contains(">Accept</button>") && open.body.contains(">Decline</button>"));
    assert_eq!(
        partnership_status(&app, "Litware Distribution", "Fabrikam Solutions"),
        None,
        "opening the link changes nothing"
    );
    let done = answer(&fabrikam, &sent, "accept").await;
    assert_eq!(done.status, 200);
    assert!(done
        .main_text()
        .contains("Your organization is now an indirect reseller of Litware Distribution."));
    assert_eq!(
        partnership_status(&app, "Litware Distribution", "Fabrikam Solutions").as_deref(),
        Some("active")
    );
    assert_eq!(invitation_status(&app, &sent), "accepted");

    let page = litware.get("/indirect-resellers").await;
    let row = page
        .body
        .split("<tr>")
        .find(|r| r.contains("Fabrikam Solutions"))
        .unwrap();
    assert!(row.contains("2000001") && row.contains("Active"), "{row}");
    assert!(!page.main_text().contains("Requests waiting for an answer"));
    // The list follows: Fabrikam has delegated admin privileges with Adatum.
    let path = subscription_path(&litware, "Adatum Corporation", "Exchange Online (Plan 1)").await;
    assert_eq!(
        litware.get(&path).await.option_texts("support_contact"),
        vec!["Litware Distribution", "Fabrikam Solutions"]
    );
}

#[actix_web::test]
async fn only_provider_admins_reach_indirect_resellers() {
    let app = TestApp::spawn().await;
    let global = app.signed_in("global.admin@contoso.example").await;
    let page = global.get("/indirect-resellers").await;
    assert_eq!(page.status, 200);
    for (name, partner_id) in [
        ("Fabrikam Solutions", "2000001"),
        ("Northwind Traders", "2000002"),
        ("Tailspin Toys", "2000003"),
    ] {
        let row = page.body.split("<tr>").find(|r| r.contains(name)).unwrap();
        assert!(row.contains(partner_id) && row.contains("Active"), "{row}");
    }
    for (email, message) in [
        (
            "helpdesk@contoso.example",
            "Only Admin agents and Global admins",
        ),
        (
            "sales@contoso.example",
            "Only Admin agents and Global admins",
        ),
        (
            "admin.agent@fabrikam.example",
            "This page is for indirect providers.",
        ),
        ("admin@adatum.example", "This page is for partner users."),
    ] {
        let b = app.signed_in(email).await;
        let page = b.get("/indirect-resellers").await;
        assert_eq!(page.status, 403, "{email}");
        assert!(page.main_text().contains(message), "{email}");
        assert!(
            !page.body.contains("href=\"/indirect-resellers\""),
            "{email}: no nav link"
        );
        let posted = b
            .submit(
                "/customers",
                "/indirect-resellers",
                &[("partner_id", "2000001")],
            )
            .await;
        assert_eq!(posted.status, 403, "{email}");
    }
    let count: i64 = invitations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 0);
}

#[actix_web::test]
async fn a_partnership_request_needs_a_reseller_without_an_active_partnership() {
    let app = TestApp::spawn().await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    for (typed, message) in [
        ("", "Enter the partner ID of the indirect reseller."),
        ("9999999", "No indirect reseller has this partner ID."),
        ("1000002", "No indirect reseller has this partner ID."),
        (
            "2000001",
            "You already have an active partnership with this indirect reseller.",
        ),
    ] {
        let page = request_partnership(&contoso, typed).await;
        assert_eq!(page.status, 422, "{typed:?}");
        assert!(page.main_text().contains(message), "{typed:?}");
        assert_eq!(page.input_value("partner_id").as_deref(), Some(typed));
        assert!(page.body.contains("aria-invalid=\"true\""));
    }
    let count: i64 = invitations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 0);
    assert_eq!(all_events(&app), 0);
}

/// Every way a partnership link can be unusable: the page says why, the buttons change nothing.
#[actix_web::test]
async fn bad_partnership_links_get_a_clear_page_and_change_nothing() {
    let app = TestApp::spawn().await;
    add_user(
        &app,
        "Northwind Traders",
        "admin@northwind.example",
        Role::AdminAgent,
    );
    let litware = app.signed_in("admin.agent@litware.example").await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let nobody_changed = |app: &TestApp| {
        assert_eq!(
            partnership_status(app, "Litware Distribution", "Fabrikam Solutions"),
            None
        );
        assert_eq!(events(app, "partnership_accepted"), 0);
    };

    // Malformed and unknown links.
    let unknown = support_contacts::auth::session::random_token();
    for path in [
        "/invitations/not-a-token".to_string(),
        format!("/invitations/{}", "A".repeat(64)),
        format!("/invitations/{}", "a".repeat(63)),
        format!("/invitations/{unknown}"),
    ] {
        let page = fabrikam.get(&path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.main_text().contains("This invitation can't be used"));
        assert!(page
            .main_text()
            .contains("This invitation link is not valid."));
        let csrf = page.csrf();
        let posted = fabrikam
            .post(&format!("{path}/accept"), &[("csrf_token", &csrf)])
            .await;
        assert_eq!(posted.status, 404, "{path}");
    }

    // Someone else's, the wrong kind of organization, the wrong role.
    let sent = invite_reseller(&litware, "2000001").await;
    let northwind = app.signed_in("admin@northwind.example").await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let adatum = app.signed_in("admin@adatum.example").await;
    for (who, message) in [
        (
            &northwind,
            "This invitation was sent to another organization.",
        ),
        (&contoso, "This invitation is for an indirect reseller."),
        (&litware, "This invitation is for an indirect reseller."),
        (&adatum, "This invitation is for an indirect reseller."),
    ] {
        let page = who.get(&sent.link).await;
        assert_eq!(page.status, 403);
        assert!(page.main_text().contains(message), "{}", page.main_text());
        for button in ["accept", "decline"] {
            let posted = force_answer(who, &sent, button).await;
            assert_eq!(posted.status, 403);
            assert!(posted.main_text().contains(message));
        }
    }
    set_role(&app, "admin.agent@fabrikam.example", Role::HelpdeskAgent);
    let page = fabrikam.get(&sent.link).await;
    assert_eq!(page.status, 403);
    assert!(page
        .main_text()
        .contains("Only an Admin agent or Global admin of your organization can answer"));
    assert_eq!(force_answer(&fabrikam, &sent, "accept").await.status, 403);
    nobody_changed(&app);
    assert_eq!(invitation_status(&app, &sent), "pending");
    set_role(&app, "admin.agent@fabrikam.example", Role::GlobalAdmin);

    // Declined: says so afterwards, to anyone, and cannot be accepted.
    let declined = answer(&fabrikam, &sent, "decline").await;
    assert_eq!(declined.status, 200);
    assert!(declined
        .main_text()
        .contains("You declined the request from Litware Distribution. Nothing was changed."));
    for who in [&fabrikam, &northwind] {
        let page = who.get(&sent.link).await;
        assert_eq!(page.status, 410);
        assert!(page.main_text().contains("This invitation was declined"));
    }
    assert_eq!(force_answer(&fabrikam, &sent, "accept").await.status, 410);
    nobody_changed(&app);
    assert_eq!(events(&app, "partnership_declined"), 1);

    // Expired: 30 days after it was made.
    let old = invite_reseller(&litware, "2000001").await;
    let made_at =
        support_contacts::db::now() - chrono::Duration::days(30) - chrono::Duration::seconds(1);
    diesel::update(invitations::table.filter(invitations::token_hash.eq(token_hash(&old.token))))
        .set((
            invitations::created_at.eq(made_at),
            invitations::expires_at.eq(support_contacts::domain::invitations::expires_at(made_at)),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let page = fabrikam.get(&old.link).await;
    assert_eq!(page.status, 410);
    assert!(page
        .main_text()
        .contains("This invitation has expired: links are valid for 30 days."));
    assert_eq!(force_answer(&fabrikam, &old, "accept").await.status, 410);
    assert_eq!(invitation_status(&app, &old), "pending");
    nobody_changed(&app);

    // Used: works once.
    let fresh = invite_reseller(&litware, "2000001").await;
    assert_eq!(answer(&fabrikam, &fresh, "accept").await.status, 200);
    let page = fabrikam.get(&fresh.link).await;
    assert_eq!(page.status, 410);
    assert!(page
        .main_text()
        .contains("This invitation has already been accepted."));
    for button in ["accept", "decline"] {
        assert_eq!(force_answer(&fabrikam, &fresh, button).await.status, 410);
    }
    assert_eq!(invitation_status(&app, &fresh), "accepted");
    assert_eq!(events(&app, "partnership_accepted"), 1);
}

#[actix_web::test]
async fn an_invitation_accepted_twice_at_once_is_used_once() {
    let app = TestApp::spawn().await;
    let litware = app.signed_in("admin.agent@litware.example").await;
    let sent = invite_reseller(&litware, "2000001").await;
    let first = app.signed_in("admin.agent@fabrikam.example").await;
    let second = app.signed_in("admin.agent@fabrikam.example").await;
    let (a, b) = futures_util::future::join(
        force_answer(&first, &sent, "accept"),
        force_answer(&second, &sent, "decline"),
    )
    .await;
    let mut statuses = vec![a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, vec![200, 410]);
    let answers = events(&app, "partnership_accepted") + events(&app, "partnership_declined");
    assert_eq!(answers, 1);
}

#[actix_web::test]
async fn a_signed_out_visitor_signs_in_and_comes_back_to_the_invitation() {
    let app = TestApp::spawn().await;
    let litware = app.signed_in("admin.agent@litware.example").await;
    let sent = invite_reseller(&litware, "2000001").await;
    let b = app.browser();
    let page = b.get(&sent.link).await;
    assert_eq!(page.status, 303);
    let sign_in = page.location().to_string();
    assert_eq!(sign_in, format!("/sign-in?next={}", sent.path()));
    let form = b.get(&sign_in).await;
    assert_eq!(form.input_value("next"), Some(sent.path()));
    let signed = b
        .submit(
            &sign_in,
            "/sign-in",
            &[
                ("email", "admin.agent@fabrikam.example"),
                ("password", DEMO_PASSWORD),
                ("next", &sent.path()),
            ],
        )
        .await;
    assert_eq!(signed.status, 303);
    assert_eq!(signed.location(), sent.path());
    assert_eq!(b.get(&sent.link).await.status, 200);
    // Never off the site.
    let evil = app.browser();
    let signed = evil
        .submit(
            "/sign-in",
            "/sign-in",
            &[
                ("email", "admin.agent@fabrikam.example"),
                ("password", DEMO_PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(signed.location(), "/");
}

#[actix_web::test]
async fn a_customer_relationship_with_delegated_admin_privileges_makes_the_reseller_available() {
    let app = TestApp::spawn().await;
    let wingtip_e1 = || available_contacts(&app, "Wingtip Toys", "Office 365 E1");
    assert_eq!(
        wingtip_e1().await,
        vec!["Contoso Distribution", "Tailspin Toys"]
    );
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let customers = fabrikam.get("/customers").await;
    assert_eq!(
        customers.link("Request a relationship").as_deref(),
        Some("/relationship-requests")
    );
    let form = fabrikam.get("/relationship-requests").await;
    assert!(form
        .body
        .contains("<label for=\"delegated_admin\">Include delegated admin privileges</label>"));
    assert!(form.body.contains(">Request a relationship</button>"));

    // Without delegated admin privileges: a relationship, but not a support contact.
    let plain = invite_customer(&fabrikam, None, false).await;
    assert!(plain
        .message
        .contains("Fabrikam Solutions (partner ID 2000001) requests a relationship"));
    assert!(plain
        .message
        .contains("The request does not include delegated admin privileges."));
    let wingtip = app.signed_in("admin@wingtip.example").await;
    let open = wingtip.get(&plain.link).await;
    assert_eq!(open.status, 200);
    assert!(open.main_text().contains(
        "The request does not include delegated admin privileges: Fabrikam Solutions cannot manage"
    ));
    let done = answer(&wingtip, &plain, "accept").await;
    assert!(done
        .main_text()
        .contains("Fabrikam Solutions now has a relationship with your organization."));
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Wingtip Toys"),
        Some(false)
    );
    assert_eq!(
        wingtip_e1().await,
        vec!["Contoso Distribution", "Tailspin Toys"]
    );

    // With them: the customer's admin is told in plain words what they allow.
    let with = invite_customer(&fabrikam, None, true).await;
    assert!(with
        .message
        .contains("The request includes delegated admin privileges"));
    let open = wingtip.get(&with.link).await;
    let text = open.main_text();
    assert!(text.contains("Relationship request"), "{text}");
    assert!(text.contains("Fabrikam Solutions requests a relationship with your organization."));
    assert!(open
        .body
        .contains("<h2 id=\"delegated-heading\">Delegated admin privileges</h2>"));
    assert!(
        text.contains("manage your organization's services and subscriptions"),
        "{text}"
    );
    assert!(text.contains("add users, reset passwords and assign licenses"));
    assert!(text.contains("You can remove the privileges at any time"));
    let done = answer(&wingtip, &with, "accept").await;
    assert_eq!(done.status, 200);
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Wingtip Toys"),
        Some(true)
    );
    assert_eq!(
        wingtip_e1().await,
        vec![
            "Contoso Distribution",
            "Fabrikam Solutions",
            "Tailspin Toys"
        ]
    );
    let relationships = wingtip.get("/admin/relationships").await;
    let row = relationships.row("Fabrikam Solutions").unwrap();
    assert_eq!(row[2], "Indirect reseller", "the Type column: {row:?}");
    assert_eq!(row[3], "Yes", "delegated admin privileges: {row:?}");
    // A later invitation without them never takes them away.
    let again = invite_customer(&fabrikam, None, false).await;
    let done = answer(&wingtip, &again, "accept").await;
    assert!(done.main_text().contains("Nothing was changed."));
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Wingtip Toys"),
        Some(true)
    );
}

/// Customer-relationship links: addressed to one customer from its page, for customers' admins
/// only.
#[actix_web::test]
async fn bad_customer_links_get_a_clear_page_and_change_nothing() {
    let app = TestApp::spawn().await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let wingtip_page = contoso
        .get("/customers")
        .await
        .link("Wingtip Toys")
        .unwrap();
    let page = contoso.get(&wingtip_page).await;
    assert!(page.main_text().contains(
        "Your organization has a relationship with this customer, with delegated admin privileges."
    ));
    let request = page.link("Request a relationship").unwrap();
    let wingtip_id = org_id(&app, "Wingtip Toys");
    assert_eq!(
        request,
        format!("/relationship-requests?customer={wingtip_id}")
    );
    let form = contoso.get(&request).await;
    assert!(form
        .main_text()
        .contains("Only the Global admin of Wingtip Toys can accept it."));
    // Remove the relationship first, so that accepting would visibly change something.
    diesel::delete(
        support_contacts::db::schema::customer_relationships::table.filter(
            support_contacts::db::schema::customer_relationships::customer_id.eq(&wingtip_id),
        ),
    )
    .execute(&mut app.conn())
    .unwrap();
    let sent = invite_customer(&contoso, Some(&wingtip_id), true).await;

    let adatum = app.signed_in("admin@adatum.example").await;
    let adatum_user = app.signed_in("user@adatum.example").await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    add_user(
        &app,
        "Wingtip Toys",
        "user@wingtip.example",
        Role::CustomerUser,
    );
    let wingtip_user = app.signed_in("user@wingtip.example").await;
    for (who, status, message) in [
        (
            &adatum,
            403,
            "This invitation was sent to another organization.",
        ),
        (
            &adatum_user,
            403,
            "This invitation was sent to another organization.",
        ),
        (&contoso, 403, "This invitation is for a customer."),
        (&fabrikam, 403, "This invitation is for a customer."),
        (
            &wingtip_user,
            403,
            "Only your organization's Global admin can answer this invitation.",
        ),
    ] {
        let page = who.get(&sent.link).await;
        assert_eq!(page.status, status);
        assert!(page.main_text().contains(message), "{}", page.main_text());
        assert_eq!(force_answer(who, &sent, "accept").await.status, status);
    }
    assert_eq!(
        delegated_admin(&app, "Contoso Distribution", "Wingtip Toys"),
        None
    );
    assert_eq!(invitation_status(&app, &sent), "pending");
    // A customer id the partner does not sell to is not found (Litware sells nothing to Wingtip).
    let litware = app.signed_in("admin.agent@litware.example").await;
    let page = litware
        .get(&format!("/relationship-requests?customer={wingtip_id}"))
        .await;
    assert_eq!(page.status, 404);
    let wingtip = app.signed_in("admin@wingtip.example").await;
    assert_eq!(answer(&wingtip, &sent, "accept").await.status, 200);
    assert_eq!(
        delegated_admin(&app, "Contoso Distribution", "Wingtip Toys"),
        Some(true)
    );

    // An unaddressed link belongs to the first customer that answers it.
    let open = invite_customer(&fabrikam, None, true).await;
    assert_eq!(answer(&wingtip, &open, "decline").await.status, 200);
    let page = adatum.get(&open.link).await;
    assert_eq!(page.status, 410);
    assert!(page.main_text().contains("This invitation was declined"));
    let target: Option<String> = invitations::table
        .filter(invitations::token_hash.eq(token_hash(&open.token)))
        .select(invitations::target_organization_id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(target, Some(wingtip_id));
    // Only partners' admins request relationships.
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    assert_eq!(helpdesk.get("/relationship-requests").await.status, 403);
    assert!(helpdesk
        .get("/customers")
        .await
        .link("Request a relationship")
        .is_none());
}

#[actix_web::test]
async fn invitation_links_use_the_configured_public_address() {
    use support_contacts::config::Settings;
    use support_contacts::db::PoolSettings;
    let app = TestApp::spawn_on(
        fresh_database(),
        Settings {
            public_url: Some("https://support.example.com".into()),
            ..Settings::for_tests()
        },
        PoolSettings::default(),
    )
    .await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let sent = crate::flows::invite_customer(&contoso, None, true).await;
    assert!(
        sent.link
            .starts_with("https://support.example.com/invitations/"),
        "{}",
        sent.link
    );
    assert!(
        sent.message.contains(&sent.link),
        "the message carries the link"
    );
    // Without the setting the link names the host the request came to.
    let plain = TestApp::spawn().await;
    let contoso = plain.signed_in("admin.agent@contoso.example").await;
    let sent = crate::flows::invite_customer(&contoso, None, true).await;
    assert!(
        sent.link
            .starts_with(&format!("{}/invitations/", plain.base)),
        "{}",
        sent.link
    );
}

#[actix_web::test]
async fn two_invitations_for_the_same_pair_accepted_at_once_make_one_relationship() {
    let app = TestApp::spawn().await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let first_link = invite_customer(&fabrikam, None, true).await;
    let second_link = invite_customer(&fabrikam, None, true).await;
    let first = app.signed_in("admin@wingtip.example").await;
    let second = app.signed_in("admin@wingtip.example").await;
    let (a, b) = futures_util::future::join(
        force_answer(&first, &first_link, "accept"),
        force_answer(&second, &second_link, "accept"),
    )
    .await;
    assert_eq!(
        (a.status, b.status),
        (200, 200),
        "{} / {}",
        a.main_text(),
        b.main_text()
    );
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Wingtip Toys"),
        Some(true)
    );
    assert_eq!(
        events(&app, "relationship_accepted"),
        1,
        "one change, recorded once"
    );
    assert!(available_contacts(&app, "Wingtip Toys", "Office 365 E1")
        .await
        .contains(&"Fabrikam Solutions".to_string()));
}

#[actix_web::test]
async fn pressing_accept_after_the_session_ended_signs_in_and_comes_back() {
    let app = TestApp::spawn().await;
    let litware = app.signed_in("admin.agent@litware.example").await;
    let sent = invite_reseller(&litware, "2000001").await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let page = fabrikam.get(&sent.link).await;
    assert_eq!(page.status, 200);
    // The session ends elsewhere; the page with its form is still open.
    let other = app.browser();
    other.set_cookie("sc_session", &fabrikam.cookie("sc_session").unwrap());
    other.sign_out().await;
    let pressed = fabrikam
        .post(
            &format!("{}/accept", sent.path()),
            &[("csrf_token", &page.csrf())],
        )
        .await;
    assert_eq!(pressed.status, 303);
    assert_eq!(pressed.location(), format!("/sign-in?next={}", sent.path()));
    assert_eq!(
        partnership_status(&app, "Litware Distribution", "Fabrikam Solutions"),
        None
    );
}

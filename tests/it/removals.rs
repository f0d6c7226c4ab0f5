//! Removals of partnerships, customer relationships and delegated admin privileges, and the
//! fallback of every designation that stops being allowed to the indirect provider.

use diesel::prelude::*;
use support_contacts::db::schema::audit_events;

use crate::flows::*;
use crate::helpers::*;

const BUSINESS_STANDARD: &str = "Office 365 Business Standard";
const E3: &str = "Microsoft 365 E3";
/// Designates Fabrikam for two of Adatum's subscriptions and Tailspin for Wingtip's; returns
/// Adatum's admin.
pub async fn resellers_designated(app: &TestApp) -> Browser {
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    for product in [BUSINESS_STANDARD, E3] {
        designate(
            &helpdesk,
            "Adatum Corporation",
            product,
            "Fabrikam Solutions",
        )
        .await;
    }
    designate(&helpdesk, "Wingtip Toys", "Office 365 E1", "Tailspin Toys").await;
    let adatum = app.signed_in("admin@adatum.example").await;
    assert_eq!(
        contact_on_support_page(&adatum, BUSINESS_STANDARD).await,
        "Fabrikam Solutions"
    );
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let supported = fabrikam.get("/supported-subscriptions").await.main_text();
    assert!(
        supported.contains("Adatum Corporation Office 365 Business Standard Contoso Distribution")
    );
    adatum
}

/// The fallback events of a removal: one per subscription, by "system", naming the removal.
fn assert_fallbacks(app: &TestApp, removal_action: &str, products: &[&str]) {
    let removal: (String, String) = audit_events::table
        .filter(audit_events::action.eq(removal_action))
        .select((audit_events::id, audit_events::organization_id))
        .first(&mut app.conn())
        .unwrap();
    type Fallback = (
        String,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let mut fallbacks: Vec<Fallback> = audit_events::table
        .filter(audit_events::action.eq("support_contact_fallback"))
        .select((
            audit_events::actor_name,
            audit_events::actor_user_id,
            audit_events::object_label,
            audit_events::old_value,
            audit_events::new_value,
            audit_events::cause_event_id,
            audit_events::organization_id,
        ))
        .load(&mut app.conn())
        .unwrap();
    fallbacks.sort_by(|a, b| a.2.cmp(&b.2));
    let mut expected: Vec<&str> = products.to_vec();
    expected.sort();
    assert_eq!(
        fallbacks.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(),
        expected
    );
    for (actor, actor_id, _, old, new, cause, organization) in fallbacks {
        assert_eq!(actor, "system");
        assert_eq!(actor_id, None);
        assert_eq!(old.as_deref(), Some("Fabrikam Solutions"));
        assert_eq!(new.as_deref(), Some("Contoso Distribution"));
        assert_eq!(cause.as_deref(), Some(removal.0.as_str()));
        assert_eq!(organization, org_id(app, "Contoso Distribution"));
    }
}

/// After Fabrikam became ineligible: its subscriptions are Contoso's again, everywhere, at once.
async fn assert_fabrikam_fell_back(app: &TestApp, adatum: &Browser) {
    for product in [BUSINESS_STANDARD, E3] {
        assert_eq!(
            contact_of(app, product).as_deref(),
            Some("Contoso Distribution")
        );
        assert_eq!(
            contact_on_support_page(adatum, product).await,
            "Contoso Distribution"
        );
    }
    assert_eq!(
        contact_of(app, "Office 365 E1").as_deref(),
        Some("Tailspin Toys"),
        "other designations stay"
    );
    assert!(
        !available_contacts(app, "Adatum Corporation", BUSINESS_STANDARD)
            .await
            .contains(&"Fabrikam Solutions".to_string())
    );
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    assert!(fabrikam
        .get("/supported-subscriptions")
        .await
        .main_text()
        .contains("Your organization is not the designated support contact of any subscription."));
}

#[actix_web::test]
async fn removing_a_partnership_returns_the_resellers_subscriptions_to_the_provider() {
    let app = TestApp::spawn().await;
    let adatum = resellers_designated(&app).await;
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&helpdesk, "Adatum Corporation", BUSINESS_STANDARD).await;
    let stale_form = helpdesk.get(&path).await;

    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let list = contoso.get("/indirect-resellers").await;
    let remove = format!(
        "/indirect-resellers/{}/remove",
        org_id(&app, "Fabrikam Solutions")
    );
    assert!(list.body.contains(&format!("href=\"{remove}\"")));
    let confirmation = contoso.get(&remove).await;
    assert!(confirmation
        .body
        .contains("<h1>Remove the partnership</h1>"));
    assert!(confirmation
        .main_text()
        .contains("Remove your partnership with Fabrikam Solutions?"));
    assert!(confirmation.body.contains(">Remove partnership</button>"));
    assert_eq!(
        partnership_status(&app, "Contoso Distribution", "Fabrikam Solutions").as_deref(),
        Some("active"),
        "asking changes nothing"
    );
    let done = confirm(&contoso, &remove).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), "/indirect-resellers?removed=1");
    let list = contoso.get(done.location()).await;
    assert!(list.main_text().contains("The partnership was removed."));
    let row = list
        .body
        .split("<tr>")
        .find(|r| r.contains("Fabrikam Solutions"))
        .unwrap();
    assert!(row.contains("Removed") && !row.contains("/remove"), "{row}");
    assert_eq!(
        partnership_status(&app, "Contoso Distribution", "Fabrikam Solutions").as_deref(),
        Some("removed")
    );
    assert_fabrikam_fell_back(&app, &adatum).await;
    assert_fallbacks(&app, "partnership_removed", &[BUSINESS_STANDARD, E3]);
    // The fallback bumped the version: a form shown before is stale.
    let fabrikam_id = org_id(&app, "Fabrikam Solutions");
    let stale = helpdesk
        .post_contact(&path, &stale_form, &fabrikam_id)
        .await;
    assert_eq!(stale.status, 409);
    // Removing it again finds nothing.
    assert_eq!(contoso.get(&remove).await.status, 404);
    // A new invitation makes it active again.
    let sent = invite_reseller(&contoso, "2000001").await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    assert_eq!(answer(&fabrikam, &sent, "accept").await.status, 200);
    assert_eq!(
        partnership_status(&app, "Contoso Distribution", "Fabrikam Solutions").as_deref(),
        Some("active")
    );
}

#[actix_web::test]
async fn a_customer_removing_a_relationship_returns_the_partners_subscriptions() {
    let app = TestApp::spawn().await;
    let adatum = resellers_designated(&app).await;
    let page = adatum.get("/admin/relationships").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1>Partner relationships</h1>"));
    for partner in [
        "Contoso Distribution",
        "Fabrikam Solutions",
        "Litware Distribution",
        "Northwind Traders",
    ] {
        assert!(
            page.body
                .contains(&format!("<th scope=\"row\">{partner}</th>")),
            "{partner}"
        );
    }
    assert!(
        !page.body.contains("Tailspin Toys"),
        "Tailspin works with Wingtip only"
    );
    let remove = format!(
        "/admin/relationships/{}/remove",
        org_id(&app, "Fabrikam Solutions")
    );
    assert!(page.body.contains(&format!("href=\"{remove}\"")));
    let done = confirm(&adatum, &remove).await;
    assert_eq!(done.status, 303);
    let page = adatum.get(done.location()).await;
    assert!(page.main_text().contains("The relationship was removed."));
    assert!(!page
        .body
        .contains("<th scope=\"row\">Fabrikam Solutions</th>"));
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Adatum Corporation"),
        None
    );
    assert_fabrikam_fell_back(&app, &adatum).await;
    assert_fallbacks(&app, "relationship_removed", &[BUSINESS_STANDARD, E3]);
}

#[actix_web::test]
async fn a_customer_removing_delegated_admin_privileges_returns_the_partners_subscriptions() {
    let app = TestApp::spawn().await;
    let adatum = resellers_designated(&app).await;
    let fabrikam_id = org_id(&app, "Fabrikam Solutions");
    let remove = format!("/admin/relationships/{fabrikam_id}/remove-delegated-admin");
    let confirmation = adatum.get(&remove).await;
    assert!(confirmation
        .main_text()
        .contains("Remove the delegated admin privileges of Fabrikam Solutions?"));
    let done = confirm(&adatum, &remove).await;
    assert_eq!(done.status, 303);
    let page = adatum.get(done.location()).await;
    assert!(page
        .main_text()
        .contains("The delegated admin privileges were removed."));
    let row = page.row("Fabrikam Solutions").unwrap();
    assert_eq!(row[3], "No", "delegated admin privileges: {row:?}");
    assert!(
        !row[5].contains("Remove delegated admin privileges"),
        "no such action any more: {row:?}"
    );
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Adatum Corporation"),
        Some(false),
        "the relationship stays"
    );
    assert_fabrikam_fell_back(&app, &adatum).await;
    assert_fallbacks(&app, "delegated_admin_removed", &[BUSINESS_STANDARD, E3]);
    // Without privileges there is nothing more to remove.
    assert_eq!(adatum.get(&remove).await.status, 404);
}

#[actix_web::test]
async fn a_provider_removing_a_resellers_relationship_with_a_customer_returns_its_subscriptions() {
    let app = TestApp::spawn().await;
    let adatum = resellers_designated(&app).await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let customer = contoso
        .get("/customers")
        .await
        .link("Adatum Corporation")
        .unwrap();
    let page = contoso.get(&customer).await;
    assert!(page
        .main_text()
        .contains("Indirect resellers' relationships with this customer"));
    let delegated = |name: &str| page.row(name).map(|cells| cells[1].clone());
    assert_eq!(delegated("Fabrikam Solutions").as_deref(), Some("Yes"));
    assert_eq!(delegated("Northwind Traders").as_deref(), Some("No"));
    assert!(
        page.row("Litware Distribution").is_none(),
        "not Contoso's reseller"
    );
    let remove = format!(
        "{customer}/resellers/{}/remove",
        org_id(&app, "Fabrikam Solutions")
    );
    assert!(
        page.body.contains(&format!("href=\"{remove}\"")),
        "Fabrikam's relationship has a removal link"
    );
    let confirmation = contoso.get(&remove).await;
    assert!(confirmation
        .body
        .contains("<h1>Remove a relationship with a customer</h1>"));
    assert!(confirmation
        .main_text()
        .contains("Remove the relationship between Fabrikam Solutions and Adatum Corporation?"));
    // Helpdesk agents neither see nor do it.
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    assert!(!helpdesk.get(&customer).await.body.contains("/resellers/"));
    assert_eq!(helpdesk.get(&remove).await.status, 403);
    let csrf = helpdesk.get(&customer).await.csrf();
    assert_eq!(
        helpdesk
            .post(&remove, &[("csrf_token", &csrf)])
            .await
            .status,
        403
    );

    let done = confirm(&contoso, &remove).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), format!("{customer}?removed=1"));
    let page = contoso.get(done.location()).await;
    assert!(page.main_text().contains("The relationship was removed."));
    assert_eq!(
        delegated_admin(&app, "Fabrikam Solutions", "Adatum Corporation"),
        None
    );
    assert_fabrikam_fell_back(&app, &adatum).await;
    assert_fallbacks(&app, "relationship_removed", &[BUSINESS_STANDARD, E3]);
}

#[actix_web::test]
async fn removals_that_leave_a_designation_eligible_change_no_subscription() {
    let app = TestApp::spawn().await;
    let adatum = resellers_designated(&app).await;
    // Northwind (no delegated admin privileges, designated nowhere) and Contoso itself.
    for partner in ["Northwind Traders", "Contoso Distribution"] {
        let remove = format!("/admin/relationships/{}/remove", org_id(&app, partner));
        assert_eq!(confirm(&adatum, &remove).await.status, 303);
    }
    assert_eq!(events(&app, "relationship_removed"), 2);
    assert_eq!(events(&app, "support_contact_fallback"), 0);
    assert_eq!(
        contact_of(&app, BUSINESS_STANDARD).as_deref(),
        Some("Fabrikam Solutions")
    );
}

//! The demo world's partnerships and customer relationships are reached through the product's
//! own pages, starting from its organizations and users with an empty partner list.

use diesel::prelude::*;
use support_contacts::db::schema::{customer_relationships, organizations, partnerships};
use support_contacts::domain::roles::Role;

use crate::flows::*;
use crate::helpers::*;

/// (provider, reseller, status) of every partnership, by name.
fn partnership_rows(app: &TestApp) -> Vec<(String, String, String)> {
    let (providers, resellers) =
        diesel::alias!(organizations as providers, organizations as resellers);
    let mut rows: Vec<(String, String, String)> = partnerships::table
        .inner_join(
            providers.on(providers
                .field(organizations::id)
                .eq(partnerships::provider_id)),
        )
        .inner_join(
            resellers.on(resellers
                .field(organizations::id)
                .eq(partnerships::reseller_id)),
        )
        .select((
            providers.field(organizations::name),
            resellers.field(organizations::name),
            partnerships::status,
        ))
        .load(&mut app.conn())
        .unwrap();
    rows.sort();
    rows
}

/// (partner, customer, delegated admin privileges) of every customer relationship, by name.
fn relationship_rows(app: &TestApp) -> Vec<(String, String, bool)> {
    let (partners, customers) =
        diesel::alias!(organizations as partners, organizations as customers);
    let mut rows: Vec<(String, String, bool)> = customer_relationships::table
        .inner_join(
            partners.on(partners
                .field(organizations::id)
                .eq(customer_relationships::partner_id)),
        )
        .inner_join(
            customers.on(customers
                .field(organizations::id)
                .eq(customer_relationships::customer_id)),
        )
        .select((
            partners.field(organizations::name),
            customers.field(organizations::name),
            customer_relationships::delegated_admin,
        ))
        .load(&mut app.conn())
        .unwrap();
    rows.sort();
    rows
}

#[actix_web::test]
async fn the_demo_world_is_reached_through_the_pages_from_an_empty_partner_list() {
    let app = TestApp::spawn().await;
    let demo_partnerships = partnership_rows(&app);
    let demo_relationships = relationship_rows(&app);
    assert_eq!(demo_partnerships.len(), 3);
    assert_eq!(demo_relationships.len(), 6);
    {
        let mut conn = app.conn();
        diesel::delete(partnerships::table)
            .execute(&mut conn)
            .unwrap();
        diesel::delete(customer_relationships::table)
            .execute(&mut conn)
            .unwrap();
    }
    // The demo world has no users for two resellers; their admins join first.
    add_user(
        &app,
        "Northwind Traders",
        "admin@northwind.example",
        Role::AdminAgent,
    );
    add_user(
        &app,
        "Tailspin Toys",
        "admin@tailspin.example",
        Role::GlobalAdmin,
    );
    assert_eq!(
        available_contacts(&app, "Adatum Corporation", "Office 365 Business Standard").await,
        vec!["Contoso Distribution"]
    );
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    assert!(contoso
        .get("/indirect-resellers")
        .await
        .main_text()
        .contains("You have no partnerships with indirect resellers yet."));

    // Contoso requests a partnership with each reseller; each reseller's admin accepts.
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let northwind = app.signed_in("admin@northwind.example").await;
    let tailspin = app.signed_in("admin@tailspin.example").await;
    for (partner_id, reseller) in [
        ("2000001", &fabrikam),
        ("2000002", &northwind),
        ("2000003", &tailspin),
    ] {
        let sent = invite_reseller(&contoso, partner_id).await;
        assert_eq!(answer(reseller, &sent, "accept").await.status, 200);
    }
    assert_eq!(partnership_rows(&app), demo_partnerships);

    // Each partner requests a relationship (providers from the customer's page, resellers from
    // Customers); the customer's admin accepts.
    let litware = app.signed_in("admin.agent@litware.example").await;
    let adatum = app.signed_in("admin@adatum.example").await;
    let wingtip = app.signed_in("admin@wingtip.example").await;
    let adatum_id = org_id(&app, "Adatum Corporation");
    let wingtip_id = org_id(&app, "Wingtip Toys");
    for (partner, customer, from_page, delegated_admin) in [
        (&contoso, &adatum, Some(&adatum_id), true),
        (&contoso, &wingtip, Some(&wingtip_id), true),
        (&litware, &adatum, Some(&adatum_id), true),
        (&fabrikam, &adatum, None, true),
        (&northwind, &adatum, None, false),
        (&tailspin, &wingtip, None, true),
    ] {
        match from_page {
            Some(id) => {
                let page = partner.get(&format!("/customers/{id}")).await;
                assert_eq!(
                    page.link("Request a relationship"),
                    Some(format!("/relationship-requests?customer={id}"))
                );
            }
            None => {
                let page = partner.get("/customers").await;
                assert!(page.link("Request a relationship").is_some());
            }
        }
        let sent = invite_customer(partner, from_page.map(String::as_str), delegated_admin).await;
        assert_eq!(answer(customer, &sent, "accept").await.status, 200);
    }
    assert_eq!(relationship_rows(&app), demo_relationships);

    // The demo world's lists, exactly.
    assert_eq!(
        available_contacts(&app, "Adatum Corporation", "Office 365 Business Standard").await,
        vec!["Contoso Distribution", "Fabrikam Solutions"]
    );
    assert_eq!(
        available_contacts(&app, "Wingtip Toys", "Office 365 E1").await,
        vec!["Contoso Distribution", "Tailspin Toys"]
    );
    // The seed's step, then the removal and its fallback.
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    designate(
        &helpdesk,
        "Adatum Corporation",
        "Office 365 Business Standard",
        "Fabrikam Solutions",
    )
    .await;
    assert_eq!(
        contact_on_support_page(&adatum, "Office 365 Business Standard").await,
        "Fabrikam Solutions"
    );
    let fabrikam_id = org_id(&app, "Fabrikam Solutions");
    let remove = format!("/customers/{adatum_id}/resellers/{fabrikam_id}/remove");
    assert_eq!(confirm(&contoso, &remove).await.status, 303);
    assert_eq!(
        contact_on_support_page(&adatum, "Office 365 Business Standard").await,
        "Contoso Distribution"
    );
    assert_eq!(events(&app, "support_contact_fallback"), 1);
}

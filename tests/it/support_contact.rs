//! The seed's steps: Customers -> a customer -> a subscription -> Designated support contact ->
//! Submit -> review -> Close, and everything the server refuses on the way.

use diesel::prelude::*;
use support_contacts::db::schema::{audit_events, organizations, subscriptions};

use crate::helpers::*;

pub fn org_id(app: &TestApp, name: &str) -> String {
    organizations::table
        .filter(organizations::name.eq(name))
        .select(organizations::id)
        .first(&mut app.conn())
        .unwrap()
}

pub fn contact_of(app: &TestApp, product: &str) -> Option<String> {
    subscriptions::table
        .inner_join(
            organizations::table.on(organizations::id
                .nullable()
                .eq(subscriptions::support_contact_id)),
        )
        .filter(subscriptions::product_name.eq(product))
        .select(organizations::name)
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

#[actix_web::test]
async fn the_seed_steps_change_the_contact_and_the_customer_sees_it() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let customers = b.get("/customers").await;
    let adatum = b.get(&customers.link("Adatum Corporation").unwrap()).await;
    assert_eq!(adatum.status, 200);
    let path = adatum.link("Office 365 Business Standard").unwrap();
    let page = b.get(&path).await;
    assert!(page
        .body
        .contains("<label for=\"support_contact\">Designated support contact</label>"));
    assert_eq!(
        page.option_texts("support_contact"),
        vec!["Contoso Distribution", "Fabrikam Solutions"],
        "the provider and the one reseller that meets both conditions"
    );
    let selected = page.selected("support_contact");
    assert_eq!(
        selected,
        vec!["Contoso Distribution"],
        "new subscriptions start with the provider"
    );
    assert!(page.main_text().contains("If the reseller's name doesn't appear in the list of available support contacts, add them in by requesting a relationship."));
    assert!(page.body.contains(">Submit</button>"));

    let fabrikam = page.option_value("support_contact", "Fabrikam Solutions");
    let version = page.input_value("version").unwrap();
    let submitted = b
        .post(
            &path,
            &[
                ("csrf_token", &page.csrf()),
                ("version", &version),
                ("support_contact", &fabrikam),
            ],
        )
        .await;
    assert_eq!(submitted.status, 303);
    let review = b.get(submitted.location()).await;
    assert_eq!(review.status, 200);
    let text = review.main_text();
    assert!(
        text.contains("Previous support contact Contoso Distribution"),
        "{text}"
    );
    assert!(
        text.contains("New support contact Fabrikam Solutions"),
        "{text}"
    );
    assert!(text.contains("Office 365 Business Standard"));
    assert!(review.body.contains(">Close</button>"));
    let close_action = review
        .body
        .split("<form method=\"get\" action=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    // Close submits the review's form as a browser does: with its hidden field, so the address
    // has no stray "?" and the customer's page confirms the change.
    let sub_id = review
        .input_value("changed")
        .expect("the review names the subscription");
    let back = b.get(&format!("{close_action}?changed={sub_id}")).await;
    assert_eq!(back.status, 200);
    assert!(back.main_text().contains(
        "The designated support contact of Office 365 Business Standard is now Fabrikam Solutions."
    ));
    let row = back.row("Office 365 Business Standard").unwrap();
    assert_eq!(row[1], "Fabrikam Solutions", "{row:?}");
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );

    // The customer's admin sees Fabrikam's details under Admin -> Support.
    let customer = app.signed_in("admin@adatum.example").await;
    let support = customer.get("/admin/support").await;
    assert_eq!(support.status, 200);
    let card = support
        .body
        .split("<li class=\"card\">")
        .find(|c| c.contains("Office 365 Business Standard"))
        .unwrap();
    assert!(card.contains("Fabrikam Solutions"));
    assert!(card.contains("href=\"mailto:support@fabrikam.example\""));
    assert!(card.contains("href=\"tel:+14255550102\""));
    assert!(card.contains("href=\"https://support.fabrikam.example\""));
}

#[actix_web::test]
async fn the_list_follows_partnerships_and_delegated_admin_privileges() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("admin.agent@contoso.example").await;
    // Wingtip: Tailspin has delegated admin privileges there, Fabrikam has no relationship.
    let wingtip = subscription_path(&b, "Wingtip Toys", "Office 365 E1").await;
    assert_eq!(
        b.get(&wingtip).await.option_texts("support_contact"),
        vec!["Contoso Distribution", "Tailspin Toys"]
    );
    // Litware has no partnership with any reseller: only itself.
    let litware = app.signed_in("admin.agent@litware.example").await;
    let exchange =
        subscription_path(&litware, "Adatum Corporation", "Exchange Online (Plan 1)").await;
    assert_eq!(
        litware.get(&exchange).await.option_texts("support_contact"),
        vec!["Litware Distribution"]
    );
}

/// Submits the subscription form with a chosen organization id and version.
async fn forge(b: &Browser, path: &str, contact: &str, version: &str) -> Page {
    let page = b.get(path).await;
    b.post(
        path,
        &[
            ("csrf_token", &page.csrf()),
            ("version", version),
            ("support_contact", contact),
        ],
    )
    .await
}

#[actix_web::test]
async fn forged_choices_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    for name in [
        "Northwind Traders",
        "Tailspin Toys",
        "Litware Distribution",
        "Adatum Corporation",
    ] {
        let page = forge(&b, &path, &org_id(&app, name), "1").await;
        assert_eq!(page.status, 422, "{name}");
        assert!(page
            .main_text()
            .contains("That organization is not one of the available support contacts"));
    }
    for garbage in [
        "",
        "not-an-id",
        "00000000-0000-0000-0000-000000000000",
        "' OR 1=1 --",
    ] {
        let page = forge(&b, &path, garbage, "1").await;
        assert_eq!(page.status, 422, "{garbage:?}");
    }
    let bad_version = forge(&b, &path, &org_id(&app, "Fabrikam Solutions"), "x").await;
    assert_eq!(bad_version.status, 400);
    assert!(bad_version
        .main_text()
        .contains("The form was incomplete or damaged"));
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
    let events: i64 = audit_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(events, 0);
}

#[actix_web::test]
async fn a_stale_form_is_refused_with_the_current_value() {
    let app = TestApp::spawn().await;
    let first = app.signed_in("helpdesk@contoso.example").await;
    let second = app.signed_in("admin.agent@contoso.example").await;
    let path =
        subscription_path(&first, "Adatum Corporation", "Office 365 Business Standard").await;
    let first_form = first.get(&path).await;
    let second_form = second.get(&path).await;
    let fabrikam = first_form.option_value("support_contact", "Fabrikam Solutions");
    let contoso = first_form.option_value("support_contact", "Contoso Distribution");
    let ok = first.post_contact(&path, &first_form, &fabrikam).await;
    assert_eq!(ok.status, 303);
    // The second user still has the old form and picks the provider.
    let stale = second.post_contact(&path, &second_form, &contoso).await;
    assert_eq!(stale.status, 409);
    assert!(stale
        .main_text()
        .contains("Someone else changed this subscription"));
    let selected = stale.selected("support_contact");
    assert_eq!(
        selected,
        vec!["Fabrikam Solutions"],
        "the current value is shown"
    );
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );
}

#[actix_web::test]
async fn choosing_the_current_contact_records_nothing() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    let page = forge(&b, &path, &org_id(&app, "Contoso Distribution"), "1").await;
    assert_eq!(page.status, 200);
    assert!(page.main_text().contains("Nothing was changed."));
    let events: i64 = audit_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(events, 0);
}

#[actix_web::test]
async fn view_only_roles_see_the_contact_but_cannot_change_it() {
    let app = TestApp::spawn().await;
    for email in ["sales@contoso.example", "billing@contoso.example"] {
        let b = app.signed_in(email).await;
        let path =
            subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
        let page = b.get(&path).await;
        assert_eq!(page.status, 200);
        assert!(page
            .main_text()
            .contains("Designated support contact Contoso Distribution"));
        assert!(!page.body.contains("<select"), "{email}");
        assert!(!page.body.contains(">Submit</button>"), "{email}");
        let forged = b
            .post(
                &path,
                &[
                    ("csrf_token", &page.csrf()),
                    ("version", "1"),
                    ("support_contact", &org_id(&app, "Fabrikam Solutions")),
                ],
            )
            .await;
        assert_eq!(forged.status, 403, "{email}");
        assert!(forged
            .main_text()
            .contains("Your role cannot change a designated support contact."));
    }
    // Localized too.
    let b = app.signed_in("sales@contoso.example").await;
    b.set_cookie("lang", "zh-TW");
    let path = subscription_path(&b, "Adatum Corporation", "Office 365 Business Standard").await;
    let page = b.get(&path).await;
    let forged = b
        .post(
            &path,
            &[
                ("csrf_token", &page.csrf()),
                ("version", "1"),
                ("support_contact", "x"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(forged.html_lang(), Some("zh-TW"));
    assert!(forged.main_text().contains("指派的支援連絡人"));
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
}

#[actix_web::test]
async fn new_commerce_subscriptions_have_no_contact_section() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, "Adatum Corporation", "Microsoft 365 Business Premium").await;
    let page = b.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<select"));
    assert!(!page.body.contains(">Designated support contact<"));
    assert!(page
        .main_text()
        .contains("New-commerce subscriptions have no designated support contact"));
    let forged = b
        .post(
            &path,
            &[
                ("csrf_token", &page.csrf()),
                ("version", "1"),
                ("support_contact", &org_id(&app, "Contoso Distribution")),
            ],
        )
        .await;
    assert_eq!(forged.status, 422);
    assert!(forged.main_text().contains(
        "New-commerce subscriptions have no designated support contact, so it cannot be changed."
    ));
    assert_eq!(contact_of(&app, "Microsoft 365 Business Premium"), None);
}

#[actix_web::test]
async fn a_partner_never_sees_another_partners_subscriptions() {
    let app = TestApp::spawn().await;
    let contoso = app.signed_in("helpdesk@contoso.example").await;
    let litware = app.signed_in("admin.agent@litware.example").await;
    let contoso_adatum = contoso
        .get(
            &contoso
                .get("/customers")
                .await
                .link("Adatum Corporation")
                .unwrap(),
        )
        .await;
    assert!(contoso_adatum.link("Exchange Online (Plan 1)").is_none());
    assert!(contoso_adatum.link("Microsoft 365 E3").is_some());
    let litware_adatum = litware
        .get(
            &litware
                .get("/customers")
                .await
                .link("Adatum Corporation")
                .unwrap(),
        )
        .await;
    assert!(litware_adatum.link("Exchange Online (Plan 1)").is_some());
    assert!(litware_adatum
        .link("Office 365 Business Standard")
        .is_none());
    // Contoso's subscription URL, typed in by Litware: not found, and nothing changes.
    let path = subscription_path(
        &contoso,
        "Adatum Corporation",
        "Office 365 Business Standard",
    )
    .await;
    assert_eq!(litware.get(&path).await.status, 404);
    let page = litware.get("/customers").await;
    let attempt = litware
        .post(
            &path,
            &[
                ("csrf_token", &page.csrf()),
                ("version", "1"),
                ("support_contact", &org_id(&app, "Litware Distribution")),
            ],
        )
        .await;
    assert_eq!(attempt.status, 404);
    // Wingtip is not Litware's customer.
    let wingtip = contoso
        .get("/customers")
        .await
        .link("Wingtip Toys")
        .unwrap();
    assert_eq!(litware.get(&wingtip).await.status, 404);
    // Unknown and malformed ids.
    assert_eq!(
        contoso
            .get("/customers/00000000-0000-0000-0000-000000000000")
            .await
            .status,
        404
    );
    assert_eq!(contoso.get("/customers/..%2F..%2Fetc").await.status, 404);
    let (customer_part, _) = path.rsplit_once('/').unwrap();
    for subscription in [
        "00000000-0000-0000-0000-000000000000",
        "%00",
        "..%2F..%2Fetc",
    ] {
        let page = contoso
            .get(&format!("{customer_part}/{subscription}"))
            .await;
        assert_eq!(page.status, 404, "subscription {subscription}");
    }
    // Another customer's id with this subscription's: not found either.
    let (_, subscription) = path.rsplit_once('/').unwrap();
    let other = contoso
        .get("/customers")
        .await
        .link("Wingtip Toys")
        .unwrap();
    assert_eq!(
        contoso
            .get(&format!("{other}/subscriptions/{subscription}"))
            .await
            .status,
        404
    );
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
}

/// The facts about a customer's resellers as the tables hold them, read plainly: each
/// indirect reseller with a relationship with the customer, its relationship's delegated admin
/// privileges, and whether it has an active partnership with the provider. Sorted by id.
fn facts_read_plainly(
    conn: &mut support_contacts::db::DbConnection,
    provider: &str,
    customer: &str,
) -> Vec<support_contacts::domain::support_contact::ResellerFacts> {
    use support_contacts::db::schema::{customer_relationships, partnerships};
    let related: Vec<(String, String, bool)> = customer_relationships::table
        .inner_join(
            organizations::table.on(organizations::id.eq(customer_relationships::partner_id)),
        )
        .filter(customer_relationships::customer_id.eq(customer))
        .filter(organizations::kind.eq("indirect_reseller"))
        .select((
            organizations::id,
            organizations::name,
            customer_relationships::delegated_admin,
        ))
        .order(organizations::id)
        .load(conn)
        .unwrap();
    related
        .into_iter()
        .map(|(id, name, delegated)| {
            let active: i64 = partnerships::table
                .filter(partnerships::provider_id.eq(provider))
                .filter(partnerships::reseller_id.eq(&id))
                .filter(partnerships::status.eq("active"))
                .count()
                .get_result(conn)
                .unwrap();
            support_contacts::domain::support_contact::ResellerFacts {
                organization_id: id,
                name,
                active_partnership_with_provider: active > 0,
                delegated_admin_with_customer: delegated,
            }
        })
        .collect()
}

/// The facts about the customer's resellers, as the subscription page reads them in its one
/// statement and as the rule's own read gives them (both as one JSON column), must be what
/// the tables hold: for every subscription of the demo world, for a reseller whose name needs
/// quoting in JSON, with every flag both ways, and for a customer left with no relationship.
#[actix_web::test]
async fn the_reseller_facts_of_the_page_and_of_the_rule_are_what_the_tables_hold() {
    use support_contacts::db::schema::{customer_relationships, partnerships, users};
    use support_contacts::{db, domain};
    let app = TestApp::spawn().await;
    let mut conn = app.conn();
    let tricky = "Fabrikam \"Nord\" \\ 北風 O'Brien\n<b>";
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    diesel::update(organizations::table.find(&fabrikam))
        .set(organizations::name.eq(tricky))
        .execute(&mut *conn)
        .unwrap();
    let now = db::now();
    // Compares, for every subscription, the page's facts and the rule's read with the tables;
    // returns the facts found and how many subscriptions had none.
    let compare = |conn: &mut db::DbConnection| {
        let subs: Vec<(String, String, String)> = subscriptions::table
            .select((
                subscriptions::id,
                subscriptions::customer_id,
                subscriptions::provider_id,
            ))
            .load(conn)
            .unwrap();
        let (mut found, mut without) = (Vec::new(), 0);
        for (sub_id, customer_id, provider_id) in subs {
            let user: String = users::table
                .filter(users::organization_id.eq(&provider_id))
                .filter(users::state.eq("active"))
                .select(users::id)
                .first(conn)
                .unwrap();
            let session_id = domain::new_id();
            let opened_from = db::sessions::OpenedFrom {
                user_agent: "test".into(),
                address: "127.0.0.1".into(),
            };
            let expires = now + chrono::Duration::hours(1);
            db::sessions::create(conn, &user, &session_id, &opened_from, now, expires).unwrap();
            let at = db::sessions::SessionAt {
                session_id: &session_id,
                now,
                idle: chrono::Duration::minutes(30),
            };
            let customer = domain::CustomerId::from(customer_id);
            let sub = domain::SubscriptionId::from(sub_id);
            let page = db::subscriptions::page_on_session(conn, &at, &customer, &sub)
                .unwrap()
                .expect("the session is live")
                .1
                .expect("the user's organization provides the subscription");
            let held = facts_read_plainly(conn, &provider_id, customer.as_str());
            let provider = domain::OrganizationId::from(provider_id);
            let mut alone = db::subscriptions::reseller_facts(conn, &provider, &customer).unwrap();
            let mut on_page = page.facts;
            on_page.sort_by(|a, b| a.organization_id.cmp(&b.organization_id));
            alone.sort_by(|a, b| a.organization_id.cmp(&b.organization_id));
            assert_eq!(on_page, held, "page, subscription {}", sub.as_str());
            assert_eq!(alone, held, "rule's read, subscription {}", sub.as_str());
            without += usize::from(on_page.is_empty());
            found.extend(on_page);
        }
        (found, without)
    };
    let (found, _) = compare(&mut conn);
    assert!(found.iter().any(|f| f.name == tricky));
    assert!(found.iter().any(|f| f.delegated_admin_with_customer));
    assert!(found.iter().any(|f| f.active_partnership_with_provider));
    // Every flag the other way, and one customer without relationships.
    diesel::update(customer_relationships::table)
        .set(customer_relationships::delegated_admin.eq(false))
        .execute(&mut *conn)
        .unwrap();
    diesel::update(partnerships::table)
        .set(partnerships::status.eq("removed"))
        .execute(&mut *conn)
        .unwrap();
    let adatum = org_id(&app, "Adatum Corporation");
    diesel::delete(customer_relationships::table)
        .filter(customer_relationships::customer_id.eq(&adatum))
        .execute(&mut *conn)
        .unwrap();
    let (found, without) = compare(&mut conn);
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|f| !f.delegated_admin_with_customer && !f.active_partnership_with_provider));
    assert!(without > 0, "Adatum's subscriptions have no reseller facts");
}

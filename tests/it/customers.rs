//! The Customers page: what a partner sees, search, and pages that stay correct.

use std::collections::HashSet;

use support_contacts::db::{self, organizations::NewOrganization, subscriptions::NewSubscription};
use support_contacts::domain;

use crate::helpers::*;

#[actix_web::test]
async fn a_provider_sees_the_customers_it_sells_to() {
    let app = TestApp::spawn().await;
    let contoso = app.signed_in("helpdesk@contoso.example").await;
    let page = contoso.get("/customers").await;
    assert!(page.link("Adatum Corporation").is_some());
    assert!(page.link("Wingtip Toys").is_some());
    let litware = app.signed_in("admin.agent@litware.example").await;
    let page = litware.get("/customers").await;
    assert!(page.link("Adatum Corporation").is_some());
    assert!(
        page.link("Wingtip Toys").is_none(),
        "Litware sells nothing to Wingtip"
    );
    // A reseller lists the customers it has a relationship with.
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let page = fabrikam.get("/customers").await;
    assert!(page.link("Adatum Corporation").is_some());
    assert!(
        page.link("Wingtip Toys").is_none(),
        "no relationship with Wingtip"
    );
}

#[actix_web::test]
async fn search_finds_customers_by_part_of_their_name() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let page = b.get("/customers?q=DATUM").await;
    assert!(page.link("Adatum Corporation").is_some());
    assert!(page.link("Wingtip Toys").is_none());
    assert_eq!(page.input_value("q").as_deref(), Some("DATUM"));
    let none = b.get("/customers?q=%25").await;
    assert!(none.link("Adatum Corporation").is_none(), "% is literal");
    assert!(none.main_text().contains("No customer name contains"));
}

/// Adds `n` customers with one subscription each from the provider with `partner_id`.
fn add_customers(app: &TestApp, partner_id: &str, n: usize) {
    let mut conn = app.conn();
    let provider = db::organizations::find_by_partner_id(&mut conn, partner_id)
        .unwrap()
        .unwrap();
    let now = db::now();
    for i in 0..n {
        let id = domain::new_id();
        // Some names repeat, so the keyset must order by id too.
        let name = format!("Customer {:03}", i / 2);
        db::organizations::insert(
            &mut conn,
            NewOrganization {
                id: &id,
                kind: domain::OrgKind::Customer,
                name: &name,
                search_name: &domain::search_key(&name),
                partner_id: None,
                tenant_id: &domain::new_id(),
                support_email: None,
                support_phone: None,
                support_website: None,
                created_at: now,
                domain: None,
                country: None,
                mfa_required: false,
            },
        )
        .unwrap();
        db::subscriptions::insert(
            &mut conn,
            NewSubscription {
                id: &domain::new_id(),
                customer_id: &id,
                provider_id: provider.id.as_str(),
                product_name: "Office 365 E1",
                quantity: 1,
                status: domain::SubscriptionStatus::Active,
                commerce_type: domain::CommerceType::LicenseBased,
                support_contact_id: Some(provider.id.as_str()),
                version: 1,
                created_at: now,
                updated_at: now,
                start_date: now.date(),
                external_id: None,
            },
        )
        .unwrap();
    }
}

fn customer_names(page: &Page) -> Vec<String> {
    page.body
        .split("<a href=\"/customers/")
        .skip(1)
        // Only the links to customers (an id), not to the page's actions.
        .filter(|chunk| chunk.split('"').next().is_some_and(|id| id.len() == 36))
        .filter_map(|chunk| {
            let start = chunk.find("\">")? + 2;
            let end = chunk.find("</a>")?;
            Some(html_unescape(&chunk[start..end]))
        })
        .collect()
}

fn customer_links(page: &Page) -> Vec<String> {
    page.body
        .split("<a href=\"/customers/")
        .skip(1)
        // Only the links to customers (an id), not to the page's actions.
        .filter(|chunk| chunk.split('"').next().is_some_and(|id| id.len() == 36))
        .filter_map(|chunk| chunk.split('"').next().map(str::to_string))
        .collect()
}

#[actix_web::test]
async fn pages_walk_forward_and_back_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    add_customers(&app, "1000001", 60);
    let b = app.signed_in("helpdesk@contoso.example").await;
    let mut page = b.get("/customers").await;
    assert!(page.link("Previous page").is_none());
    let mut seen: Vec<String> = Vec::new();
    let mut pages = Vec::new();
    loop {
        let ids = customer_links(&page);
        assert!(ids.len() <= 25);
        seen.extend(ids.clone());
        pages.push(ids);
        assert!(pages.len() < 10, "the pages never end");
        match page.link("Next page") {
            Some(next) => page = b.get(&next).await,
            None => break,
        }
    }
    assert_eq!(pages.len(), 3, "62 customers in pages of 25");
    assert_eq!(seen.len(), 62);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 62, "no repeats");
    // And back again, page by page.
    let back = b.get(&page.link("Previous page").unwrap()).await;
    assert_eq!(customer_links(&back), pages[1]);
    let first = b.get(&back.link("Previous page").unwrap()).await;
    assert_eq!(customer_links(&first), pages[0]);
    assert!(first.link("Previous page").is_none());
    // The order is by name.
    let names = customer_names(&b.get("/customers").await);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[actix_web::test]
async fn search_and_pages_work_together() {
    let app = TestApp::spawn().await;
    add_customers(&app, "1000001", 60);
    let b = app.signed_in("helpdesk@contoso.example").await;
    let mut page = b.get("/customers?q=customer%2001").await;
    let mut names = customer_names(&page);
    assert_eq!(names.len(), 20, "Customer 010 to 019, two of each");
    assert!(names.iter().all(|n| n.starts_with("Customer 01")));
    page = b.get("/customers?q=customer%200").await;
    names = customer_names(&page);
    assert_eq!(names.len(), 25);
    while let Some(next) = page.link("Next page") {
        assert!(names.len() < 200, "the pages never end: {next}");
        assert!(next.contains("q=customer%200"), "the search stays: {next}");
        page = b.get(&next).await;
        names.extend(customer_names(&page));
    }
    assert_eq!(names.len(), 60);
    assert!(names.iter().all(|n| n.starts_with("Customer 0")));
}

#[actix_web::test]
async fn a_garbage_cursor_shows_the_first_page() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let page = b.get("/customers?after=%27%20OR%201%3D1").await;
    assert_eq!(page.status, 200);
    assert!(page.link("Adatum Corporation").is_some());
}

//! The reseller's Supported subscriptions page, read a page at a time.

use support_contacts::db::subscriptions::NewSubscription;
use support_contacts::domain::{CommerceType, SubscriptionStatus};

use crate::helpers::*;
use crate::support_contact::org_id;

const PAGE: &str = "/supported-subscriptions";

/// A subscription id of a fixed shape whose order is the same in every collation: the ids of
/// the rows made here differ only in their last digits.
fn id_of(n: usize) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// Adds subscriptions of `customer` from Contoso, one per product, with `contact` as their
/// designated support contact; the ids are `id_of(first..)`.
fn supported(app: &TestApp, customer: &str, products: &[String], contact: &str, first: usize) {
    let customer = org_id(app, customer);
    let contoso = org_id(app, "Contoso Distribution");
    let now = chrono::Utc::now().naive_utc();
    let mut conn = app.conn();
    for (i, product) in products.iter().enumerate() {
        let id = id_of(first + i);
        let sub = NewSubscription {
            id: &id,
            customer_id: &customer,
            customer_name: "",
            provider_id: &contoso,
            product_name: product,
            quantity: 1,
            status: SubscriptionStatus::Active,
            commerce_type: CommerceType::LicenseBased,
            support_contact_id: Some(contact),
            version: 1,
            created_at: now,
            updated_at: now,
            start_date: now.date(),
            external_id: None,
        };
        support_contacts::db::subscriptions::insert(&mut conn, sub).unwrap();
    }
}

fn products(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix} {i:03}")).collect()
}

/// 107 subscriptions that Fabrikam supports (three pages of 50, 50 and 7) and 10 that Tailspin
/// supports at the same customers; returns Fabrikam's as (customer, product) in page order.
fn three_pages(app: &TestApp) -> Vec<(String, String)> {
    let fabrikam = org_id(app, "Fabrikam Solutions");
    let tailspin = org_id(app, "Tailspin Toys");
    // Inserted out of order: the page orders them.
    supported(app, "Wingtip Toys", &products("Plan", 45), &fabrikam, 100);
    supported(
        app,
        "Adatum Corporation",
        &products("Plan", 60),
        &fabrikam,
        200,
    );
    // The same customer and product twice: the id decides.
    let twins = vec!["Plan 030".to_string(), "Plan 030".to_string()];
    supported(app, "Wingtip Toys", &twins, &fabrikam, 300);
    supported(
        app,
        "Adatum Corporation",
        &products("Tailspin's", 5),
        &tailspin,
        400,
    );
    supported(
        app,
        "Wingtip Toys",
        &products("Tailspin's", 5),
        &tailspin,
        500,
    );
    let mut expected: Vec<(String, String)> = Vec::new();
    for p in products("Plan", 60) {
        expected.push(("Adatum Corporation".into(), p));
    }
    for p in products("Plan", 45) {
        expected.push(("Wingtip Toys".into(), p.clone()));
        if p == "Plan 030" {
            expected.push(("Wingtip Toys".into(), p.clone()));
            expected.push(("Wingtip Toys".into(), p));
        }
    }
    expected
}

/// The (customer, product) of each row of the page's table, and the provider of each.
fn listed(page: &Page) -> Vec<(String, String)> {
    page.rows()
        .into_iter()
        .skip(1)
        .map(|cells| {
            assert_eq!(cells.len(), 3, "{cells:?}");
            assert_eq!(cells[2], "Contoso Distribution");
            (cells[0].clone(), cells[1].clone())
        })
        .collect()
}

#[actix_web::test]
async fn supported_subscriptions_come_in_pages_in_order_forwards_and_back() {
    let app = TestApp::spawn().await;
    let expected = three_pages(&app);
    assert_eq!(expected.len(), 107);
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;

    let first = fabrikam.get(PAGE).await;
    assert_eq!(first.status, 200);
    assert_eq!(listed(&first), expected[..50]);
    assert_eq!(first.link("Previous page"), None);
    let next = first.link("Next page").expect("a next page");
    assert!(
        next.starts_with("/supported-subscriptions?after="),
        "{next}"
    );

    let second = fabrikam.get(&next).await;
    assert_eq!(second.status, 200);
    assert_eq!(listed(&second), expected[50..100]);
    // The twins straddle nothing, but sit in id order within the page.
    let third = fabrikam
        .get(&second.link("Next page").expect("a third page"))
        .await;
    assert_eq!(listed(&third), expected[100..]);
    assert_eq!(third.link("Next page"), None);

    let back = fabrikam
        .get(&third.link("Previous page").expect("back to the second"))
        .await;
    assert_eq!(listed(&back), expected[50..100]);
    let start = fabrikam
        .get(&back.link("Previous page").expect("back to the first"))
        .await;
    assert_eq!(listed(&start), expected[..50]);
    assert_eq!(
        start.link("Previous page"),
        None,
        "nothing before the first"
    );
    assert!(start.link("Next page").is_some());

    for page in [&first, &second, &third] {
        assert!(
            !page.main_text().contains("Tailspin's"),
            "another reseller's subscriptions never appear"
        );
    }
}

#[actix_web::test]
async fn a_page_starts_right_after_its_cursor_among_rows_of_one_customer_and_product() {
    let app = TestApp::spawn().await;
    three_pages(&app);
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    // Wingtip's Plan 030 three times (ids 130, 300 and 301): after the first by id come the
    // other two, then Plan 031.
    let cursor = support_contacts::domain::SubscriptionCursor {
        customer_name: "Wingtip Toys".into(),
        product_name: "Plan 030".into(),
        id: id_of(130),
    };
    let after = fabrikam
        .get(&format!(
            "{PAGE}?after={}",
            urlencoding(&cursor.to_string())
        ))
        .await;
    assert_eq!(after.status, 200);
    let twin = ("Wingtip Toys".to_string(), "Plan 030".to_string());
    let rows = listed(&after);
    assert_eq!(rows[..2], [twin.clone(), twin.clone()]);
    assert_eq!(rows[2].1, "Plan 031");
    assert_eq!(rows.len(), 16, "the twins and Plan 031 to Plan 044");
    // Before the last twin: everything up to the first two, the last 50 of them.
    let cursor = support_contacts::domain::SubscriptionCursor {
        id: id_of(301),
        ..cursor
    };
    let before = fabrikam
        .get(&format!(
            "{PAGE}?before={}",
            urlencoding(&cursor.to_string())
        ))
        .await;
    let rows = listed(&before);
    assert_eq!(rows.len(), 50);
    assert_eq!(rows[48..], [twin.clone(), twin]);
    assert!(before.link("Previous page").is_some());
    assert!(before.link("Next page").is_some());
}

fn urlencoding(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[actix_web::test]
async fn a_bad_page_link_is_answered_in_the_users_language_with_the_first_page() {
    let app = TestApp::spawn().await;
    let expected = three_pages(&app);
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    for (tag, message) in [
        ("en", "This page link is not valid"),
        ("zh-TW", "此頁面連結無效"),
        ("ja-JP", "このページのリンクは無効です"),
    ] {
        fabrikam.set_cookie("lang", tag);
        for query in [
            "after=garbage",
            "before=3:Ada|Plan|not-an-id",
            "after=999:x",
            "after=",
        ] {
            let page = fabrikam.get(&format!("{PAGE}?{query}")).await;
            assert_eq!(page.status, 400, "{tag} {query}");
            let text = page.main_text();
            assert!(text.contains(message), "{tag} {query}: {text}");
            assert_eq!(listed(&page), expected[..50], "{tag} {query}");
            assert!(page
                .link(match tag {
                    "en" => "Next page",
                    "zh-TW" => "下一頁",
                    _ => "次のページ",
                })
                .is_some());
        }
    }
    fabrikam.set_cookie("lang", "en");
    let fine = fabrikam.get(PAGE).await;
    assert_eq!(fine.status, 200);
    assert!(!fine.main_text().contains("This page link is not valid"));
}

#[actix_web::test]
async fn a_renamed_customer_moves_to_its_new_place_in_the_order() {
    use diesel::prelude::*;
    use support_contacts::db::schema::organizations;
    let app = TestApp::spawn().await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    supported(
        &app,
        "Adatum Corporation",
        &products("Plan", 2),
        &fabrikam,
        100,
    );
    supported(&app, "Wingtip Toys", &products("Plan", 2), &fabrikam, 200);
    let b = app.signed_in("admin.agent@fabrikam.example").await;
    assert_eq!(listed(&b.get(PAGE).await)[0].0, "Adatum Corporation");
    diesel::update(organizations::table.filter(organizations::name.eq("Adatum Corporation")))
        .set(organizations::name.eq("Zava Adatum"))
        .execute(&mut app.conn())
        .unwrap();
    let names: Vec<String> = listed(&b.get(PAGE).await)
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(
        names,
        ["Wingtip Toys", "Wingtip Toys", "Zava Adatum", "Zava Adatum"]
    );
}

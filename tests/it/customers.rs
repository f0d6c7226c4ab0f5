//! The Customers page: what a partner sees, search, and pages that stay correct.

use std::collections::HashSet;

use diesel::prelude::*;
use support_contacts::db::{self, subscriptions::NewSubscription};
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
    // Some names repeat, so the keyset must order by id too.
    let names: Vec<String> = (0..n).map(|i| format!("Customer {:03}", i / 2)).collect();
    add_named_customers(app, partner_id, &names);
}

/// Adds customers of these names with one subscription each from the provider with
/// `partner_id`; returns their ids.
fn add_named_customers(app: &TestApp, partner_id: &str, names: &[String]) -> Vec<String> {
    let mut conn = app.conn();
    let provider = db::organizations::find_by_partner_id(&mut conn, partner_id)
        .unwrap()
        .unwrap();
    let now = db::now();
    let mut ids = Vec::new();
    for name in names {
        let id = insert_organization(&mut conn, domain::OrgKind::Customer, name, None).unwrap();
        db::subscriptions::insert(
            &mut conn,
            NewSubscription {
                id: &domain::new_id(),
                customer_id: &id,
                customer_name: "",
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
        ids.push(id);
    }
    ids
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

/// The names on every page of a search, following "Next page".
async fn all_names(b: &Browser, query: &str) -> Vec<String> {
    let mut page = b.get(&format!("/customers?q={query}")).await;
    let mut names = customer_names(&page);
    while let Some(next) = page.link("Next page") {
        assert!(names.len() < 500, "the pages never end: {next}");
        page = b.get(&next).await;
        names.extend(customer_names(&page));
    }
    names
}

/// On SQLite, FTS5 compares its trigram index with the organizations' names and fails when
/// they differ; PostgreSQL keeps its index itself.
fn name_index_is_in_step(app: &TestApp) {
    let mut conn = app.conn();
    if let db::DbConnection::Sqlite(c) = &mut *conn {
        diesel::sql_query(
            "INSERT INTO organizations_search (organizations_search, rank) \
             VALUES ('integrity-check', 1)",
        )
        .execute(c)
        .expect("the name index matches the names");
    }
}

#[actix_web::test]
async fn rare_and_short_parts_of_a_name_find_exactly_their_customers() {
    let app = TestApp::spawn().await;
    let names: Vec<String> = [
        "Zephyr Quantics 0042",
        "Zephyr Quantics 0043",
        "株式会社さくら商事",
        "さくら不動産",
        "Ångström Optik",
        "50% Off Outlet",
    ]
    .iter()
    .map(|n| n.to_string())
    .collect();
    add_named_customers(&app, "1000001", &names);
    // Another partner's customer with the same rare parts: never shown to Contoso.
    let litware_only: Vec<String> = ["Zephyr Quantics Litware", "さくら Litware"]
        .iter()
        .map(|n| n.to_string())
        .collect();
    add_named_customers(&app, "1000002", &litware_only);
    let b = app.signed_in("helpdesk@contoso.example").await;
    for (query, expected) in [
        // Three or more characters: the name index.
        (
            "QUANTICS%20004",
            vec!["Zephyr Quantics 0042", "Zephyr Quantics 0043"],
        ),
        ("quantics%200043", vec!["Zephyr Quantics 0043"]),
        (
            "%E3%81%95%E3%81%8F%E3%82%89",
            vec!["さくら不動産", "株式会社さくら商事"],
        ),
        ("%C3%A5NGSTR%C3%96M", vec!["Ångström Optik"]),
        ("50%25%20off", vec!["50% Off Outlet"]),
        ("0%25%20o", vec!["50% Off Outlet"]),
        ("zzzq", vec![]),
        // Shorter: read by walking the names.
        (
            "%E3%81%95%E3%81%8F",
            vec!["さくら不動産", "株式会社さくら商事"],
        ),
        ("QU", vec!["Zephyr Quantics 0042", "Zephyr Quantics 0043"]),
        ("%C3%85", vec!["Ångström Optik"]),
    ] {
        assert_eq!(all_names(&b, query).await, expected, "q={query}");
    }
    let litware = app.signed_in("admin.agent@litware.example").await;
    assert_eq!(
        all_names(&litware, "quantics").await,
        vec!["Zephyr Quantics Litware"]
    );
    name_index_is_in_step(&app);
}

#[actix_web::test]
async fn a_search_by_the_name_index_pages_in_name_order() {
    let app = TestApp::spawn().await;
    // Fewer customers than the search reads by key, more than a page; a partner's customers
    // beside another partner's of the same names.
    let names: Vec<String> = (0..40)
        .map(|i| format!("Kumquat Traders {:02}", 39 - i))
        .collect();
    add_named_customers(&app, "1000001", &names);
    add_named_customers(&app, "1000002", &names[..10]);
    let b = app.signed_in("helpdesk@contoso.example").await;
    let mut expected = names.clone();
    expected.sort();
    let page = b.get("/customers?q=kumquat").await;
    assert_eq!(customer_names(&page), expected[..25]);
    let next = page.link("Next page").expect("a second page");
    let second = b.get(&next).await;
    assert_eq!(customer_names(&second), expected[25..]);
    assert!(second.link("Next page").is_none());
    let back = b.get(&second.link("Previous page").unwrap()).await;
    assert_eq!(customer_names(&back), expected[..25]);
}

#[actix_web::test]
async fn the_name_index_follows_renames_and_deletes() {
    let app = TestApp::spawn().await;
    let ids = add_named_customers(
        &app,
        "1000001",
        &[
            "Old Quokka Holdings".to_string(),
            "Gone Wombat Ltd".to_string(),
        ],
    );
    let b = app.signed_in("helpdesk@contoso.example").await;
    assert_eq!(all_names(&b, "quokka").await, vec!["Old Quokka Holdings"]);
    {
        let mut conn = app.conn();
        // A rename (as an import makes it): name and search name together.
        diesel::update(db::schema::organizations::table.find(&ids[0]))
            .set((
                db::schema::organizations::name.eq("Numbat Partners"),
                db::schema::organizations::search_name.eq("numbat partners"),
            ))
            .execute(&mut *conn)
            .unwrap();
        // A delete, then a new customer (on SQLite it may take the freed row number).
        diesel::delete(db::schema::subscriptions::table)
            .filter(db::schema::subscriptions::customer_id.eq(&ids[1]))
            .execute(&mut *conn)
            .unwrap();
        diesel::delete(db::schema::organizations::table.find(&ids[1]))
            .execute(&mut *conn)
            .unwrap();
    }
    add_named_customers(&app, "1000001", &["New Bilby Co".to_string()]);
    assert!(all_names(&b, "quokka").await.is_empty());
    assert_eq!(all_names(&b, "numbat").await, vec!["Numbat Partners"]);
    assert!(all_names(&b, "wombat").await.is_empty());
    assert_eq!(all_names(&b, "bilby").await, vec!["New Bilby Co"]);
    name_index_is_in_step(&app);
}

/// Every page of a partner's Customers list from the first, following "Next page": the
/// customers' ids page by page.
async fn all_pages(b: &Browser) -> Vec<Vec<String>> {
    let mut page = b.get("/customers").await;
    let mut pages = vec![customer_links(&page)];
    while let Some(next) = page.link("Next page") {
        assert!(pages.len() < 40, "the pages never end");
        page = b.get(&next).await;
        pages.push(customer_links(&page));
    }
    pages
}

/// A partner with more customers than are read by key walks all customers in name order; one
/// with a few among many has them read by key. Either way: exactly its own customers, in name
/// order, each once, and the pages lead back.
#[actix_web::test]
async fn a_partner_with_few_customers_among_many_sees_exactly_its_own() {
    let app = TestApp::spawn().await;
    let contoso_added: HashSet<String> = add_named_customers(
        &app,
        "1000001",
        &(0..520)
            .map(|i| format!("Customer {:03}", i / 2))
            .collect::<Vec<_>>(),
    )
    .into_iter()
    .collect();
    // Litware's few, named so that they fall among Contoso's in name order.
    let litware_added: HashSet<String> = add_named_customers(
        &app,
        "1000002",
        &(0..30)
            .map(|i| format!("Customer {:03}x", i * 8))
            .collect::<Vec<_>>(),
    )
    .into_iter()
    .collect();
    for (email, own, other, demo) in [
        (
            "helpdesk@contoso.example",
            &contoso_added,
            &litware_added,
            2,
        ),
        (
            "admin.agent@litware.example",
            &litware_added,
            &contoso_added,
            0,
        ),
    ] {
        let b = app.signed_in(email).await;
        let pages = all_pages(&b).await;
        let seen: Vec<String> = pages.iter().flatten().cloned().collect();
        let unique: HashSet<String> = seen.iter().cloned().collect();
        assert_eq!(unique.len(), seen.len(), "{email}: no repeats");
        assert!(own.is_subset(&unique), "{email}: every customer of its own");
        assert!(unique.is_disjoint(other), "{email}: none of the other's");
        let demo_customers = unique.len() - own.len();
        if demo > 0 {
            assert_eq!(demo_customers, demo, "{email}: and the demo's");
        }
        assert!(pages.iter().all(|p| p.len() <= 25), "{email}: pages of 25");
        // In name order across the pages.
        let mut names = Vec::new();
        let mut page = b.get("/customers").await;
        names.extend(customer_names(&page));
        while let Some(next) = page.link("Next page") {
            page = b.get(&next).await;
            names.extend(customer_names(&page));
        }
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{email}: by name");
        // And back from the last page.
        if pages.len() > 1 {
            let back = b.get(&page.link("Previous page").unwrap()).await;
            assert_eq!(customer_links(&back), pages[pages.len() - 2], "{email}");
        }
        // A search keeps to the partner's own customers too.
        let found = customer_links(&b.get("/customers?q=customer%20008").await);
        assert!(!found.is_empty(), "{email}: a search finds its own");
        assert!(found.iter().all(|id| own.contains(id)), "{email}");
    }
}

/// Statements run by reading the partner's first Customers page on `conn`, and its rows.
fn first_page_statements(
    conn: &mut db::DbConnection,
    partner_id: &domain::OrganizationId,
) -> (usize, usize) {
    use diesel::connection::{Instrumentation, InstrumentationEvent};
    use std::sync::{Arc, Mutex};
    let statements = Arc::new(Mutex::new(0_usize));
    let counted = statements.clone();
    let counter = move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { .. } = event {
            *counted.lock().unwrap() += 1;
        }
    };
    conn.set_instrumentation(Box::new(counter) as Box<dyn Instrumentation>);
    let page =
        db::organizations::customers_page(conn, partner_id, None, &domain::PageAt::First, 25)
            .unwrap();
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let count = *statements.lock().unwrap();
    (page.len(), count)
}

/// A new indirect provider with this partner id, whose id no other test's database shares (the
/// demo world's organizations have the same ids in every test's database, and the memo of
/// partners' sizes is the process's).
fn new_provider(app: &TestApp, partner_id: &str) -> domain::OrganizationId {
    let mut conn = app.conn();
    let name = format!("Provider {partner_id}");
    insert_organization(
        &mut conn,
        domain::OrgKind::IndirectProvider,
        &name,
        Some(partner_id),
    )
    .unwrap();
    db::organizations::find_by_partner_id(&mut conn, partner_id)
        .unwrap()
        .unwrap()
        .id
}

/// Every customer of the partner, as its Customers page reads them (one page of all).
fn all_customers_of(app: &TestApp, partner: &domain::OrganizationId) -> HashSet<String> {
    let mut conn = app.conn();
    let rows =
        db::organizations::customers_page(&mut conn, partner, None, &domain::PageAt::First, 5000)
            .unwrap();
    let names: Vec<&str> = rows.iter().map(|c| c.name.as_str()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "in name order");
    rows.into_iter().map(|c| c.id.to_string()).collect()
}

/// How a partner's customers are read (by key for a few, a walk in name order for many) is
/// found once and remembered, so the next Customers pages are the page's statement alone. The
/// memo only chooses how the page is read: a partner that grows past the few or shrinks below
/// the many while remembered (on another instance, say) still gets exactly its own at once.
#[actix_web::test]
async fn a_partner_remembered_as_small_or_large_still_sees_exactly_its_own() {
    let app = TestApp::spawn().await;
    let small = new_provider(&app, "1999001");
    let large = new_provider(&app, "1999002");
    let names = |suffix: &str, n: usize| -> Vec<String> {
        (0..n).map(|i| format!("Customer {i:03}{suffix}")).collect()
    };
    let small_first: HashSet<String> = add_named_customers(&app, "1999001", &names("s", 3))
        .into_iter()
        .collect();
    let large_added = add_named_customers(&app, "1999002", &names("l", 510));

    let mut conn = app.conn();
    // Few: probed once, then the page alone.
    let (rows, first) = first_page_statements(&mut conn, &small);
    assert_eq!(rows, 3);
    assert!(first >= 2, "a probe, then the page");
    assert_eq!(first_page_statements(&mut conn, &small), (3, 1));
    // Many (a row past the 500th): probed once, then the page alone.
    let (rows, first) = first_page_statements(&mut conn, &large);
    assert_eq!(rows, 26, "a page and one more");
    assert!(first >= 2, "a probe, then the page");
    assert_eq!(first_page_statements(&mut conn, &large), (26, 1));
    drop(conn);

    // The small one, remembered as small, gains 510 customers: all of them, only its own.
    let small_added: HashSet<String> = add_named_customers(&app, "1999001", &names("g", 510))
        .into_iter()
        .collect();
    assert_eq!(
        all_customers_of(&app, &small),
        small_first.union(&small_added).cloned().collect()
    );

    // The large one, remembered as large, loses all but three of its customers.
    let kept: HashSet<String> = large_added[..3].iter().cloned().collect();
    let mut conn = app.conn();
    diesel::delete(
        db::schema::subscriptions::table.filter(
            db::schema::subscriptions::customer_id.eq_any(
                large_added[3..]
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            ),
        ),
    )
    .execute(&mut *conn)
    .unwrap();
    drop(conn);
    assert_eq!(all_customers_of(&app, &large), kept);
}

/// The statements that `work` runs a second time and that the connection did not keep
/// prepared (each is parsed and planned again on every run). `work` runs twice on `conn`.
fn prepared_again(
    conn: &mut db::DbConnection,
    mut work: impl FnMut(&mut db::DbConnection),
) -> Vec<String> {
    use diesel::connection::{Instrumentation, InstrumentationEvent};
    use std::sync::{Arc, Mutex};
    let cached = Arc::new(Mutex::new(HashSet::<String>::new()));
    let started = Arc::new(Mutex::new(Vec::<String>::new()));
    let (c, s) = (cached.clone(), started.clone());
    let watch = move |event: InstrumentationEvent<'_>| match event {
        InstrumentationEvent::CacheQuery { sql, .. } => {
            c.lock().unwrap().insert(sql.to_string());
        }
        InstrumentationEvent::StartQuery { query, .. } => {
            // The statement's text, without the binds diesel appends to it.
            let text = query.to_string();
            let sql = text.split(" -- binds:").next().unwrap_or("").to_string();
            s.lock().unwrap().push(sql);
        }
        _ => {}
    };
    conn.set_instrumentation(Box::new(watch) as Box<dyn Instrumentation>);
    work(conn);
    started.lock().unwrap().clear();
    work(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let cached = cached.lock().unwrap();
    let started = started.lock().unwrap();
    assert!(!started.is_empty(), "the work ran statements");
    started
        .iter()
        .filter(|sql| !cached.contains(*sql))
        .cloned()
        .collect()
}

/// On SQLite, a list of ids goes to the database as one JSON array: the statements of a
/// reseller's Customers page (its customers read by key, what it does for each) and of the
/// name index's lookup stay prepared instead of being parsed and planned on every request.
/// PostgreSQL takes the ids as a list; there the same reads must give the same rows.
#[actix_web::test]
async fn lists_of_ids_keep_the_statements_prepared_on_sqlite() {
    let app = TestApp::spawn().await;
    let mut conn = app.conn();
    let fabrikam = db::organizations::find_by_partner_id(&mut conn, "2000001")
        .unwrap()
        .unwrap();
    let sqlite = matches!(*conn, db::DbConnection::Sqlite(_));
    let mut pages = Vec::new();
    let again = prepared_again(&mut conn, |conn| {
        let page =
            db::organizations::customers_page(conn, &fabrikam.id, None, &domain::PageAt::First, 25)
                .unwrap();
        let ids: Vec<String> = page.iter().map(|c| c.id.to_string()).collect();
        let summaries = db::relationships::reseller_summaries(conn, &fabrikam.id, &ids).unwrap();
        let named = db::organizations::customers_named(conn, "datum", 10).unwrap();
        pages.push((ids, summaries.len(), named));
    });
    // Fabrikam's demo customers, with what it does for each, and Adatum found by its name.
    assert_eq!(pages[0], pages[1], "the same rows both times");
    assert!(!pages[0].0.is_empty());
    assert_eq!(pages[0].1, pages[0].0.len());
    assert!(matches!(&pages[0].2, db::organizations::NamedCustomers::Few(ids) if ids.len() == 1));
    if sqlite {
        assert_eq!(again, Vec::<String>::new(), "prepared again on SQLite");
    }
}

/// One step of SQLite's plan for a statement (`EXPLAIN QUERY PLAN`).
#[derive(diesel::QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// The statements that `work` runs on an SQLite `conn`, each with SQLite's plan for it, one
/// line a step. The plans are asked of the statements' text with nothing bound: every
/// connection plans without bound values (`db::plan_without_bound_values`), so these are
/// the plans that ran.
pub fn sqlite_plans(
    conn: &mut db::DbConnection,
    work: impl FnOnce(&mut db::DbConnection),
) -> Vec<(String, Vec<String>)> {
    use diesel::connection::{Instrumentation, InstrumentationEvent};
    use std::sync::{Arc, Mutex};
    let started = Arc::new(Mutex::new(Vec::<String>::new()));
    let s = started.clone();
    let watch = move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            let text = query.to_string();
            s.lock()
                .unwrap()
                .push(text.split(" -- binds:").next().unwrap_or("").to_string());
        }
    };
    conn.set_instrumentation(Box::new(watch) as Box<dyn Instrumentation>);
    work(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let statements = started.lock().unwrap().clone();
    assert!(!statements.is_empty(), "the work ran statements");
    statements
        .into_iter()
        .map(|sql| {
            let steps: Vec<PlanStep> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
                .load(conn)
                .unwrap();
            (sql, steps.into_iter().map(|s| s.detail).collect())
        })
        .collect()
}

/// A partner's SQLite file has no statistics unless an operator gathers them (the product
/// does not), and SQLite then takes every index to be selective, the customers' index by kind
/// too. The reads that find a few rows by key (a small partner's Customers page, a search by a
/// rare part of a name, the audit log filtered by one, the resellers a subscription's
/// contact may be chosen from, the subscription page's one statement with the session check)
/// must neither walk every customer by kind nor scan a table: at 100,000 customers the rare
/// search answered 150 requests a second that way, against 8,000 by key. The plans are the ones a file without statistics gets, as here.
#[actix_web::test]
async fn reads_of_a_few_rows_stay_by_key_without_statistics() {
    let app = TestApp::spawn().await;
    let mut conn = app.conn();
    // PostgreSQL's background work gathers statistics on every database: there the reads must
    // find the same rows, and the plans are SQLite's.
    let sqlite = matches!(*conn, db::DbConnection::Sqlite(_));
    let contoso = db::organizations::find_by_partner_id(&mut conn, "1000001")
        .unwrap()
        .unwrap();
    let fabrikam = db::organizations::find_by_partner_id(&mut conn, "2000001")
        .unwrap()
        .unwrap();
    if sqlite {
        let stats: i64 = diesel::sql_query(
            "SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'sqlite_stat%'",
        )
        .get_result::<Count>(&mut *conn)
        .unwrap()
        .n;
        assert_eq!(stats, 0, "a new database has no statistics");
    }
    let adatum = db::organizations::customers_named(&mut conn, "adatum corporation", 1).unwrap();
    let db::organizations::NamedCustomers::Few(adatum) = adatum else {
        panic!("Adatum is one customer")
    };
    let adatum_id = domain::CustomerId::from(adatum[0].clone());
    let event = db::audit::AuditEvent::made_by(
        db::audit::MadeBy::Operator,
        &contoso.id,
        domain::audit::Action::SupportContactChanged,
        db::audit::Object {
            kind: domain::audit::ObjectKind::Subscription,
            id: &domain::new_id(),
            label: "Microsoft 365 E3",
        },
        db::now(),
    )
    .customer(Some(&adatum_id));
    db::audit::append(&mut conn, &event).unwrap();
    // The subscription page of Contoso's helpdesk agent: one of Contoso's subscriptions for
    // Adatum, read on a session of the agent's.
    let helpdesk = db::users::find_by_email(&mut conn, "helpdesk@contoso.example")
        .unwrap()
        .unwrap();
    let session_id = domain::new_id();
    let now = db::now();
    let opened_from = db::sessions::OpenedFrom {
        user_agent: "test".into(),
        address: "127.0.0.1".into(),
    };
    db::sessions::create(
        &mut conn,
        &helpdesk.id,
        &session_id,
        &opened_from,
        now,
        now + chrono::Duration::hours(1),
    )
    .unwrap();
    let sub = db::subscriptions::of_customer_from_provider(&mut conn, &contoso.id, &adatum_id)
        .unwrap()
        .into_iter()
        .find(|s| s.has_contact_section())
        .expect("a subscription of Contoso's for Adatum with a designated support contact");
    let at = db::sessions::SessionAt {
        session_id: &session_id,
        now,
        idle: chrono::Duration::minutes(30),
    };
    let mut found = Vec::new();
    let mut work = |conn: &mut db::DbConnection| {
        let page = db::subscriptions::page_on_session(conn, &at, &adatum_id, &sub.id)
            .unwrap()
            .expect("the session is live")
            .1
            .expect("Contoso provides the subscription");
        let named = db::organizations::customers_named(conn, "datum", 200).unwrap();
        let searched = db::organizations::customers_page(
            conn,
            &contoso.id,
            Some("datum"),
            &domain::PageAt::First,
            25,
        )
        .unwrap();
        let few =
            db::organizations::customers_page(conn, &fabrikam.id, None, &domain::PageAt::First, 25)
                .unwrap();
        let filter = domain::audit::AuditFilter {
            customer_name: Some("datum".into()),
            ..Default::default()
        };
        let events = db::audit::list(
            conn,
            db::audit::LogOf::Partner(&contoso.id),
            &filter,
            &domain::audit::LogPage::Newest,
            50,
        )
        .unwrap();
        let facts = db::subscriptions::reseller_facts(conn, &contoso.id, &adatum_id).unwrap();
        found.push((named, searched.len(), few.len(), events.len(), facts, page));
    };
    let plans = if sqlite {
        sqlite_plans(&mut conn, work)
    } else {
        work(&mut conn);
        Vec::new()
    };
    // The reads found what the demo world has: Adatum, on Contoso's and Fabrikam's pages and in
    // Contoso's log.
    let (named, searched, few, events, facts, page) = &found[0];
    assert!(matches!(named, db::organizations::NamedCustomers::Few(ids) if ids.len() == 1));
    assert_eq!(*searched, 1);
    assert!(*few >= 1);
    assert!(*events > 0);
    // Fabrikam has a partnership with Contoso and delegated admin privileges for Adatum.
    let fabrikam_facts = facts
        .iter()
        .find(|f| f.organization_id == fabrikam.id.as_str())
        .expect("Fabrikam's relationship with Adatum");
    assert!(domain::support_contact::is_eligible(fabrikam_facts));
    // The subscription page's one statement finds the same facts beside the subscription.
    assert_eq!(page.view.sub.id, sub.id);
    assert_eq!(page.view.customer.id.as_str(), adatum_id.as_str());
    assert_eq!(page.view.provider_name, contoso.name);
    let mut page_facts = page.facts.clone();
    let mut read_alone = facts.clone();
    page_facts.sort_by(|a, b| a.organization_id.cmp(&b.organization_id));
    read_alone.sort_by(|a, b| a.organization_id.cmp(&b.organization_id));
    assert_eq!(page_facts, read_alone);
    if sqlite {
        // Every read above was watched, the reseller facts' too (read on SQLite's own
        // connection, which the instrumentation reaches as well).
        assert!(plans
            .iter()
            .any(|(sql, _)| sql.contains("partnerships AS facts_partnership")
                && !sql.contains("`user_sessions`")));
        assert!(plans.iter().any(|(sql, _)| sql.contains("`user_sessions`")
            && sql.contains("customer_relationships AS facts_relationship")));
        assert!(plans
            .iter()
            .any(|(sql, _)| sql.contains("organizations_search")));
    }
    for (sql, steps) in &plans {
        let walks = steps.iter().any(|s| {
            s.contains("organizations_kind_name")
                // (A SELECT without a table, as the rule's read of the reseller facts, reads
                // one constant row.)
                || (s.starts_with("SCAN ")
                    && !s.contains("VIRTUAL TABLE")
                    && s != "SCAN CONSTANT ROW")
                // A provider's partnerships, all of them, rather than one reseller's.
                || s.contains("partnerships") && s.ends_with("(provider_id=?)")
        });
        assert!(!walks, "reads more than the few rows: {sql}\n{steps:#?}");
    }
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

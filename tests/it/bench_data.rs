//! `bench-data`: the benchmark dataset is made as asked, on top of the demo world, the demo
//! users see it through the list pages (search by part of a name, pages deep in the results,
//! a partner's audit log read from both of its sides), and a database with anything but the
//! demo world is refused untouched.

use diesel::prelude::*;
use support_contacts::bench_data::{self, customer_name, Made, Size};
use support_contacts::db::schema::{audit_events, organizations, subscriptions};

use crate::helpers::*;

const SIZE: Size = Size {
    customers: 120,
    subscriptions_per_customer: 3,
};

fn count_customers(app: &TestApp) -> i64 {
    organizations::table
        .filter(organizations::kind.eq("customer"))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn make(app: &TestApp) -> Made {
    bench_data::make(&mut app.conn(), SIZE, None)
        .map_err(|f| f.message)
        .unwrap()
}

/// The first cells of the table rows of each page, from `path` on, following `link`, and the
/// last page's path.
async fn walk_to_end(b: &Browser, path: &str, link: &str) -> (Vec<Vec<String>>, String) {
    let mut pages = Vec::new();
    let mut last = path.to_string();
    let mut next = Some(path.to_string());
    while let Some(path) = next {
        last = path.clone();
        let page = b.get(&path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        pages.push(
            page.rows()
                .into_iter()
                .skip(1)
                .filter_map(|r| r.first().cloned())
                .collect(),
        );
        next = page.link(link);
        assert!(pages.len() < 100, "the pager does not end");
    }
    (pages, last)
}

/// The first cells of the table rows of every page, and how many pages there were.
async fn walk(b: &Browser, path: &str, link: &str) -> (Vec<String>, usize) {
    let (pages, _) = walk_to_end(b, path, link).await;
    let count = pages.len();
    (pages.concat(), count)
}

#[actix_web::test]
async fn bench_data_makes_what_it_says_and_demo_users_see_it() {
    let app = TestApp::spawn().await;
    let before = count_customers(&app);
    let made = make(&app);
    assert_eq!(made.customers, 120);
    assert_eq!(made.subscriptions, 360);
    assert_eq!(made.customer_relationships, 240);
    assert_eq!(count_customers(&app), before + 120);
    let subs: i64 = subscriptions::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(subs, 5 + 360);
    let events: i64 = audit_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(events >= made.audit_events as i64 && made.audit_events >= 240);

    // The provider's helpdesk finds a customer by a part of its name that only it has.
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    let page = helpdesk.get("/customers?q=000057").await;
    let found: Vec<String> = page
        .rows()
        .into_iter()
        .skip(1)
        .filter_map(|r| r.first().cloned())
        .collect();
    assert_eq!(found, vec![customer_name(57)]);

    // Every page of the Customers list, to the last one: each of Contoso's customers once, in
    // name order (nine in ten bench customers, and the two demo customers).
    let (names, pages) = walk(&helpdesk, "/customers", "Next page").await;
    assert_eq!(names.len(), 108 + 2, "{names:?}");
    assert!(pages >= 5);
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "a customer is listed twice");
    assert!(names.contains(&customer_name(118)) && !names.contains(&customer_name(119)));
    // And back from the last page to the first, page by page.
    let (_, last) = walk_to_end(&helpdesk, "/customers", "Next page").await;
    let (mut backwards, _) = walk_to_end(&helpdesk, &last, "Previous page").await;
    backwards.reverse();
    assert_eq!(backwards.concat(), names);
    // A search that many share, read to its last page.
    let (bakeries, _) = walk(&helpdesk, "/customers?q=bakery", "Next page").await;
    let expected = (0..120u32)
        .filter(|i| i % 10 != 9 && customer_name(*i).contains("Bakery"))
        .count();
    assert!(expected > 0);
    assert_eq!(bakeries.len(), expected);

    // The reseller sees the subscriptions it supports.
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let page = fabrikam.get("/supported-subscriptions").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&customer_name(0)), "{}", page.body);
}

/// A partner's log is read from its two sides (the events it made and the ones that concern
/// it) and merged: every event once, newest first, across pages.
#[actix_web::test]
async fn a_partners_audit_log_pages_through_both_of_its_sides() {
    let app = TestApp::spawn().await;
    make(&app);
    let fabrikam_id: String = organizations::table
        .filter(organizations::partner_id.eq("2000001"))
        .select(organizations::id)
        .first(&mut app.conn())
        .unwrap();
    let own: i64 = audit_events::table
        .filter(audit_events::organization_id.eq(&fabrikam_id))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let related: i64 = audit_events::table
        .filter(audit_events::related_organization_id.eq(&fabrikam_id))
        .filter(audit_events::organization_id.ne(&fabrikam_id))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(own > 0 && related > 0, "the dataset gives both sides");
    let b = app.signed_in("admin.agent@fabrikam.example").await;
    let (times, pages) = walk(&b, "/audit", "Older changes").await;
    assert!(pages > 1);
    assert_eq!(times.len() as i64, own + related);
    let mut newest_first = times.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, newest_first);
}

#[actix_web::test]
async fn bench_data_refuses_a_database_with_more_than_the_demo_world() {
    let app = TestApp::spawn().await;
    make(&app);
    let before = count_customers(&app);
    let refused = bench_data::make(&mut app.conn(), SIZE, None).unwrap_err();
    assert_eq!(refused.code, 3);
    assert_eq!(count_customers(&app), before);
}

#[actix_web::test]
async fn bench_data_loads_the_demo_world_into_an_empty_database() {
    let app = TestApp::spawn_empty().await;
    let made = bench_data::make(&mut app.conn(), SIZE, Some(DEMO_PASSWORD))
        .map_err(|f| f.message)
        .unwrap();
    assert_eq!(made.customers, 120);
    assert_eq!(count_customers(&app), 122);
    let b = app.signed_in("helpdesk@contoso.example").await;
    assert!(b
        .get("/customers?q=000003")
        .await
        .body
        .contains(&customer_name(3)));
}

#[derive(QueryableByName)]
struct IndexName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

/// The names of the indexes of the two tables that get the most rows.
fn index_names(app: &TestApp) -> Vec<String> {
    let mut conn = app.conn();
    let sql = match &*conn {
        support_contacts::db::DbConnection::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'index' \
             AND tbl_name IN ('subscriptions', 'audit_events') ORDER BY name"
        }
        support_contacts::db::DbConnection::Postgres(_) => {
            "SELECT indexname AS name FROM pg_indexes \
             WHERE tablename IN ('subscriptions', 'audit_events') ORDER BY indexname"
        }
    };
    diesel::sql_query(sql)
        .load::<IndexName>(&mut *conn)
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect()
}

/// On SQLite the load sets the large tables' indexes aside and builds them once afterwards:
/// the database ends with every one of them, and the pages that read them still answer.
#[actix_web::test]
async fn bench_data_leaves_every_index_in_place() {
    let app = TestApp::spawn().await;
    let before = index_names(&app);
    assert!(
        before.iter().any(|n| n == "subscriptions_supported"),
        "{before:?}"
    );
    make(&app);
    assert_eq!(index_names(&app), before);
    let b = app.signed_in("admin.agent@fabrikam.example").await;
    let page = b.get("/supported-subscriptions").await;
    assert_eq!(page.status, 200, "{}", page.body);
}

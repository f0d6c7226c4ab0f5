//! Bulk changes of designated support contacts: choose by filter, review what would change and
//! what cannot and why, apply; one audit event per change sharing one bulk change id; stale
//! choices left alone; only a provider's changers, only its own subscriptions, only with CSRF.

use diesel::prelude::*;
use support_contacts::db::schema::{audit_events, subscriptions};

use crate::helpers::*;
use crate::support_contact::{contact_of, org_id};

const BULK: &str = "/customers/bulk-change";
const REVIEW: &str = "/customers/bulk-change/review";
const APPLY: &str = "/customers/bulk-change/apply";

/// The checkbox value of every listed subscription, by "product / customer".
fn listed(page: &Page) -> Vec<(String, String)> {
    let html = scraper::Html::parse_document(&page.body);
    let rows = scraper::Selector::parse("main tr").unwrap();
    let checkbox = scraper::Selector::parse("input[type=checkbox][name=item]").unwrap();
    let cells = scraper::Selector::parse("td").unwrap();
    html.select(&rows)
        .filter_map(|row| {
            let value = row
                .select(&checkbox)
                .next()?
                .value()
                .attr("value")?
                .to_string();
            let texts: Vec<String> = row
                .select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect();
            // The product cell's label also names the customer, for screen readers.
            let product = texts[1].split(" – ").next().unwrap_or_default();
            Some((format!("{product} / {}", texts[2]), value))
        })
        .collect()
}

/// The "product / customer" label of every listed subscription, in the page's order.
fn labels(page: &Page) -> Vec<String> {
    listed(page).into_iter().map(|(label, _)| label).collect()
}

fn checked(page: &Page) -> usize {
    let html = scraper::Html::parse_document(&page.body);
    let boxes = scraper::Selector::parse("input[type=checkbox][name=item][checked]").unwrap();
    html.select(&boxes).count()
}

/// An event of a bulk change: (product, actor, old contact, new contact, bulk change id).
type BulkEvent = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The subscription's id and version (straight from the database).
fn sub_row(app: &TestApp, product: &str) -> (String, String, i32) {
    subscriptions::table
        .filter(subscriptions::product_name.eq(product))
        .select((
            subscriptions::customer_id,
            subscriptions::id,
            subscriptions::version,
        ))
        .first(&mut app.conn())
        .unwrap()
}

fn item(app: &TestApp, product: &str) -> String {
    let (c, s, v) = sub_row(app, product);
    format!("{c}.{s}.{v}")
}

/// Posts the review (or apply) form with the chosen items.
async fn post_items(b: &Browser, path: &str, items: &[String], new_contact: &str) -> Page {
    let token = b.get(BULK).await.csrf();
    let mut fields: Vec<(&str, &str)> =
        vec![("csrf_token", token.as_str()), ("new_contact", new_contact)];
    fields.extend(items.iter().map(|i| ("item", i.as_str())));
    b.post(path, &fields).await
}

/// The review of replacing `from` with `to` everywhere, from the choose `page`.
async fn review_replacing(b: &Browser, page: &Page, from: &str, to: &str) -> Page {
    b.post(
        REVIEW,
        &[
            ("csrf_token", &page.csrf()),
            ("replace_from", from),
            ("new_contact", to),
        ],
    )
    .await
}

/// The hidden items the review carries to apply.
fn carried(review: &Page) -> Vec<String> {
    let html = scraper::Html::parse_document(&review.body);
    let hidden = scraper::Selector::parse("input[type=hidden][name=item]").unwrap();
    html.select(&hidden)
        .filter_map(|i| i.value().attr("value").map(str::to_string))
        .collect()
}

fn table_after(page: &Page, heading: &str) -> Vec<Vec<String>> {
    let html = scraper::Html::parse_document(&page.body);
    let h2 = scraper::Selector::parse("main h2").unwrap();
    let Some(id) = html
        .select(&h2)
        .find(|h| h.text().collect::<String>().trim() == heading)
        .and_then(|h| h.value().attr("id").map(str::to_string))
    else {
        return Vec::new();
    };
    let rows =
        scraper::Selector::parse(&format!("table[aria-labelledby='{id}'] tbody tr")).unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    html.select(&rows)
        .map(|r| {
            r.select(&cells)
                .map(|c| {
                    c.text()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect()
}

#[actix_web::test]
async fn the_filter_lists_only_the_providers_matching_subscriptions() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let customers = b.get("/customers").await;
    let link = customers
        .link("Change designated support contacts in bulk")
        .expect("the Customers page links to bulk changes");
    let all = b.get(&link).await;
    assert_eq!(all.status, 200, "{}", all.body);
    let mut listed_labels = labels(&all);
    listed_labels.sort();
    assert_eq!(
        listed_labels,
        vec![
            "Microsoft 365 Business Premium / Adatum Corporation",
            "Microsoft 365 E3 / Adatum Corporation",
            "Office 365 Business Standard / Adatum Corporation",
            "Office 365 E1 / Wingtip Toys",
        ],
        "Contoso's four, never Litware's Exchange Online"
    );
    assert_eq!(
        all.option_texts("new_contact"),
        vec![
            "Contoso Distribution",
            "Fabrikam Solutions",
            "Northwind Traders",
            "Tailspin Toys"
        ]
    );

    let wingtip = org_id(&app, "Wingtip Toys");
    let by_customer = b.get(&format!("{BULK}?customer={wingtip}")).await;
    assert_eq!(labels(&by_customer), vec!["Office 365 E1 / Wingtip Toys"]);
    let by_product = b.get(&format!("{BULK}?product=Microsoft%20365%20E3")).await;
    assert_eq!(listed(&by_product).len(), 1);
    let new_commerce = b.get(&format!("{BULK}?commerce=new_commerce")).await;
    assert_eq!(
        labels(&new_commerce),
        vec!["Microsoft 365 Business Premium / Adatum Corporation"]
    );
    let contoso = org_id(&app, "Contoso Distribution");
    let by_contact = b.get(&format!("{BULK}?contact={contoso}")).await;
    assert_eq!(listed(&by_contact).len(), 3, "new commerce has no contact");

    // "Select all" checks every listed box; nothing is checked otherwise.
    assert_eq!(checked(&by_contact), 0);
    let select_all = by_contact.link("Select all listed subscriptions").unwrap();
    let all_checked = b.get(&select_all).await;
    assert_eq!(listed(&all_checked).len(), 3);
    assert_eq!(checked(&all_checked), 3);
}

#[actix_web::test]
async fn the_review_lists_changes_and_refusals_and_apply_changes_only_the_allowed() {
    let app = TestApp::spawn().await;
    // A cancelled subscription keeps its contact.
    diesel::update(subscriptions::table.filter(subscriptions::product_name.eq("Microsoft 365 E3")))
        .set(subscriptions::status.eq("cancelled"))
        .execute(&mut app.conn())
        .unwrap();
    let b = app.signed_in("admin.agent@contoso.example").await;
    let page = b.get(BULK).await;
    let list = listed(&page);
    let items: Vec<String> = list.iter().map(|(_, v)| v.clone()).collect();
    let fabrikam = page.option_value("new_contact", "Fabrikam Solutions");
    let review = post_items(&b, REVIEW, &items, &fabrikam).await;
    assert_eq!(review.status, 200, "{}", review.body);
    assert_eq!(
        table_after(&review, "Would change"),
        vec![vec![
            "Office 365 Business Standard",
            "Adatum Corporation",
            "Contoso Distribution",
            "Fabrikam Solutions"
        ]]
    );
    let refused = table_after(&review, "Cannot change");
    let reason_of = |product: &str| {
        refused
            .iter()
            .find(|r| r[0] == product)
            .unwrap_or_else(|| panic!("{product} not refused: {refused:?}"))[3]
            .clone()
    };
    assert!(reason_of("Office 365 E1")
        .starts_with("Not an available support contact for this customer"));
    assert_eq!(
        reason_of("Microsoft 365 Business Premium"),
        "New commerce: no designated support contact."
    );
    assert_eq!(
        reason_of("Microsoft 365 E3"),
        "Cancelled: its contact can no longer change."
    );
    assert_eq!(refused.len(), 3);
    // The review writes nothing and carries only what would change, with its version.
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
    assert_eq!(
        carried(&review),
        vec![item(&app, "Office 365 Business Standard")]
    );

    let applied = post_items(&b, APPLY, &carried(&review), &fabrikam).await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert!(
        applied.main_text().contains("One subscription changed."),
        "{}",
        applied.main_text()
    );
    assert_eq!(
        table_after(&applied, "Changed"),
        vec![vec![
            "Office 365 Business Standard",
            "Adatum Corporation",
            "Contoso Distribution",
            "Fabrikam Solutions"
        ]]
    );
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );
    assert_eq!(
        contact_of(&app, "Office 365 E1").as_deref(),
        Some("Contoso Distribution")
    );
    assert_eq!(
        contact_of(&app, "Microsoft 365 E3").as_deref(),
        Some("Contoso Distribution")
    );

    // Applying the same page again changes nothing: the version it carries is old now.
    let again = post_items(&b, APPLY, &carried(&review), &fabrikam).await;
    assert_eq!(again.status, 200);
    assert_eq!(
        table_after(&again, "Not changed")[0][3],
        "Someone else changed it after you chose it; it was not changed."
    );
}

#[actix_web::test]
async fn every_change_is_its_own_audit_event_sharing_one_bulk_change_id() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("global.admin@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let items = vec![
        item(&app, "Office 365 Business Standard"),
        item(&app, "Microsoft 365 E3"),
        item(&app, "Office 365 E1"),
    ];
    let applied = post_items(&b, APPLY, &items, &fabrikam).await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert!(applied.main_text().contains("2 subscriptions changed."));
    let events: Vec<BulkEvent> = audit_events::table
        .filter(audit_events::action.eq("support_contact_bulk_changed"))
        .select((
            audit_events::object_label,
            audit_events::actor_name,
            audit_events::old_value,
            audit_events::new_value,
            audit_events::bulk_change_id,
        ))
        .order(audit_events::object_label.asc())
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].0, "Microsoft 365 E3");
    assert_eq!(events[1].0, "Office 365 Business Standard");
    for e in &events {
        assert_eq!(e.2.as_deref(), Some("Contoso Distribution"));
        assert_eq!(e.3.as_deref(), Some("Fabrikam Solutions"));
    }
    let reference = events[0].4.clone().expect("a bulk change id");
    assert_eq!(events[1].4.as_deref(), Some(reference.as_str()));
    let others: i64 = audit_events::table
        .filter(audit_events::bulk_change_id.is_not_null())
        .filter(audit_events::bulk_change_id.ne(&reference))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(others, 0);

    // The reseller finds the changes in its log, in its language's words.
    let reseller = app.signed_in("admin.agent@fabrikam.example").await;
    let log = reseller.get("/audit").await;
    assert_eq!(
        log.main_text()
            .matches("Designated support contact changed (bulk change)")
            .count(),
        2
    );

    // The result links to exactly these events in the audit log, and its CSV holds the same;
    // a later bulk change is not among them.
    let link = applied
        .link("See these changes in the audit log")
        .expect("a link to the bulk change's events");
    assert_eq!(link, format!("/audit?bulk={reference}"));
    let contoso = org_id(&app, "Contoso Distribution");
    let later = post_items(&b, APPLY, &[item(&app, "Microsoft 365 E3")], &contoso).await;
    assert!(later.main_text().contains("One subscription changed."));
    let log = b.get(&link).await;
    assert!(log
        .main_text()
        .contains("Showing only the changes of one bulk change."));
    // The first row is the table's heading; then object, change, old and new value.
    let shown: Vec<Vec<String>> = log
        .rows()
        .into_iter()
        .skip(1)
        .map(|r| r[4..].to_vec())
        .collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    for row in &shown {
        assert_eq!(row[2..], ["Contoso Distribution", "Fabrikam Solutions"]);
    }
    let csv = b.get(&format!("/audit.csv?bulk={reference}")).await;
    assert_eq!(csv.body.lines().count(), 3, "{}", csv.body);
    // Narrowing further keeps the bulk change, and a forged reference is refused in words.
    let narrowed = b.get(&format!("{link}&from=2000-01-01")).await;
    assert_eq!(narrowed.rows().len(), 3);
    let forged = b.get("/audit?bulk=x'%20OR%201=1").await;
    assert_eq!(forged.status, 400);
    assert!(forged
        .main_text()
        .contains("That bulk change reference is not valid."));

    // A Helpdesk agent applies bulk changes but has no audit log to be linked to.
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    let applied = post_items(
        &helpdesk,
        APPLY,
        &[item(&app, "Office 365 Business Standard")],
        &contoso,
    )
    .await;
    assert!(applied.main_text().contains("One subscription changed."));
    assert_eq!(applied.link("See these changes in the audit log"), None);
}

#[actix_web::test]
async fn replacing_a_reseller_everywhere_reviews_every_subscription_it_supports() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let contoso = org_id(&app, "Contoso Distribution");
    let items = vec![
        item(&app, "Office 365 Business Standard"),
        item(&app, "Microsoft 365 E3"),
    ];
    assert_eq!(post_items(&b, APPLY, &items, &fabrikam).await.status, 200);

    let page = b.get(BULK).await;
    assert!(page
        .main_text()
        .contains("Replace a reseller everywhere it is allowed"));
    let review = review_replacing(&b, &page, &fabrikam, &contoso).await;
    assert_eq!(review.status, 200, "{}", review.body);
    let mut changing: Vec<String> = table_after(&review, "Would change")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    changing.sort();
    assert_eq!(
        changing,
        vec!["Microsoft 365 E3", "Office 365 Business Standard"]
    );
    let applied = post_items(&b, APPLY, &carried(&review), &contoso).await;
    assert!(applied.main_text().contains("2 subscriptions changed."));
    assert_eq!(
        contact_of(&app, "Microsoft 365 E3").as_deref(),
        Some("Contoso Distribution")
    );
}

#[actix_web::test]
async fn a_subscription_changed_by_someone_else_after_the_review_is_stale_and_kept() {
    let app = TestApp::spawn().await;
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let contoso = org_id(&app, "Contoso Distribution");
    let items = vec![
        item(&app, "Office 365 Business Standard"),
        item(&app, "Microsoft 365 E3"),
    ];
    let review = post_items(&helpdesk, REVIEW, &items, &fabrikam).await;
    assert_eq!(carried(&review).len(), 2);

    // A colleague changes E3 to Fabrikam and back on its own page meanwhile.
    let colleague = app.signed_in("admin.agent@contoso.example").await;
    let path = subscription_path(&colleague, "Adatum Corporation", "Microsoft 365 E3").await;
    for to in [&fabrikam, &contoso] {
        let form = colleague.get(&path).await;
        assert_eq!(colleague.post_contact(&path, &form, to).await.status, 303);
    }

    let applied = post_items(&helpdesk, APPLY, &carried(&review), &fabrikam).await;
    assert_eq!(applied.status, 200);
    assert_eq!(
        table_after(&applied, "Not changed"),
        vec![vec![
            "Microsoft 365 E3",
            "Adatum Corporation",
            "Contoso Distribution",
            "Someone else changed it after you chose it; it was not changed."
        ]]
    );
    assert_eq!(
        contact_of(&app, "Microsoft 365 E3").as_deref(),
        Some("Contoso Distribution"),
        "the colleague's change stands"
    );
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );
}

#[actix_web::test]
async fn roles_that_may_only_look_and_resellers_are_refused() {
    let app = TestApp::spawn().await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let items = [item(&app, "Office 365 Business Standard")];
    for email in [
        "sales@contoso.example",
        "billing@contoso.example",
        "admin.agent@fabrikam.example",
    ] {
        let b = app.signed_in(email).await;
        assert_eq!(b.get(BULK).await.status, 403, "{email}");
        assert!(
            b.get("/customers")
                .await
                .link("Change designated support contacts in bulk")
                .is_none(),
            "{email} sees no link"
        );
        let token = b.get("/customers").await.csrf();
        for path in [REVIEW, APPLY] {
            let page = b
                .post(
                    path,
                    &[
                        ("csrf_token", &token),
                        ("new_contact", &fabrikam),
                        ("item", &items[0]),
                    ],
                )
                .await;
            assert_eq!(page.status, 403, "{email} {path}");
        }
    }
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
}

#[actix_web::test]
async fn another_providers_subscriptions_in_the_form_are_refused_and_untouched() {
    let app = TestApp::spawn().await;
    let contoso = org_id(&app, "Contoso Distribution");
    let litware_sub = item(&app, "Exchange Online (Plan 1)");
    let contoso_sub = item(&app, "Office 365 Business Standard");

    // Litware cannot change or even see Contoso's subscription.
    let litware = app.signed_in("admin.agent@litware.example").await;
    let page = litware.get(BULK).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        labels(&page),
        vec!["Exchange Online (Plan 1) / Adatum Corporation"]
    );
    let litware_id = org_id(&app, "Litware Distribution");
    let review = post_items(
        &litware,
        REVIEW,
        std::slice::from_ref(&contoso_sub),
        &litware_id,
    )
    .await;
    assert_eq!(review.status, 200);
    assert!(!review.body.contains("Office 365 Business Standard"));
    assert!(review
        .main_text()
        .contains("One chosen subscription is not one of yours and was left alone."));
    assert!(carried(&review).is_empty());
    let applied = post_items(
        &litware,
        APPLY,
        std::slice::from_ref(&contoso_sub),
        &litware_id,
    )
    .await;
    assert_eq!(applied.status, 200);
    assert!(!applied.body.contains("Office 365 Business Standard"));
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );

    // Contoso's form with Litware's subscription changes only Contoso's own.
    let b = app.signed_in("admin.agent@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let applied = post_items(&b, APPLY, &[litware_sub, contoso_sub], &fabrikam).await;
    assert!(applied.main_text().contains("One subscription changed."));
    assert!(!applied.body.contains("Exchange Online"));
    assert_eq!(
        contact_of(&app, "Exchange Online (Plan 1)").as_deref(),
        Some("Litware Distribution")
    );
    // A contact that is not Contoso's to choose is not named and changes nothing.
    let review = post_items(
        &b,
        REVIEW,
        &[item(&app, "Microsoft 365 E3")],
        &org_id(&app, "Litware Distribution"),
    )
    .await;
    assert!(!review.main_text().contains("Litware"));
    assert!(carried(&review).is_empty());
    let _ = contoso;
}

#[actix_web::test]
async fn review_and_apply_require_the_csrf_token_and_a_well_formed_form() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let sub = item(&app, "Office 365 Business Standard");
    for path in [REVIEW, APPLY] {
        let page = b
            .post(path, &[("new_contact", &fabrikam), ("item", &sub)])
            .await;
        assert_eq!(page.status, 403, "{path}");
        let page = b
            .post(
                path,
                &[
                    ("csrf_token", "forged"),
                    ("new_contact", &fabrikam),
                    ("item", &sub),
                ],
            )
            .await;
        assert_eq!(page.status, 403, "{path}");
    }
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
    let token = b.get(BULK).await.csrf();
    let bad_item = b
        .post(
            REVIEW,
            &[
                ("csrf_token", &token),
                ("new_contact", &fabrikam),
                ("item", "x.y.1"),
            ],
        )
        .await;
    assert_eq!(bad_item.status, 400);
}

#[actix_web::test]
async fn reviewing_nothing_shows_the_choice_again_under_its_filter_with_the_reason() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let filtered = format!("{BULK}?product=Microsoft%20365%20E3");
    let page = b.get(&filtered).await;
    assert_eq!(listed(&page).len(), 1, "{}", page.body);
    // The form carries the filter, so the choice comes back as it was.
    assert!(page
        .body
        .contains(r#"<input type="hidden" name="product" value="Microsoft 365 E3">"#));
    for (path, message) in [
        (REVIEW, "Choose at least one subscription."),
        (APPLY, "Choose at least one subscription."),
    ] {
        let sent = b
            .post(
                path,
                &[
                    ("csrf_token", &page.csrf()),
                    ("product", "Microsoft 365 E3"),
                    ("new_contact", &fabrikam),
                ],
            )
            .await;
        assert_eq!(sent.status, 303, "{path}");
        let again = b.get(sent.location()).await;
        assert_eq!(again.status, 200);
        assert!(again.main_text().contains(message), "{}", again.body);
        let rows = listed(&again);
        assert_eq!(rows.len(), 1, "the filter holds: {rows:?}");
        assert!(rows[0].0.starts_with("Microsoft 365 E3 / "));
        // The new contact chosen before is chosen again.
        assert!(again
            .body
            .contains(&format!(r#"<option value="{fabrikam}" selected>"#)));
    }
    let many: Vec<String> = (0..=100)
        .map(|_| {
            let (c, s) = (uuid_like(), uuid_like());
            format!("{c}.{s}.1")
        })
        .collect();
    let sent = post_items(&b, REVIEW, &many, &fabrikam).await;
    assert_eq!(sent.status, 303);
    let again = b.get(sent.location()).await;
    assert!(again
        .main_text()
        .contains("Too many subscriptions for one bulk change."));
    // The page's language is the user's.
    b.set_cookie("lang", "ja-JP");
    let sent = post_items(&b, REVIEW, &[], &fabrikam).await;
    let again = b.get(sent.location()).await;
    assert!(again
        .main_text()
        .contains("サブスクリプションを 1 つ以上選択してください"));
}

fn uuid_like() -> String {
    support_contacts::domain::new_id()
}

/// Copies `product`'s subscription `n` times, each with `contact` as its designated support
/// contact.
fn copies_supported_by(app: &TestApp, product: &str, n: usize, contact: &str) {
    type Row = (String, String, String, i32, String, String, i32);
    let (customer, provider, name, quantity, status, commerce, version): Row = subscriptions::table
        .filter(subscriptions::product_name.eq(product))
        .select((
            subscriptions::customer_id,
            subscriptions::provider_id,
            subscriptions::product_name,
            subscriptions::quantity,
            subscriptions::status,
            subscriptions::commerce_type,
            subscriptions::version,
        ))
        .first(&mut app.conn())
        .unwrap();
    let now = chrono::Utc::now().naive_utc();
    let mut conn = app.conn();
    conn.transaction(|conn| {
        for _ in 0..n {
            // One row a statement: the test connection serves either backend.
            diesel::insert_into(subscriptions::table)
                .values((
                    subscriptions::id.eq(support_contacts::domain::new_id()),
                    subscriptions::customer_id.eq(&customer),
                    subscriptions::provider_id.eq(&provider),
                    subscriptions::product_name.eq(&name),
                    subscriptions::quantity.eq(quantity),
                    subscriptions::status.eq(&status),
                    subscriptions::commerce_type.eq(&commerce),
                    subscriptions::support_contact_id.eq(Some(contact)),
                    subscriptions::version.eq(version),
                    subscriptions::created_at.eq(now),
                    subscriptions::updated_at.eq(now),
                    subscriptions::start_date.eq(now.date()),
                ))
                .execute(conn)?;
        }
        diesel::QueryResult::Ok(())
    })
    .unwrap();
}

fn supported_by(app: &TestApp, contact: &str) -> i64 {
    subscriptions::table
        .filter(subscriptions::support_contact_id.eq(contact))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn replacing_more_than_one_bulk_change_takes_goes_on_where_it_stopped() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let fabrikam = org_id(&app, "Fabrikam Solutions");
    let contoso = org_id(&app, "Contoso Distribution");
    // 105 subscriptions Fabrikam may support.
    assert_eq!(
        post_items(
            &b,
            APPLY,
            &[item(&app, "Office 365 Business Standard")],
            &fabrikam
        )
        .await
        .status,
        200
    );
    copies_supported_by(&app, "Office 365 Business Standard", 104, &fabrikam);
    assert_eq!(supported_by(&app, &fabrikam), 105);

    let page = b.get(BULK).await;
    let review = review_replacing(&b, &page, &fabrikam, &contoso).await;
    assert_eq!(review.status, 200, "{}", review.body);
    assert!(review
        .main_text()
        .contains("100 subscriptions would change."));
    assert!(review
        .main_text()
        .contains("this review covers the first 100"));
    let items = carried(&review);
    assert_eq!(items.len(), 100);
    let mut fields = vec![
        ("csrf_token".to_string(), review.csrf()),
        ("new_contact".to_string(), contoso.clone()),
        (
            "replace_from".to_string(),
            review.input_value("replace_from").unwrap(),
        ),
        (
            "replace_after".to_string(),
            review.input_value("replace_after").unwrap(),
        ),
    ];
    fields.extend(items.into_iter().map(|i| ("item".to_string(), i)));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let applied = b.post(APPLY, &fields).await;
    assert!(applied.main_text().contains("100 subscriptions changed."));
    assert_eq!(supported_by(&app, &fabrikam), 5);

    // The result offers the rest, and the rest is exactly what is left.
    assert!(applied.main_text().contains("Review the next ones"));
    let next = b
        .post(
            REVIEW,
            &[
                ("csrf_token", &applied.csrf()),
                ("new_contact", &contoso),
                (
                    "replace_from",
                    &applied.input_value("replace_from").unwrap(),
                ),
                (
                    "replace_after",
                    &applied.input_value("replace_after").unwrap(),
                ),
            ],
        )
        .await;
    assert!(
        next.main_text().contains("5 subscriptions would change."),
        "{}",
        next.body
    );
    assert!(!next.main_text().contains("Review the next ones"));
    let done = post_items(&b, APPLY, &carried(&next), &contoso).await;
    assert!(done.main_text().contains("5 subscriptions changed."));
    assert_eq!(supported_by(&app, &fabrikam), 0);
}

/// Imports `count` customers of Contoso, "Many Customer 000" on, with one subscription each.
pub(crate) fn import_many_customers(app: &TestApp, count: usize) {
    use support_contacts::db;
    let mut csv = String::from(
        "customer_name,customer_domain,country,external_subscription_id,product,quantity,\
         commerce_type,status,reseller_partner_id\n",
    );
    for c in 0..count {
        csv.push_str(&format!(
            "Many Customer {c:03},many{c:03}.example,US,M-{c:03},Product {c:03},1,legacy,active,\n"
        ));
    }
    let actor = crate::limits::actor_of(app, "global.admin@contoso.example");
    let mut conn = app.conn();
    let import_id = db::imports::store(&mut conn, &actor, "many.csv", &csv).unwrap();
    let applied = db::imports::apply(&mut conn, &actor, &import_id).unwrap();
    assert!(matches!(applied, db::imports::Applied::Done(_)));
}

#[actix_web::test]
async fn a_provider_with_more_customers_than_the_filter_lists_chooses_one_from_its_page() {
    let app = TestApp::spawn().await;
    import_many_customers(
        &app,
        support_contacts::db::subscriptions::bulk::MAX_CUSTOMER_CHOICES,
    );
    let b = app.signed_in("helpdesk@contoso.example").await;

    // Over the limit, the customer filter offers "All" and says where to choose one.
    let all = b.get(BULK).await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(all.option_texts("customer"), vec!["All"]);
    assert!(all
        .main_text()
        .contains("You have more customers than this list can show"));
    assert_eq!(all.link("Go to Customers").as_deref(), Some("/customers"));
    // The list is the first 100 by customer name, and says there are more.
    let customers: Vec<String> = labels(&all)
        .iter()
        .map(|label| label.split(" / ").nth(1).unwrap().to_string())
        .collect();
    assert_eq!(customers.len(), 100);
    let mut sorted = customers.clone();
    sorted.sort();
    assert_eq!(customers, sorted, "listed by customer name");
    assert_eq!(customers[0], "Adatum Corporation");
    assert!(all
        .main_text()
        .contains("Only the first 100 matching subscriptions are listed"));

    // The customer's page leads to the bulk change with that customer chosen.
    let many = org_id(&app, "Many Customer 150");
    let page = b.get(&format!("/customers/{many}")).await;
    let link = page
        .link("Change designated support contacts in bulk")
        .expect("a customer's page links to its bulk change");
    assert_eq!(link, format!("{BULK}?customer={many}"));
    let chosen = b.get(&link).await;
    assert_eq!(
        chosen.option_texts("customer"),
        vec!["All", "Many Customer 150"]
    );
    assert_eq!(chosen.selected("customer"), vec!["Many Customer 150"]);
    assert_eq!(labels(&chosen), vec!["Product 150 / Many Customer 150"]);

    // A role that may only look gets no link there.
    let sales = app.signed_in("sales@contoso.example").await;
    let looked_at = sales.get(&format!("/customers/{many}")).await;
    assert_eq!(looked_at.status, 200);
    assert_eq!(
        looked_at.link("Change designated support contacts in bulk"),
        None
    );

    // An organization that is no customer of Contoso's subscriptions is neither named nor
    // listed.
    let litware = org_id(&app, "Litware Distribution");
    let other = b.get(&format!("{BULK}?customer={litware}")).await;
    assert_eq!(other.status, 200);
    assert_eq!(other.option_texts("customer"), vec!["All"]);
    assert!(!other.body.contains("Litware"), "{}", other.main_text());
    assert!(listed(&other).is_empty());
}

#[actix_web::test]
async fn up_to_the_limit_every_customer_is_in_the_filter() {
    let app = TestApp::spawn().await;
    // The demo world's two customers of Contoso's subscriptions, and these: the limit exactly.
    import_many_customers(
        &app,
        support_contacts::db::subscriptions::bulk::MAX_CUSTOMER_CHOICES - 2,
    );
    let b = app.signed_in("helpdesk@contoso.example").await;
    let all = b.get(BULK).await;
    let options = all.option_texts("customer");
    assert_eq!(
        options.len(),
        support_contacts::db::subscriptions::bulk::MAX_CUSTOMER_CHOICES + 1
    );
    assert_eq!(
        &options[..3],
        ["All", "Adatum Corporation", "Many Customer 000"]
    );
    assert!(!all.main_text().contains("You have more customers"));
}

/// The bulk change page's reads follow an index in the list's order whatever the filter, on a
/// database without statistics (a partner's SQLite file): at 900,000 subscriptions of one
/// provider, a plan that sorts them all, or that walks the provider's entries to find one
/// customer's or one contact's, took 0.2 to 3.8 s. On PostgreSQL the reads find the same rows.
#[actix_web::test]
async fn the_filter_offers_each_product_of_the_provider_once_in_order() {
    use support_contacts::db::subscriptions::bulk::filter_choices;
    use support_contacts::domain::OrganizationId;
    let app = TestApp::spawn().await;
    let contoso = org_id(&app, "Contoso Distribution");
    // More subscriptions of products that are listed already, one of the first and one of the
    // last in order.
    copies_supported_by(&app, "Office 365 E1", 3, &contoso);
    copies_supported_by(&app, "Microsoft 365 Business Premium", 2, &contoso);
    let choices = filter_choices(&mut app.conn(), &OrganizationId::from(contoso)).unwrap();
    assert_eq!(
        choices.products,
        [
            "Microsoft 365 Business Premium",
            "Microsoft 365 E3",
            "Office 365 Business Standard",
            "Office 365 E1"
        ],
        "each of Contoso's products once, never Litware's Exchange Online"
    );
    let litware = OrganizationId::from(org_id(&app, "Litware Distribution"));
    let choices = filter_choices(&mut app.conn(), &litware).unwrap();
    assert_eq!(choices.products, ["Exchange Online (Plan 1)"]);
    let b = app.signed_in("helpdesk@contoso.example").await;
    let page = b.get(BULK).await;
    assert_eq!(
        page.option_texts("product"),
        [
            "All",
            "Microsoft 365 Business Premium",
            "Microsoft 365 E3",
            "Office 365 Business Standard",
            "Office 365 E1"
        ]
    );
}

#[actix_web::test]
async fn the_bulk_change_reads_follow_an_index_in_order_without_statistics() {
    use support_contacts::db::subscriptions::bulk::{filter_choices, filtered, BulkFilter};
    use support_contacts::db::DbConnection;
    use support_contacts::domain::{CustomerId, OrganizationId};
    let app = TestApp::spawn().await;
    let contoso = OrganizationId::from(org_id(&app, "Contoso Distribution"));
    let adatum = CustomerId::from(org_id(&app, "Adatum Corporation"));
    let mut conn = app.conn();
    let sqlite = matches!(*conn, DbConnection::Sqlite(_));
    let filters = [
        BulkFilter::default(),
        BulkFilter {
            customer_id: Some(adatum.clone()),
            ..Default::default()
        },
        BulkFilter {
            contact_id: Some(contoso.clone()),
            ..Default::default()
        },
    ];
    let mut found = Vec::new();
    let mut work = |conn: &mut DbConnection| {
        let choices = filter_choices(conn, &contoso).unwrap();
        let lists: Vec<Vec<String>> = filters
            .iter()
            .map(|f| {
                filtered(conn, &contoso, f, 101)
                    .unwrap()
                    .into_iter()
                    .map(|s| s.product_name)
                    .collect()
            })
            .collect();
        found.push((choices, lists));
    };
    let plans = if sqlite {
        crate::customers::sqlite_plans(&mut conn, work)
    } else {
        work(&mut conn);
        Vec::new()
    };
    let (choices, lists) = &found[0];
    let customers = choices.customers.as_ref().expect("two customers");
    let names: Vec<&str> = customers.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["Adatum Corporation", "Wingtip Toys"]);
    assert!(choices.contact_ids.contains(&contoso.to_string()));
    assert_eq!(
        lists[0],
        [
            "Microsoft 365 Business Premium",
            "Microsoft 365 E3",
            "Office 365 Business Standard",
            "Office 365 E1"
        ],
        "by customer name, then product"
    );
    assert_eq!(lists[1].len(), 3, "Adatum's three");
    assert_eq!(lists[2].len(), 3, "new commerce has no contact");
    if !sqlite {
        return;
    }
    // Each statement of the list and its plan: the page reads as planned.
    let plan_of = |needle: &str| -> Vec<String> {
        plans
            .iter()
            .find(|(sql, _)| sql.contains(needle))
            .unwrap_or_else(|| panic!("a statement with {needle}: {plans:#?}"))
            .1
            .clone()
    };
    let sorted_all = |steps: &[String]| steps.iter().any(|s| s.contains("FOR ORDER BY"));
    let unfiltered =
        plan_of("ORDER BY `subscriptions`.`customer_name` ASC, `subscriptions`.`customer_id` ASC");
    assert!(
        unfiltered.iter().any(|s| s.contains("subscriptions_bulk")) && !sorted_all(&unfiltered),
        "{unfiltered:#?}"
    );
    let one_customer = plan_of("ORDER BY `subscriptions`.`product_name` ASC");
    assert!(
        one_customer
            .iter()
            .any(|s| s.contains("(provider_id=? AND customer_id=?)")),
        "{one_customer:#?}"
    );
    let one_contact =
        plan_of("ORDER BY `subscriptions`.`customer_name` ASC, `subscriptions`.`product_name` ASC");
    assert!(
        one_contact
            .iter()
            .any(|s| s.contains("subscriptions_supported (support_contact_id=?)"))
            && !sorted_all(&one_contact),
        "{one_contact:#?}"
    );
    let customer_choices = plan_of("DISTINCT `subscriptions`.`customer_id`");
    assert!(
        customer_choices
            .iter()
            .any(|s| s.contains("COVERING INDEX subscriptions_bulk"))
            && !customer_choices.iter().any(|s| s.contains("TEMP B-TREE")),
        "{customer_choices:#?}"
    );
    // Each product is one search in the provider's products, from the one before; never a
    // walk of all the provider's subscriptions and a sort.
    let next_product = plan_of("(subscriptions.product_name || '') > ?");
    assert!(
        next_product
            .iter()
            .any(|s| s.contains("subscriptions_products (<expr>=? AND <expr>>?)"))
            && !next_product.iter().any(|s| s.contains("TEMP B-TREE")),
        "{next_product:#?}"
    );
    let contact_choices = plan_of("DISTINCT `subscriptions`.`support_contact_id`");
    assert!(
        contact_choices
            .iter()
            .any(|s| s.contains("COVERING INDEX subscriptions_supported")),
        "{contact_choices:#?}"
    );
}

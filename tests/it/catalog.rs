//! Customers and subscriptions of a real partner: Add customer, subscriptions and their life,
//! a reseller's Customers page, ending one's own relationship, withdrawing a request, and the
//! CSV import and export.

use diesel::prelude::*;
use support_contacts::db::schema::{audit_events, imports, organizations, subscriptions, users};

use crate::accounts::{command, printed_link, set_password, signed_in_with, GOOD_PASSWORD};
use crate::flows::{
    answer, confirm, contact_of, designate, events, invite_customer, invite_reseller, org_id,
};
use crate::helpers::*;

const HEADER: &str = "customer_name,customer_domain,country,external_subscription_id,product,quantity,commerce_type,status,reseller_partner_id\n";

/// Adds a customer on the Add customer page and returns the page shown.
async fn add_customer(b: &Browser, fields: &[(&str, &str)]) -> Page {
    b.submit("/customers/new", "/customers/new", fields).await
}

fn customer_fields<'a>(name: &'a str, domain: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("domain", domain),
        ("country", "US"),
        ("admin_name", "First Admin"),
        ("admin_email", email),
    ]
}

/// Uploads a CSV file on the import page and returns the preview.
async fn upload(b: &Browser, csv: &str) -> Page {
    let form = b.get("/customers/import").await;
    assert_eq!(form.status, 200, "{} {}", form.location(), form.main_text());
    let token = form.csrf();
    b.post_multipart(
        "/customers/import",
        &[("csrf_token", &token)],
        ("file", "customers.csv", csv.as_bytes()),
    )
    .await
}

/// The action of the preview's Apply form.
fn apply_path(preview: &Page) -> String {
    let at = preview
        .body
        .find("action=\"/customers/import/")
        .expect("an Apply form");
    let start = at + "action=\"".len();
    let end = start + preview.body[start..].find('"').unwrap();
    preview.body[start..end].to_string()
}

async fn apply(b: &Browser, preview: &Page) -> Page {
    b.post(&apply_path(preview), &[("csrf_token", &preview.csrf())])
        .await
}

/// The numbers of the preview's table: customers then subscriptions, created/updated/unchanged.
fn counts(page: &Page) -> Vec<String> {
    let text = page.main_text();
    let start = text.find("Unchanged").expect("the counts table") + "Unchanged".len();
    text[start..]
        .split_whitespace()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .take(6)
        .map(str::to_string)
        .collect()
}

#[actix_web::test]
async fn a_provider_builds_its_whole_world_from_an_empty_database_through_the_pages() {
    let app = TestApp::spawn_empty().await;
    let init = |org: &str, kind: &str, pid: &str, email: &str| {
        let (code, out, err) = command(
            &app,
            &[
                "init",
                "--organization",
                org,
                "--kind",
                kind,
                "--partner-id",
                pid,
                "--admin-email",
                email,
            ],
        );
        assert_eq!(code, 0, "{err}");
        printed_link(&out)
    };
    let provider_link = init(
        "Contoso Distribution",
        "provider",
        "1000001",
        "gil@contoso.example",
    );
    let reseller_link = init(
        "Fabrikam Solutions",
        "reseller",
        "2000001",
        "fay@fabrikam.example",
    );
    for link in [&provider_link, &reseller_link] {
        assert_eq!(
            set_password(&app.browser(), link, GOOD_PASSWORD)
                .await
                .status,
            303
        );
    }
    let gil = signed_in_with(&app, "gil@contoso.example", GOOD_PASSWORD).await;
    let fay = signed_in_with(&app, "fay@fabrikam.example", GOOD_PASSWORD).await;
    assert!(gil
        .get("/customers")
        .await
        .main_text()
        .contains("You have no customers yet."));

    // A customer by hand: its first admin gets a link.
    let added = add_customer(
        &gil,
        &customer_fields("Adatum Corporation", "adatum.example", "ada@adatum.example"),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.main_text());
    let ada_link = added.input_value("set_password_link").unwrap();
    assert!(added.body.contains("name=\"link_message\""));
    assert_eq!(
        set_password(&app.browser(), &ada_link, GOOD_PASSWORD)
            .await
            .status,
        303
    );
    let ada = signed_in_with(&app, "ada@adatum.example", GOOD_PASSWORD).await;

    // Customers and subscriptions by import.
    let csv = format!(
        "{HEADER}Wingtip Toys,wingtip.example,TW,WT-1,Microsoft 365 E3,40,legacy,active,\n\
         Wingtip Toys,wingtip.example,TW,WT-2,Microsoft 365 Business Premium,5,new_commerce,active,\n"
    );
    let preview = upload(&gil, &csv).await;
    assert_eq!(preview.status, 200, "{}", preview.main_text());
    assert_eq!(counts(&preview), ["1", "0", "0", "2", "0", "0"]);
    let done = apply(&gil, &preview).await;
    assert_eq!(done.status, 200, "{}", done.main_text());
    assert!(done.main_text().contains("The import was applied."));

    // A subscription by hand.
    let adatum_id = org_id(&app, "Adatum Corporation");
    let sub = gil
        .submit(
            &format!("/customers/{adatum_id}/subscriptions/new"),
            &format!("/customers/{adatum_id}/subscriptions/new"),
            &[
                ("product", "Office 365 Business Standard"),
                ("quantity", "12"),
                ("commerce_type", "legacy"),
                ("start_date", "2026-11-01"),
                ("external_id", "AD-1"),
            ],
        )
        .await;
    assert_eq!(sub.status, 303, "{}", sub.main_text());
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );

    // A partnership and a customer relationship, each by invitation.
    let partnership = invite_reseller(&gil, "2000001").await;
    assert_eq!(answer(&fay, &partnership, "accept").await.status, 200);
    let relationship = invite_customer(&fay, None, true).await;
    assert_eq!(answer(&ada, &relationship, "accept").await.status, 200);

    // The designation, and what the customer's admin sees.
    designate(
        &gil,
        "Adatum Corporation",
        "Office 365 Business Standard",
        "Fabrikam Solutions",
    )
    .await;
    let support = ada.get("/admin/support").await;
    assert_eq!(support.status, 200);
    let text = support.main_text();
    assert!(
        text.contains("Office 365 Business Standard") && text.contains("Fabrikam Solutions"),
        "{text}"
    );
    // The reseller's Customers page lists Adatum with what it supports.
    let fabrikam_customers = fay.get("/customers").await;
    let adatum = fabrikam_customers
        .link("Adatum Corporation")
        .expect("Adatum listed");
    let page = fay.get(&adatum).await;
    assert!(page.main_text().contains("Office 365 Business Standard"));
    assert!(
        !page.main_text().contains("Microsoft 365 E3"),
        "only what it supports"
    );

    // Export, then import the export: nothing changes.
    let export = gil.get("/customers/export.csv").await;
    assert_eq!(export.status, 200);
    assert_eq!(
        export.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(export.body.lines().count(), 4, "{}", export.body);
    assert!(export.body.contains("Fabrikam") || export.body.contains(",2000001"));
    let before: i64 = audit_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let again = upload(&gil, &export.body).await;
    assert_eq!(again.status, 200, "{}", again.main_text());
    assert_eq!(counts(&again), ["0", "0", "2", "0", "0", "3"]);
    assert_eq!(apply(&gil, &again).await.status, 200);
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );
    let after: i64 = audit_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(after, before + 1, "only the 'import applied' event");
}

#[actix_web::test]
async fn add_customer_refuses_each_bad_field_next_to_it_and_makes_nothing() {
    let app = TestApp::spawn().await;
    let ana = app.signed_in("admin.agent@contoso.example").await;
    let orgs: i64 = organizations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    for (fields, field, message) in [
        (
            customer_fields("", "new.example", "a@new.example"),
            "name",
            "Enter a name.",
        ),
        (
            customer_fields("New", "new", "a@new.example"),
            "domain",
            "Enter a domain such as contoso.com",
        ),
        (
            customer_fields("New", "adatum.example", "a@new.example"),
            "domain",
            "Another organization has this domain already.",
        ),
        (
            customer_fields("New", "new.example", "not-an-email"),
            "admin_email",
            "Enter an email address like",
        ),
        (
            customer_fields("New", "new.example", "admin@adatum.example"),
            "admin_email",
            "A user with this email address exists already.",
        ),
    ] {
        let page = add_customer(&ana, &fields).await;
        assert_eq!(page.status, 422, "{field}");
        let error = format!("id=\"{field}-error\" class=\"field-error\">");
        let at = page
            .body
            .find(&error)
            .unwrap_or_else(|| panic!("{field}: {}", page.main_text()));
        assert!(
            html_unescape(&page.body[at..at + 300]).contains(message),
            "{field}: {}",
            &page.body[at..at + 200]
        );
    }
    let bad_country = add_customer(
        &ana,
        &[
            ("name", "N"),
            ("domain", "n.example"),
            ("country", "XX"),
            ("admin_name", "A"),
            ("admin_email", "a@n.example"),
        ],
    )
    .await;
    assert_eq!(bad_country.status, 422);
    assert!(bad_country.main_text().contains("two-letter ISO 3166 code"));
    let after: i64 = organizations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(orgs, after, "nothing was created");
    // The same in Japanese.
    ana.set_cookie("lang", "ja-JP");
    let page = add_customer(&ana, &customer_fields("New", "new", "a@new.example")).await;
    assert_eq!(page.status, 422);
    let i18n = support_contacts::i18n::I18n::load().unwrap();
    let expected = i18n.format(
        support_contacts::i18n::Locale::JaJp,
        "validation-domain-invalid",
        None,
    );
    assert!(page.main_text().contains(&expected));
}

#[actix_web::test]
async fn markup_in_a_name_is_shown_as_the_text_typed_in_page_text_and_in_attributes() {
    let app = TestApp::spawn().await;
    let ana = app.signed_in("admin.agent@contoso.example").await;
    let name = r#"<script>alert("x")</script> & O'Brien's <b>Partners</b>"#;
    let escaped = "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; O&#39;Brien&#39;s \
                   &#60;b&#62;Partners&#60;/b&#62;";
    // Refused for its domain: the form comes back with the name in its input's value.
    let refused = add_customer(&ana, &customer_fields(name, "bad", "o@obrien.example")).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(&format!("value=\"{escaped}\"")));
    assert_eq!(refused.input_value("name").as_deref(), Some(name));
    let added = add_customer(
        &ana,
        &customer_fields(name, "obrien.example", "o@obrien.example"),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.main_text());
    let customers = ana.get("/customers").await;
    let customer = ana
        .get(&customers.link(escaped).expect("the customer's link"))
        .await;
    // The page that says it was added names it in messages with arguments.
    for page in [&added, &customers, &customer] {
        assert_eq!(page.status, 200);
        assert!(
            !page.body.contains("<script>") && !page.body.contains("<b>Partners"),
            "markup from a name reached the page"
        );
        assert!(page.body.contains(escaped), "{}", page.main_text());
        assert!(page.main_text().contains(name));
    }
}

#[actix_web::test]
async fn subscriptions_are_added_changed_suspended_and_cancelled_with_an_event_each() {
    let app = TestApp::spawn().await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    let adatum = org_id(&app, "Adatum Corporation");
    let new = format!("/customers/{adatum}/subscriptions/new");
    // Refusals.
    for (field, value, message) in [
        ("quantity", "0", "whole number from 1 to 1,000,000"),
        ("start_date", "2026-02-30", "YYYY-MM-DD"),
        ("product", "", "Enter the product name."),
    ] {
        let mut fields = vec![
            ("product", "Project Plan 3"),
            ("quantity", "3"),
            ("commerce_type", "legacy"),
            ("start_date", "2026-11-01"),
            ("external_id", ""),
        ];
        for f in fields.iter_mut() {
            if f.0 == field {
                f.1 = value;
            }
        }
        let page = gil.submit(&new, &new, &fields).await;
        assert_eq!(page.status, 422, "{field}");
        assert!(
            page.main_text().contains(message),
            "{field}: {}",
            page.main_text()
        );
    }
    let ok = [
        ("product", "Project Plan 3"),
        ("quantity", "3"),
        ("commerce_type", "legacy"),
        ("start_date", "2026-11-01"),
        ("external_id", "EX-1"),
    ];
    assert_eq!(gil.submit(&new, &new, &ok).await.status, 303);
    let twice = gil.submit(&new, &new, &ok).await;
    assert_eq!(twice.status, 422);
    assert!(twice
        .main_text()
        .contains("Another of your subscriptions has this external ID."));
    assert_eq!(
        contact_of(&app, "Project Plan 3").as_deref(),
        Some("Contoso Distribution")
    );
    assert_eq!(events(&app, "subscription_added"), 1);

    let path = subscription_path(&gil, "Adatum Corporation", "Project Plan 3").await;
    let page = gil.get(&path).await;
    let version = page.input_value("version").unwrap();
    let changed = gil
        .post(
            &format!("{path}/quantity"),
            &[
                ("csrf_token", &page.csrf()),
                ("version", &version),
                ("quantity", "7"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303);
    let stale = gil
        .post(
            &format!("{path}/quantity"),
            &[
                ("csrf_token", &page.csrf()),
                ("version", &version),
                ("quantity", "9"),
            ],
        )
        .await;
    assert!(
        stale.location().contains("problem=stale"),
        "a stale form changes nothing"
    );
    let page = gil.get(&path).await;
    assert!(
        page.main_text().contains("7 licenses"),
        "{}",
        page.main_text()
    );

    // Suspended: keeps its contact and says so.
    let version = page.input_value("version").unwrap();
    let suspended = gil
        .post(
            &format!("{path}/status/suspend"),
            &[("csrf_token", &page.csrf()), ("version", &version)],
        )
        .await;
    assert_eq!(suspended.status, 303);
    let page = gil.get(&path).await;
    assert!(page.main_text().contains("Suspended"));
    assert_eq!(
        page.selected("support_contact"),
        vec!["Contoso Distribution"]
    );

    // Cancelled: no select, and a change is refused with a message.
    let cancelled = confirm(&gil, &format!("{path}/cancel")).await;
    assert_eq!(cancelled.status, 303);
    let page = gil.get(&path).await;
    assert!(page.main_text().contains("Cancelled"));
    assert!(
        page.options("support_contact").is_empty(),
        "no Designated support contact select"
    );
    let csrf = page.csrf();
    let refused = gil
        .post(
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", "99"),
                ("support_contact", &org_id(&app, "Contoso Distribution")),
            ],
        )
        .await;
    assert_ne!(refused.status, 303);
    let current: i32 = subscriptions::table
        .filter(subscriptions::product_name.eq("Project Plan 3"))
        .select(subscriptions::version)
        .first(&mut app.conn())
        .unwrap();
    let forced = gil
        .post(
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", &current.to_string()),
                ("support_contact", &org_id(&app, "Fabrikam Solutions")),
            ],
        )
        .await;
    assert_eq!(forced.status, 422);
    assert!(forced
        .main_text()
        .contains("This subscription is cancelled"));
    for action in ["reactivate", "suspend"] {
        let p = gil
            .post(
                &format!("{path}/status/{action}"),
                &[("csrf_token", &csrf), ("version", &(current).to_string())],
            )
            .await;
        assert!(p.location().contains("problem="), "{action}");
    }
    for action in [
        "quantity_changed",
        "subscription_suspended",
        "subscription_cancelled",
    ] {
        assert_eq!(events(&app, action), 1, "{action}");
    }
}

#[actix_web::test]
async fn new_routes_check_the_role_the_organization_and_the_csrf_token() {
    let app = TestApp::spawn().await;
    let adatum = org_id(&app, "Adatum Corporation");
    let gil = app.signed_in("global.admin@contoso.example").await;
    let path = subscription_path(&gil, "Adatum Corporation", "Office 365 Business Standard").await;
    let gets = [
        "/customers/new".to_string(),
        "/customers/import".into(),
        "/customers/export.csv".into(),
        "/customers/import/template.csv".into(),
        format!("/customers/{adatum}/subscriptions/new"),
        format!("{path}/cancel"),
    ];
    for email in [
        "helpdesk@contoso.example",
        "sales@contoso.example",
        "billing@contoso.example",
        "admin.agent@fabrikam.example",
    ] {
        let b = app.signed_in(email).await;
        for p in &gets {
            assert_eq!(b.get(p).await.status, 403, "{email} {p}");
        }
    }
    // Another provider: the customer and the subscription are not found.
    let litware = app.signed_in("admin.agent@litware.example").await;
    let contoso_only = app.signed_in("global.admin@contoso.example").await;
    let wingtip = org_id(&app, "Wingtip Toys");
    assert_eq!(
        litware
            .get(&format!("/customers/{wingtip}/subscriptions/new"))
            .await
            .status,
        404
    );
    assert_eq!(litware.get(&format!("{path}/cancel")).await.status, 404);
    let token = litware.get("/customers").await.csrf();
    for action in [
        format!("{path}/quantity"),
        format!("{path}/status/suspend"),
        format!("{path}/status/cancel"),
    ] {
        let page = litware
            .post(
                &action,
                &[("csrf_token", &token), ("version", "1"), ("quantity", "2")],
            )
            .await;
        assert_eq!(page.status, 404, "{action}");
    }
    // No token: refused.
    for action in [
        "/customers/new".to_string(),
        format!("/customers/{adatum}/subscriptions/new"),
        format!("{path}/quantity"),
        format!("{path}/status/suspend"),
    ] {
        let page = contoso_only
            .post(
                &action,
                &[("version", "1"), ("quantity", "2"), ("name", "X")],
            )
            .await;
        assert_eq!(page.status, 403, "{action}");
    }
    let no_token = contoso_only
        .post_multipart(
            "/customers/import",
            &[],
            ("file", "x.csv", HEADER.as_bytes()),
        )
        .await;
    assert_eq!(no_token.status, 403);
    let quantity: i32 = subscriptions::table
        .filter(subscriptions::product_name.eq("Office 365 Business Standard"))
        .select(subscriptions::quantity)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(quantity, 25, "nothing changed");
}

#[actix_web::test]
async fn an_import_with_bad_rows_shows_each_with_its_line_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    let subs: i64 = subscriptions::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let csv = format!(
        "{HEADER}Good,good.example,US,G-1,E3,1,legacy,active,\n\
         Bad domain,bad,US,G-2,E3,1,legacy,active,\n\
         Bad quantity,q.example,US,G-3,E3,0,legacy,active,\n\
         Unknown reseller,r.example,US,G-4,E3,1,legacy,active,9999999\n\
         Wingtip,wingtip.example,TW,G-5,E3,1,legacy,active,\n\
         Good,good.example,US,G-1,E3,1,legacy,active,\n"
    );
    let preview = upload(&gil, &csv).await;
    assert_eq!(preview.status, 422);
    let text = preview.main_text();
    for (line, reason) in [
        (3, "The domain is not valid."),
        (4, "The quantity is not a whole number"),
        (5, "No indirect reseller has this partner ID."),
        (7, "This external ID is on an earlier line too."),
    ] {
        assert!(
            text.contains(&format!("Line {line} {reason}")),
            "line {line}: {text}"
        );
    }
    assert!(text.contains("Nothing will be imported"));
    assert!(
        !preview.body.contains("action=\"/customers/import/"),
        "no Apply button"
    );
    // Applying it anyway (a forged form) refuses it again and changes nothing.
    let import_id: String = imports::table
        .order(imports::created_at.desc())
        .select(imports::id)
        .first(&mut app.conn())
        .unwrap();
    let forced = gil
        .post(
            &format!("/customers/import/{import_id}"),
            &[("csrf_token", &preview.csrf())],
        )
        .await;
    assert_eq!(forced.status, 422);
    assert!(forced.main_text().contains("Nothing was imported"));
    assert_eq!(events(&app, "import_applied"), 0);
    let after: i64 = subscriptions::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(subs, after);

    // Semicolons and a BOM are read; a reseller that is not eligible leaves the provider.
    let csv = format!(
        "\u{feff}{}Adatum Corporation;adatum.example;US;AD-9;Visio Plan 2;2;legacy;active;2000002\n",
        HEADER.replace(',', ";")
    );
    let preview = upload(&gil, &csv).await;
    assert_eq!(preview.status, 200, "{}", preview.main_text());
    assert!(preview
        .main_text()
        .contains("your organization stays the designated support contact"));
    assert_eq!(apply(&gil, &preview).await.status, 200);
    assert_eq!(
        contact_of(&app, "Visio Plan 2").as_deref(),
        Some("Contoso Distribution")
    );
    assert_eq!(apply(&gil, &preview).await.status, 409, "applied once only");

    // Files that cannot be read at all.
    let too_big = "x".repeat(10 * 1024 * 1024 + 10);
    let token = gil.get("/customers/import").await.csrf();
    let page = gil
        .post_multipart(
            "/customers/import",
            &[("csrf_token", &token)],
            ("file", "big.csv", too_big.as_bytes()),
        )
        .await;
    assert_eq!(page.status, 413);
    assert!(page.main_text().contains("larger than 10 MiB"));
    let mut many = String::from(HEADER);
    for i in 0..100_001 {
        many.push_str(&format!("C,c.example,US,M-{i},E3,1,legacy,active,\n"));
    }
    let page = gil
        .post_multipart(
            "/customers/import",
            &[("csrf_token", &token)],
            ("file", "many.csv", many.as_bytes()),
        )
        .await;
    assert_eq!(page.status, 413);
    assert!(page.main_text().contains("more than 100,000 lines"));
    // The same cookies in a fresh client: the one above may hold a connection the server
    // closed while it read the large uploads.
    let gil = gil.clone_to(&app.base);
    let page = upload(&gil, "name,domain\nx,y\n").await;
    assert_eq!(page.status, 422);
    assert!(page.main_text().contains("lacks these columns"));
}

#[actix_web::test]
async fn a_partner_ends_its_own_relationship_and_its_designations_fall_back() {
    let app = TestApp::spawn().await;
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    designate(
        &helpdesk,
        "Adatum Corporation",
        "Office 365 Business Standard",
        "Fabrikam Solutions",
    )
    .await;
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let adatum = org_id(&app, "Adatum Corporation");
    let page = fabrikam.get(&format!("/customers/{adatum}")).await;
    assert_eq!(page.status, 200);
    assert!(page.main_text().contains("Office 365 Business Standard"));
    let done = confirm(
        &fabrikam,
        &format!("/customers/{adatum}/relationship/remove"),
    )
    .await;
    assert_eq!(done.status, 303);
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
    assert_eq!(
        fabrikam.get(&format!("/customers/{adatum}")).await.status,
        404
    );
    assert_eq!(events(&app, "support_contact_fallback"), 1);
}

#[actix_web::test]
async fn the_sender_withdraws_a_pending_request_and_its_link_says_so() {
    let app = TestApp::spawn().await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    crate::flows::add_user(
        &app,
        "Northwind Traders",
        "admin@northwind.example",
        support_contacts::domain::roles::Role::AdminAgent,
    );
    let sent = invite_customer(&contoso, None, true).await;
    let litware = app.signed_in("admin.agent@litware.example").await;
    let page = contoso.get("/relationship-requests").await;
    let at = page.body.find("/withdraw\"").expect("a Withdraw button");
    let start = page.body[..at].rfind("action=\"").unwrap() + 8;
    let action = format!("{}/withdraw", &page.body[start..at]);
    let withdrawn = contoso.post(&action, &[("csrf_token", &page.csrf())]).await;
    assert_eq!(withdrawn.status, 303);
    let wingtip = app.signed_in("admin@wingtip.example").await;
    let link = wingtip.get(&sent.link).await;
    assert_eq!(link.status, 410);
    assert!(link.main_text().contains("withdrew it"));
    // Another organization cannot withdraw what it did not send.
    let again = invite_reseller(&litware, "2000002").await;
    let id: String = support_contacts::db::schema::invitations::table
        .filter(support_contacts::db::schema::invitations::status.eq("pending"))
        .select(support_contacts::db::schema::invitations::id)
        .first(&mut app.conn())
        .unwrap();
    let token = contoso.get("/customers").await.csrf();
    assert_eq!(
        contoso
            .post(
                &format!("/invitations/{id}/withdraw"),
                &[("csrf_token", &token)]
            )
            .await
            .status,
        404,
        "Litware's request"
    );
    let northwind = app.signed_in("admin@northwind.example").await;
    assert_eq!(answer(&northwind, &again, "accept").await.status, 200);
    let count: i64 = users::table.count().get_result(&mut app.conn()).unwrap();
    assert!(count > 0);
}

#[actix_web::test]
async fn an_import_renames_a_customer_and_records_what_it_was() {
    let app = TestApp::spawn().await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    let csv =
        format!("{HEADER}Adatum Holdings,adatum.example,TW,AD-7,Visio Plan 2,3,legacy,active,\n");
    let preview = upload(&gil, &csv).await;
    assert_eq!(counts(&preview), ["0", "1", "0", "1", "0", "0"]);
    assert_eq!(apply(&gil, &preview).await.status, 200);
    let (name, country): (String, Option<String>) = organizations::table
        .filter(organizations::domain.eq("adatum.example"))
        .select((organizations::name, organizations::country))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        (name.as_str(), country.as_deref()),
        ("Adatum Holdings", Some("TW"))
    );
    let (old, new): (Option<String>, Option<String>) = audit_events::table
        .filter(audit_events::action.eq("customer_updated"))
        .select((audit_events::old_value, audit_events::new_value))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(old.as_deref(), Some("Adatum Corporation | US"));
    assert_eq!(new.as_deref(), Some("Adatum Holdings | TW"));
    // Every subscription of the customer, the imported one and those it had, carries the new
    // name (Supported subscriptions is ordered by it).
    let adatum = org_id(&app, "Adatum Holdings");
    let names: Vec<(Option<String>, String)> = subscriptions::table
        .filter(subscriptions::customer_id.eq(&adatum))
        .select((subscriptions::external_id, subscriptions::customer_name))
        .load(&mut app.conn())
        .unwrap();
    assert!(names.len() > 1, "{names:?}");
    assert!(names.iter().any(|(id, _)| id.as_deref() == Some("AD-7")));
    assert!(
        names.iter().all(|(_, name)| name == "Adatum Holdings"),
        "{names:?}"
    );
}

#[actix_web::test]
async fn the_export_is_read_a_page_at_a_time_and_writes_every_subscription_once_in_order() {
    use support_contacts::db::imports::export_page;
    use support_contacts::domain::OrganizationId;
    let app = TestApp::spawn().await;
    // More lines than the download reads at a time (2,000), besides Contoso's own four.
    crate::bulk_changes::import_many_customers(&app, 2_100);
    let gil = app.signed_in("global.admin@contoso.example").await;
    let export = gil.get("/customers/export.csv").await;
    assert_eq!(export.status, 200);
    let lines: Vec<&str> = export.body.lines().collect();
    assert_eq!(lines.len(), 1 + 2_104, "the header and every subscription");
    assert!(lines[0].starts_with("customer_name,"), "{}", lines[0]);
    let ids: std::collections::HashSet<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(3).unwrap_or_default())
        .collect();
    assert_eq!(ids.len(), 2_104, "each subscription once");

    // Small pages, each from where the one before stopped, give the same lines in the same
    // order as one page of them all: no line lost or repeated at a page's edge.
    let contoso = OrganizationId::from(org_id(&app, "Contoso Distribution"));
    let mut conn = app.conn();
    let (all, none) = export_page(&mut conn, &contoso, None, 10_000).unwrap();
    assert!(none.is_none(), "one page held everything");
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let (page, next) = export_page(&mut conn, &contoso, after.as_ref(), 7).unwrap();
        paged.extend(page);
        match next {
            Some(key) => after = Some(key),
            None => break,
        }
    }
    assert_eq!(paged, all);
    let csv: Vec<String> = all
        .iter()
        .map(|l| {
            support_contacts::domain::audit::csv_record(l)
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(csv, lines[1..], "the download is those lines");

    // Each page walks the provider's subscriptions in order from its key: no sort of them all.
    if matches!(*conn, support_contacts::db::DbConnection::Sqlite(_)) {
        let (_, key) = export_page(&mut conn, &contoso, None, 3).unwrap();
        let plans = crate::customers::sqlite_plans(&mut conn, |conn| {
            export_page(conn, &contoso, key.as_ref(), 3).unwrap();
        });
        let steps = &plans[0].1;
        assert!(
            steps
                .iter()
                .any(|s| s.contains("subscriptions USING INDEX subscriptions_bulk (provider_id=?"))
                && !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{plans:#?}"
        );
    }
}

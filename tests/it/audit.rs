//! The audit log: every change is recorded (support contact, partnership, customer
//! relationship, delegated admin privileges, support profile, each automatic fallback) with
//! time, actor, organization, object and values; partners' admins read, filter and download
//! their organization's log; customers' admins read what concerns them; nobody reads another's,
//! and nothing in the product changes an event.

use diesel::prelude::*;
use support_contacts::db::{self, audit::AuditEvent, schema::audit_events};
use support_contacts::domain::roles::Role;

use crate::flows::*;
use crate::helpers::*;

/// Contoso's Helpdesk agent designates Fabrikam for Adatum's Business Standard and Tailspin
/// for Wingtip's E1.
async fn two_designations(app: &TestApp) {
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    designate(
        &helpdesk,
        "Adatum Corporation",
        "Office 365 Business Standard",
        "Fabrikam Solutions",
    )
    .await;
    designate(&helpdesk, "Wingtip Toys", "Office 365 E1", "Tailspin Toys").await;
}

fn row_with<'a>(page: &'a Page, text: &str) -> Option<&'a str> {
    page.body.split("<tr>").skip(1).find(|r| r.contains(text))
}

#[actix_web::test]
async fn every_change_is_recorded_and_each_side_sees_its_part() {
    let app = TestApp::spawn().await;
    add_user(
        &app,
        "Northwind Traders",
        "admin@northwind.example",
        Role::AdminAgent,
    );
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    designate(
        &helpdesk,
        "Adatum Corporation",
        "Office 365 Business Standard",
        "Fabrikam Solutions",
    )
    .await;
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let saved = contoso
        .submit(
            "/support-profile",
            "/support-profile",
            &[
                ("email", "help@contoso.example"),
                ("phone", "+1 425 555 0199"),
                ("website", "https://help.contoso.example"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    let northwind = org_id(&app, "Northwind Traders");
    assert_eq!(
        confirm(&contoso, &format!("/indirect-resellers/{northwind}/remove"))
            .await
            .status,
        303
    );
    let sent = invite_reseller(&contoso, "2000002").await;
    let northwind_admin = app.signed_in("admin@northwind.example").await;
    assert_eq!(answer(&northwind_admin, &sent, "accept").await.status, 200);
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let sent = invite_customer(&fabrikam, None, true).await;
    let wingtip = app.signed_in("admin@wingtip.example").await;
    assert_eq!(answer(&wingtip, &sent, "accept").await.status, 200);
    let adatum = app.signed_in("admin@adatum.example").await;
    let fabrikam_id = org_id(&app, "Fabrikam Solutions");
    assert_eq!(
        confirm(
            &adatum,
            &format!("/admin/relationships/{fabrikam_id}/remove-delegated-admin")
        )
        .await
        .status,
        303
    );

    // The provider's log, newest first.
    let log = contoso.get("/audit").await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("<h1>Audit log</h1>"));
    assert!(log.body.contains(">Audit log</a>"), "in the nav");
    let text = log.main_text();
    for expected in [
        "Time (UTC) Actor Organization Customer Object Change Old value New value",
        "Hana Helpdesk Contoso Distribution Adatum Corporation Subscription: Office 365 Business Standard Designated support contact changed Contoso Distribution Fabrikam Solutions",
        "Ana Admin Contoso Distribution Support profile: Contoso Distribution Support profile changed support@contoso.example | +1 425 555 0100 | https://support.contoso.example help@contoso.example | +1 425 555 0199 | https://help.contoso.example",
        "Ana Admin Contoso Distribution Partnership: Contoso Distribution – Northwind Traders Partnership removed Active Removed",
        "Ana Admin Contoso Distribution Invitation: Northwind Traders Partnership requested None Waiting for an answer",
        "admin@northwind.example Northwind Traders Partnership: Contoso Distribution – Northwind Traders Partnership accepted Removed Active",
        "System (automatic) Contoso Distribution Adatum Corporation Subscription: Office 365 Business Standard Designated support contact returned to the indirect provider (after: Delegated admin privileges removed) Fabrikam Solutions Contoso Distribution",
    ] {
        assert!(text.contains(expected), "missing: {expected}\n{text}");
    }
    assert!(
        !text.contains("Relationship accepted"),
        "Fabrikam and Wingtip's business"
    );
    let rows = log.rows();
    let first_row = &rows[1];
    assert_eq!(
        first_row[1], "System (automatic)",
        "newest first: {first_row:?}"
    );
    // Times are UTC and now.
    let at = chrono::NaiveDateTime::parse_from_str(&first_row[0], "%Y-%m-%d %H:%M:%S").unwrap();
    let age = chrono::Utc::now().naive_utc() - at;
    assert!(age.num_seconds().abs() < 120, "{at}");

    // The reseller sees what it did and what others did to its relationships and designations.
    let text = fabrikam.get("/audit").await.main_text();
    for expected in [
        "Fay Fabrikam Fabrikam Solutions Invitation Relationship requested None With delegated admin privileges",
        "Will Wingtip Wingtip Toys Wingtip Toys Customer relationship: Fabrikam Solutions – Wingtip Toys Relationship accepted None With delegated admin privileges",
        "Ada Adatum Adatum Corporation Adatum Corporation Customer relationship: Fabrikam Solutions – Adatum Corporation Delegated admin privileges removed With delegated admin privileges Without delegated admin privileges",
        "System (automatic) Contoso Distribution Adatum Corporation",
        "Hana Helpdesk Contoso Distribution Adatum Corporation Subscription: Office 365 Business Standard Designated support contact changed",
    ] {
        assert!(text.contains(expected), "missing: {expected}\n{text}");
    }
    assert!(
        !text.contains("Support profile") && !text.contains("Northwind"),
        "{text}"
    );

    // Each customer sees what concerns it.
    let text = adatum.get("/admin/audit").await.main_text();
    assert!(text.contains("Delegated admin privileges removed"));
    assert!(text.contains("Designated support contact returned to the indirect provider"));
    assert!(text.contains("Designated support contact changed"));
    assert!(
        !text.contains("Wingtip")
            && !text.contains("Partnership")
            && !text.contains("Support profile"),
        "{text}"
    );
    let text = wingtip.get("/admin/audit").await.main_text();
    assert!(text.contains("Relationship accepted"));
    assert!(!text.contains("Adatum"), "{text}");
}

#[actix_web::test]
async fn the_log_filters_by_customer_and_dates_and_explains_bad_dates() {
    let app = TestApp::spawn().await;
    two_designations(&app).await;
    // One change made long ago.
    diesel::update(audit_events::table.filter(audit_events::object_label.eq("Office 365 E1")))
        .set(
            audit_events::occurred_at.eq(chrono::NaiveDate::from_ymd_opt(2026, 1, 15)
                .unwrap()
                .and_hms_opt(23, 59, 59)
                .unwrap()),
        )
        .execute(&mut app.conn())
        .unwrap();
    let contoso = app.signed_in("global.admin@contoso.example").await;
    let all = contoso.get("/audit").await;
    assert!(all
        .body
        .contains("<label for=\"customer_name\">Customer name</label>"));
    assert_eq!(all.input_value("customer_name").as_deref(), Some(""));
    assert!(
        row_with(&all, "Office 365 E1").is_some() && row_with(&all, "Business Standard").is_some()
    );
    // Part of a customer's name, in any case, finds that customer's events and no others'.
    let page = contoso.get("/audit?customer_name=%20WINGTIP%20").await;
    assert_eq!(page.status, 200);
    assert!(row_with(&page, "Office 365 E1").is_some());
    assert!(row_with(&page, "Business Standard").is_none());
    assert_eq!(
        page.input_value("customer_name").as_deref(),
        Some("WINGTIP")
    );
    assert_eq!(
        page.link("Download CSV").as_deref(),
        Some("/audit.csv?customer_name=WINGTIP")
    );
    let page = contoso.get("/audit?customer_name=datum%20corp").await;
    assert!(row_with(&page, "Business Standard").is_some());
    assert!(row_with(&page, "Office 365 E1").is_none());
    let page = contoso.get("/audit?customer_name=nobody").await;
    assert!(page.main_text().contains("No changes match."));
    // LIKE's wildcards are plain text.
    let page = contoso.get("/audit?customer_name=%25").await;
    assert!(page.main_text().contains("No changes match."));
    // A customer chosen by id (as links elsewhere name it) is shown, with a way back to all.
    let wingtip = org_id(&app, "Wingtip Toys");
    let page = contoso
        .get(&format!("/audit?customer={wingtip}&from=2026-01-01"))
        .await;
    assert!(row_with(&page, "Office 365 E1").is_some());
    assert!(row_with(&page, "Business Standard").is_none());
    assert!(page
        .main_text()
        .contains("Showing only the changes that concern Wingtip Toys. Show all customers"));
    assert_eq!(
        page.link("Show all customers").as_deref(),
        Some("/audit?from=2026-01-01")
    );
    assert_eq!(page.input_value("customer"), Some(wingtip.clone()));
    assert_eq!(
        page.link("Download CSV"),
        Some(format!("/audit.csv?customer={wingtip}&from=2026-01-01"))
    );
    // Both ends of the range are whole days, included.
    let page = contoso.get("/audit?from=2026-01-15&to=2026-01-15").await;
    assert!(row_with(&page, "Office 365 E1").is_some());
    assert!(row_with(&page, "Business Standard").is_none());
    assert_eq!(page.input_value("from").as_deref(), Some("2026-01-15"));
    let page = contoso.get("/audit?from=2026-01-16").await;
    assert!(row_with(&page, "Office 365 E1").is_none());
    assert!(row_with(&page, "Business Standard").is_some());
    let page = contoso.get("/audit?to=2026-01-14").await;
    assert!(page.main_text().contains("No changes match."));

    for (query, message) in [
        (
            "from=2026-13-01",
            "Enter dates as YYYY-MM-DD, for example 2026-11-22.",
        ),
        ("to=yesterday", "Enter dates as YYYY-MM-DD"),
        (
            "from=2026-02-01&to=2026-01-01",
            "The From date must not be after the To date.",
        ),
        (
            "customer=x%27%20OR%201%3D1",
            "That customer reference is not valid.",
        ),
    ] {
        let page = contoso.get(&format!("/audit?{query}")).await;
        assert_eq!(page.status, 400, "{query}");
        assert!(
            page.main_text().contains(message),
            "{query}: {}",
            page.main_text()
        );
        assert!(row_with(&page, "Office 365").is_none());
        let csv = contoso.get(&format!("/audit.csv?{query}")).await;
        assert_eq!(csv.status, 400, "{query}");
        assert!(csv.main_text().contains(message), "{query}");
    }
    contoso.set_cookie("lang", "zh-TW");
    let page = contoso.get("/audit?from=2026-13-01").await;
    assert_eq!(page.status, 400);
    assert!(page.main_text().contains("請以 YYYY-MM-DD 格式輸入日期"));
    contoso.set_cookie("lang", "ja-JP");
    let page = contoso.get("/audit?from=2026-02-01&to=2026-01-01").await;
    assert!(page
        .main_text()
        .contains("開始日を終了日より後にすることはできません。"));
    assert!(page.body.contains("<h1>監査ログ</h1>"));
    assert!(page
        .body
        .contains("<label for=\"customer_name\">顧客名</label>"));
    let page = contoso.get(&format!("/audit?customer={wingtip}")).await;
    assert!(page
        .main_text()
        .contains("Wingtip Toys に関する変更のみを表示しています。 すべての顧客を表示"));
    contoso.set_cookie("lang", "zh-TW");
    let page = contoso.get(&format!("/audit?customer={wingtip}")).await;
    assert!(page
        .body
        .contains("<label for=\"customer_name\">客戶名稱</label>"));
    assert!(page
        .main_text()
        .contains("只顯示與 Wingtip Toys 相關的變更。"));
}

/// A customer that no partner knows yet; its id.
fn new_customer(conn: &mut db::DbConnection, name: &str) -> diesel::QueryResult<String> {
    insert_organization(
        conn,
        support_contacts::domain::OrgKind::Customer,
        name,
        None,
    )
}

/// Customers that only `partner` knows, each with one event in `partner`'s log, made in one
/// transaction.
fn customers_in_log_of(app: &TestApp, partner: &str, names: &[String]) -> Vec<String> {
    use support_contacts::domain::{audit::Action, audit::ObjectKind};
    use support_contacts::domain::{CustomerId, OrganizationId};
    let partner_id = org_id(app, partner);
    let mut conn = app.conn();
    conn.transaction(|conn| {
        let mut ids = Vec::new();
        for name in names {
            let id = new_customer(conn, name)?;
            let event = AuditEvent::made_by(
                db::audit::MadeBy::Operator,
                &OrganizationId::from(partner_id.clone()),
                Action::CustomerAdded,
                db::audit::Object {
                    kind: ObjectKind::Organization,
                    id: &id,
                    label: name,
                },
                db::now(),
            )
            .customer(Some(&CustomerId::from(id.clone())));
            db::audit::append(conn, &event)?;
            ids.push(id);
        }
        diesel::QueryResult::Ok(ids)
    })
    .unwrap()
}

fn customer_in_log_of(app: &TestApp, partner: &str, name: &str) -> String {
    customers_in_log_of(app, partner, &[name.to_string()]).remove(0)
}

#[actix_web::test]
async fn the_customer_name_filter_never_finds_another_partners_customer() {
    let app = TestApp::spawn().await;
    two_designations(&app).await;
    let coho = customer_in_log_of(&app, "Litware Distribution", "Coho Winery");
    let litware = app.signed_in("admin.agent@litware.example").await;
    let page = litware.get("/audit?customer_name=coho").await;
    assert!(row_with(&page, "Coho Winery").is_some());
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    for path in [
        "/audit?customer_name=coho".to_string(),
        "/audit?customer_name=winery".to_string(),
        format!("/audit?customer={coho}"),
    ] {
        let page = contoso.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.main_text().contains("No changes match."), "{path}");
        assert!(
            !page.main_text().contains("Coho"),
            "{path}: the name is not shown"
        );
    }
    let csv = contoso.get("/audit.csv?customer_name=coho").await;
    assert_eq!(
        csv.body.trim_end().split("\r\n").count(),
        1,
        "only the header"
    );
    // Contoso's own customers are found as before.
    let page = contoso.get("/audit?customer_name=wingtip").await;
    assert!(row_with(&page, "Office 365 E1").is_some());
}

#[actix_web::test]
async fn a_name_part_that_many_customers_share_reads_the_log_in_pages() {
    let app = TestApp::spawn().await;
    two_designations(&app).await;
    // More customers than the filter looks up by id: it reads the log in order instead.
    let bakeries: Vec<String> = (0..505).map(|i| format!("Harbor Bakery {i:03}")).collect();
    customers_in_log_of(&app, "Contoso Distribution", &bakeries);
    customer_in_log_of(&app, "Contoso Distribution", "Harbor Dental");
    customer_in_log_of(&app, "Litware Distribution", "Harbor Bakery Litware");
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let page = contoso.get("/audit?customer_name=bakery").await;
    let rows = page.rows();
    assert_eq!(rows.len(), 51, "a header and a page of fifty");
    assert!(rows
        .iter()
        .skip(1)
        .all(|r| r[3].starts_with("Harbor Bakery ")));
    assert_eq!(rows[1][3], "Harbor Bakery 504", "newest first");
    let older = page.link("Older changes").expect("an Older link");
    assert!(older.contains("customer_name=bakery"), "{older}");
    let second = contoso.get(&older).await;
    assert_eq!(second.rows()[1][3], "Harbor Bakery 454");
    assert!(!second.main_text().contains("Litware"));
    let csv = contoso.get("/audit.csv?customer_name=bakery").await;
    assert_eq!(csv.body.trim_end().split("\r\n").count(), 506);
    assert!(!csv.body.contains("Litware"));
    let page = contoso.get("/audit?customer_name=harbor%20dental").await;
    assert_eq!(page.rows().len(), 2);
    assert!(row_with(&page, "Harbor Dental").is_some());
}

#[actix_web::test]
async fn the_name_filter_finds_each_customers_events_by_rare_short_and_renamed_parts() {
    let app = TestApp::spawn().await;
    let names: Vec<String> = ["Fourth Coffee 東京", "Fifth Coffee", "Fourth Coffee 大阪"]
        .iter()
        .map(|n| n.to_string())
        .collect();
    let ids = customers_in_log_of(&app, "Contoso Distribution", &names);
    customer_in_log_of(&app, "Litware Distribution", "Fourth Coffee Litware");
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let customers = |page: &Page| -> Vec<String> {
        page.rows()
            .into_iter()
            .skip(1)
            .map(|r| r[3].clone())
            .collect()
    };
    for (filter, expected) in [
        // By the name index (three characters or more), newest first.
        (
            "FOURTH%20coffee",
            vec!["Fourth Coffee 大阪", "Fourth Coffee 東京"],
        ),
        (
            "coffee",
            vec!["Fourth Coffee 大阪", "Fifth Coffee", "Fourth Coffee 東京"],
        ),
        ("ee%20%E5%A4%A7", vec!["Fourth Coffee 大阪"]),
        ("fourth%20coffee%20litware", vec![]),
        // Shorter: the names are read.
        ("%E6%9D%B1%E4%BA%AC", vec!["Fourth Coffee 東京"]),
    ] {
        let page = contoso.get(&format!("/audit?customer_name={filter}")).await;
        assert_eq!(customers(&page), expected, "customer_name={filter}");
        let csv = contoso
            .get(&format!("/audit.csv?customer_name={filter}"))
            .await;
        assert_eq!(
            csv.body.trim_end().split("\r\n").count(),
            expected.len() + 1,
            "the CSV of customer_name={filter}"
        );
    }
    // A renamed customer is found by its new name and no longer by its old one.
    diesel::update(db::schema::organizations::table.find(&ids[1]))
        .set((
            db::schema::organizations::name.eq("Fourth Coffee Fifth"),
            db::schema::organizations::search_name.eq("fourth coffee fifth"),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let page = contoso.get("/audit?customer_name=fourth%20coffee").await;
    assert_eq!(
        customers(&page),
        vec![
            "Fourth Coffee 大阪",
            "Fourth Coffee Fifth",
            "Fourth Coffee 東京"
        ]
    );
    let page = contoso.get("/audit?customer_name=fifth%20coffee").await;
    assert!(page.main_text().contains("No changes match."));
}

#[actix_web::test]
async fn the_csv_is_the_filtered_log_quoted_and_without_formulas() {
    let app = TestApp::spawn().await;
    two_designations(&app).await;
    let contoso_id = org_id(&app, "Contoso Distribution");
    let adatum_id = org_id(&app, "Adatum Corporation");
    let mut hostile = AuditEvent {
        id: support_contacts::domain::new_id(),
        occurred_at: db::now(),
        organization_id: contoso_id.clone(),
        actor_user_id: None,
        actor_name: "=HYPERLINK(\"http://evil.example\")".into(),
        customer_id: Some(adatum_id.clone()),
        object_kind: support_contacts::domain::audit::ObjectKind::Subscription,
        object_id: support_contacts::domain::new_id(),
        object_label: "two\nlines".into(),
        action: support_contacts::domain::audit::Action::SupportContactChanged,
        old_value: Some("@SUM(1+1)".into()),
        new_value: Some("Smith, \"Ann\"".into()),
        cause_event_id: None,
        related_organization_id: None,
        bulk_change_id: None,
        actor_api_client_id: None,
    };
    db::audit::append(&mut app.conn(), &hostile).unwrap();
    hostile.id = support_contacts::domain::new_id();
    hostile.old_value = Some("-2+3".into());
    hostile.new_value = Some("+1 425".into());
    db::audit::append(&mut app.conn(), &hostile).unwrap();

    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let csv = contoso.get("/audit.csv").await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"audit-log.csv\"")
    );
    let body = csv
        .body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark");
    let mut records = body.split("\r\n");
    assert_eq!(
        records.next(),
        Some("Time (UTC),Actor,Organization,Customer,Object,Change,Old value,New value,Event ID,Caused by event ID")
    );
    assert!(body.contains(
        "\"'=HYPERLINK(\"\"http://evil.example\"\")\",Contoso Distribution,Adatum Corporation,\"Subscription: two\nlines\",Designated support contact changed,'@SUM(1+1),\"Smith, \"\"Ann\"\"\","
    ), "{body}");
    assert!(body.contains(",'-2+3,'+1 425,"), "{body}");
    assert!(body.contains(
        ",Hana Helpdesk,Contoso Distribution,Wingtip Toys,Subscription: Office 365 E1,Designated support contact changed,Contoso Distribution,Tailspin Toys,"
    ), "{body}");
    assert!(body.ends_with("\r\n"));
    // The same filter as the page.
    let wingtip = org_id(&app, "Wingtip Toys");
    let filtered = contoso.get(&format!("/audit.csv?customer={wingtip}")).await;
    let lines: Vec<&str> = filtered.body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2, "{}", filtered.body);
    assert!(lines[1].contains("Office 365 E1"));
    // In the reader's language.
    contoso.set_cookie("lang", "zh-TW");
    let csv = contoso.get("/audit.csv").await;
    assert!(csv.body.starts_with("\u{feff}時間 (UTC),執行者,組織,客戶,"));
    assert!(csv.body.contains("已變更指派的支援連絡人"));
    // A customer's admin downloads what concerns the customer.
    let adatum = app.signed_in("admin@adatum.example").await;
    let csv = adatum.get("/admin/audit.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("Office 365 Business Standard"));
    assert!(!csv.body.contains("Office 365 E1"));
}

#[actix_web::test]
async fn the_log_is_for_admins_and_append_only() {
    let app = TestApp::spawn().await;
    two_designations(&app).await;
    for email in [
        "helpdesk@contoso.example",
        "sales@contoso.example",
        "billing@contoso.example",
    ] {
        let b = app.signed_in(email).await;
        for path in ["/audit", "/audit.csv"] {
            let page = b.get(path).await;
            assert_eq!(page.status, 403, "{email} {path}");
            assert!(page
                .main_text()
                .contains("Only Admin agents and Global admins"));
        }
        assert!(
            !b.get("/customers").await.body.contains("href=\"/audit\""),
            "{email}"
        );
    }
    let user = app.signed_in("user@adatum.example").await;
    assert_eq!(user.get("/admin/audit").await.status, 403);
    assert_eq!(user.get("/admin/audit.csv").await.status, 403);
    let partner = app.signed_in("admin.agent@contoso.example").await;
    assert_eq!(partner.get("/admin/audit").await.status, 403);
    let customer = app.signed_in("admin@adatum.example").await;
    assert_eq!(customer.get("/audit").await.status, 403);
    assert!(customer
        .get("/admin/support")
        .await
        .body
        .contains("href=\"/admin/audit\""));

    // No route changes or deletes an event.
    let before = all_events(&app);
    let event_id: String = audit_events::table
        .select(audit_events::id)
        .first(&mut app.conn())
        .unwrap();
    let csrf = partner.get("/audit").await.csrf();
    for path in [
        "/audit".to_string(),
        "/audit.csv".to_string(),
        format!("/audit/{event_id}"),
        format!("/audit/{event_id}/delete"),
        "/admin/audit".to_string(),
    ] {
        for (who, form) in [
            (
                &partner,
                vec![("csrf_token", csrf.as_str()), ("id", event_id.as_str())],
            ),
            (&customer, vec![("id", event_id.as_str())]),
        ] {
            let page = who.post(&path, &form).await;
            assert!(
                (403..=405).contains(&page.status),
                "{path}: {}",
                page.status
            );
        }
    }
    assert_eq!(all_events(&app), before);
    // And no statement in the product updates or deletes one.
    let mut sources = Vec::new();
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    for file in sources {
        let code = std::fs::read_to_string(&file)
            .unwrap()
            .replace(char::is_whitespace, "");
        for forbidden in [
            "update(audit_events",
            "delete(audit_events",
            "UPDATEaudit_events",
            "DELETEFROMaudit_events",
        ] {
            assert!(!code.contains(forbidden), "{}: {forbidden}", file.display());
        }
    }
}

#[actix_web::test]
async fn no_organization_reads_anothers_log() {
    let app = TestApp::spawn().await;
    two_designations(&app).await;
    add_user(
        &app,
        "Northwind Traders",
        "admin@northwind.example",
        Role::AdminAgent,
    );
    let adatum_id = org_id(&app, "Adatum Corporation");
    for email in ["admin.agent@litware.example", "admin@northwind.example"] {
        let b = app.signed_in(email).await;
        for path in ["/audit".to_string(), format!("/audit?customer={adatum_id}")] {
            let page = b.get(&path).await;
            assert_eq!(page.status, 200, "{email}");
            assert!(
                page.main_text().contains("No changes match."),
                "{email} {path}"
            );
            assert!(!page.main_text().contains("Adatum"), "{email} {path}");
        }
        let page = b.get("/audit?customer_name=adatum").await;
        assert!(page.main_text().contains("No changes match."), "{email}");
        for path in [
            format!("/audit.csv?customer={adatum_id}"),
            "/audit.csv?customer_name=adatum".to_string(),
        ] {
            let csv = b.get(&path).await;
            assert_eq!(
                csv.body.trim_end().split("\r\n").count(),
                1,
                "{email} {path}: only the header"
            );
        }
    }
    // Tailspin's designation concerns Tailspin and Wingtip, not Fabrikam or Adatum.
    let fabrikam = app.signed_in("admin.agent@fabrikam.example").await;
    let page = fabrikam.get("/audit").await;
    assert!(row_with(&page, "Office 365 Business Standard").is_some());
    assert!(row_with(&page, "Office 365 E1").is_none());
    let adatum = app.signed_in("admin@adatum.example").await;
    let page = adatum.get("/admin/audit").await;
    assert!(row_with(&page, "Office 365 Business Standard").is_some());
    assert!(row_with(&page, "Office 365 E1").is_none());
    // The customer filter never widens a customer's view.
    let wingtip_id = org_id(&app, "Wingtip Toys");
    let page = adatum
        .get(&format!("/admin/audit?customer={wingtip_id}"))
        .await;
    assert!(row_with(&page, "Office 365 E1").is_none());
}

#[actix_web::test]
async fn the_log_is_read_in_pages_of_fifty_and_the_filter_stays_on_every_page() {
    let app = TestApp::spawn().await;
    let contoso_id = org_id(&app, "Contoso Distribution");
    let adatum_id = org_id(&app, "Adatum Corporation");
    let start = db::now() - chrono::Duration::minutes(10);
    let mut conn = app.conn();
    for i in 0..120 {
        let event = AuditEvent {
            id: support_contacts::domain::new_id(),
            occurred_at: start + chrono::Duration::seconds(i),
            organization_id: contoso_id.clone(),
            actor_user_id: None,
            actor_name: format!("Actor {i:03}"),
            customer_id: Some(adatum_id.clone()),
            object_kind: support_contacts::domain::audit::ObjectKind::Subscription,
            object_id: support_contacts::domain::new_id(),
            object_label: "Office 365 Business Standard".into(),
            action: support_contacts::domain::audit::Action::QuantityChanged,
            old_value: Some(i.to_string()),
            new_value: Some((i + 1).to_string()),
            cause_event_id: None,
            related_organization_id: None,
            bulk_change_id: None,
            actor_api_client_id: None,
        };
        db::audit::append(&mut conn, &event).unwrap();
    }
    drop(conn);
    let b = app.signed_in("admin.agent@contoso.example").await;
    let actors = |page: &Page| -> Vec<String> {
        page.rows()
            .into_iter()
            .skip(1)
            .map(|r| r[1].clone())
            .collect()
    };
    let first = b.get(&format!("/audit?customer={adatum_id}")).await;
    assert_eq!(first.status, 200);
    let seen = actors(&first);
    assert_eq!(seen.len(), 50);
    assert_eq!(seen[0], "Actor 119", "newest first");
    assert!(first.link("Newer changes").is_none());
    let older = first.link("Older changes").expect("an Older link");
    assert!(older.contains(&format!("customer={adatum_id}")), "{older}");
    let second = b.get(&older).await;
    assert_eq!(actors(&second)[0], "Actor 069");
    assert_eq!(actors(&second).len(), 50);
    let third = b.get(&second.link("Older changes").unwrap()).await;
    assert_eq!(
        actors(&third),
        (0..20)
            .rev()
            .map(|i| format!("Actor {i:03}"))
            .collect::<Vec<_>>()
    );
    assert!(third.link("Older changes").is_none(), "the last page");
    let back = b.get(&third.link("Newer changes").unwrap()).await;
    assert_eq!(
        actors(&back),
        actors(&second),
        "Newer comes back to the same page"
    );
    let garbage = b.get("/audit?older=not-a-cursor").await;
    assert_eq!(garbage.status, 200, "a bad cursor is the first page");
    assert_eq!(actors(&garbage)[0], "Actor 119");
}

/// `count` customers named "Juniper Optics NNN" with one event each, three events to a second
/// (so that a second's events are ordered by id): the even ones Contoso's own, the odd ones
/// Litware's about a designation of Contoso's (Contoso is their second organization). One
/// more customer of the same name is only in Litware's log. Returns the names Contoso's log
/// shows, newest first by (time, event id).
fn optics_on_both_sides_of_contosos_log(app: &TestApp, count: usize) -> Vec<String> {
    use support_contacts::domain::{audit::Action, audit::ObjectKind};
    use support_contacts::domain::{CustomerId, OrganizationId};
    let contoso = OrganizationId::from(org_id(app, "Contoso Distribution"));
    let litware = OrganizationId::from(org_id(app, "Litware Distribution"));
    let start = db::now() - chrono::Duration::hours(1);
    let mut conn = app.conn();
    let mut shown = conn
        .transaction(|conn| {
            let mut shown = Vec::new();
            for i in 0..=count {
                let name = match i {
                    i if i == count => "Juniper Optics Litware only".to_string(),
                    i => format!("Juniper Optics {i:03}"),
                };
                let id = new_customer(conn, &name)?;
                let own = i % 2 == 0 && i != count;
                let at = start + chrono::Duration::seconds((i / 3) as i64);
                let object = db::audit::Object {
                    kind: ObjectKind::Organization,
                    id: &id,
                    label: &name,
                };
                let event = AuditEvent::made_by(
                    db::audit::MadeBy::Operator,
                    if own { &contoso } else { &litware },
                    Action::CustomerAdded,
                    object,
                    at,
                )
                .customer(Some(&CustomerId::from(id.clone())))
                .related((!own && i != count).then_some(contoso.as_str()));
                db::audit::append(conn, &event)?;
                if i != count {
                    shown.push((at, event.id.clone(), name));
                }
            }
            diesel::QueryResult::Ok(shown)
        })
        .unwrap();
    shown.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    shown.into_iter().map(|(_, _, name)| name).collect()
}

/// Whether a name filter reads a few customers' events by the customers or walks the log (more
/// than 500 customers match), both sides of a partner's log come in order, page by page, and
/// no other partner's event shows.
async fn the_name_filter_pages_both_sides_in_order(customers: usize) {
    let app = TestApp::spawn().await;
    let expected = optics_on_both_sides_of_contosos_log(&app, customers);
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let names = |page: &Page| -> Vec<String> {
        page.rows()
            .into_iter()
            .skip(1)
            .map(|r| r[3].clone())
            .collect()
    };
    let mut seen = Vec::new();
    let mut page = contoso.get("/audit?customer_name=juniper%20OPTICS").await;
    let mut pages = vec![names(&page)];
    seen.extend(names(&page));
    while let Some(older) = page.link("Older changes") {
        assert!(older.contains("customer_name=juniper%20OPTICS"), "{older}");
        page = contoso.get(&older).await;
        pages.push(names(&page));
        seen.extend(names(&page));
    }
    assert_eq!(
        seen, expected,
        "{customers} customers: every event once, newest first"
    );
    assert!(pages.iter().all(|p| p.len() <= 50));
    // Back up from the last page: each page as it was.
    for shown in pages.iter().rev().skip(1) {
        let newer = page.link("Newer changes").expect("a Newer link");
        page = contoso.get(&newer).await;
        assert_eq!(&names(&page), shown);
    }
    assert!(
        page.link("Newer changes").is_none(),
        "back on the first page"
    );
    let csv = contoso
        .get("/audit.csv?customer_name=juniper%20optics")
        .await;
    assert_eq!(
        csv.body.trim_end().split("\r\n").count(),
        customers + 1,
        "a header and every event"
    );
    assert!(!csv.body.contains("Litware only"));
    // Litware sees its own events (the odd ones) and its own customer, not Contoso's.
    let litware = app.signed_in("admin.agent@litware.example").await;
    let csv = litware
        .get("/audit.csv?customer_name=juniper%20optics")
        .await;
    assert_eq!(
        csv.body.trim_end().split("\r\n").count(),
        customers / 2 + 2,
        "a header, the odd ones and its own customer"
    );
    assert!(!csv.body.contains("Juniper Optics 000"));
}

#[actix_web::test]
async fn a_few_customers_events_come_by_customer_in_order_and_in_pages() {
    // More than a page, fewer than the 500 customers the filter reads by customer.
    the_name_filter_pages_both_sides_in_order(131).await;
}

#[actix_web::test]
async fn many_customers_events_come_by_walking_both_sides_in_order_and_in_pages() {
    the_name_filter_pages_both_sides_in_order(523).await;
}

#[actix_web::test]
async fn the_download_holds_every_event_once_newest_first_across_its_pages() {
    let app = TestApp::spawn().await;
    // More events than the download reads at a time (1,000).
    let names: Vec<String> = (0..1_100)
        .map(|i| format!("Download Customer {i:04}"))
        .collect();
    customers_in_log_of(&app, "Contoso Distribution", &names);
    let contoso_id = org_id(&app, "Contoso Distribution");
    let mut events: Vec<(chrono::NaiveDateTime, String)> = audit_events::table
        .filter(
            audit_events::organization_id
                .eq(&contoso_id)
                .or(audit_events::related_organization_id.eq(&contoso_id)),
        )
        .select((audit_events::occurred_at, audit_events::id))
        .load(&mut app.conn())
        .unwrap();
    assert!(events.len() > 1_000, "{}", events.len());
    events.sort_by(|a, b| b.cmp(a));
    let contoso = app.signed_in("admin.agent@contoso.example").await;
    let csv = contoso.get("/audit.csv").await;
    assert_eq!(csv.status, 200);
    let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
    // The event id is the last column but one (the cause's id, often empty, is the last).
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.rsplit(',').nth(1).unwrap_or_default())
        .collect();
    let expected: Vec<&str> = events.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(ids, expected, "every event of the log once, newest first");
}

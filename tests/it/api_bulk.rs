//! `POST /v1/bulk/supportcontact`: many subscriptions, one new contact, an answer per item in
//! the order given; the pages' rule and refusals, one audit event per change sharing one
//! reference and naming the client; and a partner's script driving a real server through
//! token, lists, one bulk call of 1,000 subscriptions, read-back and the audit log.

use diesel::prelude::*;
use serde_json::{json, Value};
use support_contacts::db::schema::{audit_events, organizations, subscriptions};
use support_contacts::domain::{CustomerId, OrganizationId};

use crate::api::{
    access_token, call, expire_client, make_client, revoke_client, subscription_path, tenant_of,
    token, Answer,
};
use crate::helpers::*;
use crate::limits::actor_of;
use crate::support_contact::{contact_of, org_id};

const BULK: &str = "/v1/bulk/supportcontact";

/// The item of a subscription of the demo world, by product, with its ETag or without.
fn item(app: &TestApp, product: &str, with_etag: bool) -> Value {
    let (customer, id, version): (String, String, i32) = subscriptions::table
        .filter(subscriptions::product_name.eq(product))
        .select((
            subscriptions::customer_id,
            subscriptions::id,
            subscriptions::version,
        ))
        .first(&mut app.conn())
        .unwrap();
    let mut item = json!({ "customerId": customer, "subscriptionId": id });
    if with_etag {
        item["etag"] = json!(format!("\"{version}\""));
    }
    item
}

async fn bulk(
    app: &TestApp,
    token: &str,
    headers: &[(&str, &str)],
    tenant: &str,
    items: Vec<Value>,
) -> Answer {
    let body = json!({ "supportTenantId": tenant, "items": items });
    call(
        app,
        "POST",
        BULK,
        Some(token),
        headers,
        Some(("application/json", body.to_string().into_bytes())),
    )
    .await
}

async fn post_raw(app: &TestApp, token: &str, content_type: &str, body: Vec<u8>) -> Answer {
    call(
        app,
        "POST",
        BULK,
        Some(token),
        &[],
        Some((content_type, body)),
    )
    .await
}

/// (actor name, API client, bulk change id) of every bulk change event.
fn bulk_events(app: &TestApp) -> Vec<(String, Option<String>, Option<String>)> {
    audit_events::table
        .filter(audit_events::action.eq("support_contact_bulk_changed"))
        .select((
            audit_events::actor_name,
            audit_events::actor_api_client_id,
            audit_events::bulk_change_id,
        ))
        .load(&mut app.conn())
        .unwrap()
}

fn field<'a>(items: &'a Value, i: usize, name: &str) -> &'a Value {
    &items["items"][i][name]
}

#[actix_web::test]
async fn a_bulk_call_answers_every_item_in_order_and_changes_only_what_the_rule_allows() {
    let app = TestApp::spawn().await;
    let (client_id, secret) = make_client(&app, "Nightly sync", "helpdesk_agent").await;
    let token = access_token(&app, &client_id, &secret).await;
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let unknown = json!({
        "customerId": uuid::Uuid::new_v4().to_string(),
        "subscriptionId": uuid::Uuid::new_v4().to_string(),
    });
    let answer = bulk(
        &app,
        &token,
        &[("Accept-Language", "ja-JP")],
        &fabrikam,
        vec![
            item(&app, "Office 365 Business Standard", true),
            item(&app, "Microsoft 365 E3", false),
            item(&app, "Office 365 E1", true),
            item(&app, "Microsoft 365 Business Premium", false),
            item(&app, "Exchange Online (Plan 1)", false),
            unknown.clone(),
        ],
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    let j = &answer.json;
    let results: Vec<(&str, Option<&str>)> = j["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["result"].as_str().unwrap(), i["code"].as_str()))
        .collect();
    assert_eq!(
        results,
        [
            ("changed", None),
            ("changed", None),
            ("refused", Some("not_available")),
            ("refused", Some("new_commerce")),
            ("refused", Some("not_found")),
            ("refused", Some("not_found")),
        ],
        "{j}"
    );
    assert_eq!(
        (j["changed"].as_u64(), j["refused"].as_u64()),
        (Some(2), Some(4))
    );
    assert_eq!(field(j, 5, "subscriptionId"), &unknown["subscriptionId"]);
    assert!(
        field(j, 2, "description")
            .as_str()
            .unwrap()
            .contains("利用可能なサポートの連絡先ではありません"),
        "localized: {j}"
    );
    assert!(
        field(j, 4, "etag").is_null(),
        "nothing is revealed of Litware's subscription"
    );

    // The new ETag is the one a GET gives now.
    let path = format!(
        "{}/supportcontact",
        subscription_path(&app, "Office 365 Business Standard")
    );
    let got = call(&app, "GET", &path, Some(&token), &[], None).await;
    assert_eq!(got.json["name"], "Fabrikam Solutions");
    assert_eq!(
        got.headers.get("etag").unwrap().to_str().unwrap(),
        field(j, 0, "etag").as_str().unwrap()
    );
    for (product, contact) in [
        ("Microsoft 365 E3", Some("Fabrikam Solutions")),
        ("Office 365 E1", Some("Contoso Distribution")),
        ("Microsoft 365 Business Premium", None),
        ("Exchange Online (Plan 1)", Some("Litware Distribution")),
    ] {
        assert_eq!(contact_of(&app, product).as_deref(), contact, "{product}");
    }

    // One event per change, one shared reference, naming the client.
    let bulk_change_id = j["bulkChangeId"].as_str().unwrap().to_string();
    let events = bulk_events(&app);
    assert_eq!(events.len(), 2);
    for event in events {
        assert_eq!(
            event,
            (
                "Nightly sync".to_string(),
                Some(client_id.clone()),
                Some(bulk_change_id.clone())
            )
        );
    }
}

#[actix_web::test]
async fn a_stale_etag_is_refused_and_never_overwritten_and_a_repeat_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = token(&app, "admin_agent").await;
    let before = item(&app, "Office 365 Business Standard", true);
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let first = bulk(&app, &token, &[], &fabrikam, vec![before.clone()]).await;
    assert_eq!(first.json["changed"], 1, "{}", first.json);

    // The old ETag no longer matches: the change back to Contoso is refused.
    let contoso = tenant_of(&app, "Contoso Distribution");
    let stale = bulk(&app, &token, &[], &contoso, vec![before.clone()]).await;
    assert_eq!(stale.status, 200);
    assert_eq!(field(&stale.json, 0, "code"), "stale");
    assert_eq!(field(&stale.json, 0, "etag"), field(&first.json, 0, "etag"));
    assert!(stale.json["bulkChangeId"].is_null());
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );

    // Asking for the contact it already has: unchanged, and nothing recorded.
    let again = bulk(
        &app,
        &token,
        &[],
        &fabrikam,
        vec![item(&app, "Office 365 Business Standard", false)],
    )
    .await;
    assert_eq!(field(&again.json, 0, "result"), "unchanged");
    assert_eq!(field(&again.json, 0, "code"), "already_contact");
    assert_eq!(
        (
            again.json["changed"].as_u64(),
            again.json["unchanged"].as_u64()
        ),
        (Some(0), Some(1))
    );
    assert_eq!(bulk_events(&app).len(), 1);
}

#[actix_web::test]
async fn a_cancelled_subscription_keeps_its_contact() {
    let app = TestApp::spawn().await;
    let token = token(&app, "global_admin").await;
    diesel::update(subscriptions::table.filter(subscriptions::product_name.eq("Microsoft 365 E3")))
        .set(subscriptions::status.eq("cancelled"))
        .execute(&mut app.conn())
        .unwrap();
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let answer = bulk(
        &app,
        &token,
        &[],
        &fabrikam,
        vec![item(&app, "Microsoft 365 E3", true)],
    )
    .await;
    assert_eq!(
        field(&answer.json, 0, "code"),
        "cancelled",
        "{}",
        answer.json
    );
    assert_eq!(
        contact_of(&app, "Microsoft 365 E3").as_deref(),
        Some("Contoso Distribution")
    );
}

#[actix_web::test]
async fn a_read_only_client_is_refused_the_whole_call() {
    let app = TestApp::spawn().await;
    let sales = token(&app, "sales_agent").await;
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let refused = bulk(
        &app,
        &sales,
        &[],
        &fabrikam,
        vec![item(&app, "Office 365 Business Standard", true)],
    )
    .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json["code"], "forbidden");
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
    assert!(bulk_events(&app).is_empty());
}

#[actix_web::test]
async fn malformed_lists_are_refused_whole_with_a_localized_json_error() {
    let app = TestApp::spawn().await;
    let token = token(&app, "helpdesk_agent").await;
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let good = item(&app, "Office 365 Business Standard", false);
    let as_json = |v: Value| v.to_string().into_bytes();

    let broken = post_raw(&app, &token, "application/json", b"{nope".to_vec()).await;
    assert_eq!(
        (broken.status, broken.json["code"].as_str()),
        (400, Some("bad_json"))
    );
    let wrong_types = call(
        &app,
        "POST",
        BULK,
        Some(&token),
        &[("Accept-Language", "zh-TW")],
        Some((
            "application/json",
            as_json(json!({ "supportTenantId": fabrikam, "items": [{ "customerId": 5 }] })),
        )),
    )
    .await;
    assert_eq!(wrong_types.status, 400);
    assert_eq!(wrong_types.json["code"], "bad_json");
    let description = wrong_types.json["description"].as_str().unwrap();
    assert!(description.contains("JSON"), "{description}");
    assert!(
        !description.contains("invalid type") && !description.contains("line"),
        "no parser text: {description}"
    );
    assert_ne!(
        description,
        broken.json["description"].as_str().unwrap(),
        "in the language asked for"
    );
    let not_json = post_raw(&app, &token, "text/plain", b"{}".to_vec()).await;
    assert_eq!(not_json.status, 415);

    for (body, status, code) in [
        (
            json!({ "supportTenantId": fabrikam, "items": [] }),
            400,
            "no_items",
        ),
        (
            json!({ "items": [good.clone()] }),
            400,
            "missing_support_contact",
        ),
        (
            json!({ "supportTenantId": fabrikam, "items": [good.clone(), good.clone()] }),
            400,
            "duplicate_items",
        ),
        (
            json!({ "supportTenantId": fabrikam, "items": [{
                "customerId": good["customerId"], "subscriptionId": good["subscriptionId"],
                "etag": "W/\"1\"" }] }),
            400,
            "bad_etag",
        ),
    ] {
        let answer = post_raw(&app, &token, "application/json", as_json(body)).await;
        assert_eq!(
            (answer.status, answer.json["code"].as_str()),
            (status, Some(code)),
            "{}",
            answer.json
        );
        assert!(!answer.json["description"].as_str().unwrap().is_empty());
    }

    // 10,000 items fit in the body limit; one more is refused by count.
    let many = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|_| {
                json!({
                    "customerId": uuid::Uuid::new_v4().to_string(),
                    "subscriptionId": uuid::Uuid::new_v4().to_string(),
                    "etag": "\"12\"",
                })
            })
            .collect()
    };
    let most = bulk(&app, &token, &[], &fabrikam, many(10_000)).await;
    assert_eq!(most.status, 200, "{}", most.json["code"]);
    assert_eq!(most.json["refused"], 10_000, "none of them is Contoso's");
    let too_many = bulk(&app, &token, &[], &fabrikam, many(10_001)).await;
    assert_eq!(too_many.status, 413);
    assert_eq!(too_many.json["code"], "too_many_items");
    let too_big = post_raw(&app, &token, "application/json", vec![b' '; 5 << 20]).await;
    assert_eq!(too_big.status, 413);
    assert_eq!(too_big.json["code"], "payload_too_large");

    assert!(bulk_events(&app).is_empty());
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Contoso Distribution")
    );
}

#[actix_web::test]
async fn expired_and_revoked_clients_cannot_change_in_bulk() {
    let app = TestApp::spawn().await;
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let items = || vec![item(&app, "Office 365 Business Standard", false)];

    let (id, secret) = make_client(&app, "Expiring", "admin_agent").await;
    let token = access_token(&app, &id, &secret).await;
    expire_client(&app, &id);
    let expired = bulk(&app, &token, &[], &fabrikam, items()).await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json["code"], "invalid_token");

    let (id, secret) = make_client(&app, "Revoked", "admin_agent").await;
    let token = access_token(&app, &id, &secret).await;
    revoke_client(&app, &id).await;
    let answer = bulk(&app, &token, &[], &fabrikam, items()).await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.json["code"], "invalid_token");
    assert!(bulk_events(&app).is_empty());
}

#[actix_web::test]
async fn a_bulk_call_is_one_request_for_the_rate_limit() {
    let app = TestApp::spawn_with(support_contacts::config::Settings {
        api_requests_per_minute: 2,
        ..support_contacts::config::Settings::for_tests()
    })
    .await;
    let token = token(&app, "admin_agent").await;
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let three = || {
        vec![
            item(&app, "Office 365 Business Standard", false),
            item(&app, "Microsoft 365 E3", false),
            item(&app, "Office 365 E1", false),
        ]
    };
    for _ in 0..2 {
        let answer = bulk(&app, &token, &[], &fabrikam, three()).await;
        assert_eq!(answer.status, 200, "three items count as one request");
    }
    let limited = bulk(&app, &token, &[], &fabrikam, three()).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json["code"], "rate_limited");
    assert!(limited.headers.get("retry-after").is_some());
}

/// Loads `customers` new customers of Contoso with `per_customer` license-based subscriptions
/// each through the CSV import, and gives Fabrikam a relationship with delegated admin
/// privileges with each, so that Fabrikam may become their contact.
fn import_eligible_subscriptions(app: &TestApp, customers: usize, per_customer: usize) {
    use support_contacts::db;
    let mut csv = String::from(
        "customer_name,customer_domain,country,external_subscription_id,product,quantity,\
         commerce_type,status,reseller_partner_id\n",
    );
    for c in 0..customers {
        for s in 0..per_customer {
            csv.push_str(&format!(
                "Script Customer {c:02},script{c:02}.example,US,S-{c:02}-{s:03},Product {s:03},1,legacy,active,\n"
            ));
        }
    }
    let actor = actor_of(app, "global.admin@contoso.example");
    let mut conn = app.conn();
    let import_id = db::imports::store(&mut conn, &actor, "script.csv", &csv).unwrap();
    let applied = db::imports::apply(&mut conn, &actor, &import_id).unwrap();
    assert!(
        matches!(applied, db::imports::Applied::Done(_)),
        "the import applies"
    );
    let fabrikam = OrganizationId::from(org_id(app, "Fabrikam Solutions"));
    let ids: Vec<String> = organizations::table
        .filter(organizations::name.like("Script Customer %"))
        .select(organizations::id)
        .load(&mut conn)
        .unwrap();
    assert_eq!(ids.len(), customers);
    for id in ids {
        db::relationships::insert_customer_relationship(
            &mut conn,
            &fabrikam,
            &CustomerId::from(id),
            true,
            db::now(),
        )
        .unwrap();
    }
}

/// Every item of a collection, following `links.next`.
async fn all_pages(app: &TestApp, token: &str, first: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(uri) = next {
        let page = call(app, "GET", &uri, Some(token), &[], None).await;
        assert_eq!(page.status, 200, "{uri}: {}", page.json);
        items.extend(page.json["items"].as_array().unwrap().iter().cloned());
        next = page.json["links"]["next"]["uri"]
            .as_str()
            .map(str::to_string);
    }
    items
}

#[actix_web::test]
async fn a_partners_script_changes_1000_subscriptions_in_one_call_and_reads_them_back() {
    let app = TestApp::spawn_with(support_contacts::config::Settings {
        api_requests_per_minute: 100_000,
        ..support_contacts::config::Settings::for_tests()
    })
    .await;
    import_eligible_subscriptions(&app, 20, 50);
    let (client_id, secret) = make_client(&app, "Partner script", "admin_agent").await;

    // The script, over HTTP only: a token with HTTP Basic, as OAuth clients usually send it.
    let client = crate::helpers::http_client();
    let mut res = client
        .post(format!("{}/v1/token", app.base))
        .basic_auth(&client_id, &secret)
        .send_form(&[("grant_type", "client_credentials")])
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let answer: Value = res.json().await.unwrap();
    let token = answer["access_token"].as_str().unwrap().to_string();

    let customers = all_pages(&app, &token, "/v1/customers?size=7").await;
    let mut items = Vec::new();
    for customer in &customers {
        let id = customer["id"].as_str().unwrap();
        let subs = all_pages(
            &app,
            &token,
            &format!("/v1/customers/{id}/subscriptions?size=20"),
        )
        .await;
        items.extend(
            subs.iter()
                .filter(|s| s["offerName"].as_str().unwrap().starts_with("Product "))
                .map(|s| {
                    json!({
                        "customerId": s["customerId"],
                        "subscriptionId": s["id"],
                        "etag": s["attributes"]["etag"],
                    })
                }),
        );
    }
    assert_eq!(items.len(), 1_000);

    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let changed = bulk(&app, &token, &[], &fabrikam, items.clone()).await;
    assert_eq!(changed.status, 200, "{}", changed.json["code"]);
    assert_eq!(changed.json["changed"], 1_000);
    assert_eq!(changed.json["refused"], 0);
    let bulk_change_id = changed.json["bulkChangeId"].as_str().unwrap().to_string();
    let answered: Vec<&Value> = changed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["subscriptionId"])
        .collect();
    let asked: Vec<&Value> = items.iter().map(|i| &i["subscriptionId"]).collect();
    assert_eq!(answered, asked, "in the order asked");

    for item in &items {
        let path = format!(
            "/v1/customers/{}/subscriptions/{}/supportcontact",
            item["customerId"].as_str().unwrap(),
            item["subscriptionId"].as_str().unwrap()
        );
        let got = call(&app, "GET", &path, Some(&token), &[], None).await;
        assert_eq!(got.json["name"], "Fabrikam Solutions", "{path}");
    }

    let log = all_pages(&app, &token, "/v1/auditrecords?size=200").await;
    let of_this_change: Vec<&Value> = log
        .iter()
        .filter(|e| e["bulkChangeId"] == bulk_change_id.as_str())
        .collect();
    assert_eq!(of_this_change.len(), 1_000);
    assert!(of_this_change.iter().all(|e| {
        e["action"] == "support_contact_bulk_changed"
            && e["actorType"] == "apiClient"
            && e["actorName"] == "Partner script"
            && e["newValue"] == "Fabrikam Solutions"
    }));
}

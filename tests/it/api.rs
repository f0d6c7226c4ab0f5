//! The JSON API: API clients made on their page, client-credentials tokens, and the support
//! contact read and changed with the pages' rules; every refusal answers JSON.

use diesel::prelude::*;
use support_contacts::db::schema::{api_clients, audit_events, subscriptions};

use crate::helpers::*;
use crate::support_contact::{contact_of, org_id};

/// Creates an API client on the page as Contoso's Global admin; returns its id and secret.
pub async fn make_client(app: &TestApp, name: &str, role: &str) -> (String, String) {
    let b = app.signed_in("global.admin@contoso.example").await;
    let page = b.get("/api-clients").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let created = b
        .post(
            "/api-clients",
            &[
                ("csrf_token", &page.csrf()),
                ("name", name),
                ("role", role),
                ("lifetime_days", "30"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    (
        created.input_value("client_id").unwrap(),
        created.input_value("client_secret").unwrap(),
    )
}

pub struct Answer {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub json: serde_json::Value,
}

pub async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<(&str, Vec<u8>)>,
) -> Answer {
    let client = crate::helpers::http_client();
    let url = format!("{}{}", app.base, path);
    let mut req = match method {
        "POST" => client.post(url),
        "PUT" => client.put(url),
        _ => client.get(url),
    };
    if let Some(token) = token {
        req = req.insert_header(("Authorization", format!("Bearer {token}")));
    }
    for (k, v) in headers {
        req = req.insert_header((*k, *v));
    }
    let mut res = match body {
        Some((content_type, bytes)) => req
            .insert_header(("Content-Type", content_type))
            .send_body(bytes)
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}")),
        None => req
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}")),
    };
    let bytes = res
        .body()
        .limit(16 << 20)
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: reading the answer: {e}"));
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)));
    Answer {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
        json,
    }
}

pub async fn token_for(app: &TestApp, id: &str, secret: &str) -> Answer {
    let form = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}");
    call(
        app,
        "POST",
        "/v1/token",
        None,
        &[],
        Some(("application/x-www-form-urlencoded", form.into_bytes())),
    )
    .await
}

/// The access token of a client, by its id and secret.
pub async fn access_token(app: &TestApp, id: &str, secret: &str) -> String {
    let answer = token_for(app, id, secret).await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    answer.json["access_token"].as_str().unwrap().to_string()
}

/// Makes the client expire a second ago.
pub fn expire_client(app: &TestApp, id: &str) {
    diesel::update(api_clients::table.find(id))
        .set(api_clients::expires_at.eq(support_contacts::db::now() - chrono::Duration::seconds(1)))
        .execute(&mut app.conn())
        .unwrap();
}

/// Revokes the client on its page, as Contoso's Global admin.
pub async fn revoke_client(app: &TestApp, id: &str) {
    let b = app.signed_in("global.admin@contoso.example").await;
    let page = b.get("/api-clients").await;
    let revoked = b
        .post(
            &format!("/api-clients/{id}/revoke"),
            &[("csrf_token", &page.csrf())],
        )
        .await;
    assert_eq!(revoked.status, 303);
}

pub async fn token(app: &TestApp, role: &str) -> String {
    let (id, secret) = make_client(app, &format!("Sync {role}"), role).await;
    access_token(app, &id, &secret).await
}

pub fn subscription_path(app: &TestApp, product: &str) -> String {
    let (customer, id): (String, String) = subscriptions::table
        .filter(subscriptions::product_name.eq(product))
        .select((subscriptions::customer_id, subscriptions::id))
        .first(&mut app.conn())
        .unwrap();
    format!("/v1/customers/{customer}/subscriptions/{id}")
}

pub fn tenant_of(app: &TestApp, name: &str) -> String {
    use support_contacts::db::schema::organizations;
    organizations::table
        .filter(organizations::name.eq(name))
        .select(organizations::tenant_id)
        .first(&mut app.conn())
        .unwrap()
}

pub(crate) fn put_body(tenant: &str) -> Option<(&'static str, Vec<u8>)> {
    Some((
        "application/json",
        serde_json::json!({ "supportTenantId": tenant, "attributes": { "objectType": "SupportContact" } })
            .to_string()
            .into_bytes(),
    ))
}

#[actix_web::test]
async fn a_client_gets_a_token_and_changes_a_support_contact_with_if_match() {
    let app = TestApp::spawn().await;
    let (id, secret) = make_client(&app, "Ticket sync", "helpdesk_agent").await;
    let stored: String = api_clients::table
        .select(api_clients::secret_hash)
        .first(&mut app.conn())
        .unwrap();
    assert_ne!(stored, secret, "only a hash is stored");
    let answer = token_for(&app, &id, &secret).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["token_type"], "Bearer");
    assert_eq!(answer.json["expires_in"], 3600);
    let token = answer.json["access_token"].as_str().unwrap().to_string();

    let path = format!(
        "{}/supportcontact",
        subscription_path(&app, "Office 365 Business Standard")
    );
    let got = call(&app, "GET", &path, Some(&token), &[], None).await;
    assert_eq!(got.status, 200, "{}", got.json);
    assert_eq!(got.json["name"], "Contoso Distribution");
    assert_eq!(got.json["attributes"]["objectType"], "SupportContact");
    let etag = got
        .headers
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();

    let eligible = call(
        &app,
        "GET",
        &format!("{path}/eligible"),
        Some(&token),
        &[],
        None,
    )
    .await;
    let names: Vec<&str> = eligible.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Contoso Distribution", "Fabrikam Solutions"]);

    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let put = call(
        &app,
        "PUT",
        &path,
        Some(&token),
        &[("If-Match", &etag)],
        put_body(&fabrikam),
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.json);
    assert_eq!(put.json["name"], "Fabrikam Solutions");
    assert_eq!(
        contact_of(&app, "Office 365 Business Standard").as_deref(),
        Some("Fabrikam Solutions")
    );
    let (actor, user, client): (String, Option<String>, Option<String>) = audit_events::table
        .filter(audit_events::action.eq("support_contact_changed"))
        .select((
            audit_events::actor_name,
            audit_events::actor_user_id,
            audit_events::actor_api_client_id,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        (actor.as_str(), user, client),
        ("Ticket sync", None, Some(id.clone()))
    );

    // The old ETag is stale now: 412 with the current value.
    let contoso = tenant_of(&app, "Contoso Distribution");
    let stale = call(
        &app,
        "PUT",
        &path,
        Some(&token),
        &[("If-Match", &etag)],
        put_body(&contoso),
    )
    .await;
    assert_eq!(stale.status, 412);
    assert_eq!(stale.json["code"], "precondition_failed");
    assert_eq!(stale.json["current"]["name"], "Fabrikam Solutions");

    // The audit page names the client as an API client.
    let b = app.signed_in("global.admin@contoso.example").await;
    assert!(b
        .get("/audit")
        .await
        .main_text()
        .contains("Ticket sync (API client)"));
}

#[actix_web::test]
async fn the_api_refuses_what_the_pages_refuse_in_json() {
    let app = TestApp::spawn().await;
    let helpdesk = token(&app, "helpdesk_agent").await;
    let sales = token(&app, "sales_agent").await;
    let path = format!(
        "{}/supportcontact",
        subscription_path(&app, "Office 365 Business Standard")
    );
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");

    let no_token = call(&app, "GET", &path, None, &[], None).await;
    assert_eq!(no_token.status, 401);
    assert!(no_token
        .headers
        .get("www-authenticate")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(no_token.json["code"], "invalid_token");
    let bad = call(&app, "GET", &path, Some(&"0".repeat(64)), &[], None).await;
    assert_eq!(bad.status, 401);

    let read = call(&app, "GET", &path, Some(&sales), &[], None).await;
    assert_eq!(read.status, 200, "a Sales agent's client reads");
    let refused = call(&app, "PUT", &path, Some(&sales), &[], put_body(&fabrikam)).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json["code"], "forbidden");

    let northwind = tenant_of(&app, "Northwind Traders");
    let ineligible = call(
        &app,
        "PUT",
        &path,
        Some(&helpdesk),
        &[],
        put_body(&northwind),
    )
    .await;
    assert_eq!(ineligible.status, 422, "{}", ineligible.json);
    assert_eq!(ineligible.json["code"], "contact_not_available");

    let new_commerce = format!(
        "{}/supportcontact",
        subscription_path(&app, "Microsoft 365 Business Premium")
    );
    let nc = call(
        &app,
        "PUT",
        &new_commerce,
        Some(&helpdesk),
        &[],
        put_body(&fabrikam),
    )
    .await;
    assert_eq!(nc.json["code"], "new_commerce");
    assert_eq!(
        call(&app, "GET", &new_commerce, Some(&helpdesk), &[], None)
            .await
            .status,
        404
    );

    let other_tenant = format!(
        "{}/supportcontact",
        subscription_path(&app, "Exchange Online (Plan 1)")
    );
    let other = call(&app, "GET", &other_tenant, Some(&helpdesk), &[], None).await;
    assert_eq!(other.status, 404, "Litware's subscription is not Contoso's");
    assert_eq!(other.json["code"], "not_found");

    let bad_json = call(
        &app,
        "PUT",
        &path,
        Some(&helpdesk),
        &[],
        Some(("application/json", b"{nope".to_vec())),
    )
    .await;
    assert_eq!(bad_json.status, 400);
    assert_eq!(bad_json.json["code"], "bad_json");
    let big = call(
        &app,
        "PUT",
        &path,
        Some(&helpdesk),
        &[],
        Some(("application/json", vec![b' '; 64 * 1024])),
    )
    .await;
    assert_eq!(big.status, 413);
    assert_eq!(big.json["code"], "payload_too_large");

    let unknown = call(
        &app,
        "GET",
        "/v1/nothing-here",
        Some(&helpdesk),
        &[("Accept-Language", "ja-JP")],
        None,
    )
    .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json["code"], "not_found");
    let zh = call(
        &app,
        "GET",
        &path,
        None,
        &[("Accept-Language", "zh-TW")],
        None,
    )
    .await;
    assert!(
        zh.json["description"].as_str().unwrap().contains("權杖"),
        "{}",
        zh.json
    );
}

#[actix_web::test]
async fn revoked_and_expired_clients_lose_their_tokens() {
    let app = TestApp::spawn().await;
    let (id, secret) = make_client(&app, "Short lived", "admin_agent").await;
    let token = access_token(&app, &id, &secret).await;
    assert_eq!(
        call(&app, "GET", "/v1/customers", Some(&token), &[], None)
            .await
            .status,
        200
    );

    let wrong = token_for(&app, &id, &"f".repeat(64)).await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json["code"], "invalid_client");

    // Expired: its existing token and new token requests stop working.
    expire_client(&app, &id);
    assert_eq!(
        call(&app, "GET", "/v1/customers", Some(&token), &[], None)
            .await
            .status,
        401
    );
    assert_eq!(token_for(&app, &id, &secret).await.status, 401);

    // Revoked on the page: the token stops at once.
    let (id, secret) = make_client(&app, "Revoked soon", "admin_agent").await;
    let token = access_token(&app, &id, &secret).await;
    revoke_client(&app, &id).await;
    assert_eq!(
        call(&app, "GET", "/v1/customers", Some(&token), &[], None)
            .await
            .status,
        401
    );
    assert_eq!(token_for(&app, &id, &secret).await.status, 401);
    let actions: Vec<String> = audit_events::table
        .filter(audit_events::object_kind.eq("api_client"))
        .select(audit_events::action)
        .load(&mut app.conn())
        .unwrap();
    assert!(actions.contains(&"api_client_created".to_string()));
    assert!(actions.contains(&"api_client_revoked".to_string()));
}

#[actix_web::test]
async fn only_a_partners_global_admin_manages_api_clients_with_csrf() {
    let app = TestApp::spawn().await;
    let helpdesk = app.signed_in("helpdesk@contoso.example").await;
    assert_eq!(helpdesk.get("/api-clients").await.status, 403);
    let admin = app.signed_in("global.admin@contoso.example").await;
    let no_csrf = admin
        .post(
            "/api-clients",
            &[
                ("name", "x"),
                ("role", "admin_agent"),
                ("lifetime_days", "30"),
            ],
        )
        .await;
    assert_eq!(no_csrf.status, 403);
    let users = admin.get("/users").await;
    assert!(users.link("API clients").is_some());
    let _ = org_id(&app, "Contoso Distribution");
}

#[actix_web::test]
async fn lists_page_with_a_continuation_link_and_read_the_profile_and_the_log() {
    let app = TestApp::spawn().await;
    let admin = token(&app, "admin_agent").await;
    let first = call(&app, "GET", "/v1/customers?size=1", Some(&admin), &[], None).await;
    assert_eq!(first.status, 200, "{}", first.json);
    assert_eq!(first.json["items"].as_array().unwrap().len(), 1);
    let next = first.json["links"]["next"]["uri"]
        .as_str()
        .expect("a next link");
    let second = call(&app, "GET", next, Some(&admin), &[], None).await;
    assert_eq!(second.status, 200);
    assert_ne!(second.json["items"][0]["id"], first.json["items"][0]["id"]);

    let sub = subscription_path(&app, "Office 365 Business Standard");
    let customer = sub.rsplit_once("/subscriptions/").unwrap().0;
    let subs = call(
        &app,
        "GET",
        &format!("{customer}/subscriptions?size=1"),
        Some(&admin),
        &[],
        None,
    )
    .await;
    assert_eq!(subs.status, 200);
    assert!(subs.json["links"]["next"]["uri"].is_string());
    let one = call(&app, "GET", &sub, Some(&admin), &[], None).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json["offerName"], "Office 365 Business Standard");
    assert!(one.headers.get("etag").is_some());

    let profile = profile(&app, &admin).await;
    assert_eq!(profile.status, 200);
    assert_eq!(profile.json["attributes"]["objectType"], "SupportProfile");

    let log = call(
        &app,
        "GET",
        "/v1/auditrecords?size=1",
        Some(&admin),
        &[],
        None,
    )
    .await;
    assert_eq!(log.status, 200, "{}", log.json);
    assert_eq!(log.json["items"][0]["action"], "api_client_created");
    let sales = token(&app, "sales_agent").await;
    assert_eq!(
        call(&app, "GET", "/v1/auditrecords", Some(&sales), &[], None)
            .await
            .status,
        403
    );
    assert_eq!(
        call(&app, "GET", "/v1/customers?size=0", Some(&sales), &[], None)
            .await
            .status,
        400
    );
}

/// The support profile, as a client with `token` reads it.
async fn profile(app: &TestApp, token: &str) -> Answer {
    call(
        app,
        "GET",
        "/v1/profiles/supportprofile",
        Some(token),
        &[],
        None,
    )
    .await
}

/// A server whose clients may make `per_minute` requests a minute, and a Sales agent client's
/// token.
async fn limited_to(per_minute: u32) -> (TestApp, String) {
    let app = TestApp::spawn_with(support_contacts::config::Settings {
        api_requests_per_minute: per_minute,
        ..support_contacts::config::Settings::for_tests()
    })
    .await;
    let token = token(&app, "sales_agent").await;
    (app, token)
}

#[actix_web::test]
async fn a_client_over_its_rate_waits_for_the_next_window() {
    let (app, token) = limited_to(3).await;
    for _ in 0..3 {
        assert_eq!(profile(&app, &token).await.status, 200);
    }
    let limited = profile(&app, &token).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json["code"], "rate_limited");
    let wait: u64 = limited
        .headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait));
    let other = token_for_new(&app).await;
    assert_eq!(
        profile(&app, &other).await.status,
        200,
        "other clients are not affected"
    );
}

async fn token_for_new(app: &TestApp) -> String {
    token(app, "admin_agent").await
}

#[actix_web::test]
async fn instances_share_one_rate_count_per_client() {
    let (a, token) = limited_to(3).await;
    let b = TestApp::spawn_on(
        a.target.clone(),
        a.settings.clone(),
        support_contacts::db::PoolSettings::default(),
    )
    .await;
    assert_eq!(profile(&a, &token).await.status, 200);
    assert_eq!(profile(&b, &token).await.status, 200);
    assert_eq!(profile(&a, &token).await.status, 200);
    // The fourth request is over the limit whichever instance takes it.
    let limited = profile(&b, &token).await;
    assert_eq!(limited.status, 429, "{}", limited.json);
    assert!(limited.headers.get("retry-after").is_some());
    assert_eq!(profile(&a, &token).await.status, 429);
}

#[actix_web::test]
async fn simultaneous_requests_never_pass_the_limit() {
    let (app, token) = limited_to(5).await;
    let calls = (0..12).map(|_| profile(&app, &token));
    let answers = futures_util::future::join_all(calls).await;
    let admitted = answers.iter().filter(|a| a.status == 200).count();
    let limited = answers.iter().filter(|a| a.status == 429).count();
    assert_eq!((admitted, limited), (5, 7));
}

//! The OpenAPI document at `/v1/openapi.json` against the running app: every route is in it and
//! every operation in it is routed, and every status an endpoint answers is declared, with the
//! headers it declares and a JSON body its schema accepts.

use std::collections::BTreeSet;

use diesel::prelude::*;
use serde_json::Value;
use support_contacts::db::schema::{api_clients, subscriptions};
use support_contacts::web::api::{is_api_path, ROUTES, SECURITY_SCHEME};
use support_contacts::web::urls;

use crate::api::{call, make_client, put_body, subscription_path, tenant_of, token, Answer};
use crate::helpers::*;

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let answer = call(app, "GET", urls::API_OPENAPI, None, &[], None).await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    let version = answer.json["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1"), "OpenAPI {version}");
    answer.json
}

/// The document's operations as `(method, path)`.
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| (m.to_string(), path.clone()))
        })
        .collect()
}

/// A path of `pattern` with every placeholder filled.
fn filled(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|part| if part.starts_with('{') { "x" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

/// Closes every object schema that lists its properties, so a body with a field the document
/// does not declare fails (utoipa leaves response objects open).
fn closed(mut schema: Value) -> Value {
    fn close(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                map.values_mut().for_each(close);
            }
            Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    close(&mut schema);
    schema
}

/// Checks answers against the document and remembers which `(method, path, status)` it saw.
struct Contract {
    doc: Value,
    checked: BTreeSet<(String, String, String)>,
}

impl Contract {
    fn new(doc: Value) -> Contract {
        Contract {
            doc,
            checked: BTreeSet::new(),
        }
    }

    /// What is wrong with `answer` as the answer of `method pattern`, by the document.
    fn problems(&self, method: &str, pattern: &str, answer: &Answer) -> Vec<String> {
        let method = method.to_lowercase();
        let operation = &self.doc["paths"][pattern][&method];
        if !operation.is_object() {
            return vec![format!("{method} {pattern} is not in the document")];
        }
        let status = answer.status.to_string();
        let response = &operation["responses"][&status];
        if !response.is_object() {
            return vec![format!(
                "{method} {pattern} answered {status}, not declared"
            )];
        }
        let mut problems: Vec<String> = response["headers"]
            .as_object()
            .into_iter()
            .flat_map(|h| h.keys())
            .filter(|name| answer.headers.get(name.as_str()).is_none())
            .map(|name| format!("{method} {pattern} {status}: no {name} header"))
            .collect();
        let schema = &response["content"]["application/json"]["schema"];
        if !schema.is_object() {
            problems.push(format!("{method} {pattern} {status}: no JSON schema"));
            return problems;
        }
        // The operation's schema with the document's components beside it, so that its
        // `$ref: #/components/schemas/…` resolve within this one root.
        let mut root = closed(schema.clone());
        root["components"] = closed(self.doc["components"].clone());
        let validator = jsonschema::draft202012::new(&root)
            .unwrap_or_else(|e| panic!("{method} {pattern} {status}: bad schema: {e}"));
        problems.extend(
            validator
                .iter_errors(&answer.json)
                .map(|e| format!("{method} {pattern} {status}: {e} at {}", e.instance_path())),
        );
        problems
    }

    /// Asserts that `answer` is what the document says `method pattern` answers.
    fn check(&mut self, method: &str, pattern: &str, answer: &Answer) {
        let problems = self.problems(method, pattern, answer);
        assert!(problems.is_empty(), "{problems:#?}\n{}", answer.json);
        self.checked.insert((
            method.to_lowercase(),
            pattern.to_string(),
            answer.status.to_string(),
        ));
    }

    /// Every response the document declares, as `(method, path, status)`.
    fn declared(&self) -> BTreeSet<(String, String, String)> {
        operations(&self.doc)
            .into_iter()
            .flat_map(|(method, path)| {
                let statuses: Vec<String> = self.doc["paths"][&path][&method]["responses"]
                    .as_object()
                    .map(|r| r.keys().cloned().collect())
                    .unwrap_or_default();
                statuses
                    .into_iter()
                    .map(move |s| (method.clone(), path.clone(), s))
            })
            .collect()
    }
}

#[actix_web::test]
async fn every_route_is_in_the_document_and_every_operation_is_routed() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, pattern)| (method.to_string(), pattern.to_string()))
        .collect();
    assert_eq!(routed.len(), ROUTES.len(), "a route is registered twice");
    assert_eq!(operations(&doc), routed);

    for (method, pattern) in ROUTES {
        assert!(is_api_path(pattern), "{pattern} is not under /v1");
        // Answered by its handler (a token is missing, or the form), not by the router's 404.
        let answer = call(
            &app,
            &method.to_uppercase(),
            &filled(pattern),
            None,
            &[],
            None,
        )
        .await;
        assert!(
            [200, 400, 401].contains(&answer.status),
            "{method} {pattern}: {} {}",
            answer.status,
            answer.json
        );
        // Operations that take a token say so; the token and the document itself do not.
        let security = &doc["paths"][pattern][method]["security"];
        let open = [urls::API_TOKEN, urls::API_OPENAPI].contains(pattern);
        assert_eq!(
            security.is_null(),
            open,
            "{method} {pattern} security: {security}"
        );
        if !open {
            assert!(security[0][SECURITY_SCHEME].is_array(), "{security}");
        }
    }
    let scheme = &doc["components"]["securitySchemes"][SECURITY_SCHEME];
    assert_eq!(
        scheme["flows"]["clientCredentials"]["tokenUrl"],
        urls::API_TOKEN,
        "{scheme}"
    );
}

/// A client whose stored role is no partner role: the API refuses it whatever it asks.
async fn forbidden_token(app: &TestApp) -> String {
    let (id, secret) = make_client(app, "Turned customer", "admin_agent").await;
    diesel::update(api_clients::table.find(&id))
        .set(api_clients::role.eq("customer_global_admin"))
        .execute(&mut app.conn())
        .unwrap();
    crate::api::token_for(app, &id, &secret).await.json["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

#[actix_web::test]
async fn every_answer_matches_the_schema_the_document_declares() {
    let app = TestApp::spawn().await;
    let mut contract = Contract::new(document(&app).await);

    // The token endpoint and the document.
    let (id, secret) = make_client(&app, "Contract", "helpdesk_agent").await;
    let form = |s: &str| Some(("application/x-www-form-urlencoded", s.as_bytes().to_vec()));
    let post_token = |body: String| {
        let app = &app;
        async move { call(app, "POST", urls::API_TOKEN, None, &[], form(&body)).await }
    };
    let issued = post_token(format!(
        "grant_type=client_credentials&client_id={id}&client_secret={secret}"
    ))
    .await;
    contract.check("post", urls::API_TOKEN, &issued);
    let wrong_grant = post_token(format!("grant_type=password&client_id={id}")).await;
    contract.check("post", urls::API_TOKEN, &wrong_grant);
    let wrong_secret = post_token(format!(
        "grant_type=client_credentials&client_id={id}&client_secret=nope"
    ))
    .await;
    contract.check("post", urls::API_TOKEN, &wrong_secret);
    let doc = call(&app, "GET", urls::API_OPENAPI, None, &[], None).await;
    contract.check("get", urls::API_OPENAPI, &doc);

    // What every operation that takes a token answers without one and to a refused client.
    let forbidden = forbidden_token(&app).await;
    for (method, pattern) in ROUTES {
        if [urls::API_TOKEN, urls::API_OPENAPI].contains(pattern) {
            continue;
        }
        let path = filled(pattern);
        let method_name = method.to_uppercase();
        let none = call(&app, &method_name, &path, None, &[], None).await;
        assert_eq!(none.status, 401, "{method} {pattern}");
        contract.check(method, pattern, &none);
        let refused = call(&app, &method_name, &path, Some(&forbidden), &[], None).await;
        assert_eq!(refused.status, 403, "{method} {pattern}");
        contract.check(method, pattern, &refused);
    }

    let helpdesk = issued.json["access_token"].as_str().unwrap().to_string();
    let admin = token(&app, "admin_agent").await;
    let sales = token(&app, "sales_agent").await;
    let get = |path: String, token: String| {
        let app = &app;
        async move { call(app, "GET", &path, Some(&token), &[], None).await }
    };

    // Collections, each a first page with a next link, and a bad page size.
    let sub = subscription_path(&app, "Office 365 Business Standard");
    let customer = sub.rsplit_once("/subscriptions/").unwrap().0.to_string();
    let other_sub = subscription_path(&app, "Exchange Online (Plan 1)");
    for (path, pattern) in [
        (urls::API_CUSTOMERS.to_string(), urls::API_CUSTOMERS),
        (
            format!("{customer}/subscriptions"),
            urls::route::API_SUBSCRIPTIONS,
        ),
        (urls::API_AUDIT.to_string(), urls::API_AUDIT),
    ] {
        let page = get(format!("{path}?size=1"), admin.clone()).await;
        assert_eq!(page.status, 200, "{path}: {}", page.json);
        assert!(page.json["links"]["next"]["uri"].is_string(), "{path}");
        contract.check("get", pattern, &page);
        let bad = get(format!("{path}?size=0"), admin.clone()).await;
        contract.check("get", pattern, &bad);
    }
    // A well-formed id that is nobody's customer.
    let unknown = urls::api_subscriptions("00000000-0000-4000-8000-000000000000");
    let not_ours = get(unknown, admin.clone()).await;
    contract.check("get", urls::route::API_SUBSCRIPTIONS, &not_ours);
    contract.check(
        "get",
        urls::API_AUDIT,
        &get(urls::API_AUDIT.into(), sales.clone()).await,
    );
    contract.check(
        "get",
        urls::API_SUPPORT_PROFILE,
        &get(urls::API_SUPPORT_PROFILE.into(), sales.clone()).await,
    );

    // One subscription, its support contact and the eligible ones; another tenant's, and new
    // commerce without a support contact.
    let contact = format!("{sub}/supportcontact");
    let new_commerce = format!(
        "{}/supportcontact",
        subscription_path(&app, "Microsoft 365 Business Premium")
    );
    for (path, pattern) in [
        (sub.clone(), urls::route::API_SUBSCRIPTION),
        (other_sub.clone(), urls::route::API_SUBSCRIPTION),
        (contact.clone(), urls::route::API_SUPPORT_CONTACT),
        (new_commerce.clone(), urls::route::API_SUPPORT_CONTACT),
        (
            format!("{contact}/eligible"),
            urls::route::API_ELIGIBLE_CONTACTS,
        ),
        (
            format!("{new_commerce}/eligible"),
            urls::route::API_ELIGIBLE_CONTACTS,
        ),
    ] {
        contract.check("get", pattern, &get(path, sales.clone()).await);
    }

    // Changing the support contact, and each way it is refused.
    let put = |path: String, token: String, headers: Vec<(&'static str, String)>, body| {
        let app = &app;
        async move {
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(app, "PUT", &path, Some(&token), &headers, body).await
        }
    };
    let pattern = urls::route::API_SUPPORT_CONTACT;
    let fabrikam = tenant_of(&app, "Fabrikam Solutions");
    let before = get(contact.clone(), helpdesk.clone()).await;
    let etag = before.headers.get("etag").unwrap().to_str().unwrap();
    // The change is made; the same `If-Match` again is stale: 412 with the current value.
    for expected in [200, 412] {
        let answer = put(
            contact.clone(),
            helpdesk.clone(),
            vec![("If-Match", etag.to_string())],
            put_body(&fabrikam),
        )
        .await;
        assert_eq!(answer.status, expected, "{}", answer.json);
        assert_eq!(answer.json["current"].is_object(), expected == 412);
        contract.check("put", pattern, &answer);
    }
    let refusals = [
        (contact.clone(), sales.clone(), put_body(&fabrikam)),
        (
            contact.clone(),
            helpdesk.clone(),
            Some(("application/json", b"{nope".to_vec())),
        ),
        (
            contact.clone(),
            helpdesk.clone(),
            Some(("application/json", b"{}".to_vec())),
        ),
        (
            contact.clone(),
            helpdesk.clone(),
            Some(("text/plain", b"{}".to_vec())),
        ),
        (
            contact.clone(),
            helpdesk.clone(),
            Some(("application/json", vec![b' '; 64 * 1024])),
        ),
        (
            contact.clone(),
            helpdesk.clone(),
            put_body(&tenant_of(&app, "Northwind Traders")),
        ),
        (
            format!("{other_sub}/supportcontact"),
            helpdesk.clone(),
            put_body(&fabrikam),
        ),
        (new_commerce.clone(), helpdesk.clone(), put_body(&fabrikam)),
    ];
    for (path, token, body) in refusals {
        contract.check("put", pattern, &put(path, token, vec![], body).await);
    }
    // Changing many at once: per-item answers, and the whole call refused.
    let bulk = |body: Option<(&'static str, Vec<u8>)>| {
        let (app, helpdesk) = (&app, helpdesk.clone());
        async move {
            call(
                app,
                "POST",
                urls::API_BULK_SUPPORT_CONTACT,
                Some(&helpdesk),
                &[],
                body,
            )
            .await
        }
    };
    let item = |path: &str| {
        let rest = path.trim_start_matches("/v1/customers/");
        let (customer, subscription) = rest.split_once("/subscriptions/").unwrap();
        serde_json::json!({ "customerId": customer, "subscriptionId": subscription })
    };
    let items = vec![
        item(&subscription_path(&app, "Microsoft 365 E3")),
        item(&other_sub),
    ];
    let json_body = |items: Vec<Value>| {
        Some((
            "application/json",
            serde_json::to_vec(&serde_json::json!({ "supportTenantId": fabrikam, "items": items }))
                .unwrap(),
        ))
    };
    let changed = bulk(json_body(items)).await;
    assert_eq!(changed.status, 200, "{}", changed.json);
    assert_eq!(changed.json["changed"], 1);
    assert_eq!(changed.json["items"][1]["code"], "not_found");
    contract.check("post", urls::API_BULK_SUPPORT_CONTACT, &changed);
    let too_many = vec![item(&other_sub); support_contacts::domain::bulk::MAX_API_ITEMS + 1];
    for body in [
        Some(("application/json", b"{nope".to_vec())),
        json_body(too_many),
        Some(("text/plain", b"{}".to_vec())),
    ] {
        let refused = bulk(body).await;
        assert!(
            [400, 413, 415].contains(&refused.status),
            "{}",
            refused.json
        );
        contract.check("post", urls::API_BULK_SUPPORT_CONTACT, &refused);
    }

    diesel::update(
        subscriptions::table.filter(subscriptions::product_name.eq("Office 365 Business Standard")),
    )
    .set(subscriptions::status.eq("cancelled"))
    .execute(&mut app.conn())
    .unwrap();
    let cancelled = put(
        contact.clone(),
        helpdesk.clone(),
        vec![],
        put_body(&tenant_of(&app, "Contoso Distribution")),
    )
    .await;
    assert_eq!(cancelled.json["code"], "subscription_cancelled");
    contract.check("put", pattern, &cancelled);

    // Over the rate: a second app that takes one request a minute per client.
    let limited = TestApp::spawn_with(support_contacts::config::Settings {
        api_requests_per_minute: 1,
        ..support_contacts::config::Settings::for_tests()
    })
    .await;
    let one = token(&limited, "sales_agent").await;
    let first = call(
        &limited,
        "GET",
        urls::API_SUPPORT_PROFILE,
        Some(&one),
        &[],
        None,
    )
    .await;
    assert_eq!(first.status, 200);
    for (method, pattern) in ROUTES {
        if [urls::API_TOKEN, urls::API_OPENAPI].contains(pattern) {
            continue;
        }
        let answer = call(
            &limited,
            &method.to_uppercase(),
            &filled(pattern),
            Some(&one),
            &[],
            None,
        )
        .await;
        assert_eq!(answer.status, 429, "{method} {pattern}");
        contract.check(method, pattern, &answer);
    }

    // Every response the document declares was seen and matched.
    let unseen: Vec<_> = contract
        .declared()
        .difference(&contract.checked)
        .cloned()
        .collect();
    assert!(unseen.is_empty(), "declared but never checked: {unseen:#?}");
}

#[actix_web::test]
async fn the_check_refuses_an_undeclared_field_and_a_missing_one() {
    let app = TestApp::spawn().await;
    let contract = Contract::new(document(&app).await);
    let sales = token(&app, "sales_agent").await;
    let path = format!(
        "{}/supportcontact",
        subscription_path(&app, "Office 365 Business Standard")
    );
    let mut answer = call(&app, "GET", &path, Some(&sales), &[], None).await;
    let pattern = urls::route::API_SUPPORT_CONTACT;
    assert_eq!(
        contract.problems("get", pattern, &answer),
        Vec::<String>::new()
    );

    answer.json["partnerNote"] = "not in the schema".into();
    let extra = contract.problems("get", pattern, &answer);
    assert!(extra.iter().any(|p| p.contains("partnerNote")), "{extra:?}");

    answer.json.as_object_mut().unwrap().remove("partnerNote");
    answer.json.as_object_mut().unwrap().remove("name");
    let missing = contract.problems("get", pattern, &answer);
    assert!(missing.iter().any(|p| p.contains("name")), "{missing:?}");

    answer.headers.remove("etag");
    answer.json["name"] = 7.into();
    let wrong = contract.problems("get", pattern, &answer);
    assert!(wrong.iter().any(|p| p.contains("ETag")), "{wrong:?}");
    assert!(wrong.iter().any(|p| p.contains("string")), "{wrong:?}");
}

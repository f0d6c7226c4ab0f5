//! `POST /v1/bulk/supportcontact`: one new designated support contact for a list of
//! subscriptions, answered item by item in the order given. The same rule, the same audit
//! events and the same transaction as the bulk change pages (`db::subscriptions::bulk`), with
//! the roles and tenant scoping of `PUT …/supportcontact`. A list the server cannot take as a
//! whole (malformed, empty, too long, a subscription twice) is refused before anything is read.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::error::{ApiError, CallerRefusals, ErrorBody};
use super::resources::{change_body, NamedContact};
use super::{json, urls};
use crate::auth::api::ApiCaller;
use crate::db::subscriptions::bulk::{self as db_bulk, ItemAt, ItemOutcome, ItemResult};
use crate::db::Db;
use crate::domain::api::{etag, IfMatch};
use crate::domain::bulk::{first_repeated, BulkRefusal, MAX_API_ITEMS};
use crate::domain::{CustomerId, SubscriptionId};
use crate::i18n::I18n;

/// The largest body taken here: [`MAX_API_ITEMS`] items of two ids and an `ETag` are about
/// 1.3 MB written compactly; the rest leaves room for indentation.
pub const BULK_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// The request: the new contact, named as in `PUT …/supportcontact`, and the subscriptions.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkRequest {
    pub support_tenant_id: Option<String>,
    pub support_mpn_id: Option<String>,
    pub items: Vec<BulkRequestItem>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkRequestItem {
    pub customer_id: String,
    pub subscription_id: String,
    /// The subscription's `ETag` as a GET gave it: the item changes only if nobody changed the
    /// subscription since. Without it the subscription is judged as it is now.
    pub etag: Option<String>,
}

/// The answer: how many changed and were refused, and every item in the order given.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkResponse {
    /// The reference every audit event of this change carries; null when nothing changed.
    pub bulk_change_id: Option<String>,
    pub changed: usize,
    pub refused: usize,
    pub unchanged: usize,
    pub items: Vec<BulkItemJson>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkItemJson {
    pub customer_id: String,
    pub subscription_id: String,
    /// `changed`, `refused`, or `unchanged` (the contact already was the one asked for).
    pub result: &'static str,
    /// Why it did not change: `not_found`, `stale`, `new_commerce`, `cancelled`,
    /// `not_available` or `already_contact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// The reason in the language of `Accept-Language`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The subscription's `ETag` now (after the change, when it changed); never for a
    /// subscription that is not the caller's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

fn refused_whole(code: &'static str, message_id: &'static str) -> ApiError {
    ApiError::bad_request(code, message_id)
}

/// The version an item's `ETag` names: None for none or `*`. Anything but one strong tag of
/// ours is refused, as a list the client did not mean.
fn version_named(tag: Option<&str>) -> Result<Option<i32>, ApiError> {
    let Some(tag) = tag else {
        return Ok(None);
    };
    match IfMatch::parse(tag) {
        IfMatch::Any => Ok(None),
        IfMatch::Versions(versions) if versions.len() == 1 => Ok(Some(versions[0])),
        IfMatch::Versions(_) => Err(refused_whole("bad_etag", "api-error-bulk-etag")),
    }
}

/// Checks the list as a whole and turns it into the items the database layer judges.
fn checked_items(items: Vec<BulkRequestItem>) -> Result<Vec<ItemAt>, ApiError> {
    if items.is_empty() {
        return Err(refused_whole("no_items", "api-error-bulk-empty"));
    }
    if items.len() > MAX_API_ITEMS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_items",
            "api-error-bulk-too-many",
        ));
    }
    if first_repeated(items.iter().map(|i| i.subscription_id.as_str())).is_some() {
        return Err(refused_whole("duplicate_items", "api-error-bulk-duplicate"));
    }
    items
        .into_iter()
        .map(|item| {
            let version = version_named(item.etag.as_deref())?;
            Ok((
                CustomerId::from(item.customer_id),
                SubscriptionId::from(item.subscription_id),
                version,
            ))
        })
        .collect()
}

/// One item of the answer; `describe` gives a reason's text.
fn item_json(item: &ItemOutcome, describe: &mut impl FnMut(BulkRefusal) -> String) -> BulkItemJson {
    let version = item.subscription.as_ref().map(|s| s.version);
    let (result, refusal, version) = match item.result {
        ItemResult::Changed { .. } | ItemResult::WouldChange => {
            ("changed", None, version.map(|v| v + 1))
        }
        ItemResult::Refused(BulkRefusal::AlreadyContact) => {
            ("unchanged", Some(BulkRefusal::AlreadyContact), version)
        }
        ItemResult::Refused(refusal) => ("refused", Some(refusal), version),
    };
    BulkItemJson {
        customer_id: item.customer_id.to_string(),
        subscription_id: item.subscription_id.to_string(),
        result,
        code: refusal.map(BulkRefusal::code),
        description: refusal.map(&mut *describe),
        etag: version.map(etag),
    }
}

/// `POST /v1/bulk/supportcontact`.
#[utoipa::path(
    post,
    path = urls::API_BULK_SUPPORT_CONTACT,
    request_body = BulkRequest,
    responses(
        (status = 200, description = "Every item's result, in the order given; each change is its own audit event sharing `bulkChangeId`", body = BulkResponse),
        (status = 400, description = "Bad JSON, no items, a subscription twice, an `etag` that is not one of ours, or no support contact named", body = ErrorBody),
        (status = 413, description = "More items than one call takes, or a body too large", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn change_support_contacts(
    caller: ApiCaller,
    req: HttpRequest,
    payload: web::Payload,
    db: web::Data<Db>,
    i18n: web::Data<I18n>,
) -> Result<HttpResponse, ApiError> {
    let request: BulkRequest = change_body(&caller, &req, payload, BULK_BODY_LIMIT).await?;
    let contact = NamedContact::of(request.support_tenant_id, request.support_mpn_id)?;
    let items = checked_items(request.items)?;
    let actor = caller.actor();
    let outcome = db
        .run(move |conn| {
            let chosen = contact.id(conn)?;
            Ok(db_bulk::change_many_at(conn, &actor, &items, &chosen)?)
        })
        .await?;
    // Thousands of items share a handful of reasons: each is formatted once.
    let mut descriptions: HashMap<&'static str, String> = HashMap::new();
    let mut describe = |refusal: BulkRefusal| {
        descriptions
            .entry(refusal.code())
            .or_insert_with(|| i18n.format(caller.locale, refusal.message_id(), None))
            .clone()
    };
    let items: Vec<BulkItemJson> = outcome
        .items
        .iter()
        .map(|item| item_json(item, &mut describe))
        .collect();
    let count = |result: &str| items.iter().filter(|i| i.result == result).count();
    let response = BulkResponse {
        bulk_change_id: outcome.bulk_change_id.clone(),
        changed: count("changed"),
        refused: count("refused"),
        unchanged: count("unchanged"),
        items,
    };
    tracing::info!(
        bulk_change_id = response.bulk_change_id.as_deref().unwrap_or("none"),
        changed = response.changed,
        refused = response.refused,
        "api bulk change"
    );
    json(StatusCode::OK, &response)
}

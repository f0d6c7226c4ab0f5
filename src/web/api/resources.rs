//! The API's resources: what a client reads and changes, with the pages' rules. Collections
//! are paged by keyset; `links.next.uri` continues where a page ended.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::error::{ApiError, CallerRefusals, ErrorBody};
use super::{json, urls};
use crate::auth::api::ApiCaller;
use crate::db::audit::{AuditEvent, LogOf, ANONYMOUS_ACTOR, OPERATOR_ACTOR, SYSTEM_ACTOR};
use crate::db::organizations::{Organization, PageAt};
use crate::db::subscriptions::{ChangeError, Subscription};
use crate::db::{self, Db};
use crate::domain::api::{etag, IfMatch};
use crate::domain::audit::{AuditFilter, LogCursor, LogPage};
use crate::domain::support_contact::ContactRefusal;
use crate::domain::{is_valid_id, Cursor, CustomerId, OrganizationId, SubscriptionId};
use crate::error::AppError;

/// Items per page when the client does not say.
pub const DEFAULT_PAGE_SIZE: i64 = 50;
/// The most items a page holds.
pub const MAX_PAGE_SIZE: i64 = 200;

/// What kind of object a JSON object is, as Partner Center says it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attributes {
    pub object_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

impl Attributes {
    fn of(object_type: &'static str) -> Attributes {
        Attributes {
            object_type,
            etag: None,
        }
    }
}

/// A link to the next page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Link {
    pub uri: String,
    pub method: &'static str,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Links {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
}

/// One page of a collection.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Collection<T> {
    /// How many items this page holds.
    pub total_count: usize,
    pub items: Vec<T>,
    pub links: Links,
    pub attributes: Attributes,
}

impl<T> Collection<T> {
    fn new(items: Vec<T>, next: Option<String>) -> Collection<T> {
        Collection {
            total_count: items.len(),
            items,
            links: Links {
                next: next.map(|uri| Link { uri, method: "GET" }),
            },
            attributes: Attributes::of("Collection"),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerJson {
    pub id: String,
    pub name: String,
    pub tenant_id: String,
    pub domain: Option<String>,
    pub country: Option<String>,
    pub attributes: Attributes,
}

impl From<Organization> for CustomerJson {
    fn from(o: Organization) -> Self {
        CustomerJson {
            id: o.id.to_string(),
            name: o.name,
            tenant_id: o.tenant_id,
            domain: o.domain,
            country: o.country,
            attributes: Attributes::of("Customer"),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionJson {
    pub id: String,
    pub customer_id: String,
    pub offer_name: String,
    pub quantity: i32,
    /// `active`, `suspended` or `cancelled`.
    pub status: String,
    /// `legacy` (license-based) or `new_commerce`; new commerce has no support contact.
    pub commerce_type: String,
    pub start_date: String,
    pub external_id: Option<String>,
    /// The subscription's version; its `ETag` is this number in quotes.
    pub version: i32,
    pub attributes: Attributes,
}

impl From<Subscription> for SubscriptionJson {
    fn from(s: Subscription) -> Self {
        SubscriptionJson {
            attributes: Attributes {
                object_type: "Subscription",
                etag: Some(etag(s.version)),
            },
            id: s.id.to_string(),
            customer_id: s.customer_id.to_string(),
            offer_name: s.product_name,
            quantity: s.quantity,
            status: s.status.as_str().to_string(),
            commerce_type: s.commerce_type.as_str().to_string(),
            start_date: s.start_date.to_string(),
            external_id: s.external_id,
            version: s.version,
        }
    }
}

/// Partner Center's SupportContact.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SupportContactJson {
    pub support_tenant_id: String,
    pub support_mpn_id: Option<String>,
    pub name: String,
    pub attributes: Attributes,
}

impl SupportContactJson {
    fn of(o: &Organization) -> SupportContactJson {
        SupportContactJson {
            support_tenant_id: o.tenant_id.clone(),
            support_mpn_id: o.partner_id.clone(),
            name: o.name.clone(),
            attributes: Attributes::of("SupportContact"),
        }
    }
}

/// A PUT's body: the contact named by its tenant id or its partner (MPN) id.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SupportContactInput {
    pub support_tenant_id: Option<String>,
    pub support_mpn_id: Option<String>,
    /// Ignored: the name is the organization's.
    #[allow(dead_code)]
    pub name: Option<String>,
}

/// Partner Center's SupportProfile.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SupportProfileJson {
    pub display_name: String,
    pub email: Option<String>,
    pub telephone: Option<String>,
    pub website: Option<String>,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecordJson {
    pub id: String,
    /// UTC, RFC 3339.
    pub occurred_at: String,
    /// `user`, `apiClient`, `system`, `operator` or `anonymous`.
    pub actor_type: &'static str,
    pub actor_name: String,
    pub customer_id: Option<String>,
    pub object_type: String,
    pub object_id: String,
    pub object_label: String,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// The bulk change this event is one item of; every event of one bulk change shares it.
    pub bulk_change_id: Option<String>,
    pub attributes: Attributes,
}

impl From<AuditEvent> for AuditRecordJson {
    fn from(e: AuditEvent) -> Self {
        let actor_type = match (&e.actor_user_id, &e.actor_api_client_id) {
            (_, Some(_)) => "apiClient",
            (Some(_), None) => "user",
            (None, None) => match e.actor_name.as_str() {
                SYSTEM_ACTOR => "system",
                OPERATOR_ACTOR => "operator",
                ANONYMOUS_ACTOR => "anonymous",
                _ => "user",
            },
        };
        AuditRecordJson {
            id: e.id,
            occurred_at: e.occurred_at.and_utc().to_rfc3339(),
            actor_type,
            actor_name: e.actor_name,
            customer_id: e.customer_id,
            object_type: e.object_kind.as_str().to_string(),
            object_id: e.object_id,
            object_label: e.object_label,
            action: e.action.as_str().to_string(),
            old_value: e.old_value,
            new_value: e.new_value,
            bulk_change_id: e.bulk_change_id,
            attributes: Attributes::of("AuditRecord"),
        }
    }
}

/// A page's size and where it starts.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 200 (50 when not given).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    size: Option<String>,
    /// Where the page starts: taken from the previous page's `links.next.uri`.
    after: Option<String>,
}

/// The path of one subscription, as the OpenAPI document describes it.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // Never built: the handlers read `(CustomerId, SubscriptionId)`.
pub struct SubscriptionPath {
    /// The customer's id
    customer_id: String,
    /// The subscription's id
    subscription_id: String,
}

fn bad_page() -> ApiError {
    ApiError::bad_request("bad_page", "api-error-bad-page")
}

impl PageQuery {
    fn size(&self) -> Result<i64, ApiError> {
        match self.size.as_deref() {
            None => Ok(DEFAULT_PAGE_SIZE),
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                .ok_or_else(bad_page),
        }
    }
}

fn next_uri(base: &str, size: i64, after: &str) -> String {
    let after = percent_encoding::utf8_percent_encode(after, crate::web::QUERY_VALUE);
    format!("{base}?size={size}&after={after}")
}

fn checked(raw: &str) -> Result<(), ApiError> {
    if is_valid_id(raw) {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}

/// A JSON answer with the `ETag` of `version`.
fn with_etag<T: Serialize>(body: &T, version: i32) -> Result<HttpResponse, ApiError> {
    let mut response = json(StatusCode::OK, body)?;
    response.headers_mut().insert(
        header::ETAG,
        header::HeaderValue::from_str(&etag(version))
            .map_err(|_| ApiError::from(AppError::Internal("etag".into())))?,
    );
    Ok(response)
}

/// `GET /v1/customers`: the caller's customers by name, as on the Customers page.
#[utoipa::path(
    get,
    path = urls::API_CUSTOMERS,
    params(PageQuery),
    responses(
        (status = 200, description = "A page of the caller's customers, by name", body = Collection<CustomerJson>),
        (status = 400, description = "A bad `size` or `after`", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn customers(
    caller: ApiCaller,
    query: web::Query<PageQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let size = query.size()?;
    let at = match query.after.as_deref() {
        None => PageAt::First,
        Some(raw) => PageAt::After(Cursor::parse(raw).ok_or_else(bad_page)?),
    };
    let org_id = caller.organization.id.clone();
    let mut customers = db
        .run(move |conn| {
            Ok(db::organizations::customers_page(
                conn, &org_id, None, &at, size,
            )?)
        })
        .await?;
    let more = customers.len() as i64 > size;
    customers.truncate(size as usize);
    let next = customers.last().filter(|_| more).map(|o| {
        let cursor = Cursor {
            name: o.name.clone(),
            id: o.id.to_string(),
        };
        next_uri(urls::API_CUSTOMERS, size, &cursor.to_string())
    });
    let items = customers.into_iter().map(CustomerJson::from).collect();
    json(StatusCode::OK, &Collection::new(items, next))
}

/// `GET /v1/customers/{c}/subscriptions`: what the customer page lists (a provider's
/// subscriptions, or those a reseller supports), by product name.
#[utoipa::path(
    get,
    path = urls::route::API_SUBSCRIPTIONS,
    params(
        ("customer_id" = String, Path, description = "The customer's id"),
        PageQuery,
    ),
    responses(
        (status = 200, description = "A page of the customer's subscriptions", body = Collection<SubscriptionJson>),
        (status = 400, description = "A bad `size` or `after`", body = ErrorBody),
        (status = 404, description = "Not one of the caller's customers", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn subscriptions(
    caller: ApiCaller,
    path: web::Path<CustomerId>,
    query: web::Query<PageQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = path.into_inner();
    checked(customer_id.as_str())?;
    let size = query.size()?;
    if let Some(after) = &query.after {
        checked(after).map_err(|_| bad_page())?;
    }
    let org_id = caller.organization.id.clone();
    let kind = caller.kind();
    let cid = customer_id.clone();
    let subs = db
        .run(move |conn| {
            db::organizations::customer_of_partner(conn, &org_id, &cid)?
                .ok_or(AppError::NotFound)?;
            Ok(if kind.is_reseller() {
                db::subscriptions::of_customer_supported_by(conn, &org_id, &cid)?
            } else {
                db::subscriptions::of_customer_from_provider(conn, &org_id, &cid)?
            })
        })
        .await?;
    // A customer has few subscriptions from one partner: they are read whole and cut here.
    let start = match &query.after {
        Some(after) => subs
            .iter()
            .position(|s| s.id == after.as_str())
            .map(|i| i + 1)
            .ok_or_else(bad_page)?,
        None => 0,
    };
    let page: Vec<Subscription> = subs
        .iter()
        .skip(start)
        .take(size as usize)
        .cloned()
        .collect();
    let more = subs.len() > start + page.len();
    let next = page
        .last()
        .filter(|_| more)
        .map(|s| next_uri(&urls::api_subscriptions(&customer_id), size, s.id.as_str()));
    let items = page.into_iter().map(SubscriptionJson::from).collect();
    json(StatusCode::OK, &Collection::new(items, next))
}

/// One of the caller's subscriptions (a provider's own, as on the subscription page).
async fn own_subscription(
    caller: &ApiCaller,
    db: &Db,
    customer_id: CustomerId,
    subscription_id: SubscriptionId,
) -> Result<Subscription, ApiError> {
    checked(customer_id.as_str())?;
    checked(subscription_id.as_str())?;
    let org_id = caller.organization.id.clone();
    Ok(db
        .run(move |conn| {
            db::subscriptions::find_for_provider(conn, &org_id, &customer_id, &subscription_id)?
                .ok_or(AppError::NotFound)
        })
        .await?)
}

#[utoipa::path(
    get,
    path = urls::route::API_SUBSCRIPTION,
    params(SubscriptionPath),
    responses(
        (status = 200, description = "The subscription", body = SubscriptionJson,
            headers(("ETag" = String, description = "The subscription's version, for `If-Match`"))),
        (status = 404, description = "No such subscription of the caller's customers", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn subscription(
    caller: ApiCaller,
    path: web::Path<(CustomerId, SubscriptionId)>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let (customer_id, subscription_id) = path.into_inner();
    let sub = own_subscription(&caller, &db, customer_id, subscription_id).await?;
    let version = sub.version;
    with_etag(&SubscriptionJson::from(sub), version)
}

fn no_contact_section() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "new_commerce", "error-new-commerce")
}

/// The subscription's support contact as it is now, and its version.
async fn current_contact(
    caller: &ApiCaller,
    db: &Db,
    customer_id: CustomerId,
    subscription_id: SubscriptionId,
) -> Result<(SupportContactJson, i32), ApiError> {
    let sub = own_subscription(caller, db, customer_id, subscription_id).await?;
    let Some(contact_id) = sub
        .support_contact_id
        .clone()
        .filter(|_| sub.has_contact_section())
    else {
        return Err(no_contact_section());
    };
    let contact = db
        .run(move |conn| {
            db::organizations::find(conn, &contact_id.into())?.ok_or(AppError::NotFound)
        })
        .await?;
    Ok((SupportContactJson::of(&contact), sub.version))
}

/// `GET …/supportcontact`.
#[utoipa::path(
    get,
    path = urls::route::API_SUPPORT_CONTACT,
    params(SubscriptionPath),
    responses(
        (status = 200, description = "The designated support contact", body = SupportContactJson,
            headers(("ETag" = String, description = "The subscription's version, for `If-Match`"))),
        (status = 404, description = "No such subscription, or one without a support contact (new commerce)", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn support_contact(
    caller: ApiCaller,
    path: web::Path<(CustomerId, SubscriptionId)>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let (customer_id, subscription_id) = path.into_inner();
    let (contact, version) = current_contact(&caller, &db, customer_id, subscription_id).await?;
    with_etag(&contact, version)
}

/// `GET …/supportcontact/eligible`: the available support contacts, the provider first.
#[utoipa::path(
    get,
    path = urls::route::API_ELIGIBLE_CONTACTS,
    params(SubscriptionPath),
    responses(
        (status = 200, description = "The available support contacts, the provider first", body = Collection<SupportContactJson>),
        (status = 404, description = "No such subscription, or one without a support contact (new commerce)", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn eligible_contacts(
    caller: ApiCaller,
    path: web::Path<(CustomerId, SubscriptionId)>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let (customer_id, subscription_id) = path.into_inner();
    let sub = own_subscription(&caller, &db, customer_id, subscription_id).await?;
    if !sub.has_contact_section() {
        return Err(no_contact_section());
    }
    let contacts = db
        .run(move |conn| {
            let available = db::subscriptions::available_contacts(conn, &sub)?;
            let orgs =
                db::organizations::lookup(conn, available.iter().map(|c| &c.organization_id))?;
            Ok(available
                .iter()
                .filter_map(|c| orgs.get(&c.organization_id))
                .map(SupportContactJson::of)
                .collect::<Vec<_>>())
        })
        .await?;
    json(StatusCode::OK, &Collection::new(contacts, None))
}

/// Reads a JSON body the way every API change does: only `application/json`, and a body that
/// does not parse is a 400 with code `bad_json`.
fn parse_json<T: serde::de::DeserializeOwned>(
    req: &HttpRequest,
    body: &[u8],
) -> Result<T, ApiError> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "api-error-media-type",
        ));
    }
    serde_json::from_slice(body).map_err(|_| ApiError::bad_json())
}

/// The body of a request, as the pages' forms are read: a body over the limit is a 413.
fn body_error(e: actix_web::Error) -> ApiError {
    match e.as_response_error().status_code().as_u16() {
        413 => ApiError::too_large(),
        _ if crate::web::guard::is_body_timeout(&e) => ApiError::from(AppError::RequestTimeout),
        _ => ApiError::bad_json(),
    }
}

/// The JSON body of a change of support contacts, of at most `limit` bytes; only for a caller
/// whose role may change them (checked before the body is read).
pub(super) async fn change_body<T: serde::de::DeserializeOwned>(
    caller: &ApiCaller,
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<T, ApiError> {
    if !caller.role().may_change_support_contact() {
        return Err(ApiError::role());
    }
    let body = payload
        .to_bytes_limited(limit)
        .await
        .map_err(|_| ApiError::too_large())?
        .map_err(body_error)?;
    parse_json(req, &body)
}

/// The new support contact as a change names it: by tenant id or by partner (MPN) id.
pub(super) struct NamedContact {
    tenant_id: Option<String>,
    mpn_id: Option<String>,
}

impl NamedContact {
    /// The names given; a 400 when there is neither.
    pub(super) fn of(
        tenant_id: Option<String>,
        mpn_id: Option<String>,
    ) -> Result<NamedContact, ApiError> {
        let given = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let contact = NamedContact {
            tenant_id: given(tenant_id),
            mpn_id: given(mpn_id),
        };
        if contact.tenant_id.is_none() && contact.mpn_id.is_none() {
            return Err(ApiError::bad_request(
                "missing_support_contact",
                "api-error-missing-contact",
            ));
        }
        Ok(contact)
    }

    /// The organization named. A contact nobody knows is no more available than one that is
    /// not eligible: it gets an id no organization has, which the rule refuses.
    pub(super) fn id(&self, conn: &mut db::DbConnection) -> diesel::QueryResult<OrganizationId> {
        let named = db::organizations::find_by_tenant_or_partner_id(
            conn,
            self.tenant_id.as_deref(),
            self.mpn_id.as_deref(),
        )?;
        Ok(named.map_or_else(|| OrganizationId::from(String::new()), |o| o.id))
    }
}

/// `PUT …/supportcontact`: changes the designated support contact, with the same rule and the
/// same audit event as the subscription page's Submit. `If-Match` (an `ETag` from a GET) makes
/// the change only when nobody changed the subscription since; without it, the version read
/// now is the one changed.
#[utoipa::path(
    put,
    path = urls::route::API_SUPPORT_CONTACT,
    params(
        SubscriptionPath,
        ("If-Match" = Option<String>, Header, description = "An `ETag` from a GET: change only that version"),
    ),
    request_body = SupportContactInput,
    responses(
        (status = 200, description = "The support contact after the change", body = SupportContactJson,
            headers(("ETag" = String, description = "The subscription's version, for `If-Match`"))),
        (status = 400, description = "Bad JSON, or no support contact named", body = ErrorBody),
        (status = 404, description = "No such subscription, or one without a support contact (new commerce)", body = ErrorBody),
        (status = 409, description = "A new commerce or cancelled subscription", body = ErrorBody),
        (status = 412, description = "`If-Match` is not the current version; `current` is the support contact now", body = ErrorBody,
            headers(("ETag" = String, description = "The subscription's version, for `If-Match`"))),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`", body = ErrorBody),
        (status = 422, description = "That organization may not be this subscription's support contact", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn change_support_contact(
    caller: ApiCaller,
    req: HttpRequest,
    path: web::Path<(CustomerId, SubscriptionId)>,
    payload: web::Payload,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let input: SupportContactInput =
        change_body(&caller, &req, payload, crate::auth::extract::FORM_LIMIT).await?;
    let contact = NamedContact::of(input.support_tenant_id, input.support_mpn_id)?;
    let (customer_id, subscription_id) = path.into_inner();
    let if_match = req
        .headers()
        .get(header::IF_MATCH)
        .map(|v| IfMatch::parse(v.to_str().unwrap_or("")));
    let (current, version) =
        current_contact(&caller, &db, customer_id.clone(), subscription_id.clone()).await?;
    let stale = |current: SupportContactJson, version: i32| {
        let value = serde_json::to_value(&current).unwrap_or_default();
        ApiError::stale(value, etag(version))
    };
    let version = match &if_match {
        Some(m) => match m.version_to_change(version) {
            Some(v) => v,
            None => return Err(stale(current, version)),
        },
        None => version,
    };
    let actor = caller.actor();
    let (cid, sid) = (customer_id.clone(), subscription_id.clone());
    let outcome = db
        .run(move |conn| {
            let chosen = contact.id(conn)?;
            Ok(db::subscriptions::change_support_contact(
                conn,
                &actor,
                &cid,
                &sid,
                version,
                chosen.as_str(),
            ))
        })
        .await?;
    match outcome {
        Ok(_) | Err(ChangeError::Unchanged) => {}
        Err(ChangeError::NotFound) => return Err(ApiError::not_found()),
        Err(ChangeError::Db(e)) => return Err(AppError::from(e).into()),
        Err(ChangeError::Stale) => {
            let (current, version) =
                current_contact(&caller, &db, customer_id, subscription_id).await?;
            return Err(stale(current, version));
        }
        Err(ChangeError::Refused(refusal)) => {
            let (status, code) = match refusal {
                ContactRefusal::NewCommerce => (StatusCode::CONFLICT, "new_commerce"),
                ContactRefusal::Cancelled => (StatusCode::CONFLICT, "subscription_cancelled"),
                ContactRefusal::NotAvailable => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "contact_not_available")
                }
            };
            return Err(ApiError::new(status, code, refusal.message_id()));
        }
    }
    let (contact, version) = current_contact(&caller, &db, customer_id, subscription_id).await?;
    with_etag(&contact, version)
}

/// `GET /v1/profiles/supportprofile`: the caller's organization's support profile.
#[utoipa::path(
    get,
    path = urls::API_SUPPORT_PROFILE,
    responses(
        (status = 200, description = "The caller's support profile", body = SupportProfileJson),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn support_profile(caller: ApiCaller) -> Result<HttpResponse, ApiError> {
    let o = &caller.organization;
    json(
        StatusCode::OK,
        &SupportProfileJson {
            display_name: o.name.clone(),
            email: o.support_email.clone(),
            telephone: o.support_phone.clone(),
            website: o.support_website.clone(),
            attributes: Attributes::of("SupportProfile"),
        },
    )
}

/// `GET /v1/auditrecords`: the organization's audit log, newest first (Admin agents and Global
/// admins, as the Audit log page).
#[utoipa::path(
    get,
    path = urls::API_AUDIT,
    params(PageQuery),
    responses(
        (status = 200, description = "A page of the organization's audit log, newest first", body = Collection<AuditRecordJson>),
        (status = 400, description = "A bad `size` or `after`", body = ErrorBody),
        CallerRefusals,
    ),
    security(("oauth2" = []))
)]
pub async fn audit_records(
    caller: ApiCaller,
    query: web::Query<PageQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    if !caller.role().may_read_audit_log(caller.kind()) {
        return Err(ApiError::role());
    }
    let size = query.size()?;
    let page = match query.after.as_deref() {
        None => LogPage::Newest,
        Some(raw) => LogPage::Older(LogCursor::parse(raw).ok_or_else(bad_page)?),
    };
    let org_id = caller.organization.id.clone();
    let mut events = db
        .run(move |conn| {
            Ok(db::audit::list(
                conn,
                LogOf::Partner(&org_id),
                &AuditFilter::default(),
                &page,
                size + 1,
            )?)
        })
        .await?;
    let more = events.len() as i64 > size;
    events.truncate(size as usize);
    let next = events.last().filter(|_| more).map(|e| {
        let cursor = LogCursor {
            at: e.occurred_at,
            id: e.id.clone(),
        };
        next_uri(urls::API_AUDIT, size, &cursor.encode())
    });
    let items = events.into_iter().map(AuditRecordJson::from).collect();
    json(StatusCode::OK, &Collection::new(items, next))
}

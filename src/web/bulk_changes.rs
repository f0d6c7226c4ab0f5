//! Bulk changes of designated support contacts, for a provider's Admin agents, Global admins and
//! Helpdesk agents: choose subscriptions (a plain GET filter by customer, product, current
//! contact and commerce type, then checkboxes) and a new contact, review what would change and
//! what cannot and why, apply, and read what changed. "Replace a reseller everywhere it is
//! allowed" is the same review with every subscription of that contact chosen.
//!
//! Works without JavaScript: the chosen subscriptions travel as form fields holding each one's
//! customer, id and the version the page showed, so one changed by someone else in between is
//! reported as stale at apply, never overwritten.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, QUERY_VALUE};
use crate::auth::{ContactChanger, CsrfForm, Viewer};
use crate::db::subscriptions::bulk::{self as db_bulk, BulkFilter, BulkItem, ItemResult};
use crate::db::subscriptions::{BulkOutcome, Subscription};
use crate::db::{self, Db};
use crate::domain::bulk::{self, BulkRefusal, MAX_ITEMS};
use crate::domain::{is_valid_id, CommerceType, CustomerId, OrganizationId, SubscriptionId};
use crate::error::AppError;

/// The longest product filter taken; anything longer is cut.
const MAX_PRODUCT_CHARS: usize = 200;

/// An organization offered in a select.
pub struct Choice {
    pub id: String,
    pub name: String,
}

/// A subscription as the bulk change's pages list it.
pub struct Line {
    /// The form value that carries it ([`bulk::item_value`]).
    pub item: String,
    pub customer: String,
    pub product: String,
    /// Its contact's name (before the change); None for new commerce.
    pub contact: Option<String>,
    pub commerce_id: &'static str,
    pub status_id: &'static str,
    /// Why it keeps its contact (a Fluent id), on the review and the result.
    pub reason: Option<&'static str>,
}

impl Line {
    fn of(sub: &Subscription, names: &db::organizations::Lookup) -> Line {
        Line {
            item: bulk::item_value(sub.customer_id.as_str(), sub.id.as_str(), sub.version),
            customer: names.name(sub.customer_id.as_str()),
            product: sub.product_name.clone(),
            contact: sub
                .support_contact_id
                .as_deref()
                .filter(|_| sub.has_contact_section())
                .map(|id| names.name(id)),
            commerce_id: sub.commerce_id(),
            status_id: sub.status_id(),
            reason: None,
        }
    }
}

/// The filter as the form shows it again.
#[derive(Default)]
pub struct FilterValues {
    pub customer: String,
    pub product: String,
    pub contact: String,
    pub commerce: String,
}

#[derive(Template)]
#[template(path = "bulk_change.html")]
pub struct ChoosePage {
    pub ctx: Viewer,
    pub filter: FilterValues,
    pub customers: Vec<Choice>,
    pub products: Vec<String>,
    pub contacts: Vec<Choice>,
    pub new_contacts: Vec<Choice>,
    /// The new contact chosen already (from the query), if any.
    pub new_contact: String,
    pub rows: Vec<Line>,
    /// More subscriptions match than one bulk change takes.
    pub truncated: bool,
    pub select_all: bool,
    pub select_all_href: String,
}

impl ChoosePage {
    pub fn commerce_types(&self) -> Vec<(&'static str, &'static str)> {
        CommerceType::ALL
            .iter()
            .map(|c| (c.as_str(), c.message_id()))
            .collect()
    }

    pub fn max_items(&self) -> String {
        MAX_ITEMS.to_string()
    }
}

#[derive(Deserialize)]
pub struct ChooseQuery {
    customer: Option<String>,
    product: Option<String>,
    contact: Option<String>,
    commerce: Option<String>,
    new_contact: Option<String>,
    select: Option<String>,
}

/// A well-formed id from a form or query, or None.
fn id_value(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim)
        .filter(|id| is_valid_id(id))
        .map(str::to_string)
}

fn query_part(key: &str, value: &str) -> Option<String> {
    (!value.is_empty()).then(|| {
        format!(
            "{key}={}",
            percent_encoding::utf8_percent_encode(value, QUERY_VALUE)
        )
    })
}

/// Customers → Bulk change: the filter, the provider's matching subscriptions with checkboxes,
/// the new contact, and the shortcut that replaces one contact everywhere.
pub async fn choose(
    changer: ContactChanger,
    query: web::Query<ChooseQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let values = FilterValues {
        customer: id_value(query.customer.as_deref()).unwrap_or_default(),
        product: query
            .product
            .as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(MAX_PRODUCT_CHARS)
            .collect(),
        contact: id_value(query.contact.as_deref()).unwrap_or_default(),
        commerce: query
            .commerce
            .and_then(|c| CommerceType::try_from(c).ok())
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
    };
    let filter = BulkFilter {
        customer_id: (!values.customer.is_empty())
            .then(|| CustomerId::from(values.customer.clone())),
        product: (!values.product.is_empty()).then(|| values.product.clone()),
        contact_id: (!values.contact.is_empty())
            .then(|| OrganizationId::from(values.contact.clone())),
        commerce_type: CommerceType::try_from(values.commerce.clone()).ok(),
    };
    let provider_id = changer.user.organization_id.clone();
    let (choices, new_contact_ids, mut subs, names) = db
        .run(move |conn| {
            let choices = db_bulk::filter_choices(conn, &provider_id)?;
            let new_contact_ids = db_bulk::contact_choices(conn, &provider_id)?;
            let subs = db_bulk::filtered(conn, &provider_id, &filter, MAX_ITEMS as i64 + 1)?;
            let names = db::organizations::lookup(
                conn,
                choices
                    .customer_ids
                    .iter()
                    .chain(&choices.contact_ids)
                    .chain(&new_contact_ids)
                    .map(String::as_str),
            )?;
            Ok((choices, new_contact_ids, subs, names))
        })
        .await?;
    let truncated = subs.len() > MAX_ITEMS;
    subs.truncate(MAX_ITEMS);
    let by_name = |ids: &[String]| {
        let mut list: Vec<Choice> = ids
            .iter()
            .map(|id| Choice {
                id: id.clone(),
                name: names.name(id),
            })
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        list
    };
    // The provider first, then its resellers by name, as on a subscription's page.
    let mut new_contacts = by_name(&new_contact_ids[1..]);
    new_contacts.insert(
        0,
        Choice {
            id: new_contact_ids[0].clone(),
            name: names.name(&new_contact_ids[0]),
        },
    );
    let rows = subs.iter().map(|s| Line::of(s, &names)).collect();
    let new_contact = id_value(query.new_contact.as_deref()).unwrap_or_default();
    let parts: Vec<String> = [
        ("customer", values.customer.as_str()),
        ("product", &values.product),
        ("contact", &values.contact),
        ("commerce", &values.commerce),
        ("new_contact", &new_contact),
        ("select", "all"),
    ]
    .into_iter()
    .filter_map(|(k, v)| query_part(k, v))
    .collect();
    render(&ChoosePage {
        ctx: changer.viewer,
        customers: by_name(&choices.customer_ids),
        products: choices.products,
        contacts: by_name(&choices.contact_ids),
        new_contacts,
        new_contact,
        rows,
        truncated,
        select_all: query.select.as_deref() == Some("all"),
        select_all_href: format!("{}?{}", super::urls::BULK_CHANGE, parts.join("&")),
        filter: values,
    })
}

/// What the review and apply forms send: the chosen subscriptions (or a contact to replace
/// everywhere) and the new contact.
struct BulkForm {
    items: Vec<BulkItem>,
    replace_from: Option<OrganizationId>,
    new_contact: OrganizationId,
}

impl BulkForm {
    fn read(fields: Vec<(String, String)>) -> Result<BulkForm, AppError> {
        let mut items = Vec::new();
        let (mut replace_from, mut new_contact) = (None, None);
        for (name, value) in fields {
            match name.as_str() {
                "item" => {
                    let (customer, subscription, version) =
                        bulk::parse_item(&value).ok_or(AppError::BadRequest("error-bad-form"))?;
                    items.push((
                        CustomerId::from(customer),
                        SubscriptionId::from(subscription),
                        version,
                    ));
                }
                "replace_from" => replace_from = id_value(Some(&value)).map(OrganizationId::from),
                "new_contact" => new_contact = id_value(Some(&value)).map(OrganizationId::from),
                _ => {}
            }
        }
        let new_contact = new_contact.ok_or(AppError::BadRequest("bulk-error-no-contact"))?;
        if items.is_empty() && replace_from.is_none() {
            return Err(AppError::BadRequest("bulk-error-none-chosen"));
        }
        if items.len() > MAX_ITEMS {
            return Err(AppError::BadRequest("bulk-error-too-many"));
        }
        Ok(BulkForm {
            items,
            replace_from,
            new_contact,
        })
    }
}

#[derive(Template)]
#[template(path = "bulk_review.html")]
pub struct ReviewPage {
    pub ctx: Viewer,
    pub new_contact_id: String,
    /// Empty when the new contact is no organization the provider may choose.
    pub new_contact_name: String,
    pub changes: Vec<Line>,
    pub refusals: Vec<Line>,
    /// Chosen ids that are not the provider's subscriptions (counted, never named).
    pub not_found: i32,
    /// How many change (or would), and how many keep their contact (not-found ones included).
    pub changes_count: i32,
    pub refusals_count: i32,
    /// The result page (applied) rather than the review.
    pub applied: bool,
}

/// The review or the result of `outcome`, with one lookup for every name it shows.
async fn outcome_page(
    ctx: Viewer,
    db: &Db,
    new_contact: OrganizationId,
    outcome: BulkOutcome,
    applied: bool,
) -> Result<ReviewPage, AppError> {
    let subs: Vec<Subscription> = outcome
        .items
        .iter()
        .filter_map(|i| i.subscription.clone())
        .collect();
    let names = db
        .run(move |conn| {
            Ok(db::organizations::lookup(
                conn,
                subs.iter().flat_map(|s| {
                    std::iter::once(s.customer_id.as_str()).chain(s.support_contact_id.as_deref())
                }),
            )?)
        })
        .await?;
    let (mut changes, mut refusals, mut not_found) = (Vec::new(), Vec::new(), 0);
    for item in &outcome.items {
        let Some(sub) = &item.subscription else {
            not_found += 1;
            continue;
        };
        let reason = match item.result {
            ItemResult::Refused(refusal) => Some(refusal),
            _ => None,
        };
        if reason == Some(BulkRefusal::NotFound) {
            not_found += 1;
            continue;
        }
        let row = Line {
            reason: reason.map(BulkRefusal::message_id),
            ..Line::of(sub, &names)
        };
        if reason.is_some() {
            refusals.push(row);
        } else {
            changes.push(row);
        }
    }
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    Ok(ReviewPage {
        changes_count: count(changes.len()),
        refusals_count: count(refusals.len()) + not_found,
        ctx,
        new_contact_id: new_contact.to_string(),
        new_contact_name: outcome.new_contact_name.unwrap_or_default(),
        changes,
        refusals,
        not_found,
        applied,
    })
}

/// The review: every chosen subscription that would change, and every one that cannot, with
/// the reason; nothing is written.
pub async fn review(
    changer: ContactChanger,
    form: CsrfForm<Vec<(String, String)>>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let form = BulkForm::read(form.0)?;
    let provider_id = changer.user.organization_id.clone();
    let new_contact = form.new_contact.clone();
    let outcome = db
        .run(move |conn| {
            let items = match &form.replace_from {
                Some(from) => db_bulk::designated_to(conn, &provider_id, from, MAX_ITEMS as i64)?,
                None => form.items,
            };
            Ok(db::subscriptions::review_many(
                conn,
                &provider_id,
                &items,
                &form.new_contact,
            )?)
        })
        .await?;
    render(&outcome_page(changer.viewer, &db, new_contact, outcome, false).await?)
}

/// Applies the reviewed changes: each subscription still as reviewed changes, each in its own
/// audit event sharing one bulk change id; the page says what changed and what did not.
pub async fn apply(
    changer: ContactChanger,
    form: CsrfForm<Vec<(String, String)>>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let form = BulkForm::read(form.0)?;
    let actor = changer.user.actor();
    let new_contact = form.new_contact.clone();
    let outcome = db
        .run(move |conn| {
            Ok(db::subscriptions::change_many(
                conn,
                &actor,
                &form.items,
                &form.new_contact,
            )?)
        })
        .await?;
    super::request_log::touches(format_args!(
        "bulk_change_id={} changed={}",
        outcome.bulk_change_id.as_deref().unwrap_or("none"),
        outcome.changes().count()
    ));
    render(&outcome_page(changer.viewer, &db, new_contact, outcome, true).await?)
}

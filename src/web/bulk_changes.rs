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
    fn of(sub: &Subscription, names: &db::organizations::Names) -> Line {
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

impl FilterValues {
    /// The filter's set fields, as the choose form carries them to the review (and back).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        [
            ("customer", self.customer.as_str()),
            ("product", &self.product),
            ("contact", &self.contact),
            ("commerce", &self.commerce),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }
}

#[derive(Template)]
#[template(path = "bulk_change.html", config = "templates/askama.toml")]
pub struct ChoosePage {
    pub ctx: Viewer,
    pub filter: FilterValues,
    pub customers: Vec<Choice>,
    /// The provider has more customers than the filter lists
    /// ([`db_bulk::MAX_CUSTOMER_CHOICES`]): they are chosen from the Customers page.
    pub too_many_customers: bool,
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
    /// Why the last review could not start (a Fluent id), shown above the list.
    pub error: Option<&'static str>,
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
    /// Set by a review that had nothing (or too much) to review: [`Redisplay`].
    error: Option<String>,
}

/// Why a review sends the user back to the choice, as the query of the choose page says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redisplay {
    NoneChosen,
    TooMany,
}

impl Redisplay {
    fn code(self) -> &'static str {
        match self {
            Redisplay::NoneChosen => "none",
            Redisplay::TooMany => "many",
        }
    }

    fn from_code(code: &str) -> Option<Redisplay> {
        [Redisplay::NoneChosen, Redisplay::TooMany]
            .into_iter()
            .find(|r| r.code() == code)
    }

    fn message_id(self) -> &'static str {
        match self {
            Redisplay::NoneChosen => "bulk-error-none-chosen",
            Redisplay::TooMany => "bulk-error-too-many",
        }
    }
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
    let chosen_customer = filter.customer_id.clone();
    let (choices, new_contact_ids, mut subs, names, chosen_name) = db
        .run(move |conn| {
            let choices = db_bulk::filter_choices(conn, &provider_id)?;
            let new_contact_ids = db_bulk::contact_choices(conn, &provider_id)?;
            let subs = db_bulk::filtered(conn, &provider_id, &filter, MAX_ITEMS as i64 + 1)?;
            // Too many customers to list them all: the chosen one, if it is one of this
            // provider's, is offered with "All".
            let chosen_name = match (&choices.customers, &chosen_customer) {
                (None, Some(id)) => db_bulk::customer_name_of(conn, &provider_id, id)?,
                _ => None,
            };
            let names = db::organizations::names(
                conn,
                choices
                    .contact_ids
                    .iter()
                    .chain(&new_contact_ids)
                    .map(String::as_str)
                    .chain(subs.iter().map(|s| s.customer_id.as_str())),
            )?;
            Ok((choices, new_contact_ids, subs, names, chosen_name))
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
    let parts: Vec<String> = values
        .fields()
        .into_iter()
        .chain([("new_contact", new_contact.as_str()), ("select", "all")])
        .filter_map(|(k, v)| query_part(k, v))
        .collect();
    render(&ChoosePage {
        ctx: changer.viewer,
        too_many_customers: choices.customers.is_none(),
        customers: match choices.customers {
            Some(list) => list,
            None => chosen_name
                .map(|name| (values.customer.clone(), name))
                .into_iter()
                .collect(),
        }
        .into_iter()
        .map(|(id, name)| Choice { id, name })
        .collect(),
        products: choices.products,
        contacts: by_name(&choices.contact_ids),
        new_contacts,
        new_contact,
        rows,
        truncated,
        select_all: query.select.as_deref() == Some("all"),
        select_all_href: format!("{}?{}", super::urls::BULK_CHANGE, parts.join("&")),
        filter: values,
        error: query
            .error
            .as_deref()
            .and_then(Redisplay::from_code)
            .map(Redisplay::message_id),
    })
}

/// What the review and apply forms send: the chosen subscriptions (or a contact to replace
/// everywhere, and where its last bulk change stopped), the new contact, and the filter the
/// choice was made under (to show it again when there is nothing to review).
struct BulkForm {
    items: Vec<BulkItem>,
    replace_from: Option<OrganizationId>,
    replace_after: Option<(CustomerId, SubscriptionId)>,
    new_contact: OrganizationId,
    filter: Vec<(String, String)>,
}

impl BulkForm {
    fn read(fields: Vec<(String, String)>) -> Result<BulkForm, AppError> {
        let mut items = Vec::new();
        let mut filter = Vec::new();
        let (mut replace_from, mut replace_after, mut new_contact) = (None, None, None);
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
                "replace_after" => {
                    replace_after = bulk::parse_position(&value)
                        .map(|(c, s)| (CustomerId::from(c), SubscriptionId::from(s)))
                }
                "new_contact" => new_contact = id_value(Some(&value)).map(OrganizationId::from),
                "customer" | "product" | "contact" | "commerce" => filter.push((name, value)),
                _ => {}
            }
        }
        let new_contact = new_contact.ok_or(AppError::BadRequest("bulk-error-no-contact"))?;
        Ok(BulkForm {
            items,
            replace_from,
            replace_after,
            new_contact,
            filter,
        })
    }

    /// Why the choice cannot be reviewed (or, `applying`, applied), if it cannot: applying
    /// takes only the subscriptions the review listed.
    fn problem(&self, applying: bool) -> Option<Redisplay> {
        if self.items.is_empty() && (applying || self.replace_from.is_none()) {
            Some(Redisplay::NoneChosen)
        } else if self.items.len() > MAX_ITEMS {
            Some(Redisplay::TooMany)
        } else {
            None
        }
    }

    /// The choose page again, under the same filter and new contact, saying what was wrong.
    fn back_with(&self, problem: Redisplay) -> HttpResponse {
        let parts: Vec<String> = self
            .filter
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain([
                ("new_contact", self.new_contact.as_str()),
                ("error", problem.code()),
            ])
            .filter_map(|(k, v)| query_part(k, v))
            .collect();
        super::see_other(&format!("{}?{}", super::urls::BULK_CHANGE, parts.join("&")))
    }
}

/// The next part of a "replace everywhere" change that one bulk change could not take.
pub struct ReplaceNext {
    pub from: String,
    /// [`bulk::position_value`] of the last subscription this part took.
    pub after: String,
}

#[derive(Template)]
#[template(path = "bulk_review.html", config = "templates/askama.toml")]
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
    /// More subscriptions have the replaced contact than this change took.
    pub replace_next: Option<ReplaceNext>,
    /// The reference the applied changes' audit events share, shown as a link to them.
    pub bulk_change_id: Option<String>,
}

impl ReviewPage {
    pub fn max_items(&self) -> String {
        MAX_ITEMS.to_string()
    }
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
            Ok(db::organizations::names(
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
    let may_read_log = ctx.user.as_ref().is_some_and(|u| u.may_read_audit_log());
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
        replace_next: None,
        // A Helpdesk agent applies bulk changes but does not read the audit log.
        bulk_change_id: outcome.bulk_change_id.filter(|_| may_read_log),
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
    if let Some(problem) = form.problem(false) {
        return Ok(form.back_with(problem));
    }
    let provider_id = changer.user.organization_id.clone();
    let new_contact = form.new_contact.clone();
    let (outcome, replace_next) = db
        .run(move |conn| {
            let (items, replace_next) = match &form.replace_from {
                Some(from) => {
                    let mut items = db_bulk::designated_to(
                        conn,
                        &provider_id,
                        from,
                        form.replace_after.as_ref(),
                        MAX_ITEMS as i64 + 1,
                    )?;
                    let more = items.len() > MAX_ITEMS;
                    items.truncate(MAX_ITEMS);
                    let next = items.last().filter(|_| more).map(|(c, s, _)| ReplaceNext {
                        from: from.to_string(),
                        after: bulk::position_value(c.as_str(), s.as_str()),
                    });
                    (items, next)
                }
                None => (form.items, None),
            };
            let outcome =
                db::subscriptions::review_many(conn, &provider_id, &items, &form.new_contact)?;
            Ok((outcome, replace_next))
        })
        .await?;
    let page = outcome_page(changer.viewer, &db, new_contact, outcome, false).await?;
    render(&ReviewPage {
        replace_next,
        ..page
    })
}

/// Applies the reviewed changes: each subscription still as reviewed changes, each in its own
/// audit event sharing one bulk change id; the page says what changed and what did not, and
/// offers the next part of a "replace everywhere" change that did not fit in one.
pub async fn apply(
    changer: ContactChanger,
    form: CsrfForm<Vec<(String, String)>>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let form = BulkForm::read(form.0)?;
    if let Some(problem) = form.problem(true) {
        return Ok(form.back_with(problem));
    }
    let replace_next = form
        .replace_from
        .as_ref()
        .zip(form.replace_after.as_ref())
        .map(|(from, (c, s))| ReplaceNext {
            from: from.to_string(),
            after: bulk::position_value(c.as_str(), s.as_str()),
        });
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
    let page = outcome_page(changer.viewer, &db, new_contact, outcome, true).await?;
    render(&ReviewPage {
        replace_next,
        ..page
    })
}

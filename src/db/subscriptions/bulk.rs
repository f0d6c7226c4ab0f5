//! Bulk changes of designated support contacts: the subscriptions a provider may choose from
//! (by customer, product, current contact and commerce type), the review of a choice, and
//! applying it in one transaction, one audit event per change, all sharing one bulk change id.
//!
//! Whatever the caller passes, only the acting provider's own subscriptions are read or
//! changed: every query is scoped by the provider (`actor.organization_id`). The rule of what
//! may change is [`crate::domain::bulk::decide`]; this module reads its facts in a fixed number
//! of queries whatever the number of subscriptions, and must not decide anything itself.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::super::audit::{Actor, AuditEvent};
use super::super::fragment::fragment;
use super::super::schema::{customer_relationships, partnerships, subscriptions};
use super::super::{unindexed, DbConnection};
use super::Subscription;
use crate::domain::audit::Action;
use crate::domain::bulk::{self, BulkRefusal, ItemFacts};
use crate::domain::support_contact::{self, Candidate, ResellerFacts};
use crate::domain::{
    CommerceType, CustomerId, OrgKind, OrganizationId, PartnershipStatus, SubscriptionId,
};

/// Ids bound in one `IN (…)` list: well below every backend's limit on parameters.
const CHUNK: usize = 500;

/// One chosen subscription: its customer, itself, and the version the page showed.
pub type BulkItem = (CustomerId, SubscriptionId, i32);

/// One subscription named through the API: its customer, itself, and the version its `ETag`
/// named, or None to judge it as it is now.
pub type ItemAt = (CustomerId, SubscriptionId, Option<i32>);

/// The pages' items: each judged against the version its page showed.
fn at_shown_versions(items: &[BulkItem]) -> Vec<ItemAt> {
    items
        .iter()
        .map(|(c, s, v)| (c.clone(), s.clone(), Some(*v)))
        .collect()
}

/// What became, or would become, of one chosen subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemResult {
    /// The review: it would change.
    WouldChange,
    /// Applied: it changed; the id of its audit event.
    Changed { event_id: String },
    /// It keeps its contact, and why.
    Refused(BulkRefusal),
}

/// One chosen subscription and what became of it.
#[derive(Debug, Clone)]
pub struct ItemOutcome {
    pub customer_id: CustomerId,
    pub subscription_id: SubscriptionId,
    /// The subscription as read in the transaction (None: not one of the provider's).
    pub subscription: Option<Subscription>,
    pub result: ItemResult,
}

/// What a bulk change did (or, for a review, would do), item by item in the order given.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    /// The id every audit event of this bulk change carries; None when nothing changed.
    pub bulk_change_id: Option<String>,
    /// The new contact, when it is an organization at all.
    pub new_contact_name: Option<String>,
    pub items: Vec<ItemOutcome>,
}

impl BulkOutcome {
    /// The items that changed (or would).
    pub fn changes(&self) -> impl Iterator<Item = &ItemOutcome> {
        self.items.iter().filter(|i| !i.is_refused())
    }

    /// The items that keep their contact.
    pub fn refusals(&self) -> impl Iterator<Item = &ItemOutcome> {
        self.items.iter().filter(|i| i.is_refused())
    }
}

impl ItemOutcome {
    pub fn is_refused(&self) -> bool {
        matches!(self.result, ItemResult::Refused(_))
    }

    /// Why it keeps its contact, when it does.
    pub fn refusal(&self) -> Option<BulkRefusal> {
        match self.result {
            ItemResult::Refused(refusal) => Some(refusal),
            _ => None,
        }
    }
}

/// Which of a provider's subscriptions a bulk change's page lists.
#[derive(Debug, Clone, Default)]
pub struct BulkFilter {
    pub customer_id: Option<CustomerId>,
    pub product: Option<String>,
    /// The current designated support contact.
    pub contact_id: Option<OrganizationId>,
    pub commerce_type: Option<CommerceType>,
}

/// Up to `limit` of `provider_id`'s subscriptions that match the filter, by customer name,
/// customer and product. Each subscription carries its customer's name (kept by triggers), so
/// the first `limit` are read in an index's order whatever the number of subscriptions, and the
/// order is written for the index the filter calls for (SQLite without statistics takes an
/// index that gives the order over one that narrows the rows): one customer's by product
/// (`subscriptions_provider`), one contact's as `subscriptions_supported` holds them, others as
/// `subscriptions_bulk` does.
pub fn filtered(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    filter: &BulkFilter,
    limit: i64,
) -> QueryResult<Vec<Subscription>> {
    let mut query = subscriptions::table
        .filter(subscriptions::provider_id.eq(provider_id.to_string()))
        .select(Subscription::as_select())
        .into_boxed();
    if let Some(product) = &filter.product {
        query = query.filter(subscriptions::product_name.eq(product.clone()));
    }
    if let Some(commerce) = filter.commerce_type {
        query = query.filter(subscriptions::commerce_type.eq(commerce.as_str()));
    }
    if let Some(contact) = &filter.contact_id {
        query = query.filter(subscriptions::support_contact_id.eq(contact.to_string()));
    }
    query = match (&filter.customer_id, &filter.contact_id) {
        (Some(customer), _) => query
            .filter(subscriptions::customer_id.eq(customer.to_string()))
            .order((subscriptions::product_name.asc(), subscriptions::id.asc())),
        (None, Some(_)) => query.order((
            subscriptions::customer_name.asc(),
            subscriptions::product_name.asc(),
            subscriptions::id.asc(),
        )),
        (None, None) => query.order((
            subscriptions::customer_name.asc(),
            subscriptions::customer_id.asc(),
            subscriptions::product_name.asc(),
            subscriptions::id.asc(),
        )),
    };
    query.limit(limit).load(conn)
}

/// The most customers the bulk change page offers in a list; a provider with more chooses a
/// customer from the Customers page (its search) instead.
pub const MAX_CUSTOMER_CHOICES: usize = 200;

/// What a provider's bulk change page offers in its filter: the customers, products and current
/// contacts of its subscriptions.
#[derive(Debug, Clone, Default)]
pub struct FilterChoices {
    /// (id, name) by name; None when more than [`MAX_CUSTOMER_CHOICES`] customers have
    /// subscriptions.
    pub customers: Option<Vec<(String, String)>>,
    pub products: Vec<String>,
    /// Ids (the page names them with one lookup).
    pub contact_ids: Vec<String>,
}

/// Each list is its own statement, so none sorts the combinations of the three (900,000
/// subscriptions of one provider gave 810,000 of them, 3.8 s). The customers are the first
/// entries of `subscriptions_bulk`; the contacts a walk of `subscriptions_supported`, which
/// skips from one contact to the next once it has found one of the provider's (on SQLite the
/// provider is compared as text with nothing added, so that no index by provider is taken
/// instead); the products one search each in `subscriptions_products` ([`products_of`]).
pub fn filter_choices(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
) -> QueryResult<FilterChoices> {
    let of_provider = subscriptions::provider_id.eq(provider_id.as_str());
    let customers: Vec<(String, String)> = subscriptions::table
        .filter(of_provider)
        .select((subscriptions::customer_id, subscriptions::customer_name))
        .distinct()
        .order((subscriptions::customer_name, subscriptions::customer_id))
        .limit(MAX_CUSTOMER_CHOICES as i64 + 1)
        .load(conn)?;
    let products = products_of(conn, provider_id)?;
    let by_contact = subscriptions::table
        .select(subscriptions::support_contact_id)
        .distinct()
        .order(subscriptions::support_contact_id)
        .into_boxed();
    let by_contact = if matches!(conn, DbConnection::Sqlite(_)) {
        by_contact.filter(unindexed(subscriptions::provider_id).eq(provider_id.as_str()))
    } else {
        by_contact.filter(of_provider)
    };
    let contact_ids: Vec<Option<String>> = by_contact.load(conn)?;
    Ok(FilterChoices {
        customers: (customers.len() <= MAX_CUSTOMER_CHOICES).then_some(customers),
        products,
        contact_ids: contact_ids.into_iter().flatten().collect(),
    })
}

/// The products of `provider_id`'s subscriptions, each once, in order. Neither SQLite nor
/// PostgreSQL skips from one value of an index to the next for a DISTINCT, so one read would
/// pass every subscription of the provider (0.85 s for 900,000 of them). Instead each product
/// is the first entry of `subscriptions_products` after the one before: a search by key for
/// each product, and one more that finds none.
///
/// That index holds `provider_id || ''` and `product_name || ''`, written out as its migration
/// writes them, so that it serves this read and no other (see the migration for the plans an
/// index on the columns themselves spoiled).
fn products_of(conn: &mut DbConnection, provider_id: &OrganizationId) -> QueryResult<Vec<String>> {
    let provider = || fragment::<Text>("(subscriptions.provider_id || '')");
    let product = || fragment::<Text>("(subscriptions.product_name || '')");
    let mut products: Vec<String> = Vec::new();
    loop {
        let mut next = subscriptions::table
            .filter(provider().eq(provider_id.to_string()))
            .select(product())
            .order(product().asc())
            .into_boxed();
        if let Some(last) = products.last() {
            next = next.filter(product().gt(last.clone()));
        }
        match next.first::<String>(conn).optional()? {
            Some(product) => products.push(product),
            None => return Ok(products),
        }
    }
}

/// The name of `customer_id` when it is a customer of one of `provider_id`'s subscriptions
/// (the page names a chosen customer only then).
pub fn customer_name_of(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Option<String>> {
    subscriptions::table
        .filter(subscriptions::provider_id.eq(provider_id.as_str()))
        .filter(subscriptions::customer_id.eq(customer_id.as_str()))
        .select(subscriptions::customer_name)
        .first(conn)
        .optional()
}

/// The organizations a provider may pick as the new contact of a bulk change: itself and every
/// indirect reseller it has an active partnership with. Whether each is available for a given
/// customer is for the review to say.
pub fn contact_choices(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
) -> QueryResult<Vec<String>> {
    let mut ids: Vec<String> = partnerships::table
        .filter(partnerships::provider_id.eq(provider_id.as_str()))
        .filter(partnerships::status.eq(PartnershipStatus::Active.as_str()))
        .select(partnerships::reseller_id)
        .load(conn)?;
    ids.insert(0, provider_id.to_string());
    Ok(ids)
}

/// The provider's subscriptions among `ids`, by id.
fn subscriptions_of(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    ids: &[&str],
) -> QueryResult<HashMap<String, Subscription>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let subs: Vec<Subscription> = subscriptions::table
            .filter(subscriptions::provider_id.eq(provider_id.as_str()))
            .filter(subscriptions::id.eq_any(chunk))
            .select(Subscription::as_select())
            .load(conn)?;
        found.extend(subs.into_iter().map(|s| (s.id.to_string(), s)));
    }
    Ok(found)
}

/// The ids of the provider's subscriptions that `contact_id` is the designated support contact
/// of, with their versions, in (customer, subscription) order and after `after` when given:
/// "replace this reseller everywhere" chooses exactly these, a bulk change's worth at a time.
pub fn designated_to(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    contact_id: &OrganizationId,
    after: Option<&(CustomerId, SubscriptionId)>,
    limit: i64,
) -> QueryResult<Vec<BulkItem>> {
    let mut query = subscriptions::table
        .filter(subscriptions::provider_id.eq(provider_id.as_str()))
        .filter(subscriptions::support_contact_id.eq(contact_id.as_str()))
        .into_boxed();
    if let Some((customer, subscription)) = after {
        query = query.filter(
            subscriptions::customer_id
                .gt(customer.as_str())
                .or(subscriptions::customer_id
                    .eq(customer.as_str())
                    .and(subscriptions::id.gt(subscription.as_str()))),
        );
    }
    let rows: Vec<(String, String, i32)> = query
        .order((subscriptions::customer_id.asc(), subscriptions::id.asc()))
        .select((
            subscriptions::customer_id,
            subscriptions::id,
            subscriptions::version,
        ))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(c, s, v)| (CustomerId::from(c), SubscriptionId::from(s), v))
        .collect())
}

/// The facts the eligibility rule needs about the new contact: its name, and, when it is an
/// indirect reseller, whether it has an active partnership with the provider and a relationship
/// with delegated admin privileges with each of `customers`. Three queries.
struct ContactFacts {
    provider_name: String,
    contact: Option<(String, OrgKind)>,
    partnered: bool,
    delegated_admin_with: HashSet<String>,
}

impl ContactFacts {
    fn read(
        conn: &mut DbConnection,
        provider_id: &OrganizationId,
        contact_id: &OrganizationId,
        customers: &[&str],
    ) -> QueryResult<ContactFacts> {
        let orgs =
            super::super::organizations::lookup(conn, [provider_id.as_str(), contact_id.as_str()])?;
        let contact = orgs
            .get(contact_id.as_str())
            .map(|o| (o.name.clone(), o.kind));
        let is_reseller = matches!(contact, Some((_, OrgKind::IndirectReseller)));
        let partnered = is_reseller
            && partnerships::table
                .filter(partnerships::provider_id.eq(provider_id.as_str()))
                .filter(partnerships::reseller_id.eq(contact_id.as_str()))
                .filter(partnerships::status.eq(PartnershipStatus::Active.as_str()))
                .count()
                .get_result::<i64>(conn)?
                > 0;
        let mut delegated_admin_with = HashSet::new();
        if is_reseller {
            for chunk in customers.chunks(CHUNK) {
                let found: Vec<String> = customer_relationships::table
                    .filter(customer_relationships::partner_id.eq(contact_id.as_str()))
                    .filter(customer_relationships::delegated_admin.eq(true))
                    .filter(customer_relationships::customer_id.eq_any(chunk))
                    .select(customer_relationships::customer_id)
                    .load(conn)?;
                delegated_admin_with.extend(found);
            }
        }
        Ok(ContactFacts {
            provider_name: orgs.name(provider_id.as_str()),
            contact,
            partnered,
            delegated_admin_with,
        })
    }

    /// The subscription's available support contacts as far as the new contact goes: the
    /// provider, and the new contact when the rule makes it one.
    fn available_for(
        &self,
        provider_id: &OrganizationId,
        contact_id: &OrganizationId,
        customer_id: &CustomerId,
    ) -> Vec<Candidate> {
        let resellers: Vec<ResellerFacts> = match &self.contact {
            Some((name, OrgKind::IndirectReseller)) => vec![ResellerFacts {
                organization_id: contact_id.to_string(),
                name: name.clone(),
                active_partnership_with_provider: self.partnered,
                delegated_admin_with_customer: self
                    .delegated_admin_with
                    .contains(customer_id.as_str()),
            }],
            _ => Vec::new(),
        };
        support_contact::available_contacts(provider_id.as_str(), &self.provider_name, &resellers)
    }
}

/// Judges every item against the database as it is now: a fixed number of queries.
fn assess(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    items: &[ItemAt],
    new_contact: &OrganizationId,
) -> QueryResult<BulkOutcome> {
    // A subscription chosen twice is judged once, as first given.
    let mut seen = HashSet::new();
    let items: Vec<&ItemAt> = items
        .iter()
        .filter(|(_, s, _)| seen.insert(s.as_str()))
        .collect();
    let ids: Vec<&str> = items.iter().map(|(_, s, _)| s.as_str()).collect();
    let subs = subscriptions_of(conn, provider_id, &ids)?;
    let mut customers: Vec<&str> = subs.values().map(|s| s.customer_id.as_str()).collect();
    customers.sort_unstable();
    customers.dedup();
    let facts = ContactFacts::read(conn, provider_id, new_contact, &customers)?;
    let outcomes = items
        .into_iter()
        .map(|(customer_id, subscription_id, version_shown)| {
            // The customer in the form must be the subscription's own.
            let sub = subs
                .get(subscription_id.as_str())
                .filter(|s| s.customer_id == *customer_id);
            let result = match sub {
                None => ItemResult::Refused(BulkRefusal::NotFound),
                Some(sub) => {
                    let available = facts.available_for(provider_id, new_contact, customer_id);
                    let item = ItemFacts {
                        commerce_type: sub.commerce_type,
                        status: sub.status,
                        support_contact_id: sub.support_contact_id.as_deref(),
                        version: sub.version,
                        version_shown: version_shown.unwrap_or(sub.version),
                        available: &available,
                    };
                    match bulk::decide(&item, new_contact.as_str()) {
                        Ok(_) => ItemResult::WouldChange,
                        Err(refusal) => ItemResult::Refused(refusal),
                    }
                }
            };
            ItemOutcome {
                customer_id: customer_id.clone(),
                subscription_id: subscription_id.clone(),
                subscription: sub.cloned(),
                result,
            }
        })
        .collect();
    Ok(BulkOutcome {
        bulk_change_id: None,
        // Named only when it can be a contact somewhere: the name of any other organization
        // is not the provider's to read.
        new_contact_name: facts
            .contact
            .filter(|(_, kind)| {
                *new_contact == *provider_id
                    || (*kind == OrgKind::IndirectReseller && facts.partnered)
            })
            .map(|(name, _)| name),
        items: outcomes,
    })
}

/// The review of a bulk change: what would change and what would not, and why; writes nothing.
pub fn review_many(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    items: &[BulkItem],
    new_contact: &OrganizationId,
) -> QueryResult<BulkOutcome> {
    assess(conn, provider_id, &at_shown_versions(items), new_contact)
}

/// Changes the designated support contact of every item that may change to `new_contact`, in
/// one transaction: the actor's provider's subscriptions only, each only when it still has the
/// version the page showed, each change recorded as its own audit event and all of them
/// sharing one bulk change id. Returns every item's outcome, in the order given.
///
/// The first statement takes the write lock on the chosen subscriptions (on SQLite, the
/// database's), so nothing changes between the check and the write.
pub fn change_many(
    conn: &mut DbConnection,
    actor: &Actor,
    items: &[BulkItem],
    new_contact: &OrganizationId,
) -> QueryResult<BulkOutcome> {
    change_many_at(conn, actor, &at_shown_versions(items), new_contact)
}

/// [`change_many`] for items that may name no version (the API's items without an `ETag`):
/// those are judged as they are when the transaction reads them.
///
/// Its cost does not grow with round trips: per chunk of [`CHUNK`] subscriptions one statement
/// locks, one reads, one reads the new contact's relationships, one changes and one appends the
/// audit events, all in one transaction.
pub fn change_many_at(
    conn: &mut DbConnection,
    actor: &Actor,
    items: &[ItemAt],
    new_contact: &OrganizationId,
) -> QueryResult<BulkOutcome> {
    conn.transaction(|conn| {
        let now = super::super::now();
        let provider_id = &actor.organization_id;
        let ids: Vec<&str> = items.iter().map(|(_, s, _)| s.as_str()).collect();
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                subscriptions::table
                    .filter(subscriptions::provider_id.eq(provider_id.as_str()))
                    .filter(subscriptions::id.eq_any(chunk)),
            )
            .set(subscriptions::version.eq(subscriptions::version))
            .execute(conn)?;
        }
        let mut outcome = assess(conn, provider_id, items, new_contact)?;
        if outcome.changes().next().is_none() {
            return Ok(outcome);
        }
        let bulk_change_id = crate::domain::new_id();
        let changing: Vec<&str> = outcome
            .changes()
            .map(|i| i.subscription_id.as_str())
            .collect();
        for chunk in changing.chunks(CHUNK) {
            diesel::update(
                subscriptions::table
                    .filter(subscriptions::provider_id.eq(provider_id.as_str()))
                    .filter(subscriptions::id.eq_any(chunk)),
            )
            .set((
                subscriptions::support_contact_id.eq(Some(new_contact.as_str())),
                subscriptions::version.eq(subscriptions::version + 1),
                subscriptions::updated_at.eq(now),
            ))
            .execute(conn)?;
        }
        let old_names = super::super::organizations::names(
            conn,
            outcome
                .changes()
                .filter_map(|i| i.subscription.as_ref()?.support_contact_id.clone()),
        )?;
        let new_name = outcome.new_contact_name.clone().unwrap_or_default();
        let mut events = Vec::new();
        for item in outcome.items.iter_mut() {
            let Some(sub) = item.subscription.as_ref().filter(|_| !item.is_refused()) else {
                continue;
            };
            let event = event_of(actor, sub, new_contact, &old_names, &new_name, now)
                .bulk_change(&bulk_change_id);
            item.result = ItemResult::Changed {
                event_id: event.id.clone(),
            };
            events.push(event);
        }
        super::super::audit::append_all(conn, &events)?;
        outcome.bulk_change_id = Some(bulk_change_id);
        Ok(outcome)
    })
}

/// The audit event of one subscription's change in a bulk change: like a single change's, it
/// names the old and new contact and concerns the reseller that gained or lost it.
fn event_of(
    actor: &Actor,
    sub: &Subscription,
    new_contact: &OrganizationId,
    old_names: &super::super::organizations::Names,
    new_name: &str,
    now: NaiveDateTime,
) -> AuditEvent {
    let old = sub.support_contact_id.as_deref();
    let concerned_reseller = [Some(new_contact.as_str()), old]
        .into_iter()
        .flatten()
        .find(|id| sub.provider_id != *id);
    let old_name = old.map(|id| old_names.name(id));
    AuditEvent::by(
        actor,
        Action::SupportContactBulkChanged,
        sub.as_object(),
        now,
    )
    .customer(Some(&sub.customer_id))
    .related(concerned_reseller)
    .values(old_name.as_deref(), Some(new_name))
}

//! Subscriptions and their designated support contact; [`bulk`] changes many at once.

pub mod bulk;
mod facts;
pub use bulk::{change_many, review_many, BulkOutcome};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::audit::{AuditEvent, Object};
use super::schema::{organizations, subscriptions};
use super::{on_backend, DbConnection};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::support_contact::{self, ResellerFacts};
use crate::domain::{
    CommerceType, CustomerId, OrganizationId, PageAt, SubscriptionCursor, SubscriptionId,
    SubscriptionStatus,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subscriptions)]
pub struct Subscription {
    #[diesel(deserialize_as = String)]
    pub id: SubscriptionId,
    #[diesel(deserialize_as = String)]
    pub customer_id: CustomerId,
    #[diesel(deserialize_as = String)]
    pub provider_id: OrganizationId,
    pub product_name: String,
    pub quantity: i32,
    #[diesel(deserialize_as = String)]
    pub status: SubscriptionStatus,
    #[diesel(deserialize_as = String)]
    pub commerce_type: CommerceType,
    pub support_contact_id: Option<String>,
    pub version: i32,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub updated_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::ReadDate)]
    pub start_date: NaiveDate,
    /// The subscription's ID in the provider's billing system.
    pub external_id: Option<String>,
}

impl Subscription {
    /// New-commerce subscriptions have no "Designated support contact" section.
    pub fn has_contact_section(&self) -> bool {
        self.commerce_type.has_designated_support_contact()
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == SubscriptionStatus::Cancelled
    }

    pub fn is_active(&self) -> bool {
        self.status == SubscriptionStatus::Active
    }

    /// The Fluent id of the status.
    pub fn status_id(&self) -> &'static str {
        self.status.message_id()
    }

    /// The Fluent id of the commerce type.
    pub fn commerce_id(&self) -> &'static str {
        self.commerce_type.message_id()
    }

    /// The subscription as the audit log names it.
    pub fn as_object(&self) -> Object<'_> {
        Object {
            kind: ObjectKind::Subscription,
            id: self.id.as_str(),
            label: &self.product_name,
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = subscriptions)]
pub struct NewSubscription<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    /// The customer's name, copied for the Supported subscriptions index. A trigger writes the
    /// right name when this one is not it (an empty one, say), at the cost of a second write of
    /// the row: a writer of many rows passes the name.
    pub customer_name: &'a str,
    pub provider_id: &'a str,
    pub product_name: &'a str,
    pub quantity: i32,
    #[diesel(serialize_as = String)]
    pub status: SubscriptionStatus,
    #[diesel(serialize_as = String)]
    pub commerce_type: CommerceType,
    pub support_contact_id: Option<&'a str>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub start_date: NaiveDate,
    pub external_id: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, sub: NewSubscription<'_>) -> QueryResult<()> {
    diesel::insert_into(subscriptions::table)
        .values(sub)
        .execute(conn)
        .map(|_| ())
}

/// The subscriptions `provider_id` provides to `customer_id`, by product name.
pub fn of_customer_from_provider(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Vec<Subscription>> {
    subscriptions::table
        .filter(subscriptions::customer_id.eq(customer_id.as_str()))
        .filter(subscriptions::provider_id.eq(provider_id.as_str()))
        .order((subscriptions::product_name.asc(), subscriptions::id.asc()))
        .select(Subscription::as_select())
        .load(conn)
}

/// How to reach an organization for support: its name and support details.
#[derive(Debug, Clone, Queryable)]
pub struct ContactDetails {
    pub name: String,
    pub support_email: Option<String>,
    pub support_phone: Option<String>,
    pub support_website: Option<String>,
}

/// One line of a customer admin's Support page: a subscription, the provider that sold it and
/// the designated support contact when one was chosen.
#[derive(Debug, Clone, Queryable)]
pub struct SupportLine {
    pub product_name: String,
    #[diesel(deserialize_as = String)]
    pub commerce_type: CommerceType,
    pub provider: ContactDetails,
    /// None while the provider is the contact (no reseller was designated).
    pub designated: Option<ContactDetails>,
}

impl SupportLine {
    /// Who gives support: the designated contact, else the provider.
    pub fn contact(&self) -> &ContactDetails {
        self.designated.as_ref().unwrap_or(&self.provider)
    }
}

/// Joins `$alias` (an alias of `organizations`) on its id: the organization whose id
/// `$column` holds (`nullable`: a column that may be null).
macro_rules! organization_at {
    ($alias:ident, $column:expr) => {
        $alias.on($alias.field(organizations::id).eq($column))
    };
    ($alias:ident, nullable $column:expr) => {
        $alias.on($alias.field(organizations::id).nullable().eq($column))
    };
}

/// The user of session `at` when it is live, with every subscription of the user's
/// organization (as a customer), from every partner, and who supports it: the customer
/// admin's Support page, read on every visit. One statement, the session check included
/// ([`super::sessions::live_session!`]), with only the columns shown.
pub fn support_lines_on_session(
    conn: &mut DbConnection,
    at: &super::sessions::SessionAt<'_>,
) -> QueryResult<Option<(super::sessions::SessionUser, Vec<SupportLine>)>> {
    use super::sessions::{live_session, session_user, SessionUser};
    let (provider, designated) =
        diesel::alias!(organizations as provider, organizations as designated);
    let details = (
        organizations::name,
        organizations::support_email,
        organizations::support_phone,
        organizations::support_website,
    );
    let rows: Vec<(SessionUser, Option<SupportLine>)> = on_backend!(conn, |c| live_session!(at)
        .left_join(subscriptions::table.on(subscriptions::customer_id.eq(organizations::id)))
        .left_join(organization_at!(provider, subscriptions::provider_id))
        .left_join(organization_at!(designated, nullable subscriptions::support_contact_id))
        .order((subscriptions::product_name.asc(), subscriptions::id.asc()))
        .select((
            session_user!(at),
            (
                subscriptions::product_name,
                subscriptions::commerce_type,
                provider.fields(details),
                designated.fields(details).nullable(),
            )
                .nullable(),
        ))
        .load(c))?;
    let mut rows = rows.into_iter();
    let Some((user, first)) = rows.next() else {
        return Ok(None);
    };
    // Without subscriptions the one row has the session and no line.
    let lines = first.into_iter().chain(rows.filter_map(|(_, line)| line));
    Ok(Some((user, lines.collect())))
}

/// One subscription, only when `provider_id` provides it to `customer_id`.
pub fn find_for_provider(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
) -> QueryResult<Option<Subscription>> {
    // The id is the key: no LIMIT, and on the backend's own connection (read on every view of
    // a subscription).
    on_backend!(conn, |c| subscriptions::table
        .find(subscription_id.as_str())
        .filter(subscriptions::customer_id.eq(customer_id.as_str()))
        .filter(subscriptions::provider_id.eq(provider_id.as_str()))
        .select(Subscription::as_select())
        .get_result(c)
        .optional())
}

/// A partner's subscription as its page shows it: the subscription, its customer, and the
/// names of its provider and of its designated support contact (None: the provider).
pub struct SubscriptionView {
    pub sub: Subscription,
    pub customer: super::organizations::OrganizationName,
    pub provider_name: String,
    pub contact_name: Option<String>,
}

/// The columns of an [`OrganizationName`](super::organizations::OrganizationName) from `$alias`
/// (an alias of `organizations`).
macro_rules! organization_name {
    ($alias:expr) => {
        $alias.fields((organizations::id, organizations::name))
    };
}

/// [`find_for_provider`] with what the subscription page names beside it, in one statement
/// (read on every view of a subscription).
pub fn view_for_provider(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
) -> QueryResult<Option<SubscriptionView>> {
    let (customer, provider, contact) = diesel::alias!(
        organizations as customer,
        organizations as provider,
        organizations as contact
    );
    let found = on_backend!(conn, |c| subscriptions::table
        .inner_join(organization_at!(customer, subscriptions::customer_id))
        .inner_join(organization_at!(provider, subscriptions::provider_id))
        .left_join(organization_at!(contact, nullable subscriptions::support_contact_id))
        .filter(subscriptions::id.eq(subscription_id.as_str()))
        .filter(subscriptions::customer_id.eq(customer_id.as_str()))
        .filter(subscriptions::provider_id.eq(provider_id.as_str()))
        .select((
            Subscription::as_select(),
            organization_name!(customer),
            provider.field(organizations::name),
            contact.field(organizations::name).nullable(),
        ))
        .get_result(c)
        .optional())?;
    Ok(found.map(
        |(sub, customer, provider_name, contact_name)| SubscriptionView {
            sub,
            customer,
            provider_name,
            contact_name,
        },
    ))
}

/// The facts about every indirect reseller that has a relationship with the customer: whether
/// it includes delegated admin privileges, and whether the reseller has an active partnership
/// with the provider. The domain decides which of them are available; a reseller without a
/// relationship with the customer never is. The subscription page reads the same facts in its
/// own statement ([`page_on_session`]); both through [`facts::FactsJson`].
pub fn reseller_facts(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Vec<ResellerFacts>> {
    use diesel::sql_types::Text;
    let facts = facts::FactsJson {
        provider: provider_id.as_str().into_sql::<Text>(),
        customer: customer_id.as_str().into_sql::<Text>(),
    };
    let json: Option<String> = on_backend!(conn, |c| diesel::select(facts).get_result(c))?;
    facts::read(json.as_deref())
}

/// The user of session `at` when it is live, with the subscription page's row when the
/// user's organization provides the subscription to the customer: [`view_for_provider`] and
/// [`reseller_facts`] joined to the session check ([`super::sessions::live_session!`]), one
/// statement where they are three. The page is read on every look at a subscription, and on
/// PostgreSQL each statement is a trip to the server and a transaction of its own there.
///
/// One row: the facts about the customer's resellers come as one column ([`facts::FactsJson`]),
/// where a join would repeat the session and the subscription on a row for each of the
/// customer's relationships. Every table is reached by key, in the order written (left joins
/// keep it), so the plan does not depend on statistics. When no row comes back the session
/// alone is read again: it may be live with a subscription that is not the user's.
pub fn page_on_session(
    conn: &mut DbConnection,
    at: &super::sessions::SessionAt<'_>,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
) -> QueryResult<Option<(super::sessions::SessionUser, Option<ProviderPage>)>> {
    use super::sessions::{find_live_unmarked, live_session, session_user};
    // An id that cannot exist finds nothing; PostgreSQL would refuse some as text.
    if !crate::domain::is_valid_id(customer_id.as_str())
        || !crate::domain::is_valid_id(subscription_id.as_str())
    {
        return Ok(find_live_unmarked(conn, at)?.map(|user| (user, None)));
    }
    let (customer, contact) = diesel::alias!(organizations as customer, organizations as contact);
    let row: Option<PageRow> = on_backend!(conn, |c| live_session!(at)
        .inner_join(subscriptions::table.on(subscriptions::provider_id.eq(organizations::id)))
        .inner_join(organization_at!(customer, subscriptions::customer_id))
        .left_join(organization_at!(contact, nullable subscriptions::support_contact_id))
        .filter(subscriptions::id.eq(subscription_id.as_str()))
        .filter(subscriptions::customer_id.eq(customer_id.as_str()))
        .select((
            session_user!(at),
            Subscription::as_select(),
            organization_name!(customer),
            contact.field(organizations::name).nullable(),
            facts::FactsJson {
                provider: organizations::id,
                customer: subscriptions::customer_id,
            },
        ))
        .get_result(c)
        .optional())?;
    let Some((user, sub, customer, contact_name, facts_json)) = row else {
        return Ok(find_live_unmarked(conn, at)?.map(|user| (user, None)));
    };
    let facts = facts::read(facts_json.as_deref())?;
    let view = SubscriptionView {
        sub,
        customer,
        // The provider is the user's organization.
        provider_name: user.organization_name.clone(),
        contact_name,
    };
    Ok(Some((user, Some(ProviderPage { view, facts }))))
}

/// The row of [`page_on_session`].
type PageRow = (
    super::sessions::SessionUser,
    Subscription,
    super::organizations::OrganizationName,
    Option<String>,
    Option<String>,
);

/// What the partner's page of a subscription shows: the subscription named, and the facts
/// about the customer's resellers that decide the available support contacts.
pub struct ProviderPage {
    pub view: SubscriptionView,
    pub facts: Vec<ResellerFacts>,
}

pub use super::audit::Actor;

/// Why nothing was saved.
#[derive(Debug)]
pub enum ChangeError {
    NotFound,
    /// Someone else changed the subscription since the form was shown.
    Stale,
    Refused(crate::domain::support_contact::ContactRefusal),
    /// The chosen contact already is the designated support contact (nothing to record).
    Unchanged,
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for ChangeError {
    fn from(e: diesel::result::Error) -> Self {
        ChangeError::Db(e)
    }
}

/// The available support contacts of a subscription, the provider first.
pub fn available_contacts(
    conn: &mut DbConnection,
    sub: &Subscription,
) -> QueryResult<Vec<crate::domain::support_contact::Candidate>> {
    let provider_name = super::organizations::name_of(conn, sub.provider_id.as_str())?
        .ok_or(diesel::result::Error::NotFound)?;
    let facts = reseller_facts(conn, &sub.provider_id, &sub.customer_id)?;
    Ok(crate::domain::support_contact::available_contacts(
        sub.provider_id.as_str(),
        &provider_name,
        &facts,
    ))
}

/// The first statement of every change to one of the actor's subscriptions: bumps its version
/// when it still has the one the form was shown with (so on SQLite the transaction holds the
/// write lock before it reads anything), then reads it. Returns the subscription (None: not the
/// actor's) and whether the version matched.
fn bump_version(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    expected_version: i32,
    now: NaiveDateTime,
) -> QueryResult<(Option<Subscription>, bool)> {
    let bumped = diesel::update(
        subscriptions::table
            .find(subscription_id.as_str())
            .filter(subscriptions::customer_id.eq(customer_id.as_str()))
            .filter(subscriptions::provider_id.eq(actor.organization_id.as_str()))
            .filter(subscriptions::version.eq(expected_version)),
    )
    .set((
        subscriptions::version.eq(subscriptions::version + 1),
        subscriptions::updated_at.eq(now),
    ))
    .execute(conn)?;
    let sub = find_for_provider(conn, &actor.organization_id, customer_id, subscription_id)?;
    Ok((sub, bumped > 0))
}

/// Changes a subscription's designated support contact and returns the id of the audit event
/// that records it, re-checking everything inside one
/// transaction: that the actor's organization provides it, that the form is not stale, and that
/// the choice is among the available contacts. The first statement is the version bump, so on
/// SQLite the transaction holds the write lock before it reads anything.
pub fn change_support_contact(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    expected_version: i32,
    chosen_id: &str,
) -> Result<String, ChangeError> {
    conn.transaction(|conn| {
        let now = super::now();
        let (sub, bumped) = bump_version(
            conn,
            actor,
            customer_id,
            subscription_id,
            expected_version,
            now,
        )?;
        let sub = sub.ok_or(ChangeError::NotFound)?;
        if !bumped {
            return Err(ChangeError::Stale);
        }
        let available = available_contacts(conn, &sub)?;
        let chosen = crate::domain::support_contact::check_choice(
            sub.commerce_type,
            sub.status,
            &available,
            chosen_id,
        )
        .map_err(ChangeError::Refused)?;
        if sub.support_contact_id.as_deref() == Some(chosen_id) {
            return Err(ChangeError::Unchanged);
        }
        let old_name = match &sub.support_contact_id {
            Some(id) => organizations::table
                .find(id)
                .select(organizations::name)
                .first::<String>(conn)
                .optional()?,
            None => None,
        };
        diesel::update(subscriptions::table.find(subscription_id.as_str()))
            .set(subscriptions::support_contact_id.eq(Some(chosen_id)))
            .execute(conn)?;
        // The reseller the change concerns, so that it finds the change in its own log.
        let concerned_reseller = [Some(chosen_id), sub.support_contact_id.as_deref()]
            .into_iter()
            .flatten()
            .find(|id| sub.provider_id != *id);
        let event = AuditEvent::by(actor, Action::SupportContactChanged, sub.as_object(), now)
            .customer(Some(customer_id))
            .related(concerned_reseller)
            .values(old_name.as_deref(), Some(&chosen.name));
        super::audit::append(conn, &event)?;
        let event_id = event.id;
        Ok(event_id)
    })
}

/// The subscriptions a removal of eligibility can touch.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every subscription a provider sells (a partnership with it ends).
    OfProvider(&'a OrganizationId),
    /// Every subscription of a customer (a relationship with it ends or loses delegated admin
    /// privileges).
    OfCustomer(&'a CustomerId),
}

/// Takes the write lock on every subscription in `scope` without changing any, and must be the
/// first statement of a removal's transaction. On SQLite it takes the database's write lock up
/// front; on PostgreSQL it waits for, and then sees, a contact change that is being saved at
/// the same moment, so [`fall_back_ineligible`] cannot miss it (and that change, if it comes
/// second, sees the removal and is refused).
pub fn lock(conn: &mut DbConnection, scope: Scope<'_>) -> QueryResult<usize> {
    match scope {
        Scope::OfProvider(id) => {
            diesel::update(subscriptions::table.filter(subscriptions::provider_id.eq(id.as_str())))
                .set(subscriptions::version.eq(subscriptions::version))
                .execute(conn)
        }
        Scope::OfCustomer(id) => {
            diesel::update(subscriptions::table.filter(subscriptions::customer_id.eq(id.as_str())))
                .set(subscriptions::version.eq(subscriptions::version))
                .execute(conn)
        }
    }
}

/// Gives every subscription in `scope` whose designated support contact is `reseller_id`, and
/// which that reseller may no longer support, back to its provider, with one "system" event
/// each that names `cause` (the removal). Runs in the removal's transaction, after [`lock`].
/// Returns how many subscriptions fell back.
pub fn fall_back_ineligible(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    reseller_id: &OrganizationId,
    cause: &AuditEvent,
) -> QueryResult<usize> {
    let designated = subscriptions::table
        .filter(subscriptions::support_contact_id.eq(reseller_id.as_str()))
        .filter(subscriptions::provider_id.ne(reseller_id.as_str()))
        .select(Subscription::as_select())
        .into_boxed();
    let designated = match scope {
        Scope::OfProvider(id) => designated.filter(subscriptions::provider_id.eq(id.to_string())),
        Scope::OfCustomer(id) => designated.filter(subscriptions::customer_id.eq(id.to_string())),
    }
    .load(conn)?;
    // Eligibility depends only on (provider, customer), and the names on a few organizations:
    // each is read once, not once per subscription.
    let names = super::organizations::lookup(
        conn,
        designated
            .iter()
            .map(|s| s.provider_id.as_str())
            .chain([reseller_id.as_str()]),
    )?;
    let name_of = |id: &str| names.get(id).map(|o| o.name.as_str());
    let mut eligible_for: std::collections::HashMap<(OrganizationId, CustomerId), bool> =
        std::collections::HashMap::new();
    let mut fallen = 0;
    for sub in designated {
        let pair = (sub.provider_id.clone(), sub.customer_id.clone());
        let still_eligible = match eligible_for.get(&pair) {
            Some(known) => *known,
            None => {
                let known = reseller_facts(conn, &sub.provider_id, &sub.customer_id)?
                    .iter()
                    .any(|r| {
                        r.organization_id == reseller_id.as_str() && support_contact::is_eligible(r)
                    });
                eligible_for.insert(pair, known);
                known
            }
        };
        if still_eligible {
            continue;
        }
        diesel::update(subscriptions::table.find(sub.id.as_str()))
            .set((
                subscriptions::support_contact_id.eq(Some(sub.provider_id.as_str())),
                subscriptions::version.eq(subscriptions::version + 1),
                subscriptions::updated_at.eq(cause.occurred_at),
            ))
            .execute(conn)?;
        let event = AuditEvent::by_system(
            &sub.provider_id,
            cause,
            Action::SupportContactFallback,
            sub.as_object(),
        )
        .customer(Some(&sub.customer_id))
        .related(Some(reseller_id.as_str()))
        .values(
            name_of(reseller_id.as_str()),
            name_of(sub.provider_id.as_str()),
        );
        super::audit::append(conn, &event)?;
        fallen += 1;
    }
    Ok(fallen)
}

/// A subscription that a reseller supports, as its Supported subscriptions page lists it.
#[derive(Debug, Clone, Queryable)]
pub struct SupportedSubscription {
    #[diesel(deserialize_as = String)]
    pub id: SubscriptionId,
    pub customer_name: String,
    pub product_name: String,
    pub provider_name: String,
}

/// One page of the subscriptions whose designated support contact is `reseller_id` (not its
/// own), ordered by customer name, product name and id, read by keyset from `at`: up to
/// `limit + 1` rows in display order, so the caller can tell whether there is more in the
/// reading direction (see `web::paging`).
///
/// One walk of the index `subscriptions_supported`, which holds that order and every column
/// shown (the customer's name is the subscription's copy): it starts at the cursor and stops
/// after the page, whatever the number of subscriptions the reseller supports. The provider's
/// name comes by key (a reseller's subscriptions have few providers).
pub fn supported_page(
    conn: &mut DbConnection,
    reseller_id: &OrganizationId,
    at: &PageAt<SubscriptionCursor>,
    limit: i64,
) -> QueryResult<Vec<SupportedSubscription>> {
    // The key compared as a row value: both backends read it as the ORDER BY does and start
    // the index walk at it.
    let beyond = |comparison: &'static str, c: &SubscriptionCursor| {
        super::fragment::fragment::<diesel::sql_types::Bool>(
            "(subscriptions.customer_name, subscriptions.product_name, subscriptions.id) ",
        )
        .sql(comparison)
        .sql(" (")
        .text(c.customer_name.as_str())
        .sql(", ")
        .text(c.product_name.as_str())
        .sql(", ")
        .text(c.id.as_str())
        .sql(")")
    };
    let forwards = (
        subscriptions::customer_name.asc(),
        subscriptions::product_name.asc(),
        subscriptions::id.asc(),
    );
    let backwards = (
        subscriptions::customer_name.desc(),
        subscriptions::product_name.desc(),
        subscriptions::id.desc(),
    );
    let mut rows: Vec<SupportedSubscription> = on_backend!(conn, |c| {
        let page = subscriptions::table
            .inner_join(organizations::table.on(organizations::id.eq(subscriptions::provider_id)))
            .filter(subscriptions::support_contact_id.eq(reseller_id.as_str()))
            .filter(subscriptions::provider_id.ne(reseller_id.as_str()))
            .select((
                subscriptions::id,
                subscriptions::customer_name,
                subscriptions::product_name,
                organizations::name,
            ))
            .limit(limit + 1)
            .into_boxed();
        match at {
            PageAt::First => page.order(forwards),
            PageAt::After(cursor) => page.filter(beyond(">", cursor)).order(forwards),
            PageAt::Before(cursor) => page.filter(beyond("<", cursor)).order(backwards),
        }
        .load(c)
    })?;
    if matches!(at, PageAt::Before(_)) {
        rows.reverse();
    }
    Ok(rows)
}

/// Why a subscription was not added or changed.
#[derive(Debug)]
pub enum EditError {
    NotFound,
    /// Someone else changed it since the form was shown.
    Stale,
    /// The rule refused it; the Fluent id says why.
    Refused(&'static str),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for EditError {
    fn from(e: diesel::result::Error) -> Self {
        EditError::Db(e)
    }
}

/// Adds a subscription that the actor's organization (a provider) sells to `customer_id`. A
/// legacy subscription's designated support contact starts as the provider; new commerce has
/// none. Refuses an external ID the provider already uses.
pub fn add(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    new: &crate::domain::customers::NewSubscription,
) -> Result<Subscription, EditError> {
    conn.transaction(|conn| {
        let provider_id = &actor.organization_id;
        if let Some(external_id) = &new.external_id {
            let taken: i64 = subscriptions::table
                .filter(subscriptions::provider_id.eq(provider_id.as_str()))
                .filter(subscriptions::external_id.eq(external_id))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(EditError::Refused("validation-external-id-taken"));
            }
        }
        let now = super::now();
        let id = SubscriptionId::generate();
        let contact = support_contact::default_contact(new.commerce_type, provider_id.as_str());
        insert(
            conn,
            NewSubscription {
                id: id.as_str(),
                customer_id: customer_id.as_str(),
                customer_name: "",
                provider_id: provider_id.as_str(),
                product_name: &new.product,
                quantity: new.quantity,
                status: SubscriptionStatus::Active,
                commerce_type: new.commerce_type,
                support_contact_id: contact.as_deref(),
                version: 1,
                created_at: now,
                updated_at: now,
                start_date: new.start_date,
                external_id: new.external_id.as_deref(),
            },
        )?;
        let sub =
            find_for_provider(conn, provider_id, customer_id, &id)?.ok_or(EditError::NotFound)?;
        let event = AuditEvent::by(actor, Action::SubscriptionAdded, sub.as_object(), now)
            .customer(Some(customer_id))
            .values(None, Some(&sub.quantity.to_string()));
        super::audit::append(conn, &event)?;
        Ok(sub)
    })
}

/// What a provider changes on one of its subscriptions.
#[derive(Debug, Clone, Copy)]
pub enum Edit {
    Quantity(i32),
    Step(crate::domain::customers::Lifecycle),
}

/// Changes a subscription's quantity or status, with the version the form was shown with, and
/// records it. A cancelled subscription changes no more.
pub fn edit(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
    expected_version: i32,
    edit: Edit,
) -> Result<Subscription, EditError> {
    use crate::domain::customers::{next_status, Lifecycle};
    conn.transaction(|conn| {
        let now = super::now();
        let (sub, bumped) = bump_version(
            conn,
            actor,
            customer_id,
            subscription_id,
            expected_version,
            now,
        )?;
        let sub = sub.ok_or(EditError::NotFound)?;
        if !bumped {
            return Err(EditError::Stale);
        }
        if sub.status == SubscriptionStatus::Cancelled {
            return Err(EditError::Refused("subscription-error-cancelled"));
        }
        let (action, old, new) = match edit {
            Edit::Quantity(quantity) => {
                diesel::update(subscriptions::table.find(subscription_id.as_str()))
                    .set(subscriptions::quantity.eq(quantity))
                    .execute(conn)?;
                (
                    Action::QuantityChanged,
                    sub.quantity.to_string(),
                    quantity.to_string(),
                )
            }
            Edit::Step(step) => {
                let status = next_status(sub.status, step).map_err(EditError::Refused)?;
                diesel::update(subscriptions::table.find(subscription_id.as_str()))
                    .set(subscriptions::status.eq(status.as_str()))
                    .execute(conn)?;
                let action = match step {
                    Lifecycle::Suspend => Action::SubscriptionSuspended,
                    Lifecycle::Reactivate => Action::SubscriptionReactivated,
                    Lifecycle::Cancel => Action::SubscriptionCancelled,
                };
                (
                    action,
                    sub.status.as_str().to_string(),
                    status.as_str().to_string(),
                )
            }
        };
        let event = AuditEvent::by(actor, action, sub.as_object(), now)
            .customer(Some(customer_id))
            .values(Some(&old), Some(&new));
        super::audit::append(conn, &event)?;
        find_for_provider(conn, &actor.organization_id, customer_id, subscription_id)?
            .ok_or(EditError::NotFound)
    })
}

/// The subscriptions of a customer that `reseller_id` is the designated support contact for.
pub fn of_customer_supported_by(
    conn: &mut DbConnection,
    reseller_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Vec<Subscription>> {
    subscriptions::table
        .filter(subscriptions::customer_id.eq(customer_id.as_str()))
        .filter(subscriptions::support_contact_id.eq(reseller_id.as_str()))
        .order((subscriptions::product_name.asc(), subscriptions::id.asc()))
        .select(Subscription::as_select())
        .load(conn)
}

//! Organizations: indirect providers, indirect resellers and customers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use diesel::sql_types::Bool;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::fragment::fragment;
use super::schema::organizations;
use super::{on_backend, DbConnection};
pub use crate::domain::PageAt;
use crate::domain::{CustomerId, OrgKind, OrganizationId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    #[diesel(deserialize_as = String)]
    pub id: OrganizationId,
    #[diesel(deserialize_as = String)]
    pub kind: OrgKind,
    pub name: String,
    pub partner_id: Option<String>,
    pub tenant_id: String,
    pub support_email: Option<String>,
    pub support_phone: Option<String>,
    pub support_website: Option<String>,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    /// A customer's primary domain (unique), and its country or region (ISO 3166-1 alpha-2).
    pub domain: Option<String>,
    pub country: Option<String>,
    /// Every user of the organization signs in with a second factor (see `domain::mfa`).
    pub mfa_required: bool,
}

/// An organization's id and name: all that a page which names it and links to it reads.
#[derive(Debug, Clone, Queryable)]
pub struct OrganizationName {
    #[diesel(deserialize_as = String)]
    pub id: OrganizationId,
    pub name: String,
}

impl Organization {
    /// The organization's id as a customer's, when it is a customer.
    pub fn customer_id(&self) -> Option<CustomerId> {
        self.id.as_customer(self.kind)
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = organizations)]
pub struct NewOrganization<'a> {
    pub id: &'a str,
    #[diesel(serialize_as = String)]
    pub kind: OrgKind,
    pub name: &'a str,
    pub search_name: &'a str,
    pub partner_id: Option<&'a str>,
    pub tenant_id: &'a str,
    pub support_email: Option<&'a str>,
    pub support_phone: Option<&'a str>,
    pub support_website: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub domain: Option<&'a str>,
    pub country: Option<&'a str>,
    pub mfa_required: bool,
}

pub fn insert(conn: &mut DbConnection, org: NewOrganization<'_>) -> QueryResult<()> {
    diesel::insert_into(organizations::table)
        .values(org)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &OrganizationId) -> QueryResult<Option<Organization>> {
    // The id is the key: no LIMIT, and on the backend's own connection (pages read it often).
    on_backend!(conn, |c| organizations::table
        .find(id.as_str())
        .select(Organization::as_select())
        .get_result(c)
        .optional())
}

/// An organization's name, by id.
pub fn name_of(conn: &mut DbConnection, id: &str) -> QueryResult<Option<String>> {
    on_backend!(conn, |c| organizations::table
        .find(id)
        .select(organizations::name)
        .get_result(c)
        .optional())
}

pub fn find_by_partner_id(
    conn: &mut DbConnection,
    partner_id: &str,
) -> QueryResult<Option<Organization>> {
    organizations::table
        .filter(organizations::partner_id.eq(partner_id))
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// The organizations of some ids, read at once: what a page needs to name the organizations
/// its rows refer to.
#[derive(Debug, Default)]
pub struct Lookup(std::collections::HashMap<OrganizationId, Organization>);

impl Lookup {
    pub fn get(&self, id: &str) -> Option<&Organization> {
        self.0.get(id)
    }

    /// The organization's name; empty for an id that was not found.
    pub fn name(&self, id: &str) -> String {
        self.get(id).map(|o| o.name.clone()).unwrap_or_default()
    }
}

/// The names of some organizations, read at once: what a page needs to name the organizations
/// its rows refer to, and no more (a whole organization is a dozen columns to decode).
#[derive(Debug, Default)]
pub struct Names(std::collections::HashMap<String, String>);

impl Names {
    /// The organization's name; empty for an id that was not found.
    pub fn name(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_default()
    }
}

/// `read` of `ids` without repeats, 500 at a time: one query each, kept prepared whatever their
/// number (see [`super::sqlite_among`]), since a page reads them on every request.
fn read_among<I, S, T>(
    conn: &mut DbConnection,
    ids: I,
    mut read: impl FnMut(&mut DbConnection, &[String]) -> QueryResult<Vec<T>>,
) -> QueryResult<Vec<T>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let ids: std::collections::BTreeSet<String> =
        ids.into_iter().map(|id| id.as_ref().to_string()).collect();
    let ids: Vec<String> = ids.into_iter().collect();
    let mut found = Vec::new();
    for chunk in ids.chunks(500) {
        found.extend(read(conn, chunk)?);
    }
    Ok(found)
}

/// Reads the organizations of `ids` (repeats and all).
pub fn lookup<I, S>(conn: &mut DbConnection, ids: I) -> QueryResult<Lookup>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let orgs = read_among(conn, ids, |conn, chunk| {
        let query = organizations::table
            .select(Organization::as_select())
            .into_boxed();
        super::filter_among!(query, conn, organizations::id, chunk).load(conn)
    })?;
    Ok(Lookup(
        orgs.into_iter().map(|o| (o.id.clone(), o)).collect(),
    ))
}

/// Reads the names of the organizations of `ids` (repeats and all).
pub fn names<I, S>(conn: &mut DbConnection, ids: I) -> QueryResult<Names>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let names = read_among(conn, ids, |conn, chunk| {
        let query = organizations::table
            .select((organizations::id, organizations::name))
            .into_boxed();
        super::filter_among!(query, conn, organizations::id, chunk).load(conn)
    })?;
    Ok(Names(names.into_iter().collect()))
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    organizations::table.count().get_result(conn)
}

/// Takes the write lock on an organization's row without changing it; the first statement of
/// a transaction that reads the row and then changes it.
pub fn lock(conn: &mut DbConnection, org_id: &OrganizationId) -> QueryResult<usize> {
    diesel::update(organizations::table.find(org_id.as_str()))
        .set(organizations::name.eq(organizations::name))
        .execute(conn)
}

pub fn update_support_profile(
    conn: &mut DbConnection,
    org_id: &OrganizationId,
    email: &str,
    phone: &str,
    website: &str,
) -> QueryResult<usize> {
    diesel::update(organizations::table.find(org_id.as_str()))
        .set((
            organizations::support_email.eq(email),
            organizations::support_phone.eq(phone),
            organizations::support_website.eq(website),
        ))
        .execute(conn)
}

/// The organization (a customer) is `partner_id`'s customer: the partner has a relationship
/// with it, or provides one of its subscriptions.
///
/// One EXISTS over a UNION ALL rather than two EXISTS joined by OR: with the OR, PostgreSQL
/// hashes each subquery, reading every relationship and subscription of the partner (a
/// provider's are most of the table) on each request. The correlated UNION ALL cannot be
/// hashed, so both backends walk the customers in the order asked for and test each with two
/// index lookups, stopping at the page's LIMIT. Written as SQL because the query builder only
/// combines queries that stand alone, and these refer to the outer `organizations` row; a
/// [`Fragment`](super::fragment::Fragment), so the list's statement stays prepared.
fn is_customer_of(partner_id: &str) -> super::fragment::Fragment<Bool> {
    fragment(
        "EXISTS (SELECT 1 FROM customer_relationships \
         WHERE customer_relationships.customer_id = organizations.id \
         AND customer_relationships.partner_id = ",
    )
    .text(partner_id)
    .sql(
        " UNION ALL SELECT 1 FROM subscriptions \
         WHERE subscriptions.customer_id = organizations.id AND subscriptions.provider_id = ",
    )
    .text(partner_id)
    .sql(")")
}

/// Saves the actor's organization's support profile and records it (old and new values), in
/// one transaction. The row is locked before it is read, so two saves at once are recorded one
/// after the other, and SQLite never has to upgrade a read lock.
pub fn save_support_profile(
    conn: &mut DbConnection,
    actor: &super::audit::Actor,
    profile: &crate::domain::profile::SupportProfile,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        lock(conn, &actor.organization_id)?;
        let before = find(conn, &actor.organization_id)?.ok_or(diesel::result::Error::NotFound)?;
        update_support_profile(
            conn,
            &actor.organization_id,
            &profile.email,
            &profile.phone,
            &profile.website,
        )?;
        let describe = |e: &str, p: &str, w: &str| format!("{e} | {p} | {w}");
        let old = describe(
            before.support_email.as_deref().unwrap_or(""),
            before.support_phone.as_deref().unwrap_or(""),
            before.support_website.as_deref().unwrap_or(""),
        );
        let new = describe(&profile.email, &profile.phone, &profile.website);
        let object = super::audit::Object {
            kind: crate::domain::audit::ObjectKind::SupportProfile,
            id: actor.organization_id.as_str(),
            label: &before.name,
        };
        super::audit::append(
            conn,
            &super::audit::AuditEvent::by(
                actor,
                crate::domain::audit::Action::SupportProfileChanged,
                object,
                super::now(),
            )
            .values(Some(&old), Some(&new)),
        )
    })
}

/// The shortest part of a name (in characters) that the name indexes find: SQLite's FTS5
/// trigram table and PostgreSQL's pg_trgm index both index every three characters of a name.
pub const INDEXED_PART_CHARS: usize = 3;

diesel::table! {
    /// SQLite's trigram index of organizations' lower-cased names (an FTS5 table that the
    /// migrations make and triggers keep; PostgreSQL has none), by the organization's rowid.
    organizations_search (rowid) {
        rowid -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(organizations, organizations_search);

/// The customers whose name contains a part of a name, as a list page reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamedCustomers {
    /// At most the number asked for: their ids. A page reads these customers by key.
    Few(Vec<String>),
    /// More: a page walks its own order and tests each name, finding a page of them soon.
    Many,
}

/// The customers (of every partner: the caller scopes them) whose lower-cased name contains
/// `key` (a [`crate::domain::search_key`]), when there are at most `most`; counted up to one
/// more. A key of [`INDEXED_PART_CHARS`] or more comes from the name index (on SQLite the
/// trigram table, each hit's name then tested for the key, so that the index only narrows
/// what is read); a shorter key reads the names until it has counted enough.
pub fn customers_named(
    conn: &mut DbConnection,
    key: &str,
    most: usize,
) -> QueryResult<NamedCustomers> {
    let pattern = super::like_contains(key);
    let limit = i64::try_from(most).unwrap_or(i64::MAX - 1) + 1;
    let ids: Vec<String> = match conn {
        DbConnection::Sqlite(_) if key.chars().count() >= INDEXED_PART_CHARS => {
            // Every name that contains the key has each of its trigrams; the few that have them
            // all without containing the key are left out by `instr` (the same test as the
            // LIKE below on lower-cased names). Built, not written whole (diesel keeps a built
            // statement prepared, never an `sql_query`); its bound values do not change its
            // plan (`db::plan_without_bound_values`). The trigram table leads (a join, not
            // `rowid IN (…)`), so a common part stops at the LIMIT instead of gathering all its
            // matches first.
            organizations_search::table
                .inner_join(organizations::table.on(fragment::<Bool>(
                    "organizations.rowid = organizations_search.rowid",
                )))
                .filter(
                    fragment::<Bool>("organizations_search MATCH ")
                        .text(crate::domain::trigram_query(key)),
                )
                // Only tested, as in `kind_is`: an older SQLite without statistics (3.40, say)
                // otherwise walks every customer by kind and looks each up in the trigram table.
                .filter(super::unindexed(organizations::kind).eq(OrgKind::Customer.as_str()))
                .filter(
                    fragment::<Bool>("instr(organizations.search_name, ")
                        .text(key)
                        .sql(") > 0"),
                )
                .select(organizations::id)
                .limit(limit)
                .load(conn)?
        }
        // PostgreSQL's planner reads a rare part from the trigram index and a common one by
        // scanning until the LIMIT.
        _ => organizations::table
            .filter(organizations::kind.eq(OrgKind::Customer.as_str()))
            .filter(organizations::search_name.like(&pattern).escape('\\'))
            .select(organizations::id)
            .limit(limit)
            .load(conn)?,
    };
    Ok(if ids.len() > most {
        NamedCustomers::Many
    } else {
        NamedCustomers::Few(ids)
    })
}

/// Up to this many customers that a search matches are read by key on the Customers page on
/// SQLite; beyond, the page walks the customers in name order and stops after a page of
/// matches. At 100,000 customers, reading 200 customers by key costs about what a walk costs
/// to find a page of customers of whom one in 500 matches.
const SEARCH_BY_KEY: usize = 200;

/// Up to this many customers of a partner are read by key on the Customers page; a partner with
/// more walks all customers in name order and tests each (see [`customers_page`]). A walk
/// tests about `26 × customers ÷ the partner's customers` rows to fill a page: at 100,000
/// customers, a reseller with 100 of them spread through the names waited about 250 ms, while
/// 500 read by key and sorted take about what a walk to a page takes for such a partner.
const PARTNER_BY_KEY: usize = 500;

/// How a partner's Customers page finds its customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartnerSize {
    /// Up to about [`PARTNER_BY_KEY`] customers ([`customers_by_key`]).
    Few,
    /// More: a walk of all customers in name order ([`is_customer_of`]).
    Many,
}

/// Which way suits the partner, from [`PARTNER_SIZES`] or else from one probe of each index
/// that leads with the partner (is there a row past the [`PARTNER_BY_KEY`]th?), which reads no
/// rows out. The answer is then remembered.
fn partner_size(conn: &mut DbConnection, partner_id: &OrganizationId) -> QueryResult<PartnerSize> {
    use super::schema::{customer_relationships, subscriptions};
    if let Some(size) = PARTNER_SIZES.get(partner_id.as_str(), Instant::now()) {
        return Ok(size);
    }
    let skip = i64::try_from(PARTNER_BY_KEY).unwrap_or(i64::MAX);
    let related: Option<String> = customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id.as_str()))
        .select(customer_relationships::customer_id)
        .offset(skip)
        .limit(1)
        .first(conn)
        .optional()?;
    let size = if related.is_some() {
        PartnerSize::Many
    } else {
        let provided: Option<String> = subscriptions::table
            .filter(subscriptions::provider_id.eq(partner_id.as_str()))
            .select(subscriptions::customer_id)
            .distinct()
            .offset(skip)
            .limit(1)
            .first(conn)
            .optional()?;
        if provided.is_some() {
            PartnerSize::Many
        } else {
            PartnerSize::Few
        }
    };
    PARTNER_SIZES.remember(partner_id.as_str(), size, Instant::now());
    Ok(size)
}

/// The partner's customers (a relationship, or a subscription it provides) read by key: the
/// partner's rows of both indexes give the ids, each customer is read by its key and the few
/// are sorted. The same customers as [`is_customer_of`], so right for a partner of any size;
/// for a large one it reads all its customers before the page.
///
/// On PostgreSQL the ids are gathered into an array first (`= ANY(ARRAY(…))`): with `IN`, a
/// plan made without the partner (a prepared statement's generic plan) expects an average
/// provider's half a million subscriptions and hashes every customer (66 ms for a reseller
/// with 101 customers at 100,000 customers, against 2 ms with the array).
fn customers_by_key(partner_id: &str, sqlite: bool) -> super::fragment::Fragment<Bool> {
    let start = if sqlite {
        "organizations.id IN (SELECT customer_relationships.customer_id \
         FROM customer_relationships WHERE customer_relationships.partner_id = "
    } else {
        "organizations.id = ANY(ARRAY(SELECT customer_relationships.customer_id \
         FROM customer_relationships WHERE customer_relationships.partner_id = "
    };
    fragment(start)
        .text(partner_id)
        .sql(
            " UNION SELECT subscriptions.customer_id FROM subscriptions \
             WHERE subscriptions.provider_id = ",
        )
        .text(partner_id)
        .sql(if sqlite { ")" } else { "))" })
}

/// `organizations.kind = kind`; with `not_indexed`, written so that no index serves it
/// (`kind || ''`), for a query that reads a few organizations by key and only tests their kind.
///
/// SQLite plans a file without statistics (a partner's, unless an operator gathers them)
/// taking every index to be selective, the one by kind too; it then prefers walking every
/// customer by kind, in name order, to reading the few by key and sorting them. At 100,000
/// customers a search by a rare part of a name answered 150 requests a second that way,
/// against 8,000 by key.
fn kind_is(
    kind: OrgKind,
    not_indexed: bool,
) -> Box<dyn BoxableExpression<organizations::table, super::MultiBackend, SqlType = Bool>> {
    if not_indexed {
        Box::new(super::unindexed(organizations::kind).eq(kind.as_str()))
    } else {
        Box::new(organizations::kind.eq(kind.as_str()))
    }
}

/// What [`partner_size`] found, per partner, for 10 s. The memo only chooses how a page is
/// read, never what it shows: both ways select exactly the partner's customers, so a memo
/// that is stale (a partner that gained or lost customers, another instance's changes, another
/// database in the same process) costs at most a slower page until the entry runs out.
static PARTNER_SIZES: LazyLock<Memo<PartnerSize>> =
    LazyLock::new(|| Memo::new(Duration::from_secs(10), 10_000));

/// Values remembered by key for `for_how_long`, at most `most` of them (when full, those run
/// out are dropped first, then all: it is only a shortcut).
struct Memo<V> {
    seen: Mutex<HashMap<String, (V, Instant)>>,
    for_how_long: Duration,
    most: usize,
}

impl<V: Copy> Memo<V> {
    fn new(for_how_long: Duration, most: usize) -> Memo<V> {
        Memo {
            seen: Mutex::new(HashMap::new()),
            for_how_long,
            most,
        }
    }

    fn seen(&self) -> MutexGuard<'_, HashMap<String, (V, Instant)>> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, key: &str, now: Instant) -> Option<V> {
        self.seen()
            .get(key)
            .filter(|(_, at)| now.saturating_duration_since(*at) < self.for_how_long)
            .map(|(value, _)| *value)
    }

    fn remember(&self, key: &str, value: V, now: Instant) {
        let mut seen = self.seen();
        if seen.len() >= self.most && !seen.contains_key(key) {
            seen.retain(|_, (_, at)| now.saturating_duration_since(*at) < self.for_how_long);
            if seen.len() >= self.most {
                seen.clear();
            }
        }
        seen.insert(key.to_owned(), (value, now));
    }
}

/// One page of `partner_id`'s customers (a relationship, or a subscription it provides), ordered by
/// name, optionally filtered by a case-insensitive part of the name. Returns up to `limit + 1`
/// rows in display order, so the caller can tell whether there is more in the reading direction.
///
/// A partner with few customers ([`PARTNER_BY_KEY`]) has them read by key and sorted, within
/// the page's one statement: walking the customers in name order would test every customer of
/// every partner to find its few. Which way suits the partner is remembered ([`partner_size`]).
/// On SQLite, a part of a name that few customers have is likewise looked up in the name index
/// first and those customers read by key. A common part, or one too short for the index, walks.
pub fn customers_page(
    conn: &mut DbConnection,
    partner_id: &OrganizationId,
    search: Option<&str>,
    at: &PageAt,
    limit: i64,
) -> QueryResult<Vec<Organization>> {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    let size = partner_size(conn, partner_id)?;
    let key = search.map(crate::domain::search_key);
    // PostgreSQL's planner reads the trigram index for a rare part within the one query below
    // (and walks for a common one); SQLite's cannot weigh its trigram table, so the matches
    // are counted first.
    let mut named = None;
    if let Some(key) = key
        .as_deref()
        .filter(|k| sqlite && k.chars().count() >= INDEXED_PART_CHARS)
    {
        if let NamedCustomers::Few(ids) = customers_named(conn, key, SEARCH_BY_KEY)? {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            named = Some(ids);
        }
    }
    let by_key = named.is_some() || size == PartnerSize::Few;
    let mut query = organizations::table
        .select(Organization::as_select())
        .into_boxed()
        .filter(kind_is(OrgKind::Customer, sqlite && by_key));
    if let Some(ids) = &named {
        query = super::filter_among!(query, conn, organizations::id, ids);
    }
    // The search text is tested before the subquery: on SQLite both come from the covering
    // index, so a walk tests the name before it looks for the partner's relationship.
    if let Some(key) = &key {
        query = query.filter(super::name_contains(key));
    }
    query = match size {
        PartnerSize::Few => query.filter(customers_by_key(partner_id.as_str(), sqlite)),
        PartnerSize::Many => query.filter(is_customer_of(partner_id.as_str())),
    };
    match at {
        PageAt::First => query
            .order((organizations::name.asc(), organizations::id.asc()))
            .limit(limit + 1)
            .load(conn),
        // The redundant `name >=` / `name <=` bound lets both backends start the index walk
        // at the cursor; with the OR alone, SQLite walks every customer before it.
        PageAt::After(c) => query
            .filter(organizations::name.ge(c.name.clone()))
            .filter(
                organizations::name
                    .gt(c.name.clone())
                    .or(organizations::name
                        .eq(c.name.clone())
                        .and(organizations::id.gt(c.id.clone()))),
            )
            .order((organizations::name.asc(), organizations::id.asc()))
            .limit(limit + 1)
            .load(conn),
        PageAt::Before(c) => {
            let mut rows = query
                .filter(organizations::name.le(c.name.clone()))
                .filter(
                    organizations::name
                        .lt(c.name.clone())
                        .or(organizations::name
                            .eq(c.name.clone())
                            .and(organizations::id.lt(c.id.clone()))),
                )
                .order((organizations::name.desc(), organizations::id.desc()))
                .limit(limit + 1)
                .load(conn)?;
            rows.reverse();
            Ok(rows)
        }
    }
}

/// The customer, when it is `partner_id`'s (a relationship or a subscription); otherwise None,
/// so that an id typed into a URL reveals nothing about other partners' customers.
pub fn customer_of_partner(
    conn: &mut DbConnection,
    partner_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Option<Organization>> {
    organizations::table
        .find(customer_id.as_str())
        .filter(organizations::kind.eq(OrgKind::Customer.as_str()))
        .filter(is_customer_of(partner_id.as_str()))
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// What a new organization and its first Global admin are made of (already validated).
#[derive(Debug, Clone)]
pub struct NewTenant<'a> {
    pub kind: OrgKind,
    pub name: &'a str,
    pub partner_id: Option<&'a str>,
    pub admin_email: &'a str,
    pub admin_name: &'a str,
    /// A customer's primary domain and country.
    pub domain: Option<&'a str>,
    pub country: Option<&'a str>,
}

/// Why an organization was not made.
#[derive(Debug)]
pub enum CreateError {
    /// The Fluent id (and, on the command line, the message) of the conflict.
    Conflict(&'static str),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for CreateError {
    fn from(e: diesel::result::Error) -> Self {
        CreateError::Database(e)
    }
}

/// Makes an organization, its first Global admin (without a password) and that admin's
/// set-password link for `token`, in one transaction, with their audit events. Refuses a
/// partner whose name or partner ID exists already, and an email that a user has.
pub fn create_with_admin(
    conn: &mut DbConnection,
    by: super::audit::MadeBy<'_>,
    tenant: &NewTenant<'_>,
    token: &str,
) -> Result<(Organization, super::users::User, NaiveDateTime), CreateError> {
    conn.transaction(|conn| {
        let search_name = crate::domain::search_key(tenant.name);
        if tenant.kind.is_partner() {
            let same_name: i64 = organizations::table
                .filter(organizations::search_name.eq(&search_name))
                .filter(organizations::kind.ne(OrgKind::Customer.as_str()))
                .count()
                .get_result(conn)?;
            if same_name > 0 {
                return Err(CreateError::Conflict("init-error-name-taken"));
            }
        }
        if let Some(pid) = tenant.partner_id {
            if find_by_partner_id(conn, pid)?.is_some() {
                return Err(CreateError::Conflict("init-error-partner-id-taken"));
            }
        }
        if let Some(domain) = tenant.domain {
            let taken: i64 = organizations::table
                .filter(organizations::domain.eq(domain))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(CreateError::Conflict("validation-domain-taken"));
            }
        }
        if super::users::find_by_email(conn, tenant.admin_email)?.is_some() {
            return Err(CreateError::Conflict("validation-email-taken"));
        }
        let now = super::now();
        let id = OrganizationId::generate();
        insert(
            conn,
            NewOrganization {
                id: id.as_str(),
                kind: tenant.kind,
                name: tenant.name,
                search_name: &search_name,
                partner_id: tenant.partner_id,
                tenant_id: &crate::domain::new_id(),
                support_email: None,
                support_phone: None,
                support_website: None,
                created_at: now,
                domain: tenant.domain,
                country: tenant.country,
                mfa_required: crate::domain::mfa::required_by_default(tenant.kind),
            },
        )?;
        let org = find(conn, &id)?.ok_or(diesel::result::Error::NotFound)?;
        let user_id = crate::domain::new_id();
        super::users::insert(
            conn,
            super::users::NewUser {
                id: &user_id,
                organization_id: id.as_str(),
                email: tenant.admin_email,
                display_name: tenant.admin_name,
                password_hash: "",
                role: crate::domain::roles::Role::global_admin_of(tenant.kind),
                state: crate::domain::accounts::UserState::Active,
                created_at: now,
            },
        )?;
        let user = super::users::find(conn, &user_id)?.ok_or(diesel::result::Error::NotFound)?;
        let object = super::audit::Object {
            kind: crate::domain::audit::ObjectKind::Organization,
            id: org.id.as_str(),
            label: &org.name,
        };
        let created = super::audit::AuditEvent::made_by(
            by,
            &org.id,
            if tenant.kind.is_partner() {
                crate::domain::audit::Action::OrganizationCreated
            } else {
                crate::domain::audit::Action::CustomerAdded
            },
            object,
            now,
        );
        let created = if tenant.kind.is_partner() {
            created.values(None, Some(tenant.kind.as_str()))
        } else {
            created.customer(org.customer_id().as_ref())
        };
        super::audit::append(conn, &created)?;
        let added = super::users::user_event(
            by,
            tenant.kind,
            crate::domain::audit::Action::UserAdded,
            &user,
            now,
        );
        super::audit::append(conn, &added.values(None, Some(user.role.as_str())))?;
        let expires = super::password_links::issue(
            conn,
            by,
            &user,
            tenant.kind,
            crate::domain::accounts::LinkPurpose::NewUser,
            token,
        )?;
        Ok((org, user, expires))
    })
}

/// The organization with this id, or else the one with this exact name (case-insensitive),
/// for the operator's commands.
pub fn find_by_id_or_name(conn: &mut DbConnection, key: &str) -> QueryResult<Option<Organization>> {
    if crate::domain::is_valid_id(key) {
        if let Some(org) = find(conn, &OrganizationId::from(key.to_string()))? {
            return Ok(Some(org));
        }
    }
    organizations::table
        .filter(organizations::search_name.eq(crate::domain::search_key(key)))
        .order(organizations::created_at.asc())
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// The organization a support contact names, by its tenant id or its partner (MPN) id.
pub fn find_by_tenant_or_partner_id(
    conn: &mut DbConnection,
    tenant_id: Option<&str>,
    partner_id: Option<&str>,
) -> QueryResult<Option<Organization>> {
    let mut query = organizations::table
        .select(Organization::as_select())
        .into_boxed();
    if let Some(tenant_id) = tenant_id {
        query = query.filter(organizations::tenant_id.eq(tenant_id.to_string()));
    }
    if let Some(partner_id) = partner_id {
        query = query.filter(organizations::partner_id.eq(partner_id.to_string()));
    }
    query.first(conn).optional()
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::time::{Duration, Instant};

    #[test]
    fn a_memo_holds_a_value_for_its_time_only() {
        let memo = Memo::new(Duration::from_secs(30), 10);
        let t0 = Instant::now();
        assert_eq!(memo.get("contoso", t0), None);
        memo.remember("contoso", 'L', t0);
        assert_eq!(memo.get("contoso", t0 + Duration::from_secs(29)), Some('L'));
        assert_eq!(memo.get("contoso", t0 + Duration::from_secs(30)), None);
        assert_eq!(memo.get("litware", t0), None);
        // Remembered again, with what was found then, it holds for another while.
        memo.remember("contoso", 'S', t0 + Duration::from_secs(40));
        assert_eq!(memo.get("contoso", t0 + Duration::from_secs(60)), Some('S'));
    }

    #[test]
    fn a_full_memo_drops_what_ran_out_then_everything() {
        let memo = Memo::new(Duration::from_secs(30), 3);
        let t0 = Instant::now();
        memo.remember("a", 1, t0);
        memo.remember("b", 2, t0 + Duration::from_secs(20));
        memo.remember("c", 3, t0 + Duration::from_secs(20));
        // Full: "a" has run out and makes room.
        let t1 = t0 + Duration::from_secs(31);
        memo.remember("d", 4, t1);
        assert_eq!(memo.seen().len(), 3);
        assert_eq!(
            ["b", "c", "d"].map(|k| memo.get(k, t1)),
            [Some(2), Some(3), Some(4)]
        );
        // Full of live keys: all are dropped, the new one stays.
        memo.remember("e", 5, t1);
        assert_eq!(memo.seen().len(), 1);
        assert_eq!((memo.get("e", t1), memo.get("b", t1)), (Some(5), None));
        // A key already held is renewed without dropping others.
        memo.remember("f", 6, t1);
        memo.remember("e", 7, t1 + Duration::from_secs(1));
        assert_eq!((memo.get("e", t1), memo.get("f", t1)), (Some(7), Some(6)));
    }
}

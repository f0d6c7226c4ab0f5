//! The audit log: append-only; the product has no query that changes or deletes an event.
//!
//! Columns that say who sees an event: `organization_id` is the organization that acted (for an
//! automatic fallback, the subscription's provider); `related_organization_id` is the other
//! partner the change concerns (the reseller of a partnership, the partner whose customer
//! relationship changed, the reseller that gained or lost a designation); `customer_id` is the
//! customer it concerns. A partner reads the events where it is the first or the second; a
//! customer's admin reads the events about the customer.

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::fragment::fragment;
use super::schema::{audit_events, organizations};
use super::DbConnection;
use crate::domain::audit::{Action, AuditFilter, LogPage, ObjectKind, RelationshipValue};
use crate::domain::{CustomerId, OrganizationId};

/// Who makes a change, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user, or for an API client the Global admin's colleague it acts for is nobody: the
    /// client's id goes to [`Actor::api_client_id`] and this stays empty.
    pub user_id: String,
    pub name: String,
    pub organization_id: OrganizationId,
    /// Set when the change comes through the API: the client that made it.
    pub api_client_id: Option<String>,
}

/// Who made a change: a signed-in user, the operator on the command line, or somebody not
/// signed in (a sign-in attempt).
#[derive(Debug, Clone, Copy)]
pub enum MadeBy<'a> {
    User(&'a Actor),
    Operator,
    Anonymous,
}

/// The actor name of automatic changes.
pub const SYSTEM_ACTOR: &str = "system";
/// The actor name of changes made on the command line (`init`, `user reset-password`).
pub const OPERATOR_ACTOR: &str = "operator";
/// The actor name of what somebody not signed in did (a failed sign-in).
pub const ANONYMOUS_ACTOR: &str = "anonymous";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: String,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub occurred_at: NaiveDateTime,
    pub organization_id: String,
    pub actor_user_id: Option<String>,
    pub actor_name: String,
    pub customer_id: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub object_kind: ObjectKind,
    pub object_id: String,
    pub object_label: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub action: Action,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub cause_event_id: Option<String>,
    pub related_organization_id: Option<String>,
    /// The bulk change this event is one item of: every event of one bulk change shares it.
    pub bulk_change_id: Option<String>,
    /// The API client that made the change (its name is the actor name).
    pub actor_api_client_id: Option<String>,
}

/// What an event is about.
#[derive(Debug, Clone, Copy)]
pub struct Object<'a> {
    pub kind: ObjectKind,
    pub id: &'a str,
    /// Its name when the change was made (a product, an organization, two partners).
    pub label: &'a str,
}

impl AuditEvent {
    fn new(
        organization_id: &OrganizationId,
        action: Action,
        object: Object<'_>,
        now: NaiveDateTime,
    ) -> Self {
        AuditEvent {
            id: crate::domain::new_id(),
            occurred_at: now,
            organization_id: organization_id.to_string(),
            actor_user_id: None,
            actor_name: SYSTEM_ACTOR.to_string(),
            customer_id: None,
            object_kind: object.kind,
            object_id: object.id.to_string(),
            object_label: object.label.to_string(),
            action,
            old_value: None,
            new_value: None,
            cause_event_id: None,
            related_organization_id: None,
            bulk_change_id: None,
            actor_api_client_id: None,
        }
    }

    /// An event of `actor`'s organization; the rest is added with the builder methods below.
    pub fn by(actor: &Actor, action: Action, object: Object<'_>, now: NaiveDateTime) -> Self {
        let mut event = AuditEvent::new(&actor.organization_id, action, object, now);
        match &actor.api_client_id {
            Some(client_id) => event.actor_api_client_id = Some(client_id.clone()),
            None => event.actor_user_id = Some(actor.user_id.clone()),
        }
        event.actor_name = actor.name.clone();
        event
    }

    /// A change made by `by`: a user's in their organization's log, the operator's in the log
    /// of `organization_id` (the organization changed).
    pub fn made_by(
        by: MadeBy<'_>,
        organization_id: &OrganizationId,
        action: Action,
        object: Object<'_>,
        now: NaiveDateTime,
    ) -> Self {
        match by {
            MadeBy::User(actor) => AuditEvent::by(actor, action, object, now),
            MadeBy::Operator | MadeBy::Anonymous => {
                let mut event = AuditEvent::new(organization_id, action, object, now);
                event.actor_name = match by {
                    MadeBy::Operator => OPERATOR_ACTOR,
                    _ => ANONYMOUS_ACTOR,
                }
                .to_string();
                event
            }
        }
    }

    /// An automatic change on behalf of `organization_id`, at the time of the event `cause`
    /// that made it necessary.
    pub fn by_system(
        organization_id: &OrganizationId,
        cause: &AuditEvent,
        action: Action,
        object: Object<'_>,
    ) -> Self {
        let mut event = AuditEvent::new(organization_id, action, object, cause.occurred_at);
        event.cause_event_id = Some(cause.id.clone());
        event
    }

    pub fn customer(mut self, customer_id: Option<&CustomerId>) -> Self {
        self.customer_id = customer_id.map(CustomerId::to_string);
        self
    }

    pub fn related(mut self, organization_id: Option<&str>) -> Self {
        self.related_organization_id = organization_id.map(str::to_string);
        self
    }

    /// Marks the event as one item of the bulk change `bulk_change_id`.
    pub fn bulk_change(mut self, bulk_change_id: &str) -> Self {
        self.bulk_change_id = Some(bulk_change_id.to_string());
        self
    }

    pub fn values(mut self, old: Option<&str>, new: Option<&str>) -> Self {
        self.old_value = old.map(str::to_string);
        self.new_value = new.map(str::to_string);
        self
    }

    /// Old and new values of a relationship event.
    pub fn codes(self, old: RelationshipValue, new: RelationshipValue) -> Self {
        self.values(Some(old.as_str()), Some(new.as_str()))
    }
}

pub fn append(conn: &mut DbConnection, event: &AuditEvent) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values(event.clone())
        .execute(conn)
        .map(|_| ())
}

/// Appends many events, a few hundred rows per INSERT (well below SQLite's limit of bound
/// values). The multi-backend connection cannot build a batch insert itself, so each backend's
/// connection does.
pub fn append_all(conn: &mut DbConnection, events: &[AuditEvent]) -> QueryResult<()> {
    for chunk in events.chunks(500) {
        let rows = chunk.to_vec();
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(audit_events::table)
                .values(rows)
                .execute(c)?,
            DbConnection::Postgres(c) => diesel::insert_into(audit_events::table)
                .values(rows)
                .execute(c)?,
        };
    }
    Ok(())
}

/// One event of `organization_id`'s log about `object_id`.
pub fn find_for_object(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    object_id: &str,
    event_id: &str,
) -> QueryResult<Option<AuditEvent>> {
    audit_events::table
        .find(event_id)
        .filter(audit_events::organization_id.eq(organization_id.as_str()))
        .filter(audit_events::object_id.eq(object_id))
        .select(AuditEvent::as_select())
        .first(conn)
        .optional()
}

/// Whose log is read; the id always comes from the reader's session.
#[derive(Debug, Clone, Copy)]
pub enum LogOf<'a> {
    /// What a partner did, and what others did to its relationships and designations.
    Partner(&'a OrganizationId),
    /// What concerns a customer.
    Customer(&'a CustomerId),
}

/// Up to `limit` events of a log that match the filter, on the page asked for, newest first.
///
/// A partner's log is the events where it is the first or the second organization. Asked as one
/// query with an OR, both SQLite and PostgreSQL read every event of the partner and sort them,
/// which grows with the log; so each side is read on its own index, already in order and
/// stopping after `limit` rows, and the two short lists are merged here.
///
/// A customer-name filter passes over many events to find a page (a walk tests each event's
/// customer; a few customers' events are sorted), so its reads take only the events' keys from
/// the index they walk, and the page's events are read by key afterwards: a whole event is read
/// for each of the page's rows and for no other.
pub fn list(
    conn: &mut DbConnection,
    log: LogOf<'_>,
    filter: &AuditFilter,
    page: &LogPage,
    limit: i64,
) -> QueryResult<Vec<AuditEvent>> {
    let named = match filter.customer_name.as_deref() {
        Some(name) => Some(named_customers(conn, name)?),
        None => None,
    };
    let walk = |related: bool| Read::Walk {
        related,
        customer_name: match &named {
            Some(NamedCustomers::Many(key)) => Some(key.as_str()),
            _ => None,
        },
    };
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    let reads = match (&named, log) {
        (Some(NamedCustomers::Few(ids)), _) if ids.is_empty() => return Ok(Vec::new()),
        (Some(NamedCustomers::Few(ids)), _) => vec![Read::Customers(ids)],
        (_, LogOf::Customer(_)) => vec![walk(false)],
        (_, LogOf::Partner(_)) => vec![walk(false), walk(true)],
    };
    if named.is_none() {
        let mut rows = Vec::new();
        for read in reads {
            let query = events_of(log, read, filter, sqlite).select(AuditEvent::as_select());
            rows.extend(paged(query, page, limit).load(conn)?);
        }
        keep_page(&mut rows, |e| (e.occurred_at, &e.id), page, limit);
        return Ok(rows);
    }
    let mut keys: Vec<(NaiveDateTime, String)> = Vec::new();
    for read in reads {
        let query = events_of(log, read, filter, sqlite)
            .select((audit_events::occurred_at, audit_events::id));
        keys.extend(paged(query, page, limit).load(conn)?);
    }
    keep_page(&mut keys, |k| (k.0, &k.1), page, limit);
    // By key, 500 at a time: the download asks for a whole log's worth.
    let ids: Vec<String> = keys.into_iter().map(|(_, id)| id).collect();
    let mut rows: Vec<AuditEvent> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let by_key = audit_events::table
            .select(AuditEvent::as_select())
            .into_boxed();
        rows.extend(super::filter_among!(by_key, conn, audit_events::id, chunk).load(conn)?);
    }
    rows.sort_by(|a, b| (b.occurred_at, &b.id).cmp(&(a.occurred_at, &a.id)));
    Ok(rows)
}

/// Sorts events (or their keys) newest first, drops repeats (an event can be on both sides of
/// a partner's log) and keeps the `limit` of them that belong on the page.
fn keep_page<T>(
    rows: &mut Vec<T>,
    key: impl Fn(&T) -> (NaiveDateTime, &String),
    page: &LogPage,
    limit: i64,
) {
    rows.sort_by(|a, b| key(b).cmp(&key(a)));
    rows.dedup_by(|a, b| key(a).1 == key(b).1);
    let limit = usize::try_from(limit).unwrap_or(0);
    if rows.len() > limit {
        match page {
            // Newer events are read upwards from the cursor: keep those closest to it.
            LogPage::Newer(_) => {
                rows.drain(..rows.len() - limit);
            }
            _ => rows.truncate(limit),
        }
    }
}

/// Up to this many customers that a name filter matches are looked up by id; beyond, the log is
/// read in order and each event's customer is tested (see [`NamedCustomers`]).
///
/// Measured at 100,000 customers (about four events each in a provider's log) on SQLite, keys
/// only, on one connection: the events of 200 customers are read and sorted in about 0.2 ms
/// (about 1 µs a customer); a walk of the log finds a page in about 0.9 ms when one customer
/// in 25 matches (about 1,500 events passed), and reads tens of thousands of events when one
/// in 500 does. Reading by id costs what that quick walk costs at about 900 customers.
const NAMED_CUSTOMERS_BY_ID: usize = 500;

/// The customers whose name contains the filter's text, in the form [`list`] reads them by.
#[derive(Debug)]
enum NamedCustomers {
    /// A few customers (a rare part of a name): their events come from the customers' index of
    /// the log, which carries the organizations of each event, a few entries each, sorted
    /// afterwards. Walking the partner's log instead would read all of it to find the few.
    Few(Vec<String>),
    /// Many customers (the lower-cased text): the partner's log is walked newest first and
    /// each event's customer (carried by the index walked) looked up by key, which finds a page
    /// of events soon.
    Many(String),
}

/// Which of the two ways suits the filter's text: the matching customers are counted up to one
/// more than [`NAMED_CUSTOMERS_BY_ID`], by the name index (see
/// [`organizations::customers_named`](super::organizations::customers_named)).
fn named_customers(conn: &mut DbConnection, name: &str) -> QueryResult<NamedCustomers> {
    let key = crate::domain::search_key(name);
    Ok(
        match super::organizations::customers_named(conn, &key, NAMED_CUSTOMERS_BY_ID)? {
            super::organizations::NamedCustomers::Few(ids) => NamedCustomers::Few(ids),
            super::organizations::NamedCustomers::Many => NamedCustomers::Many(key),
        },
    )
}

/// One index read of [`list`].
#[derive(Debug, Clone, Copy)]
enum Read<'a> {
    /// The customer's log, or one side of a partner's (`related`: the events where the partner
    /// is the second organization), walked in order on that side's index; with a part of a
    /// name (lower-cased), each event's customer is looked up by key and its name tested.
    Walk {
        related: bool,
        customer_name: Option<&'a str>,
    },
    /// The events of these customers, both sides of a partner's log at once, from the
    /// customers' index.
    Customers(&'a [String]),
}

type EventsQuery<ST> = audit_events::BoxedQuery<'static, super::MultiBackend, ST>;

/// The events of `log` that one read finds and the rest of the filter keeps, in no order yet.
///
/// On SQLite (`sqlite`) no value that the planner weighs is bound: with index statistics, such
/// a value (a `LIKE` pattern, ids compared with an indexed column) makes SQLite prepare the
/// statement again once it is bound, parsing and planning a list of hundreds of ids twice. The
/// ids come as one JSON array and the name is tested with `instr` (the names are lower-cased,
/// as the text is). PostgreSQL takes the ids as one array anyway, and tests the name with the
/// `LIKE` its trigram index serves.
fn events_of(
    log: LogOf<'_>,
    read: Read<'_>,
    filter: &AuditFilter,
    sqlite: bool,
) -> EventsQuery<AllColumns> {
    let mut query = audit_events::table.into_boxed();
    query = match (log, read) {
        (LogOf::Customer(id), _) => query.filter(audit_events::customer_id.eq(id.to_string())),
        (LogOf::Partner(id), Read::Walk { related: true, .. }) => {
            query.filter(audit_events::related_organization_id.eq(id.to_string()))
        }
        (LogOf::Partner(id), Read::Walk { .. }) => {
            query.filter(audit_events::organization_id.eq(id.to_string()))
        }
        // Both sides compared as `column || ''`, which no index serves: otherwise the planners
        // prefer walking the partner's whole log in order to reading a few customers' events
        // (whose index carries both columns) and sorting them.
        (LogOf::Partner(id), Read::Customers(_)) => query.filter(
            super::unindexed(audit_events::organization_id)
                .eq(id.to_string())
                .or(super::unindexed(audit_events::related_organization_id).eq(id.to_string())),
        ),
    };
    let customer =
        organizations::table.filter(organizations::id.nullable().eq(audit_events::customer_id));
    match read {
        Read::Customers(ids) if sqlite => {
            query = query.filter(super::sqlite_among("audit_events.customer_id", ids));
        }
        Read::Customers(ids) => {
            query = query.filter(audit_events::customer_id.eq_any(ids.to_vec()));
        }
        Read::Walk {
            customer_name: Some(key),
            ..
        } if sqlite => {
            query = query.filter(exists(
                customer.filter(
                    fragment::<Bool>("instr(organizations.search_name, ")
                        .text(key)
                        .sql(") > 0"),
                ),
            ));
        }
        Read::Walk {
            customer_name: Some(key),
            ..
        } => {
            // Planned on each run: a prepared statement's plan expected an average partner's
            // log and hashed a large provider's whole log (see `name_contains`).
            query = query.filter(exists(customer.filter(super::name_contains(key))));
        }
        Read::Walk { .. } => {}
    }
    if let Some(customer) = &filter.customer_id {
        query = query.filter(audit_events::customer_id.eq(customer.clone()));
    }
    if let Some(bulk) = &filter.bulk_change_id {
        query = query.filter(audit_events::bulk_change_id.eq(bulk.clone()));
    }
    if let Some(start) = filter.starts_at() {
        query = query.filter(audit_events::occurred_at.ge(start));
    }
    if let Some(end) = filter.ends_before() {
        query = query.filter(audit_events::occurred_at.lt(end));
    }
    query
}

type AllColumns = audit_events::SqlType;

/// The page's part of a query: up to `limit` events from the cursor on, in the order that
/// reads them from the cursor outwards ([`keep_page`] puts them newest first).
fn paged<ST: 'static>(query: EventsQuery<ST>, page: &LogPage, limit: i64) -> EventsQuery<ST> {
    let newest_first = (audit_events::occurred_at.desc(), audit_events::id.desc());
    match page {
        LogPage::Newest => query.order(newest_first).limit(limit),
        // The redundant bound on occurred_at starts the index walk at the cursor (see
        // organizations::customers_page).
        LogPage::Older(c) => query
            .filter(audit_events::occurred_at.le(c.at))
            .filter(
                audit_events::occurred_at
                    .lt(c.at)
                    .or(audit_events::occurred_at
                        .eq(c.at)
                        .and(audit_events::id.lt(c.id.clone()))),
            )
            .order(newest_first)
            .limit(limit),
        LogPage::Newer(c) => query
            .filter(audit_events::occurred_at.ge(c.at))
            .filter(
                audit_events::occurred_at
                    .gt(c.at)
                    .or(audit_events::occurred_at
                        .eq(c.at)
                        .and(audit_events::id.gt(c.id.clone()))),
            )
            .order((audit_events::occurred_at.asc(), audit_events::id.asc()))
            .limit(limit),
    }
}

/// The name of a customer that the partner's log mentions; None for any other id, so that an
/// id typed into the address names nobody the partner does not already see in its log.
pub fn customer_in_partner_log(
    conn: &mut DbConnection,
    partner_id: &OrganizationId,
    customer_id: &str,
) -> QueryResult<Option<String>> {
    organizations::table
        .find(customer_id)
        .filter(exists(
            audit_events::table
                .filter(audit_events::customer_id.eq(customer_id))
                .filter(
                    audit_events::organization_id
                        .eq(partner_id.as_str())
                        .or(audit_events::related_organization_id.eq(partner_id.as_str())),
                ),
        ))
        .select(organizations::name)
        .first(conn)
        .optional()
}

/// The actions of the given events (the causes of automatic changes), by id.
pub fn actions_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, Action)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = audit_events::table
        .select((audit_events::id, audit_events::action))
        .into_boxed();
    let rows: Vec<(String, String)> =
        super::filter_among!(query, conn, audit_events::id, ids).load(conn)?;
    rows.into_iter()
        .map(|(id, action)| {
            Action::try_from(action)
                .map(|a| (id, a))
                .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
        })
        .collect()
}

//! CSV imports and exports of a provider's customers and subscriptions. An uploaded file waits
//! here between its preview and being applied (so that every instance can apply it); applying
//! plans it again against the database as it is then, and makes the whole change in one
//! transaction, or nothing when any row is refused. The export writes the same columns.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{Actor, AuditEvent, Object};
use super::organizations::NewOrganization;
use super::schema::{customer_relationships, imports, organizations, partnerships, subscriptions};
use super::DbConnection;
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::import::{
    self, CustomerRef, Facts, KnownCustomer, KnownReseller, KnownSubscription, Plan, Row,
};
use crate::domain::{
    CommerceType, CustomerId, OrgKind, OrganizationId, PartnershipStatus, SubscriptionStatus,
};

/// Rows per INSERT statement: well below SQLite's limit of bound values.
const CHUNK: usize = 500;

/// Inserts many rows in one statement. The multi-backend connection cannot build a batch insert
/// itself (SQLite and PostgreSQL spell it differently), so each backend's connection does.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
            DbConnection::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

/// Keeps an uploaded file for its preview and returns its id.
pub fn store(
    conn: &mut DbConnection,
    actor: &Actor,
    file_name: &str,
    content: &str,
) -> QueryResult<String> {
    let id = crate::domain::new_id();
    diesel::insert_into(imports::table)
        .values((
            imports::id.eq(&id),
            imports::organization_id.eq(actor.organization_id.as_str()),
            imports::created_by.eq(&actor.user_id),
            imports::created_at.eq(super::now()),
            imports::file_name.eq(file_name),
            imports::content.eq(content),
        ))
        .execute(conn)?;
    Ok(id)
}

/// A stored upload of `organization_id`: its file name, content and when it was applied.
pub fn find(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    import_id: &str,
) -> QueryResult<Option<(String, String, Option<NaiveDateTime>)>> {
    imports::table
        .find(import_id)
        .filter(imports::organization_id.eq(organization_id.as_str()))
        .select((imports::file_name, imports::content, imports::applied_at))
        .first(conn)
        .optional()
}

/// Everything the plan needs to know about the rows' customers, subscriptions and resellers,
/// in a fixed number of queries whatever the number of rows.
pub fn facts(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    rows: &[Row],
) -> QueryResult<Facts> {
    let provider_id = provider_id.as_str();
    let mut facts = Facts {
        provider_id: provider_id.to_string(),
        ..Facts::default()
    };
    let ours: HashSet<String> = customer_relationships::table
        .filter(customer_relationships::partner_id.eq(provider_id))
        .select(customer_relationships::customer_id)
        .load::<String>(conn)?
        .into_iter()
        .chain(
            subscriptions::table
                .filter(subscriptions::provider_id.eq(provider_id))
                .select(subscriptions::customer_id)
                .distinct()
                .load::<String>(conn)?,
        )
        .collect();
    let mut domains: Vec<String> = rows.iter().map(|r| r.domain.clone()).collect();
    domains.sort();
    domains.dedup();
    for chunk in domains.chunks(CHUNK) {
        let found: Vec<(String, Option<String>, String, Option<String>)> = organizations::table
            .filter(organizations::domain.eq_any(chunk))
            .select((
                organizations::id,
                organizations::domain,
                organizations::name,
                organizations::country,
            ))
            .load(conn)?;
        for (id, domain, name, country) in found {
            let is_ours = ours.contains(&id);
            facts.customers.insert(
                domain.unwrap_or_default(),
                KnownCustomer {
                    id,
                    name,
                    country,
                    is_ours,
                },
            );
        }
    }
    type SubRow = (
        String,
        String,
        String,
        i32,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let subs: Vec<SubRow> = subscriptions::table
        .filter(subscriptions::provider_id.eq(provider_id))
        .select((
            subscriptions::id,
            subscriptions::customer_id,
            subscriptions::product_name,
            subscriptions::quantity,
            subscriptions::commerce_type,
            subscriptions::status,
            subscriptions::support_contact_id,
            subscriptions::external_id,
        ))
        .load(conn)?;
    let unknown =
        |e: crate::domain::UnknownValue| diesel::result::Error::DeserializationError(e.into());
    for (id, customer_id, product, quantity, commerce, status, contact, external) in subs {
        // A subscription without an external ID is matched by its own id, which the export
        // writes in its place.
        let key = external.unwrap_or_else(|| id.clone());
        facts.subscriptions.insert(
            key,
            KnownSubscription {
                id,
                customer_id,
                product,
                quantity,
                commerce_type: CommerceType::try_from(commerce).map_err(unknown)?,
                status: SubscriptionStatus::try_from(status).map_err(unknown)?,
                support_contact_id: contact,
            },
        );
    }
    let mut partner_ids: Vec<String> = rows
        .iter()
        .filter_map(|r| r.reseller_partner_id.clone())
        .collect();
    partner_ids.sort();
    partner_ids.dedup();
    let partnered: HashSet<String> = partnerships::table
        .filter(partnerships::provider_id.eq(provider_id))
        .filter(partnerships::status.eq(PartnershipStatus::Active.as_str()))
        .select(partnerships::reseller_id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut reseller_ids = Vec::new();
    for chunk in partner_ids.chunks(CHUNK) {
        let found: Vec<(String, Option<String>)> = organizations::table
            .filter(organizations::partner_id.eq_any(chunk))
            .filter(organizations::kind.eq(OrgKind::IndirectReseller.as_str()))
            .select((organizations::id, organizations::partner_id))
            .load(conn)?;
        for (id, partner_id) in found {
            reseller_ids.push(id.clone());
            facts.resellers.insert(
                partner_id.unwrap_or_default(),
                KnownReseller {
                    partnered: partnered.contains(&id),
                    id,
                },
            );
        }
    }
    for chunk in reseller_ids.chunks(CHUNK) {
        let pairs: Vec<(String, String)> = customer_relationships::table
            .filter(customer_relationships::partner_id.eq_any(chunk))
            .filter(customer_relationships::delegated_admin.eq(true))
            .select((
                customer_relationships::partner_id,
                customer_relationships::customer_id,
            ))
            .load(conn)?;
        facts.delegated_admin.extend(pairs);
    }
    Ok(facts)
}

/// Reads and plans a stored file against the database as it is now.
pub fn plan(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    content: &str,
) -> QueryResult<Result<Plan, import::FileProblem>> {
    let (rows, notes) = match import::parse(content.as_bytes()) {
        Ok(parsed) => parsed,
        Err(problem) => return Ok(Err(problem)),
    };
    let facts = facts(conn, provider_id, &rows)?;
    Ok(Ok(import::plan(&rows, notes, &facts)))
}

/// What applying did, or why it did nothing.
#[derive(Debug)]
pub enum Applied {
    Done(Plan),
    /// Rows are refused now (the database changed since the preview, or they always were).
    Refused(Plan),
    FileProblem(import::FileProblem),
    AlreadyApplied,
    NotFound,
}

/// Why an apply rolled back; a database error, or a plan that may not be applied.
enum Rollback {
    Refused(Box<Plan>),
    FileProblem(import::FileProblem),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for Rollback {
    fn from(e: diesel::result::Error) -> Self {
        Rollback::Database(e)
    }
}

/// Applies a stored import in one transaction: everything, or nothing when a row is refused.
/// Each change is its own audit event, all caused by one "import applied" event.
pub fn apply(conn: &mut DbConnection, actor: &Actor, import_id: &str) -> QueryResult<Applied> {
    let outcome = conn.transaction::<_, Rollback, _>(|conn| {
        // Claim the import first: the write lock is taken up front, and a second Apply of the
        // same upload finds it applied.
        let now = super::now();
        let claimed = diesel::update(
            imports::table
                .find(import_id)
                .filter(imports::organization_id.eq(actor.organization_id.as_str()))
                .filter(imports::applied_at.is_null()),
        )
        .set(imports::applied_at.eq(Some(now)))
        .execute(conn)?;
        let Some((file_name, content, _)) = find(conn, &actor.organization_id, import_id)? else {
            return Ok(Applied::NotFound);
        };
        if claimed == 0 {
            return Ok(Applied::AlreadyApplied);
        }
        let plan = plan(conn, &actor.organization_id, &content)?.map_err(Rollback::FileProblem)?;
        if !plan.may_apply() {
            return Err(Rollback::Refused(Box::new(plan)));
        }
        write(conn, actor, import_id, &file_name, &plan, now)?;
        Ok(Applied::Done(plan))
    });
    match outcome {
        Ok(applied) => Ok(applied),
        Err(Rollback::Refused(plan)) => Ok(Applied::Refused(*plan)),
        Err(Rollback::FileProblem(problem)) => Ok(Applied::FileProblem(problem)),
        Err(Rollback::Database(e)) => Err(e),
    }
}

/// A subscription as an import event describes it.
fn describe(product: &str, quantity: i32, status: SubscriptionStatus, contact: &str) -> String {
    format!("{product} | {quantity} | {} | {contact}", status.as_str())
}

fn write(
    conn: &mut DbConnection,
    actor: &Actor,
    import_id: &str,
    file_name: &str,
    plan: &Plan,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let summary = format!(
        "+{} ~{} customers, +{} ~{} subscriptions",
        plan.new_customers.len(),
        plan.updated_customers.len(),
        plan.new_subscriptions.len(),
        plan.updated_subscriptions.len()
    );
    let cause = AuditEvent::by(
        actor,
        Action::ImportApplied,
        Object {
            kind: ObjectKind::Import,
            id: import_id,
            label: file_name,
        },
        now,
    )
    .values(None, Some(&summary));
    super::audit::append(conn, &cause)?;
    // The plan's customers are customers: of the provider, or made by this import.
    let caused = |action: Action, object: Object<'_>, customer_id: &str| {
        let customer_id = CustomerId::from(customer_id.to_string());
        let mut event = AuditEvent::by(actor, action, object, now).customer(Some(&customer_id));
        event.cause_event_id = Some(cause.id.clone());
        event
    };
    let mut events = Vec::new();

    // New customers, each with the provider's relationship (delegated admin privileges).
    let mut customer_ids: HashMap<&str, String> = HashMap::new();
    let search_names: Vec<String> = plan
        .new_customers
        .iter()
        .map(|c| crate::domain::search_key(&c.name))
        .collect();
    let new_ids: Vec<(String, String)> = plan
        .new_customers
        .iter()
        .map(|_| (crate::domain::new_id(), crate::domain::new_id()))
        .collect();
    let organizations: Vec<NewOrganization<'_>> = plan
        .new_customers
        .iter()
        .zip(&new_ids)
        .zip(&search_names)
        .map(|((c, (id, tenant)), search_name)| NewOrganization {
            id,
            kind: OrgKind::Customer,
            name: &c.name,
            search_name,
            partner_id: None,
            tenant_id: tenant,
            support_email: None,
            support_phone: None,
            support_website: None,
            created_at: now,
            domain: Some(&c.domain),
            country: Some(&c.country),
            mfa_required: crate::domain::mfa::required_by_default(OrgKind::Customer),
        })
        .collect();
    for chunk in organizations.chunks(CHUNK) {
        insert_rows!(conn, organizations::table, chunk.to_vec())?;
    }
    let relationships: Vec<_> = new_ids
        .iter()
        .map(|(id, _)| {
            (
                customer_relationships::id.eq(crate::domain::new_id()),
                customer_relationships::partner_id.eq(actor.organization_id.to_string()),
                customer_relationships::customer_id.eq(id.clone()),
                customer_relationships::delegated_admin.eq(true),
                customer_relationships::created_at.eq(now),
            )
        })
        .collect();
    for chunk in relationships.chunks(CHUNK) {
        insert_rows!(conn, customer_relationships::table, chunk.to_vec())?;
    }
    for (c, (id, _)) in plan.new_customers.iter().zip(&new_ids) {
        customer_ids.insert(&c.domain, id.clone());
        events.push(caused(
            Action::CustomerAdded,
            Object {
                kind: ObjectKind::Organization,
                id,
                label: &c.name,
            },
            id,
        ));
    }
    let updated_ids: Vec<&String> = plan.updated_customers.iter().map(|(id, _)| id).collect();
    let mut customers_before: HashMap<String, (String, Option<String>)> = HashMap::new();
    for chunk in updated_ids.chunks(CHUNK) {
        let rows: Vec<(String, String, Option<String>)> = organizations::table
            .filter(organizations::id.eq_any(chunk))
            .select((
                organizations::id,
                organizations::name,
                organizations::country,
            ))
            .load(conn)?;
        customers_before.extend(
            rows.into_iter()
                .map(|(id, name, country)| (id, (name, country))),
        );
    }
    for (id, c) in &plan.updated_customers {
        let (old_name, old_country) = customers_before.get(id).cloned().unwrap_or_default();
        diesel::update(organizations::table.find(id))
            .set((
                organizations::name.eq(&c.name),
                organizations::search_name.eq(crate::domain::search_key(&c.name)),
                organizations::country.eq(&c.country),
            ))
            .execute(conn)?;
        events.push(
            caused(
                Action::CustomerUpdated,
                Object {
                    kind: ObjectKind::Organization,
                    id,
                    label: &c.name,
                },
                id,
            )
            .values(
                Some(&format!("{old_name} | {}", old_country.unwrap_or_default())),
                Some(&format!("{} | {}", c.name, c.country)),
            ),
        );
    }
    let customer_of = |r: &CustomerRef| match r {
        CustomerRef::Existing(id) => id.clone(),
        CustomerRef::New(domain) => customer_ids
            .get(domain.as_str())
            .cloned()
            .unwrap_or_default(),
    };

    // New subscriptions.
    let sub_ids: Vec<String> = plan
        .new_subscriptions
        .iter()
        .map(|_| crate::domain::new_id())
        .collect();
    let customers_of_new: Vec<String> = plan
        .new_subscriptions
        .iter()
        .map(|s| customer_of(&s.customer))
        .collect();
    let new_subs: Vec<super::subscriptions::NewSubscription<'_>> = plan
        .new_subscriptions
        .iter()
        .zip(&sub_ids)
        .zip(&customers_of_new)
        .map(
            |((s, id), customer_id)| super::subscriptions::NewSubscription {
                id,
                customer_id,
                // The trigger writes the row again when this is not the stored name.
                customer_name: &s.customer_name,
                provider_id: actor.organization_id.as_str(),
                product_name: &s.product,
                quantity: s.quantity,
                status: s.status,
                commerce_type: s.commerce_type,
                support_contact_id: s.support_contact_id.as_deref(),
                version: 1,
                created_at: now,
                updated_at: now,
                start_date: now.date(),
                external_id: Some(&s.external_id),
            },
        )
        .collect();
    for chunk in new_subs.chunks(CHUNK) {
        insert_rows!(conn, subscriptions::table, chunk.to_vec())?;
    }
    for ((s, id), customer_id) in plan
        .new_subscriptions
        .iter()
        .zip(&sub_ids)
        .zip(&customers_of_new)
    {
        events.push(
            caused(
                Action::SubscriptionAdded,
                Object {
                    kind: ObjectKind::Subscription,
                    id,
                    label: &s.product,
                },
                customer_id,
            )
            .values(None, Some(&s.quantity.to_string())),
        );
    }

    // Changed subscriptions, each with the version bumped so open forms see the change.
    type Before = (String, String, i32, String, Option<String>, String);
    let mut before: HashMap<String, Before> = HashMap::new();
    let updated_ids: Vec<String> = plan
        .updated_subscriptions
        .iter()
        .map(|(id, _)| id.clone())
        .collect();
    for chunk in updated_ids.chunks(CHUNK) {
        let rows: Vec<Before> = subscriptions::table
            .filter(subscriptions::id.eq_any(chunk))
            .select((
                subscriptions::id,
                subscriptions::product_name,
                subscriptions::quantity,
                subscriptions::status,
                subscriptions::support_contact_id,
                subscriptions::customer_id,
            ))
            .load(conn)?;
        before.extend(rows.into_iter().map(|r| (r.0.clone(), r)));
    }
    let contact_names = super::organizations::names(
        conn,
        before.values().filter_map(|b| b.4.as_ref()).chain(
            plan.updated_subscriptions
                .iter()
                .filter_map(|(_, s)| s.support_contact_id.as_ref()),
        ),
    )?;
    let name = |id: &Option<String>| {
        id.as_deref()
            .map(|id| contact_names.name(id))
            .unwrap_or_default()
    };
    for (id, s) in &plan.updated_subscriptions {
        let Some((_, product, quantity, status, contact, customer_id)) = before.get(id) else {
            continue;
        };
        diesel::update(subscriptions::table.find(id))
            .set((
                subscriptions::product_name.eq(&s.product),
                subscriptions::quantity.eq(s.quantity),
                subscriptions::status.eq(s.status.as_str()),
                subscriptions::support_contact_id.eq(s.support_contact_id.as_deref()),
                subscriptions::version.eq(subscriptions::version + 1),
                subscriptions::updated_at.eq(now),
            ))
            .execute(conn)?;
        let old_status = SubscriptionStatus::parse(status).unwrap_or(s.status);
        let mut event = caused(
            Action::SubscriptionImported,
            Object {
                kind: ObjectKind::Subscription,
                id,
                label: &s.product,
            },
            customer_id,
        )
        .values(
            Some(&describe(product, *quantity, old_status, &name(contact))),
            Some(&describe(
                &s.product,
                s.quantity,
                s.status,
                &name(&s.support_contact_id),
            )),
        );
        // A reseller that gains or loses the designation finds it in its own log.
        event.related_organization_id = [&s.support_contact_id, contact]
            .into_iter()
            .flatten()
            .find(|c| actor.organization_id != c.as_str())
            .cloned();
        events.push(event);
    }
    super::audit::append_all(conn, &events)
}

/// Where an export goes on from: the place of the last line it wrote, in the order of
/// `subscriptions_bulk` (the customer's name as the subscription carries it, the customer, the
/// product, the subscription).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportKey {
    customer_name: String,
    customer_id: String,
    product_name: String,
    id: String,
}

/// Export lines: the import's columns.
pub type ExportLine = [String; 9];

/// Up to `limit` export lines of `provider_id`'s subscriptions after `after`, in order, and the
/// key to go on from when there may be more. An export is read a page at a time, so that its
/// memory stays one page whatever the provider's size (a million subscriptions were a gigabyte
/// read at once). Each page is its own read: a subscription that exists for the whole export and
/// keeps its customer's name and its product is written exactly once; one changed meanwhile is
/// written as its page found it.
pub fn export_page(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    after: Option<&ExportKey>,
    limit: i64,
) -> QueryResult<(Vec<ExportLine>, Option<ExportKey>)> {
    let (customers, contacts) =
        diesel::alias!(organizations as customers, organizations as contacts);
    type Line = (
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        String,
        i32,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let mut query = subscriptions::table
        .inner_join(
            customers.on(customers
                .field(organizations::id)
                .eq(subscriptions::customer_id)),
        )
        .left_join(
            contacts.on(contacts
                .field(organizations::id)
                .nullable()
                .eq(subscriptions::support_contact_id)),
        )
        .filter(subscriptions::provider_id.eq(provider_id.as_str()))
        .order((
            subscriptions::customer_name.asc(),
            subscriptions::customer_id.asc(),
            subscriptions::product_name.asc(),
            subscriptions::id.asc(),
        ))
        .select((
            subscriptions::customer_name,
            subscriptions::customer_id,
            customers.field(organizations::domain),
            customers.field(organizations::country),
            subscriptions::id,
            subscriptions::external_id,
            subscriptions::product_name,
            subscriptions::quantity,
            subscriptions::commerce_type,
            subscriptions::status,
            contacts.field(organizations::partner_id).nullable(),
            contacts.field(organizations::kind).nullable(),
        ))
        .limit(limit)
        .into_boxed();
    if let Some(k) = after {
        // The redundant bound on the name starts the index walk at the key (see
        // organizations::customers_page).
        query = query
            .filter(subscriptions::customer_name.ge(k.customer_name.clone()))
            .filter(
                subscriptions::customer_name.gt(k.customer_name.clone()).or(
                    subscriptions::customer_name
                        .eq(k.customer_name.clone())
                        .and(
                            subscriptions::customer_id.gt(k.customer_id.clone()).or(
                                subscriptions::customer_id.eq(k.customer_id.clone()).and(
                                    subscriptions::product_name.gt(k.product_name.clone()).or(
                                        subscriptions::product_name
                                            .eq(k.product_name.clone())
                                            .and(subscriptions::id.gt(k.id.clone())),
                                    ),
                                ),
                            ),
                        ),
                ),
            );
    }
    let rows: Vec<Line> = query.load(conn)?;
    let next = match rows.last() {
        Some(last) if rows.len() as i64 == limit => Some(ExportKey {
            customer_name: last.0.clone(),
            customer_id: last.1.clone(),
            product_name: last.6.clone(),
            id: last.4.clone(),
        }),
        _ => None,
    };
    let lines = rows
        .into_iter()
        .map(
            |(
                name,
                _customer,
                domain,
                country,
                id,
                external,
                product,
                quantity,
                commerce,
                status,
                partner,
                kind,
            )| {
                let commerce_code = CommerceType::parse(&commerce)
                    .map(crate::domain::customers::commerce_type_code)
                    .unwrap_or("");
                let reseller = if kind.as_deref() == Some(OrgKind::IndirectReseller.as_str()) {
                    partner.unwrap_or_default()
                } else {
                    String::new()
                };
                [
                    name,
                    domain.unwrap_or_default(),
                    country.unwrap_or_default(),
                    external.unwrap_or(id),
                    product,
                    quantity.to_string(),
                    commerce_code.to_string(),
                    status,
                    reseller,
                ]
            },
        )
        .collect();
    Ok((lines, next))
}

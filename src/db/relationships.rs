//! Partnerships between indirect providers and indirect resellers, and relationships between
//! partners and customers (with or without delegated admin privileges): how they are listed,
//! established by an accepted invitation, and removed.
//!
//! A removed partnership keeps its row with status `removed` (a new invitation reactivates it);
//! a removed customer relationship is deleted, because nothing reads it any more and the audit
//! log keeps its history. Every removal runs in one transaction with the fallback of the
//! subscriptions it makes ineligible (see [`super::subscriptions::fall_back_ineligible`]).

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::audit::{Actor, AuditEvent, Object};
use super::organizations::Organization;
use super::schema::{customer_relationships, organizations, partnerships, subscriptions};
use super::subscriptions::Scope;
use super::DbConnection;
use crate::domain::audit::{Action, ObjectKind, RelationshipValue};
use crate::domain::invitations::InvitationProblem;
use crate::domain::PartnershipStatus;

/// Why a relationship change was not made.
#[derive(Debug)]
pub enum RelationshipError {
    /// Nothing to change, or nothing this organization may change.
    NotFound,
    /// The partnership is active already.
    AlreadyActive,
    /// The invitation cannot be answered (see the domain's rule).
    Invitation(InvitationProblem),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for RelationshipError {
    fn from(e: diesel::result::Error) -> Self {
        RelationshipError::Db(e)
    }
}

pub fn insert_partnership(
    conn: &mut DbConnection,
    provider_id: &str,
    reseller_id: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = crate::domain::new_id();
    diesel::insert_into(partnerships::table)
        .values((
            partnerships::id.eq(&id),
            partnerships::provider_id.eq(provider_id),
            partnerships::reseller_id.eq(reseller_id),
            partnerships::status.eq(PartnershipStatus::Active.as_str()),
            partnerships::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn insert_customer_relationship(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
    delegated_admin: bool,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = crate::domain::new_id();
    diesel::insert_into(customer_relationships::table)
        .values((
            customer_relationships::id.eq(&id),
            customer_relationships::partner_id.eq(partner_id),
            customer_relationships::customer_id.eq(customer_id),
            customer_relationships::delegated_admin.eq(delegated_admin),
            customer_relationships::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// A reseller in a provider's list.
#[derive(Debug, Clone)]
pub struct PartnershipRow {
    pub reseller: Organization,
    pub active: bool,
}

/// The resellers a provider has (or had) a partnership with, by name.
pub fn partnerships_of_provider(
    conn: &mut DbConnection,
    provider_id: &str,
) -> QueryResult<Vec<PartnershipRow>> {
    let rows: Vec<(Organization, String)> = partnerships::table
        .inner_join(organizations::table.on(organizations::id.eq(partnerships::reseller_id)))
        .filter(partnerships::provider_id.eq(provider_id))
        .order((organizations::name.asc(), organizations::id.asc()))
        .select((Organization::as_select(), partnerships::status))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(reseller, status)| PartnershipRow {
            reseller,
            active: status == PartnershipStatus::Active.as_str(),
        })
        .collect())
}

/// The reseller, when it has an active partnership with the provider.
pub fn partnered_reseller(
    conn: &mut DbConnection,
    provider_id: &str,
    reseller_id: &str,
) -> QueryResult<Option<Organization>> {
    organizations::table
        .inner_join(partnerships::table.on(partnerships::reseller_id.eq(organizations::id)))
        .filter(partnerships::provider_id.eq(provider_id))
        .filter(partnerships::reseller_id.eq(reseller_id))
        .filter(partnerships::status.eq(PartnershipStatus::Active.as_str()))
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// A partner's relationship with a customer, as a customer's admin or a provider sees it.
#[derive(Debug, Clone)]
pub struct CustomerRelationshipRow {
    pub partner: Organization,
    pub delegated_admin: bool,
    pub since: NaiveDateTime,
}

fn relationship_rows(
    rows: Vec<(Organization, bool, NaiveDateTime)>,
) -> Vec<CustomerRelationshipRow> {
    rows.into_iter()
        .map(
            |(partner, delegated_admin, since)| CustomerRelationshipRow {
                partner,
                delegated_admin,
                since,
            },
        )
        .collect()
}

/// Every partner that has a relationship with the customer, by name.
pub fn partners_of_customer(
    conn: &mut DbConnection,
    customer_id: &str,
) -> QueryResult<Vec<CustomerRelationshipRow>> {
    let rows = customer_relationships::table
        .inner_join(
            organizations::table.on(organizations::id.eq(customer_relationships::partner_id)),
        )
        .filter(customer_relationships::customer_id.eq(customer_id))
        .order((organizations::name.asc(), organizations::id.asc()))
        .select((
            Organization::as_select(),
            customer_relationships::delegated_admin,
            customer_relationships::created_at,
        ))
        .load(conn)?;
    Ok(relationship_rows(rows))
}

/// The resellers in an active partnership with the provider that have a relationship with the
/// customer: the relationships the provider oversees there.
pub fn partnered_resellers_of_customer(
    conn: &mut DbConnection,
    provider_id: &str,
    customer_id: &str,
) -> QueryResult<Vec<CustomerRelationshipRow>> {
    let rows = customer_relationships::table
        .inner_join(
            organizations::table.on(organizations::id.eq(customer_relationships::partner_id)),
        )
        .filter(customer_relationships::customer_id.eq(customer_id))
        .filter(exists(
            partnerships::table
                .filter(partnerships::provider_id.eq(provider_id.to_string()))
                .filter(partnerships::reseller_id.eq(customer_relationships::partner_id))
                .filter(partnerships::status.eq(PartnershipStatus::Active.as_str())),
        ))
        .order((organizations::name.asc(), organizations::id.asc()))
        .select((
            Organization::as_select(),
            customer_relationships::delegated_admin,
            customer_relationships::created_at,
        ))
        .load(conn)?;
    Ok(relationship_rows(rows))
}

/// Whether the partner's relationship with the customer includes delegated admin privileges;
/// None without a relationship.
pub fn delegated_admin_of(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
) -> QueryResult<Option<bool>> {
    customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id))
        .filter(customer_relationships::customer_id.eq(customer_id))
        .select(customer_relationships::delegated_admin)
        .first(conn)
        .optional()
}

/// The event about the relationship row `id` of `kind` between `pair` (provider and reseller,
/// or partner and customer), labelled "first – second" with their names of today.
fn relationship_event(
    conn: &mut DbConnection,
    actor: &Actor,
    action: Action,
    kind: ObjectKind,
    id: &str,
    pair: (&str, &str),
    now: NaiveDateTime,
) -> QueryResult<AuditEvent> {
    let (first, second) = pair;
    let names = super::organizations::find_many(conn, &[first.to_string(), second.to_string()])?;
    let name = |id: &str| {
        names
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let label = format!("{} – {}", name(first), name(second));
    let object = Object {
        kind,
        id,
        label: &label,
    };
    Ok(AuditEvent::by(actor, action, object, now))
}

/// The event about a partner's relationship with a customer: the customer and the partner
/// both find it in their logs.
fn customer_relationship_event(
    conn: &mut DbConnection,
    actor: &Actor,
    action: Action,
    id: &str,
    partner_id: &str,
    customer_id: &str,
    now: NaiveDateTime,
) -> QueryResult<AuditEvent> {
    let pair = (partner_id, customer_id);
    Ok(relationship_event(
        conn,
        actor,
        action,
        ObjectKind::CustomerRelationship,
        id,
        pair,
        now,
    )?
    .customer(Some(customer_id))
    .related(Some(partner_id)))
}

/// Runs an insert in a savepoint; when another transaction inserted the same pair first (a
/// unique violation), nothing is inserted and None is returned instead of failing the request.
fn insert_unless_present(
    conn: &mut DbConnection,
    insert: impl FnOnce(&mut DbConnection) -> QueryResult<String>,
) -> QueryResult<Option<String>> {
    use diesel::result::{DatabaseErrorKind, Error};
    match conn.transaction(|c| insert(c)) {
        Ok(id) => Ok(Some(id)),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Makes the partnership active (new, or again after a removal). Returns the event that
/// records it, or None when it was active already. Runs inside the caller's transaction.
pub fn establish_partnership(
    conn: &mut DbConnection,
    actor: &Actor,
    provider_id: &str,
    reseller_id: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<AuditEvent>> {
    // Write first and act on what changed: a removal or another acceptance running at the same
    // moment is then waited for (PostgreSQL re-checks the row) instead of being overwritten.
    let reactivated = diesel::update(
        partnerships::table
            .filter(partnerships::provider_id.eq(provider_id))
            .filter(partnerships::reseller_id.eq(reseller_id))
            .filter(partnerships::status.eq(PartnershipStatus::Removed.as_str())),
    )
    .set(partnerships::status.eq(PartnershipStatus::Active.as_str()))
    .execute(conn)?;
    let existing: Option<String> = partnerships::table
        .filter(partnerships::provider_id.eq(provider_id))
        .filter(partnerships::reseller_id.eq(reseller_id))
        .select(partnerships::id)
        .first(conn)
        .optional()?;
    let (id, old) = match existing {
        Some(id) if reactivated > 0 => (id, RelationshipValue::Removed),
        Some(_) => return Ok(None),
        None => match insert_unless_present(conn, |c| {
            insert_partnership(c, provider_id, reseller_id, now)
        })? {
            Some(id) => (id, RelationshipValue::None),
            None => return Ok(None),
        },
    };
    let event = relationship_event(
        conn,
        actor,
        Action::PartnershipAccepted,
        ObjectKind::Partnership,
        &id,
        (provider_id, reseller_id),
        now,
    )?
    .related(Some(provider_id))
    .codes(old, RelationshipValue::Active);
    super::audit::append(conn, &event)?;
    Ok(Some(event))
}

/// Creates the customer relationship, or adds delegated admin privileges to an existing one
/// (an invitation never takes them away). Returns the event that records the change, or None
/// when nothing changed. Runs inside the caller's transaction.
pub fn establish_customer_relationship(
    conn: &mut DbConnection,
    actor: &Actor,
    partner_id: &str,
    customer_id: &str,
    delegated_admin: bool,
    now: NaiveDateTime,
) -> QueryResult<Option<AuditEvent>> {
    // Write first (see establish_partnership): add the privileges where the relationship lacks
    // them, then create the relationship only if there is none.
    let upgraded = if delegated_admin {
        diesel::update(
            customer_relationships::table
                .filter(customer_relationships::partner_id.eq(partner_id))
                .filter(customer_relationships::customer_id.eq(customer_id))
                .filter(customer_relationships::delegated_admin.eq(false)),
        )
        .set(customer_relationships::delegated_admin.eq(true))
        .execute(conn)?
    } else {
        0
    };
    let existing: Option<String> = customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id))
        .filter(customer_relationships::customer_id.eq(customer_id))
        .select(customer_relationships::id)
        .first(conn)
        .optional()?;
    let (id, old) = match existing {
        Some(id) if upgraded > 0 => (id, RelationshipValue::WithoutDelegatedAdmin),
        Some(_) => return Ok(None),
        None => match insert_unless_present(conn, |c| {
            insert_customer_relationship(c, partner_id, customer_id, delegated_admin, now)
        })? {
            Some(id) => (id, RelationshipValue::None),
            None => return Ok(None),
        },
    };
    let event = customer_relationship_event(
        conn,
        actor,
        Action::RelationshipAccepted,
        &id,
        partner_id,
        customer_id,
        now,
    )?
    .codes(old, RelationshipValue::of_relationship(delegated_admin));
    super::audit::append(conn, &event)?;
    Ok(Some(event))
}

/// Runs one removal and its fallback in one transaction: locks the subscriptions in `scope`
/// (the first write), lets `remove` change the relationship and describe it, records that
/// event, then gives the subscriptions `partner_id` may no longer support back to their
/// provider. Returns the removal's event id.
fn remove_with_fallback(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    partner_id: &str,
    remove: impl FnOnce(&mut DbConnection, NaiveDateTime) -> Result<AuditEvent, RelationshipError>,
) -> Result<String, RelationshipError> {
    conn.transaction(|conn| {
        let now = super::now();
        // Removals lock many subscriptions; on PostgreSQL two of them at once could lock them
        // in different orders and deadlock, so they take turns (SQLite has one writer anyway).
        if let DbConnection::Postgres(pg) = conn {
            use diesel::connection::SimpleConnection;
            pg.batch_execute("SELECT pg_advisory_xact_lock(5366001)")?;
        }
        super::subscriptions::lock(conn, scope)?;
        let event = remove(conn, now)?;
        super::audit::append(conn, &event)?;
        super::subscriptions::fall_back_ineligible(conn, scope, partner_id, &event)?;
        Ok(event.id)
    })
}

/// The provider (the actor's organization) ends its partnership with a reseller.
pub fn remove_partnership(
    conn: &mut DbConnection,
    actor: &Actor,
    reseller_id: &str,
) -> Result<String, RelationshipError> {
    let provider_id = actor.organization_id.as_str();
    remove_with_fallback(
        conn,
        Scope::OfProvider(provider_id),
        reseller_id,
        |conn, now| {
            let id: String = partnerships::table
                .filter(partnerships::provider_id.eq(provider_id))
                .filter(partnerships::reseller_id.eq(reseller_id))
                .filter(partnerships::status.eq(PartnershipStatus::Active.as_str()))
                .select(partnerships::id)
                .first(conn)
                .optional()?
                .ok_or(RelationshipError::NotFound)?;
            diesel::update(partnerships::table.find(&id))
                .set(partnerships::status.eq(PartnershipStatus::Removed.as_str()))
                .execute(conn)?;
            Ok(relationship_event(
                conn,
                actor,
                Action::PartnershipRemoved,
                ObjectKind::Partnership,
                &id,
                (provider_id, reseller_id),
                now,
            )?
            .related(Some(reseller_id))
            .codes(RelationshipValue::Active, RelationshipValue::Removed))
        },
    )
}

/// Who removes a customer relationship, which decides whose relationships they may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remover {
    /// The customer's admin: any partner's relationship with the customer (the actor's
    /// organization).
    Customer,
    /// A provider's admin: the relationship of a reseller in an active partnership with the
    /// provider, with a customer the provider sells to.
    Provider,
    /// A partner's admin: the partner's own relationship with a customer.
    Partner,
}

/// Whether the actor may touch `partner_id`'s relationship with `customer_id`.
fn may_touch(
    conn: &mut DbConnection,
    actor: &Actor,
    remover: Remover,
    partner_id: &str,
    customer_id: &str,
) -> QueryResult<bool> {
    match remover {
        Remover::Customer => Ok(actor.organization_id == customer_id),
        Remover::Partner => Ok(actor.organization_id == partner_id),
        Remover::Provider => {
            let sells_to_customer: bool = diesel::select(exists(
                subscriptions::table
                    .filter(subscriptions::provider_id.eq(&actor.organization_id))
                    .filter(subscriptions::customer_id.eq(customer_id)),
            ))
            .get_result(conn)?;
            Ok(sells_to_customer
                && partnered_reseller(conn, &actor.organization_id, partner_id)?.is_some())
        }
    }
}

/// The relationship's id and whether it includes delegated admin privileges, when the actor
/// may touch it.
fn touchable_relationship(
    conn: &mut DbConnection,
    actor: &Actor,
    remover: Remover,
    partner_id: &str,
    customer_id: &str,
) -> Result<(String, bool), RelationshipError> {
    if !may_touch(conn, actor, remover, partner_id, customer_id)? {
        return Err(RelationshipError::NotFound);
    }
    customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id))
        .filter(customer_relationships::customer_id.eq(customer_id))
        .select((
            customer_relationships::id,
            customer_relationships::delegated_admin,
        ))
        .first(conn)
        .optional()?
        .ok_or(RelationshipError::NotFound)
}

/// Ends a partner's relationship with a customer.
pub fn remove_customer_relationship(
    conn: &mut DbConnection,
    actor: &Actor,
    remover: Remover,
    partner_id: &str,
    customer_id: &str,
) -> Result<String, RelationshipError> {
    remove_with_fallback(
        conn,
        Scope::OfCustomer(customer_id),
        partner_id,
        |conn, now| {
            let (id, delegated_admin) =
                touchable_relationship(conn, actor, remover, partner_id, customer_id)?;
            diesel::delete(customer_relationships::table.find(&id)).execute(conn)?;
            Ok(customer_relationship_event(
                conn,
                actor,
                Action::RelationshipRemoved,
                &id,
                partner_id,
                customer_id,
                now,
            )?
            .codes(
                RelationshipValue::of_relationship(delegated_admin),
                RelationshipValue::None,
            ))
        },
    )
}

/// The customer's admin takes a partner's delegated admin privileges away and keeps the
/// relationship.
pub fn remove_delegated_admin(
    conn: &mut DbConnection,
    actor: &Actor,
    partner_id: &str,
) -> Result<String, RelationshipError> {
    let customer_id = actor.organization_id.as_str();
    remove_with_fallback(
        conn,
        Scope::OfCustomer(customer_id),
        partner_id,
        |conn, now| {
            let (id, delegated_admin) =
                touchable_relationship(conn, actor, Remover::Customer, partner_id, customer_id)?;
            if !delegated_admin {
                return Err(RelationshipError::NotFound);
            }
            diesel::update(customer_relationships::table.find(&id))
                .set(customer_relationships::delegated_admin.eq(false))
                .execute(conn)?;
            Ok(customer_relationship_event(
                conn,
                actor,
                Action::DelegatedAdminRemoved,
                &id,
                partner_id,
                customer_id,
                now,
            )?
            .codes(
                RelationshipValue::WithDelegatedAdmin,
                RelationshipValue::WithoutDelegatedAdmin,
            ))
        },
    )
}

impl From<RelationshipError> for crate::error::AppError {
    fn from(e: RelationshipError) -> Self {
        use crate::error::AppError;
        match e {
            RelationshipError::NotFound => AppError::NotFound,
            RelationshipError::AlreadyActive => AppError::BadRequest("resellers-error-already"),
            RelationshipError::Invitation(problem) => AppError::Forbidden(problem.message_id()),
            RelationshipError::Db(e) => e.into(),
        }
    }
}

//! A partner's relationships with customers, with or without delegated admin privileges:
//! listed, established by an accepted invitation, removed by the customer, the partner itself or
//! the provider that oversees the reseller (the row is deleted; the audit log keeps its history).

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::partnerships_of::partnered_reseller;
use super::{insert_unless_present, relationship_event, remove_with_fallback, RelationshipError};
use crate::db::audit::{Actor, AuditEvent};
use crate::db::organizations::Organization;
use crate::db::schema::{customer_relationships, organizations, partnerships, subscriptions};
use crate::db::subscriptions::Scope;
use crate::db::DbConnection;
use crate::domain::audit::{Action, ObjectKind, RelationshipValue};
pub use crate::domain::relationships::Remover;
use crate::domain::relationships::{may_remove, ProviderFacts};
use crate::domain::{CustomerId, OrganizationId, PartnershipStatus};

/// Inserts `partner_id`'s relationship with `customer_id` (the partner is the acting
/// organization when a provider adds its own customer).
pub fn insert_customer_relationship(
    conn: &mut DbConnection,
    partner_id: &OrganizationId,
    customer_id: &CustomerId,
    delegated_admin: bool,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = crate::domain::new_id();
    diesel::insert_into(customer_relationships::table)
        .values((
            customer_relationships::id.eq(&id),
            customer_relationships::partner_id.eq(partner_id.as_str()),
            customer_relationships::customer_id.eq(customer_id.as_str()),
            customer_relationships::delegated_admin.eq(delegated_admin),
            customer_relationships::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
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
    customer_id: &CustomerId,
) -> QueryResult<Vec<CustomerRelationshipRow>> {
    let rows = customer_relationships::table
        .inner_join(
            organizations::table.on(organizations::id.eq(customer_relationships::partner_id)),
        )
        .filter(customer_relationships::customer_id.eq(customer_id.as_str()))
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
    provider_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Vec<CustomerRelationshipRow>> {
    let rows = customer_relationships::table
        .inner_join(
            organizations::table.on(organizations::id.eq(customer_relationships::partner_id)),
        )
        .filter(customer_relationships::customer_id.eq(customer_id.as_str()))
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
    partner_id: &OrganizationId,
    customer_id: &CustomerId,
) -> QueryResult<Option<bool>> {
    customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id.as_str()))
        .filter(customer_relationships::customer_id.eq(customer_id.as_str()))
        .select(customer_relationships::delegated_admin)
        .first(conn)
        .optional()
}

/// The event about a partner's relationship with a customer: the customer and the partner
/// both find it in their logs.
fn customer_relationship_event(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    partner_id: &OrganizationId,
    id: &str,
    action: Action,
    now: NaiveDateTime,
) -> QueryResult<AuditEvent> {
    let pair = (partner_id.as_str(), customer_id.as_str());
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
    .related(Some(partner_id.as_str())))
}

/// Creates the customer relationship, or adds delegated admin privileges to an existing one
/// (an invitation never takes them away). Returns the event that records the change, or None
/// when nothing changed. Runs inside the caller's transaction.
pub fn establish_customer_relationship(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    partner_id: &OrganizationId,
    delegated_admin: bool,
    now: NaiveDateTime,
) -> QueryResult<Option<AuditEvent>> {
    // Write first (see establish_partnership): add the privileges where the relationship lacks
    // them, then create the relationship only if there is none.
    let upgraded = if delegated_admin {
        diesel::update(
            customer_relationships::table
                .filter(customer_relationships::partner_id.eq(partner_id.as_str()))
                .filter(customer_relationships::customer_id.eq(customer_id.as_str()))
                .filter(customer_relationships::delegated_admin.eq(false)),
        )
        .set(customer_relationships::delegated_admin.eq(true))
        .execute(conn)?
    } else {
        0
    };
    let existing: Option<String> = customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id.as_str()))
        .filter(customer_relationships::customer_id.eq(customer_id.as_str()))
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
        customer_id,
        partner_id,
        &id,
        Action::RelationshipAccepted,
        now,
    )?
    .codes(old, RelationshipValue::of_relationship(delegated_admin));
    crate::db::audit::append(conn, &event)?;
    Ok(Some(event))
}

/// Whether the actor may touch `partner_id`'s relationship with `customer_id` (the rule is the
/// domain's; a provider's facts are read only when it asks).
fn may_touch(
    conn: &mut DbConnection,
    actor: &Actor,
    remover: Remover,
    customer_id: &CustomerId,
    partner_id: &OrganizationId,
) -> QueryResult<bool> {
    let facts = match remover {
        Remover::Provider => ProviderFacts {
            sells_to_customer: diesel::select(exists(
                subscriptions::table
                    .filter(subscriptions::provider_id.eq(actor.organization_id.as_str()))
                    .filter(subscriptions::customer_id.eq(customer_id.as_str())),
            ))
            .get_result(conn)?,
            reseller_partnered: partnered_reseller(conn, &actor.organization_id, partner_id)?
                .is_some(),
        },
        Remover::Customer | Remover::Partner => ProviderFacts::default(),
    };
    Ok(may_remove(
        remover,
        actor.organization_id.as_str(),
        partner_id.as_str(),
        customer_id.as_str(),
        facts,
    ))
}

/// The relationship's id and whether it includes delegated admin privileges, when the actor
/// may touch it.
fn touchable_relationship(
    conn: &mut DbConnection,
    actor: &Actor,
    remover: Remover,
    customer_id: &CustomerId,
    partner_id: &OrganizationId,
) -> Result<(String, bool), RelationshipError> {
    if !may_touch(conn, actor, remover, customer_id, partner_id)? {
        return Err(RelationshipError::NotFound);
    }
    customer_relationships::table
        .filter(customer_relationships::partner_id.eq(partner_id.as_str()))
        .filter(customer_relationships::customer_id.eq(customer_id.as_str()))
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
    customer_id: &CustomerId,
    partner_id: &OrganizationId,
) -> Result<String, RelationshipError> {
    remove_with_fallback(
        conn,
        Scope::OfCustomer(customer_id),
        partner_id,
        |conn, now| {
            let (id, delegated_admin) =
                touchable_relationship(conn, actor, remover, customer_id, partner_id)?;
            diesel::delete(customer_relationships::table.find(&id)).execute(conn)?;
            Ok(customer_relationship_event(
                conn,
                actor,
                customer_id,
                partner_id,
                &id,
                Action::RelationshipRemoved,
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
/// relationship. `customer_id` is the admin's own organization (the rule refuses any other).
pub fn remove_delegated_admin(
    conn: &mut DbConnection,
    actor: &Actor,
    customer_id: &CustomerId,
    partner_id: &OrganizationId,
) -> Result<String, RelationshipError> {
    remove_with_fallback(
        conn,
        Scope::OfCustomer(customer_id),
        partner_id,
        |conn, now| {
            let (id, delegated_admin) =
                touchable_relationship(conn, actor, Remover::Customer, customer_id, partner_id)?;
            if !delegated_admin {
                return Err(RelationshipError::NotFound);
            }
            diesel::update(customer_relationships::table.find(&id))
                .set(customer_relationships::delegated_admin.eq(false))
                .execute(conn)?;
            Ok(customer_relationship_event(
                conn,
                actor,
                customer_id,
                partner_id,
                &id,
                Action::DelegatedAdminRemoved,
                now,
            )?
            .codes(
                RelationshipValue::WithDelegatedAdmin,
                RelationshipValue::WithoutDelegatedAdmin,
            ))
        },
    )
}

/// What a reseller's Customers page shows beside each customer: whether its relationship
/// includes delegated admin privileges, and how many of the customer's subscriptions the
/// reseller is the designated support contact for. Two queries for the whole page.
pub fn reseller_summaries(
    conn: &mut DbConnection,
    reseller_id: &OrganizationId,
    customer_ids: &[String],
) -> QueryResult<std::collections::HashMap<String, (Option<bool>, i64)>> {
    let mut out: std::collections::HashMap<String, (Option<bool>, i64)> = customer_ids
        .iter()
        .map(|id| (id.clone(), (None, 0)))
        .collect();
    let relationships = customer_relationships::table
        .filter(customer_relationships::partner_id.eq(reseller_id.as_str()))
        .select((
            customer_relationships::customer_id,
            customer_relationships::delegated_admin,
        ))
        .into_boxed();
    let relationships: Vec<(String, bool)> = crate::db::filter_among!(
        relationships,
        conn,
        customer_relationships::customer_id,
        customer_ids
    )
    .load(conn)?;
    for (customer, delegated_admin) in relationships {
        if let Some(entry) = out.get_mut(&customer) {
            entry.0 = Some(delegated_admin);
        }
    }
    let supported = subscriptions::table
        .filter(subscriptions::support_contact_id.eq(reseller_id.as_str()))
        .group_by(subscriptions::customer_id)
        .select((subscriptions::customer_id, diesel::dsl::count_star()))
        .into_boxed();
    let supported: Vec<(String, i64)> =
        crate::db::filter_among!(supported, conn, subscriptions::customer_id, customer_ids)
            .load(conn)?;
    for (customer, count) in supported {
        if let Some(entry) = out.get_mut(&customer) {
            entry.1 = count;
        }
    }
    Ok(out)
}

//! Partnerships between an indirect provider and its indirect resellers: listed, established by
//! an accepted invitation, removed (the row stays, with status `removed`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{insert_unless_present, relationship_event, remove_with_fallback, RelationshipError};
use crate::db::audit::{Actor, AuditEvent};
use crate::db::organizations::Organization;
use crate::db::schema::{organizations, partnerships};
use crate::db::subscriptions::Scope;
use crate::db::DbConnection;
use crate::domain::audit::{Action, ObjectKind, RelationshipValue};
use crate::domain::{OrganizationId, PartnershipStatus};

pub fn insert_partnership(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    reseller_id: &OrganizationId,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = crate::domain::new_id();
    diesel::insert_into(partnerships::table)
        .values((
            partnerships::id.eq(&id),
            partnerships::provider_id.eq(provider_id.as_str()),
            partnerships::reseller_id.eq(reseller_id.as_str()),
            partnerships::status.eq(PartnershipStatus::Active.as_str()),
            partnerships::created_at.eq(now),
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
    provider_id: &OrganizationId,
) -> QueryResult<Vec<PartnershipRow>> {
    let rows: Vec<(Organization, String)> = partnerships::table
        .inner_join(organizations::table.on(organizations::id.eq(partnerships::reseller_id)))
        .filter(partnerships::provider_id.eq(provider_id.as_str()))
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
    provider_id: &OrganizationId,
    reseller_id: &OrganizationId,
) -> QueryResult<Option<Organization>> {
    organizations::table
        .inner_join(partnerships::table.on(partnerships::reseller_id.eq(organizations::id)))
        .filter(partnerships::provider_id.eq(provider_id.as_str()))
        .filter(partnerships::reseller_id.eq(reseller_id.as_str()))
        .filter(partnerships::status.eq(PartnershipStatus::Active.as_str()))
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// Makes the partnership active (new, or again after a removal). Returns the event that
/// records it, or None when it was active already. Runs inside the caller's transaction.
pub fn establish_partnership(
    conn: &mut DbConnection,
    actor: &Actor,
    provider_id: &OrganizationId,
    reseller_id: &OrganizationId,
    now: NaiveDateTime,
) -> QueryResult<Option<AuditEvent>> {
    // Write first and act on what changed: a removal or another acceptance running at the same
    // moment is then waited for (PostgreSQL re-checks the row) instead of being overwritten.
    let reactivated = diesel::update(
        partnerships::table
            .filter(partnerships::provider_id.eq(provider_id.as_str()))
            .filter(partnerships::reseller_id.eq(reseller_id.as_str()))
            .filter(partnerships::status.eq(PartnershipStatus::Removed.as_str())),
    )
    .set(partnerships::status.eq(PartnershipStatus::Active.as_str()))
    .execute(conn)?;
    let existing: Option<String> = partnerships::table
        .filter(partnerships::provider_id.eq(provider_id.as_str()))
        .filter(partnerships::reseller_id.eq(reseller_id.as_str()))
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
        (provider_id.as_str(), reseller_id.as_str()),
        now,
    )?
    .related(Some(provider_id.as_str()))
    .codes(old, RelationshipValue::Active);
    crate::db::audit::append(conn, &event)?;
    Ok(Some(event))
}

/// The provider (the actor's organization) ends its partnership with a reseller.
pub fn remove_partnership(
    conn: &mut DbConnection,
    actor: &Actor,
    reseller_id: &OrganizationId,
) -> Result<String, RelationshipError> {
    let provider_id = &actor.organization_id;
    remove_with_fallback(
        conn,
        Scope::OfProvider(provider_id),
        reseller_id,
        |conn, now| {
            let id: String = partnerships::table
                .filter(partnerships::provider_id.eq(provider_id.as_str()))
                .filter(partnerships::reseller_id.eq(reseller_id.as_str()))
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
                (provider_id.as_str(), reseller_id.as_str()),
                now,
            )?
            .related(Some(reseller_id.as_str()))
            .codes(RelationshipValue::Active, RelationshipValue::Removed))
        },
    )
}

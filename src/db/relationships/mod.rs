//! Partnerships between indirect providers and indirect resellers, and relationships between
//! partners and customers (with or without delegated admin privileges): how they are listed,
//! established by an accepted invitation, and removed.
//!
//! A removed partnership keeps its row with status `removed` (a new invitation reactivates it);
//! a removed customer relationship is deleted, because nothing reads it any more and the audit
//! log keeps its history. Every removal runs in one transaction with the fallback of the
//! subscriptions it makes ineligible (see [`super::subscriptions::fall_back_ineligible`]).

mod customer_relationships_of;
mod partnerships_of;

pub use customer_relationships_of::*;
pub use partnerships_of::*;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{Actor, AuditEvent, Object};
use super::subscriptions::Scope;
use super::DbConnection;
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::invitations::InvitationProblem;
use crate::domain::OrganizationId;

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

/// The event about the relationship row `id` of `kind` between `pair` (provider and reseller,
/// or partner and customer), labelled "first – second" with their names of today.
pub(super) fn relationship_event(
    conn: &mut DbConnection,
    actor: &Actor,
    action: Action,
    kind: ObjectKind,
    id: &str,
    pair: (&str, &str),
    now: NaiveDateTime,
) -> QueryResult<AuditEvent> {
    let (first, second) = pair;
    let names = super::organizations::names(conn, [first, second])?;
    let label = format!("{} – {}", names.name(first), names.name(second));
    let object = Object {
        kind,
        id,
        label: &label,
    };
    Ok(AuditEvent::by(actor, action, object, now))
}

/// Runs an insert in a savepoint; when another transaction inserted the same pair first (a
/// unique violation), nothing is inserted and None is returned instead of failing the request.
pub(super) fn insert_unless_present(
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

/// Runs one removal and its fallback in one transaction: locks the subscriptions in `scope`
/// (the first write), lets `remove` change the relationship and describe it, records that
/// event, then gives the subscriptions `partner_id` may no longer support back to their
/// provider. Returns the removal's event id.
pub(super) fn remove_with_fallback(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    partner_id: &OrganizationId,
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

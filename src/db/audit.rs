//! The audit log: append-only; the product has no query that changes or deletes an event.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_events;
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub organization_id: String,
    pub actor_user_id: Option<String>,
    pub actor_name: String,
    pub customer_id: Option<String>,
    pub object_kind: String,
    pub object_id: String,
    pub object_label: String,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub cause_event_id: Option<String>,
}

pub fn append(conn: &mut DbConnection, event: &AuditEvent) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values(event)
        .execute(conn)
        .map(|_| ())
}

/// One event of `organization_id`'s log about `object_id`.
pub fn find_for_object(
    conn: &mut DbConnection,
    organization_id: &str,
    object_id: &str,
    event_id: &str,
) -> QueryResult<Option<AuditEvent>> {
    audit_events::table
        .find(event_id)
        .filter(audit_events::organization_id.eq(organization_id))
        .filter(audit_events::object_id.eq(object_id))
        .select(AuditEvent::as_select())
        .first(conn)
        .optional()
}

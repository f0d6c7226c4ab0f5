//! Partnerships between indirect providers and indirect resellers, and relationships between
//! partners and customers (with or without delegated admin privileges).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{customer_relationships, partnerships};
use super::DbConnection;

pub fn insert_partnership(
    conn: &mut DbConnection,
    provider_id: &str,
    reseller_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(partnerships::table)
        .values((
            partnerships::id.eq(crate::domain::new_id()),
            partnerships::provider_id.eq(provider_id),
            partnerships::reseller_id.eq(reseller_id),
            partnerships::status.eq("active"),
            partnerships::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn insert_customer_relationship(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
    delegated_admin: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(customer_relationships::table)
        .values((
            customer_relationships::id.eq(crate::domain::new_id()),
            customer_relationships::partner_id.eq(partner_id),
            customer_relationships::customer_id.eq(customer_id),
            customer_relationships::delegated_admin.eq(delegated_admin),
            customer_relationships::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

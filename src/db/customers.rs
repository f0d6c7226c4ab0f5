//! A provider's customers as it adds them: the customer organization, the provider's
//! relationship with it (with delegated admin privileges, as Partner Center gives a new
//! customer's partner) and the customer's first Global admin with a set-password link, in one
//! transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{Actor, MadeBy};
use super::organizations::{self, CreateError, NewTenant, Organization};
use super::users::User;
use super::{relationships, DbConnection};
use crate::domain::customers::NewCustomer;
use crate::domain::OrgKind;

/// Adds a customer of the actor's organization (a provider). Refuses a domain another
/// organization has, and an email a user has; nothing is made then.
pub fn add(
    conn: &mut DbConnection,
    actor: &Actor,
    customer: &NewCustomer,
    token: &str,
) -> Result<(Organization, User, NaiveDateTime), CreateError> {
    conn.transaction(|conn| {
        let tenant = NewTenant {
            kind: OrgKind::Customer,
            name: &customer.name,
            partner_id: None,
            admin_email: &customer.admin_email,
            admin_name: &customer.admin_name,
            domain: Some(&customer.domain),
            country: Some(&customer.country),
        };
        let created = organizations::create_with_admin(conn, MadeBy::User(actor), &tenant, token)?;
        relationships::insert_customer_relationship(
            conn,
            &actor.organization_id,
            &created
                .0
                .customer_id()
                .ok_or(CreateError::Database(diesel::result::Error::NotFound))?,
            true,
            super::now(),
        )?;
        Ok(created)
    })
}

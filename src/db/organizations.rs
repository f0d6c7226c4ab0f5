//! Organizations: indirect providers, indirect resellers and customers.

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::schema::{organizations, subscriptions};
use super::DbConnection;
use crate::domain::{Cursor, OrgKind};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub partner_id: Option<String>,
    pub tenant_id: String,
    pub support_email: Option<String>,
    pub support_phone: Option<String>,
    pub support_website: Option<String>,
    pub created_at: NaiveDateTime,
}

impl Organization {
    pub fn kind(&self) -> OrgKind {
        OrgKind::parse(&self.kind).unwrap_or(OrgKind::Customer)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = organizations)]
pub struct NewOrganization<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    pub search_name: &'a str,
    pub partner_id: Option<&'a str>,
    pub tenant_id: &'a str,
    pub support_email: Option<&'a str>,
    pub support_phone: Option<&'a str>,
    pub support_website: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, org: &NewOrganization<'_>) -> QueryResult<()> {
    diesel::insert_into(organizations::table)
        .values(org)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Organization>> {
    organizations::table
        .find(id)
        .select(Organization::as_select())
        .first(conn)
        .optional()
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

/// Loads several organizations in one query.
pub fn find_many(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<Organization>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    organizations::table
        .filter(organizations::id.eq_any(ids))
        .select(Organization::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    organizations::table.count().get_result(conn)
}

/// Takes the write lock on an organization's row without changing it; the first statement of
/// a transaction that reads the row and then changes it.
pub fn lock(conn: &mut DbConnection, org_id: &str) -> QueryResult<usize> {
    diesel::update(organizations::table.find(org_id))
        .set(organizations::name.eq(organizations::name))
        .execute(conn)
}

pub fn update_support_profile(
    conn: &mut DbConnection,
    org_id: &str,
    email: &str,
    phone: &str,
    website: &str,
) -> QueryResult<usize> {
    diesel::update(organizations::table.find(org_id))
        .set((
            organizations::support_email.eq(email),
            organizations::support_phone.eq(phone),
            organizations::support_website.eq(website),
        ))
        .execute(conn)
}

/// Which way a page of customers is read from its cursor.
#[derive(Debug, Clone)]
pub enum PageAt {
    First,
    After(Cursor),
    Before(Cursor),
}

/// One page of the customers for which `partner_id` provides at least one subscription, ordered by
/// name, optionally filtered by a case-insensitive part of the name. Returns up to `limit + 1`
/// rows in display order, so the caller can tell whether there is more in the reading direction.
pub fn customers_page(
    conn: &mut DbConnection,
    partner_id: &str,
    search: Option<&str>,
    at: &PageAt,
    limit: i64,
) -> QueryResult<Vec<Organization>> {
    // The search text is tested before the subquery: on SQLite both come from the covering
    // index, so a rare search term costs one index walk, not a subquery per customer.
    let mut query = organizations::table
        .filter(organizations::kind.eq(OrgKind::Customer.as_str()))
        .select(Organization::as_select())
        .into_boxed();
    if let Some(term) = search {
        query = query.filter(
            organizations::search_name
                .like(super::like_contains(&crate::domain::search_key(term)))
                .escape('\\'),
        );
    }
    query = query.filter(exists(
        subscriptions::table
            .filter(subscriptions::customer_id.eq(organizations::id))
            .filter(subscriptions::provider_id.eq(partner_id.to_string())),
    ));
    match at {
        PageAt::First => query
            .order((organizations::name.asc(), organizations::id.asc()))
            .limit(limit + 1)
            .load(conn),
        PageAt::After(c) => query
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

/// The customer, when `partner_id` provides at least one of its subscriptions; otherwise None,
/// so that an id typed into a URL reveals nothing about other partners' customers.
pub fn customer_of_partner(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
) -> QueryResult<Option<Organization>> {
    organizations::table
        .find(customer_id)
        .filter(organizations::kind.eq(OrgKind::Customer.as_str()))
        .filter(exists(
            subscriptions::table
                .filter(subscriptions::customer_id.eq(organizations::id))
                .filter(subscriptions::provider_id.eq(partner_id.to_string())),
        ))
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

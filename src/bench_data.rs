//! `bench-data`: a benchmark dataset on top of the demo world, so that the demo users sign in
//! and see it. The shape is a distributor's: the two demo providers sell to every customer
//! (nine in ten from Contoso), resellers hold books of about a hundred customers each (so a
//! reseller's pages stay the same size while the provider's grow), each customer has a
//! relationship with its provider (with delegated admin privileges) and with its reseller (with
//! them for three in four), and the audit log holds the events that made all this.
//!
//! It only fills an empty database (it loads the demo world first) or one that holds the
//! untouched demo world and nothing else: it never writes into a real partner's database.
//! Loading is fast because rows go in many at a time, in large transactions, with SQLite's
//! durability pragmas relaxed for the load only (a crash during the load loses the load).

use chrono::{Duration, NaiveDateTime};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::cli::Failure;
use crate::db::audit::{AuditEvent, MadeBy, Object};
use crate::db::organizations::{self, NewOrganization};
use crate::db::schema::{
    audit_events, customer_relationships, organizations as organizations_table, partnerships,
    subscriptions,
};
use crate::db::subscriptions::NewSubscription;
use crate::db::DbConnection;
use crate::demo::{self, DemoLoad};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::{self, CommerceType, CustomerId, OrgKind, OrganizationId, SubscriptionStatus};

/// Rows per INSERT: 1,000 rows of at most 16 columns stay below SQLite's and PostgreSQL's
/// limits of bound values.
const ROWS_PER_INSERT: usize = 1000;
/// Customers per transaction.
const CUSTOMERS_PER_TRANSACTION: usize = 10_000;
/// Customers in the book of one reseller.
pub const CUSTOMERS_PER_RESELLER: u32 = 100;
/// The organizations of the demo world (see `demo.rs`).
const DEMO_ORGANIZATIONS: i64 = 7;

const FIRST_WORDS: [&str; 20] = [
    "Alpine",
    "Bright",
    "Cedar",
    "Delta",
    "Evergreen",
    "Falcon",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Kestrel",
    "Lakeside",
    "Maple",
    "Northern",
    "Orchid",
    "Pioneer",
    "Quartz",
    "Riverside",
    "Summit",
    "Timber",
];
const SECOND_WORDS: [&str; 25] = [
    "Analytics",
    "Bakery",
    "Clinic",
    "Dental",
    "Engineering",
    "Foods",
    "Garden",
    "Hotels",
    "Insurance",
    "Joinery",
    "Kitchens",
    "Logistics",
    "Media",
    "Nursery",
    "Optics",
    "Printing",
    "Quarries",
    "Robotics",
    "Software",
    "Travel",
    "Utilities",
    "Ventures",
    "Wholesale",
    "Yachts",
    "Zoology",
];
const SUFFIXES: [&str; 5] = ["Ltd", "Inc", "GmbH", "KK", "Co"];
const PRODUCTS: [&str; 8] = [
    "Office 365 E1",
    "Office 365 E3",
    "Microsoft 365 Business Basic",
    "Microsoft 365 Business Standard",
    "Microsoft 365 Business Premium",
    "Exchange Online (Plan 1)",
    "Microsoft Teams Essentials",
    "Visio Plan 2",
];

/// The name of the `index`-th customer: words that many customers share (a search for
/// "bakery" finds one in 25) and a number that only one has.
pub fn customer_name(index: u32) -> String {
    let i = index as usize;
    format!(
        "{} {} {} {:06}",
        FIRST_WORDS[i % FIRST_WORDS.len()],
        SECOND_WORDS[(i / FIRST_WORDS.len()) % SECOND_WORDS.len()],
        SUFFIXES[(i / 7) % SUFFIXES.len()],
        index
    )
}

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub customers: u32,
    pub subscriptions_per_customer: u32,
}

/// What was made.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Made {
    pub customers: usize,
    pub resellers: usize,
    pub partnerships: usize,
    pub customer_relationships: usize,
    pub subscriptions: usize,
    pub audit_events: usize,
    /// The demo users' password, when the demo world was loaded with a generated one.
    pub generated_password: Option<String>,
}

#[derive(Insertable, Clone)]
#[diesel(table_name = partnerships)]
struct NewPartnership {
    id: String,
    provider_id: String,
    reseller_id: String,
    status: String,
    created_at: NaiveDateTime,
}

#[derive(Insertable, Clone)]
#[diesel(table_name = customer_relationships)]
struct NewRelationship {
    id: String,
    partner_id: String,
    customer_id: String,
    delegated_admin: bool,
    created_at: NaiveDateTime,
}

/// Inserts `rows` into `table`, [`ROWS_PER_INSERT`] at a time, through the backend's own
/// connection (the multi-backend connection cannot build a multi-row INSERT).
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {{
        for chunk in $rows.chunks(ROWS_PER_INSERT) {
            let chunk = chunk.to_vec();
            match &mut *$conn {
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConnection::Postgres(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
    }};
}

struct Partner {
    id: OrganizationId,
    name: String,
    /// Has an active partnership with Contoso and with Litware.
    with_contoso: bool,
    with_litware: bool,
}

fn demo_id(conn: &mut DbConnection, partner_id: &str) -> Result<(OrganizationId, String), Failure> {
    let org = organizations::find_by_partner_id(conn, partner_id)?
        .ok_or_else(|| Failure::other(format!("the demo organization {partner_id} is missing")))?;
    Ok((org.id, org.name))
}

/// Makes the dataset. Refuses (exit code 3) a database that holds anything but the demo world.
pub fn make(
    conn: &mut DbConnection,
    size: Size,
    demo_password: Option<&str>,
) -> Result<Made, Failure> {
    if size.customers == 0 {
        return Err(Failure::input("--customers must be at least 1"));
    }
    let mut made = Made::default();
    match organizations::count(conn)? {
        0 => match demo::load(conn, demo_password).map_err(|e| Failure::other(format!("{e:#}")))? {
            DemoLoad::Loaded { generated_password } => made.generated_password = generated_password,
            _ => return Err(refusal()),
        },
        DEMO_ORGANIZATIONS if organizations::find_by_partner_id(conn, "1000001")?.is_some() => {}
        _ => return Err(refusal()),
    }
    let (contoso, _) = demo_id(conn, "1000001")?;
    let (litware, _) = demo_id(conn, "1000002")?;
    let now = crate::db::now();
    let mut resellers = Vec::new();
    for partner_id in ["2000001", "2000002", "2000003"] {
        let (id, name) = demo_id(conn, partner_id)?;
        resellers.push(Partner {
            id,
            name,
            with_contoso: true,
            with_litware: false,
        });
    }

    let mut set_aside = Vec::new();
    if let DbConnection::Sqlite(c) = conn {
        // For the load only: no sync at each commit, a large page cache. Not temp_store =
        // MEMORY: each trigger run by a row of a 1,000-row INSERT releases a savepoint of the
        // statement, and with the statement's journal in memory that walks the journal's chunk
        // list from its start every time (perf: 45 % of the load in one loop of
        // sqlite3BtreeSavepoint); a journal spilled to a file is cut in one call. 100,000
        // customers took 127-149 s with it, 91 s without.
        c.batch_execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")?;
        set_aside = set_aside_indexes(c)?;
    }
    let result = load(
        conn,
        size,
        now,
        &contoso,
        &litware,
        &mut resellers,
        &mut made,
    );
    if let DbConnection::Sqlite(c) = conn {
        // Built again whether or not the load went well: the database keeps its indexes.
        for index in &set_aside {
            c.batch_execute(&index.sql)?;
        }
        c.batch_execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;")?;
    }
    result?;
    // Fresh statistics, as a database that grew over years would have. On PostgreSQL also
    // what its background work would have done by then, so that a benchmark run right after
    // the load measures the pages and not that work: VACUUM marks the new rows visible to all
    // (without it every index-only read of them also reads the table, and the first read of
    // each row writes its hint bits), CHECKPOINT writes the loaded pages out.
    match conn {
        DbConnection::Postgres(c) => {
            // One statement each: VACUUM cannot run in the transaction that a string of several
            // statements is.
            c.batch_execute("VACUUM (ANALYZE)")?;
            if let Err(e) = c.batch_execute("CHECKPOINT") {
                eprintln!("CHECKPOINT left to the server ({e}): the first runs may be slower");
            }
        }
        DbConnection::Sqlite(c) => c.batch_execute("ANALYZE")?,
    }
    Ok(made)
}

/// A secondary index of a large table, as the schema declares it.
#[derive(QueryableByName)]
struct IndexDefinition {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Drops the secondary indexes of the tables that get a million rows and returns their
/// definitions, to be built again after the load (SQLite). Kept up row by row, in the random
/// order of ids and names, they made the load three times slower than building them once from
/// the loaded rows.
fn set_aside_indexes(
    conn: &mut diesel::SqliteConnection,
) -> Result<Vec<IndexDefinition>, diesel::result::Error> {
    let indexes: Vec<IndexDefinition> = diesel::sql_query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ('subscriptions', 'audit_events')",
    )
    .load(conn)?;
    for index in &indexes {
        conn.batch_execute(&format!("DROP INDEX \"{}\"", index.name))?;
    }
    Ok(indexes)
}

fn refusal() -> Failure {
    Failure {
        code: 3,
        message: "the database holds more than the demo world; bench-data only fills an empty \
                  database or one with the untouched demo world, never a partner's data"
            .into(),
    }
}

fn load(
    conn: &mut DbConnection,
    size: Size,
    now: NaiveDateTime,
    contoso: &OrganizationId,
    litware: &OrganizationId,
    resellers: &mut Vec<Partner>,
    made: &mut Made,
) -> Result<(), Failure> {
    let reseller_count = (size.customers / CUSTOMERS_PER_RESELLER).max(3) as usize;
    let start = now - Duration::minutes(i64::from(size.customers) + 10);
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        let mut orgs = Vec::new();
        let mut links = Vec::new();
        for r in resellers.len()..reseller_count {
            let partner = Partner {
                id: OrganizationId::from(domain::new_id()),
                name: format!("Bench Reseller {r:05}"),
                with_contoso: true,
                with_litware: r % 2 == 0,
            };
            orgs.push((partner.id.to_string(), partner.name.clone(), 3_000_000 + r));
            for (provider, yes) in [
                (contoso, partner.with_contoso),
                (litware, partner.with_litware),
            ] {
                if yes {
                    links.push(NewPartnership {
                        id: domain::new_id(),
                        provider_id: provider.to_string(),
                        reseller_id: partner.id.to_string(),
                        status: "active".into(),
                        created_at: start,
                    });
                }
            }
            resellers.push(partner);
        }
        let search: Vec<String> = orgs.iter().map(|o| domain::search_key(&o.1)).collect();
        let tenants: Vec<String> = orgs.iter().map(|_| domain::new_id()).collect();
        let partner_ids: Vec<String> = orgs.iter().map(|o| o.2.to_string()).collect();
        let rows: Vec<NewOrganization<'_>> = orgs
            .iter()
            .enumerate()
            .map(|(i, (id, name, _))| NewOrganization {
                id,
                kind: OrgKind::IndirectReseller,
                name,
                search_name: &search[i],
                partner_id: Some(&partner_ids[i]),
                tenant_id: &tenants[i],
                support_email: None,
                support_phone: None,
                support_website: None,
                created_at: start,
                domain: None,
                country: Some("US"),
                mfa_required: true,
            })
            .collect();
        insert_rows!(conn, organizations_table::table, rows);
        insert_rows!(conn, partnerships::table, links);
        made.resellers = orgs.len();
        made.partnerships = links.len();
        Ok(())
    })?;

    let mut first = 0u32;
    while first < size.customers {
        let last = (first + CUSTOMERS_PER_TRANSACTION as u32).min(size.customers);
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            load_customers(
                conn,
                size,
                first..last,
                start,
                contoso,
                litware,
                resellers,
                made,
            )
        })?;
        first = last;
    }
    Ok(())
}

/// One customer's own rows, owned, before they are borrowed for the INSERTs.
struct CustomerRows {
    id: String,
    name: String,
    search_name: String,
    tenant_id: String,
    domain: String,
    created_at: NaiveDateTime,
}

#[allow(clippy::too_many_arguments)]
fn load_customers(
    conn: &mut DbConnection,
    size: Size,
    range: std::ops::Range<u32>,
    start: NaiveDateTime,
    contoso: &OrganizationId,
    litware: &OrganizationId,
    resellers: &[Partner],
    made: &mut Made,
) -> QueryResult<()> {
    let customers: Vec<CustomerRows> = range
        .clone()
        .map(|i| {
            let name = customer_name(i);
            CustomerRows {
                id: domain::new_id(),
                search_name: domain::search_key(&name),
                name,
                tenant_id: domain::new_id(),
                domain: format!("bench-{i:06}.example"),
                created_at: start + Duration::minutes(i64::from(i)),
            }
        })
        .collect();
    let rows: Vec<NewOrganization<'_>> = customers
        .iter()
        .map(|c| NewOrganization {
            id: &c.id,
            kind: OrgKind::Customer,
            name: &c.name,
            search_name: &c.search_name,
            partner_id: None,
            tenant_id: &c.tenant_id,
            support_email: None,
            support_phone: None,
            support_website: None,
            created_at: c.created_at,
            domain: Some(&c.domain),
            country: Some("US"),
            mfa_required: false,
        })
        .collect();
    insert_rows!(conn, organizations_table::table, rows);

    let mut relationships = Vec::with_capacity(customers.len() * 2);
    let mut events = Vec::with_capacity(customers.len() * 8);
    let mut subscription_ids = Vec::with_capacity(customers.len() * 10);
    let mut plans = Vec::with_capacity(customers.len() * 10);
    for (i, c) in range.zip(&customers) {
        let from_contoso = i % 10 != 9;
        let provider = if from_contoso { contoso } else { litware };
        let reseller = &resellers[i as usize % resellers.len()];
        let delegated_admin = i % 4 != 3;
        let eligible = delegated_admin
            && if from_contoso {
                reseller.with_contoso
            } else {
                reseller.with_litware
            };
        let customer_id = CustomerId::from(c.id.clone());
        for (partner, delegated) in [(provider, true), (&reseller.id, delegated_admin)] {
            relationships.push(NewRelationship {
                id: domain::new_id(),
                partner_id: partner.to_string(),
                customer_id: c.id.clone(),
                delegated_admin: delegated,
                created_at: c.created_at,
            });
        }
        let organization = Object {
            kind: ObjectKind::Organization,
            id: &c.id,
            label: &c.name,
        };
        events.push(
            AuditEvent::made_by(
                MadeBy::Operator,
                provider,
                Action::CustomerAdded,
                organization,
                c.created_at,
            )
            .customer(Some(&customer_id)),
        );
        events.push(
            AuditEvent::made_by(
                MadeBy::Operator,
                &reseller.id,
                Action::RelationshipAccepted,
                Object {
                    kind: ObjectKind::CustomerRelationship,
                    ..organization
                },
                c.created_at,
            )
            .customer(Some(&customer_id)),
        );
        for j in 0..size.subscriptions_per_customer {
            let product = PRODUCTS[(i + j) as usize % PRODUCTS.len()];
            let commerce = if j % 3 == 2 {
                CommerceType::NewCommerce
            } else {
                CommerceType::LicenseBased
            };
            let contact = match commerce {
                CommerceType::NewCommerce => None,
                _ if eligible && j % 2 == 0 => Some(&reseller.id),
                _ => Some(provider),
            };
            let id = domain::new_id();
            if contact == Some(&reseller.id) {
                events.push(
                    AuditEvent::made_by(
                        MadeBy::Operator,
                        provider,
                        Action::SupportContactChanged,
                        Object {
                            kind: ObjectKind::Subscription,
                            id: &id,
                            label: product,
                        },
                        c.created_at + Duration::seconds(i64::from(j) + 1),
                    )
                    .customer(Some(&customer_id))
                    .related(Some(reseller.id.as_str()))
                    .values(None, Some(&reseller.name)),
                );
            }
            plans.push((
                c,
                provider,
                product,
                commerce,
                contact,
                1 + ((i * 7 + j * 13) % 200) as i32,
                if (i + j) % 17 == 16 {
                    SubscriptionStatus::Suspended
                } else {
                    SubscriptionStatus::Active
                },
            ));
            subscription_ids.push(id);
        }
    }
    insert_rows!(conn, customer_relationships::table, relationships);
    let rows: Vec<NewSubscription<'_>> = plans
        .iter()
        .zip(&subscription_ids)
        .map(
            |((c, provider, product, commerce, contact, quantity, status), id)| NewSubscription {
                id,
                customer_id: &c.id,
                customer_name: &c.name,
                provider_id: provider.as_str(),
                product_name: product,
                quantity: *quantity,
                status: *status,
                commerce_type: *commerce,
                support_contact_id: contact.map(|o| o.as_str()),
                version: 1,
                created_at: c.created_at,
                updated_at: c.created_at,
                start_date: c.created_at.date(),
                external_id: None,
            },
        )
        .collect();
    insert_rows!(conn, subscriptions::table, rows);
    insert_rows!(conn, audit_events::table, events);
    made.customers += customers.len();
    made.customer_relationships += relationships.len();
    made.subscriptions += subscription_ids.len();
    made.audit_events += events.len();
    Ok(())
}

//! The demo world: two indirect providers, three indirect resellers, two customers, their
//! subscriptions and users. Loaded by `serve --demo` into an empty database, and by the tests.

use diesel::prelude::*;

use crate::auth::password::hash_passwords;
use crate::db::organizations::{self, NewOrganization};
use crate::db::relationships;
use crate::db::subscriptions::{self, NewSubscription};
use crate::db::users::{self, NewUser};
use crate::db::DbConnection;
use crate::domain::accounts::UserState;
use crate::domain::roles::Role;
use crate::domain::{
    self, support_contact, CommerceType, CustomerId, OrgKind, OrganizationId, SubscriptionStatus,
};

/// What `load` did.
#[derive(Debug, PartialEq, Eq)]
pub enum DemoLoad {
    /// Loaded; the password made up for the demo users when none was given.
    Loaded { generated_password: Option<String> },
    /// The demo world is there already; nothing changed.
    AlreadyPresent,
    /// The database holds other organizations; nothing changed.
    DatabaseNotEmpty,
}

struct DemoOrg {
    key: &'static str,
    kind: OrgKind,
    name: &'static str,
    partner_id: Option<&'static str>,
    phone: &'static str,
    domain: Option<&'static str>,
    country: Option<&'static str>,
}

const ORGS: [DemoOrg; 7] = [
    DemoOrg {
        key: "contoso",
        domain: None,
        country: Some("US"),
        kind: OrgKind::IndirectProvider,
        name: "Contoso Distribution",
        partner_id: Some("1000001"),
        phone: "+1 425 555 0100",
    },
    DemoOrg {
        key: "litware",
        domain: None,
        country: Some("US"),
        kind: OrgKind::IndirectProvider,
        name: "Litware Distribution",
        partner_id: Some("1000002"),
        phone: "+1 425 555 0101",
    },
    DemoOrg {
        key: "fabrikam",
        domain: None,
        country: Some("US"),
        kind: OrgKind::IndirectReseller,
        name: "Fabrikam Solutions",
        partner_id: Some("2000001"),
        phone: "+1 425 555 0102",
    },
    DemoOrg {
        key: "northwind",
        domain: None,
        country: Some("US"),
        kind: OrgKind::IndirectReseller,
        name: "Northwind Traders",
        partner_id: Some("2000002"),
        phone: "+1 425 555 0103",
    },
    DemoOrg {
        key: "tailspin",
        domain: None,
        country: Some("US"),
        kind: OrgKind::IndirectReseller,
        name: "Tailspin Toys",
        partner_id: Some("2000003"),
        phone: "+1 425 555 0104",
    },
    DemoOrg {
        key: "adatum",
        domain: Some("adatum.example"),
        country: Some("US"),
        kind: OrgKind::Customer,
        name: "Adatum Corporation",
        partner_id: None,
        phone: "",
    },
    DemoOrg {
        key: "wingtip",
        domain: Some("wingtip.example"),
        country: Some("TW"),
        kind: OrgKind::Customer,
        name: "Wingtip Toys",
        partner_id: None,
        phone: "",
    },
];

/// (organization key, email, display name, role)
const USERS: [(&str, &str, &str, Role); 10] = [
    (
        "contoso",
        "admin.agent@contoso.example",
        "Ana Admin",
        Role::AdminAgent,
    ),
    (
        "contoso",
        "global.admin@contoso.example",
        "Gil Global",
        Role::GlobalAdmin,
    ),
    (
        "contoso",
        "helpdesk@contoso.example",
        "Hana Helpdesk",
        Role::HelpdeskAgent,
    ),
    (
        "contoso",
        "sales@contoso.example",
        "Sam Sales",
        Role::SalesAgent,
    ),
    (
        "contoso",
        "billing@contoso.example",
        "Bea Billing",
        Role::BillingAdmin,
    ),
    (
        "litware",
        "admin.agent@litware.example",
        "Lee Litware",
        Role::AdminAgent,
    ),
    (
        "fabrikam",
        "admin.agent@fabrikam.example",
        "Fay Fabrikam",
        Role::AdminAgent,
    ),
    (
        "adatum",
        "admin@adatum.example",
        "Ada Adatum",
        Role::CustomerGlobalAdmin,
    ),
    (
        "adatum",
        "user@adatum.example",
        "Uma User",
        Role::CustomerUser,
    ),
    (
        "wingtip",
        "admin@wingtip.example",
        "Will Wingtip",
        Role::CustomerGlobalAdmin,
    ),
];

/// (customer key, provider key, product, quantity, commerce type)
const SUBSCRIPTIONS: [(&str, &str, &str, i32, CommerceType); 5] = [
    (
        "adatum",
        "contoso",
        "Office 365 Business Standard",
        25,
        CommerceType::LicenseBased,
    ),
    (
        "adatum",
        "contoso",
        "Microsoft 365 E3",
        10,
        CommerceType::LicenseBased,
    ),
    (
        "adatum",
        "contoso",
        "Microsoft 365 Business Premium",
        15,
        CommerceType::NewCommerce,
    ),
    (
        "adatum",
        "litware",
        "Exchange Online (Plan 1)",
        5,
        CommerceType::LicenseBased,
    ),
    (
        "wingtip",
        "contoso",
        "Office 365 E1",
        40,
        CommerceType::LicenseBased,
    ),
];

fn random_password() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

/// Loads the demo world when the database is empty; `password` is every demo user's password
/// (one is generated and returned when it is None).
pub fn load(conn: &mut DbConnection, password: Option<&str>) -> anyhow::Result<DemoLoad> {
    if organizations::find_by_partner_id(conn, "1000001")?.is_some() {
        return Ok(DemoLoad::AlreadyPresent);
    }
    if organizations::count(conn)? > 0 {
        return Ok(DemoLoad::DatabaseNotEmpty);
    }
    let generated = password.is_none().then(random_password);
    let password = password
        .map(str::to_string)
        .or(generated.clone())
        .unwrap_or_default();
    let hashes = hash_passwords(USERS.iter().map(|_| password.as_str()))?;
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let now = crate::db::now();
        let ids: Vec<(&str, String)> = ORGS.iter().map(|o| (o.key, domain::new_id())).collect();
        let id_of = |key: &str| {
            ids.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, id)| id.clone())
                .unwrap_or_default()
        };
        for org in &ORGS {
            let id = id_of(org.key);
            let tenant_id = domain::new_id();
            let email = format!("support@{}.example", org.key);
            let website = format!("https://support.{}.example", org.key);
            let is_partner = org.kind.is_partner();
            organizations::insert(
                conn,
                NewOrganization {
                    id: &id,
                    kind: org.kind,
                    name: org.name,
                    search_name: &domain::search_key(org.name),
                    partner_id: org.partner_id,
                    tenant_id: &tenant_id,
                    support_email: is_partner.then_some(email.as_str()),
                    support_phone: is_partner.then_some(org.phone),
                    support_website: is_partner.then_some(website.as_str()),
                    created_at: now,
                    domain: org.domain,
                    country: org.country,
                    // The demo's users sign in with a password alone (see the README).
                    mfa_required: false,
                },
            )?;
        }
        for reseller in ["fabrikam", "northwind", "tailspin"] {
            relationships::insert_partnership(
                conn,
                &OrganizationId::from(id_of("contoso")),
                &OrganizationId::from(id_of(reseller)),
                now,
            )?;
        }
        for (partner, customer, delegated_admin) in [
            ("contoso", "adatum", true),
            ("contoso", "wingtip", true),
            ("litware", "adatum", true),
            ("fabrikam", "adatum", true),
            ("northwind", "adatum", false),
            ("tailspin", "wingtip", true),
        ] {
            relationships::insert_customer_relationship(
                conn,
                &OrganizationId::from(id_of(partner)),
                &CustomerId::from(id_of(customer)),
                delegated_admin,
                now,
            )?;
        }
        for (customer, provider, product, quantity, commerce_type) in SUBSCRIPTIONS {
            let provider_id = id_of(provider);
            let contact = support_contact::default_contact(commerce_type, &provider_id);
            subscriptions::insert(
                conn,
                NewSubscription {
                    id: &domain::new_id(),
                    customer_id: &id_of(customer),
                    customer_name: "",
                    provider_id: &provider_id,
                    product_name: product,
                    quantity,
                    status: SubscriptionStatus::Active,
                    commerce_type,
                    support_contact_id: contact.as_deref(),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    start_date: now.date(),
                    external_id: None,
                },
            )?;
        }
        for ((org, email, name, role), hash) in USERS.iter().zip(&hashes) {
            users::insert(
                conn,
                NewUser {
                    id: &domain::new_id(),
                    organization_id: &id_of(org),
                    email,
                    display_name: name,
                    password_hash: hash,
                    role: *role,
                    state: UserState::Active,
                    created_at: now,
                },
            )?;
        }
        Ok(())
    })?;
    Ok(DemoLoad::Loaded {
        generated_password: generated,
    })
}

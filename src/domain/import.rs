//! Importing a provider's customers and subscriptions from CSV, and the same columns for the
//! export: reading the file (UTF-8 with or without BOM, comma or semicolon), checking each row,
//! and planning what the import would create, update and leave alone against the facts the
//! database gives. Nothing here reads or writes the database: the plan is applied by
//! `db::imports` in one transaction, and only when no row is refused.

use std::collections::{HashMap, HashSet};

use super::accounts::{check_domain, check_name};
use super::customers::{
    check_commerce_type, check_country, check_external_id, check_quantity, commerce_type_code,
};
use super::{CommerceType, SubscriptionStatus};

/// The columns, in the order the export writes them and the template shows them.
pub const COLUMNS: [&str; 9] = [
    "customer_name",
    "customer_domain",
    "country",
    "external_subscription_id",
    "product",
    "quantity",
    "commerce_type",
    "status",
    "reseller_partner_id",
];

/// The largest file taken, in bytes, and the most rows.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_ROWS: usize = 100_000;

/// Why a whole file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    TooManyRows,
    NotUtf8,
    Empty,
    /// The header lacks these columns.
    MissingColumns(Vec<&'static str>),
}

impl FileProblem {
    pub fn message_id(&self) -> &'static str {
        match self {
            FileProblem::TooLarge => "import-error-too-large",
            FileProblem::TooManyRows => "import-error-too-many-rows",
            FileProblem::NotUtf8 => "import-error-not-utf8",
            FileProblem::Empty => "import-error-empty",
            FileProblem::MissingColumns(_) => "import-error-columns",
        }
    }
}

/// A row that is refused (nothing is imported while one is), or reported (imported, with a
/// note), with its line number in the file and the value concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    pub line: usize,
    pub message_id: &'static str,
    pub value: String,
}

/// One row, checked on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub customer_name: String,
    pub domain: String,
    pub country: String,
    pub external_id: String,
    pub product: String,
    pub quantity: i32,
    pub commerce_type: CommerceType,
    pub status: SubscriptionStatus,
    pub reseller_partner_id: Option<String>,
}

/// Reads the file: the rows that are well formed, and a note for each that is not.
pub fn parse(bytes: &[u8]) -> Result<(Vec<Row>, Vec<RowNote>), FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    if header_line.trim().is_empty() {
        return Err(FileProblem::Empty);
    }
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| FileProblem::Empty)?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let position = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&'static str> = COLUMNS[..8]
        .iter()
        .copied()
        .filter(|c| position(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(FileProblem::MissingColumns(missing));
    }
    let at: Vec<Option<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (index, record) in reader.records().enumerate() {
        if index >= MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line() as usize)
            .unwrap_or(index + 2);
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                notes.push(RowNote {
                    line,
                    message_id: "import-row-unreadable",
                    value: String::new(),
                });
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| unguard(at[i].and_then(|p| record.get(p)).unwrap_or("").trim());
        match check_row(line, &field) {
            Ok(row) => rows.push(row),
            Err(note) => notes.push(note),
        }
    }
    Ok((rows, notes))
}

/// A cell as it was before the export guarded it against spreadsheet formulas (a leading `'`
/// before `=`, `+`, `-`, `@` or a tab), so export → import changes nothing.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A status as the file names it.
fn check_status(value: &str) -> Result<SubscriptionStatus, &'static str> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" => Err("import-row-status"),
        s => SubscriptionStatus::parse(s).ok_or("import-row-status"),
    }
}

fn check_row<'a>(line: usize, field: &dyn Fn(usize) -> &'a str) -> Result<Row, RowNote> {
    let note = |message_id: &'static str, value: &str| RowNote {
        line,
        message_id,
        value: value.to_string(),
    };
    let customer_name =
        check_name(field(0)).map_err(|_| note("import-row-customer-name", field(0)))?;
    let domain = check_domain(field(1)).map_err(|_| note("import-row-domain", field(1)))?;
    let country = check_country(field(2)).map_err(|_| note("import-row-country", field(2)))?;
    let external_id = check_external_id(field(3))
        .ok()
        .flatten()
        .ok_or_else(|| note("import-row-external-id", field(3)))?;
    let product = check_name(field(4)).map_err(|_| note("import-row-product", field(4)))?;
    let quantity = check_quantity(field(5)).map_err(|_| note("import-row-quantity", field(5)))?;
    let commerce_type =
        check_commerce_type(field(6)).map_err(|_| note("import-row-commerce-type", field(6)))?;
    let status = check_status(field(7)).map_err(|id| note(id, field(7)))?;
    let reseller_partner_id = Some(field(8).to_string()).filter(|p| !p.is_empty());
    if reseller_partner_id.is_some() && !commerce_type.has_designated_support_contact() {
        return Err(note("import-row-new-commerce-contact", field(8)));
    }
    Ok(Row {
        line,
        customer_name,
        domain,
        country,
        external_id,
        product,
        quantity,
        commerce_type,
        status,
        reseller_partner_id,
    })
}

/// A customer the database has with this domain.
#[derive(Debug, Clone)]
pub struct KnownCustomer {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    /// True when the importing provider has a relationship with it or sells to it.
    pub is_ours: bool,
}

/// One of the provider's subscriptions that has an external ID.
#[derive(Debug, Clone)]
pub struct KnownSubscription {
    pub id: String,
    pub customer_id: String,
    pub product: String,
    pub quantity: i32,
    pub commerce_type: CommerceType,
    pub status: SubscriptionStatus,
    pub support_contact_id: Option<String>,
}

/// An indirect reseller by partner ID, and whether it has an active partnership with the
/// importing provider.
#[derive(Debug, Clone)]
pub struct KnownReseller {
    pub id: String,
    pub partnered: bool,
}

/// What the database says, for planning.
#[derive(Debug, Default)]
pub struct Facts {
    pub provider_id: String,
    pub customers: HashMap<String, KnownCustomer>,
    pub subscriptions: HashMap<String, KnownSubscription>,
    pub resellers: HashMap<String, KnownReseller>,
    /// (reseller id, customer id) of relationships with delegated admin privileges.
    pub delegated_admin: HashSet<(String, String)>,
}

/// Where a row's customer is: one to create (by domain), or one that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerRef {
    New(String),
    Existing(String),
}

#[derive(Debug, Clone)]
pub struct CustomerPlan {
    pub domain: String,
    pub name: String,
    pub country: String,
}

#[derive(Debug, Clone)]
pub struct SubscriptionPlan {
    pub line: usize,
    pub customer: CustomerRef,
    /// The customer's name once the import is applied (its row's, which every row of the
    /// customer's domain repeats).
    pub customer_name: String,
    pub external_id: String,
    pub product: String,
    pub quantity: i32,
    pub commerce_type: CommerceType,
    pub status: SubscriptionStatus,
    pub support_contact_id: Option<String>,
}

/// What an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub new_customers: Vec<CustomerPlan>,
    /// (id, new name, new country) of customers whose name or country changes.
    pub updated_customers: Vec<(String, CustomerPlan)>,
    pub unchanged_customers: usize,
    pub new_subscriptions: Vec<SubscriptionPlan>,
    /// (id, what it becomes) of subscriptions that change.
    pub updated_subscriptions: Vec<(String, SubscriptionPlan)>,
    pub unchanged_subscriptions: usize,
    /// Rows refused: while there is one, nothing is imported.
    pub refused: Vec<RowNote>,
    /// Rows imported with a note (a reseller that may not be the contact).
    pub reported: Vec<RowNote>,
}

impl Plan {
    pub fn may_apply(&self) -> bool {
        self.refused.is_empty()
    }

    pub fn changes_anything(&self) -> bool {
        !(self.new_customers.is_empty()
            && self.updated_customers.is_empty()
            && self.new_subscriptions.is_empty()
            && self.updated_subscriptions.is_empty())
    }
}

/// Plans the import of `rows` (with the `notes` of rows that could not be read) against what
/// the database holds.
pub fn plan(rows: &[Row], notes: Vec<RowNote>, facts: &Facts) -> Plan {
    let mut plan = Plan {
        refused: notes,
        ..Plan::default()
    };
    // The first row of a domain says the customer's name and country; later rows must agree.
    let mut customers_seen: HashMap<&str, (&str, &str, CustomerRef)> = HashMap::new();
    let mut external_ids_seen: HashSet<&str> = HashSet::new();
    for row in rows {
        let refuse = |plan: &mut Plan, message_id: &'static str, value: &str| {
            plan.refused.push(RowNote {
                line: row.line,
                message_id,
                value: value.to_string(),
            })
        };
        if !external_ids_seen.insert(&row.external_id) {
            refuse(
                &mut plan,
                "import-row-duplicate-external-id",
                &row.external_id,
            );
            continue;
        }
        let customer = match customers_seen.get(row.domain.as_str()) {
            Some((name, country, customer)) => {
                if *name != row.customer_name || *country != row.country {
                    refuse(&mut plan, "import-row-customer-differs", &row.domain);
                    continue;
                }
                customer.clone()
            }
            None => {
                let customer = match facts.customers.get(&row.domain) {
                    Some(known) if !known.is_ours => {
                        refuse(&mut plan, "import-row-domain-taken", &row.domain);
                        continue;
                    }
                    Some(known) => {
                        let wanted = CustomerPlan {
                            domain: row.domain.clone(),
                            name: row.customer_name.clone(),
                            country: row.country.clone(),
                        };
                        if known.name == row.customer_name
                            && known.country.as_deref() == Some(row.country.as_str())
                        {
                            plan.unchanged_customers += 1;
                        } else {
                            plan.updated_customers.push((known.id.clone(), wanted));
                        }
                        CustomerRef::Existing(known.id.clone())
                    }
                    None => {
                        plan.new_customers.push(CustomerPlan {
                            domain: row.domain.clone(),
                            name: row.customer_name.clone(),
                            country: row.country.clone(),
                        });
                        CustomerRef::New(row.domain.clone())
                    }
                };
                customers_seen.insert(
                    &row.domain,
                    (&row.customer_name, &row.country, customer.clone()),
                );
                customer
            }
        };
        let contact = match contact_of(row, &customer, facts) {
            Ok(contact) => contact,
            Err(Refusal::Refused(id)) => {
                refuse(
                    &mut plan,
                    id,
                    row.reseller_partner_id.as_deref().unwrap_or(""),
                );
                continue;
            }
            Err(Refusal::ProviderStays) => {
                plan.reported.push(RowNote {
                    line: row.line,
                    message_id: "import-row-reseller-not-eligible",
                    value: row.reseller_partner_id.clone().unwrap_or_default(),
                });
                Some(facts.provider_id.clone())
            }
        };
        let wanted = SubscriptionPlan {
            line: row.line,
            customer: customer.clone(),
            customer_name: row.customer_name.clone(),
            external_id: row.external_id.clone(),
            product: row.product.clone(),
            quantity: row.quantity,
            commerce_type: row.commerce_type,
            status: row.status,
            support_contact_id: contact,
        };
        match facts.subscriptions.get(&row.external_id) {
            None => plan.new_subscriptions.push(wanted),
            Some(known) => {
                if CustomerRef::Existing(known.customer_id.clone()) != customer {
                    refuse(
                        &mut plan,
                        "import-row-external-id-other-customer",
                        &row.external_id,
                    );
                    continue;
                }
                if known.commerce_type != row.commerce_type {
                    refuse(
                        &mut plan,
                        "import-row-commerce-type-fixed",
                        commerce_type_code(row.commerce_type),
                    );
                    continue;
                }
                if !super::customers::may_become(known.status, row.status) {
                    refuse(&mut plan, "import-row-cancelled", row.status.as_str());
                    continue;
                }
                let same = known.product == wanted.product
                    && known.quantity == wanted.quantity
                    && known.status == wanted.status
                    && known.support_contact_id == wanted.support_contact_id;
                if same {
                    plan.unchanged_subscriptions += 1;
                } else {
                    plan.updated_subscriptions.push((known.id.clone(), wanted));
                }
            }
        }
    }
    plan.refused.sort_by_key(|n| n.line);
    plan
}

enum Refusal {
    Refused(&'static str),
    /// The reseller may not be the contact: the provider is, and the row is reported.
    ProviderStays,
}

/// The designated support contact a row asks for: none for new commerce, the provider when no
/// reseller is named, the named reseller when it is one of the available support contacts.
fn contact_of(row: &Row, customer: &CustomerRef, facts: &Facts) -> Result<Option<String>, Refusal> {
    if !row.commerce_type.has_designated_support_contact() {
        return Ok(None);
    }
    let Some(partner_id) = &row.reseller_partner_id else {
        return Ok(Some(facts.provider_id.clone()));
    };
    let reseller = facts
        .resellers
        .get(partner_id)
        .ok_or(Refusal::Refused("import-row-reseller-unknown"))?;
    let eligible = match customer {
        CustomerRef::New(_) => false,
        CustomerRef::Existing(customer_id) => {
            reseller.partnered
                && facts
                    .delegated_admin
                    .contains(&(reseller.id.clone(), customer_id.clone()))
        }
    };
    if eligible {
        Ok(Some(reseller.id.clone()))
    } else {
        Err(Refusal::ProviderStays)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "customer_name,customer_domain,country,external_subscription_id,product,quantity,commerce_type,status,reseller_partner_id\n";

    fn facts() -> Facts {
        let mut f = Facts {
            provider_id: "P".into(),
            ..Facts::default()
        };
        f.customers.insert(
            "adatum.example".into(),
            KnownCustomer {
                id: "C1".into(),
                name: "Adatum".into(),
                country: Some("US".into()),
                is_ours: true,
            },
        );
        f.customers.insert(
            "other.example".into(),
            KnownCustomer {
                id: "C9".into(),
                name: "Other".into(),
                country: None,
                is_ours: false,
            },
        );
        f.subscriptions.insert(
            "S-1".into(),
            KnownSubscription {
                id: "X1".into(),
                customer_id: "C1".into(),
                product: "E3".into(),
                quantity: 10,
                commerce_type: CommerceType::LicenseBased,
                status: SubscriptionStatus::Active,
                support_contact_id: Some("R1".into()),
            },
        );
        f.resellers.insert(
            "2000001".into(),
            KnownReseller {
                id: "R1".into(),
                partnered: true,
            },
        );
        f.resellers.insert(
            "2000002".into(),
            KnownReseller {
                id: "R2".into(),
                partnered: true,
            },
        );
        f.delegated_admin.insert(("R1".into(), "C1".into()));
        f
    }

    fn run(body: &str) -> Plan {
        let (rows, notes) = parse(format!("{HEADER}{body}").as_bytes()).unwrap();
        plan(&rows, notes, &facts())
    }

    #[test]
    fn an_unchanged_row_changes_nothing_and_new_rows_are_created() {
        let p = run("Adatum,adatum.example,US,S-1,E3,10,legacy,active,2000001\n\
                     Contoso,contoso.example,TW,S-2,E5,3,new_commerce,suspended,\n");
        assert!(p.may_apply(), "{:?}", p.refused);
        assert_eq!(p.unchanged_customers, 1);
        assert_eq!(p.unchanged_subscriptions, 1);
        assert_eq!(p.new_customers.len(), 1);
        assert_eq!(p.new_subscriptions.len(), 1);
        assert_eq!(
            p.new_subscriptions[0].support_contact_id, None,
            "new commerce"
        );
    }

    #[test]
    fn semicolons_a_bom_and_column_order_are_accepted() {
        let body = "\u{feff}status;quantity;product;external_subscription_id;country;customer_domain;customer_name;commerce_type\n\
                    active;11;E3;S-1;US;adatum.example;Adatum;legacy\n";
        let (rows, notes) = parse(body.as_bytes()).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let p = plan(&rows, vec![], &facts());
        assert_eq!(p.updated_subscriptions.len(), 1, "quantity 10 -> 11");
        assert_eq!(
            p.updated_subscriptions[0].1.support_contact_id.as_deref(),
            Some("P"),
            "no reseller named: the provider"
        );
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let p = run("Adatum,adatum,US,S-3,E3,1,legacy,active,\n\
                     Adatum,adatum.example,US,S-4,E3,0,legacy,active,\n\
                     Adatum,adatum.example,US,S-5,E3,1,legacy,active,9999999\n\
                     Other,other.example,US,S-6,E3,1,legacy,active,\n\
                     Adatum,adatum.example,US,S-7,E3,1,legacy,active,\n\
                     Adatum,adatum.example,US,S-7,E3,1,legacy,active,\n\
                     Adatum,adatum.example,US,S-8,E3,1,weird,active,\n");
        let got: Vec<(usize, &str)> = p.refused.iter().map(|n| (n.line, n.message_id)).collect();
        assert_eq!(
            got,
            vec![
                (2, "import-row-domain"),
                (3, "import-row-quantity"),
                (4, "import-row-reseller-unknown"),
                (5, "import-row-domain-taken"),
                (7, "import-row-duplicate-external-id"),
                (8, "import-row-commerce-type"),
            ]
        );
        assert!(!p.may_apply());
    }

    #[test]
    fn an_ineligible_reseller_leaves_the_provider_and_is_reported() {
        let p = run("Adatum,adatum.example,US,S-1,E3,10,legacy,active,2000002\n");
        assert!(p.may_apply());
        assert_eq!(p.reported.len(), 1);
        assert_eq!(p.reported[0].message_id, "import-row-reseller-not-eligible");
        assert_eq!(
            p.updated_subscriptions[0].1.support_contact_id.as_deref(),
            Some("P")
        );
    }

    #[test]
    fn whole_file_problems_are_named() {
        assert_eq!(parse(b"").unwrap_err(), FileProblem::Empty);
        assert_eq!(
            parse(&[0xff, 0xfe, 0x00]).unwrap_err(),
            FileProblem::NotUtf8
        );
        assert_eq!(
            parse(b"customer_name,country\nx,US\n")
                .unwrap_err()
                .message_id(),
            "import-error-columns"
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(parse(&big).unwrap_err(), FileProblem::TooLarge);
    }
}

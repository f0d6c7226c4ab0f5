//! Customers and subscriptions of a real partner: what a new customer and a new subscription are
//! made of, and the life of a subscription (quantity, suspend, reactivate, cancel).

use chrono::NaiveDate;

use super::accounts::{check_domain, check_email, check_name};
use super::{CommerceType, SubscriptionStatus};

/// ISO 3166-1 alpha-2 codes of the countries and regions a customer may be in.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ \
GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN \
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS \
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT \
PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF \
TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM \
ZW";

/// A country or region as its two-letter ISO 3166-1 code, in capitals.
pub fn check_country(country: &str) -> Result<String, &'static str> {
    let code = country.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err("validation-country-required");
    }
    if code.len() == 2 && COUNTRIES.split_whitespace().any(|c| c == code) {
        Ok(code)
    } else {
        Err("validation-country-invalid")
    }
}

/// A new customer as typed on the Add customer page.
#[derive(Debug, Clone, Default)]
pub struct CustomerInput {
    pub name: String,
    pub domain: String,
    pub country: String,
    pub admin_name: String,
    pub admin_email: String,
}

/// A new customer, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    pub name: String,
    pub domain: String,
    pub country: String,
    pub admin_name: String,
    pub admin_email: String,
}

/// Each field's problem, as a Fluent id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerErrors {
    pub name: Option<&'static str>,
    pub domain: Option<&'static str>,
    pub country: Option<&'static str>,
    pub admin_name: Option<&'static str>,
    pub admin_email: Option<&'static str>,
}

impl CustomerErrors {
    pub fn is_empty(&self) -> bool {
        *self == CustomerErrors::default()
    }
}

pub fn check_customer(input: &CustomerInput) -> Result<NewCustomer, CustomerErrors> {
    let name = check_name(&input.name);
    let domain = check_domain(&input.domain);
    let country = check_country(&input.country);
    let admin_name = check_name(&input.admin_name);
    let admin_email = check_email(&input.admin_email);
    match (name, domain, country, admin_name, admin_email) {
        (Ok(name), Ok(domain), Ok(country), Ok(admin_name), Ok(admin_email)) => Ok(NewCustomer {
            name,
            domain,
            country,
            admin_name,
            admin_email,
        }),
        (name, domain, country, admin_name, admin_email) => Err(CustomerErrors {
            name: name.err(),
            domain: domain.err(),
            country: country.err(),
            admin_name: admin_name.err(),
            admin_email: admin_email.err(),
        }),
    }
}

/// The most licences one subscription may hold.
pub const MAX_QUANTITY: i32 = 1_000_000;
/// The longest external ID kept.
pub const MAX_EXTERNAL_ID_CHARS: usize = 100;

/// A quantity as typed: a whole number from 1 to [`MAX_QUANTITY`].
pub fn check_quantity(quantity: &str) -> Result<i32, &'static str> {
    let quantity = quantity.trim();
    if quantity.is_empty() {
        return Err("validation-quantity-required");
    }
    quantity
        .parse::<i32>()
        .ok()
        .filter(|q| (1..=MAX_QUANTITY).contains(q))
        .ok_or("validation-quantity-invalid")
}

/// An optional external ID: trimmed, up to 100 characters, none of them control characters.
pub fn check_external_id(external_id: &str) -> Result<Option<String>, &'static str> {
    let id = external_id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    if id.chars().count() > MAX_EXTERNAL_ID_CHARS || id.chars().any(char::is_control) {
        return Err("validation-external-id-invalid");
    }
    Ok(Some(id.to_string()))
}

/// A start date as `YYYY-MM-DD`, in the years every backend stores.
pub fn check_start_date(date: &str) -> Result<NaiveDate, &'static str> {
    let date = date.trim();
    if date.is_empty() {
        return Err("validation-start-date-required");
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .filter(|d| (1990..=2200).contains(&chrono::Datelike::year(d)))
        .ok_or("validation-start-date-invalid")
}

/// A commerce type as the form and the CSV file name it.
pub fn check_commerce_type(value: &str) -> Result<CommerceType, &'static str> {
    match value
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
        .as_str()
    {
        "legacy" | "license_based" => Ok(CommerceType::LicenseBased),
        "new_commerce" => Ok(CommerceType::NewCommerce),
        "" => Err("validation-commerce-type-required"),
        _ => Err("validation-commerce-type-invalid"),
    }
}

/// The code a commerce type has in a CSV file.
pub fn commerce_type_code(commerce_type: CommerceType) -> &'static str {
    match commerce_type {
        CommerceType::LicenseBased => "legacy",
        CommerceType::NewCommerce => "new_commerce",
    }
}

/// A new subscription as typed.
#[derive(Debug, Clone, Default)]
pub struct SubscriptionInput {
    pub product: String,
    pub quantity: String,
    pub commerce_type: String,
    pub start_date: String,
    pub external_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    pub product: String,
    pub quantity: i32,
    pub commerce_type: CommerceType,
    pub start_date: NaiveDate,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriptionErrors {
    pub product: Option<&'static str>,
    pub quantity: Option<&'static str>,
    pub commerce_type: Option<&'static str>,
    pub start_date: Option<&'static str>,
    pub external_id: Option<&'static str>,
}

impl SubscriptionErrors {
    pub fn is_empty(&self) -> bool {
        *self == SubscriptionErrors::default()
    }
}

pub fn check_subscription(
    input: &SubscriptionInput,
) -> Result<NewSubscription, SubscriptionErrors> {
    let product = check_name(&input.product).map_err(|e| match e {
        "validation-name-required" => "validation-product-required",
        other => other,
    });
    let quantity = check_quantity(&input.quantity);
    let commerce_type = check_commerce_type(&input.commerce_type);
    let start_date = check_start_date(&input.start_date);
    let external_id = check_external_id(&input.external_id);
    match (product, quantity, commerce_type, start_date, external_id) {
        (Ok(product), Ok(quantity), Ok(commerce_type), Ok(start_date), Ok(external_id)) => {
            Ok(NewSubscription {
                product,
                quantity,
                commerce_type,
                start_date,
                external_id,
            })
        }
        (product, quantity, commerce_type, start_date, external_id) => Err(SubscriptionErrors {
            product: product.err(),
            quantity: quantity.err(),
            commerce_type: commerce_type.err(),
            start_date: start_date.err(),
            external_id: external_id.err(),
        }),
    }
}

/// What a provider does to one of its subscriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    Suspend,
    Reactivate,
    Cancel,
}

impl Lifecycle {
    pub fn parse(s: &str) -> Option<Lifecycle> {
        match s {
            "suspend" => Some(Lifecycle::Suspend),
            "reactivate" => Some(Lifecycle::Reactivate),
            "cancel" => Some(Lifecycle::Cancel),
            _ => None,
        }
    }
}

/// The status a step leads to from `from`, or why it cannot be taken. A cancelled
/// subscription stays cancelled.
pub fn next_status(
    from: SubscriptionStatus,
    step: Lifecycle,
) -> Result<SubscriptionStatus, &'static str> {
    use SubscriptionStatus::*;
    match (from, step) {
        (Cancelled, _) => Err("subscription-error-cancelled"),
        (Active, Lifecycle::Suspend) => Ok(Suspended),
        (Suspended, Lifecycle::Reactivate) => Ok(Active),
        (Active | Suspended, Lifecycle::Cancel) => Ok(Cancelled),
        (Active, Lifecycle::Reactivate) => Err("subscription-error-already-active"),
        (Suspended, Lifecycle::Suspend) => Err("subscription-error-already-suspended"),
    }
}

/// Whether a status may be set directly (by an import) on a subscription in `from`.
pub fn may_become(from: SubscriptionStatus, to: SubscriptionStatus) -> bool {
    from == to || from != SubscriptionStatus::Cancelled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer() -> CustomerInput {
        CustomerInput {
            name: " Adatum Corporation ".into(),
            domain: "Adatum.com".into(),
            country: "us".into(),
            admin_name: "Ada".into(),
            admin_email: "ada@adatum.com".into(),
        }
    }

    #[test]
    fn a_customer_is_checked_field_by_field() {
        let ok = check_customer(&customer()).unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.domain.as_str(), ok.country.as_str()),
            ("Adatum Corporation", "adatum.com", "US")
        );
        let bad = check_customer(&CustomerInput {
            domain: "adatum".into(),
            country: "XX".into(),
            admin_email: "ada@".into(),
            ..customer()
        })
        .unwrap_err();
        assert_eq!(bad.domain, Some("validation-domain-invalid"));
        assert_eq!(bad.country, Some("validation-country-invalid"));
        assert_eq!(bad.admin_email, Some("validation-email-invalid"));
        assert_eq!(bad.name, None);
        for code in ["TW", "jp", "GB", "DE"] {
            assert!(check_country(code).is_ok(), "{code}");
        }
        assert_eq!(COUNTRIES.split_whitespace().count(), 249);
    }

    #[test]
    fn subscriptions_take_sane_values() {
        let input = SubscriptionInput {
            product: "Microsoft 365 E3".into(),
            quantity: "25".into(),
            commerce_type: "legacy".into(),
            start_date: "2026-11-01".into(),
            external_id: " SUB-1 ".into(),
        };
        let ok = check_subscription(&input).unwrap();
        assert_eq!(ok.quantity, 25);
        assert_eq!(ok.external_id.as_deref(), Some("SUB-1"));
        assert_eq!(ok.commerce_type, CommerceType::LicenseBased);
        for bad in ["0", "-1", "1.5", "many", "1000001"] {
            assert_eq!(
                check_quantity(bad),
                Err("validation-quantity-invalid"),
                "{bad}"
            );
        }
        for bad in ["2026-02-30", "01/11/2026", "1800-01-01"] {
            assert!(check_start_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_commerce_type("New commerce"),
            Ok(CommerceType::NewCommerce)
        );
        assert!(check_external_id(&"x".repeat(101)).is_err());
    }

    #[test]
    fn cancelled_is_final_and_steps_follow_the_status() {
        use SubscriptionStatus::*;
        assert_eq!(next_status(Active, Lifecycle::Suspend), Ok(Suspended));
        assert_eq!(next_status(Suspended, Lifecycle::Reactivate), Ok(Active));
        assert_eq!(next_status(Suspended, Lifecycle::Cancel), Ok(Cancelled));
        for step in [Lifecycle::Suspend, Lifecycle::Reactivate, Lifecycle::Cancel] {
            assert_eq!(
                next_status(Cancelled, step),
                Err("subscription-error-cancelled")
            );
        }
        assert!(may_become(Suspended, Active));
        assert!(!may_become(Cancelled, Active));
        assert!(may_become(Cancelled, Cancelled));
    }
}

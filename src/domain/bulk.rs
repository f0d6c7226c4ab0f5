//! Bulk changes of designated support contacts: of many subscriptions a user chose, which can
//! change to one new contact, and why each of the others cannot.
//!
//! The eligibility rule itself is [`super::support_contact`]'s, applied to each subscription as
//! it is; this module only adds what a bulk change adds: the page's version of each
//! subscription (a subscription changed by someone else since is stale, never overwritten) and
//! a subscription that already has the chosen contact (nothing to change). The database layer
//! gathers the facts and writes; nothing here reads or writes.

use super::support_contact::{self, Candidate, ContactRefusal};
use super::{CommerceType, SubscriptionStatus};

/// The most subscriptions one bulk change takes from a page (a form must stay within the
/// server's form limit); a filter narrows a larger set.
pub const MAX_ITEMS: usize = 100;

/// The most subscriptions one bulk change takes through the API, in one request: enough for a
/// provider's whole book in a few calls, and a body of a few megabytes at most.
pub const MAX_API_ITEMS: usize = 10_000;

/// Why a chosen subscription keeps its designated support contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkRefusal {
    /// Not one of the acting provider's subscriptions (or no such subscription).
    NotFound,
    /// Someone else changed it since the page that chose it was shown.
    Stale,
    /// The eligibility rule refused the new contact for it (new commerce, cancelled, or the
    /// contact is not available for its customer).
    Refused(ContactRefusal),
    /// The new contact already is its designated support contact.
    AlreadyContact,
}

impl BulkRefusal {
    /// The stable code of the reason (for the API and the logs).
    pub fn code(self) -> &'static str {
        match self {
            BulkRefusal::NotFound => "not_found",
            BulkRefusal::Stale => "stale",
            BulkRefusal::Refused(ContactRefusal::NewCommerce) => "new_commerce",
            BulkRefusal::Refused(ContactRefusal::Cancelled) => "cancelled",
            BulkRefusal::Refused(ContactRefusal::NotAvailable) => "not_available",
            BulkRefusal::AlreadyContact => "already_contact",
        }
    }

    /// The Fluent id of the reason, as a bulk change's review and result show it.
    pub fn message_id(self) -> &'static str {
        match self {
            BulkRefusal::NotFound => "bulk-reason-not-found",
            BulkRefusal::Stale => "bulk-reason-stale",
            BulkRefusal::Refused(ContactRefusal::NewCommerce) => "bulk-reason-new-commerce",
            BulkRefusal::Refused(ContactRefusal::Cancelled) => "bulk-reason-cancelled",
            BulkRefusal::Refused(ContactRefusal::NotAvailable) => "bulk-reason-not-available",
            BulkRefusal::AlreadyContact => "bulk-reason-already-contact",
        }
    }
}

/// One chosen subscription as it is now, and the version the page showed.
#[derive(Debug, Clone, Copy)]
pub struct ItemFacts<'a> {
    pub commerce_type: CommerceType,
    pub status: SubscriptionStatus,
    pub support_contact_id: Option<&'a str>,
    pub version: i32,
    pub version_shown: i32,
    /// Its available support contacts ([`support_contact::available_contacts`]).
    pub available: &'a [Candidate],
}

/// Whether one chosen subscription can change to `chosen_id`: the contact it would get, or why
/// not. A stale subscription is not judged further: what the user saw is no longer true.
pub fn decide<'a>(facts: &ItemFacts<'a>, chosen_id: &str) -> Result<&'a Candidate, BulkRefusal> {
    if facts.version != facts.version_shown {
        return Err(BulkRefusal::Stale);
    }
    let chosen = support_contact::check_choice(
        facts.commerce_type,
        facts.status,
        facts.available,
        chosen_id,
    )
    .map_err(BulkRefusal::Refused)?;
    if facts.support_contact_id == Some(chosen_id) {
        return Err(BulkRefusal::AlreadyContact);
    }
    Ok(chosen)
}

/// The position of the first subscription id that comes again later in the list, if any: a
/// list that names a subscription twice says two things about it, and is refused whole.
pub fn first_repeated<'a>(ids: impl IntoIterator<Item = &'a str>) -> Option<usize> {
    let mut first_at = std::collections::HashMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        if let Some(first) = first_at.insert(id, i) {
            return Some(first);
        }
    }
    None
}

/// A chosen subscription as a form carries it: `customer.subscription.version`. Anything
/// malformed is None (and so is never looked up).
pub fn parse_item(raw: &str) -> Option<(String, String, i32)> {
    let (position, version) = raw.trim().rsplit_once('.')?;
    let (customer, subscription) = parse_position(position)?;
    Some((customer, subscription, version.parse().ok()?))
}

/// The form value of a chosen subscription; [`parse_item`] reads it back.
pub fn item_value(customer_id: &str, subscription_id: &str, version: i32) -> String {
    format!("{}.{version}", position_value(customer_id, subscription_id))
}

/// Where a "replace everywhere" change stopped, as a form carries it: `customer.subscription`
/// of the last subscription it took. Anything malformed is None.
pub fn parse_position(raw: &str) -> Option<(String, String)> {
    let (customer, subscription) = raw.trim().split_once('.')?;
    (super::is_valid_id(customer) && super::is_valid_id(subscription))
        .then(|| (customer.to_string(), subscription.to_string()))
}

/// The form value of a position; [`parse_position`] reads it back.
pub fn position_value(customer_id: &str, subscription_id: &str) -> String {
    format!("{customer_id}.{subscription_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::support_contact::{available_contacts, ResellerFacts};

    fn available(reseller_eligible: bool) -> Vec<Candidate> {
        available_contacts(
            "p",
            "Provider",
            &[ResellerFacts {
                organization_id: "r".into(),
                name: "Reseller".into(),
                active_partnership_with_provider: true,
                delegated_admin_with_customer: reseller_eligible,
            }],
        )
    }

    fn facts<'a>(available: &'a [Candidate]) -> ItemFacts<'a> {
        ItemFacts {
            commerce_type: CommerceType::LicenseBased,
            status: SubscriptionStatus::Active,
            support_contact_id: Some("p"),
            version: 3,
            version_shown: 3,
            available,
        }
    }

    #[test]
    fn an_eligible_contact_changes_and_the_rule_says_why_not_otherwise() {
        let eligible = available(true);
        assert_eq!(decide(&facts(&eligible), "r").unwrap().name, "Reseller");
        let ineligible = available(false);
        assert_eq!(
            decide(&facts(&ineligible), "r"),
            Err(BulkRefusal::Refused(ContactRefusal::NotAvailable))
        );
        let new_commerce = ItemFacts {
            commerce_type: CommerceType::NewCommerce,
            support_contact_id: None,
            ..facts(&eligible)
        };
        assert_eq!(
            decide(&new_commerce, "r"),
            Err(BulkRefusal::Refused(ContactRefusal::NewCommerce))
        );
        let cancelled = ItemFacts {
            status: SubscriptionStatus::Cancelled,
            ..facts(&eligible)
        };
        assert_eq!(
            decide(&cancelled, "r"),
            Err(BulkRefusal::Refused(ContactRefusal::Cancelled))
        );
        assert_eq!(
            decide(&facts(&eligible), "p"),
            Err(BulkRefusal::AlreadyContact)
        );
    }

    #[test]
    fn a_subscription_changed_since_the_page_is_stale_whatever_else_holds() {
        let eligible = available(true);
        let stale = ItemFacts {
            version: 4,
            ..facts(&eligible)
        };
        assert_eq!(decide(&stale, "r"), Err(BulkRefusal::Stale));
    }

    #[test]
    fn a_repeated_subscription_is_found_at_its_first_place() {
        assert_eq!(first_repeated(["a", "b", "c"]), None);
        assert_eq!(first_repeated(["a", "b", "c", "b"]), Some(1));
        assert_eq!(first_repeated(Vec::<&str>::new()), None);
    }

    #[test]
    fn items_read_back_what_the_form_wrote() {
        let (c, s) = (crate::domain::new_id(), crate::domain::new_id());
        let value = item_value(&c, &s, 7);
        assert_eq!(parse_item(&value), Some((c.clone(), s.clone(), 7)));
        assert_eq!(parse_item(&format!("{c}.{s}")), None);
        assert_eq!(parse_item(&format!("{c}.{s}.x")), None);
        assert_eq!(parse_item(&format!("{c}.{s}.1.2")), None);
        assert_eq!(parse_item(&format!("nope.{s}.1")), None);
        assert_eq!(
            parse_position(&position_value(&c, &s)),
            Some((c.clone(), s.clone()))
        );
        assert_eq!(parse_position(&format!("{c}.{s}.1")), None);
        assert_eq!(parse_position(&c), None);
    }
}

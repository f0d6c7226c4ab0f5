//! Who may be a subscription's designated support contact.
//!
//! A subscription's default contact is its indirect provider. The only other choices are indirect
//! resellers that have an active partnership with that provider and a relationship with the
//! subscription's customer that includes delegated admin privileges. The database layer gathers
//! the facts; this module decides.

use super::{CommerceType, SubscriptionStatus};

/// One organization that could be chosen, with the facts that make it eligible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub organization_id: String,
    pub name: String,
    pub is_provider: bool,
}

/// Why a chosen contact was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactRefusal {
    /// New-commerce subscriptions have no designated support contact.
    NewCommerce,
    /// The chosen organization is not among the available support contacts.
    NotAvailable,
    /// A cancelled subscription keeps the contact it had.
    Cancelled,
}

impl ContactRefusal {
    pub fn message_id(self) -> &'static str {
        match self {
            ContactRefusal::NewCommerce => "error-new-commerce",
            ContactRefusal::NotAvailable => "error-contact-not-available",
            ContactRefusal::Cancelled => "error-subscription-cancelled",
        }
    }
}

/// The reseller facts the rule needs, as read from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResellerFacts {
    pub organization_id: String,
    pub name: String,
    pub active_partnership_with_provider: bool,
    pub delegated_admin_with_customer: bool,
}

/// The rule: an indirect reseller may be a subscription's designated support contact exactly
/// when it has an active partnership with the subscription's provider and a relationship with
/// its customer that includes delegated admin privileges.
pub fn is_eligible(reseller: &ResellerFacts) -> bool {
    reseller.active_partnership_with_provider && reseller.delegated_admin_with_customer
}

/// The available support contacts: the provider first, then every eligible reseller by name.
pub fn available_contacts(
    provider_id: &str,
    provider_name: &str,
    resellers: &[ResellerFacts],
) -> Vec<Candidate> {
    let mut eligible: Vec<Candidate> = resellers
        .iter()
        .filter(|r| is_eligible(r))
        .filter(|r| r.organization_id != provider_id)
        .map(|r| Candidate {
            organization_id: r.organization_id.clone(),
            name: r.name.clone(),
            is_provider: false,
        })
        .collect();
    eligible.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.organization_id.cmp(&b.organization_id))
    });
    let mut all = vec![Candidate {
        organization_id: provider_id.to_string(),
        name: provider_name.to_string(),
        is_provider: true,
    }];
    all.extend(eligible);
    all
}

/// Checks a choice against the available contacts; nothing else may ever be saved.
pub fn check_choice<'a>(
    commerce_type: CommerceType,
    status: SubscriptionStatus,
    available: &'a [Candidate],
    chosen_id: &str,
) -> Result<&'a Candidate, ContactRefusal> {
    if !commerce_type.has_designated_support_contact() {
        return Err(ContactRefusal::NewCommerce);
    }
    if status == SubscriptionStatus::Cancelled {
        return Err(ContactRefusal::Cancelled);
    }
    available
        .iter()
        .find(|c| c.organization_id == chosen_id)
        .ok_or(ContactRefusal::NotAvailable)
}

/// A new subscription's designated support contact: its provider, or none for new commerce.
pub fn default_contact(commerce_type: CommerceType, provider_id: &str) -> Option<String> {
    commerce_type
        .has_designated_support_contact()
        .then(|| provider_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reseller(id: &str, partnership: bool, dap: bool) -> ResellerFacts {
        ResellerFacts {
            organization_id: id.into(),
            name: format!("Reseller {id}"),
            active_partnership_with_provider: partnership,
            delegated_admin_with_customer: dap,
        }
    }

    #[test]
    fn only_resellers_meeting_both_conditions_are_available() {
        let resellers = [
            reseller("b", true, true),
            reseller("c", true, false),
            reseller("d", false, true),
            reseller("a", true, true),
        ];
        let ids: Vec<String> = available_contacts("p", "Provider", &resellers)
            .into_iter()
            .map(|c| c.organization_id)
            .collect();
        assert_eq!(ids, vec!["p", "a", "b"]);
    }

    #[test]
    fn a_choice_outside_the_list_or_on_new_commerce_is_refused() {
        let available = available_contacts("p", "Provider", &[reseller("a", true, true)]);
        assert!(check_choice(
            CommerceType::LicenseBased,
            SubscriptionStatus::Active,
            &available,
            "a"
        )
        .is_ok());
        assert!(check_choice(
            CommerceType::LicenseBased,
            SubscriptionStatus::Active,
            &available,
            "p"
        )
        .is_ok());
        assert_eq!(
            check_choice(
                CommerceType::LicenseBased,
                SubscriptionStatus::Active,
                &available,
                "x"
            ),
            Err(ContactRefusal::NotAvailable)
        );
        assert_eq!(
            check_choice(
                CommerceType::NewCommerce,
                SubscriptionStatus::Active,
                &available,
                "p"
            ),
            Err(ContactRefusal::NewCommerce)
        );
        assert_eq!(
            check_choice(
                CommerceType::LicenseBased,
                SubscriptionStatus::Cancelled,
                &available,
                "p"
            ),
            Err(ContactRefusal::Cancelled)
        );
    }

    #[test]
    fn new_subscriptions_default_to_their_provider() {
        assert_eq!(
            default_contact(CommerceType::LicenseBased, "p").as_deref(),
            Some("p")
        );
        assert_eq!(default_contact(CommerceType::NewCommerce, "p"), None);
    }
}

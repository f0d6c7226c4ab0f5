//! The business rules of support-contacts in plain Rust: roles and what they may do, the kinds of
//! organization, who may be a subscription's designated support contact, and how a support
//! profile is validated. Nothing here knows about HTTP or SQL, so every rule is unit tested here.

pub mod audit;
pub mod invitations;
pub mod profile;
pub mod roles;
pub mod support_contact;

use std::fmt;

/// The three kinds of organization. Partners are indirect providers or indirect resellers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    IndirectProvider,
    IndirectReseller,
    Customer,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::IndirectProvider => "indirect_provider",
            OrgKind::IndirectReseller => "indirect_reseller",
            OrgKind::Customer => "customer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "indirect_provider" => Some(OrgKind::IndirectProvider),
            "indirect_reseller" => Some(OrgKind::IndirectReseller),
            "customer" => Some(OrgKind::Customer),
            _ => None,
        }
    }

    pub fn is_partner(self) -> bool {
        !matches!(self, OrgKind::Customer)
    }

    pub fn is_provider(self) -> bool {
        matches!(self, OrgKind::IndirectProvider)
    }

    pub fn is_reseller(self) -> bool {
        matches!(self, OrgKind::IndirectReseller)
    }

    /// The Fluent id of this kind's name.
    pub fn message_id(self) -> &'static str {
        match self {
            OrgKind::IndirectProvider => "org-kind-indirect-provider",
            OrgKind::IndirectReseller => "org-kind-indirect-reseller",
            OrgKind::Customer => "org-kind-customer",
        }
    }
}

/// How a subscription was sold. New-commerce subscriptions have no designated support contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommerceType {
    LicenseBased,
    NewCommerce,
}

impl CommerceType {
    pub fn as_str(self) -> &'static str {
        match self {
            CommerceType::LicenseBased => "license_based",
            CommerceType::NewCommerce => "new_commerce",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "license_based" => Some(CommerceType::LicenseBased),
            "new_commerce" => Some(CommerceType::NewCommerce),
            _ => None,
        }
    }

    pub fn has_designated_support_contact(self) -> bool {
        matches!(self, CommerceType::LicenseBased)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            CommerceType::LicenseBased => "commerce-license-based",
            CommerceType::NewCommerce => "commerce-new-commerce",
        }
    }
}

/// The Fluent id of a subscription status.
pub fn subscription_status_message_id(status: &str) -> &'static str {
    match status {
        "active" => "subscription-status-active",
        _ => "subscription-status-suspended",
    }
}

/// A new random id, as stored in every table's text primary key.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// True when `s` is a well-formed id as made by [`new_id`]; anything else is never looked up.
pub fn is_valid_id(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok() && s.len() == 36
}

/// A lower-cased copy of a name, used for case-insensitive search in every backend.
pub fn search_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A position in a list ordered by (name, id), carried in "next"/"previous" links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub name: String,
    pub id: String,
}

impl Cursor {
    /// Parses the `name|id` form used in links; anything malformed is treated as "no cursor".
    pub fn parse(raw: &str) -> Option<Cursor> {
        let (name, id) = raw.rsplit_once('|')?;
        if !is_valid_id(id) || name.len() > 400 {
            return None;
        }
        Some(Cursor {
            name: name.to_string(),
            id: id.to_string(),
        })
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}|{}", self.name, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor {
            name: "Adatum | Corp".into(),
            id: new_id(),
        };
        let text = c.to_string();
        // The id never holds '|', so the last separator splits name and id.
        let parsed = Cursor::parse(&text).map(|p| (p.name, p.id));
        assert_eq!(parsed, Some((c.name.clone(), c.id.clone())));
        assert_eq!(Cursor::parse("no-separator"), None);
        assert_eq!(Cursor::parse("name|not-a-uuid"), None);
    }

    #[test]
    fn ids_are_checked_before_lookup() {
        assert!(is_valid_id(&new_id()));
        assert!(!is_valid_id("1 OR 1=1"));
        assert!(!is_valid_id(""));
    }
}

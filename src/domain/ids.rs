//! The ids that are easy to mix up, as their own types: an organization, a customer (an
//! organization of kind customer) and a subscription. Each wraps the stored text id (a UUID
//! string); models read them with `#[diesel(deserialize_as = String)]` and queries bind
//! `id.as_str()`, so this module stays free of diesel. They deserialize from plain text
//! (`#[serde(transparent)]`), so a URL path or a form field can hold one directly; a handler
//! still checks the text with [`super::is_valid_id`] before anything is looked up.
//!
//! A customer id becomes an organization id only through [`CustomerId::as_organization`], and
//! an organization id a customer id only through [`OrganizationId::as_customer`], which needs
//! the organization's kind.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::OrgKind;

/// Declares an id type that wraps the stored text id.
macro_rules! text_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new random id.
            pub fn generate() -> Self {
                $name(super::new_id())
            }

            /// The stored text, to bind in a query or put in a URL.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

text_id! {
    /// Any organization: an indirect provider, an indirect reseller or a customer. The acting
    /// organization of a session (the tenant scope of a query) has this type.
    OrganizationId
}

text_id! {
    /// An organization of kind customer.
    CustomerId
}

text_id! {
    /// A subscription.
    SubscriptionId
}

impl CustomerId {
    /// The customer as the organization it is (the same row of `organizations`).
    pub fn as_organization(&self) -> OrganizationId {
        OrganizationId(self.0.clone())
    }
}

impl OrganizationId {
    /// The organization as a customer, when `kind` (its kind, as read with it) says it is one.
    pub fn as_customer(&self, kind: OrgKind) -> Option<CustomerId> {
        (kind == OrgKind::Customer).then(|| CustomerId(self.0.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_text_and_show_as_text() {
        let raw = super::super::new_id();
        let customer: CustomerId = serde_json::from_str(&format!("\"{raw}\"")).unwrap();
        assert_eq!(customer.as_str(), raw);
        assert_eq!(customer.to_string(), raw);
        let organization = customer.as_organization();
        assert_eq!(organization.as_str(), raw);
        assert_eq!(organization.as_customer(OrgKind::Customer), Some(customer));
        assert_eq!(organization.as_customer(OrgKind::IndirectReseller), None);
        assert_eq!(String::from(SubscriptionId::from(raw.clone())), raw);
    }
}

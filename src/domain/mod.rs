//! The business rules of support-contacts in plain Rust: roles and what they may do, the kinds of
//! organization, who may be a subscription's designated support contact, and how a support
//! profile is validated. Nothing here knows about HTTP or SQL, so every rule is unit tested here.

/// Declares a closed set that is stored as text: the enum, its stored codes, and the way back
/// from text that refuses anything unknown. Models read such a column with
/// `#[diesel(deserialize_as = String)]`, so an unknown value in the database is a load error that
/// names the column and the value, never a silent default; `db::Db::run` adds the ids of the rows
/// that hold it before the error is logged.
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $column:literal {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The code stored in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value whose stored code is `s`.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::UnknownValue;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value).ok_or($crate::domain::UnknownValue {
                    column: $column,
                    value,
                })
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.as_str().to_string()
            }
        }
    };
}

pub mod accounts;
pub mod api;
pub mod audit;
pub mod bulk;
pub mod customers;
pub mod ids;
pub mod import;
pub mod invitations;
pub mod limits;
pub mod mfa;
pub mod profile;
pub mod relationships;
pub mod roles;
pub mod sign_in_limits;
pub mod support_contact;

use std::fmt;

pub use ids::{CustomerId, OrganizationId, SubscriptionId};

/// A stored code that the program does not know: a newer version wrote it, or the row was
/// edited by hand. Reading such a row fails with this error rather than guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// `table.column`.
    pub column: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value `{}` in {}", self.value, self.column)
    }
}

impl std::error::Error for UnknownValue {}

stored_enum! {
    /// The three kinds of organization. Partners are indirect providers or indirect resellers.
    pub enum OrgKind in "organizations.kind" {
        IndirectProvider = "indirect_provider",
        IndirectReseller = "indirect_reseller",
        Customer = "customer",
    }
}

impl OrgKind {
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

stored_enum! {
    /// How a subscription was sold. New-commerce subscriptions have no designated support contact.
    pub enum CommerceType in "subscriptions.commerce_type" {
        LicenseBased = "license_based",
        NewCommerce = "new_commerce",
    }
}

impl CommerceType {
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

stored_enum! {
    /// Where a subscription is in its life.
    pub enum SubscriptionStatus in "subscriptions.status" {
        Active = "active",
        /// Keeps its designated support contact and shows its state.
        Suspended = "suspended",
        /// Ended: its designated support contact can no longer change.
        Cancelled = "cancelled",
    }
}

impl SubscriptionStatus {
    /// The Fluent id of this status.
    pub fn message_id(self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "subscription-status-active",
            SubscriptionStatus::Suspended => "subscription-status-suspended",
            SubscriptionStatus::Cancelled => "subscription-status-cancelled",
        }
    }
}

stored_enum! {
    /// Whether a provider and an indirect reseller work together.
    pub enum PartnershipStatus in "partnerships.status" {
        Active = "active",
        Removed = "removed",
    }
}

/// A new random id, as stored in every table's text primary key.
/// Whole minutes in `seconds`, rounded up, at least 1: "try again in N minutes".
pub fn whole_minutes(seconds: i64) -> i32 {
    i32::try_from(((seconds.max(1) + 59) / 60).max(1)).unwrap_or(i32::MAX)
}

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

/// The full-text query that narrows SQLite's trigram index to the names that may contain
/// `key` (three or more characters): runs of three characters that cover the key (from its
/// start, three apart, and its last three), each an FTS5 string (double quotes doubled), all
/// required. Every name that contains the key has them; the caller tests the few others out.
/// Overlapping runs would narrow no further in practice and cost an index read each.
pub fn trigram_query(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut starts: Vec<usize> = (0..chars.len().saturating_sub(2)).step_by(3).collect();
    if chars.len() >= 3 && starts.last() != Some(&(chars.len() - 3)) {
        starts.push(chars.len() - 3);
    }
    let mut seen = std::collections::BTreeSet::new();
    starts
        .into_iter()
        .map(|i| chars[i..i + 3].iter().collect::<String>())
        .filter(|t| seen.insert(t.clone()))
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
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

/// Which way a page of a list is read from its cursor: from the start, or the page after or
/// before a position (a [`Cursor`], or another list's key such as [`SubscriptionCursor`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAt<C = Cursor> {
    First,
    After(C),
    Before(C),
}

impl<C> PageAt<C> {
    /// The position that an `after` or a `before` link names (`after` wins when both are
    /// given); `None` when one is given that `parse` cannot read.
    pub fn from_links(
        after: Option<&str>,
        before: Option<&str>,
        parse: impl Fn(&str) -> Option<C>,
    ) -> Option<PageAt<C>> {
        match (after, before) {
            (Some(raw), _) => parse(raw).map(PageAt::After),
            (None, Some(raw)) => parse(raw).map(PageAt::Before),
            (None, None) => Some(PageAt::First),
        }
    }
}

/// A position in a list of subscriptions ordered by (customer name, product name, id), carried
/// in "next"/"previous" links as `LENGTH:CUSTOMER|PRODUCT|ID`: the customer name's length in
/// bytes keeps the two free-text names apart whatever they hold, and the rest is a [`Cursor`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionCursor {
    pub customer_name: String,
    pub product_name: String,
    pub id: String,
}

impl SubscriptionCursor {
    /// Parses the form used in links; anything malformed is `None`.
    pub fn parse(raw: &str) -> Option<SubscriptionCursor> {
        let (length, rest) = raw.split_once(':')?;
        let length: usize = length.parse().ok()?;
        if length > 400 {
            return None;
        }
        let customer_name = rest.get(..length)?;
        let product = Cursor::parse(rest.get(length..)?.strip_prefix('|')?)?;
        Some(SubscriptionCursor {
            customer_name: customer_name.to_string(),
            product_name: product.name,
            id: product.id,
        })
    }
}

impl fmt::Display for SubscriptionCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}|{}|{}",
            self.customer_name.len(),
            self.customer_name,
            self.product_name,
            self.id
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigram_queries_cover_the_key_with_runs_of_three() {
        assert_eq!(trigram_query("abc"), "\"abc\"");
        assert_eq!(trigram_query("abcdef"), "\"abc\" AND \"def\"");
        assert_eq!(trigram_query("abcdefg"), "\"abc\" AND \"def\" AND \"efg\"");
        assert_eq!(trigram_query("株式会社"), "\"株式会\" AND \"式会社\"");
        assert_eq!(trigram_query("a\"b"), "\"a\"\"b\"");
        assert_eq!(trigram_query("aaaaaa"), "\"aaa\"");
        assert_eq!(trigram_query("ab"), "");
    }

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
    fn subscription_cursor_keeps_names_with_separators_apart() {
        let c = SubscriptionCursor {
            customer_name: "A|B: 株式会社".into(),
            product_name: "Plan | 1:2".into(),
            id: new_id(),
        };
        assert_eq!(SubscriptionCursor::parse(&c.to_string()), Some(c.clone()));
        let empty = SubscriptionCursor {
            customer_name: String::new(),
            product_name: String::new(),
            id: c.id.clone(),
        };
        assert_eq!(SubscriptionCursor::parse(&empty.to_string()), Some(empty));
        for bad in [
            "",
            "no-length",
            "x:Adatum|Office|id",
            "99:Adatum|Office",
            &format!("6:Adatum{}", c.id),
            &format!("6:Adatum|Office|{}x", c.id),
            // A length that ends inside a character.
            &format!("1:株|Office|{}", c.id),
            &format!("401:{}|Office|{}", "a".repeat(401), c.id),
        ] {
            assert_eq!(SubscriptionCursor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn pages_start_where_their_links_say() {
        let parse = |raw: &str| (raw == "ok").then_some(1);
        assert_eq!(PageAt::from_links(None, None, parse), Some(PageAt::First));
        assert_eq!(
            PageAt::from_links(Some("ok"), Some("bad"), parse),
            Some(PageAt::After(1))
        );
        assert_eq!(
            PageAt::from_links(None, Some("ok"), parse),
            Some(PageAt::Before(1))
        );
        assert_eq!(PageAt::from_links(Some("bad"), None, parse), None);
        assert_eq!(PageAt::from_links(None, Some("bad"), parse), None);
    }

    #[test]
    fn ids_are_checked_before_lookup() {
        assert!(is_valid_id(&new_id()));
        assert!(!is_valid_id("1 OR 1=1"));
        assert!(!is_valid_id(""));
    }
}

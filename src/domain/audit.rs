//! The audit log's vocabulary (what changed, and the values relationship changes record), the
//! filter users apply to it, and the CSV it is downloaded as.
//!
//! Events are stored with stable codes (`partnership_removed`, `with_delegated_admin`) and shown
//! in the reader's language; names of organizations and products are stored as they were.

use chrono::{Days, NaiveDate, NaiveDateTime};

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SupportContactChanged,
    /// A designated reseller became ineligible; the provider took over (actor "system").
    SupportContactFallback,
    SupportProfileChanged,
    PartnershipRequested,
    PartnershipAccepted,
    PartnershipDeclined,
    PartnershipRemoved,
    RelationshipRequested,
    RelationshipAccepted,
    RelationshipDeclined,
    RelationshipRemoved,
    DelegatedAdminRemoved,
}

impl Action {
    const ALL: [Action; 12] = [
        Action::SupportContactChanged,
        Action::SupportContactFallback,
        Action::SupportProfileChanged,
        Action::PartnershipRequested,
        Action::PartnershipAccepted,
        Action::PartnershipDeclined,
        Action::PartnershipRemoved,
        Action::RelationshipRequested,
        Action::RelationshipAccepted,
        Action::RelationshipDeclined,
        Action::RelationshipRemoved,
        Action::DelegatedAdminRemoved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SupportContactChanged => "support_contact_changed",
            Action::SupportContactFallback => "support_contact_fallback",
            Action::SupportProfileChanged => "support_profile_changed",
            Action::PartnershipRequested => "partnership_requested",
            Action::PartnershipAccepted => "partnership_accepted",
            Action::PartnershipDeclined => "partnership_declined",
            Action::PartnershipRemoved => "partnership_removed",
            Action::RelationshipRequested => "relationship_requested",
            Action::RelationshipAccepted => "relationship_accepted",
            Action::RelationshipDeclined => "relationship_declined",
            Action::RelationshipRemoved => "relationship_removed",
            Action::DelegatedAdminRemoved => "delegated_admin_removed",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Action::SupportContactChanged => "audit-action-support-contact-changed",
            Action::SupportContactFallback => "audit-action-support-contact-fallback",
            Action::SupportProfileChanged => "audit-action-support-profile-changed",
            Action::PartnershipRequested => "audit-action-partnership-requested",
            Action::PartnershipAccepted => "audit-action-partnership-accepted",
            Action::PartnershipDeclined => "audit-action-partnership-declined",
            Action::PartnershipRemoved => "audit-action-partnership-removed",
            Action::RelationshipRequested => "audit-action-relationship-requested",
            Action::RelationshipAccepted => "audit-action-relationship-accepted",
            Action::RelationshipDeclined => "audit-action-relationship-declined",
            Action::RelationshipRemoved => "audit-action-relationship-removed",
            Action::DelegatedAdminRemoved => "audit-action-delegated-admin-removed",
        }
    }

    /// Relationship events record [`RelationshipValue`] codes; the others record names.
    pub fn records_codes(self) -> bool {
        !matches!(
            self,
            Action::SupportContactChanged
                | Action::SupportContactFallback
                | Action::SupportProfileChanged
        )
    }
}

/// The old and new values of relationship events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipValue {
    /// No relationship (before the first one, after removal of a customer relationship).
    None,
    Pending,
    Active,
    Removed,
    Declined,
    WithDelegatedAdmin,
    WithoutDelegatedAdmin,
}

impl RelationshipValue {
    const ALL: [RelationshipValue; 7] = [
        RelationshipValue::None,
        RelationshipValue::Pending,
        RelationshipValue::Active,
        RelationshipValue::Removed,
        RelationshipValue::Declined,
        RelationshipValue::WithDelegatedAdmin,
        RelationshipValue::WithoutDelegatedAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationshipValue::None => "none",
            RelationshipValue::Pending => "pending",
            RelationshipValue::Active => "active",
            RelationshipValue::Removed => "removed",
            RelationshipValue::Declined => "declined",
            RelationshipValue::WithDelegatedAdmin => "with_delegated_admin",
            RelationshipValue::WithoutDelegatedAdmin => "without_delegated_admin",
        }
    }

    pub fn parse(s: &str) -> Option<RelationshipValue> {
        RelationshipValue::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The value of a customer relationship with or without delegated admin privileges.
    pub fn of_relationship(delegated_admin: bool) -> RelationshipValue {
        if delegated_admin {
            RelationshipValue::WithDelegatedAdmin
        } else {
            RelationshipValue::WithoutDelegatedAdmin
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            RelationshipValue::None => "audit-value-none",
            RelationshipValue::Pending => "audit-value-pending",
            RelationshipValue::Active => "audit-value-active",
            RelationshipValue::Removed => "audit-value-removed",
            RelationshipValue::Declined => "audit-value-declined",
            RelationshipValue::WithDelegatedAdmin => "audit-value-with-delegated-admin",
            RelationshipValue::WithoutDelegatedAdmin => "audit-value-without-delegated-admin",
        }
    }
}

/// The message id of an object kind as stored in `audit_events.object_kind`.
pub fn object_kind_message_id(kind: &str) -> &'static str {
    match kind {
        "subscription" => "audit-object-subscription",
        "support_profile" => "audit-object-support-profile",
        "partnership" => "audit-object-partnership",
        "customer_relationship" => "audit-object-customer-relationship",
        _ => "audit-object-invitation",
    }
}

/// Which events a reader wants: one customer's, and a range of days (UTC, both ends included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub customer_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    /// Reads the filter form; an unusable value gives the message id that says why.
    pub fn parse(
        customer: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<AuditFilter, &'static str> {
        fn present(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let date = |v: Option<&str>| {
            present(v)
                .map(|d| {
                    NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .ok()
                        // Years every backend stores (PostgreSQL has none before 4713 BC).
                        .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
                        .ok_or("audit-error-date")
                })
                .transpose()
        };
        let customer_id = match present(customer) {
            Some(id) if super::is_valid_id(id) => Some(id.to_string()),
            Some(_) => return Err("audit-error-customer"),
            None => None,
        };
        let filter = AuditFilter {
            customer_id,
            from: date(from)?,
            to: date(to)?,
        };
        match (filter.from, filter.to) {
            (Some(f), Some(t)) if f > t => Err("audit-error-range"),
            _ => Ok(filter),
        }
    }

    /// The first instant included.
    pub fn starts_at(&self) -> Option<NaiveDateTime> {
        self.from.and_then(|d| d.and_hms_opt(0, 0, 0))
    }

    /// The first instant no longer included (the day after `to`).
    pub fn ends_before(&self) -> Option<NaiveDateTime> {
        self.to
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    }

    /// The filter as a query string (without `?`), for the CSV link.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.customer_id {
            parts.push(format!("customer={c}"));
        }
        if let Some(f) = self.from {
            parts.push(format!("from={f}"));
        }
        if let Some(t) = self.to {
            parts.push(format!("to={t}"));
        }
        parts.join("&")
    }
}

/// One CSV cell: quoted when it holds a separator, a quote or a line break; prefixed with a
/// single quote when a spreadsheet would read it as a formula.
pub fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One CSV record, ending with CRLF (RFC 4180).
pub fn csv_record<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_each_has_a_message() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(a));
            assert!(a.message_id().starts_with("audit-action-"));
        }
        for v in RelationshipValue::ALL {
            assert_eq!(RelationshipValue::parse(v.as_str()), Some(v));
        }
        assert!(!Action::SupportContactFallback.records_codes());
        assert!(Action::DelegatedAdminRemoved.records_codes());
    }

    #[test]
    fn filters_take_dates_and_refuse_nonsense() {
        let f = AuditFilter::parse(None, Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert_eq!(f.starts_at().unwrap().to_string(), "2026-11-01 00:00:00");
        assert_eq!(f.ends_before().unwrap().to_string(), "2026-12-01 00:00:00");
        assert_eq!(f.query(), "from=2026-11-01&to=2026-11-30");
        assert_eq!(
            AuditFilter::parse(Some(""), Some(""), Some(" ")),
            Ok(AuditFilter::default())
        );
        for bad in [
            "2026-13-01",
            "yesterday",
            "2026-02-30",
            "01/11/2026",
            "-5000-01-01",
            "+10000-01-01",
        ] {
            assert_eq!(
                AuditFilter::parse(None, Some(bad), None),
                Err("audit-error-date"),
                "{bad}"
            );
        }
        assert_eq!(
            AuditFilter::parse(None, Some("2026-11-02"), Some("2026-11-01")),
            Err("audit-error-range")
        );
        assert_eq!(
            AuditFilter::parse(Some("x' OR 1=1"), None, None),
            Err("audit-error-customer")
        );
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for risky in ["+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(csv_cell(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(csv_record(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }
}

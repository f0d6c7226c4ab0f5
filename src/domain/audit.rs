//! The audit log's vocabulary (what changed, and the values relationship changes record), the
//! filter users apply to it, and the CSV it is downloaded as.
//!
//! Events are stored with stable codes (`partnership_removed`, `with_delegated_admin`) and shown
//! in the reader's language; names of organizations and products are stored as they were.

use chrono::{Days, NaiveDate, NaiveDateTime};

stored_enum! {
    /// What an event records.
    pub enum Action in "audit_events.action" {
        SupportContactChanged = "support_contact_changed",
        /// One subscription's change in a bulk change; the events of one bulk change share
        /// their `bulk_change_id`.
        SupportContactBulkChanged = "support_contact_bulk_changed",
        /// A designated reseller became ineligible; the provider took over (actor "system").
        SupportContactFallback = "support_contact_fallback",
        SupportProfileChanged = "support_profile_changed",
        PartnershipRequested = "partnership_requested",
        PartnershipAccepted = "partnership_accepted",
        PartnershipDeclined = "partnership_declined",
        PartnershipRemoved = "partnership_removed",
        RelationshipRequested = "relationship_requested",
        RelationshipAccepted = "relationship_accepted",
        RelationshipDeclined = "relationship_declined",
        RelationshipRemoved = "relationship_removed",
        DelegatedAdminRemoved = "delegated_admin_removed",
        OrganizationCreated = "organization_created",
        UserAdded = "user_added",
        UserRoleChanged = "user_role_changed",
        UserDisabled = "user_disabled",
        UserEnabled = "user_enabled",
        UserRemoved = "user_removed",
        /// A set-password link was made (for a new user, or a reset).
        PasswordLinkIssued = "password_link_issued",
        /// A password was set through a link.
        PasswordSet = "password_set",
        /// A signed-in user changed their own password.
        PasswordChanged = "password_changed",
        CustomerAdded = "customer_added",
        SubscriptionAdded = "subscription_added",
        QuantityChanged = "quantity_changed",
        SubscriptionSuspended = "subscription_suspended",
        SubscriptionReactivated = "subscription_reactivated",
        SubscriptionCancelled = "subscription_cancelled",
        /// A subscription changed by an import (values: before and after, as text).
        SubscriptionImported = "subscription_imported",
        CustomerUpdated = "customer_updated",
        ImportApplied = "import_applied",
        InvitationWithdrawn = "invitation_withdrawn",
        /// A wrong password for a known account (new value: the client's address).
        SignInFailed = "sign_in_failed",
        /// An account used up its failed attempts and waits (new value: the client's address).
        SignInThrottled = "sign_in_throttled",
        /// A user ended other sessions of theirs (new value: how many).
        SessionsEnded = "sessions_ended",
        /// A user set up multi-factor authentication.
        MfaEnrolled = "mfa_enrolled",
        /// A user turned their own multi-factor authentication off.
        MfaTurnedOff = "mfa_turned_off",
        /// A user made new recovery codes; the old ones stopped working.
        MfaRecoveryCodesRenewed = "mfa_recovery_codes_renewed",
        /// A user signed in with a recovery code.
        MfaRecoveryCodeUsed = "mfa_recovery_code_used",
        /// A Global admin reset a colleague's multi-factor authentication.
        MfaReset = "mfa_reset",
        /// A Global admin made multi-factor authentication required for the organization.
        MfaRequired = "mfa_required",
        /// A Global admin made it optional again.
        MfaNotRequired = "mfa_not_required",
        /// A Global admin made an API client (new value: its role).
        ApiClientCreated = "api_client_created",
        /// A Global admin revoked an API client; its tokens stopped working.
        ApiClientRevoked = "api_client_revoked",
    }
}

impl Action {
    pub fn message_id(self) -> &'static str {
        match self {
            Action::SupportContactChanged => "audit-action-support-contact-changed",
            Action::SupportContactBulkChanged => "audit-action-support-contact-bulk-changed",
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
            Action::OrganizationCreated => "audit-action-organization-created",
            Action::UserAdded => "audit-action-user-added",
            Action::UserRoleChanged => "audit-action-user-role-changed",
            Action::UserDisabled => "audit-action-user-disabled",
            Action::UserEnabled => "audit-action-user-enabled",
            Action::UserRemoved => "audit-action-user-removed",
            Action::PasswordLinkIssued => "audit-action-password-link-issued",
            Action::PasswordSet => "audit-action-password-set",
            Action::PasswordChanged => "audit-action-password-changed",
            Action::CustomerAdded => "audit-action-customer-added",
            Action::SubscriptionAdded => "audit-action-subscription-added",
            Action::QuantityChanged => "audit-action-quantity-changed",
            Action::SubscriptionSuspended => "audit-action-subscription-suspended",
            Action::SubscriptionReactivated => "audit-action-subscription-reactivated",
            Action::SubscriptionCancelled => "audit-action-subscription-cancelled",
            Action::SubscriptionImported => "audit-action-subscription-imported",
            Action::CustomerUpdated => "audit-action-customer-updated",
            Action::ImportApplied => "audit-action-import-applied",
            Action::InvitationWithdrawn => "audit-action-invitation-withdrawn",
            Action::SignInFailed => "audit-action-sign-in-failed",
            Action::SignInThrottled => "audit-action-sign-in-throttled",
            Action::SessionsEnded => "audit-action-sessions-ended",
            Action::MfaEnrolled => "audit-action-mfa-enrolled",
            Action::MfaTurnedOff => "audit-action-mfa-turned-off",
            Action::MfaRecoveryCodesRenewed => "audit-action-mfa-recovery-codes-renewed",
            Action::MfaRecoveryCodeUsed => "audit-action-mfa-recovery-code-used",
            Action::MfaReset => "audit-action-mfa-reset",
            Action::MfaRequired => "audit-action-mfa-required",
            Action::MfaNotRequired => "audit-action-mfa-not-required",
            Action::ApiClientCreated => "audit-action-api-client-created",
            Action::ApiClientRevoked => "audit-action-api-client-revoked",
        }
    }

    /// What the event's old and new values hold.
    pub fn values(self) -> Values {
        use Action::*;
        match self {
            SupportContactChanged
            | SupportContactBulkChanged
            | SupportContactFallback
            | SupportProfileChanged => Values::Names,
            UserRoleChanged | UserAdded => Values::Role,
            UserDisabled | UserEnabled | UserRemoved => Values::UserState,
            OrganizationCreated | PasswordLinkIssued | PasswordSet | PasswordChanged => {
                Values::Names
            }
            CustomerAdded | SubscriptionAdded | QuantityChanged | SubscriptionImported
            | CustomerUpdated | ImportApplied => Values::Names,
            SubscriptionSuspended | SubscriptionReactivated | SubscriptionCancelled => {
                Values::SubscriptionStatus
            }
            InvitationWithdrawn => Values::Relationship,
            SignInFailed | SignInThrottled | SessionsEnded => Values::Names,
            MfaEnrolled
            | MfaTurnedOff
            | MfaRecoveryCodesRenewed
            | MfaRecoveryCodeUsed
            | MfaReset
            | MfaRequired
            | MfaNotRequired => Values::Names,
            ApiClientCreated => Values::Role,
            ApiClientRevoked => Values::Names,
            PartnershipRequested
            | PartnershipAccepted
            | PartnershipDeclined
            | PartnershipRemoved
            | RelationshipRequested
            | RelationshipAccepted
            | RelationshipDeclined
            | RelationshipRemoved
            | DelegatedAdminRemoved => Values::Relationship,
        }
    }
}

/// What an event's old and new values hold: text shown as it is (names, quantities), or
/// stored codes shown in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    Names,
    Relationship,
    Role,
    UserState,
    SubscriptionStatus,
}

stored_enum! {
    /// The old and new values of relationship events.
    pub enum RelationshipValue in "audit_events.old_value" {
        /// No relationship (before the first one, after removal of a customer relationship).
        None = "none",
        Pending = "pending",
        Active = "active",
        Removed = "removed",
        Declined = "declined",
        Withdrawn = "withdrawn",
        WithDelegatedAdmin = "with_delegated_admin",
        WithoutDelegatedAdmin = "without_delegated_admin",
    }
}

impl RelationshipValue {
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
            RelationshipValue::Withdrawn => "audit-value-withdrawn",
            RelationshipValue::WithDelegatedAdmin => "audit-value-with-delegated-admin",
            RelationshipValue::WithoutDelegatedAdmin => "audit-value-without-delegated-admin",
        }
    }
}

stored_enum! {
    /// What an event is about.
    pub enum ObjectKind in "audit_events.object_kind" {
        Subscription = "subscription",
        SupportProfile = "support_profile",
        Partnership = "partnership",
        CustomerRelationship = "customer_relationship",
        Invitation = "invitation",
        User = "user",
        Organization = "organization",
        Import = "import",
        ApiClient = "api_client",
    }
}

impl ObjectKind {
    /// The Fluent id of this kind's name.
    pub fn message_id(self) -> &'static str {
        match self {
            ObjectKind::Subscription => "audit-object-subscription",
            ObjectKind::SupportProfile => "audit-object-support-profile",
            ObjectKind::Partnership => "audit-object-partnership",
            ObjectKind::CustomerRelationship => "audit-object-customer-relationship",
            ObjectKind::Invitation => "audit-object-invitation",
            ObjectKind::User => "audit-object-user",
            ObjectKind::Organization => "audit-object-organization",
            ObjectKind::Import => "audit-object-import",
            ObjectKind::ApiClient => "audit-object-api-client",
        }
    }
}

/// A position in the log, newest first: an event's time and id, carried in "Older" and
/// "Newer" links as `MICROSECONDS_ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogCursor {
    pub at: NaiveDateTime,
    pub id: String,
}

impl LogCursor {
    /// Reads a cursor from a link; anything malformed is no cursor.
    pub fn parse(raw: &str) -> Option<LogCursor> {
        let (micros, id) = raw.split_once('_')?;
        let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
        super::is_valid_id(id).then(|| LogCursor {
            at,
            id: id.to_string(),
        })
    }

    pub fn encode(&self) -> String {
        format!("{}_{}", self.at.and_utc().timestamp_micros(), self.id)
    }
}

/// Which page of the log: the newest events, or those older or newer than a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogPage {
    Newest,
    Older(LogCursor),
    Newer(LogCursor),
}

/// The longest part of a customer's name the audit log's filter takes; anything longer is cut.
pub const MAX_CUSTOMER_NAME_CHARS: usize = 100;

/// Which events a reader wants: one customer's (by id, as links elsewhere name it), those of
/// the customers whose name contains a text, a range of days (UTC, both ends included), and the
/// changes of one bulk change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub customer_id: Option<String>,
    /// Part of a customer's name, as typed (trimmed); matched without regard to case.
    pub customer_name: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub bulk_change_id: Option<String>,
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
            customer_name: None,
            from: date(from)?,
            to: date(to)?,
            bulk_change_id: None,
        };
        match (filter.from, filter.to) {
            (Some(f), Some(t)) if f > t => Err("audit-error-range"),
            _ => Ok(filter),
        }
    }

    /// The same filter narrowed to the events of one bulk change (its reference, as the bulk
    /// change's result page links it); an empty value narrows nothing.
    pub fn with_bulk_change(self, bulk: Option<&str>) -> Result<AuditFilter, &'static str> {
        match bulk.map(str::trim).filter(|b| !b.is_empty()) {
            None => Ok(self),
            Some(id) if super::is_valid_id(id) => Ok(AuditFilter {
                bulk_change_id: Some(id.to_string()),
                ..self
            }),
            Some(_) => Err("audit-error-bulk"),
        }
    }

    /// The same filter narrowed to the customers whose name contains `name` (cut to
    /// [`MAX_CUSTOMER_NAME_CHARS`]); an empty value narrows nothing.
    pub fn with_customer_name(self, name: Option<&str>) -> AuditFilter {
        let name: Option<String> = name
            .map(|n| n.trim().chars().take(MAX_CUSTOMER_NAME_CHARS).collect())
            .filter(|n: &String| !n.is_empty());
        AuditFilter {
            customer_name: name,
            ..self
        }
    }

    /// The same filter for every customer: what the "show all customers" link keeps.
    pub fn without_customer(&self) -> AuditFilter {
        AuditFilter {
            customer_id: None,
            ..self.clone()
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
        if let Some(n) = &self.customer_name {
            let n = percent_encoding::utf8_percent_encode(n, percent_encoding::NON_ALPHANUMERIC);
            parts.push(format!("customer_name={n}"));
        }
        if let Some(f) = self.from {
            parts.push(format!("from={f}"));
        }
        if let Some(t) = self.to {
            parts.push(format!("to={t}"));
        }
        if let Some(b) = &self.bulk_change_id {
            parts.push(format!("bulk={b}"));
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
        assert_eq!(Action::SupportContactFallback.values(), Values::Names);
        assert_eq!(Action::DelegatedAdminRemoved.values(), Values::Relationship);
        assert_eq!(Action::UserRoleChanged.values(), Values::Role);
    }

    #[test]
    fn filters_take_dates_and_refuse_nonsense() {
        let f = AuditFilter::parse(None, Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert_eq!(f.starts_at().unwrap().to_string(), "2026-11-01 00:00:00");
        assert_eq!(f.ends_before().unwrap().to_string(), "2026-12-01 00:00:00");
        assert_eq!(f.query(), "from=2026-11-01&to=2026-11-30");
        let bulk = super::super::new_id();
        let narrowed = f.clone().with_bulk_change(Some(&bulk)).unwrap();
        assert_eq!(
            narrowed.query(),
            format!("from=2026-11-01&to=2026-11-30&bulk={bulk}")
        );
        assert_eq!(f.clone().with_bulk_change(Some(" ")), Ok(f.clone()));
        let named = f.clone().with_customer_name(Some("  Tom & Jerry's 50% "));
        assert_eq!(named.customer_name.as_deref(), Some("Tom & Jerry's 50%"));
        assert_eq!(
            named.query(),
            "customer_name=Tom%20%26%20Jerry%27s%2050%25&from=2026-11-01&to=2026-11-30"
        );
        assert_eq!(f.clone().with_customer_name(Some("  ")), f.clone());
        let long = "x".repeat(MAX_CUSTOMER_NAME_CHARS + 20);
        assert_eq!(
            f.clone()
                .with_customer_name(Some(&long))
                .customer_name
                .map(|n| n.chars().count()),
            Some(MAX_CUSTOMER_NAME_CHARS)
        );
        assert_eq!(
            f.with_bulk_change(Some("x' OR 1=1")),
            Err("audit-error-bulk")
        );
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
    fn log_cursors_round_trip_and_refuse_garbage() {
        let c = LogCursor {
            at: NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_micro_opt(16, 5, 7, 123_456)
                .unwrap(),
            id: crate::domain::new_id(),
        };
        assert_eq!(LogCursor::parse(&c.encode()), Some(c));
        for bad in [
            "",
            "12_x",
            "abc_00000000-0000-0000-0000-000000000000",
            "99999999999999999999_x",
        ] {
            assert_eq!(LogCursor::parse(bad), None, "{bad}");
        }
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

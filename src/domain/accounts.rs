//! Accounts: the rules for a real organization's first start and its users. Which passwords are
//! accepted (OWASP ASVS 5.0 §6.2), how long a set-password link lives and when it stops working,
//! the states a user goes through, the checks on names, emails and partner IDs, and the rule
//! that an organization never loses its last active Global admin.

use chrono::{Duration, NaiveDateTime};

use super::roles::Role;

/// Fewest characters a password may have; the page recommends [`RECOMMENDED_PASSWORD_CHARS`].
pub const MIN_PASSWORD_CHARS: usize = 8;
pub const RECOMMENDED_PASSWORD_CHARS: usize = 15;
/// Most characters a password may have. Anything up to this is used whole: no truncation, no
/// case folding, no composition rules.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Checks a new password. `context` holds words of the account (its email, its name, the
/// organization) that a password must not simply be. Returns the Fluent id of the refusal.
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err("password-error-required");
    }
    if chars < MIN_PASSWORD_CHARS {
        return Err("password-error-too-short");
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err("password-error-too-long");
    }
    let folded = password.to_lowercase();
    if context
        .iter()
        .map(|w| w.trim().to_lowercase())
        .any(|w| !w.is_empty() && (w == folded || w.split('@').next() == Some(folded.as_str())))
    {
        return Err("password-error-context");
    }
    if is_common_password(password) {
        return Err("password-error-common");
    }
    Ok(())
}

/// True when the password is one of the commonly used and breached passwords: zxcvbn's list of
/// the 30,000 most common ones, matched whole, ignoring case, not reversed or in l33t.
pub fn is_common_password(password: &str) -> bool {
    use zxcvbn::matching::patterns::MatchPattern;
    let entropy = zxcvbn::zxcvbn(password, &[]);
    match entropy.sequence() {
        [only] if only.i == 0 && only.j + 1 == password.chars().count() => match &only.pattern {
            // The crate does not export the dictionary type's name, but its default is its
            // list of common passwords.
            MatchPattern::Dictionary(d) => {
                !d.reversed && !d.l33t && d.dictionary_name == Default::default()
            }
            _ => false,
        },
        _ => false,
    }
}

/// Why a set-password link is made: the first password of a new user, or a reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    NewUser,
    Reset,
}

stored_enum! {
    /// Where a set-password link stands.
    pub enum LinkStatus in "password_links.status" {
        Pending = "pending",
        Used = "used",
        /// A newer link was made for the same user.
        Replaced = "replaced",
    }
}

impl LinkPurpose {
    /// How long a link of this purpose works.
    pub fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::NewUser => Duration::days(7),
            LinkPurpose::Reset => Duration::hours(1),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::NewUser => "new_user",
            LinkPurpose::Reset => "reset",
        }
    }
}

/// Why a set-password link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Not a link this site made (malformed, unknown).
    Unknown,
    Used,
    Expired,
    Replaced,
    /// The user was disabled or removed since.
    AccountClosed,
}

impl LinkProblem {
    pub fn message_id(self) -> &'static str {
        match self {
            LinkProblem::Unknown => "set-password-link-unknown",
            LinkProblem::Used => "set-password-link-used",
            LinkProblem::Expired => "set-password-link-expired",
            LinkProblem::Replaced => "set-password-link-replaced",
            LinkProblem::AccountClosed => "set-password-link-closed",
        }
    }
}

/// Whether a stored link may set a password now.
pub fn check_link(
    status: LinkStatus,
    expires_at: NaiveDateTime,
    user_state: UserState,
    now: NaiveDateTime,
) -> Result<(), LinkProblem> {
    match status {
        LinkStatus::Used => Err(LinkProblem::Used),
        // Disabling or removing a user also replaces their links: say why they stopped.
        _ if user_state != UserState::Active => Err(LinkProblem::AccountClosed),
        LinkStatus::Replaced => Err(LinkProblem::Replaced),
        LinkStatus::Pending if now >= expires_at => Err(LinkProblem::Expired),
        LinkStatus::Pending => Ok(()),
    }
}

stored_enum! {
    /// A user's state. A removed user keeps its row, so the audit log still names them.
    pub enum UserState in "users.state" {
        Active = "active",
        /// May not sign in; every session ended when the user was disabled.
        Disabled = "disabled",
        Removed = "removed",
    }
}

impl UserState {
    pub fn message_id(self) -> &'static str {
        match self {
            UserState::Active => "user-state-active",
            UserState::Disabled => "user-state-disabled",
            UserState::Removed => "user-state-removed",
        }
    }
}

/// What a Global admin does to a colleague.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserChange {
    Role(Role),
    Disable,
    Enable,
    Remove,
}

/// The rule that keeps an organization manageable: its last active Global admin cannot be
/// disabled, given another role or removed. `active_global_admins` counts the organization's
/// active Global admins, the target included.
pub fn check_user_change(
    target_role: Role,
    target_state: UserState,
    change: UserChange,
    active_global_admins: i64,
) -> Result<(), &'static str> {
    if target_state == UserState::Removed {
        return Err("users-error-removed");
    }
    let loses_admin = match change {
        UserChange::Role(role) => role != target_role,
        UserChange::Disable | UserChange::Remove => true,
        UserChange::Enable => false,
    };
    if loses_admin
        && target_role.is_global_admin()
        && target_state == UserState::Active
        && active_global_admins <= 1
    {
        return Err("users-error-last-global-admin");
    }
    Ok(())
}

/// Longest display name or organization name kept.
pub const MAX_NAME_CHARS: usize = 200;

/// A trimmed name of 1 to [`MAX_NAME_CHARS`] characters without control characters.
pub fn check_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        return Err("validation-name-required");
    }
    if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err("validation-name-invalid");
    }
    Ok(name.to_string())
}

/// An email address as sign-in uses it and the product stores every address (users, support
/// profiles, customers' first admins): trimmed, lower case, of the form the HTML living standard
/// calls a valid email address, which is what RFC 5322 allows in practice: before the `@`, ASCII
/// letters, digits and `.!#$%&'*+/=?^_`{|}~-` (no leading, trailing or double dot, at most 64);
/// after it, two or more labels of ASCII letters, digits and hyphens; at most 254 in all. No
/// quotes, spaces, `<>`, `"` or non-ASCII: nothing that could end an attribute or a header.
pub fn check_email(email: &str) -> Result<String, &'static str> {
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Err("validation-email-required");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("validation-email-invalid");
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._!#$%&'*+/=?^`{|}~-".contains(c));
    if email.len() <= 254 && local_ok && domain.is_ascii() && check_domain(domain).is_ok() {
        Ok(email)
    } else {
        Err("validation-email-invalid")
    }
}

/// A domain name: two or more labels of letters, digits and hyphens, none starting or ending
/// with a hyphen, at most 253 characters. Returned in lower case.
pub fn check_domain(domain: &str) -> Result<String, &'static str> {
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    if domain.is_empty() {
        return Err("validation-domain-required");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && !labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(domain)
    } else {
        Err("validation-domain-invalid")
    }
}

/// A Partner Center partner ID (formerly MPN ID): 6 to 10 digits.
pub fn check_partner_id(partner_id: &str) -> Result<String, &'static str> {
    let id = partner_id.trim();
    if id.is_empty() {
        return Err("validation-partner-id-required");
    }
    if (6..=10).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(id.to_string())
    } else {
        Err("validation-partner-id-invalid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_rules_count_characters_not_bytes() {
        assert_eq!(check_new_password("", &[]), Err("password-error-required"));
        assert_eq!(
            check_new_password("7chars!", &[]),
            Err("password-error-too-short")
        );
        // Eight characters of three bytes each are eight characters.
        assert_eq!(check_new_password("鳥が空を飛んでる", &[]), Ok(()));
        assert_eq!(check_new_password(&"kq7".repeat(21), &[]), Ok(()));
        assert_eq!(check_new_password(&"x9".repeat(64), &[]), Ok(()));
        assert_eq!(
            check_new_password(&"x9".repeat(64).replace("x9x9", "x9x9y"), &[]),
            Err("password-error-too-long")
        );
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in [
            "password",
            "12345678",
            "qwertyuiop",
            "iloveyou",
            "PassWord1",
        ] {
            if common.chars().count() >= MIN_PASSWORD_CHARS {
                assert!(is_common_password(common), "{common}");
            }
        }
        assert_eq!(
            check_new_password("Sunshine", &[]),
            Err("password-error-common")
        );
        assert!(!is_common_password("violet kettle under 9 stairs"));
        assert!(!is_common_password("drowssap"));
    }

    #[test]
    fn the_accounts_own_words_are_refused() {
        let context = ["ana@contoso.example", "Ana Admin"];
        assert_eq!(
            check_new_password("ana@contoso.example", &context),
            Err("password-error-context")
        );
        assert_eq!(
            check_new_password("ANA ADMIN", &context),
            Err("password-error-context")
        );
        assert_eq!(check_new_password("ana admin rides", &context), Ok(()));
    }

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    #[test]
    fn links_work_once_until_they_expire_or_are_replaced() {
        let expires = at(10);
        use LinkStatus::*;
        assert_eq!(
            check_link(Pending, expires, UserState::Active, at(9)),
            Ok(())
        );
        assert_eq!(
            check_link(Pending, expires, UserState::Active, at(10)),
            Err(LinkProblem::Expired)
        );
        assert_eq!(
            check_link(Used, expires, UserState::Active, at(9)),
            Err(LinkProblem::Used)
        );
        assert_eq!(
            check_link(Replaced, expires, UserState::Active, at(9)),
            Err(LinkProblem::Replaced)
        );
        assert_eq!(
            check_link(Pending, expires, UserState::Disabled, at(9)),
            Err(LinkProblem::AccountClosed)
        );
        assert_eq!(
            check_link(Replaced, expires, UserState::Removed, at(9)),
            Err(LinkProblem::AccountClosed)
        );
        assert_eq!(LinkPurpose::NewUser.lifetime(), Duration::days(7));
        assert_eq!(LinkPurpose::Reset.lifetime(), Duration::hours(1));
    }

    #[test]
    fn the_last_active_global_admin_stays() {
        use UserChange::{Disable, Enable, Remove};
        let ga = Role::GlobalAdmin;
        for change in [UserChange::Role(Role::AdminAgent), Disable, Remove] {
            assert_eq!(
                check_user_change(ga, UserState::Active, change, 1),
                Err("users-error-last-global-admin")
            );
            assert_eq!(check_user_change(ga, UserState::Active, change, 2), Ok(()));
        }
        // Keeping the role, enabling, and a disabled Global admin are never the last one.
        assert_eq!(
            check_user_change(ga, UserState::Active, UserChange::Role(ga), 1),
            Ok(())
        );
        assert_eq!(
            check_user_change(ga, UserState::Disabled, Remove, 1),
            Ok(())
        );
        assert_eq!(
            check_user_change(Role::SalesAgent, UserState::Active, Disable, 0),
            Ok(())
        );
        assert_eq!(
            check_user_change(ga, UserState::Removed, Enable, 5),
            Err("users-error-removed")
        );
    }

    #[test]
    fn emails_domains_and_partner_ids_are_checked() {
        assert_eq!(
            check_email("  You@Contoso.COM ").as_deref(),
            Ok("you@contoso.com")
        );
        for bad in [
            "no-at",
            "a@b",
            "a@@b.example",
            "\"q\"@b.example",
            "a<b@c.example",
            "a b@c.example",
            "a@b.example?bcc=x",
            "a\"<b>?bcc=x@evil.example",
            "a..b@c.example",
            "a.@c.example",
            "ü@c.example",
            "a@bü.example",
            ".a@b.example",
            "a@-b.example",
        ] {
            assert_eq!(check_email(bad), Err("validation-email-invalid"), "{bad}");
        }
        assert_eq!(
            check_email("O'Brien+Support@example.com").as_deref(),
            Ok("o'brien+support@example.com")
        );
        let long = |last: usize| {
            let label = |c: &str, n: usize| c.repeat(n);
            format!(
                "{}@{}.{}.{}.example",
                label("a", 64),
                label("b", 60),
                label("c", 60),
                label("d", last)
            )
        };
        assert_eq!(long(59).len(), 254);
        assert!(check_email(&long(59)).is_ok());
        assert_eq!(check_email(&long(60)), Err("validation-email-invalid"));
        assert_eq!(check_domain("Adatum.COM.").as_deref(), Ok("adatum.com"));
        for bad in [
            "adatum",
            "ad atum.com",
            "-a.com",
            "a..com",
            "1.2.3.4",
            "a_b.com",
        ] {
            assert_eq!(check_domain(bad), Err("validation-domain-invalid"), "{bad}");
        }
        assert_eq!(check_partner_id(" 1000001 ").as_deref(), Ok("1000001"));
        for bad in ["12345", "12345678901", "1000001a", "-100000"] {
            assert_eq!(
                check_partner_id(bad),
                Err("validation-partner-id-invalid"),
                "{bad}"
            );
        }
        assert_eq!(check_name("  Ana  ").as_deref(), Ok("Ana"));
        assert_eq!(check_name(" "), Err("validation-name-required"));
        assert_eq!(check_name("a\u{7}b"), Err("validation-name-invalid"));
    }
}

//! The rules of API clients and their requests: what a new client may be (name, role, how long
//! it lives), how long an access token lives, how a subscription's version becomes an `ETag`
//! and back, and the per-client request window. No HTTP and no database here.

use chrono::{Duration, NaiveDateTime};

use super::roles::Role;

/// How long an access token works.
pub const TOKEN_LIFETIME_SECS: i64 = 60 * 60;

/// The lifetimes a Global admin may give a new client, in days; the first is the default.
pub const CLIENT_LIFETIME_DAYS: [i64; 4] = [90, 30, 180, 365];

/// The longest client name taken.
pub const MAX_NAME_CHARS: usize = 100;

/// A new client as typed on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct ClientInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub lifetime_days: String,
}

/// A new client that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClient {
    pub name: String,
    pub role: Role,
    pub lifetime_days: i64,
}

impl NewClient {
    pub fn expires_at(&self, now: NaiveDateTime) -> NaiveDateTime {
        now + Duration::days(self.lifetime_days)
    }
}

/// Each field's problem, as Fluent ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientErrors {
    pub name: Option<&'static str>,
    pub role: Option<&'static str>,
    pub lifetime_days: Option<&'static str>,
}

/// Checks a new client: a name, one of the partner roles (the same roles as users, so a Sales
/// agent's client only reads), and one of the offered lifetimes.
pub fn check_client(input: &ClientInput) -> Result<NewClient, ClientErrors> {
    let name = input.name.trim();
    let mut errors = ClientErrors::default();
    if name.is_empty() {
        errors.name = Some("api-clients-error-name-required");
    } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        errors.name = Some("api-clients-error-name-invalid");
    }
    let role = Role::parse(input.role.trim()).filter(|r| r.is_partner_role());
    if role.is_none() {
        errors.role = Some("api-clients-error-role");
    }
    let lifetime = input
        .lifetime_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| CLIENT_LIFETIME_DAYS.contains(d));
    if lifetime.is_none() {
        errors.lifetime_days = Some("api-clients-error-lifetime");
    }
    match (role, lifetime) {
        (Some(role), Some(lifetime_days)) if errors == ClientErrors::default() => Ok(NewClient {
            name: name.to_string(),
            role,
            lifetime_days,
        }),
        _ => Err(errors),
    }
}

/// A client's state as shown on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientState {
    Active,
    Expired,
    Revoked,
}

impl ClientState {
    pub fn of(expires_at: NaiveDateTime, revoked: bool, now: NaiveDateTime) -> ClientState {
        if revoked {
            ClientState::Revoked
        } else if expires_at <= now {
            ClientState::Expired
        } else {
            ClientState::Active
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            ClientState::Active => "api-clients-state-active",
            ClientState::Expired => "api-clients-state-expired",
            ClientState::Revoked => "api-clients-state-revoked",
        }
    }
}

/// The `ETag` of a subscription (and of its support contact) at `version`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// What an `If-Match` header asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any current version.
    Any,
    /// One of these versions; empty when no tag in the header is one of ours (never matches).
    Versions(Vec<i32>),
}

impl IfMatch {
    /// Reads the header's list of tags; weak tags never match (RFC 9110 §13.1.1).
    pub fn parse(header: &str) -> IfMatch {
        if header.trim() == "*" {
            return IfMatch::Any;
        }
        IfMatch::Versions(
            header
                .split(',')
                .map(str::trim)
                .filter_map(|tag| tag.strip_prefix('"')?.strip_suffix('"')?.parse().ok())
                .collect(),
        )
    }

    /// The version the change must find, or None when the current one does not match.
    pub fn version_to_change(&self, current: i32) -> Option<i32> {
        match self {
            IfMatch::Any => Some(current),
            IfMatch::Versions(v) => v.contains(&current).then_some(current),
        }
    }
}

/// A fixed window of requests of one client: when it started and how many it has had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub started_at: NaiveDateTime,
    pub count: u32,
}

/// The length of a rate-limit window.
pub const WINDOW_SECS: i64 = 60;

/// Counts one more request in the client's window (a new window when the last one is over), or
/// says how many seconds until the next window when `limit` requests were had already.
pub fn admit(window: Option<Window>, limit: u32, now: NaiveDateTime) -> Result<Window, u64> {
    let window = match window {
        Some(w) if now < w.started_at + Duration::seconds(WINDOW_SECS) => w,
        _ => Window {
            started_at: now,
            count: 0,
        },
    };
    if window.count >= limit {
        let ends = window.started_at + Duration::seconds(WINDOW_SECS);
        let millis = (ends - now).num_milliseconds().max(0);
        return Err(u64::try_from((millis + 999) / 1000).unwrap_or(1).max(1));
    }
    Ok(Window {
        count: window.count + 1,
        ..window
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
            .unwrap()
            .and_hms_opt(10, 0, second)
            .unwrap()
    }

    #[test]
    fn a_client_needs_a_name_a_partner_role_and_an_offered_lifetime() {
        let ok = check_client(&ClientInput {
            name: " Billing sync ".into(),
            role: "sales_agent".into(),
            lifetime_days: "30".into(),
        })
        .unwrap();
        assert_eq!(ok.name, "Billing sync");
        assert_eq!(ok.role, Role::SalesAgent);
        let bad = check_client(&ClientInput {
            name: "".into(),
            role: "customer_global_admin".into(),
            lifetime_days: "7".into(),
        })
        .unwrap_err();
        assert!(bad.name.is_some() && bad.role.is_some() && bad.lifetime_days.is_some());
    }

    #[test]
    fn if_match_takes_strong_tags_and_star() {
        assert_eq!(IfMatch::parse(&etag(3)).version_to_change(3), Some(3));
        assert_eq!(IfMatch::parse("\"2\", \"3\"").version_to_change(3), Some(3));
        assert_eq!(IfMatch::parse("\"2\"").version_to_change(3), None);
        assert_eq!(IfMatch::parse("W/\"3\"").version_to_change(3), None);
        assert_eq!(IfMatch::parse("*").version_to_change(7), Some(7));
    }

    #[test]
    fn the_window_admits_its_limit_then_waits_for_the_next() {
        let mut w = None;
        for _ in 0..3 {
            w = Some(admit(w, 3, at(10)).unwrap());
        }
        assert_eq!(admit(w, 3, at(20)), Err(50));
        assert_eq!(
            admit(w, 3, at(10) + Duration::seconds(60)).unwrap().count,
            1
        );
    }
}

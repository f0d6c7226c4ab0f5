//! Caps on how many things of a kind an organization may create in a while, so a compromised
//! or careless account cannot flood other organizations (or mailboxes) with links. The counts
//! come from the database (`db::invitations`, `db::password_links`); the rule is here.

use chrono::{Duration, NaiveDateTime};

/// At most `max` in any hour; past that, `message_id` says so.
#[derive(Debug, Clone, Copy)]
pub struct HourlyCap {
    pub max: i64,
    pub message_id: &'static str,
}

/// The window every cap counts in: the last hour.
pub const WINDOW_SECS: i64 = 60 * 60;

/// Partnership and customer-relationship invitations an organization sends.
pub const RELATIONSHIP_INVITATIONS: HourlyCap = HourlyCap {
    max: 50,
    message_id: "limits-relationship-invitations",
};

/// New users (each with a set-password link) an organization adds.
pub const USER_INVITATIONS: HourlyCap = HourlyCap {
    max: 50,
    message_id: "limits-user-invitations",
};

/// API clients an organization's Global admins make.
pub const API_CLIENTS: HourlyCap = HourlyCap {
    max: 20,
    message_id: "limits-api-clients",
};

/// The cap is reached: which message to show and how many seconds until one more is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapReached {
    pub message_id: &'static str,
    pub retry_after_secs: u64,
}

/// What the organization made in the window: how many, and when the oldest of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recent {
    pub count: i64,
    pub oldest: Option<NaiveDateTime>,
}

impl HourlyCap {
    /// Things made after this moment count.
    pub fn window_start(&self, now: NaiveDateTime) -> NaiveDateTime {
        now - Duration::seconds(WINDOW_SECS)
    }

    /// Whether one more may be made now; if not, the wait is until the oldest of the window's
    /// leaves it (whole seconds, rounded up, at least 1).
    pub fn check(&self, recent: Recent, now: NaiveDateTime) -> Result<(), CapReached> {
        if recent.count < self.max {
            return Ok(());
        }
        let leaves_at = recent
            .oldest
            .map(|oldest| oldest + Duration::seconds(WINDOW_SECS))
            .unwrap_or(now);
        let millis = (leaves_at - now).num_milliseconds().max(0);
        let secs = u64::try_from((millis + 999) / 1000).unwrap_or(0).max(1);
        Err(CapReached {
            message_id: self.message_id,
            retry_after_secs: secs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32, second: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2025, 5, 1)
            .unwrap()
            .and_hms_opt(10, minute, second)
            .unwrap()
    }

    #[test]
    fn the_cap_counts_the_window_and_waits_for_its_oldest_to_leave() {
        let cap = RELATIONSHIP_INVITATIONS;
        let now = at(30, 0);
        assert_eq!(cap.window_start(now), at(30, 0) - Duration::hours(1));
        let recent = |count| Recent {
            count,
            oldest: Some(at(0, 30)),
        };
        assert_eq!(cap.check(recent(49), now), Ok(()));
        assert_eq!(
            cap.check(recent(50), now),
            Err(CapReached {
                message_id: "limits-relationship-invitations",
                retry_after_secs: 30 * 60 + 30,
            })
        );
        // A cap reached at the very edge of the window still asks for a second.
        let edge = Recent {
            count: 50,
            oldest: Some(now - Duration::hours(1)),
        };
        assert_eq!(cap.check(edge, now).unwrap_err().retry_after_secs, 1);
    }
}

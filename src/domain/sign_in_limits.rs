//! How many failed sign-in attempts are allowed, and for how long a subject that used them up
//! waits.
//!
//! Failures are counted in fixed windows per subject: per account (the email typed, known or
//! not, so a refusal reveals nothing), per client address, and per user for second-factor
//! codes. A subject that reached its limit is refused, without any password being checked,
//! until its window ends; the next window starts from zero. With the defaults an account takes
//! at most 10 failures every 15 minutes, 40 an hour: under the 100 an hour that OWASP ASVS
//! (2.2.1) allows, and a person who mistyped can still get in after the wait.

use chrono::{Duration, NaiveDateTime};

stored_enum! {
    /// What a count of failures is about.
    pub enum Scope in "sign_in_failures.scope" {
        /// An email typed on the sign-in page.
        Account = "account",
        /// The address a sign-in came from.
        Address = "address",
        /// A user's second-factor codes.
        Code = "code",
    }
}

/// The limits; the defaults are the product's policy, tests shorten the window.
#[derive(Debug, Clone, Copy)]
pub struct SignInLimits {
    pub per_account: i32,
    pub per_address: i32,
    pub per_code_user: i32,
    pub window: std::time::Duration,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits {
            per_account: 10,
            per_address: 50,
            per_code_user: 5,
            window: std::time::Duration::from_secs(15 * 60),
        }
    }
}

impl SignInLimits {
    pub fn limit(&self, scope: Scope) -> i32 {
        match scope {
            Scope::Account => self.per_account,
            Scope::Address => self.per_address,
            Scope::Code => self.per_code_user,
        }
    }

    pub fn window(&self) -> Duration {
        Duration::from_std(self.window).unwrap_or_else(|_| Duration::minutes(15))
    }

    /// Seconds until a subject with `failures` in the window that began at `window_start`
    /// may try again, or None when it may try now.
    pub fn wait(
        &self,
        scope: Scope,
        failures: i32,
        window_start: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Option<i64> {
        let ends = window_start + self.window();
        (failures >= self.limit(scope) && ends > now).then(|| (ends - now).num_seconds().max(1))
    }

    /// True when a window that began at `window_start` is over, so a new failure starts a
    /// new count.
    pub fn window_over(&self, window_start: NaiveDateTime, now: NaiveDateTime) -> bool {
        window_start + self.window() <= now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc()
            + Duration::minutes(minutes)
    }

    #[test]
    fn an_account_waits_once_it_used_its_failures_until_its_window_ends() {
        let limits = SignInLimits::default();
        assert_eq!(limits.wait(Scope::Account, 9, at(0), at(1)), None);
        assert_eq!(limits.wait(Scope::Account, 10, at(0), at(1)), Some(14 * 60));
        assert_eq!(limits.wait(Scope::Account, 10, at(0), at(15)), None);
        assert!(limits.window_over(at(0), at(15)));
        assert!(!limits.window_over(at(0), at(14)));
    }

    #[test]
    fn the_policy_stays_under_a_hundred_failures_an_hour_per_account() {
        let limits = SignInLimits::default();
        let windows_an_hour = 3600 / limits.window.as_secs() as i32;
        assert!(limits.per_account * windows_an_hour <= 100);
        assert!(limits.per_code_user <= limits.per_account);
    }
}

//! Counts of failed sign-in attempts per account, client address and second-factor user (the
//! rules are in `domain::sign_in_limits`). Kept in the database, so every instance behind a
//! load balancer counts the same failures. Subjects are stored as SHA-256 digests.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use sha2::{Digest, Sha256};

use super::schema::sign_in_failures;
use super::DbConnection;
use crate::domain::sign_in_limits::{Scope, SignInLimits};

/// The stored form of a subject: emails are compared without case.
fn digest(scope: Scope, value: &str) -> String {
    let value = match scope {
        Scope::Account => value.trim().to_lowercase(),
        Scope::Address | Scope::Code => value.to_string(),
    };
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Seconds until every one of `subjects` that used up its failures may try again (the longest
/// wait); None when all may try now. One query for all of them.
pub fn wait(
    conn: &mut DbConnection,
    limits: &SignInLimits,
    subjects: &[(Scope, &str)],
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let wanted: Vec<(Scope, String)> = subjects
        .iter()
        .map(|(scope, value)| (*scope, digest(*scope, value)))
        .collect();
    let rows: Vec<(String, String, NaiveDateTime, i32)> = sign_in_failures::table
        .filter(sign_in_failures::subject.eq_any(wanted.iter().map(|(_, d)| d.as_str())))
        .select((
            sign_in_failures::scope,
            sign_in_failures::subject,
            sign_in_failures::window_start,
            sign_in_failures::failures,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(scope, subject, start, failures)| {
            let (scope, _) = wanted
                .iter()
                .find(|(s, d)| s.as_str() == scope && *d == subject)?;
            limits.wait(*scope, failures, start, now)
        })
        .max())
}

/// Counts one more failure for a subject and returns its count in the current window (a
/// window that is over starts again at 1).
pub fn record_failure(
    conn: &mut DbConnection,
    limits: &SignInLimits,
    scope: Scope,
    value: &str,
    now: NaiveDateTime,
) -> QueryResult<i32> {
    let subject = digest(scope, value);
    let this = || {
        sign_in_failures::table
            .filter(sign_in_failures::scope.eq(scope.as_str()))
            .filter(sign_in_failures::subject.eq(subject.clone()))
    };
    let cutoff = now - limits.window();
    // Two attempts: a concurrent first failure may insert the row between our update and insert.
    for _ in 0..2 {
        let counted = conn.transaction::<_, Error, _>(|conn| {
            let updated = diesel::update(this().filter(sign_in_failures::window_start.gt(cutoff)))
                .set(sign_in_failures::failures.eq(sign_in_failures::failures + 1))
                .execute(conn)?;
            if updated == 0 {
                diesel::delete(this()).execute(conn)?;
                diesel::insert_into(sign_in_failures::table)
                    .values((
                        sign_in_failures::scope.eq(scope.as_str()),
                        sign_in_failures::subject.eq(&subject),
                        sign_in_failures::window_start.eq(now),
                        sign_in_failures::failures.eq(1),
                    ))
                    .execute(conn)?;
            }
            this().select(sign_in_failures::failures).first::<i32>(conn)
        });
        match counted {
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => continue,
            other => return other,
        }
    }
    this().select(sign_in_failures::failures).first::<i32>(conn)
}

/// Forgets a subject's failures (an account after its owner signed in).
pub fn clear(conn: &mut DbConnection, scope: Scope, value: &str) -> QueryResult<()> {
    diesel::delete(
        sign_in_failures::table
            .filter(sign_in_failures::scope.eq(scope.as_str()))
            .filter(sign_in_failures::subject.eq(digest(scope, value))),
    )
    .execute(conn)
    .map(|_| ())
}

/// Removes counts whose window ended before `cutoff`, so the table stays small.
pub fn purge_before(conn: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::window_start.lt(cutoff)))
        .execute(conn)
}

/// What the sign-in page learns from a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailedAttempt {
    /// Seconds to wait before the next try, when this failure used up a limit.
    pub wait: Option<i64>,
}

/// Records a failed sign-in: a failure for the email and one for the client address, and, when
/// the email is a user's, an event in their organization's audit log (and a second one when this
/// failure made the account wait).
pub fn record_failed_sign_in(
    conn: &mut DbConnection,
    limits: &SignInLimits,
    email: &str,
    address: &str,
    user: Option<&super::users::User>,
    now: NaiveDateTime,
) -> QueryResult<FailedAttempt> {
    use super::audit::{self, MadeBy};
    use crate::domain::audit::Action;
    let account_failures = record_failure(conn, limits, Scope::Account, email, now)?;
    record_failure(conn, limits, Scope::Address, address, now)?;
    if let Some(user) = user {
        let kind = super::organizations::find(conn, &user.organization_id)?
            .map(|o| o.kind)
            .unwrap_or(crate::domain::OrgKind::Customer);
        let failed =
            super::users::user_event(MadeBy::Anonymous, kind, Action::SignInFailed, user, now)
                .values(None, Some(address));
        audit::append(conn, &failed)?;
        if account_failures == limits.per_account {
            let throttled = super::users::user_event(
                MadeBy::Anonymous,
                kind,
                Action::SignInThrottled,
                user,
                now,
            )
            .values(None, Some(address));
            audit::append(conn, &throttled)?;
        }
    }
    let wait = wait(
        conn,
        limits,
        &[(Scope::Account, email), (Scope::Address, address)],
        now,
    )?;
    Ok(FailedAttempt { wait })
}

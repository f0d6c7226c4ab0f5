//! Server-side records of signed-in sessions. The cookie holds only the record's id; signing
//! out, disabling a user or changing a role takes effect on the next request because every
//! request reads the record, its user and the user's organization here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organizations::Organization;
use super::schema::{organizations, user_sessions, users};
use super::users::User;
use super::DbConnection;
use crate::domain::accounts::UserState;

pub fn create(
    conn: &mut DbConnection,
    id: &str,
    user_id: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(user_sessions::table)
        .values((
            user_sessions::id.eq(id),
            user_sessions::user_id.eq(user_id),
            user_sessions::created_at.eq(now),
            user_sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The user and organization behind a live session: not revoked, not expired, user enabled.
pub fn find_live(
    conn: &mut DbConnection,
    session_id: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(User, Organization)>> {
    user_sessions::table
        .inner_join(users::table.inner_join(organizations::table))
        .filter(user_sessions::id.eq(session_id))
        .filter(user_sessions::revoked_at.is_null())
        .filter(user_sessions::expires_at.gt(now))
        .filter(users::state.eq(UserState::Active.as_str()))
        .select((User::as_select(), Organization::as_select()))
        .first(conn)
        .optional()
}

pub fn revoke(conn: &mut DbConnection, session_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(user_sessions::table.find(session_id))
        .set(user_sessions::revoked_at.eq(Some(now)))
        .execute(conn)
}

/// Ends every live session of a user, except `keep` (the session that made the change).
pub fn revoke_all(
    conn: &mut DbConnection,
    user_id: &str,
    keep: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let live = user_sessions::table
        .filter(user_sessions::user_id.eq(user_id))
        .filter(user_sessions::revoked_at.is_null());
    match keep {
        Some(keep) => diesel::update(live.filter(user_sessions::id.ne(keep)))
            .set(user_sessions::revoked_at.eq(Some(now)))
            .execute(conn),
        None => diesel::update(live)
            .set(user_sessions::revoked_at.eq(Some(now)))
            .execute(conn),
    }
}

/// Removes records that can never be used again, so the table does not grow without bound.
pub fn purge_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(user_sessions::table.filter(user_sessions::expires_at.lt(now))).execute(conn)
}

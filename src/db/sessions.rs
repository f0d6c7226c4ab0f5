//! Server-side records of signed-in sessions. The cookie holds only the record's id; signing
//! out, disabling a user or changing a role takes effect on the next request because every
//! request reads the record, its user and the user's organization here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::user_sessions;
use super::{on_backend, DbConnection};
use crate::domain::roles::Role;
use crate::domain::{OrgKind, OrganizationId};

/// Where a session was opened: the browser (its User-Agent, cut short) and the client address.
#[derive(Debug, Clone, Default)]
pub struct OpenedFrom {
    pub user_agent: String,
    pub address: String,
}

/// Opens session `id` of `user_id`.
pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    id: &str,
    opened_from: &OpenedFrom,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(user_sessions::table)
        .values((
            user_sessions::id.eq(id),
            user_sessions::user_id.eq(user_id),
            user_sessions::created_at.eq(now),
            user_sessions::expires_at.eq(expires_at),
            user_sessions::last_seen_at.eq(now),
            user_sessions::user_agent.eq(&opened_from.user_agent),
            user_sessions::client_address.eq(&opened_from.address),
        ))
        .execute(conn)
        .map(|_| ())
}

/// How often a session's "last used" time is written: at most once a minute (sooner with a
/// very short idle timeout), so reading pages does not turn into a write each.
fn touch_every(idle: chrono::Duration) -> i64 {
    (idle.num_seconds() / 4).clamp(0, 60)
}

/// Who is behind a live session: what every request needs to know of the user and their
/// organization, and nothing more (no hash, no times to read back).
#[derive(Debug, Clone, Queryable)]
pub struct SessionUser {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    #[diesel(deserialize_as = String)]
    pub organization_id: OrganizationId,
    pub organization_name: String,
    #[diesel(deserialize_as = String)]
    pub organization_kind: OrgKind,
    pub organization_mfa_required: bool,
    /// The session's "last used" is due to be written ([`mark_used`]).
    pub mark_due: bool,
}

/// A session to check, and the moment it is checked at.
#[derive(Debug, Clone, Copy)]
pub struct SessionAt<'a> {
    pub session_id: &'a str,
    pub now: NaiveDateTime,
    /// How long a session may sit unused before it ends.
    pub idle: chrono::Duration,
}

impl SessionAt<'_> {
    /// A session last used at or before this is no longer live.
    pub fn idle_since(&self) -> NaiveDateTime {
        self.now - self.idle
    }

    /// A session last used at or before this is due to have its "last used" written.
    pub fn mark_before(&self) -> NaiveDateTime {
        self.now - chrono::Duration::seconds(touch_every(self.idle))
    }
}

/// The session `$at` (a [`SessionAt`]) joined to its user and the user's organization, when
/// it is live: not revoked, not expired, not idle for longer than the idle timeout, user
/// enabled. At most one row, since the id is the key. [`find_live_unmarked`] selects from it;
/// a page read on every request joins its own tables to it (on `organizations::id`, the
/// user's organization) and selects [`session_user!`] beside its columns, so the session check
/// and the page's rows are one statement: one trip to the database instead of two.
macro_rules! live_session {
    ($at:expr) => {{
        use $crate::db::schema::{organizations, user_sessions, users};
        let at: &$crate::db::sessions::SessionAt<'_> = $at;
        user_sessions::table
            .inner_join(users::table.inner_join(organizations::table))
            .filter(user_sessions::id.eq(at.session_id))
            .filter(user_sessions::revoked_at.is_null())
            .filter(user_sessions::expires_at.gt($crate::db::BoundTime(at.now)))
            .filter(user_sessions::last_seen_at.gt($crate::db::BoundTime(at.idle_since())))
            .filter(users::state.eq($crate::domain::accounts::UserState::Active.as_str()))
    }};
}
pub(crate) use live_session;

/// The columns of a [`SessionUser`], selected from [`live_session!`]`($at)`.
macro_rules! session_user {
    ($at:expr) => {{
        use $crate::db::schema::{organizations, user_sessions, users};
        let at: &$crate::db::sessions::SessionAt<'_> = $at;
        (
            users::id,
            users::email,
            users::display_name,
            users::role,
            organizations::id,
            organizations::name,
            organizations::kind,
            organizations::mfa_required,
            user_sessions::last_seen_at.le($crate::db::BoundTime(at.mark_before())),
        )
    }};
}
pub(crate) use session_user;

/// The user and organization behind session `at`, when it is live ([`live_session!`]).
/// Reads only.
pub fn find_live_unmarked(
    conn: &mut DbConnection,
    at: &SessionAt<'_>,
) -> QueryResult<Option<SessionUser>> {
    // Read on every request of a signed-in user: a fixed statement (the id is the key, so no
    // LIMIT) on the backend's own connection, which keeps it prepared.
    on_backend!(conn, |c| live_session!(at)
        .select(session_user!(at))
        .get_result(c)
        .optional())
}

/// Writes that the session was used at `now`.
pub fn mark_used(conn: &mut DbConnection, session_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(user_sessions::table.find(session_id))
        .set(user_sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// One of a user's open sessions, as the sessions page lists it.
#[derive(Debug, Clone, Queryable)]
pub struct OpenSession {
    pub id: String,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub last_seen_at: NaiveDateTime,
    pub user_agent: String,
    pub client_address: String,
}

impl OpenSession {
    /// A name for the session that can be shown and sent in a form without giving away its
    /// id (which is what a cookie proves).
    pub fn handle(&self) -> String {
        session_handle(&self.id)
    }
}

/// The shown name of a session id: the first 16 hex digits of its SHA-256.
pub fn session_handle(id: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(id.as_bytes())[..8])
}

/// A user's open sessions (not revoked, expired or idle), most recently used first.
pub fn list_open(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
    idle: chrono::Duration,
) -> QueryResult<Vec<OpenSession>> {
    user_sessions::table
        .filter(user_sessions::user_id.eq(user_id))
        .filter(user_sessions::revoked_at.is_null())
        .filter(user_sessions::expires_at.gt(now))
        .filter(user_sessions::last_seen_at.gt(now - idle))
        .order((user_sessions::last_seen_at.desc(), user_sessions::id))
        .select((
            user_sessions::id,
            user_sessions::created_at,
            user_sessions::last_seen_at,
            user_sessions::user_agent,
            user_sessions::client_address,
        ))
        .load(conn)
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

/// Which of a user's own sessions to end.
#[derive(Debug, Clone)]
pub enum Ending {
    /// The session with this handle (see [`session_handle`]).
    One(String),
    /// Every session but the current one.
    AllOthers,
}

/// Ends some of a user's own open sessions (never `current`) and records how many, as the
/// user. Returns how many ended.
pub fn end_own(
    conn: &mut DbConnection,
    actor: &super::audit::Actor,
    kind: crate::domain::OrgKind,
    current: &str,
    which: Ending,
    now: NaiveDateTime,
    idle: chrono::Duration,
) -> QueryResult<usize> {
    use super::audit::{self, AuditEvent, Object};
    use crate::domain::audit::{Action, ObjectKind};
    conn.transaction(|conn| {
        let targets: Vec<String> = list_open(conn, &actor.user_id, now, idle)?
            .into_iter()
            .filter(|s| s.id != current)
            .filter(|s| match &which {
                Ending::One(handle) => &s.handle() == handle,
                Ending::AllOthers => true,
            })
            .map(|s| s.id)
            .collect();
        if targets.is_empty() {
            return Ok(0);
        }
        let ended = diesel::update(
            user_sessions::table
                .filter(user_sessions::id.eq_any(&targets))
                .filter(user_sessions::revoked_at.is_null()),
        )
        .set(user_sessions::revoked_at.eq(Some(now)))
        .execute(conn)?;
        let object = Object {
            kind: ObjectKind::User,
            id: &actor.user_id,
            label: &actor.name,
        };
        let event = AuditEvent::by(actor, Action::SessionsEnded, object, now)
            .values(None, Some(&ended.to_string()));
        let event = if kind.is_partner() {
            event
        } else {
            event.customer(actor.organization_id.as_customer(kind).as_ref())
        };
        audit::append(conn, &event)?;
        Ok(ended)
    })
}

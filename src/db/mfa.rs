//! Multi-factor authentication as stored: each user's authenticator secret, when it was set up,
//! the last time step accepted, their recovery codes (SHA-256 only), and the organization's
//! `mfa_required`. Every change writes its audit event in the same transaction.
//!
//! The rules (which code is right, who may turn MFA off) are `domain::mfa`'s; this module only
//! makes the checks that must hold at the moment of writing: a step is accepted only when it is
//! newer than the last one, a recovery code only while unused, both in a single statement, so two
//! requests with the same code cannot both succeed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{self, Actor, AuditEvent, MadeBy, Object};
use super::schema::{mfa_recovery_codes, organizations, users};
use super::users::{user_event, ChangeError, User};
use super::{sessions, DbConnection};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::{OrgKind, OrganizationId};

/// A user's MFA as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct MfaState {
    #[diesel(column_name = mfa_secret)]
    pub secret: Option<String>,
    #[diesel(column_name = mfa_enrolled_at)]
    pub enrolled_at: Option<NaiveDateTime>,
    #[diesel(column_name = mfa_last_step)]
    pub last_step: Option<i32>,
}

impl MfaState {
    pub fn is_enrolled(&self) -> bool {
        self.secret.is_some()
    }

    /// The last accepted step as the rule takes it.
    pub fn last_step(&self) -> Option<u64> {
        self.last_step.and_then(|s| u64::try_from(s).ok())
    }
}

pub fn state(conn: &mut DbConnection, user_id: &str) -> QueryResult<MfaState> {
    users::table
        .find(user_id)
        .select(MfaState::as_select())
        .first(conn)
}

/// Whether the organization requires MFA of all its users.
pub fn organization_requires(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
) -> QueryResult<bool> {
    organizations::table
        .find(organization_id.as_str())
        .select(organizations::mfa_required)
        .first(conn)
}

/// How many of the user's recovery codes are still unused.
pub fn unused_recovery_codes(conn: &mut DbConnection, user_id: &str) -> QueryResult<i64> {
    mfa_recovery_codes::table
        .filter(mfa_recovery_codes::user_id.eq(user_id))
        .filter(mfa_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// The user and the kind of their organization, for the audit event.
fn user_and_kind(conn: &mut DbConnection, user_id: &str) -> QueryResult<(User, OrgKind)> {
    let user = super::users::find(conn, user_id)?.ok_or(diesel::result::Error::NotFound)?;
    let org = super::organizations::find(conn, &user.organization_id)?
        .ok_or(diesel::result::Error::NotFound)?;
    Ok((user, org.kind))
}

/// Records a change the user made to their own MFA.
fn own_event(conn: &mut DbConnection, user_id: &str, action: Action) -> QueryResult<()> {
    let (user, kind) = user_and_kind(conn, user_id)?;
    let actor = user.as_actor();
    audit::append(
        conn,
        &user_event(MadeBy::User(&actor), kind, action, &user, super::now()),
    )
}

/// Replaces every recovery code of the user with `hashes`.
fn replace_recovery_codes(
    conn: &mut DbConnection,
    user_id: &str,
    hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(mfa_recovery_codes::table.filter(mfa_recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    for hash in hashes {
        diesel::insert_into(mfa_recovery_codes::table)
            .values((
                mfa_recovery_codes::id.eq(crate::domain::new_id()),
                mfa_recovery_codes::user_id.eq(user_id),
                mfa_recovery_codes::code_hash.eq(hash),
                mfa_recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets the user's secret, last step and recovery codes.
fn clear(conn: &mut DbConnection, user_id: &str) -> QueryResult<usize> {
    let changed = diesel::update(users::table.find(user_id))
        .set((
            users::mfa_secret.eq(None::<String>),
            users::mfa_enrolled_at.eq(None::<NaiveDateTime>),
            users::mfa_last_step.eq(None::<i32>),
        ))
        .execute(conn)?;
    diesel::delete(mfa_recovery_codes::table.filter(mfa_recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(changed)
}

/// Sets up MFA for a user who has none: the secret whose code was just typed, that code's
/// step (so it cannot be used again), and the hashes of new recovery codes. False when the user
/// has MFA already (set up meanwhile in another tab).
pub fn enrol(
    conn: &mut DbConnection,
    user_id: &str,
    secret: &str,
    step: u64,
    recovery_code_hashes: &[String],
) -> QueryResult<bool> {
    let step = i32::try_from(step).map_err(|_| diesel::result::Error::NotFound)?;
    conn.transaction(|conn| {
        let now = super::now();
        let set = diesel::update(
            users::table
                .find(user_id)
                .filter(users::mfa_secret.is_null()),
        )
        .set((
            users::mfa_secret.eq(Some(secret)),
            users::mfa_enrolled_at.eq(Some(now)),
            users::mfa_last_step.eq(Some(step)),
        ))
        .execute(conn)?;
        if set == 0 {
            return Ok(false);
        }
        replace_recovery_codes(conn, user_id, recovery_code_hashes, now)?;
        own_event(conn, user_id, Action::MfaEnrolled)?;
        Ok(true)
    })
}

/// Accepts a code's time step when it is newer than the last one accepted; false when it is
/// not (the code was used already, or a newer one was).
pub fn accept_step(conn: &mut DbConnection, user_id: &str, step: u64) -> QueryResult<bool> {
    let step = i32::try_from(step).map_err(|_| diesel::result::Error::NotFound)?;
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::mfa_secret.is_not_null())
            .filter(
                users::mfa_last_step
                    .is_null()
                    .or(users::mfa_last_step.lt(step)),
            ),
    )
    .set(users::mfa_last_step.eq(Some(step)))
    .execute(conn)
    .map(|n| n == 1)
}

/// Uses one of the user's recovery codes (by its hash) and records it; false when no unused
/// code of the user has this hash.
pub fn use_recovery_code(conn: &mut DbConnection, user_id: &str, hash: &str) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let used = diesel::update(
            mfa_recovery_codes::table
                .filter(mfa_recovery_codes::user_id.eq(user_id))
                .filter(mfa_recovery_codes::code_hash.eq(hash))
                .filter(mfa_recovery_codes::used_at.is_null()),
        )
        .set(mfa_recovery_codes::used_at.eq(Some(super::now())))
        .execute(conn)?;
        if used == 0 {
            return Ok(false);
        }
        own_event(conn, user_id, Action::MfaRecoveryCodeUsed)?;
        Ok(true)
    })
}

/// Replaces the user's recovery codes with new ones; false when the user has no MFA.
pub fn renew_recovery_codes(
    conn: &mut DbConnection,
    user_id: &str,
    recovery_code_hashes: &[String],
) -> QueryResult<bool> {
    conn.transaction(|conn| {
        // Written first, so SQLite takes the write lock before anything is read.
        let enrolled = diesel::update(
            users::table
                .find(user_id)
                .filter(users::mfa_secret.is_not_null()),
        )
        .set(users::mfa_secret.eq(users::mfa_secret))
        .execute(conn)?;
        if enrolled == 0 {
            return Ok(false);
        }
        replace_recovery_codes(conn, user_id, recovery_code_hashes, super::now())?;
        own_event(conn, user_id, Action::MfaRecoveryCodesRenewed)?;
        Ok(true)
    })
}

/// Turns the user's own MFA off, unless their organization requires it.
pub fn turn_off(conn: &mut DbConnection, user_id: &str) -> Result<(), ChangeError> {
    conn.transaction(|conn| {
        let (user, _) = user_and_kind(conn, user_id)?;
        // The organization's row is locked, so a policy turned on at this moment is seen.
        super::organizations::lock(conn, &user.organization_id)?;
        let requires = organization_requires(conn, &user.organization_id)?;
        crate::domain::mfa::check_turn_off(requires).map_err(ChangeError::Refused)?;
        if clear(conn, user_id)? == 0 {
            return Err(ChangeError::Database(diesel::result::Error::NotFound));
        }
        own_event(conn, user_id, Action::MfaTurnedOff)?;
        Ok(())
    })
}

/// Resets a colleague's MFA, as `actor` (a Global admin of the same organization): forgets the
/// secret and recovery codes and ends the colleague's sessions, so their next sign-in sets MFA
/// up again (when the organization requires it). A user of another organization is not found.
pub fn reset(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: OrgKind,
    user_id: &str,
) -> Result<User, ChangeError> {
    conn.transaction(|conn| {
        super::organizations::lock(conn, &actor.organization_id)?;
        let user = super::users::find_in(conn, &actor.organization_id, user_id)?
            .ok_or(diesel::result::Error::NotFound)?;
        if user.id == actor.user_id {
            return Err(ChangeError::Refused("mfa-error-reset-self"));
        }
        if user.mfa_enrolled_at.is_none() {
            return Err(ChangeError::Refused("mfa-error-reset-none"));
        }
        let now = super::now();
        clear(conn, &user.id)?;
        sessions::revoke_all(conn, &user.id, None, now)?;
        audit::append(
            conn,
            &user_event(MadeBy::User(actor), kind, Action::MfaReset, &user, now),
        )?;
        Ok(user)
    })
}

/// Makes MFA required (or not) for the actor's organization and records it; false when it was
/// so already.
pub fn set_required(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: OrgKind,
    required: bool,
) -> QueryResult<bool> {
    conn.transaction(|conn| {
        super::organizations::lock(conn, &actor.organization_id)?;
        let org = super::organizations::find(conn, &actor.organization_id)?
            .ok_or(diesel::result::Error::NotFound)?;
        if org.mfa_required == required {
            return Ok(false);
        }
        diesel::update(organizations::table.find(org.id.as_str()))
            .set(organizations::mfa_required.eq(required))
            .execute(conn)?;
        let object = Object {
            kind: ObjectKind::Organization,
            id: org.id.as_str(),
            label: &org.name,
        };
        let action = if required {
            Action::MfaRequired
        } else {
            Action::MfaNotRequired
        };
        let event = AuditEvent::by(actor, action, object, super::now());
        let event = if kind.is_partner() {
            event
        } else {
            event.customer(org.customer_id().as_ref())
        };
        audit::append(conn, &event)?;
        Ok(true)
    })
}

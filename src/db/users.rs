//! Users of partner and customer organizations, and the changes a Global admin (or the operator
//! on the command line) makes to them. Every change here writes its audit event in the same
//! transaction, and ending a user's access revokes their sessions in it too.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{self, Actor, AuditEvent, MadeBy, Object};
use super::schema::users;
use super::{sessions, DbConnection};
use crate::domain::accounts::{check_user_change, UserChange, UserState};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::roles::Role;
use crate::domain::{OrgKind, OrganizationId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    #[diesel(deserialize_as = String)]
    pub organization_id: OrganizationId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = String)]
    pub state: UserState,
    /// When the user set up multi-factor authentication; None while they have not.
    pub mfa_enrolled_at: Option<NaiveDateTime>,
}

impl User {
    /// The stored hash, or None while the user has not set a password yet.
    pub fn password(&self) -> Option<&str> {
        Some(self.password_hash.as_str()).filter(|h| !h.is_empty())
    }

    /// The user as the actor of a change they make without a session (setting a password
    /// through a link).
    pub fn as_actor(&self) -> Actor {
        Actor {
            user_id: self.id.clone(),
            name: self.display_name.clone(),
            organization_id: self.organization_id.clone(),
            api_client_id: None,
        }
    }

    /// How the audit log names the user.
    pub fn label(&self) -> String {
        format!("{} <{}>", self.display_name, self.email)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub organization_id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    /// Empty for a user who sets a password through a link.
    pub password_hash: &'a str,
    #[diesel(serialize_as = String)]
    pub role: Role,
    #[diesel(serialize_as = String)]
    pub state: UserState,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, user: NewUser<'_>) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

/// Emails are stored and compared in lower case.
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<User>> {
    users::table
        .find(user_id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// A user of `organization_id` that is not removed; anyone else's id is not found.
pub fn find_in(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    user_id: &str,
) -> QueryResult<Option<User>> {
    users::table
        .find(user_id)
        .filter(users::organization_id.eq(organization_id.as_str()))
        .filter(users::state.ne(UserState::Removed.as_str()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// The organization's users that are not removed, by name.
pub fn list(conn: &mut DbConnection, organization_id: &OrganizationId) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::organization_id.eq(organization_id.as_str()))
        .filter(users::state.ne(UserState::Removed.as_str()))
        .order((users::display_name.asc(), users::email.asc()))
        .select(User::as_select())
        .load(conn)
}

/// Every user of every organization (for the operator's `user list`), optionally of one.
pub fn list_all(
    conn: &mut DbConnection,
    organization_id: Option<&OrganizationId>,
) -> QueryResult<Vec<User>> {
    let mut query = users::table
        .filter(users::state.ne(UserState::Removed.as_str()))
        .select(User::as_select())
        .order((users::organization_id.asc(), users::email.asc()))
        .into_boxed();
    if let Some(org) = organization_id {
        query = query.filter(users::organization_id.eq(org.to_string()));
    }
    query.load(conn)
}

fn count_active_global_admins(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    kind: OrgKind,
) -> QueryResult<i64> {
    users::table
        .filter(users::organization_id.eq(organization_id.as_str()))
        .filter(users::state.eq(UserState::Active.as_str()))
        .filter(users::role.eq(Role::global_admin_of(kind).as_str()))
        .count()
        .get_result(conn)
}

pub fn set_role(conn: &mut DbConnection, user_id: &str, role: Role) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::role.eq(role.as_str()))
        .execute(conn)
}

pub fn set_password_hash(conn: &mut DbConnection, user_id: &str, hash: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::password_hash.eq(hash))
        .execute(conn)
}

/// Why a user change was not made.
#[derive(Debug)]
pub enum ChangeError {
    /// The rule refused it; the Fluent id says why.
    Refused(&'static str),
    /// The organization added as many users as it may this hour.
    Capped(crate::domain::limits::CapReached),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for ChangeError {
    fn from(e: diesel::result::Error) -> Self {
        ChangeError::Database(e)
    }
}

/// Changes a colleague's role or state, as `actor` (a Global admin of the same organization),
/// with the last-Global-admin rule checked under the organization's lock. Disabling or removing
/// a user ends their sessions at once. Returns the user as it was before.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: OrgKind,
    user_id: &str,
    change: UserChange,
) -> Result<User, ChangeError> {
    conn.transaction(|conn| {
        // Take the organization's write lock first, so two admins demoting each other at once
        // are counted one after the other.
        super::organizations::lock(conn, &actor.organization_id)?;
        let user = find_in(conn, &actor.organization_id, user_id)?
            .ok_or(diesel::result::Error::NotFound)?;
        let admins = count_active_global_admins(conn, &actor.organization_id, kind)?;
        check_user_change(user.role, user.state, change, admins).map_err(ChangeError::Refused)?;
        let now = super::now();
        let (action, old, new) = match change {
            UserChange::Role(role) => {
                if role == user.role {
                    return Ok(user);
                }
                set_role(conn, &user.id, role)?;
                (Action::UserRoleChanged, user.role.as_str(), role.as_str())
            }
            UserChange::Disable | UserChange::Enable | UserChange::Remove => {
                let state = match change {
                    UserChange::Disable => UserState::Disabled,
                    UserChange::Remove => UserState::Removed,
                    _ => UserState::Active,
                };
                if state == user.state {
                    return Ok(user);
                }
                let mut update = diesel::update(users::table.find(&user.id))
                    .set(users::state.eq(state.as_str()))
                    .execute(conn)?;
                if state == UserState::Removed {
                    // The address may be used again for a new user; the event keeps it.
                    update += diesel::update(users::table.find(&user.id))
                        .set(users::email.eq(format!("removed-{}@invalid", user.id)))
                        .execute(conn)?;
                }
                debug_assert!(update > 0);
                if state != UserState::Active {
                    sessions::revoke_all(conn, &user.id, None, now)?;
                    super::password_links::replace_pending(conn, &user.id)?;
                }
                let action = match state {
                    UserState::Disabled => Action::UserDisabled,
                    UserState::Removed => Action::UserRemoved,
                    UserState::Active => Action::UserEnabled,
                };
                (action, user.state.as_str(), state.as_str())
            }
        };
        audit::append(
            conn,
            &user_event(MadeBy::User(actor), kind, action, &user, now).values(Some(old), Some(new)),
        )?;
        Ok(user)
    })
}

/// An event about `user`, made by `by`; a customer's events also concern the customer, so
/// they show in its admin's log.
pub fn user_event(
    by: MadeBy<'_>,
    kind: OrgKind,
    action: Action,
    user: &User,
    now: NaiveDateTime,
) -> AuditEvent {
    let label = user.label();
    let object = Object {
        kind: ObjectKind::User,
        id: &user.id,
        label: &label,
    };
    let event = AuditEvent::made_by(by, &user.organization_id, action, object, now);
    if kind.is_partner() {
        event
    } else {
        event.customer(user.organization_id.as_customer(kind).as_ref())
    }
}

/// Adds a user (without a password) to the actor's organization with a set-password link for
/// `token`, and records both. Refuses an email that another user has, and a user past the
/// organization's hourly cap of new users (counted under its lock).
pub fn add(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: OrgKind,
    email: &str,
    display_name: &str,
    role: Role,
    token: &str,
) -> Result<(User, NaiveDateTime), ChangeError> {
    conn.transaction(|conn| {
        super::organizations::lock(conn, &actor.organization_id)?;
        if find_by_email(conn, email)?.is_some() {
            return Err(ChangeError::Refused("validation-email-taken"));
        }
        let now = super::now();
        let cap = crate::domain::limits::USER_INVITATIONS;
        let recent = super::password_links::new_user_links_since(
            conn,
            &actor.organization_id,
            cap.window_start(now),
        )?;
        cap.check(recent, now).map_err(ChangeError::Capped)?;
        let id = crate::domain::new_id();
        insert(
            conn,
            NewUser {
                id: &id,
                organization_id: actor.organization_id.as_str(),
                email,
                display_name,
                password_hash: "",
                role,
                state: UserState::Active,
                created_at: now,
            },
        )?;
        let user = find(conn, &id)?.ok_or(diesel::result::Error::NotFound)?;
        audit::append(
            conn,
            &user_event(MadeBy::User(actor), kind, Action::UserAdded, &user, now)
                .values(None, Some(role.as_str())),
        )?;
        let expires = super::password_links::issue(
            conn,
            MadeBy::User(actor),
            &user,
            kind,
            crate::domain::accounts::LinkPurpose::NewUser,
            token,
        )?;
        Ok((user, expires))
    })
}

/// Changes a signed-in user's own password: checks nothing (the caller verified the current
/// password), ends the user's other sessions, and records it.
pub fn change_own_password(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: OrgKind,
    session_id: &str,
    new_hash: &str,
) -> QueryResult<()> {
    conn.transaction(|conn| {
        let user = find(conn, &actor.user_id)?.ok_or(diesel::result::Error::NotFound)?;
        let now = super::now();
        set_password_hash(conn, &user.id, new_hash)?;
        sessions::revoke_all(conn, &user.id, Some(session_id), now)?;
        // A pending reset link is no longer needed.
        super::password_links::replace_pending(conn, &user.id)?;
        audit::append(
            conn,
            &user_event(
                MadeBy::User(actor),
                kind,
                Action::PasswordChanged,
                &user,
                now,
            ),
        )
    })
}

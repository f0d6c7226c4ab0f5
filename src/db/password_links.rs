//! Set-password links: single-use, stored only as the SHA-256 of their token, and replaced by
//! any newer link for the same user. A new user's first link lives 7 days, a reset 1 hour (see
//! `domain::accounts`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{self, MadeBy};
use super::schema::{password_links, users};
use super::users::User;
use super::DbConnection;
use crate::domain::accounts::{check_link, LinkProblem, LinkPurpose, LinkStatus};
use crate::domain::audit::Action;
use crate::domain::invitations::{is_well_formed_token, token_hash};
use crate::domain::limits::Recent;
use crate::domain::{OrgKind, OrganizationId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = password_links)]
pub struct PasswordLink {
    pub id: String,
    pub user_id: String,
    pub token_hash: String,
    pub purpose: String,
    #[diesel(deserialize_as = String)]
    pub status: LinkStatus,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_by: Option<String>,
}

/// Marks the user's unused links as replaced (a newer link exists, or the user can no longer
/// use any).
pub fn replace_pending(conn: &mut DbConnection, user_id: &str) -> QueryResult<usize> {
    diesel::update(
        password_links::table
            .filter(password_links::user_id.eq(user_id))
            .filter(password_links::status.eq(LinkStatus::Pending.as_str())),
    )
    .set(password_links::status.eq(LinkStatus::Replaced.as_str()))
    .execute(conn)
}

/// How many new users' links (invitations to set a first password) the organization's users
/// got after `since`, and when the oldest of them was made.
pub fn new_user_links_since(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    since: NaiveDateTime,
) -> QueryResult<Recent> {
    let (count, oldest) = password_links::table
        .inner_join(users::table)
        .filter(users::organization_id.eq(organization_id.as_str()))
        .filter(password_links::purpose.eq(LinkPurpose::NewUser.as_str()))
        .filter(password_links::created_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(password_links::created_at),
        ))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(Recent { count, oldest })
}

/// Stores a new link for `user` with the hash of `token`, replacing the user's older links, and
/// records it (never the token). Call inside the transaction that made the user, if any.
/// Returns when the link expires.
pub fn issue(
    conn: &mut DbConnection,
    by: MadeBy<'_>,
    user: &User,
    kind: OrgKind,
    purpose: LinkPurpose,
    token: &str,
) -> QueryResult<NaiveDateTime> {
    let now = super::now();
    let expires_at = now + purpose.lifetime();
    replace_pending(conn, &user.id)?;
    let created_by = match by {
        MadeBy::User(actor) => Some(actor.user_id.as_str()),
        MadeBy::Operator | MadeBy::Anonymous => None,
    };
    diesel::insert_into(password_links::table)
        .values((
            password_links::id.eq(crate::domain::new_id()),
            password_links::user_id.eq(&user.id),
            password_links::token_hash.eq(token_hash(token)),
            password_links::purpose.eq(purpose.as_str()),
            password_links::status.eq(LinkStatus::Pending.as_str()),
            password_links::created_at.eq(now),
            password_links::expires_at.eq(expires_at),
            password_links::created_by.eq(created_by),
        ))
        .execute(conn)?;
    let event = super::users::user_event(by, kind, Action::PasswordLinkIssued, user, now);
    audit::append(conn, &event.values(None, Some(purpose.as_str())))?;
    Ok(expires_at)
}

/// The link behind a token and its user, when the token is well formed and known.
pub fn find(conn: &mut DbConnection, token: &str) -> QueryResult<Option<(PasswordLink, User)>> {
    if !is_well_formed_token(token) {
        return Ok(None);
    }
    password_links::table
        .inner_join(users::table)
        .filter(password_links::token_hash.eq(token_hash(token)))
        .select((PasswordLink::as_select(), User::as_select()))
        .first(conn)
        .optional()
}

/// The user a token may set a password for now, or why not.
pub fn usable(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Result<(PasswordLink, User), LinkProblem>> {
    Ok(match find(conn, token)? {
        None => Err(LinkProblem::Unknown),
        Some((link, user)) => {
            check_link(link.status, link.expires_at, user.state, now).map(|()| (link, user))
        }
    })
}

/// Sets the password through the link, once: the link is marked used in the same statement
/// that checks it is still pending, so two submissions at once cannot both succeed. Every
/// session of the user ends (whoever had the old password is out). Records the change.
pub fn set_password(
    conn: &mut DbConnection,
    token: &str,
    password_hash: &str,
) -> QueryResult<Result<User, LinkProblem>> {
    conn.transaction(|conn| {
        let now = super::now();
        let (link, user) = match usable(conn, token, now)? {
            Ok(found) => found,
            Err(problem) => return Ok(Err(problem)),
        };
        let claimed = diesel::update(
            password_links::table
                .find(&link.id)
                .filter(password_links::status.eq(LinkStatus::Pending.as_str())),
        )
        .set((
            password_links::status.eq(LinkStatus::Used.as_str()),
            password_links::used_at.eq(Some(now)),
        ))
        .execute(conn)?;
        if claimed == 0 {
            return Ok(Err(LinkProblem::Used));
        }
        super::users::set_password_hash(conn, &user.id, password_hash)?;
        super::sessions::revoke_all(conn, &user.id, None, now)?;
        let kind = super::organizations::find(conn, &user.organization_id)?
            .ok_or(diesel::result::Error::NotFound)?
            .kind;
        let event = super::users::user_event(
            MadeBy::User(&user.as_actor()),
            kind,
            Action::PasswordSet,
            &user,
            now,
        );
        audit::append(conn, &event)?;
        Ok(Ok(user))
    })
}

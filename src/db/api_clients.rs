//! API clients and their access tokens. A client's secret and every token are stored only as
//! the SHA-256 of their text (256 random bits each); a token works while it has not expired and
//! its client is neither revoked nor expired, which every use reads, so revoking a client ends
//! its tokens at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{self, Actor, AuditEvent, Object};
use super::organizations::Organization;
use super::schema::{api_clients, api_tokens, organizations};
use super::DbConnection;
use crate::domain::api::{admit, ClientState, NewClient, Window, TOKEN_LIFETIME_SECS};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::invitations::{is_well_formed_token, token_hash};
use crate::domain::limits::{CapReached, Recent, API_CLIENTS};
use crate::domain::roles::Role;
use crate::domain::OrganizationId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_clients)]
pub struct ApiClient {
    pub id: String,
    #[diesel(deserialize_as = String)]
    pub organization_id: OrganizationId,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub secret_hash: String,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    pub created_by: Option<String>,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

impl ApiClient {
    pub fn state(&self, now: NaiveDateTime) -> ClientState {
        ClientState::of(self.expires_at, self.revoked_at.is_some(), now)
    }

    /// The client as the audit log records what it changes: its name, marked as a client.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: String::new(),
            name: self.name.clone(),
            organization_id: self.organization_id.clone(),
            api_client_id: Some(self.id.clone()),
        }
    }

    fn as_object(&self) -> Object<'_> {
        Object {
            kind: ObjectKind::ApiClient,
            id: &self.id,
            label: &self.name,
        }
    }
}

/// Why no client was made.
#[derive(Debug)]
pub enum CreateError {
    Cap(CapReached),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for CreateError {
    fn from(e: diesel::result::Error) -> Self {
        CreateError::Db(e)
    }
}

/// How many clients the organization made after `since`, and when the oldest of them.
pub fn made_since(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    since: NaiveDateTime,
) -> QueryResult<Recent> {
    let (count, oldest) = api_clients::table
        .filter(api_clients::organization_id.eq(organization_id.as_str()))
        .filter(api_clients::created_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(api_clients::created_at),
        ))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(Recent { count, oldest })
}

/// Makes a client of the actor's organization with the hash of `secret`, within the hourly cap,
/// and records it.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    new: &NewClient,
    secret: &str,
) -> Result<ApiClient, CreateError> {
    conn.transaction(|conn| {
        // The organization's row first: two Global admins at once count one after the other.
        super::organizations::lock(conn, &actor.organization_id)?;
        let now = super::now();
        let recent = made_since(conn, &actor.organization_id, API_CLIENTS.window_start(now))?;
        API_CLIENTS.check(recent, now).map_err(CreateError::Cap)?;
        let id = crate::domain::new_id();
        diesel::insert_into(api_clients::table)
            .values((
                api_clients::id.eq(&id),
                api_clients::organization_id.eq(actor.organization_id.as_str()),
                api_clients::name.eq(&new.name),
                api_clients::role.eq(new.role.as_str()),
                api_clients::secret_hash.eq(token_hash(secret)),
                api_clients::created_at.eq(now),
                api_clients::created_by.eq(Some(actor.user_id.as_str())),
                api_clients::expires_at.eq(new.expires_at(now)),
            ))
            .execute(conn)?;
        let client = find(conn, &actor.organization_id, &id)?
            .ok_or(CreateError::Db(diesel::result::Error::NotFound))?;
        let event = AuditEvent::by(actor, Action::ApiClientCreated, client.as_object(), now)
            .values(None, Some(new.role.as_str()));
        audit::append(conn, &event)?;
        Ok(client)
    })
}

/// The organization's clients, newest first.
pub fn list(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
) -> QueryResult<Vec<ApiClient>> {
    api_clients::table
        .filter(api_clients::organization_id.eq(organization_id.as_str()))
        .order((api_clients::created_at.desc(), api_clients::id.desc()))
        .select(ApiClient::as_select())
        .load(conn)
}

/// One client of the organization.
pub fn find(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    client_id: &str,
) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .find(client_id)
        .filter(api_clients::organization_id.eq(organization_id.as_str()))
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

/// Revokes one of the actor's organization's clients and ends its tokens; records it. Returns
/// false when there is no such client or it was revoked already.
pub fn revoke(conn: &mut DbConnection, actor: &Actor, client_id: &str) -> QueryResult<bool> {
    conn.transaction(|conn| {
        let now = super::now();
        let revoked = diesel::update(
            api_clients::table
                .find(client_id)
                .filter(api_clients::organization_id.eq(actor.organization_id.as_str()))
                .filter(api_clients::revoked_at.is_null()),
        )
        .set(api_clients::revoked_at.eq(Some(now)))
        .execute(conn)?;
        if revoked == 0 {
            return Ok(false);
        }
        diesel::delete(api_tokens::table.filter(api_tokens::client_id.eq(client_id)))
            .execute(conn)?;
        let client = find(conn, &actor.organization_id, client_id)?
            .ok_or(diesel::result::Error::NotFound)?;
        let event = AuditEvent::by(actor, Action::ApiClientRevoked, client.as_object(), now);
        audit::append(conn, &event)?;
        Ok(true)
    })
}

/// Stores a new access token for the client whose id and secret these are, when it may have
/// one (not revoked, not expired), and forgets its expired tokens. Returns when it expires.
pub fn issue_token(
    conn: &mut DbConnection,
    client_id: &str,
    secret: &str,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<NaiveDateTime>> {
    if !is_well_formed_token(secret) || !crate::domain::is_valid_id(client_id) {
        return Ok(None);
    }
    conn.transaction(|conn| {
        let client: Option<ApiClient> = api_clients::table
            .find(client_id)
            .filter(api_clients::secret_hash.eq(token_hash(secret)))
            .select(ApiClient::as_select())
            .first(conn)
            .optional()?;
        let Some(client) = client.filter(|c| c.state(now) == ClientState::Active) else {
            return Ok(None);
        };
        diesel::delete(
            api_tokens::table
                .filter(api_tokens::client_id.eq(&client.id))
                .filter(api_tokens::expires_at.le(now)),
        )
        .execute(conn)?;
        let expires_at = now + chrono::Duration::seconds(TOKEN_LIFETIME_SECS);
        diesel::insert_into(api_tokens::table)
            .values((
                api_tokens::token_hash.eq(token_hash(token)),
                api_tokens::client_id.eq(&client.id),
                api_tokens::created_at.eq(now),
                api_tokens::expires_at.eq(expires_at),
            ))
            .execute(conn)?;
        Ok(Some(expires_at))
    })
}

/// The client and its organization behind a token that works now.
pub fn caller(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(ApiClient, Organization)>> {
    if !is_well_formed_token(token) {
        return Ok(None);
    }
    api_tokens::table
        .inner_join(api_clients::table.inner_join(organizations::table))
        .filter(api_tokens::token_hash.eq(token_hash(token)))
        .filter(api_tokens::expires_at.gt(now))
        .filter(api_clients::revoked_at.is_null())
        .filter(api_clients::expires_at.gt(now))
        .select((ApiClient::as_select(), Organization::as_select()))
        .first(conn)
        .optional()
}

/// Counts one request of `client_id` in its rate window (kept on its row, so every instance
/// counts the same requests), or says how many seconds until it may send another. The window
/// is read, judged by [`admit`], and written back only if no other request wrote it meanwhile;
/// a request that lost that race judges again, so concurrent instances never admit more than
/// `limit` in a window.
pub fn count_request(
    conn: &mut DbConnection,
    client_id: &str,
    limit: u32,
    now: NaiveDateTime,
) -> QueryResult<Result<(), u64>> {
    const ATTEMPTS: usize = 8;
    for _ in 0..ATTEMPTS {
        let (started_at, count): (Option<NaiveDateTime>, i32) = api_clients::table
            .find(client_id)
            .select((
                api_clients::rate_window_start,
                api_clients::rate_window_count,
            ))
            .get_result(conn)?;
        let current = started_at.map(|started_at| Window {
            started_at,
            count: u32::try_from(count).unwrap_or(0),
        });
        let next = match admit(current, limit, now) {
            Ok(next) => next,
            Err(wait) => return Ok(Err(wait)),
        };
        let unchanged = api_clients::table
            .filter(api_clients::id.eq(client_id))
            .filter(api_clients::rate_window_count.eq(count));
        let values = (
            api_clients::rate_window_start.eq(next.started_at),
            api_clients::rate_window_count.eq(i32::try_from(next.count).unwrap_or(i32::MAX)),
        );
        let written = match started_at {
            Some(at) => diesel::update(unchanged.filter(api_clients::rate_window_start.eq(at)))
                .set(values)
                .execute(conn)?,
            None => diesel::update(unchanged.filter(api_clients::rate_window_start.is_null()))
                .set(values)
                .execute(conn)?,
        };
        if written == 1 {
            return Ok(Ok(()));
        }
    }
    // Requests of this client keep winning the race: it is sending more than it may.
    Ok(Err(1))
}

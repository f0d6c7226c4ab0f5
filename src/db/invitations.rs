//! Invitations: made by the partner that asks, answered (once) by the organization asked.
//! Only the SHA-256 of a link's token is stored and looked up.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{Actor, AuditEvent, Object};
use super::organizations::Organization;
use super::relationships::{self, RelationshipError};
use super::schema::{invitations, organizations};
use super::DbConnection;
use crate::domain::audit::{Action, ObjectKind, RelationshipValue};
use crate::domain::invitations::{
    self as rules, InvitationFacts, InvitationKind, InvitationProblem, InvitationStatus, Responder,
};
use crate::domain::limits::{self, CapReached, Recent};
use crate::domain::{CustomerId, OrganizationId};
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitations)]
pub struct Invitation {
    pub id: String,
    #[diesel(deserialize_as = String)]
    pub kind: InvitationKind,
    pub token_hash: String,
    #[diesel(deserialize_as = String)]
    pub inviting_organization_id: OrganizationId,
    pub target_organization_id: Option<String>,
    pub delegated_admin: bool,
    #[diesel(deserialize_as = String)]
    pub status: InvitationStatus,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::ReadTime)]
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub used_by: Option<String>,
    pub created_by: String,
}

impl Invitation {
    pub fn facts(&self) -> InvitationFacts<'_> {
        InvitationFacts {
            kind: self.kind,
            status: self.status,
            expires_at: self.expires_at,
            target_organization_id: self.target_organization_id.as_deref(),
        }
    }

    /// The customer a customer-relationship invitation names (its target is always one).
    fn target_customer(&self) -> Option<CustomerId> {
        match self.kind {
            InvitationKind::CustomerRelationship => {
                self.target_organization_id.clone().map(CustomerId::from)
            }
            InvitationKind::Partnership => None,
        }
    }

    fn as_object<'a>(&'a self, label: &'a str) -> Object<'a> {
        Object {
            kind: ObjectKind::Invitation,
            id: &self.id,
            label,
        }
    }
}

/// What a partner asks for.
#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub kind: InvitationKind,
    /// The reseller of a partnership request; the customer of a customer-relationship request
    /// sent from that customer's page; None for one any customer may accept.
    pub target: Option<&'a Organization>,
    pub delegated_admin: bool,
}

/// Why an invitation was not made.
#[derive(Debug)]
pub enum CreateError {
    /// The organization sent as many as it may this hour.
    Capped(CapReached),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for CreateError {
    fn from(e: diesel::result::Error) -> Self {
        CreateError::Database(e)
    }
}

impl From<CreateError> for AppError {
    fn from(e: CreateError) -> Self {
        match e {
            CreateError::Capped(cap) => cap.into(),
            CreateError::Database(e) => e.into(),
        }
    }
}

/// How many invitations an organization made after `since`, and when the oldest of them.
pub fn made_since(
    conn: &mut DbConnection,
    organization_id: &OrganizationId,
    since: NaiveDateTime,
) -> QueryResult<Recent> {
    let (count, oldest) = invitations::table
        .filter(invitations::inviting_organization_id.eq(organization_id.as_str()))
        .filter(invitations::created_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(invitations::created_at),
        ))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(Recent { count, oldest })
}

/// Stores an invitation with the hash of `token` and records the request, together. The
/// actor's organization is the one that asks, within its hourly cap (counted under its lock,
/// so simultaneous requests cannot pass it together).
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    new: &NewInvitation<'_>,
    token: &str,
) -> Result<Invitation, CreateError> {
    conn.transaction(|conn| {
        super::organizations::lock(conn, &actor.organization_id)?;
        let now = super::now();
        let cap = limits::RELATIONSHIP_INVITATIONS;
        let recent = made_since(conn, &actor.organization_id, cap.window_start(now))?;
        cap.check(recent, now).map_err(CreateError::Capped)?;
        let id = crate::domain::new_id();
        let delegated_admin =
            new.kind == InvitationKind::CustomerRelationship && new.delegated_admin;
        let target_id = new.target.map(|t| t.id.as_str());
        diesel::insert_into(invitations::table)
            .values((
                invitations::id.eq(&id),
                invitations::kind.eq(new.kind.as_str()),
                invitations::token_hash.eq(rules::token_hash(token)),
                invitations::inviting_organization_id.eq(actor.organization_id.as_str()),
                invitations::target_organization_id.eq(target_id),
                invitations::delegated_admin.eq(delegated_admin),
                invitations::status.eq(InvitationStatus::Pending.as_str()),
                invitations::created_at.eq(now),
                invitations::expires_at.eq(rules::expires_at(now)),
                invitations::created_by.eq(&actor.user_id),
            ))
            .execute(conn)?;
        let invitation: Invitation = invitations::table
            .find(&id)
            .select(Invitation::as_select())
            .first(conn)?;
        let label = new.target.map(|t| t.name.as_str()).unwrap_or("");
        let object = invitation.as_object(label);
        let event = match new.kind {
            InvitationKind::Partnership => {
                AuditEvent::by(actor, Action::PartnershipRequested, object, now)
                    .related(target_id)
                    .codes(RelationshipValue::None, RelationshipValue::Pending)
            }
            InvitationKind::CustomerRelationship => {
                AuditEvent::by(actor, Action::RelationshipRequested, object, now)
                    .customer(invitation.target_customer().as_ref())
                    .codes(
                        RelationshipValue::None,
                        RelationshipValue::of_relationship(delegated_admin),
                    )
            }
        };
        super::audit::append(conn, &event)?;
        Ok(invitation)
    })
}

/// The invitation behind a link's token; None for a malformed or unknown token.
pub fn find_by_token(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Invitation>> {
    if !rules::is_well_formed_token(token) {
        return Ok(None);
    }
    invitations::table
        .filter(invitations::token_hash.eq(rules::token_hash(token)))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// A provider's partnership requests that can still be answered, with the reseller each names.
pub fn pending_partnership_requests(
    conn: &mut DbConnection,
    provider_id: &OrganizationId,
    now: NaiveDateTime,
) -> QueryResult<Vec<(Invitation, Organization)>> {
    invitations::table
        .inner_join(
            organizations::table.on(organizations::id
                .nullable()
                .eq(invitations::target_organization_id)),
        )
        .filter(invitations::inviting_organization_id.eq(provider_id.as_str()))
        .filter(invitations::kind.eq(InvitationKind::Partnership.as_str()))
        .filter(invitations::status.eq(InvitationStatus::Pending.as_str()))
        .filter(invitations::expires_at.gt(now))
        .order((invitations::created_at.desc(), invitations::id.asc()))
        .select((Invitation::as_select(), Organization::as_select()))
        .load(conn)
}

/// What answering an invitation did.
#[derive(Debug, Clone)]
pub struct Answered {
    pub invitation: Invitation,
    /// False when the partnership or relationship already was as the invitation asked.
    pub changed: bool,
}

/// Accepts or declines the invitation behind `token` for `who` (the actor's organization), in
/// one transaction: the first write claims the link, so two answers cannot both win; the
/// domain's rule then judges the link as it was, and any refusal rolls the claim back.
pub fn answer(
    conn: &mut DbConnection,
    actor: &Actor,
    who: &Responder<'_>,
    token: &str,
    accept: bool,
) -> Result<Answered, RelationshipError> {
    let refused = |p: InvitationProblem| RelationshipError::Invitation(p);
    if !rules::is_well_formed_token(token) {
        return Err(refused(InvitationProblem::NotValid));
    }
    conn.transaction(|conn| {
        let now = super::now();
        let hash = rules::token_hash(token);
        let answer = if accept {
            InvitationStatus::Accepted
        } else {
            InvitationStatus::Declined
        };
        let claimed = diesel::update(
            invitations::table
                .filter(invitations::token_hash.eq(&hash))
                .filter(invitations::status.eq(InvitationStatus::Pending.as_str())),
        )
        .set((
            invitations::status.eq(answer.as_str()),
            invitations::used_at.eq(Some(now)),
            invitations::used_by.eq(Some(&actor.user_id)),
        ))
        .execute(conn)?;
        let mut invitation =
            find_by_token(conn, token)?.ok_or(refused(InvitationProblem::NotValid))?;
        let mut as_it_was = invitation.facts();
        if claimed == 1 {
            as_it_was.status = InvitationStatus::Pending;
        }
        rules::check(&as_it_was, who, now).map_err(refused)?;
        if claimed == 0 {
            return Err(refused(InvitationProblem::Used));
        }
        let inviting = invitation.inviting_organization_id.clone();
        let me = &actor.organization_id;
        if invitation.target_organization_id.is_none() {
            // An invitation that named no customer belongs to the one that answered it.
            diesel::update(invitations::table.find(&invitation.id))
                .set(invitations::target_organization_id.eq(Some(me.as_str())))
                .execute(conn)?;
            invitation.target_organization_id = Some(me.to_string());
        }
        // The rule checked that the answering organization is the one the invitation names.
        let customer = invitation.target_customer();
        let changed = match (invitation.kind, accept, &customer) {
            (InvitationKind::Partnership, true, _) => {
                relationships::establish_partnership(conn, actor, &inviting, me, now)?.is_some()
            }
            (InvitationKind::CustomerRelationship, true, Some(customer)) => {
                relationships::establish_customer_relationship(
                    conn,
                    actor,
                    customer,
                    &inviting,
                    invitation.delegated_admin,
                    now,
                )?
                .is_some()
            }
            (InvitationKind::CustomerRelationship, true, None) => {
                return Err(refused(InvitationProblem::NotValid));
            }
            (kind, false, _) => {
                let inviting_name = super::organizations::find(conn, &inviting)?
                    .map(|o| o.name)
                    .unwrap_or_default();
                let (action, customer) = match kind {
                    InvitationKind::Partnership => (Action::PartnershipDeclined, None),
                    InvitationKind::CustomerRelationship => {
                        (Action::RelationshipDeclined, customer.as_ref())
                    }
                };
                let event =
                    AuditEvent::by(actor, action, invitation.as_object(&inviting_name), now)
                        .customer(customer)
                        .related(Some(inviting.as_str()))
                        .codes(RelationshipValue::Pending, RelationshipValue::Declined);
                super::audit::append(conn, &event)?;
                true
            }
        };
        invitation.status = answer;
        Ok(Answered {
            invitation,
            changed,
        })
    })
}

/// A partner's customer-relationship requests that can still be answered, with the name of
/// the customer each names (None: any customer's admin may accept it).
pub fn pending_customer_requests(
    conn: &mut DbConnection,
    partner_id: &OrganizationId,
    now: NaiveDateTime,
) -> QueryResult<Vec<(Invitation, Option<String>)>> {
    invitations::table
        .left_join(
            organizations::table.on(organizations::id
                .nullable()
                .eq(invitations::target_organization_id)),
        )
        .filter(invitations::inviting_organization_id.eq(partner_id.as_str()))
        .filter(invitations::kind.eq(InvitationKind::CustomerRelationship.as_str()))
        .filter(invitations::status.eq(InvitationStatus::Pending.as_str()))
        .filter(invitations::expires_at.gt(now))
        .order((invitations::created_at.desc(), invitations::id.asc()))
        .select((Invitation::as_select(), organizations::name.nullable()))
        .load(conn)
}

/// The sender withdraws a pending invitation of its own; its link then says so. Returns the
/// invitation as it was, or None when there is no such pending invitation of the actor's.
pub fn withdraw(
    conn: &mut DbConnection,
    actor: &Actor,
    invitation_id: &str,
) -> QueryResult<Option<Invitation>> {
    conn.transaction(|conn| {
        let changed = diesel::update(
            invitations::table
                .find(invitation_id)
                .filter(invitations::inviting_organization_id.eq(actor.organization_id.as_str()))
                .filter(invitations::status.eq(InvitationStatus::Pending.as_str())),
        )
        .set(invitations::status.eq(InvitationStatus::Withdrawn.as_str()))
        .execute(conn)?;
        if changed == 0 {
            return Ok(None);
        }
        let invitation: Invitation = invitations::table
            .find(invitation_id)
            .select(Invitation::as_select())
            .first(conn)?;
        let target = match &invitation.target_organization_id {
            Some(id) => super::organizations::find(conn, &OrganizationId::from(id.clone()))?,
            None => None,
        };
        let label = target.as_ref().map(|t| t.name.as_str()).unwrap_or("");
        let target_id = invitation.target_organization_id.as_deref();
        let event = AuditEvent::by(
            actor,
            Action::InvitationWithdrawn,
            invitation.as_object(label),
            super::now(),
        );
        let event = match invitation.kind {
            InvitationKind::Partnership => event.related(target_id),
            InvitationKind::CustomerRelationship => {
                event.customer(invitation.target_customer().as_ref())
            }
        }
        .codes(RelationshipValue::Pending, RelationshipValue::Withdrawn);
        super::audit::append(conn, &event)?;
        Ok(Some(invitation))
    })
}

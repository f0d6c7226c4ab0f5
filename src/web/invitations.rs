//! Invitation links: the page that shows a new link once, with a ready-to-send message; the
//! page the invited organization's admin opens; and its Accept and Decline buttons. Every link
//! that cannot be answered gets its own localized page and changes nothing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::error_pages::ErrorPage;
use super::sign_in::EmptyForm;
use super::{render, render_with_status, see_other, QUERY_VALUE};
use crate::auth::{CsrfForm, Viewer};
use crate::db::invitations::Invitation;
use crate::db::organizations::Organization;
use crate::db::relationships::RelationshipError;
use crate::db::{self, Db};
use crate::domain::invitations::{self as rules, InvitationKind, InvitationProblem};
use crate::domain::OrgKind;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "invitation_created.html", config = "templates/askama.toml")]
pub struct InvitationCreatedPage {
    pub ctx: Viewer,
    pub link: String,
    pub message: String,
    pub expires_at: String,
    pub back_href: String,
}

/// The heading of an invitation's page.
fn title_id(kind: InvitationKind) -> &'static str {
    match kind {
        InvitationKind::Partnership => "invitation-partnership-title",
        InvitationKind::CustomerRelationship => "invitation-customer-title",
    }
}

/// The page shown once after a partner made an invitation: the link (its token is kept nowhere
/// else) and a message to send with it, in the sender's language.
pub fn created(
    req: &HttpRequest,
    viewer: Viewer,
    invitation: &Invitation,
    token: &str,
    inviting: &Organization,
    target: Option<&Organization>,
    back_href: &str,
) -> Result<HttpResponse, AppError> {
    let link = super::site_link(req, &super::urls::invitation(token));
    let expires_at = viewer.datetime(&invitation.expires_at);
    let partner_id = inviting.partner_id.clone().unwrap_or_default();
    let target_name = target.map(|t| t.name.clone()).unwrap_or_default();
    let delegated = if invitation.delegated_admin {
        "yes"
    } else {
        "no"
    };
    let message = match invitation.kind {
        InvitationKind::Partnership => viewer.t_args(
            "invitation-message-partnership",
            &[
                ("provider", &inviting.name),
                ("partner_id", &partner_id),
                ("reseller", &target_name),
                ("date", &expires_at),
                ("link", &link),
            ],
        ),
        InvitationKind::CustomerRelationship => viewer.t_args(
            "invitation-message-customer",
            &[
                ("partner", &inviting.name),
                ("partner_id", &partner_id),
                ("delegated", delegated),
                ("date", &expires_at),
                ("link", &link),
            ],
        ),
    };
    render(&InvitationCreatedPage {
        ctx: viewer,
        link,
        message,
        expires_at,
        back_href: back_href.to_string(),
    })
}

/// The localized page of a link that cannot be answered.
fn problem(ctx: Viewer, problem: InvitationProblem) -> Result<HttpResponse, AppError> {
    let status = match problem {
        InvitationProblem::NotValid => StatusCode::NOT_FOUND,
        InvitationProblem::Used
        | InvitationProblem::Declined
        | InvitationProblem::Withdrawn
        | InvitationProblem::Expired => StatusCode::GONE,
        InvitationProblem::WrongKind(_)
        | InvitationProblem::NotYours
        | InvitationProblem::WrongRole(_) => StatusCode::FORBIDDEN,
    };
    render_with_status(
        status,
        &ErrorPage {
            ctx,
            title_id: "invitation-problem-title",
            message_id: problem.message_id(),
            back_href: None,
            retry_minutes: None,
        },
    )
}

#[derive(Template)]
#[template(path = "invitation.html", config = "templates/askama.toml")]
pub struct InvitationPage {
    pub ctx: Viewer,
    pub title_id: &'static str,
    pub inviting: Organization,
    pub is_customer_relationship: bool,
    pub delegated_admin: bool,
    pub expires_at: String,
    pub action_base: String,
}

impl InvitationPage {
    pub fn kind_id(&self) -> &'static str {
        self.inviting.kind.message_id()
    }
}

pub async fn show(
    viewer: Viewer,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let Some(user) = viewer.user.clone() else {
        return Ok(sign_in_then_back(&token));
    };
    let lookup = token.clone();
    let found = db
        .run(move |conn| {
            let Some(invitation) = db::invitations::find_by_token(conn, &lookup)? else {
                return Ok(None);
            };
            let inviting = db::organizations::find(conn, &invitation.inviting_organization_id)?
                .ok_or(AppError::NotFound)?;
            Ok(Some((invitation, inviting)))
        })
        .await?;
    let Some((invitation, inviting)) = found else {
        return problem(viewer, InvitationProblem::NotValid);
    };
    if let Err(p) = rules::check(&invitation.facts(), &user.responder(), db::now()) {
        return problem(viewer, p);
    }
    render(&InvitationPage {
        expires_at: viewer.datetime(&invitation.expires_at),
        ctx: viewer,
        title_id: title_id(invitation.kind),
        is_customer_relationship: invitation.kind == InvitationKind::CustomerRelationship,
        delegated_admin: invitation.delegated_admin,
        inviting,
        action_base: super::urls::invitation(token),
    })
}

#[derive(Template)]
#[template(path = "invitation_answered.html", config = "templates/askama.toml")]
pub struct AnsweredPage {
    pub ctx: Viewer,
    pub title_id: &'static str,
    pub message: String,
    pub continue_href: &'static str,
}

/// Sends a signed-out visitor to sign in and back to the invitation's page (the link itself,
/// also when the session ended between showing the page and pressing a button).
fn sign_in_then_back(token: &str) -> HttpResponse {
    let path = super::urls::invitation(token);
    let next = percent_encoding::utf8_percent_encode(&path, QUERY_VALUE);
    see_other(&format!("{}?next={next}", super::urls::SIGN_IN))
}

async fn answer(
    viewer: Viewer,
    token: String,
    db: &Db,
    accept: bool,
) -> Result<HttpResponse, AppError> {
    let Some(user) = viewer.user.clone() else {
        return Ok(sign_in_then_back(&token));
    };
    let actor = user.actor();
    let who = user.clone();
    let outcome = db
        .run(move |conn| {
            let answered =
                match db::invitations::answer(conn, &actor, &who.responder(), &token, accept) {
                    Ok(answered) => answered,
                    Err(RelationshipError::Invitation(p)) => return Ok(Err(p)),
                    Err(e) => return Err(e.into()),
                };
            let inviting =
                db::organizations::find(conn, &answered.invitation.inviting_organization_id)?
                    .ok_or(AppError::NotFound)?;
            Ok(Ok((answered, inviting)))
        })
        .await?;
    let (answered, inviting) = match outcome {
        Ok(done) => done,
        Err(p) => return problem(viewer, p),
    };
    let partner = inviting.name.as_str();
    let (title_id, message) = match (accept, answered.changed, answered.invitation.kind) {
        (false, _, _) => (
            "invitation-declined-title",
            viewer.t1("invitation-declined-text", "partner", partner),
        ),
        (true, false, _) => (
            "invitation-accepted-title",
            viewer.t1("invitation-accepted-unchanged", "partner", partner),
        ),
        (true, true, InvitationKind::Partnership) => (
            "invitation-accepted-title",
            viewer.t1("invitation-accepted-partnership", "partner", partner),
        ),
        (true, true, InvitationKind::CustomerRelationship) => (
            "invitation-accepted-title",
            viewer.t1("invitation-accepted-customer", "partner", partner),
        ),
    };
    let continue_href = match user.organization_kind {
        OrgKind::Customer => super::urls::ADMIN_RELATIONSHIPS,
        _ => super::urls::HOME,
    };
    render(&AnsweredPage {
        ctx: viewer,
        title_id,
        message,
        continue_href,
    })
}

pub async fn accept(
    viewer: Viewer,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    answer(viewer, path.into_inner(), &db, true).await
}

pub async fn decline(
    viewer: Viewer,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    answer(viewer, path.into_inner(), &db, false).await
}

/// The sender withdraws a pending invitation; back to the page that lists it.
pub async fn withdraw(
    admin: crate::auth::PartnerAdmin,
    path: actix_web::web::Path<String>,
    _form: crate::auth::CsrfForm<super::sign_in::EmptyForm>,
    db: actix_web::web::Data<crate::db::Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("invitation_id={}", path.as_str()));
    let invitation_id = super::checked_id(&path)?.to_string();
    let actor = admin.user.actor();
    let withdrawn = db
        .run(move |conn| {
            Ok(crate::db::invitations::withdraw(
                conn,
                &actor,
                &invitation_id,
            )?)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let list = match withdrawn.kind {
        InvitationKind::Partnership => super::urls::INDIRECT_RESELLERS,
        InvitationKind::CustomerRelationship => super::urls::RELATIONSHIP_REQUESTS,
    };
    Ok(super::see_other(&format!("{list}?withdrawn=1")))
}

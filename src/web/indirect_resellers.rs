//! The provider's "Indirect resellers" page: its resellers with partner ID and state, the
//! request for a new partnership (a single-use invitation link), and the removal of a
//! partnership after a confirmation step. Admin agents and Global admins of providers only.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::confirm::{confirm, Confirmation};
use super::sign_in::EmptyForm;
use super::Notice;
use super::{checked_id, render_with_status, see_other};
use crate::auth::session::random_token;
use crate::auth::{CsrfForm, ProviderAdmin, Viewer};
use crate::db::invitations::{Invitation, NewInvitation};
use crate::db::organizations::Organization;
use crate::db::relationships::PartnershipRow;
use crate::db::{self, Db};
use crate::domain::invitations::InvitationKind;
use crate::domain::OrganizationId;
use crate::error::AppError;

/// The longest partner ID taken from the form.
const MAX_PARTNER_ID_LEN: usize = 32;

#[derive(Template)]
#[template(path = "indirect_resellers.html", config = "templates/askama.toml")]
pub struct IndirectResellersPage {
    pub ctx: Viewer,
    pub rows: Vec<PartnershipRow>,
    pub pending: Vec<(Invitation, Organization)>,
    /// What was typed into the partner ID field.
    pub partner_id: String,
    pub error: Option<&'static str>,
    pub notice: Option<Notice>,
}

async fn page(
    admin: ProviderAdmin,
    db: &Db,
    partner_id: String,
    error: Option<&'static str>,
    notice: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let provider_id = admin.user.organization_id.clone();
    let (rows, pending) = db
        .run(move |conn| {
            Ok((
                db::relationships::partnerships_of_provider(conn, &provider_id)?,
                db::invitations::pending_partnership_requests(conn, &provider_id, db::now())?,
            ))
        })
        .await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with_status(
        status,
        &IndirectResellersPage {
            ctx: admin.viewer,
            rows,
            pending,
            partner_id,
            error,
            notice: notice.map(Notice::info),
        },
    )
}

#[derive(Deserialize)]
pub struct ListQuery {
    removed: Option<String>,
    withdrawn: Option<String>,
}

pub async fn list(
    admin: ProviderAdmin,
    query: web::Query<ListQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let notice = match (query.removed.is_some(), query.withdrawn.is_some()) {
        (true, _) => Some("resellers-removed"),
        (_, true) => Some("invitation-withdrawn-done"),
        _ => None,
    };
    page(admin, &db, String::new(), None, notice).await
}

#[derive(Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    partner_id: String,
}

/// Requests a partnership with the reseller that has the typed partner ID.
pub async fn request(
    admin: ProviderAdmin,
    req: HttpRequest,
    form: CsrfForm<RequestForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let partner_id: String = form
        .0
        .partner_id
        .trim()
        .chars()
        .take(MAX_PARTNER_ID_LEN)
        .collect();
    if partner_id.is_empty() {
        return page(
            admin,
            &db,
            partner_id,
            Some("resellers-error-required"),
            None,
        )
        .await;
    }
    let actor = admin.user.actor();
    let wanted = partner_id.clone();
    let outcome = db
        .run(move |conn| {
            let reseller = db::organizations::find_by_partner_id(conn, &wanted)?
                .filter(|o| o.kind.is_reseller());
            let Some(reseller) = reseller else {
                return Ok(Err("resellers-error-unknown"));
            };
            let provider = &actor.organization_id;
            if db::relationships::partnered_reseller(conn, provider, &reseller.id)?.is_some() {
                return Ok(Err("resellers-error-already"));
            }
            let token = random_token();
            let new = NewInvitation {
                kind: InvitationKind::Partnership,
                target: Some(&reseller),
                delegated_admin: false,
            };
            let invitation = db::invitations::create(conn, &actor, &new, &token)?;
            let provider = db::organizations::find(conn, provider)?.ok_or(AppError::NotFound)?;
            Ok(Ok((invitation, token, provider, reseller)))
        })
        .await?;
    match outcome {
        Ok((invitation, token, provider, reseller)) => super::invitations::created(
            &req,
            admin.viewer,
            &invitation,
            &token,
            &provider,
            Some(&reseller),
            super::urls::INDIRECT_RESELLERS,
        ),
        Err(error) => page(admin, &db, partner_id, Some(error), None).await,
    }
}

/// The reseller of an active partnership of this provider, or not found.
async fn partnered(admin: &ProviderAdmin, db: &Db, raw_id: &str) -> Result<Organization, AppError> {
    let reseller_id = OrganizationId::from(checked_id(raw_id)?.to_string());
    let provider_id = admin.user.organization_id.clone();
    db.run(move |conn| {
        db::relationships::partnered_reseller(conn, &provider_id, &reseller_id)?
            .ok_or(AppError::NotFound)
    })
    .await
}

const REMOVE_PARTNERSHIP: Confirmation = Confirmation {
    title_id: "resellers-remove-title",
    question_id: "resellers-remove-question",
    consequence_id: "resellers-remove-consequence",
    button_id: "resellers-remove",
};

pub async fn confirm_remove(
    admin: ProviderAdmin,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let reseller = partnered(&admin, &db, &path).await?;
    confirm(
        admin.viewer,
        &REMOVE_PARTNERSHIP,
        &[("reseller", &reseller.name)],
        super::urls::INDIRECT_RESELLERS,
    )
}

pub async fn remove(
    admin: ProviderAdmin,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("reseller_id={}", path.as_str()));
    let reseller_id = OrganizationId::from(checked_id(&path)?.to_string());
    let actor = admin.user.actor();
    db.run(move |conn| {
        Ok(db::relationships::remove_partnership(
            conn,
            &actor,
            &reseller_id,
        )?)
    })
    .await?;
    Ok(see_other(&format!(
        "{}?removed=1",
        super::urls::INDIRECT_RESELLERS
    )))
}

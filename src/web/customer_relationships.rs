//! A partner's side of customer relationships: requesting one (an invitation link, with or
//! without delegated admin privileges, for any customer or for the customer whose page it was
//! requested from), and a provider's removal of a partnered reseller's relationship with one of
//! its customers.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::confirm::{confirm, Confirmation};
use super::sign_in::EmptyForm;
use super::urls;
use super::{checked_id, render, see_other};
use crate::auth::session::random_token;
use crate::auth::{CsrfForm, PartnerAdmin, ProviderAdmin, Viewer};
use crate::db::invitations::NewInvitation;
use crate::db::organizations::Organization;
use crate::db::relationships::Remover;
use crate::db::{self, Db, DbConnection};
use crate::domain::invitations::InvitationKind;
use crate::domain::{CustomerId, OrganizationId};
use crate::error::AppError;

#[derive(Template)]
#[template(path = "relationship_request.html", config = "templates/askama.toml")]
pub struct RelationshipRequestPage {
    pub ctx: Viewer,
    /// The customer the request is for, when made from its page.
    pub customer: Option<Organization>,
    /// The partner's requests nobody answered yet, with the customer each names.
    pub pending: Vec<(db::invitations::Invitation, Option<String>)>,
    pub withdrawn: bool,
}

/// The customer a request names: none, or one the partner sells to (others are not found).
fn named_customer(
    conn: &mut DbConnection,
    partner_id: &OrganizationId,
    raw: Option<&str>,
) -> Result<Option<Organization>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => {
            let id = CustomerId::from(checked_id(raw)?.to_string());
            db::organizations::customer_of_partner(conn, partner_id, &id)?
                .map(Some)
                .ok_or(AppError::NotFound)
        }
    }
}

#[derive(Deserialize)]
pub struct FormQuery {
    customer: Option<String>,
    withdrawn: Option<String>,
}

pub async fn form(
    admin: PartnerAdmin,
    query: web::Query<FormQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let partner_id = admin.user.organization_id.clone();
    let FormQuery {
        customer: raw,
        withdrawn,
    } = query.into_inner();
    let (customer, pending) = db
        .run(move |conn| {
            let customer = named_customer(conn, &partner_id, raw.as_deref())?;
            let pending = db::invitations::pending_customer_requests(conn, &partner_id, db::now())?;
            Ok((customer, pending))
        })
        .await?;
    render(&RelationshipRequestPage {
        ctx: admin.viewer,
        customer,
        pending,
        withdrawn: withdrawn.is_some(),
    })
}

#[derive(Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    customer: String,
    /// Present ("on") when the checkbox is ticked.
    delegated_admin: Option<String>,
}

pub async fn request(
    admin: PartnerAdmin,
    req: HttpRequest,
    form: CsrfForm<RequestForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let RequestForm {
        customer,
        delegated_admin,
    } = form.0;
    let delegated_admin = delegated_admin.is_some();
    let actor = admin.user.actor();
    let (invitation, token, partner, customer) = db
        .run(move |conn| {
            let customer = named_customer(conn, &actor.organization_id, Some(&customer))?;
            let token = random_token();
            let new = NewInvitation {
                kind: InvitationKind::CustomerRelationship,
                target: customer.as_ref(),
                delegated_admin,
            };
            let invitation = db::invitations::create(conn, &actor, &new, &token)?;
            let partner =
                db::organizations::find(conn, &actor.organization_id)?.ok_or(AppError::NotFound)?;
            Ok((invitation, token, partner, customer))
        })
        .await?;
    let back = customer
        .as_ref()
        .map(|c| urls::customer(&c.id))
        .unwrap_or_else(|| urls::CUSTOMERS.to_string());
    super::invitations::created(
        &req,
        admin.viewer,
        &invitation,
        &token,
        &partner,
        customer.as_ref(),
        &back,
    )
}

/// The customer (one this provider sells to) and the partnered reseller whose relationship with
/// it the provider may remove; anything else is not found.
async fn overseen(
    admin: &ProviderAdmin,
    db: &Db,
    customer_id: &CustomerId,
    reseller_id: &OrganizationId,
) -> Result<(Organization, Organization), AppError> {
    checked_id(customer_id.as_str())?;
    checked_id(reseller_id.as_str())?;
    let (customer_id, reseller_id) = (customer_id.clone(), reseller_id.clone());
    let provider_id = admin.user.organization_id.clone();
    db.run(move |conn| {
        let customer = db::organizations::customer_of_partner(conn, &provider_id, &customer_id)?
            .ok_or(AppError::NotFound)?;
        let reseller =
            db::relationships::partnered_resellers_of_customer(conn, &provider_id, &customer_id)?
                .into_iter()
                .find(|r| r.partner.id == reseller_id)
                .ok_or(AppError::NotFound)?;
        Ok((customer, reseller.partner))
    })
    .await
}

const REMOVE_RELATIONSHIP: Confirmation = Confirmation {
    title_id: "remove-relationship-with-customer",
    question_id: "remove-relationship-question",
    consequence_id: "remove-relationship-consequence",
    button_id: "remove-relationship-button",
};

pub async fn confirm_remove(
    admin: ProviderAdmin,
    path: web::Path<(CustomerId, OrganizationId)>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let (customer_id, reseller_id) = path.into_inner();
    let (customer, reseller) = overseen(&admin, &db, &customer_id, &reseller_id).await?;
    let names = [
        ("partner", reseller.name.as_str()),
        ("customer", customer.name.as_str()),
    ];
    confirm(
        admin.viewer,
        &REMOVE_RELATIONSHIP,
        &names,
        &urls::customer(&customer.id),
    )
}

pub async fn remove(
    admin: ProviderAdmin,
    path: web::Path<(CustomerId, OrganizationId)>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!(
        "customer_id={} reseller_id={}",
        path.0, path.1
    ));
    let (customer_id, reseller_id) = path.into_inner();
    checked_id(customer_id.as_str())?;
    checked_id(reseller_id.as_str())?;
    let actor = admin.user.actor();
    let customer = customer_id.clone();
    db.run(move |conn| {
        Ok(db::relationships::remove_customer_relationship(
            conn,
            &actor,
            Remover::Provider,
            &customer,
            &reseller_id,
        )?)
    })
    .await?;
    Ok(see_other(&format!(
        "{}?removed=1",
        urls::customer(&customer_id)
    )))
}

const END_RELATIONSHIP: Confirmation = Confirmation {
    title_id: "remove-relationship-with-customer",
    question_id: "end-relationship-question",
    consequence_id: "end-relationship-consequence",
    button_id: "remove-relationship-button",
};

/// The customer the partner has a relationship with, or not found.
async fn related_customer(
    admin: &PartnerAdmin,
    db: &Db,
    raw_id: &str,
) -> Result<Organization, AppError> {
    let customer_id = CustomerId::from(checked_id(raw_id)?.to_string());
    let partner_id = admin.user.organization_id.clone();
    db.run(move |conn| {
        let customer = db::organizations::customer_of_partner(conn, &partner_id, &customer_id)?
            .ok_or(AppError::NotFound)?;
        db::relationships::delegated_admin_of(conn, &partner_id, &customer_id)?
            .ok_or(AppError::NotFound)?;
        Ok(customer)
    })
    .await
}

/// A partner ends its own relationship with a customer (the seed's "remove a relationship
/// with a customer"), after this confirmation.
pub async fn confirm_end(
    admin: PartnerAdmin,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let customer = related_customer(&admin, &db, &path).await?;
    confirm(
        admin.viewer,
        &END_RELATIONSHIP,
        &[("customer", customer.name.as_str())],
        &urls::customer(&customer.id),
    )
}

pub async fn end(
    admin: PartnerAdmin,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("customer_id={}", path.as_str()));
    let customer = related_customer(&admin, &db, &path).await?;
    let actor = admin.user.actor();
    let customer_id = customer.customer_id().ok_or(AppError::NotFound)?;
    db.run(move |conn| {
        Ok(db::relationships::remove_customer_relationship(
            conn,
            &actor,
            Remover::Partner,
            &customer_id,
            &actor.organization_id,
        )?)
    })
    .await?;
    Ok(see_other(&format!("{}?ended=1", urls::CUSTOMERS)))
}

//! The customer admin's "Partner relationships" page: every partner with a relationship with
//! the customer, and the removal (after a confirmation step) of a partner's delegated admin
//! privileges or of the whole relationship.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::confirm::{confirm, Confirmation};
use super::sign_in::EmptyForm;
use super::Notice;
use super::{checked_id, render, see_other};
use crate::auth::{CsrfForm, CustomerGlobalAdmin, Viewer};
use crate::db::relationships::{CustomerRelationshipRow, Remover};
use crate::db::{self, Db};
use crate::domain::OrganizationId;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "partner_relationships.html", config = "templates/askama.toml")]
pub struct PartnerRelationshipsPage {
    pub ctx: Viewer,
    pub rows: Vec<CustomerRelationshipRow>,
    pub notice: Option<Notice>,
}

/// What a customer's admin can take away from a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Removal {
    Relationship,
    DelegatedAdmin,
}

impl Removal {
    fn confirmation(self) -> &'static Confirmation {
        match self {
            Removal::Relationship => &Confirmation {
                title_id: "relationships-remove-title",
                question_id: "relationships-remove-question",
                consequence_id: "relationships-remove-consequence",
                button_id: "relationships-remove",
            },
            Removal::DelegatedAdmin => &Confirmation {
                title_id: "relationships-remove-delegated-title",
                question_id: "relationships-remove-delegated-question",
                consequence_id: "relationships-remove-delegated-consequence",
                button_id: "relationships-remove-delegated",
            },
        }
    }

    /// The `done` value of the list page after the removal, and the notice it shows.
    fn done(self) -> (&'static str, &'static str) {
        match self {
            Removal::Relationship => ("relationship", "relationships-removed"),
            Removal::DelegatedAdmin => ("delegated_admin", "relationships-delegated-removed"),
        }
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    done: Option<String>,
}

/// The customer's partners, by name.
async fn partners(
    admin: &CustomerGlobalAdmin,
    db: &Db,
) -> Result<Vec<CustomerRelationshipRow>, AppError> {
    let customer_id = admin.customer_id();
    db.run(move |conn| Ok(db::relationships::partners_of_customer(conn, &customer_id)?))
        .await
}

pub async fn list(
    admin: CustomerGlobalAdmin,
    query: web::Query<ListQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let rows = partners(&admin, &db).await?;
    let notice = [Removal::Relationship, Removal::DelegatedAdmin]
        .into_iter()
        .map(Removal::done)
        .find(|(done, _)| query.done.as_deref() == Some(*done))
        .map(|(_, notice)| notice);
    render(&PartnerRelationshipsPage {
        ctx: admin.viewer,
        rows,
        notice: notice.map(Notice::info),
    })
}

/// Asks before a removal, when the partner has what would be removed.
async fn ask(
    admin: CustomerGlobalAdmin,
    raw_id: &str,
    db: &Db,
    removal: Removal,
) -> Result<HttpResponse, AppError> {
    let partner_id = checked_id(raw_id)?;
    let row = partners(&admin, db)
        .await?
        .into_iter()
        .find(|r| {
            r.partner.id == partner_id && (r.delegated_admin || removal == Removal::Relationship)
        })
        .ok_or(AppError::NotFound)?;
    confirm(
        admin.viewer,
        removal.confirmation(),
        &[("partner", &row.partner.name)],
        super::urls::ADMIN_RELATIONSHIPS,
    )
}

async fn carry_out(
    admin: CustomerGlobalAdmin,
    raw_id: &str,
    db: &Db,
    removal: Removal,
) -> Result<HttpResponse, AppError> {
    let partner_id = OrganizationId::from(checked_id(raw_id)?.to_string());
    let actor = admin.user.actor();
    let customer_id = admin.customer_id();
    db.run(move |conn| {
        Ok(match removal {
            Removal::Relationship => db::relationships::remove_customer_relationship(
                conn,
                &actor,
                Remover::Customer,
                &customer_id,
                &partner_id,
            )?,
            Removal::DelegatedAdmin => {
                db::relationships::remove_delegated_admin(conn, &actor, &customer_id, &partner_id)?
            }
        })
    })
    .await?;
    Ok(see_other(&format!(
        "{}?done={}",
        super::urls::ADMIN_RELATIONSHIPS,
        removal.done().0
    )))
}

pub async fn confirm_remove(
    admin: CustomerGlobalAdmin,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    ask(admin, &path, &db, Removal::Relationship).await
}

pub async fn remove(
    admin: CustomerGlobalAdmin,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("partner_id={}", path.as_str()));
    carry_out(admin, &path, &db, Removal::Relationship).await
}

pub async fn confirm_remove_delegated_admin(
    admin: CustomerGlobalAdmin,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    ask(admin, &path, &db, Removal::DelegatedAdmin).await
}

pub async fn remove_delegated_admin(
    admin: CustomerGlobalAdmin,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("partner_id={}", path.as_str()));
    carry_out(admin, &path, &db, Removal::DelegatedAdmin).await
}

//! A customer's subscriptions, one subscription's "Designated support contact" form, and the
//! review step after Submit.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::Notice;
use super::{checked_id, render, render_with_status, see_other};
use crate::auth::{CsrfForm, OnPageConnection, PartnerUser, Viewer};
use crate::db::organizations::Organization;
use crate::db::relationships::CustomerRelationshipRow;
use crate::db::subscriptions::{ChangeError, Subscription};
use crate::db::{self, Db};
use crate::domain::support_contact::{Candidate, ResellerFacts};
use crate::domain::{CustomerId, OrganizationId, SubscriptionId};
use crate::error::AppError;

/// A subscription as listed, with its contact's name resolved.
pub struct SubscriptionRow {
    pub sub: Subscription,
    pub contact_name: Option<String>,
}

#[derive(Template)]
#[template(path = "customer.html", config = "templates/askama.toml")]
pub struct CustomerPage {
    pub ctx: Viewer,
    pub customer: Organization,
    pub rows: Vec<SubscriptionRow>,
    /// The viewer's organization's relationship: None, or whether it has delegated admin
    /// privileges.
    pub own_relationship: Option<bool>,
    pub may_request_relationship: bool,
    /// For a provider's admins: the relationships of its partnered resellers with the customer.
    pub resellers: Option<Vec<CustomerRelationshipRow>>,
    pub notice: Option<Notice>,
    /// A provider's admins add subscriptions.
    pub may_add_subscription: bool,
    /// A partner's admins end the partner's own relationship.
    pub may_end_relationship: bool,
    /// A reseller sees the subscriptions it supports, without links to the provider's pages.
    pub is_reseller: bool,
    /// After Close on the review step: which contact the subscription now has.
    pub changed_note: Option<String>,
}

impl CustomerPage {
    pub fn relationship_id(&self) -> &'static str {
        match self.own_relationship {
            Some(true) => "customer-relationship-delegated",
            Some(false) => "customer-relationship-plain",
            None => "customer-relationship-none",
        }
    }
}

#[derive(Deserialize)]
pub struct CustomerQuery {
    removed: Option<String>,
    added: Option<String>,
    /// The subscription whose review step was closed.
    changed: Option<String>,
}

/// Resolves each subscription's contact name with one query for all of them.
fn with_contact_names(
    conn: &mut db::DbConnection,
    subs: Vec<Subscription>,
) -> Result<Vec<SubscriptionRow>, AppError> {
    let orgs = db::organizations::lookup(
        conn,
        subs.iter().filter_map(|s| s.support_contact_id.as_ref()),
    )?;
    Ok(subs
        .into_iter()
        .map(|sub| SubscriptionRow {
            contact_name: sub.support_contact_id.as_deref().map(|id| orgs.name(id)),
            sub,
        })
        .collect())
}

pub async fn list(
    partner: PartnerUser,
    path: web::Path<CustomerId>,
    query: web::Query<CustomerQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let customer_id = path.into_inner();
    checked_id(customer_id.as_str())?;
    let org_id = partner.user.organization_id.clone();
    let (kind, role) = (partner.user.organization_kind, partner.user.role);
    let oversees_resellers = role.may_manage_partnerships(kind);
    let (customer, rows, own_relationship, resellers) = db
        .run(move |conn| {
            let customer = db::organizations::customer_of_partner(conn, &org_id, &customer_id)?
                .ok_or(AppError::NotFound)?;
            let subs = if kind.is_reseller() {
                db::subscriptions::of_customer_supported_by(conn, &org_id, &customer_id)?
            } else {
                db::subscriptions::of_customer_from_provider(conn, &org_id, &customer_id)?
            };
            let own = db::relationships::delegated_admin_of(conn, &org_id, &customer_id)?;
            let resellers = if oversees_resellers {
                Some(db::relationships::partnered_resellers_of_customer(
                    conn,
                    &org_id,
                    &customer_id,
                )?)
            } else {
                None
            };
            Ok((customer, with_contact_names(conn, subs)?, own, resellers))
        })
        .await?;
    let changed_note = query.changed.as_deref().and_then(|id| {
        let row = rows.iter().find(|r| r.sub.id == id)?;
        Some(partner.viewer.t_args(
            "review-closed",
            &[
                ("product", row.sub.product_name.as_str()),
                ("contact", row.contact_name.as_deref().unwrap_or("")),
            ],
        ))
    });
    render(&CustomerPage {
        changed_note,
        ctx: partner.viewer,
        customer,
        rows,
        may_request_relationship: role.may_request_customer_relationships(kind),
        may_end_relationship: own_relationship.is_some()
            && role.may_request_customer_relationships(kind),
        own_relationship,
        resellers,
        notice: match (query.removed.is_some(), query.added.is_some()) {
            (true, _) => Some(Notice::info("customer-resellers-removed")),
            (_, true) => Some(Notice::info("subscription-added")),
            _ => None,
        },
        may_add_subscription: oversees_resellers,
        is_reseller: kind.is_reseller(),
    })
}

#[derive(Template)]
#[template(path = "subscription.html", config = "templates/askama.toml")]
pub struct SubscriptionPage {
    pub ctx: Viewer,
    pub customer: db::organizations::OrganizationName,
    pub sub: Subscription,
    pub provider_name: String,
    pub current_contact: Option<String>,
    pub available: Vec<Candidate>,
    pub may_change: bool,
    /// A provider's admins change the quantity and the status.
    pub may_manage: bool,
    /// A message about the last submission (refusal, conflict, no change).
    pub notice: Option<Notice>,
}

impl SubscriptionPage {
    pub fn is_current(&self, candidate: &Candidate) -> bool {
        self.sub.support_contact_id.as_deref() == Some(candidate.organization_id.as_str())
    }
}

struct Loaded {
    customer: db::organizations::OrganizationName,
    sub: Subscription,
    provider_name: String,
    current_contact: Option<String>,
    available: Vec<Candidate>,
}

/// Everything the subscription page shows, scoped to the partner's own subscriptions.
fn load_on(
    conn: &mut db::DbConnection,
    org_id: &OrganizationId,
    customer_id: &CustomerId,
    subscription_id: &SubscriptionId,
) -> Result<Loaded, AppError> {
    let view = db::subscriptions::view_for_provider(conn, org_id, customer_id, subscription_id)?
        .ok_or(AppError::NotFound)?;
    let facts =
        db::subscriptions::reseller_facts(conn, &view.sub.provider_id, &view.sub.customer_id)?;
    Ok(loaded(view, &facts))
}

/// The page's subscription with its available contacts, which `facts` decide.
fn loaded(view: db::subscriptions::SubscriptionView, facts: &[ResellerFacts]) -> Loaded {
    let available = crate::domain::support_contact::available_contacts(
        view.sub.provider_id.as_str(),
        &view.provider_name,
        facts,
    );
    let db::subscriptions::SubscriptionView {
        sub,
        customer,
        provider_name,
        contact_name: current_contact,
    } = view;
    Loaded {
        provider_name,
        current_contact,
        customer,
        sub,
        available,
    }
}

/// [`load_on`] on a connection of its own.
async fn load(
    db: &Db,
    org_id: OrganizationId,
    customer_id: CustomerId,
    subscription_id: SubscriptionId,
) -> Result<Loaded, AppError> {
    db.run(move |conn| load_on(conn, &org_id, &customer_id, &subscription_id))
        .await
}

fn page(viewer: Viewer, may_change: bool, loaded: Loaded) -> SubscriptionPage {
    let may_manage = viewer
        .user
        .as_ref()
        .is_some_and(|u| u.may_manage_partnerships());
    SubscriptionPage {
        may_manage,
        ctx: viewer,
        customer: loaded.customer,
        sub: loaded.sub,
        provider_name: loaded.provider_name,
        current_contact: loaded.current_contact,
        available: loaded.available,
        may_change,
        notice: None,
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
    problem: Option<String>,
}

/// The notice of the provider's last change on this page, from its redirect; only known ids.
fn edit_notice(query: &ShowQuery) -> Option<(&'static str, bool)> {
    if query.done.is_some() {
        return Some(("subscription-saved", false));
    }
    let id = match query.problem.as_deref()? {
        "stale" => "error-contact-stale",
        "subscription-error-cancelled" => "subscription-error-cancelled",
        "subscription-error-already-active" => "subscription-error-already-active",
        "subscription-error-already-suspended" => "subscription-error-already-suspended",
        "validation-quantity-required" => "validation-quantity-required",
        "validation-quantity-invalid" => "validation-quantity-invalid",
        _ => return None,
    };
    Some((id, true))
}

/// Opened for every subscription a partner looks at: one statement, the session check
/// included ([`db::subscriptions::page_on_session`]).
pub async fn show(
    partner: OnPageConnection<PartnerUser>,
    path: web::Path<(CustomerId, SubscriptionId)>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let (customer_id, subscription_id) = path.into_inner();
    let (partner, loaded) = partner
        .run_joined(
            move |conn, at| {
                Ok(db::subscriptions::page_on_session(
                    conn,
                    at,
                    &customer_id,
                    &subscription_id,
                )?)
            },
            |_, _, page| {
                let page = page.ok_or(AppError::NotFound)?;
                Ok(loaded(page.view, &page.facts))
            },
        )
        .await?;
    let may_change = partner.user.role.may_change_support_contact();
    let mut page = page(partner.viewer, may_change, loaded);
    if let Some((notice, is_error)) = edit_notice(&query) {
        page.notice = Some(Notice {
            id: notice,
            is_error,
        });
    }
    render(&page)
}

#[derive(Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    support_contact: String,
    #[serde(default)]
    version: String,
}

pub async fn submit(
    partner: PartnerUser,
    path: web::Path<(CustomerId, SubscriptionId)>,
    form: CsrfForm<ContactForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!(
        "customer_id={} subscription_id={}",
        path.0, path.1
    ));
    if !partner.user.role.may_change_support_contact() {
        return Err(AppError::Forbidden("error-role-may-not-change"));
    }
    let (customer_id, subscription_id) = path.into_inner();
    checked_id(customer_id.as_str())?;
    checked_id(subscription_id.as_str())?;
    let version: i32 = form
        .0
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let chosen = form.0.support_contact.trim().to_string();
    let actor = partner.user.actor();
    let (cid, sid) = (customer_id.clone(), subscription_id.clone());
    let outcome = db
        .run(move |conn| {
            Ok(db::subscriptions::change_support_contact(
                conn, &actor, &cid, &sid, version, &chosen,
            ))
        })
        .await?;
    let (status, notice, is_error) = match outcome {
        Ok(event_id) => {
            return Ok(see_other(&super::urls::review(
                customer_id,
                subscription_id,
                event_id,
            )))
        }
        Err(ChangeError::NotFound) => return Err(AppError::NotFound),
        Err(ChangeError::Db(e)) => return Err(e.into()),
        Err(ChangeError::Stale) => (StatusCode::CONFLICT, "error-contact-stale", true),
        Err(ChangeError::Refused(refusal)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, refusal.message_id(), true)
        }
        Err(ChangeError::Unchanged) => (StatusCode::OK, "contact-unchanged", false),
    };
    let loaded = load(
        &db,
        partner.user.organization_id.clone(),
        customer_id,
        subscription_id,
    )
    .await?;
    let mut page = page(partner.viewer, true, loaded);
    page.notice = Some(Notice {
        id: notice,
        is_error,
    });
    render_with_status(status, &page)
}

#[derive(Template)]
#[template(path = "review.html", config = "templates/askama.toml")]
pub struct ReviewPage {
    pub ctx: Viewer,
    pub customer: Organization,
    pub sub: Subscription,
    pub event: db::audit::AuditEvent,
}

pub async fn review(
    partner: PartnerUser,
    path: web::Path<(CustomerId, SubscriptionId, String)>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let (customer_id, subscription_id, event_id) = path.into_inner();
    for id in [customer_id.as_str(), subscription_id.as_str(), &event_id] {
        checked_id(id)?;
    }
    let org_id = partner.user.organization_id.clone();
    let (customer, sub, event) = db
        .run(move |conn| {
            let sub = db::subscriptions::find_for_provider(
                conn,
                &org_id,
                &customer_id,
                &subscription_id,
            )?
            .ok_or(AppError::NotFound)?;
            let event =
                db::audit::find_for_object(conn, &org_id, subscription_id.as_str(), &event_id)?
                    .ok_or(AppError::NotFound)?;
            let customer = db::organizations::find(conn, &customer_id.as_organization())?
                .ok_or(AppError::NotFound)?;
            Ok((customer, sub, event))
        })
        .await?;
    render(&ReviewPage {
        ctx: partner.viewer,
        customer,
        sub,
        event,
    })
}

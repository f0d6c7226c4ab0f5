//! A provider's own work on its subscriptions: adding one to a customer, changing its quantity,
//! suspending, reactivating and cancelling it. Each change carries the version the page was
//! shown with, so two people at once cannot overwrite each other, and is an audit event.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::confirm::{confirm_to, Confirmation};
use super::{checked_id, render, render_with_status, see_other, urls};
use crate::auth::{CsrfForm, ProviderAdmin, Viewer};
use crate::db::organizations::Organization;
use crate::db::subscriptions::{Edit, EditError};
use crate::db::{self, Db};
use crate::domain::customers::{
    check_quantity, check_subscription, Lifecycle, SubscriptionErrors, SubscriptionInput,
};
use crate::domain::{CommerceType, CustomerId, SubscriptionId};
use crate::error::AppError;

/// The provider's customer `raw_id`, or not found.
async fn own_customer(
    admin: &ProviderAdmin,
    db: &Db,
    raw_id: &str,
) -> Result<Organization, AppError> {
    let customer_id = CustomerId::from(checked_id(raw_id)?.to_string());
    let provider_id = admin.user.organization_id.clone();
    db.run(move |conn| {
        db::organizations::customer_of_partner(conn, &provider_id, &customer_id)?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[derive(Template)]
#[template(path = "subscription_new.html", config = "templates/askama.toml")]
pub struct NewSubscriptionPage {
    pub ctx: Viewer,
    pub customer: Organization,
    pub input: SubscriptionInput,
    pub errors: SubscriptionErrors,
    pub commerce_types: [CommerceType; 2],
}

impl NewSubscriptionPage {
    pub fn commerce_code(&self, commerce_type: &CommerceType) -> &'static str {
        crate::domain::customers::commerce_type_code(*commerce_type)
    }

    pub fn is_selected(&self, commerce_type: &CommerceType) -> bool {
        self.input.commerce_type == self.commerce_code(commerce_type)
    }
}

fn new_page(
    ctx: Viewer,
    customer: Organization,
    input: SubscriptionInput,
    errors: SubscriptionErrors,
) -> NewSubscriptionPage {
    NewSubscriptionPage {
        ctx,
        customer,
        input,
        errors,
        commerce_types: CommerceType::ALL,
    }
}

pub async fn new_form(
    admin: ProviderAdmin,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let customer = own_customer(&admin, &db, &path).await?;
    let input = SubscriptionInput {
        quantity: "1".into(),
        commerce_type: "legacy".into(),
        start_date: crate::db::now().date().format("%Y-%m-%d").to_string(),
        ..SubscriptionInput::default()
    };
    render(&new_page(
        admin.viewer,
        customer,
        input,
        SubscriptionErrors::default(),
    ))
}

#[derive(Deserialize)]
pub struct NewSubscriptionForm {
    #[serde(default)]
    product: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    commerce_type: String,
    #[serde(default)]
    start_date: String,
    #[serde(default)]
    external_id: String,
}

pub async fn add(
    admin: ProviderAdmin,
    path: web::Path<String>,
    form: CsrfForm<NewSubscriptionForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("customer_id={}", path.as_str()));
    let customer = own_customer(&admin, &db, &path).await?;
    let f = form.0;
    let input = SubscriptionInput {
        product: f.product,
        quantity: f.quantity,
        commerce_type: f.commerce_type,
        start_date: f.start_date,
        external_id: f.external_id,
    };
    let new = match check_subscription(&input) {
        Ok(new) => new,
        Err(errors) => {
            return render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &new_page(admin.viewer, customer, input, errors),
            )
        }
    };
    let actor = admin.user.actor();
    let customer_id = customer.customer_id().ok_or(AppError::NotFound)?;
    let added = db
        .run(
            move |conn| match db::subscriptions::add(conn, &actor, &customer_id, &new) {
                Ok(sub) => Ok(Ok(sub)),
                Err(EditError::Refused(id)) => Ok(Err(id)),
                Err(EditError::Db(e)) => Err(e.into()),
                Err(EditError::NotFound | EditError::Stale) => Err(AppError::NotFound),
            },
        )
        .await?;
    match added {
        Ok(_) => Ok(see_other(&format!(
            "{}?added=1",
            urls::customer(&customer.id)
        ))),
        Err(id) => {
            let errors = SubscriptionErrors {
                external_id: Some(id),
                ..SubscriptionErrors::default()
            };
            render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &new_page(admin.viewer, customer, input, errors),
            )
        }
    }
}

#[derive(Deserialize)]
pub struct QuantityForm {
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    version: String,
}

#[derive(Deserialize)]
pub struct StepForm {
    version: Option<String>,
}

/// The version a cancellation's confirmation carries in its address.
#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<String>,
}

fn version_of(raw: &str) -> Result<i32, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::BadRequest("error-bad-form"))
}

/// Makes an edit and comes back to the subscription's page, which says what happened.
async fn apply(
    admin: ProviderAdmin,
    ids: (CustomerId, SubscriptionId),
    version: i32,
    edit: Edit,
    db: &Db,
) -> Result<HttpResponse, AppError> {
    let (customer_id, subscription_id) = ids;
    checked_id(customer_id.as_str())?;
    checked_id(subscription_id.as_str())?;
    let actor = admin.user.actor();
    let (cid, sid) = (customer_id.clone(), subscription_id.clone());
    let outcome = db
        .run(
            move |conn| match db::subscriptions::edit(conn, &actor, &cid, &sid, version, edit) {
                Ok(_) => Ok(Ok(())),
                Err(EditError::NotFound) => Err(AppError::NotFound),
                Err(EditError::Db(e)) => Err(e.into()),
                Err(EditError::Stale) => Ok(Err("stale")),
                Err(EditError::Refused(id)) => Ok(Err(id)),
            },
        )
        .await?;
    let page = urls::subscription(customer_id, subscription_id);
    Ok(match outcome {
        Ok(()) => see_other(&format!("{page}?done=1")),
        Err(problem) => see_other(&format!("{page}?problem={problem}")),
    })
}

pub async fn quantity(
    admin: ProviderAdmin,
    path: web::Path<(CustomerId, SubscriptionId)>,
    form: CsrfForm<QuantityForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!(
        "customer_id={} subscription_id={}",
        path.0, path.1
    ));
    let version = version_of(&form.0.version)?;
    let ids = path.into_inner();
    match check_quantity(&form.0.quantity) {
        Ok(q) => apply(admin, ids, version, Edit::Quantity(q), &db).await,
        Err(id) => Ok(see_other(&format!(
            "{}?problem={id}",
            urls::subscription(checked_id(ids.0.as_str())?, checked_id(ids.1.as_str())?)
        ))),
    }
}

pub async fn step(
    admin: ProviderAdmin,
    path: web::Path<(CustomerId, SubscriptionId, String)>,
    query: web::Query<VersionQuery>,
    form: CsrfForm<StepForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!(
        "customer_id={} subscription_id={} step={}",
        path.0, path.1, path.2
    ));
    let (customer_id, subscription_id, step) = path.into_inner();
    let step = Lifecycle::parse(&step).ok_or(AppError::NotFound)?;
    let raw = form.0.version.or_else(|| query.into_inner().version);
    let version = version_of(raw.as_deref().unwrap_or(""))?;
    apply(
        admin,
        (customer_id, subscription_id),
        version,
        Edit::Step(step),
        &db,
    )
    .await
}

const CANCEL: Confirmation = Confirmation {
    title_id: "subscription-cancel-title",
    question_id: "subscription-cancel-question",
    consequence_id: "subscription-cancel-consequence",
    button_id: "subscription-cancel",
};

/// Asks before cancelling: a cancelled subscription stays cancelled. The form carries the
/// version the subscription has now.
pub async fn confirm_cancel(
    admin: ProviderAdmin,
    path: web::Path<(CustomerId, SubscriptionId)>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let (customer_id, subscription_id) = path.into_inner();
    checked_id(customer_id.as_str())?;
    checked_id(subscription_id.as_str())?;
    let provider_id = admin.user.organization_id.clone();
    let (cid, sid) = (customer_id.clone(), subscription_id.clone());
    let sub = db
        .run(move |conn| {
            db::subscriptions::find_for_provider(conn, &provider_id, &cid, &sid)?
                .ok_or(AppError::NotFound)
        })
        .await?;
    let page = urls::subscription(&customer_id, &subscription_id);
    // The confirmation posts to the "cancel" step with the version shown here.
    let action = format!(
        "{}?version={}",
        urls::subscription_step(&customer_id, &subscription_id, "cancel"),
        sub.version
    );
    confirm_to(
        admin.viewer,
        &CANCEL,
        &[("product", &sub.product_name)],
        &action,
        &page,
    )
}

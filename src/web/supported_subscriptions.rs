//! The reseller's "Supported subscriptions" page: every subscription for which its organization
//! is the designated support contact, read-only (the provider manages the subscription).

use actix_web::{web, HttpResponse};
use askama::Template;

use super::render;
use crate::auth::{ResellerUser, Viewer};
use crate::db::subscriptions::SupportedSubscription;
use crate::db::{self, Db};
use crate::error::AppError;

#[derive(Template)]
#[template(path = "supported_subscriptions.html")]
pub struct SupportedSubscriptionsPage {
    pub ctx: Viewer,
    pub rows: Vec<SupportedSubscription>,
}

pub async fn list(reseller: ResellerUser, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let reseller_id = reseller.user.organization_id.clone();
    let rows = db
        .run(move |conn| Ok(db::subscriptions::supported_by(conn, &reseller_id)?))
        .await?;
    render(&SupportedSubscriptionsPage {
        ctx: reseller.viewer,
        rows,
    })
}

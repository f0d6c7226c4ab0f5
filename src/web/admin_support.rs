//! The customer admin's Admin area, Support section: each subscription's designated support
//! contact with the details to reach them.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::auth::{CustomerAdmin, OnPageConnection, Viewer};
use crate::db;
use crate::db::organizations::Organization;
use crate::domain::profile::{mailto_href, tel_uri};
use crate::error::AppError;

/// One subscription and who supports it.
pub struct SupportRow {
    pub product_name: String,
    pub provider_name: String,
    /// The designated support contact; for new commerce, the provider that sold it.
    pub contact: Option<Organization>,
    pub is_new_commerce: bool,
}

impl SupportRow {
    pub fn tel(&self) -> Option<String> {
        self.contact
            .as_ref()
            .and_then(|c| c.support_phone.as_deref())
            .map(tel_uri)
    }

    /// The contact's `mailto:` link, percent-encoded (see [`mailto_href`]).
    pub fn mailto(&self) -> Option<String> {
        self.contact
            .as_ref()
            .and_then(|c| c.support_email.as_deref())
            .map(mailto_href)
    }
}

#[derive(Template)]
#[template(path = "admin_support.html")]
pub struct AdminSupportPage {
    pub ctx: Viewer,
    pub rows: Vec<SupportRow>,
}

/// Read by every customer admin who looks for help: one trip to the database, the session
/// check included.
pub async fn show(admin: OnPageConnection<CustomerAdmin>) -> Result<HttpResponse, AppError> {
    let (admin, rows) = admin
        .run(move |conn, user| {
            let customer_id = CustomerAdmin::customer_of(user);
            let subs = db::subscriptions::of_customer(conn, &customer_id)?;
            let orgs = db::organizations::of_customer_subscriptions(conn, &customer_id)?;
            let org = |id: &str| orgs.get(id).cloned();
            Ok(subs
                .into_iter()
                .map(|s| {
                    let is_new_commerce = !s.has_contact_section();
                    let contact_id = s
                        .support_contact_id
                        .as_deref()
                        .unwrap_or(s.provider_id.as_str());
                    SupportRow {
                        product_name: s.product_name.clone(),
                        provider_name: orgs.name(s.provider_id.as_str()),
                        contact: org(contact_id),
                        is_new_commerce,
                    }
                })
                .collect::<Vec<_>>())
        })
        .await?;
    render(&AdminSupportPage {
        ctx: admin.viewer,
        rows,
    })
}

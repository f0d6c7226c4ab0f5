//! The customer admin's Admin area, Support section: each subscription's designated support
//! contact with the details to reach them.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::auth::{CustomerAdmin, OnPageConnection, Viewer};
use crate::db;
use crate::db::subscriptions::ContactDetails;
use crate::domain::profile::{mailto_href, tel_uri};
use crate::error::AppError;

/// One subscription and who supports it.
pub struct SupportRow {
    pub product_name: String,
    pub provider_name: String,
    /// The designated support contact; for new commerce, the provider that sold it.
    pub contact: ContactDetails,
    pub is_new_commerce: bool,
}

impl SupportRow {
    pub fn tel(&self) -> Option<String> {
        self.contact.support_phone.as_deref().map(tel_uri)
    }

    /// The contact's `mailto:` link, percent-encoded (see [`mailto_href`]).
    pub fn mailto(&self) -> Option<String> {
        self.contact.support_email.as_deref().map(mailto_href)
    }
}

#[derive(Template)]
#[template(path = "admin_support.html", config = "templates/askama.toml")]
pub struct AdminSupportPage {
    pub ctx: Viewer,
    pub rows: Vec<SupportRow>,
}

/// Read by every customer admin who looks for help: one statement, the session check and
/// the page's rows together.
pub async fn show(admin: OnPageConnection<CustomerAdmin>) -> Result<HttpResponse, AppError> {
    let (admin, rows) = admin
        .run_joined(
            |conn, at| Ok(db::subscriptions::support_lines_on_session(conn, at)?),
            |_, _, lines| {
                Ok(lines
                    .into_iter()
                    .map(|line| SupportRow {
                        is_new_commerce: !line.commerce_type.has_designated_support_contact(),
                        contact: line.contact().clone(),
                        provider_name: line.provider.name,
                        product_name: line.product_name,
                    })
                    .collect::<Vec<_>>())
            },
        )
        .await?;
    render(&AdminSupportPage {
        ctx: admin.viewer,
        rows,
    })
}

//! The reseller's "Supported subscriptions" page: the subscriptions for which its organization
//! is the designated support contact, read-only (the provider manages the subscription), in
//! pages read by keyset (customer name, product name, id), so that a reseller that supports
//! tens of thousands of subscriptions gets pages of the same size as one that supports ten.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::paging::{self, Pager};
use super::render_with_status;
use crate::auth::{OnPageConnection, ResellerUser, Viewer};
use crate::db;
use crate::db::subscriptions::SupportedSubscription;
use crate::domain::{PageAt, SubscriptionCursor};
use crate::error::AppError;

/// Subscriptions shown on one page.
pub const PAGE_SIZE: i64 = 50;

#[derive(Deserialize)]
pub struct SupportedQuery {
    after: Option<String>,
    before: Option<String>,
}

#[derive(Template)]
#[template(
    path = "supported_subscriptions.html",
    config = "templates/askama.toml"
)]
pub struct SupportedSubscriptionsPage {
    pub ctx: Viewer,
    pub rows: Vec<SupportedSubscription>,
    pub pager: Pager,
    /// The Fluent id of an error shown above the list.
    pub error: Option<&'static str>,
}

fn page_href(key: &str, row: &SupportedSubscription) -> String {
    let cursor = SubscriptionCursor {
        customer_name: row.customer_name.clone(),
        product_name: row.product_name.clone(),
        id: row.id.to_string(),
    };
    format!(
        "{}?{}",
        super::urls::SUPPORTED_SUBSCRIPTIONS,
        paging::cursor_param(key, &cursor)
    )
}

pub async fn list(
    reseller: OnPageConnection<ResellerUser>,
    query: web::Query<SupportedQuery>,
) -> Result<HttpResponse, AppError> {
    // A link that does not read (cut, edited, or from an older version) is answered with the
    // first page and a message that says so, never with an error page.
    let (at, error) = match PageAt::from_links(
        query.after.as_deref(),
        query.before.as_deref(),
        SubscriptionCursor::parse,
    ) {
        Some(at) => (at, None),
        None => (PageAt::First, Some("supported-bad-cursor")),
    };
    let position = at.clone();
    // One trip to the database, the session check included; a page is one short index walk.
    let (reseller, mut rows) = reseller
        .run(move |conn, user| {
            Ok(db::subscriptions::supported_page(
                conn,
                &user.organization_id,
                &position,
                PAGE_SIZE,
            )?)
        })
        .await?;
    let pager = paging::cut_page(&mut rows, &at, PAGE_SIZE, page_href);
    let status = match error {
        Some(_) => StatusCode::BAD_REQUEST,
        None => StatusCode::OK,
    };
    render_with_status(
        status,
        &SupportedSubscriptionsPage {
            ctx: reseller.viewer,
            rows,
            pager,
            error,
        },
    )
}

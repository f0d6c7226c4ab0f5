//! The front door: sends each user to where their work is, and serves the stylesheet and the
//! icon.

use actix_web::HttpResponse;

use super::see_other;
use crate::auth::Viewer;
use crate::error::AppError;

/// Partners go to Customers, customers to their Admin area, everyone else to sign in.
pub async fn index(viewer: Viewer) -> Result<HttpResponse, AppError> {
    Ok(match &viewer.user {
        Some(u) if u.organization_kind.is_partner() => see_other(super::urls::CUSTOMERS),
        Some(_) => see_other(super::urls::ADMIN_SUPPORT),
        None => see_other(super::urls::SIGN_IN),
    })
}

const STYLESHEET: &str = include_str!("../../static/app.css");

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(STYLESHEET)
}

const FAVICON: &str = include_str!("../../static/favicon.svg");

/// The site's icon, at the address browsers ask for and the one the pages name.
pub async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(FAVICON)
}

//! The JSON API under `/v1`, in Partner Center's shapes: OAuth 2.0 client credentials for a
//! bearer token, customers, subscriptions, a subscription's support contact (GET/PUT with
//! `ETag`/`If-Match`), its available support contacts, the support profile and the audit log.
//! The same rules as the pages, by the same code: roles from `domain::roles`, tenant scoping in
//! the queries of `db/`, eligibility in `domain::support_contact`, changes through
//! `db::subscriptions::change_support_contact`. Errors are JSON (see [`error`]).

pub mod bulk;
pub mod error;
pub mod resources;
pub mod token;

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::urls;
use crate::auth::extract::request_locale;
use crate::error::{message_id_for_status, AppError};
use crate::i18n::I18n;
use error::{code_for_status, ApiError};

/// True for the API's paths, which answer JSON and take no session cookie.
pub fn is_api_path(path: &str) -> bool {
    path == urls::API || path.starts_with("/v1/")
}

/// The API's routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use resources as r;
    cfg.route(urls::API_TOKEN, web::post().to(token::issue))
        .route(urls::API_CUSTOMERS, web::get().to(r::customers))
        .route(
            urls::route::API_SUBSCRIPTIONS,
            web::get().to(r::subscriptions),
        )
        .route(
            urls::route::API_SUBSCRIPTION,
            web::get().to(r::subscription),
        )
        .route(
            urls::route::API_SUPPORT_CONTACT,
            web::get().to(r::support_contact),
        )
        .route(
            urls::route::API_SUPPORT_CONTACT,
            web::put().to(r::change_support_contact),
        )
        .route(
            urls::route::API_ELIGIBLE_CONTACTS,
            web::get().to(r::eligible_contacts),
        )
        .route(urls::API_SUPPORT_PROFILE, web::get().to(r::support_profile))
        .route(urls::API_AUDIT, web::get().to(r::audit_records))
        .route(
            urls::API_BULK_SUPPORT_CONTACT,
            web::post().to(bulk::change_support_contacts),
        );
}

/// A JSON answer; API answers are never cached.
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Result<HttpResponse, ApiError> {
    let text = serde_json::to_string(body)
        .map_err(|e| ApiError::from(AppError::Internal(format!("json: {e}"))))?;
    Ok(HttpResponse::build(status)
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text))
}

/// The JSON body of an error response under `/v1`: `{"code", "description"}` in the language
/// of `Accept-Language`, plus `current` for a refused conditional change.
pub fn json_error<B>(res: ServiceResponse<B>) -> ServiceResponse<BoxBody> {
    let status = res.status();
    let error = res.response().error();
    let api = error.and_then(|e| e.as_error::<ApiError>());
    let app = error.and_then(|e| e.as_error::<AppError>());
    let (code, message_id) = match (api, app) {
        (Some(api), _) => (api.code, api.message_id),
        (None, Some(app)) => (code_for_status(status), app.message_id()),
        (None, None) => (code_for_status(status), message_id_for_status(status)),
    };
    let request = res.request().clone();
    let description = request
        .app_data::<web::Data<I18n>>()
        .map(|i18n| i18n.format(request_locale(&request), message_id, None))
        .unwrap_or_default();
    let mut body = serde_json::json!({ "code": code, "description": description });
    if let Some((current, _)) = api.and_then(|a| a.current.as_ref()) {
        body["current"] = current.clone();
    }
    let mut builder = HttpResponse::build(status);
    builder
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-store"));
    for name in [
        header::RETRY_AFTER,
        header::ALLOW,
        header::WWW_AUTHENTICATE,
        header::ETAG,
    ] {
        if let Some(value) = res.headers().get(&name) {
            builder.insert_header((name, value.clone()));
        }
    }
    let (req, _) = res.into_parts();
    ServiceResponse::new(req, builder.body(body.to_string()))
}

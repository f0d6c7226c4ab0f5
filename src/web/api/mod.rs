//! The JSON API under `/v1`, in Partner Center's shapes: OAuth 2.0 client credentials for a
//! bearer token, customers, subscriptions, a subscription's support contact (GET/PUT with
//! `ETag`/`If-Match`), its available support contacts, the support profile and the audit log.
//! The same rules as the pages, by the same code: roles from `domain::roles`, tenant scoping in
//! the queries of `db/`, eligibility in `domain::support_contact`, changes through
//! `db::subscriptions::change_support_contact`. Errors are JSON (see [`error`]).
//!
//! `GET /v1/openapi.json` is the API's OpenAPI 3.1 document, generated from the code. A new
//! route is one line in `api_routes!` below and a `#[utoipa::path]` on its handler; the tests
//! in `tests/it/api_openapi.rs` then want each status it declares seen once and matching.

pub mod bulk;
pub mod error;
pub mod resources;
pub mod token;

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use serde::Serialize;
use std::sync::LazyLock;
use utoipa::{Modify, OpenApi};

use super::urls;
use crate::auth::extract::request_locale;
use crate::error::{message_id_for_status, AppError};
use crate::i18n::I18n;
use error::{code_for_status, ApiError, ErrorBody};

/// True for the API's paths, which answer JSON and take no session cookie.
pub fn is_api_path(path: &str) -> bool {
    path == urls::API || path.starts_with("/v1/")
}

/// Every route under `/v1`, once: `method pattern => handler;`. The one list registers the
/// routes ([`routes`]), names the operations of the OpenAPI document ([`ApiDoc`]; a handler
/// without its `#[utoipa::path]` does not compile) and is what the tests compare the document
/// with ([`ROUTES`]), so a route cannot be served undocumented or documented at a wrong path.
macro_rules! api_routes {
    ($($method:ident $pattern:expr => $($handler:ident)::+;)*) => {
        /// The API's routes as `(method, path pattern)`, in the order they are registered.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $pattern)),*];

        /// The API's routes.
        pub fn routes(cfg: &mut web::ServiceConfig) {
            // The document is built here, while the app starts, rather than by a first request.
            LazyLock::force(&DOCUMENT);
            $(cfg.route($pattern, web::$method().to($($handler)::+));)*
        }

        /// The API's OpenAPI 3.1 document, generated from the handlers' annotations and the
        /// types they answer.
        #[derive(OpenApi)]
        #[openapi(
            paths($($($handler)::+),*),
            modifiers(&ClientCredentials),
            info(
                title = "support-contacts API",
                description = "Partner Center's support contact resources: customers, \
                    subscriptions, a subscription's support contact, the support profile and \
                    the audit log, for the API clients of a partner."
            )
        )]
        pub struct ApiDoc;
    };
}

api_routes! {
    post urls::API_TOKEN => token::issue;
    get urls::API_OPENAPI => openapi;
    get urls::API_CUSTOMERS => resources::customers;
    get urls::route::API_SUBSCRIPTIONS => resources::subscriptions;
    get urls::route::API_SUBSCRIPTION => resources::subscription;
    get urls::route::API_SUPPORT_CONTACT => resources::support_contact;
    put urls::route::API_SUPPORT_CONTACT => resources::change_support_contact;
    get urls::route::API_ELIGIBLE_CONTACTS => resources::eligible_contacts;
    get urls::API_SUPPORT_PROFILE => resources::support_profile;
    get urls::API_AUDIT => resources::audit_records;
    post urls::API_BULK_SUPPORT_CONTACT => bulk::change_support_contacts;
}

/// The name of the bearer token's security scheme in the document.
pub const SECURITY_SCHEME: &str = "oauth2";

/// Adds the security scheme: a bearer token from OAuth 2.0 client credentials at `/v1/token`.
struct ClientCredentials;

impl Modify for ClientCredentials {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{self, Flow, OAuth2, Scopes, SecurityScheme};
        let flow = Flow::ClientCredentials(security::ClientCredentials::new(
            urls::API_TOKEN,
            Scopes::new(),
        ));
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(SECURITY_SCHEME, SecurityScheme::OAuth2(OAuth2::new([flow])));
    }
}

/// The document as JSON; it is the same for every caller.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_json()
        .expect("the OpenAPI document serializes")
});

/// `GET /v1/openapi.json`: the API's OpenAPI document; no token needed.
#[utoipa::path(
    get,
    path = urls::API_OPENAPI,
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object))
)]
pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(DOCUMENT.as_str())
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
    let body = ErrorBody {
        code,
        description,
        current: api.and_then(|a| a.current.as_ref()).map(|(c, _)| c.clone()),
    };
    let body = serde_json::to_string(&body).unwrap_or_default();
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
    ServiceResponse::new(req, builder.body(body))
}

//! Who is asking through the API: [`ApiCaller`] only exists for a bearer token that works now
//! (its client neither revoked nor expired) and within the client's request rate. The API never
//! reads the session cookie, so a signed-in browser has no authority there.
//!
//! The rate is a fixed window per client, counted in the database: several instances share
//! one count.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};

use crate::db::api_clients::ApiClient;
use crate::db::audit::Actor;
use crate::db::organizations::Organization;
use crate::db::{self, Db};
use crate::domain::roles::Role;
use crate::domain::OrgKind;
use crate::i18n::Locale;
use crate::web::api::error::ApiError;

/// The client behind the request's bearer token, and its organization.
pub struct ApiCaller {
    pub client: ApiClient,
    pub organization: Organization,
    pub locale: Locale,
}

impl ApiCaller {
    pub fn role(&self) -> Role {
        self.client.role
    }

    pub fn kind(&self) -> OrgKind {
        self.organization.kind
    }

    /// The client as the audit log names it.
    pub fn actor(&self) -> Actor {
        self.client.actor()
    }
}

/// How many requests a client may send per window ([`crate::domain::api::WINDOW_SECS`]). The
/// count is kept in the database ([`db::api_clients::count_request`]), so it holds across
/// instances.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit(pub u32);

/// The token of an `Authorization: Bearer …` header.
fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

impl FromRequest for ApiCaller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<ApiCaller, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token = bearer_token(&req).ok_or_else(ApiError::unauthorized)?;
            let db = req
                .app_data::<web::Data<Db>>()
                .cloned()
                .ok_or_else(|| ApiError::from(crate::error::AppError::Internal("no db".into())))?;
            let limit = req.app_data::<web::Data<RateLimit>>().map(|l| l.0);
            let found = db
                .run(move |conn| {
                    let now = db::now();
                    let Some(found) = db::api_clients::caller(conn, &token, now)? else {
                        return Ok(None);
                    };
                    let admitted = match limit {
                        Some(limit) => {
                            db::api_clients::count_request(conn, &found.0.id, limit, now)?
                        }
                        None => Ok(()),
                    };
                    Ok(Some((found, admitted)))
                })
                .await?;
            let ((client, organization), admitted) = found.ok_or_else(ApiError::unauthorized)?;
            if !(organization.kind.is_partner() && client.role.is_partner_role()) {
                return Err(ApiError::role());
            }
            admitted.map_err(ApiError::rate_limited)?;
            tracing::Span::current().record("user", client.id.as_str());
            Ok(ApiCaller {
                client,
                organization,
                locale: crate::auth::extract::request_locale(&req),
            })
        })
    }
}

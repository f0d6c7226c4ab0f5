//! Who is asking through the API: [`ApiCaller`] only exists for a bearer token that works now
//! (its client neither revoked nor expired) and within the client's request rate. The API never
//! reads the session cookie, so a signed-in browser has no authority there.
//!
//! The rate is a fixed window per client, counted in this process's memory: with several
//! instances each counts its own share (see the README).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};

use crate::db::api_clients::ApiClient;
use crate::db::audit::Actor;
use crate::db::organizations::Organization;
use crate::db::{self, Db};
use crate::domain::api::{admit, Window};
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

/// Requests per client per window, in this process.
pub struct RateLimiter {
    limit: u32,
    windows: Mutex<HashMap<String, Window>>,
}

impl RateLimiter {
    pub fn new(limit_per_minute: u32) -> RateLimiter {
        RateLimiter {
            limit: limit_per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request of `client_id`, or says how many seconds until it may send another.
    pub fn admit(&self, client_id: &str) -> Result<(), u64> {
        let now = db::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 10_000 {
            // Forget finished windows, so the table holds only the clients of the last minute.
            windows.retain(|_, w| admit(Some(*w), u32::MAX, now).is_ok_and(|n| n.count > 1));
        }
        let next = admit(windows.get(client_id).copied(), self.limit, now)?;
        windows.insert(client_id.to_string(), next);
        Ok(())
    }
}

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
            let found = db
                .run(move |conn| Ok(db::api_clients::caller(conn, &token, db::now())?))
                .await?;
            let (client, organization) = found.ok_or_else(ApiError::unauthorized)?;
            if !(organization.kind.is_partner() && client.role.is_partner_role()) {
                return Err(ApiError::role());
            }
            if let Some(limiter) = req.app_data::<web::Data<RateLimiter>>() {
                limiter.admit(&client.id).map_err(ApiError::rate_limited)?;
            }
            tracing::Span::current().record("user", client.id.as_str());
            Ok(ApiCaller {
                client,
                organization,
                locale: crate::auth::extract::request_locale(&req),
            })
        })
    }
}

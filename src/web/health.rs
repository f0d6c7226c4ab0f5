//! Health checks for load balancers and orchestrators: `/healthz` says the process answers,
//! `/readyz` says it can reach its database. Both are plain text, never touch the session (no
//! cookie is set) and are logged at debug level only (see `request_log`), since they are asked
//! every few seconds. Security headers still apply (they wrap every response).

use std::time::Duration;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};

use super::error_pages::PageRendered;
use crate::db::Db;

/// The paths, for the request log.
pub const PATHS: [&str; 2] = [super::urls::HEALTHZ, super::urls::READYZ];

/// How long `/readyz` waits for a connection and an answer before it says "not ready".
pub const READY_TIMEOUT: Duration = Duration::from_secs(2);

fn plain(status: StatusCode, text: &'static str) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text);
    // A probe reads the text, not a localized HTML page.
    res.extensions_mut().insert(PageRendered);
    res
}

/// The process is alive; the database is not asked.
pub async fn healthz() -> HttpResponse {
    plain(StatusCode::OK, "ok")
}

/// A pooled connection answers a query within [`READY_TIMEOUT`]: "ready", else 503 "not ready"
/// with `Retry-After`, so the balancer sends traffic elsewhere until the database is back.
pub async fn readyz(db: web::Data<Db>) -> HttpResponse {
    match db.check_ready(READY_TIMEOUT).await {
        Ok(()) => plain(StatusCode::OK, "ready"),
        Err(cause) => {
            tracing::warn!(%cause, "not ready");
            let mut res = plain(StatusCode::SERVICE_UNAVAILABLE, "not ready");
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
            res
        }
    }
}

//! The request log: every request gets an id, sent back as `X-Request-Id` and carried by every
//! log line written while it is served (database work on blocking threads included, see
//! `Db::run`), and one line when it ends: method, path without secret tokens, status, time.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

use crate::domain::invitations::redact_tokens;

/// The response header that names the request, so a user's report can be found in the log.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A short random id: 8 bytes, hex.
fn new_request_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The middleware function.
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = new_request_id();
    let started = Instant::now();
    // Kept as they are (a method and an address are cheap to copy) and written out only for a
    // line that is written: under the usual `warn` level of a busy server, no request line is.
    let method = req.method().clone();
    let uri = req.uri().clone();
    let path = || redact_tokens(&uri.to_string());
    // Health probes come every few seconds: they are logged at debug level only.
    let is_probe = super::health::PATHS.contains(&req.path());
    // `user` is filled in when the session's user is known (see `Viewer::load`), `touches` by
    // the handlers that change something (see [`touches`]).
    let span = tracing::info_span!(
        "request",
        id = %id,
        user = tracing::field::Empty,
        touches = tracing::field::Empty
    );
    let result = next.call(req).instrument(span.clone()).await;
    let _in_request = span.enter();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(mut res) => {
            let status = res.status().as_u16();
            if is_probe {
                if tracing::enabled!(tracing::Level::DEBUG) {
                    let path = path();
                    tracing::debug!(%method, %path, status, elapsed_ms, "request");
                }
            } else if tracing::enabled!(tracing::Level::INFO) {
                let path = path();
                tracing::info!(%method, %path, status, elapsed_ms, "request");
            }
            if let Ok(value) = HeaderValue::from_str(&id) {
                res.headers_mut().insert(REQUEST_ID, value);
            }
            Ok(res)
        }
        Err(e) => {
            let path = path();
            tracing::warn!(%method, %path, error = %e, elapsed_ms, "request failed");
            Err(e)
        }
    }
}

/// Records on the request's log line which objects a write handler touches (ids, never
/// tokens or personal data). Ids come from the address as typed, so only the characters an id
/// has are kept: nothing a client sends can forge a log line.
pub fn touches(ids: std::fmt::Arguments<'_>) {
    let text: String = ids
        .to_string()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | ' '))
        .take(300)
        .collect();
    tracing::Span::current().record("touches", text.as_str());
}

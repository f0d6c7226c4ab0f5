//! What every request passes before its handler: who the client is (its address, believed from
//! `X-Forwarded-For` only when the connection comes from a trusted proxy), how many requests
//! that address has in progress (more than the cap get 429 at once), how long it may take to
//! send a body (a slow body gets 408), and, for a form sent with POST, whether it came from a
//! page of this site (`Sec-Fetch-Site`, else `Origin`), a second line behind the CSRF token.

use std::collections::HashMap;
use std::future::Future as _;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{web, HttpMessage, HttpRequest};
use futures_util::Stream;
use ipnet::IpNet;

use crate::auth::password::ClientProbe;
use crate::config::Settings;
use crate::error::AppError;

/// The client's address, as this request's extensions carry it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

/// The client's address: the connection's, or, when the connection comes from a trusted proxy,
/// the last address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(req: &HttpRequest, trusted: &[IpNet]) -> IpAddr {
    let peer = req
        .peer_addr()
        .map(|a| a.ip().to_canonical())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop that is not an address ends the walk: what lies left of it is unknown.
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = ip.to_canonical();
        if !is_trusted(&client) {
            break;
        }
    }
    client
}

/// The client address a handler sees (set by [`guard_requests`]).
pub fn request_client(req: &HttpRequest) -> IpAddr {
    req.extensions()
        .get::<ClientAddress>()
        .map(|c| c.0)
        .unwrap_or_else(|| {
            let trusted = req
                .app_data::<web::Data<Settings>>()
                .map(|s| s.trusted_proxies.clone())
                .unwrap_or_default();
            client_address(req, &trusted)
        })
}

/// A second handle on the client's connection, made when it was accepted (see `startup`).
pub fn client_probe(req: &HttpRequest) -> Option<ClientProbe> {
    req.conn_data::<ClientProbe>().cloned()
}

/// Requests in progress per client address, shared by every worker of the process.
#[derive(Default)]
pub struct InFlight(Mutex<HashMap<IpAddr, usize>>);

/// One request's place in [`InFlight`], given back when the request ends.
pub struct Slot {
    table: Arc<InFlight>,
    address: IpAddr,
}

impl InFlight {
    /// A place for one more request from `address`, or None when it has `cap` already.
    pub fn enter(table: &Arc<InFlight>, address: IpAddr, cap: usize) -> Option<Slot> {
        let mut counts = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = counts.entry(address).or_insert(0);
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(Slot {
            table: Arc::clone(table),
            address,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = counts.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.address);
            }
        }
    }
}

/// The message of a body that did not arrive in time.
#[derive(Debug)]
struct BodyTimeout;

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimeout {}

/// True when reading a body failed because it did not arrive in time (see [`DeadlineBody`]).
fn timed_out(e: &PayloadError) -> bool {
    matches!(e, PayloadError::Io(io) if io.get_ref().is_some_and(|inner| inner.is::<BodyTimeout>()))
}

/// True when a body extractor failed because the body did not arrive in time.
pub fn is_body_timeout(e: &actix_web::Error) -> bool {
    e.as_error::<PayloadError>().is_some_and(timed_out)
}

/// What an upload's read error means for the person: a body that came too slowly is a 408,
/// anything else a malformed form.
pub fn upload_error(e: actix_multipart::MultipartError) -> AppError {
    match e {
        actix_multipart::MultipartError::Payload(ref p) if timed_out(p) => AppError::RequestTimeout,
        _ => AppError::BadRequest("error-bad-form"),
    }
}

/// A request body that ends in an error once its deadline passes.
struct DeadlineBody {
    inner: Payload,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl Stream for DeadlineBody {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            return Poll::Ready(item);
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                BodyTimeout,
            ))))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// True when a state-changing request says it was not sent from a page of this site.
fn from_another_site(req: &HttpRequest, public_url: Option<&str>) -> bool {
    if let Some(site) = req.headers().get("sec-fetch-site") {
        // Browsers that send it say exactly where the request comes from; "none" is the user's
        // own doing (a bookmark, the address bar).
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = req.headers().get(header::ORIGIN) else {
        // No header at all: not a browser that tells, or a same-origin form in an older
        // browser. The CSRF token is still required.
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let Ok(origin) = url::Url::parse(origin) else {
        return true; // "null" and anything unreadable
    };
    let origin = origin.origin().ascii_serialization();
    match public_url.and_then(|u| url::Url::parse(u).ok()) {
        Some(own) => origin != own.origin().ascii_serialization(),
        // Only allowed on a loopback address (local development): the host the browser
        // asked for is this server.
        None => {
            let host = req
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            origin != format!("http://{host}")
        }
    }
}

/// The middleware function.
pub async fn guard_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // A refusal is a response (not an error), so the error-page middleware around this one
    // gives it the localized page.
    let refuse =
        |req: ServiceRequest, error: AppError| Ok(req.error_response(error).map_into_right_body());
    let (settings, in_flight) = match (
        req.app_data::<web::Data<Settings>>(),
        req.app_data::<web::Data<Arc<InFlight>>>(),
    ) {
        (Some(s), Some(f)) => (s.clone(), f.get_ref().clone()),
        _ => return Ok(next.call(req).await?.map_into_left_body()),
    };
    let address = client_address(req.request(), &settings.trusted_proxies);
    req.extensions_mut().insert(ClientAddress(address));
    let Some(_slot) = InFlight::enter(&in_flight, address, settings.max_requests_per_address)
    else {
        tracing::warn!(%address, "too many requests in progress from one address");
        return refuse(req, AppError::TooMany("error-too-many-requests", 1));
    };
    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        // The API (`/v1`) takes bearer tokens only, never the session cookie, so a request
        // from another site carries no authority there: programs post to it from anywhere.
        if !crate::web::api::is_api_path(req.path())
            && from_another_site(req.request(), settings.public_url.as_deref())
        {
            tracing::warn!(%address, path = req.path(), "refused a request from another site");
            return refuse(req, AppError::Forbidden("error-cross-site"));
        }
        let body = DeadlineBody {
            inner: req.take_payload(),
            deadline: Box::pin(tokio::time::sleep(settings.body_timeout)),
        };
        let boxed: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(body);
        req.set_payload(Payload::from(boxed));
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut r = TestRequest::default().peer_addr(peer.parse().unwrap());
        if let Some(f) = forwarded {
            r = r.insert_header(("X-Forwarded-For", f));
        }
        r.to_http_request()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let trusted = vec!["10.0.0.0/8".parse().unwrap()];
        let direct = request("203.0.113.9:5000", Some("198.51.100.1"));
        assert_eq!(client_address(&direct, &trusted).to_string(), "203.0.113.9");
        let proxied = request("10.1.2.3:5000", Some("198.51.100.1, 10.0.0.7"));
        assert_eq!(
            client_address(&proxied, &trusted).to_string(),
            "198.51.100.1"
        );
        // A client that sends its own X-Forwarded-For through the proxy cannot choose its
        // address: the proxy appends the real one, and that is the one taken.
        let spoofed = request("10.1.2.3:5000", Some("1.2.3.4, 198.51.100.1"));
        assert_eq!(
            client_address(&spoofed, &trusted).to_string(),
            "198.51.100.1"
        );
        let garbage = request("10.1.2.3:5000", Some("1.2.3.4, not-an-ip"));
        assert_eq!(client_address(&garbage, &trusted).to_string(), "10.1.2.3");
        let untrusted_config = request("10.1.2.3:5000", Some("198.51.100.1"));
        assert_eq!(
            client_address(&untrusted_config, &[]).to_string(),
            "10.1.2.3"
        );
    }

    #[test]
    fn an_address_gets_its_cap_and_no_more_until_one_ends() {
        let table = Arc::new(InFlight::default());
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let a = InFlight::enter(&table, ip, 2).unwrap();
        let _b = InFlight::enter(&table, ip, 2).unwrap();
        assert!(InFlight::enter(&table, ip, 2).is_none());
        assert!(InFlight::enter(&table, "192.0.2.2".parse().unwrap(), 2).is_some());
        drop(a);
        assert!(InFlight::enter(&table, ip, 2).is_some());
    }
}

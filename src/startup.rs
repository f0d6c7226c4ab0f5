//! Builds the application once, for `main` and for the tests: shared state, middleware order,
//! routes, and the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web, App, HttpServer};

use crate::auth::extract::FORM_LIMIT;
use crate::auth::password::{ClientProbe, PasswordHasher};
use crate::config::Settings;
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::web::guard::{guard_requests, InFlight};
use crate::web::{error_pages, routes};

/// What every worker shares.
#[derive(Clone)]
pub struct AppState {
    pub db: web::Data<Db>,
    pub i18n: web::Data<I18n>,
    pub hasher: web::Data<PasswordHasher>,
    pub settings: web::Data<Settings>,
    pub in_flight: web::Data<Arc<InFlight>>,
    pub api_rate: web::Data<crate::auth::api::RateLimit>,
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> anyhow::Result<AppState> {
        let api_rate = crate::auth::api::RateLimit(settings.api_requests_per_minute);
        Ok(AppState {
            db: web::Data::new(db),
            i18n: web::Data::new(I18n::load()?),
            hasher: web::Data::new(PasswordHasher::new(settings.hashing)),
            settings: web::Data::new(settings),
            in_flight: web::Data::new(Arc::new(InFlight::default())),
            api_rate: web::Data::new(api_rate),
        })
    }
}

/// The headers every response carries, error pages included; with Secure cookies (the site is
/// served over TLS) also HSTS.
pub fn security_headers(secure: bool) -> DefaultHeaders {
    let headers = if secure {
        DefaultHeaders::new().add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// The session cookie's name: with Secure, the `__Host-` prefix makes browsers refuse it unless
/// it is Secure, host-only and for the whole site, so no other host or path can plant one.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-sc_session"
    } else {
        "sc_session"
    }
}

/// The application: state, middleware (outermost last) and routes.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let key = Key::from(&state.settings.session_key);
    let secure = state.settings.secure_cookies;
    let ttl = actix_web::cookie::time::Duration::seconds(
        state
            .settings
            .session_ttl
            .as_secs()
            .try_into()
            .unwrap_or(i64::MAX),
    );
    let sessions = SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name(session_cookie_name(state.settings.secure_cookies).into())
        .cookie_secure(state.settings.secure_cookies)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(PersistentSession::default().session_ttl(ttl))
        .build();
    App::new()
        .app_data(state.db.clone())
        .app_data(state.i18n.clone())
        .app_data(state.hasher.clone())
        .app_data(state.settings.clone())
        .app_data(state.in_flight.clone())
        .app_data(state.api_rate.clone())
        .app_data(web::PayloadConfig::new(FORM_LIMIT))
        .app_data(
            web::QueryConfig::default()
                .error_handler(|_, _| AppError::BadRequest("error-bad-query").into()),
        )
        .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
        .route(
            crate::urls::HEALTHZ,
            web::get().to(crate::web::health::healthz),
        )
        .route(
            crate::urls::READYZ,
            web::get().to(crate::web::health::readyz),
        )
        .configure(routes)
        .default_service(web::to(|| async {
            Err::<actix_web::HttpResponse, _>(AppError::NotFound)
        }))
        .wrap(from_fn(guard_requests))
        .wrap(from_fn(error_pages::render_errors))
        .wrap(sessions)
        // The request line without invitation or set-password tokens: a log must not hold
        // working links.
        .wrap(from_fn(crate::web::request_log::log_requests))
        .wrap(security_headers(secure))
}

/// Starts the HTTP server on a listener (port 0 in tests).
pub fn serve(
    listener: TcpListener,
    state: AppState,
    workers: Option<usize>,
) -> std::io::Result<Server> {
    // Database work runs on each worker's blocking threads, and each of them needs one of the
    // pool's connections: all workers together get as many threads as the pool has
    // connections. With more threads than connections, the extra ones wait on the pool, whose
    // waiting is not first come, first served: under load some requests waited hundreds of
    // milliseconds while others overtook them (PostgreSQL, p99 130-440 ms against 15-55 ms
    // with as many threads as connections). Fewer threads also keep a flood of requests from
    // starting many threads, each with its own stack and allocator arena.
    let workers = workers
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1);
    let blocking_threads = (state.db.pool_size() as usize).div_ceil(workers).max(1);
    let max_connections = state.settings.max_connections_per_worker;
    let server = HttpServer::new(move || build_app(state.clone()))
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads)
        .max_connections(max_connections)
        // A second handle on each connection, so work queued for a client that has gone can be
        // dropped (actix keeps running a handler after its client leaves).
        .on_connect(|connection, data| {
            if let Some(socket) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
                if let Some(probe) = ClientProbe::new(socket) {
                    data.insert(probe);
                }
            }
        })
        .listen(listener)?
        .shutdown_timeout(5);
    Ok(server.run())
}

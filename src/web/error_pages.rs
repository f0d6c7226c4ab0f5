//! Gives every error response (ours, the framework's, a 404 for an unknown path) a localized
//! page on the normal layout. Pages that a handler rendered itself carry [`PageRendered`] and
//! pass through untouched.

use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};
use askama::Template;

use crate::auth::extract::request_locale;
use crate::auth::Viewer;
use crate::error::{message_id_for_status, title_id_for_status, AppError};
use crate::i18n::I18n;

/// Marks a response whose body is already a full page.
#[derive(Clone, Copy)]
pub struct PageRendered;

#[derive(Template)]
#[template(path = "error.html", config = "templates/askama.toml")]
pub struct ErrorPage {
    pub ctx: Viewer,
    pub title_id: &'static str,
    pub message_id: &'static str,
    /// For an expired form: the page it came from, to fill it in again.
    pub back_href: Option<String>,
    /// For a 429: whole minutes until another try is accepted (from `Retry-After`).
    pub retry_minutes: Option<i32>,
}

/// The path (and query) of the page a form came from, when the browser says it and it is a
/// page of this site; else the form's own address.
fn form_page(req: &actix_web::HttpRequest) -> String {
    let own_host = req.connection_info().host().to_string();
    req.headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .filter(|u| {
            let host = match u.port() {
                Some(p) => format!("{}:{p}", u.host_str().unwrap_or("")),
                None => u.host_str().unwrap_or("").to_string(),
            };
            host == own_host
        })
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .unwrap_or_else(|| req.path().to_string())
}

/// The middleware function.
pub async fn render_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let res = next.call(req).await?;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.response().extensions().get::<PageRendered>().is_some()
    {
        return Ok(res.map_into_left_body());
    }
    if crate::web::api::is_api_path(res.request().path()) {
        return Ok(crate::web::api::json_error(res).map_into_right_body());
    }
    let app_error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let (title_id, message_id) = match app_error {
        Some(app) => (app.title_id(), app.message_id()),
        None => (title_id_for_status(status), message_id_for_status(status)),
    };
    let is_csrf = matches!(app_error, Some(AppError::Csrf));
    let request = res.request().clone();
    let known = request.extensions().get::<Viewer>().cloned();
    // A page that failed before anyone asked who is signed in (an unknown path, a bad form)
    // still shows the signed-in header, so the person can go on from here. Not when the
    // database is the problem: asking it again would only wait for it.
    let known = match known {
        // Nor for refusals meant to shed load (too many requests, a body too slow).
        None if status.is_client_error() && !matches!(status.as_u16(), 408 | 429) => {
            Viewer::load(request.clone()).await.ok()
        }
        known => known,
    };
    let viewer = match known {
        Some(v) => v,
        None => {
            let Some(i18n) = request.app_data::<web::Data<I18n>>() else {
                return Ok(res.map_into_left_body());
            };
            Viewer {
                locale: request_locale(&request),
                i18n: Arc::clone(&i18n.clone().into_inner()),
                user: None,
                csrf_token: String::new(),
                path: request.path().to_string(),
            }
        }
    };
    let retry_minutes = (status == actix_web::http::StatusCode::TOO_MANY_REQUESTS)
        .then(|| res.headers().get(header::RETRY_AFTER))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok())
        .map(crate::domain::whole_minutes);
    let page = ErrorPage {
        ctx: viewer,
        title_id,
        message_id,
        back_href: is_csrf.then(|| form_page(&request)),
        retry_minutes,
    };
    let html = match page.render() {
        Ok(html) => html,
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            return Ok(res.map_into_left_body());
        }
    };
    let mut builder = HttpResponse::build(status);
    builder
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"));
    for name in [header::RETRY_AFTER, header::ALLOW] {
        if let Some(value) = res.headers().get(&name) {
            builder.insert_header((name, value.clone()));
        }
    }
    // Keep cookies the session middleware or a handler set on the way out.
    for cookie in res.headers().get_all(header::SET_COOKIE) {
        builder.append_header((header::SET_COOKIE, cookie.clone()));
    }
    let (req, _) = res.into_parts();
    Ok(ServiceResponse::new(req, builder.body(html)).map_into_right_body())
}

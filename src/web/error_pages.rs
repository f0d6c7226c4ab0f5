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
#[template(path = "error.html")]
pub struct ErrorPage {
    pub ctx: Viewer,
    pub title_id: &'static str,
    pub message_id: &'static str,
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
    let (title_id, message_id) = match res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
    {
        Some(app) => (app.title_id(), app.message_id()),
        None => (title_id_for_status(status), message_id_for_status(status)),
    };
    let request = res.request().clone();
    let viewer = match request.extensions().get::<Viewer>() {
        Some(v) => v.clone(),
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
    let page = ErrorPage {
        ctx: viewer,
        title_id,
        message_id,
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

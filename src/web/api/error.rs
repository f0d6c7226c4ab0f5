//! The API's errors: a stable `code` for programs and a Fluent message id for the people who
//! read the `description`. A handler returns [`ApiError`]; `web::error_pages` gives every error
//! response under `/v1` (the framework's too) the JSON body in the language of
//! `Accept-Language`, never an HTML page, a stack or a database message.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

use crate::error::AppError;

/// The body of every error response under `/v1`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable code for programs: `invalid_token`, `forbidden`, `not_found`, `bad_json`,
    /// `precondition_failed`, `rate_limited`, …
    pub code: &'static str,
    /// What went wrong, for people, in the language of `Accept-Language`.
    pub description: String,
    /// For a refused conditional change (412): the support contact as it is now.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<super::resources::SupportContactJson>)]
    pub current: Option<serde_json::Value>,
}

#[derive(Debug, thiserror::Error)]
#[error("{code} ({status})")]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message_id: &'static str,
    /// Seconds until another request is accepted (429).
    pub retry_after: Option<u64>,
    /// The resource as it is now, for a refused conditional change (412), with its `ETag`.
    pub current: Option<(serde_json::Value, String)>,
}

/// The refusals of every operation that takes a token, as the OpenAPI document lists them
/// (the extractor `auth::api::ApiCaller` gives them before the handler runs).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Never built: it only describes responses.
pub enum CallerRefusals {
    /// No token, or one that does not work (unknown, expired, or its client revoked or expired)
    #[response(
        status = 401,
        headers(("WWW-Authenticate" = String, description = "`Bearer realm=\"api\", error=…`"))
    )]
    Unauthorized(ErrorBody),
    /// The client's role may not do this
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// Over the client's requests per minute
    #[response(
        status = 429,
        headers(("Retry-After" = String, description = "Seconds until the next window"))
    )]
    RateLimited(ErrorBody),
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message_id: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            message_id,
            retry_after: None,
            current: None,
        }
    }

    /// No token, or one that does not work (unknown, expired, or its client revoked or expired).
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "api-error-invalid-token",
        )
    }

    /// The client's role may not do this.
    pub fn role() -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", "api-error-role")
    }

    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "api-error-not-found")
    }

    pub fn bad_json() -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_json", "api-error-bad-json")
    }

    pub fn bad_request(code: &'static str, message_id: &'static str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message_id)
    }

    pub fn too_large() -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "api-error-too-large",
        )
    }

    pub fn rate_limited(retry_after: u64) -> ApiError {
        ApiError {
            retry_after: Some(retry_after),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "api-error-rate-limited",
            )
        }
    }

    /// The `If-Match` (or the version read a moment ago) is not the current one.
    pub fn stale(current: serde_json::Value, etag: String) -> ApiError {
        ApiError {
            current: Some((current, etag)),
            ..ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "precondition_failed",
                "api-error-stale",
            )
        }
    }
}

/// The stable code of an error that did not come from an API handler, by its status.
pub fn code_for_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "invalid_token",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "request_timeout",
        409 => "conflict",
        412 => "precondition_failed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "rate_limited",
        503 => "unavailable",
        _ => "internal_error",
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let status = e.status_code();
        let retry_after = match &e {
            AppError::TooMany(_, secs) => Some(*secs),
            AppError::Unavailable(_) => Some(5),
            _ => None,
        };
        match &e {
            AppError::Internal(cause) => tracing::error!(%cause, "internal error"),
            AppError::UnknownStored(cause) => tracing::error!(%cause, "internal error"),
            AppError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
        ApiError {
            retry_after,
            ..ApiError::new(status, code_for_status(status), e.message_id())
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    /// A bare response with the headers the status needs; `web::error_pages` adds the body.
    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            // The token endpoint takes client credentials (HTTP Basic); the rest a token.
            let challenge = if self.code == "invalid_client" {
                "Basic realm=\"api\"".to_string()
            } else {
                format!("Bearer realm=\"api\", error=\"{}\"", self.code)
            };
            response.insert_header((header::WWW_AUTHENTICATE, challenge));
        }
        if let Some(secs) = self.retry_after {
            response.insert_header((header::RETRY_AFTER, secs.max(1).to_string()));
        }
        if let Some((_, etag)) = &self.current {
            response.insert_header((header::ETAG, etag.clone()));
        }
        response.finish()
    }
}

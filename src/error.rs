//! The one error type of request handling. Each variant is shown to the user as a Fluent
//! message in their language on the normal layout (see `web::error_pages`); the log gets the
//! cause, the page never gets database or parser text.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing here, or nothing this user may know exists.
    #[error("not found")]
    NotFound,
    /// Signed in, but this user may not do this; carries the Fluent id that says why.
    #[error("forbidden ({0})")]
    Forbidden(&'static str),
    /// Not signed in (or the session ended): go to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// The request cannot be understood; carries the Fluent id that says why.
    #[error("bad request ({0})")]
    BadRequest(&'static str),
    /// The form's CSRF token is missing or does not match the session's.
    #[error("csrf token mismatch")]
    Csrf,
    /// The change conflicts with the state it found; carries the Fluent id that says why.
    #[error("conflict ({0})")]
    Conflict(&'static str),
    /// The client took longer than allowed to send the request body.
    #[error("request body too slow")]
    RequestTimeout,
    /// The request body is larger than the limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// Too many attempts or new things in a while; carries the Fluent id that says which, and
    /// the seconds until another try is accepted (sent as `Retry-After`).
    #[error("too many requests ({0}), retry after {1} s")]
    TooMany(&'static str, u64),
    /// The database cannot be reached right now.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A row holds a kind, role or state this program does not know. [`crate::db::Db::run`]
    /// turns it into [`AppError::Internal`] naming the rows that hold the value.
    #[error("{0}")]
    UnknownStored(crate::domain::UnknownValue),
    /// Anything else; the cause is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The Fluent id of the message shown to the user.
    pub fn message_id(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden(id)
            | AppError::BadRequest(id)
            | AppError::Conflict(id)
            | AppError::TooMany(id, _) => id,
            AppError::SignInRequired => "error-sign-in-required",
            AppError::Csrf => "error-csrf",
            AppError::PayloadTooLarge => "error-payload-too-large",
            AppError::RequestTimeout => "error-request-timeout",
            AppError::Unavailable(_) => "error-unavailable",
            AppError::UnknownStored(_) | AppError::Internal(_) => "error-internal",
        }
    }

    /// The Fluent id of the page's heading.
    pub fn title_id(&self) -> &'static str {
        title_id_for_status(self.status_code())
    }
}

/// The heading of an error page with this status.
pub fn title_id_for_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "error-title-bad-request",
        403 => "error-title-forbidden",
        404 | 405 => "error-title-not-found",
        408 => "error-title-request-timeout",
        409 => "error-title-conflict",
        410 => "error-title-gone",
        413 => "error-title-too-large",
        429 => "error-title-too-many",
        503 => "error-title-unavailable",
        _ => "error-title-internal",
    }
}

/// The message of an error page with this status, when no more specific one is known.
pub fn message_id_for_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "error-bad-request",
        403 => "error-forbidden",
        404 => "error-not-found",
        405 => "error-not-found",
        408 => "error-request-timeout",
        409 => "error-conflict",
        410 => "error-gone",
        413 => "error-payload-too-large",
        429 => "error-too-many",
        503 => "error-unavailable",
        _ => "error-internal",
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound,
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => AppError::Unavailable(info.message().to_string()),
            busy if is_busy(&busy) => AppError::Unavailable(busy.to_string()),
            Error::DeserializationError(cause) => {
                match cause.downcast::<crate::domain::UnknownValue>() {
                    Ok(unknown) => AppError::UnknownStored(*unknown),
                    Err(cause) => AppError::Internal(cause.to_string()),
                }
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<crate::domain::limits::CapReached> for AppError {
    fn from(cap: crate::domain::limits::CapReached) -> Self {
        AppError::TooMany(cap.message_id, cap.retry_after_secs)
    }
}

/// SQLite's answer when another connection held the write lock for longer than the busy
/// timeout (SQLITE_BUSY, SQLITE_LOCKED): the database is there but cannot take the change now,
/// so the user is told to try again (503), not that something broke. A failed COMMIT counts
/// by its own cause.
fn is_busy(e: &diesel::result::Error) -> bool {
    use diesel::result::Error;
    match e {
        Error::DatabaseError(_, info) => {
            let message = info.message().to_ascii_lowercase();
            [
                "database is locked",
                "database is busy",
                "database table is locked",
            ]
            .iter()
            .any(|m| message.contains(m))
        }
        Error::RollbackErrorOnCommit { commit_error, .. } => is_busy(commit_error),
        _ => false,
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::TooMany(..) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::UnknownStored(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; the error-page middleware gives it the localized page.
    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::SignInRequired => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, crate::urls::SIGN_IN))
                .finish(),
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "database unavailable");
                HttpResponse::ServiceUnavailable()
                    .insert_header((header::RETRY_AFTER, "5"))
                    .finish()
            }
            AppError::TooMany(_, retry_after) => HttpResponse::TooManyRequests()
                .insert_header((header::RETRY_AFTER, retry_after.max(&1).to_string()))
                .finish(),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                HttpResponse::InternalServerError().finish()
            }
            AppError::UnknownStored(unknown) => {
                tracing::error!(cause = %unknown, "internal error");
                HttpResponse::InternalServerError().finish()
            }
            other => HttpResponse::build(other.status_code()).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    fn database_error(message: &str) -> Error {
        Error::DatabaseError(DatabaseErrorKind::Unknown, Box::new(message.to_string()))
    }

    #[test]
    fn a_busy_database_is_unavailable_not_an_internal_error() {
        for message in ["database is locked", "database is busy"] {
            assert!(
                matches!(
                    AppError::from(database_error(message)),
                    AppError::Unavailable(_)
                ),
                "{message}"
            );
        }
        let failed_commit = Error::RollbackErrorOnCommit {
            rollback_error: Box::new(Error::BrokenTransactionManager),
            commit_error: Box::new(database_error("database is locked")),
        };
        assert!(matches!(
            AppError::from(failed_commit),
            AppError::Unavailable(_)
        ));
        assert!(matches!(
            AppError::from(database_error("no such table: x")),
            AppError::Internal(_)
        ));
    }
}

//! `POST /v1/token`: OAuth 2.0 client credentials (RFC 6749 §4.4). The client sends its id and
//! secret as HTTP Basic or in the form body and gets a random access token that works for an
//! hour; only the token's SHA-256 is stored.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::error::{ApiError, ErrorBody};
use super::{json, urls};
use crate::auth::session::random_token;
use crate::db::{self, Db};
use crate::domain::api::TOKEN_LIFETIME_SECS;

/// A token request (RFC 6749 §4.4.2); the id and secret may come as HTTP Basic instead.
#[derive(Deserialize, utoipa::ToSchema)]
struct TokenForm {
    /// Always `client_credentials`.
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// The token answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds the token works.
    pub expires_in: i64,
}

fn invalid_client() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "api-error-invalid-client",
    )
}

/// The id and secret of an `Authorization: Basic …` header (each form-urlencoded, RFC 6749
/// §2.3.1).
fn basic_credentials(req: &HttpRequest) -> Option<Result<(String, String), ApiError>> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let Some((id, secret)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
        return Some(Err(invalid_client()));
    };
    let unescape = |s: &str| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some(Ok((unescape(id), unescape(secret))))
}

/// `POST /v1/token`: a bearer token for an API client's id and secret.
#[utoipa::path(
    post,
    path = urls::API_TOKEN,
    request_body(
        content = TokenForm,
        content_type = "application/x-www-form-urlencoded",
        description = "The client credentials grant; the id and secret here or as HTTP Basic"
    ),
    responses(
        (status = 200, description = "A bearer token", body = TokenResponse),
        (status = 400, description = "Not a form, or not the client credentials grant",
            body = ErrorBody),
        (status = 401, description = "An unknown client, a wrong secret, or a client revoked or \
            expired", body = ErrorBody,
            headers(("WWW-Authenticate" = String, description = "`Basic realm=\"api\"`"))),
    )
)]
pub async fn issue(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    if !crate::auth::extract::is_form(&req) {
        return Err(ApiError::bad_request(
            "invalid_request",
            "api-error-token-request",
        ));
    }
    let form: TokenForm = serde_urlencoded::from_bytes(&body)
        .map_err(|_| ApiError::bad_request("invalid_request", "api-error-token-request"))?;
    match form.grant_type.as_deref() {
        Some("client_credentials") => {}
        Some(_) => {
            return Err(ApiError::bad_request(
                "unsupported_grant_type",
                "api-error-grant-type",
            ))
        }
        None => {
            return Err(ApiError::bad_request(
                "invalid_request",
                "api-error-token-request",
            ))
        }
    }
    let (client_id, secret) = match basic_credentials(&req) {
        Some(credentials) => credentials?,
        None => match (form.client_id, form.client_secret) {
            (Some(id), Some(secret)) => (id, secret),
            _ => return Err(invalid_client()),
        },
    };
    let token = random_token();
    let stored = token.clone();
    let issued = db
        .run(move |conn| {
            Ok(db::api_clients::issue_token(
                conn,
                client_id.trim(),
                secret.trim(),
                &stored,
                db::now(),
            )?)
        })
        .await?;
    if issued.is_none() {
        return Err(invalid_client());
    }
    json(
        StatusCode::OK,
        &TokenResponse {
            access_token: token,
            token_type: "Bearer",
            expires_in: TOKEN_LIFETIME_SECS,
        },
    )
}

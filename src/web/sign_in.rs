//! Signing in and out.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::guard::{client_probe, request_client};
use super::{render, render_with_status, see_other};
use crate::auth::password::{PasswordHasher, Verification};
use crate::auth::session::{random_token, AppSession};
use crate::auth::{CsrfForm, Viewer};
use crate::config::Settings;
use crate::db::{self, Db};
use crate::domain::accounts::UserState;
use crate::domain::sign_in_limits::Scope;
use crate::domain::whole_minutes;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "sign_in.html", config = "templates/askama.toml")]
pub struct SignInPage {
    pub ctx: Viewer,
    pub email: String,
    pub error: Option<&'static str>,
    /// Where to go after signing in: home, or an invitation link opened while signed out.
    pub next: String,
    /// A password was just set through a link.
    pub password_set: bool,
    /// After too many failures: whole minutes until the next try.
    pub retry_minutes: Option<i32>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    password_set: Option<String>,
}

/// The page to go to after signing in: a path of this site, or home.
fn next_page(next: Option<&str>) -> String {
    super::language::safe_next(next).to_string()
}

pub async fn show(viewer: Viewer, query: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
    let next = next_page(query.next.as_deref());
    if viewer.user.is_some() {
        return Ok(see_other(&next));
    }
    render(&SignInPage {
        ctx: viewer,
        email: String::new(),
        error: None,
        next,
        password_set: query.password_set.is_some(),
        retry_minutes: None,
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// Longer passwords are refused without hashing, so nobody can make the server hash megabytes.
const MAX_PASSWORD_LEN: usize = 1024;

pub async fn submit(
    req: HttpRequest,
    viewer: Viewer,
    form: CsrfForm<SignInForm>,
    db: web::Data<Db>,
    hasher: web::Data<PasswordHasher>,
    settings: web::Data<Settings>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let SignInForm {
        email,
        password,
        next,
    } = form.0;
    let email = email.trim().to_lowercase();
    let next = next_page(next.as_deref());
    let refuse = |viewer: Viewer,
                  email: String,
                  status: StatusCode,
                  error: &'static str,
                  wait: Option<i64>| {
        let mut response = render_with_status(
            status,
            &SignInPage {
                ctx: viewer,
                email,
                error: Some(error),
                next: next.clone(),
                password_set: false,
                retry_minutes: wait
                    .filter(|_| status == StatusCode::TOO_MANY_REQUESTS)
                    .map(whole_minutes),
            },
        )?;
        if let Some(seconds) = wait {
            if let Ok(value) = header::HeaderValue::from_str(&seconds.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        Ok(response)
    };
    if email.is_empty() || password.is_empty() {
        return refuse(
            viewer,
            email,
            StatusCode::UNAUTHORIZED,
            "sign-in-missing-fields",
            None,
        );
    }
    if password.len() > MAX_PASSWORD_LEN || email.len() > 254 {
        return refuse(
            viewer,
            email,
            StatusCode::UNAUTHORIZED,
            "sign-in-failed",
            None,
        );
    }
    let address = request_client(&req).to_string();
    let limits = settings.sign_in_limits;
    // An account or address that used up its failures waits, and nothing is hashed for it.
    let (lookup, from) = (email.clone(), address.clone());
    let (wait, user) = db
        .run(move |conn| {
            let wait = db::sign_in_limits::wait(
                conn,
                &limits,
                &[(Scope::Account, &lookup), (Scope::Address, &from)],
                db::now(),
            )?;
            let user = match wait {
                Some(_) => None,
                None => db::users::find_by_email(conn, &lookup)?,
            };
            Ok((wait, user))
        })
        .await?;
    if let Some(wait) = wait {
        return refuse(
            viewer,
            email,
            StatusCode::TOO_MANY_REQUESTS,
            "sign-in-throttled",
            Some(wait),
        );
    }
    let verification = hasher
        .verify(
            user.as_ref().and_then(|u| u.password().map(str::to_string)),
            password,
            client_probe(&req),
        )
        .await?;
    let matches = match verification {
        Verification::Checked(matches) => matches,
        Verification::Busy => {
            let wait = i64::try_from(hasher.max_wait.as_secs()).unwrap_or(2).max(2);
            return refuse(
                viewer,
                email,
                StatusCode::SERVICE_UNAVAILABLE,
                "sign-in-busy",
                Some(wait),
            );
        }
        // Nobody is waiting for this answer.
        Verification::ClientGone => return Ok(HttpResponse::ServiceUnavailable().finish()),
    };
    let user = match user {
        Some(u) if matches && u.state == UserState::Active => u,
        user => {
            let (failed_email, from) = (email.clone(), address.clone());
            let failed = db
                .run(move |conn| {
                    Ok(db::sign_in_limits::record_failed_sign_in(
                        conn,
                        &limits,
                        &failed_email,
                        &from,
                        user.as_ref(),
                        db::now(),
                    )?)
                })
                .await?;
            return match failed.wait {
                Some(wait) => refuse(
                    viewer,
                    email,
                    StatusCode::TOO_MANY_REQUESTS,
                    "sign-in-throttled",
                    Some(wait),
                ),
                None => refuse(
                    viewer,
                    email,
                    StatusCode::UNAUTHORIZED,
                    "sign-in-failed",
                    None,
                ),
            };
        }
    };
    let signed_in = email.clone();
    db.run(move |conn| Ok(db::sign_in_limits::clear(conn, Scope::Account, &signed_in)?))
        .await?;
    super::mfa::after_password(&req, &db, &settings, &session, &user, &next).await
}

/// Signs `user_id` in on this browser: a new server-side session record and a renewed cookie.
/// The last step of every way in (password, then the second factor when there is one).
pub async fn start_session(
    req: &HttpRequest,
    db: &Db,
    settings: &Settings,
    session: &AppSession,
    user_id: String,
) -> Result<(), AppError> {
    let session_id = random_token();
    let ttl = chrono::Duration::from_std(settings.session_ttl)
        .unwrap_or_else(|_| chrono::Duration::hours(8));
    let record_id = session_id.clone();
    let opened_from = db::sessions::OpenedFrom {
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(300)
            .collect(),
        address: request_client(req).to_string(),
    };
    let limits = settings.sign_in_limits;
    db.run(move |conn| {
        let now = db::now();
        db::sessions::purge_expired(conn, now)?;
        db::sign_in_limits::purge_before(conn, now - limits.window())?;
        Ok(db::sessions::create(
            conn,
            &user_id,
            &record_id,
            &opened_from,
            now,
            now + ttl,
        )?)
    })
    .await?;
    session.sign_in(&session_id)
}

#[derive(Deserialize)]
pub struct EmptyForm {}

pub async fn sign_out(
    viewer: Viewer,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    if let Some(user) = viewer.user {
        db.run(move |conn| Ok(db::sessions::revoke(conn, &user.session_id, db::now())?))
            .await?;
    }
    session.clear();
    Ok(see_other(super::urls::SIGN_IN))
}

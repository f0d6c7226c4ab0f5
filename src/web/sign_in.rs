//! Signing in and out.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, render_with_status, see_other};
use crate::auth::password::PasswordHasher;
use crate::auth::session::{random_token, AppSession};
use crate::auth::{CsrfForm, Viewer};
use crate::config::Settings;
use crate::db::{self, Db};
use crate::domain::accounts::UserState;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    pub ctx: Viewer,
    pub email: String,
    pub error: Option<&'static str>,
    /// Where to go after signing in: home, or an invitation link opened while signed out.
    pub next: String,
    /// A password was just set through a link.
    pub password_set: bool,
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
    let refuse = |viewer: Viewer, email: String, error: &'static str| {
        render_with_status(
            StatusCode::UNAUTHORIZED,
            &SignInPage {
                ctx: viewer,
                email,
                error: Some(error),
                next: next.clone(),
                password_set: false,
            },
        )
    };
    if email.is_empty() || password.is_empty() {
        return refuse(viewer, email, "sign-in-missing-fields");
    }
    if password.len() > MAX_PASSWORD_LEN || email.len() > 254 {
        return refuse(viewer, email, "sign-in-failed");
    }
    let lookup = email.clone();
    let user = db
        .run(move |conn| Ok(db::users::find_by_email(conn, &lookup)?))
        .await?;
    let matches = hasher
        .verify(
            user.as_ref().and_then(|u| u.password().map(str::to_string)),
            password,
        )
        .await?;
    let user = match user {
        Some(u) if matches && u.state == UserState::Active => u,
        _ => return refuse(viewer, email, "sign-in-failed"),
    };
    super::mfa::after_password(&req, &db, &settings, &session, &user, &next).await
}

/// Signs `user_id` in on this browser: a new server-side session record and a renewed cookie.
/// The last step of every way in (password, then the second factor when there is one).
pub async fn start_session(
    _req: &HttpRequest,
    db: &Db,
    settings: &Settings,
    session: &AppSession,
    user_id: String,
) -> Result<(), AppError> {
    let session_id = random_token();
    let ttl = chrono::Duration::from_std(settings.session_ttl)
        .unwrap_or_else(|_| chrono::Duration::hours(8));
    let record_id = session_id.clone();
    db.run(move |conn| {
        let now = db::now();
        db::sessions::purge_expired(conn, now)?;
        Ok(db::sessions::create(
            conn,
            &record_id,
            &user_id,
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
    Ok(see_other("/sign-in"))
}

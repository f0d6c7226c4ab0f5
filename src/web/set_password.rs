//! The set-password page behind a link made by `init`, `user reset-password` or a Global admin:
//! a new user's first password, or a reset. A link works once; a used, expired, replaced or
//! unknown link gets a page that says so and what to do, and changes nothing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, render_with_status, see_other};
use crate::auth::password::PasswordHasher;
use crate::auth::{CsrfForm, Viewer};
use crate::db::{self, Db};
use crate::domain::accounts::{self, LinkProblem};
use crate::error::AppError;

#[derive(Template)]
#[template(path = "set_password.html", config = "templates/askama.toml")]
pub struct SetPasswordPage {
    pub ctx: Viewer,
    pub email: String,
    pub action: String,
    pub error: Option<&'static str>,
}

impl SetPasswordPage {
    /// True when the error is about the new password (always, on this page).
    pub fn new_password_error(&self) -> bool {
        self.error.is_some()
    }
}

#[derive(Template)]
#[template(path = "set_password_problem.html", config = "templates/askama.toml")]
pub struct LinkProblemPage {
    pub ctx: Viewer,
    pub message_id: &'static str,
}

/// The page for a link that cannot be used: 404 for one this site never made, 410 for one
/// that worked once.
fn problem(ctx: Viewer, problem: LinkProblem) -> Result<HttpResponse, AppError> {
    let status = match problem {
        LinkProblem::Unknown => StatusCode::NOT_FOUND,
        _ => StatusCode::GONE,
    };
    render_with_status(
        status,
        &LinkProblemPage {
            ctx,
            message_id: problem.message_id(),
        },
    )
}

pub async fn show(
    viewer: Viewer,
    token: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let action = viewer.path.clone();
    let found = db
        .run(move |conn| Ok(db::password_links::usable(conn, &token, db::now())?))
        .await?;
    match found {
        Err(p) => problem(viewer, p),
        Ok((_, user)) => render(&SetPasswordPage {
            ctx: viewer,
            email: user.email,
            action,
            error: None,
        }),
    }
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

pub async fn submit(
    viewer: Viewer,
    token: web::Path<String>,
    form: CsrfForm<NewPasswordForm>,
    db: web::Data<Db>,
    hasher: web::Data<PasswordHasher>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let lookup = token.clone();
    let found = db
        .run(move |conn| Ok(db::password_links::usable(conn, &lookup, db::now())?))
        .await?;
    let user = match found {
        Err(p) => return problem(viewer, p),
        Ok((_, user)) => user,
    };
    let NewPasswordForm { password, confirm } = form.0;
    let refusal = if password != confirm {
        Err("password-error-mismatch")
    } else {
        accounts::check_new_password(&password, &[&user.email, &user.display_name])
    };
    if let Err(error) = refusal {
        return render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetPasswordPage {
                action: viewer.path.clone(),
                ctx: viewer,
                email: user.email,
                error: Some(error),
            },
        );
    }
    let hash = hasher.hash(password).await?;
    let outcome = db
        .run(move |conn| Ok(db::password_links::set_password(conn, &token, &hash)?))
        .await?;
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "{}?password_set=1",
            super::urls::SIGN_IN
        ))),
        Err(p) => problem(viewer, p),
    }
}

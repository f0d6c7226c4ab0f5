//! The signed-in user's own password: the current one, then the new one twice. Changing it
//! ends the user's other sessions; this one stays signed in.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, render_with_status, see_other};
use crate::auth::password::PasswordHasher;
use crate::auth::{CsrfForm, SignedIn, Viewer};
use crate::db::{self, Db};
use crate::domain::accounts;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "account_password.html", config = "templates/askama.toml")]
pub struct ChangePasswordPage {
    pub ctx: Viewer,
    pub error: Option<&'static str>,
    /// Which field the error is about: `current` or the new password.
    pub current_wrong: bool,
    pub saved: bool,
}

impl ChangePasswordPage {
    /// True when the error is about the new password.
    pub fn new_password_error(&self) -> bool {
        self.error.is_some() && !self.current_wrong
    }
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn show(me: SignedIn, query: web::Query<SavedQuery>) -> Result<HttpResponse, AppError> {
    render(&ChangePasswordPage {
        ctx: me.viewer,
        error: None,
        current_wrong: false,
        saved: query.saved.is_some(),
    })
}

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn submit(
    me: SignedIn,
    form: CsrfForm<ChangeForm>,
    db: web::Data<Db>,
    hasher: web::Data<PasswordHasher>,
) -> Result<HttpResponse, AppError> {
    let ChangeForm {
        current,
        password,
        confirm,
    } = form.0;
    let refuse = |ctx: Viewer, error: &'static str, current_wrong: bool| {
        render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ChangePasswordPage {
                ctx,
                error: Some(error),
                current_wrong,
                saved: false,
            },
        )
    };
    let user_id = me.user.user_id.clone();
    let stored = db
        .run(move |conn| db::users::find(conn, &user_id)?.ok_or(AppError::NotFound))
        .await?;
    // The current password is checked first and always hashed, whatever else is wrong, so
    // the answer says nothing about it until it is right.
    let current_ok = current.chars().count() <= accounts::MAX_PASSWORD_CHARS
        && hasher
            .check(stored.password().map(str::to_string), current)
            .await?;
    if !current_ok {
        return refuse(me.viewer, "password-error-current", true);
    }
    if password != confirm {
        return refuse(me.viewer, "password-error-mismatch", false);
    }
    if let Err(error) =
        accounts::check_new_password(&password, &[&stored.email, &stored.display_name])
    {
        return refuse(me.viewer, error, false);
    }
    let hash = hasher.hash(password).await?;
    let actor = me.user.actor();
    let kind = me.user.organization_kind;
    let session_id = me.user.session_id.clone();
    db.run(move |conn| {
        Ok(db::users::change_own_password(
            conn,
            &actor,
            kind,
            &session_id,
            &hash,
        )?)
    })
    .await?;
    Ok(see_other(&format!(
        "{}?saved=1",
        super::urls::ACCOUNT_PASSWORD
    )))
}

//! The partner's support profile: the email, phone and website customers see for their
//! designated support contact. Admin agents and Global admins edit it; other roles see it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, render_with_status, see_other};
use crate::auth::{CsrfForm, PartnerUser, Viewer};
use crate::db::{self, Db};
use crate::domain::profile::{self, ProfileErrors, ProfileInput};
use crate::error::AppError;

#[derive(Template)]
#[template(path = "support_profile.html", config = "templates/askama.toml")]
pub struct SupportProfilePage {
    pub ctx: Viewer,
    pub input: ProfileInput,
    pub errors: ProfileErrors,
    pub may_edit: bool,
    pub saved: bool,
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn show(
    partner: PartnerUser,
    query: web::Query<SavedQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let org_id = partner.user.organization_id.clone();
    let org = db
        .run(move |conn| db::organizations::find(conn, &org_id)?.ok_or(AppError::NotFound))
        .await?;
    render(&SupportProfilePage {
        may_edit: partner.user.role.may_manage_organization(),
        ctx: partner.viewer,
        input: ProfileInput {
            email: org.support_email.unwrap_or_default(),
            phone: org.support_phone.unwrap_or_default(),
            website: org.support_website.unwrap_or_default(),
        },
        errors: ProfileErrors::default(),
        saved: query.saved.is_some(),
    })
}

#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    website: String,
}

pub async fn submit(
    partner: PartnerUser,
    form: CsrfForm<ProfileForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    if !partner.user.role.may_manage_organization() {
        return Err(AppError::Forbidden("error-role-may-not-edit-profile"));
    }
    let input = ProfileInput {
        email: form.0.email,
        phone: form.0.phone,
        website: form.0.website,
    };
    let valid = match profile::validate(&input) {
        Ok(valid) => valid,
        Err(errors) => {
            return render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SupportProfilePage {
                    ctx: partner.viewer,
                    input,
                    errors,
                    may_edit: true,
                    saved: false,
                },
            )
        }
    };
    let actor = partner.user.actor();
    db.run(move |conn| {
        Ok(db::organizations::save_support_profile(
            conn, &actor, &valid,
        )?)
    })
    .await?;
    Ok(see_other(&format!(
        "{}?saved=1",
        super::urls::SUPPORT_PROFILE
    )))
}

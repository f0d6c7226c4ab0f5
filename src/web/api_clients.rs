//! API clients: a partner's Global admins make clients for their own programs (a name, one of
//! the partner roles, an expiry), see them, and revoke them. A new client's secret is shown
//! once, on the page that answers the form, and stored only as a hash.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::sign_in::EmptyForm;
use super::{checked_id, render, render_with_status, see_other, urls};
use crate::auth::session::random_token;
use crate::auth::{CsrfForm, PartnerGlobalAdmin, Viewer};
use crate::db::api_clients::{ApiClient, CreateError};
use crate::db::{self, Db};
use crate::domain::api::{check_client, ClientErrors, ClientInput, CLIENT_LIFETIME_DAYS};
use crate::domain::roles::Role;
use crate::error::AppError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(urls::API_CLIENTS, web::get().to(list))
        .route(urls::API_CLIENTS, web::post().to(create))
        .route(urls::route::API_CLIENT_REVOKE, web::post().to(revoke));
}

/// One client as the list shows it.
pub struct ClientRow {
    pub client: ApiClient,
    pub state_id: &'static str,
    pub is_active: bool,
}

#[derive(Template)]
#[template(path = "api_clients.html", config = "templates/askama.toml")]
pub struct ApiClientsPage {
    pub ctx: Viewer,
    pub rows: Vec<ClientRow>,
    pub roles: &'static [Role],
    pub lifetimes: &'static [i64],
    pub input: ClientInput,
    pub errors: ClientErrors,
    pub notice: Option<&'static str>,
}

impl ApiClientsPage {
    pub fn is_role_selected(&self, role: &Role) -> bool {
        self.input.role == role.as_str()
            || (self.input.role.is_empty() && *role == Role::SalesAgent)
    }

    pub fn is_lifetime_selected(&self, days: &i64) -> bool {
        self.input.lifetime_days == days.to_string()
            || (self.input.lifetime_days.is_empty() && *days == CLIENT_LIFETIME_DAYS[0])
    }

    pub fn has_errors(&self) -> bool {
        self.errors != ClientErrors::default()
    }
}

#[derive(Template)]
#[template(path = "api_client_created.html", config = "templates/askama.toml")]
pub struct CreatedPage {
    pub ctx: Viewer,
    pub client: ApiClient,
    pub secret: String,
    pub expires_at: String,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

async fn page(
    admin: PartnerGlobalAdmin,
    db: &Db,
    input: ClientInput,
    errors: ClientErrors,
    notice: Option<&'static str>,
) -> Result<ApiClientsPage, AppError> {
    let org_id = admin.user.organization_id.clone();
    let clients = db
        .run(move |conn| Ok(db::api_clients::list(conn, &org_id)?))
        .await?;
    let now = db::now();
    Ok(ApiClientsPage {
        ctx: admin.viewer,
        rows: clients
            .into_iter()
            .map(|client| {
                let state = client.state(now);
                ClientRow {
                    state_id: state.message_id(),
                    is_active: state == crate::domain::api::ClientState::Active,
                    client,
                }
            })
            .collect(),
        roles: &Role::PARTNER_ROLES,
        lifetimes: &CLIENT_LIFETIME_DAYS,
        input,
        errors,
        notice,
    })
}

pub async fn list(
    admin: PartnerGlobalAdmin,
    query: web::Query<DoneQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let notice = match query.done.as_deref() {
        Some("revoked") => Some("api-clients-done-revoked"),
        _ => None,
    };
    render(
        &page(
            admin,
            &db,
            ClientInput::default(),
            ClientErrors::default(),
            notice,
        )
        .await?,
    )
}

pub async fn create(
    admin: PartnerGlobalAdmin,
    form: CsrfForm<ClientInput>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let input = form.0;
    let new = match check_client(&input) {
        Ok(new) => new,
        Err(errors) => {
            let page = page(admin, &db, input, errors, None).await?;
            return render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let secret = random_token();
    let actor = admin.user.actor();
    let stored = secret.clone();
    let client = db
        .run(
            move |conn| match db::api_clients::create(conn, &actor, &new, &stored) {
                Ok(client) => Ok(client),
                Err(CreateError::Cap(cap)) => Err(cap.into()),
                Err(CreateError::Db(e)) => Err(e.into()),
            },
        )
        .await?;
    render(&CreatedPage {
        expires_at: admin.viewer.datetime(&client.expires_at),
        ctx: admin.viewer,
        client,
        secret,
    })
}

pub async fn revoke(
    admin: PartnerGlobalAdmin,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let client_id = path.into_inner();
    checked_id(&client_id)?;
    let actor = admin.user.actor();
    let revoked = db
        .run(move |conn| Ok(db::api_clients::revoke(conn, &actor, &client_id)?))
        .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!("{}?done=revoked", urls::API_CLIENTS)))
}

//! User management (Partner Center's words): an organization's Global admins list its users,
//! add one (who gets a set-password link to send), change a role, disable, enable and remove a
//! user, and make a new set-password link. Partners use `/users`, customers `/admin/users`
//! inside their Admin area; each organization sees only its own users, and the last active
//! Global admin cannot be disabled, demoted or removed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::confirm::{confirm, Confirmation};
use super::sign_in::EmptyForm;
use super::urls;
use super::{checked_id, render, render_with_status, see_other, site_link};
use crate::auth::session::random_token;
use crate::auth::{CsrfForm, UserManager, Viewer};
use crate::db::users::{ChangeError, User};
use crate::db::{self, Db};
use crate::domain::accounts::{self, LinkPurpose, UserChange, UserState};
use crate::domain::roles::Role;
use crate::domain::OrgKind;
use crate::error::AppError;

fn base_of(kind: OrgKind) -> &'static str {
    if kind.is_partner() {
        urls::PARTNER_USERS
    } else {
        urls::CUSTOMER_USERS
    }
}

/// The manager's own pages: a partner on `/admin/users` or a customer on `/users` finds nothing.
pub(super) fn own_base(manager: &UserManager, req: &HttpRequest) -> Result<&'static str, AppError> {
    let base = base_of(manager.user.organization_kind);
    if req.path().starts_with(base) {
        Ok(base)
    } else {
        Err(AppError::NotFound)
    }
}

/// One user as the list shows them.
pub struct UserRow {
    pub user: User,
    pub href: String,
}

impl UserRow {
    /// The Fluent id of the state shown: a user who has not set a password yet is waiting.
    pub fn state_id(&self) -> &'static str {
        state_id(&self.user)
    }
}

fn state_id(user: &User) -> &'static str {
    match (user.state, user.password()) {
        (UserState::Active, None) => "user-state-invited",
        (state, _) => state.message_id(),
    }
}

#[derive(Template)]
#[template(path = "users.html", config = "templates/askama.toml")]
pub struct UsersPage {
    pub ctx: Viewer,
    pub base: &'static str,
    pub is_customer: bool,
    pub rows: Vec<UserRow>,
    pub notice: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// The confirmation a finished change shows on the next page.
fn done_notice(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "role" => Some("users-done-role"),
        "disabled" => Some("users-done-disabled"),
        "enabled" => Some("users-done-enabled"),
        "removed" => Some("users-done-removed"),
        "mfa_policy" => Some("mfa-policy-saved"),
        "mfa_reset" => Some("mfa-reset-done"),
        _ => None,
    }
}

pub async fn list(
    manager: UserManager,
    req: HttpRequest,
    query: web::Query<DoneQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let org_id = manager.user.organization_id.clone();
    let users = db
        .run(move |conn| Ok(db::users::list(conn, &org_id)?))
        .await?;
    render(&UsersPage {
        is_customer: !manager.user.organization_kind.is_partner(),
        ctx: manager.viewer,
        base,
        rows: users
            .into_iter()
            .map(|user| UserRow {
                href: urls::user(base, &user.id),
                user,
            })
            .collect(),
        notice: done_notice(query.done.as_deref()),
    })
}

/// What the add form holds, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
}

/// Each field's problem, as Fluent ids.
#[derive(Debug, Default)]
pub struct NewUserErrors {
    pub email: Option<&'static str>,
    pub name: Option<&'static str>,
    pub role: Option<&'static str>,
}

impl NewUserErrors {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.name.is_none() && self.role.is_none()
    }
}

#[derive(Template)]
#[template(path = "user_new.html", config = "templates/askama.toml")]
pub struct NewUserPage {
    pub ctx: Viewer,
    pub base: &'static str,
    pub is_customer: bool,
    pub roles: &'static [Role],
    pub input: NewUserForm,
    pub errors: NewUserErrors,
}

impl NewUserPage {
    pub fn is_selected(&self, role: &Role) -> bool {
        self.input.role == role.as_str()
    }
}

pub async fn new_form(manager: UserManager, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let kind = manager.user.organization_kind;
    render(&NewUserPage {
        ctx: manager.viewer,
        base,
        is_customer: !kind.is_partner(),
        roles: Role::for_kind(kind),
        input: NewUserForm::default(),
        errors: NewUserErrors::default(),
    })
}

#[derive(Template)]
#[template(path = "user_link.html", config = "templates/askama.toml")]
pub struct LinkPage {
    pub ctx: Viewer,
    pub base: &'static str,
    pub is_customer: bool,
    pub title_id: &'static str,
    pub intro: String,
    pub link: String,
    pub expires_at: String,
    pub message: String,
}

/// The page that shows a new set-password link and a message to send with it.
fn link_page(
    manager: UserManager,
    req: &HttpRequest,
    base: &'static str,
    user: &User,
    purpose: LinkPurpose,
    token: &str,
    expires_at: NaiveDateTime,
) -> Result<HttpResponse, AppError> {
    let ctx = manager.viewer;
    let link = site_link(req, &urls::set_password(token));
    let expires = ctx.datetime(&expires_at);
    let args = [
        ("name", user.display_name.as_str()),
        ("email", user.email.as_str()),
        ("admin", manager.user.display_name.as_str()),
        ("organization", manager.user.organization_name.as_str()),
        ("date", expires.as_str()),
        ("link", link.as_str()),
    ];
    let (title_id, intro_id, message_id) = match purpose {
        LinkPurpose::NewUser => (
            "users-added-title",
            "users-added-intro",
            "users-added-message",
        ),
        LinkPurpose::Reset => ("users-link-title", "users-link-intro", "users-link-message"),
    };
    render(&LinkPage {
        intro: ctx.t_args(intro_id, &args),
        message: ctx.t_args(message_id, &args),
        ctx,
        base,
        is_customer: !manager.user.organization_kind.is_partner(),
        title_id,
        link,
        expires_at: expires,
    })
}

pub async fn add(
    manager: UserManager,
    req: HttpRequest,
    form: CsrfForm<NewUserForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let kind = manager.user.organization_kind;
    let input = form.0;
    let email = accounts::check_email(&input.email);
    let name = accounts::check_name(&input.name);
    let role = Role::parse(&input.role)
        .filter(|r| Role::for_kind(kind).contains(r))
        .ok_or("users-error-role");
    let mut errors = NewUserErrors {
        email: email.as_ref().err().copied(),
        name: name.as_ref().err().copied(),
        role: role.err(),
    };
    if let (Ok(email), Ok(name), Ok(role)) = (email, name, role) {
        let actor = manager.user.actor();
        let token = random_token();
        let link_token = token.clone();
        let added = db
            .run(move |conn| {
                match db::users::add(conn, &actor, kind, &email, &name, role, &link_token) {
                    Ok(added) => Ok(Ok(added)),
                    Err(ChangeError::Refused(id)) => Ok(Err(id)),
                    Err(ChangeError::Capped(cap)) => Err(cap.into()),
                    Err(ChangeError::Database(e)) => Err(e.into()),
                }
            })
            .await?;
        match added {
            Ok((user, expires_at)) => {
                return link_page(
                    manager,
                    &req,
                    base,
                    &user,
                    LinkPurpose::NewUser,
                    &token,
                    expires_at,
                )
            }
            Err(id) => errors.email = Some(id),
        }
    }
    debug_assert!(!errors.is_empty());
    render_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &NewUserPage {
            ctx: manager.viewer,
            base,
            is_customer: !kind.is_partner(),
            roles: Role::for_kind(kind),
            input,
            errors,
        },
    )
}

#[derive(Template)]
#[template(path = "user.html", config = "templates/askama.toml")]
pub struct UserPage {
    pub ctx: Viewer,
    pub base: &'static str,
    pub is_customer: bool,
    pub user: User,
    pub roles: &'static [Role],
    pub error: Option<&'static str>,
    pub is_self: bool,
}

impl UserPage {
    pub fn state_id(&self) -> &'static str {
        state_id(&self.user)
    }

    pub fn is_active(&self) -> bool {
        self.user.state == UserState::Active
    }

    pub fn href(&self, action: &str) -> String {
        urls::user_action(self.base, &self.user.id, action)
    }
}

/// The user `raw_id` of the manager's organization (anyone else's is not found).
async fn colleague(manager: &UserManager, db: &Db, raw_id: &str) -> Result<User, AppError> {
    let user_id = checked_id(raw_id)?.to_string();
    let org_id = manager.user.organization_id.clone();
    db.run(move |conn| db::users::find_in(conn, &org_id, &user_id)?.ok_or(AppError::NotFound))
        .await
}

fn user_page(
    manager: UserManager,
    base: &'static str,
    user: User,
    error: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let status = if error.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    render_with_status(
        status,
        &UserPage {
            is_self: user.id == manager.user.user_id,
            is_customer: !manager.user.organization_kind.is_partner(),
            roles: Role::for_kind(manager.user.organization_kind),
            ctx: manager.viewer,
            base,
            user,
            error,
        },
    )
}

pub async fn show(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let user = colleague(&manager, &db, &path).await?;
    user_page(manager, base, user, None)
}

/// Makes a change through the rule; a refusal shows the user's page with the reason.
async fn apply(
    manager: UserManager,
    req: HttpRequest,
    raw_id: &str,
    db: &Db,
    change: UserChange,
    done: &str,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let user_id = checked_id(raw_id)?.to_string();
    super::request_log::touches(format_args!("user_id={user_id}"));
    let actor = manager.user.actor();
    let kind = manager.user.organization_kind;
    let outcome = db
        .run(
            move |conn| match db::users::change(conn, &actor, kind, &user_id, change) {
                Ok(_) => Ok(None),
                Err(ChangeError::Refused(id)) => Ok(Some(id)),
                Err(ChangeError::Capped(cap)) => Err(cap.into()),
                Err(ChangeError::Database(e)) => Err(e.into()),
            },
        )
        .await?;
    match outcome {
        None => Ok(see_other(&format!("{base}?done={done}"))),
        Some(refusal) => {
            let user = colleague(&manager, db, raw_id).await?;
            user_page(manager, base, user, Some(refusal))
        }
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn change_role(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    form: CsrfForm<RoleForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let kind = manager.user.organization_kind;
    let Some(role) = Role::parse(&form.0.role).filter(|r| Role::for_kind(kind).contains(r)) else {
        return Err(AppError::BadRequest("users-error-role"));
    };
    apply(manager, req, &path, &db, UserChange::Role(role), "role").await
}

const DISABLE: Confirmation = Confirmation {
    title_id: "users-disable-title",
    question_id: "users-disable-question",
    consequence_id: "users-disable-consequence",
    button_id: "users-disable",
};

const REMOVE: Confirmation = Confirmation {
    title_id: "users-remove-title",
    question_id: "users-remove-question",
    consequence_id: "users-remove-consequence",
    button_id: "users-remove",
};

async fn ask(
    manager: UserManager,
    req: HttpRequest,
    raw_id: &str,
    db: &Db,
    what: &Confirmation,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let user = colleague(&manager, db, raw_id).await?;
    let args = [
        ("name", user.display_name.as_str()),
        ("email", user.email.as_str()),
    ];
    confirm(manager.viewer, what, &args, &urls::user(base, &user.id))
}

pub async fn confirm_disable(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    ask(manager, req, &path, &db, &DISABLE).await
}

pub async fn disable(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    apply(manager, req, &path, &db, UserChange::Disable, "disabled").await
}

pub async fn enable(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    apply(manager, req, &path, &db, UserChange::Enable, "enabled").await
}

pub async fn confirm_remove(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    ask(manager, req, &path, &db, &REMOVE).await
}

pub async fn remove(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    apply(manager, req, &path, &db, UserChange::Remove, "removed").await
}

/// A new set-password link for a colleague; older links stop working. A user who never set a
/// password gets another 7-day first link, anyone else a 1-hour reset.
pub async fn new_link(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("user_id={}", path.as_str()));
    let base = own_base(&manager, &req)?;
    let user = colleague(&manager, &db, &path).await?;
    if user.state != UserState::Active {
        return user_page(manager, base, user, Some("users-error-link-disabled"));
    }
    let purpose = match user.password() {
        None => LinkPurpose::NewUser,
        Some(_) => LinkPurpose::Reset,
    };
    let token = random_token();
    let actor = manager.user.actor();
    let kind = manager.user.organization_kind;
    let (for_link, link_token) = (user.clone(), token.clone());
    let expires_at = db
        .run(move |conn| {
            use diesel::Connection;
            Ok(conn.transaction(|conn| {
                db::password_links::issue(
                    conn,
                    db::audit::MadeBy::User(&actor),
                    &for_link,
                    kind,
                    purpose,
                    &link_token,
                )
            })?)
        })
        .await?;
    link_page(manager, &req, base, &user, purpose, &token, expires_at)
}

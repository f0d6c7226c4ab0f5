//! Extractors that say who is asking and in which language.
//!
//! [`Viewer`] is every page's context: locale, the signed-in user (if any) and the CSRF token.
//! [`PartnerUser`] and [`CustomerAdmin`] only exist for a live session of the right kind of user;
//! [`CsrfForm`] only exists when the form's token matches the session's.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;

use super::session::AppSession;
use crate::db::{self, Db};
use crate::domain::roles::Role;
use crate::domain::{CustomerId, OrgKind, OrganizationId};
use crate::error::AppError;
use crate::i18n::{I18n, Locale};

/// The name of the cookie that remembers an explicit language choice.
pub const LANGUAGE_COOKIE: &str = "lang";

/// The signed-in user, as read from the database on this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user_id: String,
    pub session_id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organization_id: OrganizationId,
    pub organization_name: String,
    pub organization_kind: OrgKind,
    /// The organization requires multi-factor authentication of all its users.
    pub organization_mfa_required: bool,
}

impl CurrentUser {
    /// The user as the audit log records them.
    pub fn actor(&self) -> db::audit::Actor {
        db::audit::Actor {
            user_id: self.user_id.clone(),
            name: self.display_name.clone(),
            organization_id: self.organization_id.clone(),
            api_client_id: None,
        }
    }

    /// The user's organization as a customer, when it is one.
    pub fn customer_id(&self) -> Option<CustomerId> {
        self.organization_id.as_customer(self.organization_kind)
    }

    /// See [`Role::may_manage_partnerships`] (for the navigation).
    pub fn may_manage_partnerships(&self) -> bool {
        self.role.may_manage_partnerships(self.organization_kind)
    }

    /// See [`Role::may_manage_users`] (for the navigation).
    pub fn may_manage_users(&self) -> bool {
        self.role.may_manage_users(self.organization_kind)
    }

    /// See [`Role::may_read_audit_log`] (for the navigation).
    pub fn may_read_audit_log(&self) -> bool {
        self.role.may_read_audit_log(self.organization_kind)
    }

    /// Whether the user may change designated support contacts (for the Customers page's
    /// link to bulk changes): what [`ContactChanger`] lets through.
    pub fn may_change_support_contacts(&self) -> bool {
        self.organization_kind.is_provider() && self.role.may_change_support_contact()
    }

    /// See [`Role::may_request_customer_relationships`] (for the Customers page).
    pub fn may_request_customer_relationships(&self) -> bool {
        self.role
            .may_request_customer_relationships(self.organization_kind)
    }

    /// The user as an invitation's rule sees them.
    pub fn responder(&self) -> crate::domain::invitations::Responder<'_> {
        crate::domain::invitations::Responder {
            organization_id: self.organization_id.as_str(),
            organization_kind: self.organization_kind,
            role: self.role,
        }
    }
}

/// The request's locale: an explicit choice (cookie) over `Accept-Language` over English.
pub fn request_locale(req: &HttpRequest) -> Locale {
    if let Some(locale) = req
        .cookie(LANGUAGE_COOKIE)
        .and_then(|c| Locale::from_tag(c.value()))
    {
        return locale;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::negotiate)
        .unwrap_or(Locale::En)
}

/// Every page's context: who is asking, in which language, with which CSRF token.
#[derive(Clone)]
pub struct Viewer {
    pub locale: Locale,
    pub i18n: Arc<I18n>,
    pub user: Option<CurrentUser>,
    pub csrf_token: String,
    /// The path and query of this request, for the language switcher to come back to.
    pub path: String,
}

/// What the session check needs from the request, read before any database work.
struct SessionParts {
    i18n: Arc<I18n>,
    db: web::Data<Db>,
    idle: chrono::Duration,
    session: AppSession,
}

impl SessionParts {
    fn of(req: &HttpRequest) -> Result<SessionParts, AppError> {
        let i18n = req
            .app_data::<web::Data<I18n>>()
            .map(|d| d.clone().into_inner())
            .ok_or_else(|| AppError::Internal("i18n not configured".into()))?;
        let db = req
            .app_data::<web::Data<Db>>()
            .cloned()
            .ok_or_else(|| AppError::Internal("database not configured".into()))?;
        let idle = req
            .app_data::<web::Data<crate::config::Settings>>()
            .map(|s| s.idle_timeout)
            .unwrap_or(crate::config::IDLE_TIMEOUT);
        let idle =
            chrono::Duration::from_std(idle).unwrap_or_else(|_| chrono::Duration::minutes(30));
        Ok(SessionParts {
            i18n,
            db,
            idle,
            session: AppSession::from_request(req),
        })
    }

    /// The check of the session named in the cookie, to run on a connection.
    fn check(&self) -> Option<SessionCheck> {
        self.session.session_id().map(|session_id| SessionCheck {
            session_id,
            idle: self.idle,
        })
    }

    /// The request's viewer once the session was checked (`user` None: not signed in, or the
    /// session is no longer live, which the cookie then forgets); kept for the error pages.
    fn viewer(self, req: &HttpRequest, checked: bool, user: Option<CurrentUser>) -> Viewer {
        if checked && user.is_none() {
            // Revoked, expired or disabled: forget the sign-in but keep the CSRF token, so a
            // sign-in form shown now still works.
            self.session.forget_sign_in();
        }
        if let Some(user) = &user {
            tracing::Span::current().record("user", user.user_id.as_str());
        }
        let path = match req.query_string() {
            "" => req.path().to_string(),
            q => format!("{}?{}", req.path(), q),
        };
        let viewer = Viewer {
            locale: request_locale(req),
            i18n: self.i18n,
            user,
            csrf_token: self.session.csrf_token(),
            path,
        };
        req.extensions_mut().insert(viewer.clone());
        viewer
    }
}

/// The server-side check of a session: its record is live (not revoked, expired or idle) and
/// its user enabled, read from the database on every request, so a sign-out or a role change
/// made through any instance is in force at once. Runs on whichever connection the request
/// uses, so a page can make it part of its own single trip to the database.
pub struct SessionCheck {
    session_id: String,
    idle: chrono::Duration,
}

impl SessionCheck {
    /// The signed-in user, or None when the session is no longer live; and whether the
    /// session's "last used" is due to be written ([`SessionCheck::mark_used`]). Reads only.
    pub fn read(
        &self,
        conn: &mut db::DbConnection,
    ) -> Result<Option<(CurrentUser, bool)>, AppError> {
        let found = db::sessions::find_live_unmarked(conn, &self.at(db::now()))?;
        Ok(found.map(|found| self.user_of(found)))
    }

    /// This session, checked at `now`.
    pub fn at(&self, now: chrono::NaiveDateTime) -> db::sessions::SessionAt<'_> {
        db::sessions::SessionAt {
            session_id: &self.session_id,
            now,
            idle: self.idle,
        }
    }

    /// The signed-in user of a live session as read from the database, and whether its "last
    /// used" is due to be written.
    fn user_of(&self, found: db::sessions::SessionUser) -> (CurrentUser, bool) {
        let user = CurrentUser {
            user_id: found.user_id,
            session_id: self.session_id.clone(),
            email: found.email,
            display_name: found.display_name,
            role: found.role,
            organization_id: found.organization_id,
            organization_name: found.organization_name,
            organization_kind: found.organization_kind,
            organization_mfa_required: found.organization_mfa_required,
        };
        (user, found.mark_due)
    }

    /// Writes that the session was used now, when [`SessionCheck::read`] said it was due
    /// (at most about once a minute a session): on a blocking thread, since it writes.
    async fn mark_used(db: &Db, user: &CurrentUser, due: bool) -> Result<(), AppError> {
        if !due {
            return Ok(());
        }
        let session_id = user.session_id.clone();
        db.run(move |conn| Ok(db::sessions::mark_used(conn, &session_id, db::now())?))
            .await
    }
}

impl Viewer {
    pub(crate) async fn load(req: HttpRequest) -> Result<Viewer, AppError> {
        if let Some(viewer) = req.extensions().get::<Viewer>() {
            return Ok(viewer.clone());
        }
        let parts = SessionParts::of(&req)?;
        let (checked, user) = match parts.check() {
            Some(check) => {
                let found = parts.db.run_read(move |conn| check.read(conn)).await?;
                let user = match found {
                    Some((user, due)) => {
                        SessionCheck::mark_used(&parts.db, &user, due).await?;
                        Some(user)
                    }
                    None => None,
                };
                (true, user)
            }
            None => (false, None),
        };
        Ok(parts.viewer(&req, checked, user))
    }

    pub fn signed_in(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }
}

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Viewer, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(Viewer::load(req.clone()))
    }
}

/// A kind of signed-in user that an extractor lets through: the check it makes.
pub trait Checked: Sized {
    /// Accepts the user, or returns the Fluent id of the refusal.
    fn check(user: &CurrentUser) -> Result<(), &'static str>;
    fn from_parts(viewer: Viewer, user: CurrentUser) -> Self;
}

/// Declares an extractor for a signed-in user whom `check` accepts; the check returns the
/// Fluent id of the refusal.
macro_rules! user_extractor {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        pub struct $name {
            pub viewer: Viewer,
            pub user: CurrentUser,
        }

        impl Checked for $name {
            fn check(user: &CurrentUser) -> Result<(), &'static str> {
                let check: fn(&CurrentUser) -> Result<(), &'static str> = $check;
                check(user)
            }

            fn from_parts(viewer: Viewer, user: CurrentUser) -> Self {
                $name { viewer, user }
            }
        }

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Pin<Box<dyn Future<Output = Result<$name, AppError>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move {
                    let viewer = Viewer::load(req).await?;
                    let user = viewer.signed_in()?.clone();
                    <$name as Checked>::check(&user).map_err(AppError::Forbidden)?;
                    Ok($name { viewer, user })
                })
            }
        }
    };
}

/// An extractor of kind `E` (e.g. [`CustomerAdmin`]) whose session check is made on the
/// connection of the page's own database work, first, so that a page read on every request
/// reaches the database once instead of twice. The check is the same as `E`'s: the session
/// record read on this request, then `E`'s rule; the page's work runs only when both pass.
pub struct OnPageConnection<E> {
    req: HttpRequest,
    kind: std::marker::PhantomData<E>,
}

impl<E> FromRequest for OnPageConnection<E> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(OnPageConnection {
            req: req.clone(),
            kind: std::marker::PhantomData,
        }))
    }
}

/// How the session check of [`OnPageConnection::run`] came out.
/// The user comes with whether their session's "last used" is due to be written.
enum Outcome<T> {
    NotLive,
    Refused(CurrentUser, bool, &'static str),
    Done(CurrentUser, bool, Result<T, AppError>),
}

impl<E: Checked> OnPageConnection<E> {
    /// Checks the session and `E`'s rule on one pooled connection, then runs `page` on it with
    /// the user; returns the extractor and what `page` returned. `page` only reads
    /// ([`Db::run_read`]).
    pub async fn run<T, F>(self, page: F) -> Result<(E, T), AppError>
    where
        F: FnOnce(&mut db::DbConnection, &CurrentUser) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_checked(move |conn, check| {
            let Some((user, due)) = check.read(conn)? else {
                return Ok(Outcome::NotLive);
            };
            if let Err(refusal) = E::check(&user) {
                return Ok(Outcome::Refused(user, due, refusal));
            }
            let done = page(conn, &user);
            Ok(Outcome::Done(user, due, done))
        })
        .await
    }

    /// As [`OnPageConnection::run`], for a page whose first statement is also the session
    /// check: `read` selects the page's rows joined to [`db::sessions::live_session!`] of the
    /// session it is given, and returns the session's user (None: no longer live) with them.
    /// Then `E`'s rule; only when it passes, `then` runs on the same connection with the user
    /// and those rows (for the page's further statements, if any). Rows read for a session
    /// that is not live or a user `E` refuses are dropped unseen.
    pub async fn run_joined<R, T, F, G>(self, read: F, then: G) -> Result<(E, T), AppError>
    where
        F: FnOnce(
                &mut db::DbConnection,
                &db::sessions::SessionAt<'_>,
            ) -> Result<Option<(db::sessions::SessionUser, R)>, AppError>
            + Send
            + 'static,
        G: FnOnce(&mut db::DbConnection, &CurrentUser, R) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_checked(move |conn, check| {
            let Some((found, rows)) = read(conn, &check.at(db::now()))? else {
                return Ok(Outcome::NotLive);
            };
            let (user, due) = check.user_of(found);
            if let Err(refusal) = E::check(&user) {
                return Ok(Outcome::Refused(user, due, refusal));
            }
            let done = then(conn, &user, rows);
            Ok(Outcome::Done(user, due, done))
        })
        .await
    }

    /// Runs `work` (the session check, `E`'s rule and the page) on one pooled connection,
    /// then writes the session's "last used" when due and settles the request's viewer.
    async fn run_checked<T, W>(self, work: W) -> Result<(E, T), AppError>
    where
        W: FnOnce(&mut db::DbConnection, &SessionCheck) -> Result<Outcome<T>, AppError>
            + Send
            + 'static,
        T: Send + 'static,
    {
        let parts = SessionParts::of(&self.req)?;
        let Some(check) = parts.check() else {
            parts.viewer(&self.req, false, None);
            return Err(AppError::SignInRequired);
        };
        let outcome = parts
            .db
            .run_read(move |conn| match work(conn, &check)? {
                // Described with the rows that hold it (`Db::run`).
                Outcome::Done(_, _, Err(e @ AppError::UnknownStored(_))) => Err(e),
                outcome => Ok(outcome),
            })
            .await?;
        if let Outcome::Refused(user, due, _) | Outcome::Done(user, due, _) = &outcome {
            SessionCheck::mark_used(&parts.db, user, *due).await?;
        }
        match outcome {
            Outcome::NotLive => {
                parts.viewer(&self.req, true, None);
                Err(AppError::SignInRequired)
            }
            Outcome::Refused(user, _, refusal) => {
                parts.viewer(&self.req, true, Some(user));
                Err(AppError::Forbidden(refusal))
            }
            Outcome::Done(user, _, done) => {
                let viewer = parts.viewer(&self.req, true, Some(user.clone()));
                let done = done?;
                Ok((E::from_parts(viewer, user), done))
            }
        }
    }
}

/// The partner check every partner page starts with.
fn partner(user: &CurrentUser) -> Result<(), &'static str> {
    if user.organization_kind.is_partner() && user.role.is_partner_role() {
        Ok(())
    } else {
        Err("error-partners-only")
    }
}

user_extractor!(
    /// A signed-in user of an indirect provider or indirect reseller.
    PartnerUser,
    partner
);

/// Declares an extractor that narrows [`PartnerUser`] with a further check on the user.
macro_rules! partner_extractor {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        user_extractor!($(#[$doc])* $name, |user| {
            partner(user)?;
            let check: fn(&CurrentUser) -> Result<(), &'static str> = $check;
            check(user)
        });
    };
}

partner_extractor!(
    /// An Admin agent or Global admin of an indirect provider: manages partnerships.
    ProviderAdmin,
    |user| match (user.organization_kind, user.role) {
        (kind, role) if role.may_manage_partnerships(kind) => Ok(()),
        (OrgKind::IndirectProvider, _) => Err("error-role-admins-only"),
        _ => Err("error-providers-only"),
    }
);
partner_extractor!(
    /// An Admin agent or Global admin of any partner: requests customer relationships and
    /// reads the organization's audit log.
    PartnerAdmin,
    |user| {
        if user.role.may_manage_organization() {
            Ok(())
        } else {
            Err("error-role-admins-only")
        }
    }
);
partner_extractor!(
    /// An Admin agent, Global admin or Helpdesk agent of an indirect provider: changes the
    /// designated support contact of the provider's subscriptions, many at once too.
    ContactChanger,
    |user| match user.organization_kind {
        _ if user.may_change_support_contacts() => Ok(()),
        OrgKind::IndirectProvider => Err("error-role-may-not-change"),
        _ => Err("error-providers-only"),
    }
);
partner_extractor!(
    /// A partner's Global admin: manages the organization's API clients.
    PartnerGlobalAdmin,
    |user| {
        if user.role == Role::GlobalAdmin {
            Ok(())
        } else {
            Err("error-role-global-admins-only")
        }
    }
);
partner_extractor!(
    /// Any user of an indirect reseller.
    ResellerUser,
    |user| {
        if user.organization_kind.is_reseller() {
            Ok(())
        } else {
            Err("error-resellers-only")
        }
    }
);

user_extractor!(
    /// Any signed-in user (their own account).
    SignedIn,
    |_| Ok(())
);

user_extractor!(
    /// A customer's admin (Global admin, Billing admin or Helpdesk admin): opens the Admin
    /// area and its Support section.
    CustomerAdmin,
    |user| match (user.organization_kind, user.role) {
        (OrgKind::Customer, role) if role.is_customer_admin() => Ok(()),
        (OrgKind::Customer, _) => Err("error-ask-your-admin"),
        _ => Err("error-customers-only"),
    }
);

user_extractor!(
    /// A customer's Global admin: manages partner relationships and users, reads the log.
    CustomerGlobalAdmin,
    |user| match (user.organization_kind, user.role) {
        (OrgKind::Customer, Role::CustomerGlobalAdmin) => Ok(()),
        (OrgKind::Customer, role) if role.is_customer_admin() => {
            Err("error-role-global-admins-only")
        }
        (OrgKind::Customer, _) => Err("error-ask-your-admin"),
        _ => Err("error-customers-only"),
    }
);

/// The customer of a customer's admin: the extractor checked that the organization is one.
macro_rules! customer_of_admin {
    ($($name:ident),+) => {
        $(impl $name {
            pub fn customer_id(&self) -> CustomerId {
                Self::customer_of(&self.user)
            }

            /// The customer of a user this extractor let through.
            pub fn customer_of(user: &CurrentUser) -> CustomerId {
                CustomerId::from(user.organization_id.to_string())
            }
        })+
    };
}
customer_of_admin!(CustomerAdmin, CustomerGlobalAdmin);

user_extractor!(
    /// The Global admin of any organization: User management.
    UserManager,
    |user| {
        if user.role.may_manage_users(user.organization_kind) {
            Ok(())
        } else if user.organization_kind == OrgKind::Customer && !user.role.is_customer_admin() {
            Err("error-ask-your-admin")
        } else {
            Err("error-role-global-admins-only")
        }
    }
);

/// True when the request's body says it is a URL-encoded form.
pub fn is_form(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// A URL-encoded form whose `csrf_token` field matched the session's token.
pub struct CsrfForm<T>(pub T);

/// The largest form body accepted, in bytes.
pub const FORM_LIMIT: usize = 16 * 1024;

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<CsrfForm<T>, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            if !is_form(&req) {
                return Err(AppError::BadRequest("error-bad-form"));
            }
            let bytes =
                body.await
                    .map_err(|e| match e.as_response_error().status_code().as_u16() {
                        413 => AppError::PayloadTooLarge,
                        _ if crate::web::guard::is_body_timeout(&e) => AppError::RequestTimeout,
                        _ => AppError::BadRequest("error-bad-form"),
                    })?;
            let token = url::form_urlencoded::parse(&bytes)
                .find(|(k, _)| k == "csrf_token")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            AppSession::from_request(&req).check_csrf(&token)?;
            serde_urlencoded::from_bytes::<T>(&bytes)
                .map(CsrfForm)
                .map_err(|e| {
                    tracing::info!(error = %e, "form did not parse");
                    AppError::BadRequest("error-bad-form")
                })
        })
    }
}

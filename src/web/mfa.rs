//! Multi-factor authentication's pages: the second step of a sign-in (a code from the
//! authenticator app or a recovery code), setting MFA up (a QR code drawn as inline SVG, the key
//! to type, the first code), the recovery codes shown once, the user's own MFA page
//! (`/account/mfa`), and what Global admins do on User management: require MFA for the
//! organization and reset a colleague's.
//!
//! A sign-in that needs a second factor is not a session yet: the cookie holds only the pending
//! step (user, expiry, where to go), and `sign_in::start_session` runs after the second step.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::sign_in::{start_session, EmptyForm};
use super::urls;
use super::users::own_base;
use super::{checked_id, render, render_with_status, see_other};
use crate::auth::password::PasswordHasher;
use crate::auth::session::AppSession;
use crate::auth::{CsrfForm, SignedIn, UserManager, Viewer};
use crate::config::Settings;
use crate::db::users::{ChangeError, User};
use crate::db::{self, Db};
use crate::domain::accounts::{UserState, MAX_PASSWORD_CHARS};
use crate::domain::mfa::{self, PendingSignIn, SecondFactor, SecondStep};
use crate::domain::sign_in_limits::{Scope, SignInLimits};
use crate::error::AppError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(urls::SIGN_IN_MFA, web::get().to(code_form))
        .route(urls::SIGN_IN_MFA, web::post().to(code_submit))
        .route(urls::SIGN_IN_MFA_SETUP, web::get().to(sign_in_setup_form))
        .route(
            urls::SIGN_IN_MFA_SETUP,
            web::post().to(sign_in_setup_submit),
        )
        .route(urls::ACCOUNT_MFA, web::get().to(account))
        .route(urls::ACCOUNT_MFA_SETUP, web::get().to(account_setup_form))
        .route(
            urls::ACCOUNT_MFA_SETUP,
            web::post().to(account_setup_submit),
        )
        .route(urls::RECOVERY_CODES, web::get().to(recovery_codes))
        .route(
            urls::RECOVERY_CODES_NEW,
            web::post().to(renew_recovery_codes),
        )
        .route(urls::ACCOUNT_MFA_TURN_OFF, web::post().to(turn_off));
    for base in [urls::PARTNER_USERS, urls::CUSTOMER_USERS] {
        cfg.route(
            &urls::users_page(base, "mfa-policy"),
            web::post().to(set_policy),
        )
        .route(
            &urls::user_action(base, "{user_id}", "mfa-reset"),
            web::post().to(reset),
        );
    }
}

/// The one place that decides whether another code may be tried for `user_id` (the sign-in's
/// second step, the first code of a set-up, turning MFA off with a code): codes are limited
/// like passwords (`domain::sign_in_limits`, 5 wrong codes per user in 15 minutes), and a user
/// who used them up is answered 429 with `Retry-After` until the window ends.
async fn code_attempts_allowed(
    db: &Db,
    limits: SignInLimits,
    user_id: &str,
) -> Result<(), AppError> {
    let user_id = user_id.to_string();
    let wait = db
        .run(move |conn| {
            Ok(db::sign_in_limits::wait(
                conn,
                &limits,
                &[(Scope::Code, &user_id)],
                db::now(),
            )?)
        })
        .await?;
    match wait {
        Some(seconds) => Err(AppError::TooMany(
            "mfa-error-too-many-codes",
            seconds.max(1) as u64,
        )),
        None => Ok(()),
    }
}

/// Counts a wrong code for `user_id` (see [`code_attempts_allowed`]).
async fn record_wrong_code(db: &Db, limits: SignInLimits, user_id: &str) -> Result<(), AppError> {
    let user_id = user_id.to_string();
    db.run(move |conn| {
        db::sign_in_limits::record_failure(conn, &limits, Scope::Code, &user_id, db::now())?;
        Ok(())
    })
    .await
}

fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default()
}

/// After the right password: signs the user in, or, when they have MFA or their organization
/// requires it, keeps the sign-in pending and sends them to the second step.
pub async fn after_password(
    req: &HttpRequest,
    db: &Db,
    settings: &Settings,
    session: &AppSession,
    user: &User,
    next: &str,
) -> Result<HttpResponse, AppError> {
    let org_id = user.organization_id.clone();
    let requires = db
        .run(move |conn| Ok(db::mfa::organization_requires(conn, &org_id)?))
        .await?;
    match mfa::second_step(user.mfa_enrolled_at.is_some(), requires) {
        None => {
            start_session(req, db, settings, session, user.id.clone()).await?;
            Ok(see_other(next))
        }
        Some(step) => {
            let now = chrono::Utc::now().timestamp();
            session.begin_second_step(&PendingSignIn::new(&user.id, step, now, next))?;
            Ok(see_other(match step {
                SecondStep::Code => urls::SIGN_IN_MFA,
                SecondStep::Setup => urls::SIGN_IN_MFA_SETUP,
            }))
        }
    }
}

/// The pending sign-in this page is for; otherwise the page to go to instead.
fn pending(session: &AppSession, want: SecondStep) -> Result<PendingSignIn, &'static str> {
    match session.pending_second_step() {
        Some(p) if p.is_live(chrono::Utc::now().timestamp()) => {
            if p.step == want {
                Ok(p)
            } else {
                Err(match p.step {
                    SecondStep::Code => urls::SIGN_IN_MFA,
                    SecondStep::Setup => urls::SIGN_IN_MFA_SETUP,
                })
            }
        }
        Some(_) => {
            session.end_second_step();
            Err(urls::SIGN_IN)
        }
        None => Err(urls::SIGN_IN),
    }
}

/// The pending sign-in this page is for and its user, while they may still sign in; otherwise
/// where to go instead.
async fn pending_sign_in(
    db: &Db,
    session: &AppSession,
    want: SecondStep,
) -> Result<Result<(PendingSignIn, User), &'static str>, AppError> {
    let pending = match pending(session, want) {
        Ok(p) => p,
        Err(away) => return Ok(Err(away)),
    };
    let user_id = pending.user_id.clone();
    let user = db
        .run(move |conn| Ok(db::users::find(conn, &user_id)?))
        .await?;
    match user.filter(|u| u.state == UserState::Active) {
        Some(user) => Ok(Ok((pending, user))),
        None => {
            session.end_second_step();
            Ok(Err(urls::SIGN_IN))
        }
    }
}

#[derive(Template)]
#[template(path = "mfa_sign_in.html", config = "templates/askama.toml")]
pub struct CodePage {
    pub ctx: Viewer,
    pub error: Option<&'static str>,
}

pub async fn code_form(viewer: Viewer, session: AppSession) -> Result<HttpResponse, AppError> {
    if let Err(away) = pending(&session, SecondStep::Code) {
        return Ok(see_other(away));
    }
    render(&CodePage {
        ctx: viewer,
        error: None,
    })
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Checks a second factor of a user who has MFA: a code of the current step or a neighbour
/// newer than the last accepted, or an unused recovery code (used up here). The refusal's
/// message id otherwise.
async fn verify_second_factor(
    db: &Db,
    user_id: &str,
    typed: &str,
) -> Result<Result<(), &'static str>, AppError> {
    let Some(factor) = SecondFactor::parse(typed) else {
        return Ok(Err("mfa-error-code"));
    };
    let user_id = user_id.to_string();
    db.run(move |conn| {
        Ok(match factor {
            SecondFactor::Code(code) => {
                let state = db::mfa::state(conn, &user_id)?;
                let Some(secret) = state.secret.as_deref() else {
                    return Ok(Err("mfa-error-code"));
                };
                match mfa::check_code(secret, &code, unix_now(), state.last_step()) {
                    Ok(step) if db::mfa::accept_step(conn, &user_id, step)? => Ok(()),
                    Ok(_) => Err(mfa::CodeProblem::Replayed.message_id()),
                    Err(problem) => Err(problem.message_id()),
                }
            }
            SecondFactor::RecoveryCode(hash) => {
                if db::mfa::use_recovery_code(conn, &user_id, &hash)? {
                    Ok(())
                } else {
                    Err("mfa-error-code")
                }
            }
        })
    })
    .await
}

pub async fn code_submit(
    req: HttpRequest,
    viewer: Viewer,
    form: CsrfForm<CodeForm>,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let (pending, user) = match pending_sign_in(&db, &session, SecondStep::Code).await? {
        Ok(found) => found,
        Err(away) => return Ok(see_other(away)),
    };
    let limits = settings.sign_in_limits;
    code_attempts_allowed(&db, limits, &user.id).await?;
    if let Err(error) = verify_second_factor(&db, &user.id, &form.0.code).await? {
        record_wrong_code(&db, limits, &user.id).await?;
        return render_with_status(
            StatusCode::UNAUTHORIZED,
            &CodePage {
                ctx: viewer,
                error: Some(error),
            },
        );
    }
    session.end_second_step();
    start_session(&req, &db, &settings, &session, user.id).await?;
    Ok(see_other(&pending.next))
}

#[derive(Template)]
#[template(path = "mfa_setup.html", config = "templates/askama.toml")]
pub struct SetupPage {
    pub ctx: Viewer,
    /// Where the form posts: the sign-in's set-up or the account's.
    pub action: &'static str,
    /// During sign-in, because the organization requires MFA.
    pub at_sign_in: bool,
    /// The QR code as SVG markup (made here, never from user input).
    pub qr_svg: String,
    /// The key to type into the app, in groups of four.
    pub key: String,
    pub error: Option<&'static str>,
}

/// The `otpauth://` address drawn as an inline SVG (the CSP allows no `data:` images); its
/// text alternative is the key shown beside it, so the drawing itself is hidden from readers.
fn qr_svg(uri: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| AppError::Internal(format!("QR code: {e}")))?;
    let drawing = code.render::<svg::Color>().min_dimensions(200, 200).build();
    let start = drawing
        .find("<svg")
        .ok_or_else(|| AppError::Internal("QR code without svg".into()))?;
    Ok(drawing[start..].replacen(
        "<svg ",
        "<svg class=\"qr-code\" aria-hidden=\"true\" focusable=\"false\" ",
        1,
    ))
}

/// The set-up page for `email`: the secret kept in the session (made on first view, the same
/// on a reload so a scanned code stays right).
fn setup_page(
    ctx: Viewer,
    session: &AppSession,
    email: &str,
    at_sign_in: bool,
    error: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let secret = match session.enrolment_secret() {
        Some(secret) => secret,
        None => {
            let secret = mfa::new_secret();
            session.set_enrolment_secret(&secret)?;
            secret
        }
    };
    let uri = mfa::otpauth_uri(&secret, email)
        .ok_or_else(|| AppError::Internal("otpauth address".into()))?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with_status(
        status,
        &SetupPage {
            ctx,
            action: if at_sign_in {
                urls::SIGN_IN_MFA_SETUP
            } else {
                urls::ACCOUNT_MFA_SETUP
            },
            at_sign_in,
            qr_svg: qr_svg(&uri)?,
            key: mfa::grouped(&secret),
            error,
        },
    )
}

/// Sets MFA up with the secret of this browser's set-up and the code typed; keeps the new
/// recovery codes for the page that shows them. The refusal's message id otherwise.
async fn confirm_setup(
    db: &Db,
    limits: SignInLimits,
    session: &AppSession,
    user_id: &str,
    typed: &str,
) -> Result<Result<(), &'static str>, AppError> {
    let Some(secret) = session.enrolment_secret() else {
        return Ok(Err("mfa-error-setup-expired"));
    };
    code_attempts_allowed(db, limits, user_id).await?;
    let step = match mfa::check_code(&secret, typed, unix_now(), None) {
        Ok(step) => step,
        Err(problem) => {
            record_wrong_code(db, limits, user_id).await?;
            return Ok(Err(problem.message_id()));
        }
    };
    let codes = mfa::new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|c| mfa::recovery_code_hash(c))
        .collect();
    let user_id = user_id.to_string();
    let enrolled = db
        .run(move |conn| Ok(db::mfa::enrol(conn, &user_id, &secret, step, &hashes)?))
        .await?;
    if !enrolled {
        session.forget_enrolment_secret();
        return Ok(Err("mfa-error-already-set-up"));
    }
    session.forget_enrolment_secret();
    session.keep_new_recovery_codes(&codes)?;
    Ok(Ok(()))
}

pub async fn sign_in_setup_form(
    viewer: Viewer,
    db: web::Data<Db>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let user = match pending_sign_in(&db, &session, SecondStep::Setup).await? {
        Ok((_, user)) => user,
        Err(away) => return Ok(see_other(away)),
    };
    setup_page(viewer, &session, &user.email, true, None)
}

pub async fn sign_in_setup_submit(
    req: HttpRequest,
    viewer: Viewer,
    form: CsrfForm<CodeForm>,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let (pending, user) = match pending_sign_in(&db, &session, SecondStep::Setup).await? {
        Ok(found) => found,
        Err(away) => return Ok(see_other(away)),
    };
    if let Err(error) = confirm_setup(
        &db,
        settings.sign_in_limits,
        &session,
        &user.id,
        &form.0.code,
    )
    .await?
    {
        return setup_page(viewer, &session, &user.email, true, Some(error));
    }
    session.end_second_step();
    start_session(&req, &db, &settings, &session, user.id).await?;
    Ok(see_other(&format!(
        "{}?next={}",
        urls::RECOVERY_CODES,
        percent_encoding::utf8_percent_encode(&pending.next, super::QUERY_VALUE)
    )))
}

#[derive(Template)]
#[template(path = "mfa_account.html", config = "templates/askama.toml")]
pub struct AccountPage {
    pub ctx: Viewer,
    pub enrolled_at: Option<NaiveDateTime>,
    pub unused_codes: i32,
    pub required: bool,
    pub notice: Option<super::Notice>,
    /// The turn-off form's problem.
    pub error: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

async fn account_page(
    me: SignedIn,
    db: &Db,
    notice: Option<super::Notice>,
    error: Option<&'static str>,
) -> Result<HttpResponse, AppError> {
    let user_id = me.user.user_id.clone();
    let (state, unused) = db
        .run(move |conn| {
            Ok((
                db::mfa::state(conn, &user_id)?,
                db::mfa::unused_recovery_codes(conn, &user_id)?,
            ))
        })
        .await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with_status(
        status,
        &AccountPage {
            required: me.user.organization_mfa_required,
            ctx: me.viewer,
            enrolled_at: state.enrolled_at,
            unused_codes: i32::try_from(unused).unwrap_or(i32::MAX),
            notice,
            error,
        },
    )
}

pub async fn account(
    me: SignedIn,
    query: web::Query<DoneQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let notice = match query.done.as_deref() {
        Some("off") => Some(super::Notice::info("mfa-done-off")),
        _ => None,
    };
    account_page(me, &db, notice, None).await
}

/// The signed-in user's MFA as stored.
async fn my_state(me: &SignedIn, db: &Db) -> Result<db::mfa::MfaState, AppError> {
    let user_id = me.user.user_id.clone();
    db.run(move |conn| Ok(db::mfa::state(conn, &user_id)?))
        .await
}

pub async fn account_setup_form(
    me: SignedIn,
    db: web::Data<Db>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    if my_state(&me, &db).await?.is_enrolled() {
        return Ok(see_other(urls::ACCOUNT_MFA));
    }
    let email = me.user.email.clone();
    setup_page(me.viewer, &session, &email, false, None)
}

pub async fn account_setup_submit(
    me: SignedIn,
    form: CsrfForm<CodeForm>,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let limits = settings.sign_in_limits;
    if let Err(error) = confirm_setup(&db, limits, &session, &me.user.user_id, &form.0.code).await?
    {
        let email = me.user.email.clone();
        return setup_page(me.viewer, &session, &email, false, Some(error));
    }
    Ok(see_other(urls::RECOVERY_CODES))
}

#[derive(Template)]
#[template(path = "mfa_codes.html", config = "templates/askama.toml")]
pub struct CodesPage {
    pub ctx: Viewer,
    pub codes: Vec<String>,
    /// Where Continue goes.
    pub next: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The new recovery codes, once; a reload finds them gone and goes to the MFA page.
pub async fn recovery_codes(
    me: SignedIn,
    query: web::Query<NextQuery>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let Some(codes) = session.take_new_recovery_codes() else {
        return Ok(see_other(urls::ACCOUNT_MFA));
    };
    let next = match query.next.as_deref() {
        Some(next) => super::language::safe_next(Some(next)).to_string(),
        None => urls::ACCOUNT_MFA.to_string(),
    };
    render(&CodesPage {
        ctx: me.viewer,
        codes,
        next,
    })
}

pub async fn renew_recovery_codes(
    me: SignedIn,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
    session: AppSession,
) -> Result<HttpResponse, AppError> {
    let codes = mfa::new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|c| mfa::recovery_code_hash(c))
        .collect();
    let user_id = me.user.user_id.clone();
    let renewed = db
        .run(move |conn| Ok(db::mfa::renew_recovery_codes(conn, &user_id, &hashes)?))
        .await?;
    if !renewed {
        return Err(AppError::Conflict("mfa-error-not-set-up"));
    }
    session.keep_new_recovery_codes(&codes)?;
    Ok(see_other(urls::RECOVERY_CODES))
}

#[derive(Deserialize)]
pub struct TurnOffForm {
    /// The current password, or a code from the authenticator app.
    #[serde(default)]
    proof: String,
}

/// Turns one's own MFA off, with the current password or a code, when the organization does
/// not require MFA.
pub async fn turn_off(
    me: SignedIn,
    form: CsrfForm<TurnOffForm>,
    db: web::Data<Db>,
    hasher: web::Data<PasswordHasher>,
    settings: web::Data<Settings>,
) -> Result<HttpResponse, AppError> {
    if me.user.organization_mfa_required {
        return account_page(me, &db, None, Some("mfa-error-required")).await;
    }
    let proof = form.0.proof;
    // A password or a code: either way a wrong proof counts against the same limit, so a
    // session left open cannot be used to guess the password.
    let limits = settings.sign_in_limits;
    code_attempts_allowed(&db, limits, &me.user.user_id).await?;
    let proven = if mfa::normalize_code(&proof).is_some() {
        verify_second_factor(&db, &me.user.user_id, &proof)
            .await?
            .is_ok()
    } else {
        let user_id = me.user.user_id.clone();
        let stored = db
            .run(move |conn| db::users::find(conn, &user_id)?.ok_or(AppError::NotFound))
            .await?;
        proof.chars().count() <= MAX_PASSWORD_CHARS
            && hasher
                .check(stored.password().map(str::to_string), proof)
                .await?
    };
    if !proven {
        record_wrong_code(&db, limits, &me.user.user_id).await?;
    }
    if !proven {
        return account_page(me, &db, None, Some("mfa-error-proof")).await;
    }
    let user_id = me.user.user_id.clone();
    let outcome = db
        .run(move |conn| match db::mfa::turn_off(conn, &user_id) {
            Ok(()) => Ok(None),
            Err(ChangeError::Refused(id)) => Ok(Some(id)),
            Err(ChangeError::Capped(cap)) => Err(cap.into()),
            Err(ChangeError::Database(e)) => Err(e.into()),
        })
        .await?;
    match outcome {
        None => Ok(see_other(&format!("{}?done=off", urls::ACCOUNT_MFA))),
        Some(refusal) => account_page(me, &db, None, Some(refusal)).await,
    }
}

#[derive(Deserialize)]
pub struct PolicyForm {
    /// The checkbox: present when MFA is to be required.
    required: Option<String>,
}

/// "Require multi-factor authentication for all users", on or off, for the manager's
/// organization.
pub async fn set_policy(
    manager: UserManager,
    req: HttpRequest,
    form: CsrfForm<PolicyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let required = form.0.required.is_some();
    let actor = manager.user.actor();
    let kind = manager.user.organization_kind;
    db.run(move |conn| Ok(db::mfa::set_required(conn, &actor, kind, required)?))
        .await?;
    Ok(see_other(&format!("{base}?done=mfa_policy")))
}

/// Resets a colleague's MFA: secret and recovery codes forgotten, sessions ended.
pub async fn reset(
    manager: UserManager,
    req: HttpRequest,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let base = own_base(&manager, &req)?;
    let user_id = checked_id(&path)?.to_string();
    super::request_log::touches(format_args!("user_id={user_id}"));
    let actor = manager.user.actor();
    let kind = manager.user.organization_kind;
    db.run(
        move |conn| match db::mfa::reset(conn, &actor, kind, &user_id) {
            Ok(_) => Ok(()),
            Err(ChangeError::Refused(id)) => Err(AppError::Conflict(id)),
            Err(ChangeError::Capped(cap)) => Err(cap.into()),
            Err(ChangeError::Database(e)) => Err(e.into()),
        },
    )
    .await?;
    Ok(see_other(&format!("{base}?done=mfa_reset")))
}

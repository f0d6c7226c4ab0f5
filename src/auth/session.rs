//! The typed session: the cookie (signed and encrypted by actix-session) holds only the id of a
//! server-side session record and the CSRF token. The id is renewed at sign-in and the cookie
//! purged at sign-out, when the record is revoked too. Between the password and the second
//! factor it holds the pending sign-in instead (no session record exists yet), and while MFA is
//! set up, the new secret and then the recovery codes until they are shown once.

use std::future::{ready, Ready};

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::domain::mfa::PendingSignIn;
use crate::error::AppError;

const SESSION_ID: &str = "sid";
const CSRF: &str = "csrf";
/// A sign-in waiting for its second factor (`domain::mfa::PendingSignIn`).
const PENDING_SIGN_IN: &str = "mfa_pending";
/// The authenticator secret being set up, until its first code is typed.
const ENROLMENT_SECRET: &str = "mfa_secret";
/// New recovery codes, until the page that shows them once.
const NEW_RECOVERY_CODES: &str = "mfa_codes";

/// A random token of 256 bits, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub struct AppSession(Session);

impl AppSession {
    pub fn from_request(req: &HttpRequest) -> AppSession {
        AppSession(req.get_session())
    }

    /// The session's CSRF token, made on first use.
    pub fn csrf_token(&self) -> String {
        if let Ok(Some(token)) = self.0.get::<String>(CSRF) {
            return token;
        }
        let token = random_token();
        if let Err(e) = self.0.insert(CSRF, &token) {
            tracing::error!(error = %e, "cannot store the CSRF token");
        }
        token
    }

    /// Compares a submitted token with the session's in constant time.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        let expected = match self.0.get::<String>(CSRF) {
            Ok(Some(token)) => token,
            _ => return Err(AppError::Csrf),
        };
        if expected.len() == submitted.len()
            && bool::from(expected.as_bytes().ct_eq(submitted.as_bytes()))
        {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }

    /// The server-side session record's id, if signed in.
    pub fn session_id(&self) -> Option<String> {
        self.0.get::<String>(SESSION_ID).ok().flatten()
    }

    /// Starts a signed-in session: a new cookie id (no fixation), the record's id, a new CSRF token.
    pub fn sign_in(&self, session_id: &str) -> Result<(), AppError> {
        self.0.renew();
        self.0
            .insert(SESSION_ID, session_id)
            .and_then(|_| self.0.insert(CSRF, random_token()))
            .map_err(|e| AppError::Internal(format!("session insert: {e}")))
    }

    /// Drops the reference to a session record that is no longer live.
    pub fn forget_sign_in(&self) {
        self.0.remove(SESSION_ID);
    }

    /// Forgets everything in the cookie.
    pub fn clear(&self) {
        self.0.purge();
    }

    /// Keeps a sign-in that waits for its second factor: a new cookie id, and no other sign-in.
    pub fn begin_second_step(&self, pending: &PendingSignIn) -> Result<(), AppError> {
        self.0.renew();
        self.0.remove(SESSION_ID);
        self.0.remove(ENROLMENT_SECRET);
        self.0
            .insert(PENDING_SIGN_IN, pending)
            .map_err(|e| AppError::Internal(format!("session insert: {e}")))
    }

    /// The sign-in waiting for its second factor, if any (expired or not).
    pub fn pending_second_step(&self) -> Option<PendingSignIn> {
        self.0.get::<PendingSignIn>(PENDING_SIGN_IN).ok().flatten()
    }

    /// Ends the wait for a second factor (done, or given up), with the secret being set up.
    pub fn end_second_step(&self) {
        self.0.remove(PENDING_SIGN_IN);
        self.0.remove(ENROLMENT_SECRET);
    }

    /// The authenticator secret being set up on this browser.
    pub fn enrolment_secret(&self) -> Option<String> {
        self.0.get::<String>(ENROLMENT_SECRET).ok().flatten()
    }

    pub fn set_enrolment_secret(&self, secret: &str) -> Result<(), AppError> {
        self.0
            .insert(ENROLMENT_SECRET, secret)
            .map_err(|e| AppError::Internal(format!("session insert: {e}")))
    }

    pub fn forget_enrolment_secret(&self) {
        self.0.remove(ENROLMENT_SECRET);
    }

    /// Keeps new recovery codes for the one page that shows them.
    pub fn keep_new_recovery_codes(&self, codes: &[String]) -> Result<(), AppError> {
        self.0
            .insert(NEW_RECOVERY_CODES, codes)
            .map_err(|e| AppError::Internal(format!("session insert: {e}")))
    }

    /// The new recovery codes, taken out: they are shown once.
    pub fn take_new_recovery_codes(&self) -> Option<Vec<String>> {
        self.0.remove_as::<Vec<String>>(NEW_RECOVERY_CODES)?.ok()
    }
}

impl FromRequest for AppSession {
    type Error = actix_web::Error;
    type Future = Ready<Result<AppSession, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(AppSession::from_request(req)))
    }
}

//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, the OWASP
//! minimum), always on a blocking thread and with a cap on how many hashes run at once, so a
//! burst of sign-ins cannot starve the server of memory or threads.

use std::sync::{Arc, OnceLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Hashes a password with argon2id and a random salt (blocking; call from a blocking thread).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// A real hash of nothing anybody knows, verified when the email is unknown, so that a wrong
/// email takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let random = uuid::Uuid::new_v4().to_string();
        hash_password(&random).unwrap_or_default()
    })
}

fn verify_blocking(stored_hash: Option<&str>, password: &str) -> bool {
    let candidate = stored_hash.unwrap_or_else(|| dummy_hash());
    let matches = PasswordHash::new(candidate)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    matches && stored_hash.is_some()
}

/// Runs hashes on blocking threads, at most `permits` at a time.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl PasswordHasher {
    pub fn new(max_concurrent: usize) -> Self {
        PasswordHasher {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
        }
    }

    /// A new argon2id hash of `password`, under the same cap as sign-ins.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        actix_web::web::block(move || hash_password(&password))
            .await
            .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))?
            .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// True when `password` matches `stored_hash`; with no hash (unknown user) always false,
    /// after the same amount of work.
    pub async fn verify(
        &self,
        stored_hash: Option<String>,
        password: String,
    ) -> Result<bool, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        actix_web::web::block(move || verify_blocking(stored_hash.as_deref(), &password))
            .await
            .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hash.contains("m=19456,t=2,p=1"));
        assert!(verify_blocking(Some(&hash), "correct horse"));
        assert!(!verify_blocking(Some(&hash), "wrong"));
        assert!(!verify_blocking(None, "correct horse"));
    }
}

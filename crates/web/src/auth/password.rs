//! Password hashing with argon2id, always off the async executor.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;

use argon2::Argon2;
use peerlearn_domain::Password;

use crate::error::AppError;

/// Hashes a new password into a PHC string.
pub async fn hash_password(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.expose().as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("password hashing task: {e}")))?
}

/// A hash of a random password nobody knows, verified when the email is unknown so that an
/// unknown email and a wrong password take the same time.
static DECOY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(super::new_secret().as_bytes())
        .map(|h| h.to_string())
        .ok()
});

/// Checks `password` against `hash` (or against a decoy when there is no account, or when the
/// account has no password yet: an imported attendee's hash is empty until they choose one).
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    let hash = hash.filter(|h| !h.is_empty());
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = match hash {
            Some(h) => h,
            None => DECOY_HASH
                .clone()
                .ok_or_else(|| AppError::Internal("decoy password hash".into()))?,
        };
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| AppError::Internal(format!("stored password hash: {e}")))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && ok)
    })
    .await
    .map_err(|e| AppError::Internal(format!("password check task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash_password(Password::parse("correct horse battery").unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify_password("wrong horse battery".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(!verify_password("anything".into(), None).await.unwrap());
        assert!(
            !verify_password(String::new(), Some(String::new()))
                .await
                .unwrap(),
            "an account without a password matches no password"
        );
    }
}

//! Accounts: sign up, sign in (checking a password, rate-limited), issue a token or browser
//! session, and the secret link of a personal calendar feed.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::Email;
use peerlearn_store::{TokenKind, User};

use crate::auth::{CurrentUser, hash_password, hash_token, new_secret, verify_password};
use crate::error::AppError;
use crate::input::{CredentialsInput, Signup};
use crate::state::AppState;

/// A token or session secret, shown once; only its hash is stored.
#[derive(Debug)]
pub struct Issued {
    pub secret: String,
    pub expires_at: DateTime<Utc>,
}

/// Creates an account (`email_taken` when the address has one), rate-limited per IP address.
pub async fn sign_up(
    state: &AppState,
    signup: Signup,
    ip: Option<std::net::IpAddr>,
) -> Result<User, AppError> {
    state.limiter.sign_up(ip, state.clock.now())?;
    let hash = hash_password(signup.password).await?;
    Ok(state
        .store
        .create_user(
            &signup.email,
            &signup.display_name,
            &hash,
            state.clock.now(),
        )
        .await?)
}

/// Creates an API token or a browser session for `user`, from `client` (a User-Agent, or
/// empty).
pub async fn issue(
    state: &AppState,
    user: &User,
    kind: TokenKind,
    client: &str,
) -> Result<Issued, AppError> {
    let now = state.clock.now();
    let days = match kind {
        TokenKind::Api => state.config.token_days,
        TokenKind::Session => state.config.session_days,
    };
    let expires_at = now + Duration::days(days);
    let secret = new_secret();
    state
        .store
        .create_token_from(user.id, &hash_token(&secret), kind, now, expires_at, client)
        .await?;
    Ok(Issued { secret, expires_at })
}

/// Checks an email and password (rate-limited per account from one address, and per
/// address). The same answer for an unknown email and a wrong password.
pub async fn check_credentials(
    state: &AppState,
    input: &CredentialsInput,
    ip: Option<std::net::IpAddr>,
) -> Result<User, AppError> {
    state
        .limiter
        .before_sign_in(&input.email, ip, state.clock.now())?;
    let found = match Email::parse(&input.email) {
        Ok(email) => state.store.user_with_password(&email).await?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let right = verify_password(input.password.clone(), hash).await?;
    match user {
        Some(user) if right => {
            state.limiter.signed_in(&input.email, ip);
            Ok(user)
        }
        _ => {
            state
                .limiter
                .failed_sign_in(&input.email, ip, state.clock.now());
            Err(AppError::BadCredentials)
        }
    }
}

/// Makes a new secret calendar feed link for the caller (any previous link stops working).
pub async fn rotate_calendar_feed(state: &AppState, me: &CurrentUser) -> Result<String, AppError> {
    let secret = new_secret();
    state
        .store
        .set_calendar_feed(me.user.id, &hash_token(&secret), state.clock.now())
        .await?;
    Ok(format!("{}/calendar/{secret}.ics", state.config.public_url))
}

//! Links sent by email that change an account: a forgotten password's reset link, and the
//! confirmation of a new email address. Each is single-use and expires; a newer link of the
//! same kind replaces the older one. The emails go out through the job worker (retried).

use chrono::Duration;
use peerlearn_domain::{Email, Password, UserId};
use peerlearn_store::{LinkKind, User};

use crate::auth::{CurrentUser, hash_password, hash_token, new_secret};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mailer;
use crate::state::AppState;

/// How long a password reset link works.
pub const RESET_MINUTES: i64 = 30;
/// How long an email confirmation link works.
pub const CONFIRM_HOURS: i64 = 24;

/// The email carrying `link`, in `lang`: a subject key and the keys of its paragraphs.
fn link_email(
    user: &User,
    to: &str,
    lang: Lang,
    subject: &str,
    paragraphs: &[&str],
    link: &str,
) -> Result<String, AppError> {
    let name = user.display_name.clone();
    let text = paragraphs
        .iter()
        .map(|key| {
            lang.t_args(
                key,
                &[
                    ("name", name.clone().into()),
                    ("link", link.to_string().into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let email = mailer::Email {
        to: to.to_string(),
        to_name: name,
        subject: lang.t(subject),
        text,
        ics: None,
    };
    serde_json::to_string(&email).map_err(|e| AppError::Internal(format!("email: {e}")))
}

fn lang_of(user: &User, fallback: Lang) -> Lang {
    user.language
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or(fallback)
}

/// Asks for a reset link for `email`. The answer is the same whether or not an account has
/// that address (only a malformed address or too many requests from this address differ);
/// past a few links per hour for one account, no more are sent.
pub async fn request_password_reset(
    state: &AppState,
    raw_email: &str,
    ip: Option<std::net::IpAddr>,
    lang: Lang,
) -> Result<(), AppError> {
    let email = Email::parse(raw_email)?;
    let now = state.clock.now();
    if !state.limiter.reset_request(email.as_str(), ip, now)? {
        return Ok(());
    }
    let Some((user, _)) = state.store.user_with_password(&email).await? else {
        return Ok(());
    };
    let secret = new_secret();
    let link = reset_url(state, &secret);
    let payload = link_email(
        &user,
        &user.email,
        lang_of(&user, lang),
        "mail-reset-subject",
        &[
            "mail-greeting",
            "mail-reset-body",
            "mail-link",
            "mail-reset-ignore",
        ],
        &link,
    )?;
    keep_reset_link(state, user.id, &secret, Some(&payload)).await
}

/// The address of the reset link made of `secret`.
pub(crate) fn reset_url(state: &AppState, secret: &str) -> String {
    format!("{}/password/reset/{secret}", state.config.public_url)
}

/// Keeps `secret` as `user`'s reset link for [`RESET_MINUTES`] (an earlier one stops
/// working) and queues `email`, if any, in the same transaction.
pub(crate) async fn keep_reset_link(
    state: &AppState,
    user: UserId,
    secret: &str,
    email: Option<&str>,
) -> Result<(), AppError> {
    let now = state.clock.now();
    state
        .store
        .create_account_link(
            user,
            LinkKind::PasswordReset,
            &hash_token(secret),
            None,
            now,
            now + Duration::minutes(RESET_MINUTES),
            email,
        )
        .await?;
    Ok(())
}

/// Whether `secret` is a reset link that still works.
pub async fn reset_link_works(state: &AppState, secret: &str) -> Result<bool, AppError> {
    Ok(state
        .store
        .account_link_owner(
            LinkKind::PasswordReset,
            &hash_token(secret),
            state.clock.now(),
        )
        .await?
        .is_some())
}

/// Sets a new password with a reset link; every session and token of the account ends.
/// `NotFound("reset-link")` when the link does not work (any more).
pub async fn reset_password(
    state: &AppState,
    secret: &str,
    new_password: &str,
) -> Result<User, AppError> {
    let password = Password::parse(new_password)?;
    if !reset_link_works(state, secret).await? {
        return Err(AppError::NotFound("reset-link"));
    }
    let hash = hash_password(password).await?;
    let user = state
        .store
        .reset_password_with_link(&hash_token(secret), &hash, state.clock.now())
        .await?
        .ok_or(AppError::NotFound("reset-link"))?;
    Ok(state.store.user(user).await?)
}

/// Sends a confirmation link to `new_email`; the account's email changes only when it is
/// opened. `email_taken` when another account has that address.
pub async fn request_email_change(
    state: &AppState,
    me: &CurrentUser,
    raw_email: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let email = Email::parse(raw_email)?;
    if email.as_str() == me.user.email {
        return Err(AppError::invalid("email", "invalid-email-same"));
    }
    if state.store.user_with_password(&email).await?.is_some() {
        return Err(AppError::invalid("email", "invalid-email-taken"));
    }
    let now = state.clock.now();
    let secret = new_secret();
    let link = format!("{}/account/email/{secret}", state.config.public_url);
    let payload = link_email(
        &me.user,
        email.as_str(),
        lang_of(&me.user, lang),
        "mail-email-subject",
        &[
            "mail-greeting",
            "mail-email-body",
            "mail-link",
            "mail-email-ignore",
        ],
        &link,
    )?;
    state
        .store
        .create_account_link(
            me.user.id,
            LinkKind::EmailChange,
            &hash_token(&secret),
            Some(&email),
            now,
            now + Duration::hours(CONFIRM_HOURS),
            Some(&payload),
        )
        .await?;
    Ok(())
}

/// Whether `secret` is an email confirmation link that still works.
pub async fn email_link_works(state: &AppState, secret: &str) -> Result<bool, AppError> {
    Ok(state
        .store
        .account_link_owner(
            LinkKind::EmailChange,
            &hash_token(secret),
            state.clock.now(),
        )
        .await?
        .is_some())
}

/// Confirms a new email address with its link (`NotFound("email-link")` when it does not
/// work; `email_taken` when another account took the address meanwhile).
pub async fn confirm_email(state: &AppState, secret: &str) -> Result<UserId, AppError> {
    state
        .store
        .confirm_email_with_link(&hash_token(secret), state.clock.now())
        .await?
        .ok_or(AppError::NotFound("email-link"))
}

//! What a member changes about their own account: their name, their password, and which of
//! their sessions and API tokens still work.

use peerlearn_domain::{DisplayName, Invalid, Password};
use peerlearn_store::TokenInfo;

use crate::auth::{CurrentUser, hash_password, verify_password};
use crate::error::AppError;
use crate::state::AppState;

/// The member's unexpired sessions and tokens, the one asking marked `current`.
pub async fn sessions(state: &AppState, me: &CurrentUser) -> Result<Vec<TokenInfo>, AppError> {
    Ok(state
        .store
        .tokens_of(me.user.id, &me.token_hash, state.clock.now())
        .await?)
}

/// Ends one of the member's sessions or tokens (404 `token` when it is not theirs).
pub async fn revoke(state: &AppState, me: &CurrentUser, id: i64) -> Result<(), AppError> {
    if state.store.delete_token_of(me.user.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound("token"))
    }
}

/// Ends every session and token of the member but the one asking; returns how many.
pub async fn revoke_others(state: &AppState, me: &CurrentUser) -> Result<u64, AppError> {
    Ok(state
        .store
        .delete_tokens_of(me.user.id, Some(&me.token_hash))
        .await?)
}

/// The member's new display name.
pub async fn rename(
    state: &AppState,
    me: &CurrentUser,
    name: &DisplayName,
) -> Result<(), AppError> {
    state.store.set_display_name(me.user.id, name).await?;
    Ok(())
}

/// A new password, given the current one; every other session and token ends.
pub async fn change_password(
    state: &AppState,
    me: &CurrentUser,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let new = Password::parse(new).map_err(|e| Invalid {
        field: "new_password".into(),
        ..e
    });
    let hash = state.store.password_hash(me.user.id).await?;
    let right = verify_password(current.to_string(), Some(hash)).await?;
    let mut errors = peerlearn_domain::InvalidInput::default();
    if !right {
        errors.push("current_password", "invalid-current-password");
    }
    let new = match new {
        Ok(p) if right => p,
        Ok(_) => return Err(AppError::Invalid(errors)),
        Err(e) => {
            errors.add(e);
            return Err(AppError::Invalid(errors));
        }
    };
    let hash = hash_password(new).await?;
    state
        .store
        .set_password(me.user.id, &hash, Some(&me.token_hash))
        .await?;
    Ok(())
}

//! Leaving a community, and deleting one's account (GDPR art. 17). Both end memberships the
//! same way in the store (`store::leaving`): future meetings cancelled with notices to the
//! others, pending requests withdrawn, open topics closed, the profile erased, and what others
//! keep attributed to "a former member", named in the community's language.

use peerlearn_domain::InvalidInput;

use crate::auth::{CurrentUser, Member, verify_password};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// "A former member", in the language of a community (its language tag).
pub fn former_member(language: &str) -> String {
    Lang::from_tag(language)
        .unwrap_or(Lang::En)
        .t("former-member")
}

/// The caller leaves the path's community. `last_organizer` (409) when they are its last
/// organizer; nothing changes then.
pub async fn leave(state: &AppState, who: &Member) -> Result<(), AppError> {
    state
        .store
        .leave_community(
            who.m.community.id,
            who.me.user.id,
            &former_member,
            state.clock.now(),
        )
        .await?;
    Ok(())
}

/// Deletes the caller's account, given their password again (`invalid_input` on `password`
/// when it is wrong, and nothing changes). `last_organizer` (409) when they are the last
/// organizer of a community with other members: they hand it over first. A community where
/// they are the only member goes with the account.
pub async fn delete_account(
    state: &AppState,
    me: &CurrentUser,
    password: &str,
) -> Result<(), AppError> {
    let hash = state.store.password_hash(me.user.id).await?;
    if !verify_password(password.to_string(), Some(hash)).await? {
        return Err(InvalidInput::one("password", "invalid-current-password").into());
    }
    state
        .store
        .delete_account(me.user.id, &former_member, state.clock.now())
        .await?;
    Ok(())
}

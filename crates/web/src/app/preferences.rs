//! A member's own language and time zone.

use peerlearn_store::User;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// Keeps `lang` as the member's language (pages, emails, inbox messages).
pub async fn set_language(state: &AppState, user: &User, lang: Lang) -> Result<(), AppError> {
    state
        .store
        .set_preferences(user.id, Some(lang.tag()), user.time_zone.as_deref())
        .await?;
    Ok(())
}

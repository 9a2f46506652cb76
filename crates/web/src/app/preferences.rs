//! A member's own language and time zone.

use chrono_tz::Tz;
use peerlearn_store::User;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// Keeps `lang` as the member's language (pages, emails, inbox messages).
pub async fn set_language(state: &AppState, user: &User, lang: Lang) -> Result<(), AppError> {
    set(
        state,
        user,
        Some(lang),
        parse_zone(user.time_zone.as_deref()),
    )
    .await
}

/// Keeps the member's language and time zone; `None` means "as the browser says".
pub async fn set(
    state: &AppState,
    user: &User,
    lang: Option<Lang>,
    zone: Option<Tz>,
) -> Result<(), AppError> {
    state
        .store
        .set_preferences(user.id, lang.map(Lang::tag), zone.map(|z| z.name()))
        .await?;
    Ok(())
}

/// A time zone name as stored or sent (`None` for none, or one we do not know).
pub fn parse_zone(raw: Option<&str>) -> Option<Tz> {
    raw.filter(|z| !z.is_empty()).and_then(|z| z.parse().ok())
}

/// The zones a member can pick: the regional IANA zones and UTC, by name.
pub fn zones() -> impl Iterator<Item = &'static str> {
    const REGIONS: [&str; 9] = [
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];
    std::iter::once("UTC").chain(
        chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| z.name())
            .filter(|n| REGIONS.iter().any(|r| n.starts_with(r))),
    )
}

//! Choosing the language: kept on this device (a cookie) and, for a signed-in member, in their
//! account, so emails and other devices follow it.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::form::CsrfForm;
use super::{PageResult, safe_next};
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    back: Option<String>,
}

pub async fn choose(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> PageResult {
    let lang = Lang::from_tag(&form.lang)
        .filter(|l| Lang::CHOICES.contains(l))
        .ok_or_else(|| {
            AppError::from(
                peerlearn_domain::Invalid::new("lang", "invalid-choice").arg("choices", "en, fr"),
            )
        })?;
    if let Some(me) = &user {
        crate::app::preferences::set_language(&state, &me.user, lang).await?;
    }
    let cookie = Cookie::build((LANG_COOKIE, lang.tag()))
        .path("/")
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .max_age(cookie::time::Duration::days(365))
        .build();
    let back = safe_next(form.back.as_deref());
    Ok((jar.add(cookie), Redirect::to(&back)).into_response())
}

//! The member's account page: their language and time zone (and who they are).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::account::NoticeQuery;
use super::form::CsrfForm;
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::app::preferences;
use crate::auth::CsrfToken;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountTemplate {
    page: Page,
    /// The chosen language's tag, or empty for "as the browser says".
    language: String,
    /// The chosen zone's name, or empty for "as the device says".
    zone: String,
    zones: Vec<&'static str>,
    error: bool,
}

impl AccountTemplate {
    fn new(page: Page) -> Self {
        let user = page.user.clone();
        Self {
            language: user
                .as_ref()
                .and_then(|u| u.language.clone())
                .unwrap_or_default(),
            zone: user
                .as_ref()
                .and_then(|u| u.time_zone.clone())
                .unwrap_or_default(),
            zones: preferences::zones().collect(),
            error: false,
            page,
        }
    }
}

pub async fn page(
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref());
    render(&AccountTemplate::new(page))
}

#[derive(Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    time_zone: String,
}

pub async fn save(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<PreferencesForm>,
) -> PageResult {
    let lang = Lang::from_tag(&form.language).filter(|l| Lang::CHOICES.contains(l));
    let zone = preferences::parse_zone(Some(form.time_zone.as_str()));
    let bad_language = !form.language.is_empty() && lang.is_none();
    let bad_zone = !form.time_zone.is_empty() && zone.is_none();
    if bad_language || bad_zone {
        let mut t = AccountTemplate::new(Page::new(Some(&me), &csrf));
        t.language = form.language;
        t.zone = form.time_zone;
        t.error = true;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &t);
    }
    preferences::set(&state, &me.user, lang, zone).await?;
    let jar = match lang {
        Some(l) => jar.add(
            Cookie::build((LANG_COOKIE, l.tag()))
                .path("/")
                .same_site(SameSite::Lax)
                .secure(state.config.secure_cookies)
                .max_age(cookie::time::Duration::days(365))
                .build(),
        ),
        None => jar.remove(Cookie::build(LANG_COOKIE).path("/").build()),
    };
    Ok((jar, Redirect::to("/account?notice=preferences_saved")).into_response())
}

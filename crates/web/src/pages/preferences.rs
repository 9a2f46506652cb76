//! The member's account page: who they are, their language and time zone, their sessions
//! and tokens (the forms that change the name, password and sessions: `account_settings`).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::account::NoticeQuery;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::app::{account_settings, data_export, preferences};
use crate::auth::{CsrfToken, CurrentUser};
use crate::error::AppError;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::state::AppState;
use peerlearn_store::{ExportStatus, TokenKind};

#[derive(Template)]
#[template(path = "account.html")]
pub(super) struct AccountTemplate {
    pub(super) page: Page,
    /// The chosen language's tag, or empty for "as the browser says".
    language: String,
    /// The chosen zone's name, or empty for "as the device says".
    zone: String,
    zones: Vec<&'static str>,
    error: bool,
    /// The name in the name form (as typed, when it was refused).
    pub(super) display_name: String,
    /// The new address in the email form (as typed, when it was refused).
    pub(super) new_email: String,
    /// Why the name or password form was refused.
    pub(super) errors: FieldErrors,
    /// The member's sessions and API tokens.
    pub(super) sessions: Vec<SessionRow>,
    /// The member's data export, being built or ready.
    export: Option<ExportRow>,
    /// An export is being built (no new one can be asked for).
    export_pending: bool,
}

/// The member's data export, as the account page shows it.
pub(super) struct ExportRow {
    pub id: i64,
    pub ready: bool,
    /// When the download stops working, in the member's words.
    pub expires: String,
}

/// One session or API token, as the account page lists it.
pub(super) struct SessionRow {
    pub id: i64,
    /// "Browser session" or "API token", translated.
    pub kind: String,
    /// The client, or "Unknown device".
    pub client: String,
    /// "Signed in Tue 10 Dec, 10:30 · last used …"
    pub when: String,
    pub current: bool,
}

impl AccountTemplate {
    pub(super) async fn new(
        state: &AppState,
        me: &CurrentUser,
        page: Page,
    ) -> Result<Self, AppError> {
        let user = page.user.clone();
        let tokens = account_settings::sessions(state, me).await?;
        let export = data_export::status(state, me).await?.map(|x| ExportRow {
            id: x.id,
            ready: x.status == ExportStatus::Ready,
            expires: page.when(x.expires_at, chrono_tz::UTC),
        });
        let sessions = tokens
            .iter()
            .map(|t| {
                let created = page.when(t.created_at, chrono_tz::UTC);
                SessionRow {
                    id: t.id,
                    kind: page.t(match t.kind {
                        TokenKind::Session => "account-token-session",
                        TokenKind::Api => "account-token-api",
                    }),
                    client: if t.client.is_empty() {
                        page.t("account-token-unknown-client")
                    } else {
                        t.client.clone()
                    },
                    when: match t.last_used_at {
                        Some(used) => page.lang.t_args(
                            "account-token-used",
                            &[
                                ("created", created.into()),
                                ("used", page.when(used, chrono_tz::UTC).into()),
                            ],
                        ),
                        None => page.t1("account-token-created", "created", created),
                    },
                    current: t.current,
                }
            })
            .collect();
        Ok(Self {
            language: user
                .as_ref()
                .and_then(|u| u.language.clone())
                .unwrap_or_default(),
            zone: user
                .as_ref()
                .and_then(|u| u.time_zone.clone())
                .unwrap_or_default(),
            display_name: user.map(|u| u.display_name).unwrap_or_default(),
            new_email: String::new(),
            zones: preferences::zones().collect(),
            error: false,
            errors: FieldErrors::default(),
            sessions,
            export_pending: export.as_ref().is_some_and(|x| !x.ready),
            export,
            page,
        })
    }
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref());
    render(&AccountTemplate::new(&state, &me, page).await?)
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
        let mut t = AccountTemplate::new(&state, &me, Page::new(Some(&me), &csrf)).await?;
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

//! Landing, sign up, sign in, sign out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use peerlearn_domain::InvalidInput;
use peerlearn_store::TokenKind;
use serde::Deserialize;

use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status, safe_next};
use crate::app::accounts::{check_credentials, issue, sign_up};
use crate::auth::{ClientIp, CsrfToken, MaybeUser, SESSION_COOKIE, UserAgent};
use crate::error::AppError;
use crate::input::{CredentialsInput, SignupInput};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    page: Page,
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

pub async fn home(
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    if user.is_some() {
        return Ok(Redirect::to("/communities").into_response());
    }
    render(&Landing {
        page: Page::new(None, &csrf).with_notice(q.notice.as_deref()),
    })
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupTemplate {
    page: Page,
    /// Where to go once the account exists (an invite, say).
    next: String,
    email: String,
    display_name: String,
    errors: FieldErrors,
    /// The address belongs to an account already: the page offers to sign in instead.
    email_taken: bool,
    /// The visitor came from an invite (`next` leads to one).
    invited: bool,
}

pub async fn signup_page(
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Query(q): Query<NextQuery>,
) -> PageResult {
    let next = safe_next(q.next.as_deref());
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    render(&SignupTemplate {
        page: Page::new(None, &csrf),
        invited: is_invite(&next),
        next,
        email: String::new(),
        display_name: String::new(),
        errors: FieldErrors::default(),
        email_taken: false,
    })
}

pub(super) fn session_cookie(state: &AppState, secret: String) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret))
        .path("/")
        .http_only(true)
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Lax)
        .max_age(time_days(state.config.session_days))
        .build()
}

fn time_days(days: i64) -> cookie::time::Duration {
    cookie::time::Duration::days(days)
}

pub async fn signup(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientIp(ip): ClientIp,
    UserAgent(agent): UserAgent,
    jar: CookieJar,
    CsrfForm(SignupForm { input, next }): CsrfForm<SignupForm>,
) -> PageResult {
    let next = safe_next(next.as_deref());
    let again = |errors: InvalidInput, email_taken: bool, status: StatusCode| {
        let page = Page::new(None, &csrf);
        render_status(
            status,
            &SignupTemplate {
                errors: FieldErrors::new(page.lang, &errors),
                page,
                invited: is_invite(&next),
                next: next.clone(),
                email: input.email.clone(),
                display_name: input.display_name.clone(),
                email_taken,
            },
        )
    };
    let signup = match input.parse() {
        Ok(s) => s,
        Err(errors) => return again(errors, false, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let user = match sign_up(&state, signup, ip).await {
        Ok(u) => u,
        Err(AppError::Conflict {
            code: "email_taken",
            ..
        }) => {
            return again(InvalidInput::default(), true, StatusCode::CONFLICT);
        }
        Err(AppError::TooManyRequests { .. }) => {
            let errors = InvalidInput::one("email", "invalid-too-many-signups");
            return again(errors, false, StatusCode::TOO_MANY_REQUESTS);
        }
        Err(e) => return Err(e.into()),
    };
    let session = issue(&state, &user, TokenKind::Session, &agent).await?;
    let jar = jar.add(session_cookie(&state, session.secret));
    Ok((jar, Redirect::to(&with_notice(&next, "welcome"))).into_response())
}

/// The sign-up form: the account's fields and where to go next.
#[derive(Deserialize)]
pub struct SignupForm {
    #[serde(flatten)]
    input: SignupInput,
    next: Option<String>,
}

/// Whether the page after signing in or up is an invite.
fn is_invite(next: &str) -> bool {
    next.starts_with("/join/")
}

/// `path` with `notice` added to its query.
fn with_notice(path: &str, notice: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}notice={notice}")
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninTemplate {
    page: Page,
    email: String,
    next: String,
    error: Option<String>,
    /// The visitor came from an invite (`next` leads to one).
    invited: bool,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    pub next: Option<String>,
}

pub async fn signin_page(
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Query(q): Query<NextQuery>,
) -> PageResult {
    let next = safe_next(q.next.as_deref());
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    render(&SigninTemplate {
        page: Page::new(None, &csrf),
        email: String::new(),
        invited: is_invite(&next),
        next,
        error: None,
    })
}

#[derive(Deserialize)]
pub struct SigninForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn signin(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientIp(ip): ClientIp,
    UserAgent(agent): UserAgent,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<SigninForm>,
) -> PageResult {
    let next = safe_next(form.next.as_deref());
    let credentials = CredentialsInput {
        email: form.email.clone(),
        password: form.password,
    };
    match check_credentials(&state, &credentials, ip).await {
        Ok(user) => {
            let session = issue(&state, &user, TokenKind::Session, &agent).await?;
            let jar = jar.add(session_cookie(&state, session.secret));
            Ok((jar, Redirect::to(&next)).into_response())
        }
        Err(e @ (AppError::BadCredentials | AppError::TooManyRequests { .. })) => render_status(
            e.status(),
            &SigninTemplate {
                page: Page::new(None, &csrf),
                email: form.email,
                invited: is_invite(&next),
                next,
                error: Some(e.detail_in(super::page_lang(None))),
            },
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct EmptyForm {}

pub async fn signout(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    if let Some(u) = user {
        state.store.delete_token(&u.token_hash).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/").build());
    // Pages kept for offline use (the service worker's) leave the device with the session.
    let forget = [(
        axum::http::HeaderName::from_static("clear-site-data"),
        "\"cache\", \"storage\"",
    )];
    Ok((jar, forget, Redirect::to("/?notice=signed_out")).into_response())
}

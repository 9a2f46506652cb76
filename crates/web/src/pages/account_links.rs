//! The pages behind emailed links: "Forgot your password?" (ask for a link, then choose a
//! new password with it) and the confirmation of a new email address (asked for on the
//! account page).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use peerlearn_store::TokenKind;
use serde::Deserialize;

use super::account::{EmptyForm, session_cookie};
use super::form::{CsrfForm, FieldErrors};
use super::preferences::AccountTemplate;
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::app::account_links;
use crate::app::accounts::issue;
use crate::auth::{ClientIp, CsrfToken, MaybeUser, UserAgent};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "password_forgot.html")]
struct ForgotTemplate {
    page: Page,
    email: String,
    sent: bool,
    errors: FieldErrors,
}

pub async fn forgot_page(MaybeUser(user): MaybeUser, csrf: CsrfToken) -> PageResult {
    render(&ForgotTemplate {
        page: Page::new(user.as_ref(), &csrf),
        email: String::new(),
        sent: false,
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// The same page whether or not an account has the address.
pub async fn forgot(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> PageResult {
    let page = Page::new(user.as_ref(), &csrf);
    let lang = page.lang;
    let (status, sent, errors) =
        match account_links::request_password_reset(&state, &form.email, ip, lang).await {
            Ok(()) => (StatusCode::OK, true, FieldErrors::default()),
            Err(AppError::Invalid(e)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                false,
                FieldErrors::new(lang, &e),
            ),
            Err(e @ AppError::TooManyRequests { .. }) => {
                let mut errors = FieldErrors::default();
                errors.add_text("email", e.detail_in(lang));
                (e.status(), false, errors)
            }
            Err(e) => return Err(e.into()),
        };
    render_status(
        status,
        &ForgotTemplate {
            page,
            email: form.email,
            sent,
            errors,
        },
    )
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetTemplate {
    page: Page,
    works: bool,
    action: String,
    errors: FieldErrors,
}

fn reset_page(page: Page, secret: &str, works: bool, errors: FieldErrors) -> ResetTemplate {
    ResetTemplate {
        page,
        works,
        action: format!("/password/reset/{secret}"),
        errors,
    }
}

pub async fn reset_form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Path(secret): Path<String>,
) -> PageResult {
    let works = account_links::reset_link_works(&state, &secret).await?;
    let status = if works {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let page = Page::new(user.as_ref(), &csrf);
    render_status(
        status,
        &reset_page(page, &secret, works, FieldErrors::default()),
    )
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

/// A new password: every session ends, and this browser is signed in anew.
pub async fn reset(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    UserAgent(agent): UserAgent,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> PageResult {
    let page = Page::new(user.as_ref(), &csrf);
    match account_links::reset_password(&state, &secret, &form.password).await {
        Ok(user) => {
            let session = issue(&state, &user, TokenKind::Session, &agent).await?;
            let jar = jar.add(session_cookie(&state, session.secret));
            Ok((jar, Redirect::to("/communities?notice=password_reset")).into_response())
        }
        Err(AppError::Invalid(e)) => {
            let errors = FieldErrors::new(page.lang, &e);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &reset_page(page, &secret, true, errors),
            )
        }
        Err(AppError::NotFound(_)) => render_status(
            StatusCode::GONE,
            &reset_page(page, &secret, false, FieldErrors::default()),
        ),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Sends the confirmation link to the new address (the account page, with the reason next
/// to the field when the address cannot be used).
pub async fn request_email_change(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    let lang = page.lang;
    match account_links::request_email_change(&state, &me, &form.email, lang).await {
        Ok(()) => Ok(Redirect::to("/account?notice=email_link_sent").into_response()),
        Err(AppError::Invalid(e)) => {
            let mut t = AccountTemplate::new(&state, &me, page).await?;
            t.errors = FieldErrors::new(lang, &e);
            t.new_email = form.email;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "email_confirm.html")]
struct ConfirmTemplate {
    page: Page,
    works: bool,
    action: String,
    error: Option<String>,
}

pub async fn confirm_email_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Path(secret): Path<String>,
) -> PageResult {
    let works = account_links::email_link_works(&state, &secret).await?;
    render_status(
        if works {
            StatusCode::OK
        } else {
            StatusCode::GONE
        },
        &ConfirmTemplate {
            page: Page::new(user.as_ref(), &csrf),
            works,
            action: format!("/account/email/{secret}"),
            error: None,
        },
    )
}

/// Opening the link is not enough (mail scanners open links): the button confirms.
pub async fn confirm_email(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let page = Page::new(user.as_ref(), &csrf);
    let (works, error) = match account_links::confirm_email(&state, &secret).await {
        Ok(_) => return Ok(Redirect::to("/account?notice=email_changed").into_response()),
        Err(AppError::NotFound(_)) => (false, None),
        Err(e @ AppError::Conflict { .. }) => (true, Some(e.detail_in(page.lang))),
        Err(e) => return Err(e.into()),
    };
    let status = if works {
        StatusCode::CONFLICT
    } else {
        StatusCode::GONE
    };
    render_status(
        status,
        &ConfirmTemplate {
            page,
            works,
            action: format!("/account/email/{secret}"),
            error,
        },
    )
}

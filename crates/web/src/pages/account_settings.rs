//! The account page's forms that change the account: the display name, the password, and
//! ending sessions and tokens (one, or all but this browser's).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_domain::{DisplayName, InvalidInput};
use serde::Deserialize;

use super::account::EmptyForm;
use super::form::{CsrfForm, FieldErrors};
use super::preferences::AccountTemplate;
use super::{Page, PageResult, SignedIn, render_status};
use crate::app::account_settings;
use crate::auth::{CsrfToken, CurrentUser};
use crate::error::AppError;
use crate::state::AppState;

/// The account page again, with the form's errors next to its fields.
async fn again(
    state: &AppState,
    me: &CurrentUser,
    csrf: &CsrfToken,
    errors: &InvalidInput,
    name: Option<String>,
) -> PageResult {
    let mut t = AccountTemplate::new(state, me, Page::new(Some(me), csrf)).await?;
    t.errors = FieldErrors::new(t.page.lang, errors);
    if let Some(name) = name {
        t.display_name = name;
    }
    render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    display_name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<NameForm>,
) -> PageResult {
    let name = match DisplayName::parse(&form.display_name) {
        Ok(n) => n,
        Err(e) => return again(&state, &me, &csrf, &e.into(), Some(form.display_name)).await,
    };
    account_settings::rename(&state, &me, &name).await?;
    Ok(Redirect::to("/account?notice=name_saved").into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> PageResult {
    match account_settings::change_password(&state, &me, &form.current_password, &form.new_password)
        .await
    {
        Ok(()) => Ok(Redirect::to("/account?notice=password_changed").into_response()),
        Err(AppError::Invalid(errors)) => again(&state, &me, &csrf, &errors, None).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn end_session(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound("token"))?;
    account_settings::revoke(&state, &me, id).await?;
    Ok(Redirect::to("/account?notice=session_ended").into_response())
}

pub async fn end_other_sessions(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    account_settings::revoke_others(&state, &me).await?;
    Ok(Redirect::to("/account?notice=sessions_ended").into_response())
}

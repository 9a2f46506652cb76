//! Leaving a community and deleting one's account: each a confirmation page whose button does
//! it (the account's after the password is typed again).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use peerlearn_domain::InvalidInput;
use serde::Deserialize;

use super::account::EmptyForm;
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::app::leaving;
use crate::auth::{CsrfToken, Member, SESSION_COOKIE};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "community_leave.html")]
struct LeaveTemplate {
    page: Page,
    community: CommunityCard,
    /// Why leaving was refused (the last organizer).
    error: Option<String>,
    /// The viewer is the community's last organizer: the page says so instead of offering
    /// the button.
    last_organizer: bool,
}

fn leave_template(page: Page, who: &Member, error: Option<String>) -> LeaveTemplate {
    LeaveTemplate {
        page,
        community: CommunityCard::new(&who.m.community, Some(who.m.role)),
        last_organizer: error.is_some(),
        error,
    }
}

pub async fn leave_page(State(state): State<AppState>, who: Member, csrf: CsrfToken) -> PageResult {
    let page = Page::new(Some(&who.me), &csrf);
    let last = state
        .store
        .last_organizer_of(who.me.user.id)
        .await?
        .iter()
        .any(|(id, _, _)| *id == who.m.community.id);
    let error = last.then(|| page.t("conflict-last-organizer"));
    render(&leave_template(page, &who, error))
}

pub async fn leave(
    State(state): State<AppState>,
    who: Member,
    csrf: CsrfToken,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    match leaving::leave(&state, &who).await {
        Ok(()) => Ok(Redirect::to("/communities?notice=left_community").into_response()),
        Err(e @ AppError::Conflict { .. }) => {
            let page = Page::new(Some(&who.me), &csrf);
            let error = Some(e.detail_in(page.lang));
            render_status(e.status(), &leave_template(page, &who, error))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account_delete.html")]
struct DeleteTemplate {
    page: Page,
    errors: FieldErrors,
    /// Why deleting was refused (the last organizer of a community with other members).
    error: Option<String>,
    /// The communities to hand over first: where the member is the last organizer and others
    /// remain.
    hand_over: Vec<String>,
}

/// The names of the communities the member must hand over before deleting their account.
async fn hand_over(
    state: &AppState,
    me: &crate::auth::CurrentUser,
) -> Result<Vec<String>, AppError> {
    Ok(state
        .store
        .last_organizer_of(me.user.id)
        .await?
        .into_iter()
        .filter(|(_, _, others)| *others)
        .map(|(_, name, _)| name)
        .collect())
}

pub async fn delete_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
) -> PageResult {
    render(&DeleteTemplate {
        hand_over: hand_over(&state, &me).await?,
        page: Page::new(Some(&me), &csrf),
        errors: FieldErrors::default(),
        error: None,
    })
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
}

pub async fn delete(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> PageResult {
    let handing = hand_over(&state, &me).await?;
    let again = |status: StatusCode, errors: &InvalidInput, error: Option<String>| {
        let page = Page::new(Some(&me), &csrf);
        render_status(
            status,
            &DeleteTemplate {
                errors: FieldErrors::new(page.lang, errors),
                page,
                error,
                hand_over: handing.clone(),
            },
        )
    };
    match leaving::delete_account(&state, &me, &form.password).await {
        Ok(()) => {
            let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/").build());
            let forget = [(
                axum::http::HeaderName::from_static("clear-site-data"),
                "\"cache\", \"storage\"",
            )];
            Ok((jar, forget, Redirect::to("/?notice=account_deleted")).into_response())
        }
        Err(AppError::Invalid(errors)) => again(StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
        Err(e @ AppError::Conflict { .. }) => {
            let text = e.detail_in(super::page_lang(Some(&me)));
            again(e.status(), &InvalidInput::default(), Some(text))
        }
        Err(e) => Err(e.into()),
    }
}

//! Sign up, API tokens, who am I.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_store::TokenKind;

use super::json::ApiJson;
use super::views::{CommunityView, MeView, SignupView, TokenView, UserView};
use crate::app::accounts;
use crate::auth::{ClientIp, CurrentUser, UserAgent};
use crate::error::{AppError, Problem};
use crate::input::{CredentialsInput, SignupInput};
use crate::state::AppState;

/// Creates an account and returns an API token for it.
#[utoipa::path(post, path = "/api/v1/signup", tag = "accounts",
    request_body = SignupInput,
    responses(
        (status = 201, body = SignupView),
        (status = 409, description = "`email_taken`", body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
        (status = 429, description = "`too_many_attempts`: too many sign-ups from this address", body = Problem),
    ))]
pub async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    UserAgent(agent): UserAgent,
    ApiJson(input): ApiJson<SignupInput>,
) -> Result<impl IntoResponse, AppError> {
    let user = accounts::sign_up(&state, input.parse()?, ip).await?;
    let token = accounts::issue(&state, &user, TokenKind::Api, &agent).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SignupView {
            user: UserView::from(&user),
            token: token.secret,
        }),
    ))
}

/// Exchanges an email and password for an API token.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts",
    request_body = CredentialsInput,
    responses(
        (status = 201, body = TokenView),
        (status = 401, description = "`bad_credentials`", body = Problem),
        (status = 429, description = "`too_many_attempts`", body = Problem),
    ))]
pub async fn create_token(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    UserAgent(agent): UserAgent,
    ApiJson(input): ApiJson<CredentialsInput>,
) -> Result<impl IntoResponse, AppError> {
    let user = accounts::check_credentials(&state, &input, ip).await?;
    let token = TokenView::from(accounts::issue(&state, &user, TokenKind::Api, &agent).await?);
    Ok((StatusCode::CREATED, axum::Json(token)))
}

/// Revokes the token used for this request.
#[utoipa::path(delete, path = "/api/v1/tokens/current", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem)))]
pub async fn delete_current_token(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<StatusCode, AppError> {
    state.store.delete_token(&me.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's account and communities.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = Problem)))]
pub async fn me(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<axum::Json<MeView>, AppError> {
    let communities = state.store.communities_of(me.user.id).await?;
    Ok(axum::Json(MeView {
        id: me.user.id.to_string(),
        email: me.user.email.clone(),
        display_name: me.user.display_name.clone(),
        communities: communities
            .iter()
            .map(|(c, role)| CommunityView::new(c, Some(*role)))
            .collect(),
    }))
}

//! Sign up, API tokens, who am I.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::Duration;
use peerlearn_domain::Email;
use peerlearn_store::TokenKind;

use super::json::ApiJson;
use super::views::{CommunityView, MeView, SignupView, TokenView, UserView};
use crate::auth::{ClientIp, CurrentUser, hash_password, hash_token, new_secret, verify_password};
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
    ))]
pub async fn signup(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<SignupInput>,
) -> Result<impl IntoResponse, AppError> {
    let signup = input.parse()?;
    let now = state.clock.now();
    let hash = hash_password(signup.password).await?;
    let user = state
        .store
        .create_user(&signup.email, &signup.display_name, &hash, now)
        .await?;
    let token = issue(&state, &user, TokenKind::Api).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SignupView {
            user: UserView::from(&user),
            token: token.token,
        }),
    ))
}

/// Creates a token or session for `user`; returns the secret (shown once).
pub(crate) async fn issue(
    state: &AppState,
    user: &peerlearn_store::User,
    kind: TokenKind,
) -> Result<TokenView, AppError> {
    let now = state.clock.now();
    let days = match kind {
        TokenKind::Api => state.config.token_days,
        TokenKind::Session => state.config.session_days,
    };
    let expires_at = now + Duration::days(days);
    let secret = new_secret();
    state
        .store
        .create_token(user.id, &hash_token(&secret), kind, now, expires_at)
        .await?;
    Ok(TokenView {
        token: secret,
        expires_at: expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
}

/// Checks an email and password (rate-limited per account and per IP address). The same
/// answer for an unknown email and a wrong password.
pub(crate) async fn check_credentials(
    state: &AppState,
    input: &CredentialsInput,
    ip: Option<std::net::IpAddr>,
) -> Result<peerlearn_store::User, AppError> {
    state.limiter.check(&input.email, ip)?;
    let found = match Email::parse(&input.email) {
        Ok(email) => state.store.user_with_password(&email).await?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    if verify_password(input.password.clone(), hash).await? {
        user.ok_or(AppError::BadCredentials)
    } else {
        Err(AppError::BadCredentials)
    }
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
    ApiJson(input): ApiJson<CredentialsInput>,
) -> Result<impl IntoResponse, AppError> {
    let user = check_credentials(&state, &input, ip).await?;
    let token = issue(&state, &user, TokenKind::Api).await?;
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

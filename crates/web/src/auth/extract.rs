//! Extractors for the signed-in user: an API bearer token or the browser's session cookie.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum_extra::extract::cookie::CookieJar;
use peerlearn_store::{TokenKind, TokenOwner, User};

use super::csrf::{CSRF_HEADER, CsrfToken};
use super::hash_token;
use crate::error::AppError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "pl_session";

/// The signed-in user; 401 `not_signed_in` when there is none.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    /// The hash of the token or session that authenticated this request (for sign-out).
    pub token_hash: String,
    /// Authenticated by the session cookie (a browser) rather than a bearer token.
    pub via_cookie: bool,
}

/// The signed-in user, if any.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

fn bearer(parts: &Parts) -> Result<Option<&str>, AppError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| AppError::Unauthorized)?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(AppError::Unauthorized),
    }
}

/// Who is asking, if anyone; a page rendered later from an error shows them as signed in.
async fn authenticate(
    parts: &mut Parts,
    state: &AppState,
) -> Result<Option<CurrentUser>, AppError> {
    let user = identify(parts, state).await?;
    if let Some(u) = &user {
        crate::i18n::remember_viewer(&u.user);
    }
    Ok(user)
}

async fn identify(parts: &mut Parts, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let now = state.clock.now();
    if let Some(token) = bearer(parts)? {
        let hash = hash_token(token);
        // Only API tokens open the API by bearer: a browser session's cookie does not.
        let owner = state
            .store
            .token_owner(&hash, now)
            .await?
            .filter(|o| o.kind == TokenKind::Api);
        return match owner {
            Some(o) => {
                touch(state, &hash, &o).await;
                Ok(Some(CurrentUser {
                    user: o.user,
                    token_hash: hash,
                    via_cookie: false,
                }))
            }
            None => Err(AppError::Unauthorized),
        };
    }
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(cookie) = jar.get(SESSION_COOKIE) else {
        return Ok(None);
    };
    let hash = hash_token(cookie.value());
    let owner = state
        .store
        .token_owner(&hash, now)
        .await?
        .filter(|o| o.kind == TokenKind::Session);
    let Some(owner) = owner else {
        return Ok(None);
    };
    touch(state, &hash, &owner).await;
    Ok(Some(CurrentUser {
        user: owner.user,
        token_hash: hash,
        via_cookie: true,
    }))
}

/// Notes when a token was last used, for the member's list; a failure is only logged.
async fn touch(state: &AppState, hash: &str, owner: &TokenOwner) {
    let now = state.clock.now();
    if let Err(e) = state.store.touch_token(hash, owner.last_used_at, now).await {
        tracing::warn!(error = %e, "the token's last use could not be noted");
    }
}

/// The client that sent the request (its `User-Agent`, cut to 200 characters; empty when
/// none), kept with the sessions and tokens it creates.
#[derive(Debug, Clone, Default)]
pub struct UserAgent(pub String);

impl<S: Send + Sync> FromRequestParts<S> for UserAgent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        Ok(UserAgent(agent))
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let user = authenticate(parts, state)
            .await?
            .ok_or(AppError::Unauthorized)?;
        // A browser calling the API with its cookie must prove the call comes from our pages.
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let is_api = parts.uri.path().starts_with("/api/");
        if user.via_cookie && is_api && !safe {
            if super::from_another_site(&parts.headers) {
                return Err(AppError::Forbidden("forbidden-cross-site"));
            }
            let token = parts.extensions.get::<CsrfToken>().cloned();
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            match token {
                Some(t) => t.verify(sent)?,
                None => return Err(AppError::Forbidden("forbidden-csrf-missing")),
            }
        }
        Ok(user)
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match authenticate(parts, state).await {
            Ok(u) => Ok(MaybeUser(u)),
            Err(AppError::Unauthorized) => Ok(MaybeUser(None)),
            Err(e) => Err(e),
        }
    }
}

/// The client's IP address, when the server was started with connection info.
pub fn client_ip(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip())
}

/// The client's IP address as an extractor (never fails).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts)))
    }
}

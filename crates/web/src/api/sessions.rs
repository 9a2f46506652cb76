//! The caller's own sessions and API tokens: list them, end one, end all the others.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use peerlearn_store::TokenInfo;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::account_settings;
use crate::auth::CurrentUser;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// One browser session or API token of the caller.
#[derive(Serialize, ToSchema)]
pub struct TokenInfoView {
    pub id: String,
    /// `session` (a browser) or `api` (a bearer token).
    pub kind: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, to within a few minutes; `null` when never used.
    pub last_used_at: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
    /// The client that created it (its User-Agent); empty when unknown.
    pub client: String,
    /// The token this request was made with.
    pub current: bool,
}

impl From<&TokenInfo> for TokenInfoView {
    fn from(t: &TokenInfo) -> Self {
        Self {
            id: t.id.to_string(),
            kind: t.kind.as_str().to_string(),
            created_at: rfc3339(t.created_at),
            last_used_at: t.last_used_at.map(rfc3339),
            expires_at: rfc3339(t.expires_at),
            client: t.client.clone(),
            current: t.current,
        }
    }
}

/// The caller's sessions and tokens, all on one page.
#[derive(Serialize, ToSchema)]
pub struct TokenList {
    pub items: Vec<TokenInfoView>,
    /// Always `null`: a member's sessions fit on one page.
    pub next_cursor: Option<String>,
}

/// How many sessions and tokens ended.
#[derive(Serialize, ToSchema)]
pub struct RevokedView {
    pub revoked: u64,
}

/// The caller's unexpired browser sessions and API tokens, most recently used first.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = TokenList), (status = 401, body = Problem)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<axum::Json<TokenList>, AppError> {
    let tokens = account_settings::sessions(&state, &me).await?;
    Ok(axum::Json(TokenList {
        items: tokens.iter().map(TokenInfoView::from).collect(),
        next_cursor: None,
    }))
}

/// Ends every session and token of the caller except the one this request is made with.
#[utoipa::path(delete, path = "/api/v1/me/tokens", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, body = RevokedView), (status = 401, body = Problem)))]
pub async fn revoke_other_tokens(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<axum::Json<RevokedView>, AppError> {
    let revoked = account_settings::revoke_others(&state, &me).await?;
    Ok(axum::Json(RevokedView { revoked }))
}

/// Ends one of the caller's sessions or tokens (the current one too, if named).
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "token id")),
    responses(
        (status = 204),
        (status = 401, body = Problem),
        (status = 404, description = "`not_found`: not one of the caller's", body = Problem),
    ))]
pub async fn revoke_token(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound("token"))?;
    account_settings::revoke(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

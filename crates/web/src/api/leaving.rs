//! Leaving a community, and deleting one's account.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::ApiJson;
use crate::app::leaving;
use crate::auth::{CurrentUser, Member};
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// Leaves the community: the caller's future meetings are cancelled (the others are told),
/// their pending requests withdrawn, their open topics closed and their profile erased; what
/// others keep (past meetings, notes, answers) shows "a former member". The community's pages
/// then answer the caller as a non-member.
#[utoipa::path(delete, path = "/api/v1/communities/{cid}/members/me", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses(
        (status = 204),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`last_organizer`: make another member an organizer first", body = Problem),
    ))]
pub async fn leave_community(
    State(state): State<AppState>,
    who: Member,
) -> Result<StatusCode, AppError> {
    leaving::leave(&state, &who).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The password that confirms deleting the account.
#[derive(Deserialize, ToSchema)]
pub struct DeleteAccountInput {
    pub password: String,
}

/// Deletes the caller's account (GDPR art. 17): every session and token ends, future
/// meetings are cancelled with notices, pending requests withdrawn, and personal data
/// erased; what others need (notes in a knowledge base, answers, past meetings) stays,
/// attributed to "a former member". A community where the caller is the only member is
/// deleted with the account.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    request_body = DeleteAccountInput,
    responses(
        (status = 204),
        (status = 401, body = Problem),
        (status = 409, description = "`last_organizer`: the caller is the last organizer of a community with other members", body = Problem),
        (status = 422, description = "`invalid_input`: the password is wrong", body = Problem),
    ))]
pub async fn delete_account(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(input): ApiJson<DeleteAccountInput>,
) -> Result<StatusCode, AppError> {
    leaving::delete_account(&state, &me, &input.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

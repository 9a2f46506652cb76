//! Communities: create, read, settings, invite codes, joining.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::CommunityId;
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::ApiJson;
use super::path_id;
use super::views::{CommunityView, MemberView};
use crate::access;
use crate::auth::{CurrentUser, Organizer};
use crate::error::{AppError, Problem};
use crate::input::CommunityInput;
use crate::state::AppState;

/// Creates a community; the caller becomes its organizer.
#[utoipa::path(post, path = "/api/v1/communities", tag = "communities",
    security(("bearer" = [])),
    request_body = CommunityInput,
    responses(
        (status = 201, body = CommunityView),
        (status = 401, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_community(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(input): ApiJson<CommunityInput>,
) -> Result<impl IntoResponse, AppError> {
    let new = input.parse()?;
    let community = state
        .store
        .create_community(&new, me.user.id, state.clock.now())
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CommunityView::new(
            &community,
            Some(peerlearn_domain::Role::Organizer),
        )),
    ))
}

/// A community: members see it; others only when it is open.
#[utoipa::path(get, path = "/api/v1/communities/{cid}", tag = "communities",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = CommunityView), (status = 404, body = Problem)))]
pub async fn get_community(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
) -> Result<axum::Json<CommunityView>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let v = access::visible(&state.store, id, me.user.id).await?;
    Ok(axum::Json(CommunityView::new(&v.community, v.role())))
}

/// Changes a community's settings (organizers).
#[utoipa::path(put, path = "/api/v1/communities/{cid}", tag = "communities",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = CommunityInput,
    responses(
        (status = 200, body = CommunityView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn update_community(
    State(state): State<AppState>,
    Organizer { m: org, .. }: Organizer,
    ApiJson(input): ApiJson<CommunityInput>,
) -> Result<axum::Json<CommunityView>, AppError> {
    let id = org.community.id;
    let update = input.parse()?;
    let community = state.store.update_community(id, &update).await?;
    Ok(axum::Json(CommunityView::new(&community, Some(org.role))))
}

/// Replaces the invite code; links with the old code stop working (organizers).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/invite_code", tag = "communities",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = CommunityView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn regenerate_invite_code(
    State(state): State<AppState>,
    Organizer { m: org, .. }: Organizer,
) -> Result<axum::Json<CommunityView>, AppError> {
    let id = org.community.id;
    let community = state.store.regenerate_invite_code(id).await?;
    Ok(axum::Json(CommunityView::new(&community, Some(org.role))))
}

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct JoinInput {
    /// Required for invite-only communities.
    pub invite_code: Option<String>,
}

/// Joins a community (open, or with the invite code).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/members", tag = "communities",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = JoinInput,
    responses(
        (status = 201, body = MemberView),
        (status = 404, description = "unknown community, or a wrong invite code", body = Problem),
        (status = 409, description = "`already_member`", body = Problem),
    ))]
pub async fn join(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiJson(input): ApiJson<JoinInput>,
) -> Result<impl IntoResponse, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let member = access::join(
        &state.store,
        id,
        me.user.id,
        input.invite_code.as_deref(),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(MemberView::from(&member))))
}

//! Spots: organizers define tables, rooms and virtual rooms; members see them.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::SpotId;

use super::json::ApiJson;
use super::path_id;
use super::views::{SpotList, SpotView};
use crate::auth::{Member, Organizer};
use crate::error::{AppError, Problem};
use crate::input::SpotInput;
use crate::state::AppState;

/// Adds a spot (organizers).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/spots", tag = "spots",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = SpotInput,
    responses(
        (status = 201, body = SpotView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`spot_name_taken`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_spot(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    ApiJson(input): ApiJson<SpotInput>,
) -> Result<impl IntoResponse, AppError> {
    let id = m.community.id;
    let new = input.parse()?;
    let spot = state.store.create_spot(id, &new, state.clock.now()).await?;
    Ok((StatusCode::CREATED, axum::Json(SpotView::from(&spot))))
}

/// The community's spots (members).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/spots", tag = "spots",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = SpotList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_spots(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<axum::Json<SpotList>, AppError> {
    let id = m.community.id;
    let spots = state.store.spots(id).await?;
    Ok(axum::Json(SpotList {
        items: spots.iter().map(SpotView::from).collect(),
        next_cursor: None,
    }))
}

/// Changes a spot (organizers).
#[utoipa::path(put, path = "/api/v1/communities/{cid}/spots/{sid}", tag = "spots",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("sid" = String, Path, description = "spot id")),
    request_body = SpotInput,
    responses(
        (status = 200, body = SpotView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn update_spot(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, sid)): Path<(String, String)>,
    ApiJson(input): ApiJson<SpotInput>,
) -> Result<axum::Json<SpotView>, AppError> {
    let id = m.community.id;
    let sid: SpotId = path_id(&sid, "spot")?;
    let new = input.parse()?;
    let spot = state.store.update_spot(id, sid, &new).await?;
    Ok(axum::Json(SpotView::from(&spot)))
}

/// Removes a spot (organizers).
#[utoipa::path(delete, path = "/api/v1/communities/{cid}/spots/{sid}", tag = "spots",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("sid" = String, Path, description = "spot id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete_spot(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, sid)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let id = m.community.id;
    let sid: SpotId = path_id(&sid, "spot")?;
    state.store.delete_spot(id, sid).await?;
    Ok(StatusCode::NO_CONTENT)
}

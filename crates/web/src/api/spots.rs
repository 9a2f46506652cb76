//! Spots: organizers define tables, rooms and virtual rooms; members see them.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::SpotId;

use super::json::ApiJson;
use super::path_id;
use super::views::{SpotList, SpotView};
use crate::app::spots;
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
    let spot = spots::add(&state, m.community.id, &input).await?;
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
        (status = 409, description = "`spot_name_taken`, or `spot_in_use` when an upcoming meeting there would no longer fit", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn update_spot(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, sid)): Path<(String, String)>,
    ApiJson(input): ApiJson<SpotInput>,
) -> Result<axum::Json<SpotView>, AppError> {
    let sid: SpotId = path_id(&sid, "spot")?;
    let spot = spots::change(&state, m.community.id, sid, &input).await?;
    Ok(axum::Json(SpotView::from(&spot)))
}

/// What removing a spot did.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SpotRemovalView {
    /// The upcoming meetings moved to other spots (everyone in them is told).
    pub moved_meetings: Vec<String>,
}

/// Removes a spot (organizers). Its upcoming meetings move to other free spots of the same
/// kind, and everyone in them is told; when one fits nowhere, nothing changes (409).
#[utoipa::path(delete, path = "/api/v1/communities/{cid}/spots/{sid}", tag = "spots",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("sid" = String, Path, description = "spot id")),
    responses(
        (status = 200, body = SpotRemovalView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`spot_in_use`: an upcoming meeting fits in no other free spot", body = Problem),
    ))]
pub async fn delete_spot(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, sid)): Path<(String, String)>,
) -> Result<axum::Json<SpotRemovalView>, AppError> {
    let sid: SpotId = path_id(&sid, "spot")?;
    let removal = spots::remove(&state, m.community.id, sid).await?;
    Ok(axum::Json(SpotRemovalView {
        moved_meetings: removal.moved.iter().map(ToString::to_string).collect(),
    }))
}

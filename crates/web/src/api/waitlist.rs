//! The waitlist of a full fixed-time group topic: join, leave, and see one's place. When a
//! seat frees, the store gives it to the first waitlisted member still free at that time.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_store::WaitlistPlace;
use serde::Serialize;
use utoipa::ToSchema;

use super::path_id;
use crate::app::seats;
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// The caller's place on a group meeting's waitlist.
#[derive(Serialize, ToSchema)]
pub struct WaitlistView {
    pub meeting_id: String,
    /// 1 for the next in line; null when the caller is not on the waitlist.
    pub position: Option<u32>,
    /// How many members wait.
    pub length: u32,
}

impl WaitlistView {
    fn of(place: &WaitlistPlace) -> Self {
        Self {
            meeting_id: place.meeting.to_string(),
            position: Some(place.position),
            length: place.length,
        }
    }
}

/// Joins the waitlist of a full group topic with a fixed time; the first freed seat goes to
/// the first member on it who is still free at that time, who is then notified.
#[utoipa::path(post, path = "/api/v1/topics/{tid}/waitlist", tag = "meetings",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses(
        (status = 201, body = WaitlistView),
        (status = 404, body = Problem),
        (status = 409, description = "`seats_free`, `already_seated`, `already_waitlisted`, `person_busy`, `no_seats`, `meeting_started`, `meeting_cancelled`", body = Problem),
    ))]
pub async fn join_waitlist(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let topic = path_id(&tid, "topic")?;
    let place = seats::join_waitlist(&state, &me, topic).await?;
    Ok((StatusCode::CREATED, axum::Json(WaitlistView::of(&place))))
}

/// The caller's place on a group topic's waitlist, and its length.
#[utoipa::path(get, path = "/api/v1/topics/{tid}/waitlist", tag = "meetings",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = WaitlistView), (status = 404, body = Problem), (status = 409, description = "`no_seats`", body = Problem)))]
pub async fn get_waitlist(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<WaitlistView>, AppError> {
    let (meeting, m) = seats::group_of(&state, &me, path_id(&tid, "topic")?).await?;
    let view = match state.store.waitlist_place(meeting.id, m.member).await? {
        Some(place) => WaitlistView::of(&place),
        None => WaitlistView {
            meeting_id: meeting.id.to_string(),
            position: None,
            length: state.store.waitlist_length(meeting.id).await?,
        },
    };
    Ok(axum::Json(view))
}

/// Leaves a group topic's waitlist.
#[utoipa::path(delete, path = "/api/v1/topics/{tid}/waitlist", tag = "meetings",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 204), (status = 404, body = Problem), (status = 409, description = "`not_waitlisted`, `no_seats`", body = Problem)))]
pub async fn leave_waitlist(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<StatusCode, AppError> {
    seats::leave_waitlist(&state, &me, path_id(&tid, "topic")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

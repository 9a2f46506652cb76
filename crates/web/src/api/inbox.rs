//! The in-app inbox: what happened to the caller's requests and meetings.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Member;
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: String,
    /// `request_received`, `request_accepted`, `request_declined`, `meeting_cancelled`,
    /// `seat_taken`, `seat_left`, `waitlist_seat`, `seat_offered` (a free seat in a group
    /// session starting soon), `mixer_group`, `reminder`, `answer_posted`, the meet-now kinds (`now_proposed`,
    /// `now_accepted`, `now_declined`, `now_expired`, `now_booked`; `repair_offered` when one's
    /// partner has not come and someone free is offered instead), and the
    /// after-meeting kinds (`stand_by`, `feedback_asked`, `thanks`, `check_back`, …).
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: String,
    pub read: bool,
}

#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationView>,
    pub unread: i64,
    pub next_cursor: Option<String>,
}

/// The caller's notifications in a community, newest first (the latest 100).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/notifications", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = NotificationList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<axum::Json<NotificationList>, AppError> {
    let items = state.store.notifications(m.member, 100).await?;
    Ok(axum::Json(NotificationList {
        unread: state.store.unread_count(m.member).await?,
        items: items
            .into_iter()
            .map(|n| NotificationView {
                id: n.id.to_string(),
                kind: n.kind,
                title: n.title,
                body: n.body,
                link: n.link,
                created_at: n
                    .created_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                read: n.read,
            })
            .collect(),
        next_cursor: None,
    }))
}

/// Marks all of the caller's notifications in a community read.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/notifications/read", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn mark_read(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<StatusCode, AppError> {
    state.store.mark_read(m.member, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

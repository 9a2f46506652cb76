//! The personal calendar feed: a secret URL calendar apps subscribe to, listing the user's
//! meetings (cancelled ones as STATUS:CANCELLED, so they disappear instead of lingering).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{CurrentUser, hash_token};
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct CalendarFeedView {
    /// Subscribe to this URL in a calendar app. Shown once; keep it secret.
    pub url: String,
}

/// Creates (or replaces) the caller's calendar feed link.
#[utoipa::path(post, path = "/api/v1/me/calendar_feed", tag = "meetings",
    security(("bearer" = [])),
    responses((status = 201, body = CalendarFeedView), (status = 401, body = Problem)))]
pub async fn create_feed(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<impl IntoResponse, AppError> {
    let url = crate::app::accounts::rotate_calendar_feed(&state, &me).await?;
    Ok((StatusCode::CREATED, axum::Json(CalendarFeedView { url })))
}

/// Turns the caller's calendar feed off.
#[utoipa::path(delete, path = "/api/v1/me/calendar_feed", tag = "meetings",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem)))]
pub async fn delete_feed(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<StatusCode, AppError> {
    state.store.delete_calendar_feed(me.user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /calendar/{secret}.ics`: the feed itself (the secret is the credential).
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound("calendar"));
    }
    let user = state
        .store
        .calendar_feed_owner(&hash_token(secret))
        .await?
        .ok_or(AppError::NotFound("calendar"))?;
    let meetings = state.store.meetings_of_user(user.id, None).await?;
    // The feed spans the member's communities: their own language, else English.
    let lang = crate::notify::member_lang(user.language.as_deref(), None);
    let host = crate::ics::host_of(&state.config.public_url);
    let body = crate::ics::calendar(
        meetings.iter().map(|m| {
            (
                m,
                format!("{}/c/{}/meetings", state.config.public_url, m.community_id),
            )
        }),
        &host,
        &format!("peerlearn — {}", user.display_name),
        lang,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    ))
}

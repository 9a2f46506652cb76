//! `GET /live`: the signed-in member's live updates as server-sent events, for the pages'
//! script (`static/pl.js`). Each `notification` event carries its number as the event id, so
//! a browser that reconnects sends `Last-Event-ID` and gets exactly what it missed; a page
//! starts from the number it was rendered with (`?after=`). A `counts` event (no id) follows
//! with the navigation's counts for the member concerned. Comments every 15 seconds keep
//! proxies from closing a quiet stream.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;

use crate::app::live::{LiveUpdate, follow, resume_point};
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::state::AppState;

/// How often a quiet stream sends a comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Debug, Deserialize)]
pub struct LiveQuery {
    after: Option<String>,
}

/// The stream; 401 (no redirect, which an `EventSource` cannot follow) when signed out.
pub async fn stream(
    State(state): State<AppState>,
    user: Result<MaybeUser, AppError>,
    Query(query): Query<LiveQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let MaybeUser(user) = user?;
    let user = user.ok_or(AppError::Unauthorized)?;
    let resumed = headers
        .get("last-event-id")
        .map(|v| v.to_str().unwrap_or("-"))
        .map(|raw| resume_point("Last-Event-ID", raw))
        .transpose()?;
    let after = match resumed {
        Some(n) => Some(n),
        None => query
            .after
            .as_deref()
            .map(|raw| resume_point("after", raw))
            .transpose()?,
    };
    let updates = follow(&state, user.user.id, after).await?;
    let events = updates.map(|u| Ok::<Event, Infallible>(event(&u)));
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response())
}

/// One update as a server-sent event.
fn event(update: &LiveUpdate) -> Event {
    match update {
        LiveUpdate::Event(e) => Event::default()
            .event("notification")
            .id(e.id.to_string())
            .data(
                json!({
                    "id": e.id,
                    "community": e.community.to_string(),
                    "kind": e.kind,
                    "title": e.title,
                    "body": e.body,
                    "link": e.link,
                    "created_at": crate::clock::rfc3339(e.created_at),
                })
                .to_string(),
            ),
        LiveUpdate::Counts { community, counts } => Event::default().event("counts").data(
            json!({
                "community": community.to_string(),
                "inbox": counts.inbox,
                "requests": counts.requests,
            })
            .to_string(),
        ),
    }
}

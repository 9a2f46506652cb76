//! Topics: post, browse (full-text search and filters), read, edit, close and reopen.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;

use super::json::ApiJson;
use super::views::{TopicPage, TopicView};
use super::{ApiQuery, path_id};
use crate::access;
use crate::app::topics;
use crate::auth::{CurrentUser, Member};
use crate::error::{AppError, Problem};
pub use crate::input::queries::TopicQuery;
use crate::input::{TopicEditInput, TopicInput};
use crate::state::AppState;

/// Posts a topic in a community (members).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/topics", tag = "topics",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = TopicInput,
    responses(
        (status = 201, body = TopicView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_topic(
    State(state): State<AppState>,
    Member { me, m }: Member,
    ApiJson(input): ApiJson<TopicInput>,
) -> Result<impl IntoResponse, AppError> {
    let id = m.community.id;
    let new = input.parse(&m.community, state.clock.now())?;
    let topic = topics::create(&state, &me, id, &new).await?;
    Ok((StatusCode::CREATED, axum::Json(TopicView::from(&topic))))
}

/// The topic market of a community (members): search, filters, pagination.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/topics", tag = "topics",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), TopicQuery),
    responses((status = 200, body = TopicPage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_topics(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiQuery(query): ApiQuery<TopicQuery>,
) -> Result<axum::Json<TopicPage>, AppError> {
    let id = m.community.id;
    let mut filter = query.filter(50, m.member, state.clock.now(), &m.community.calendar)?;
    filter.moderator = m.role.can_moderate();
    let page = state.store.topics(id, &filter).await?;
    Ok(axum::Json(TopicPage {
        items: page.items.iter().map(TopicView::from).collect(),
        next_cursor: page.next_cursor.clone(),
    }))
}

/// A topic (members of its community).
#[utoipa::path(get, path = "/api/v1/topics/{tid}", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = TopicView), (status = 404, body = Problem)))]
pub async fn get_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<TopicView>, AppError> {
    let (topic, _, _) =
        access::visible_topic(&state.store, path_id(&tid, "topic")?, me.user.id).await?;
    let meeting = state.store.topic_meeting(topic.id).await?;
    Ok(axum::Json(
        TopicView::from(&topic).with_meeting(meeting.as_ref()),
    ))
}

/// Edits a topic's title, description (Markdown) and tags (its host or an organizer); its kind,
/// format, mode, length, seats and time stay as posted.
#[utoipa::path(put, path = "/api/v1/topics/{tid}", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    request_body = TopicEditInput,
    responses(
        (status = 200, body = TopicView),
        (status = 401, body = Problem),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn update_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
    ApiJson(input): ApiJson<TopicEditInput>,
) -> Result<axum::Json<TopicView>, AppError> {
    let topic = topics::edit(&state, &me, path_id(&tid, "topic")?, &input).await?;
    let meeting = state.store.topic_meeting(topic.id).await?;
    Ok(axum::Json(
        TopicView::from(&topic).with_meeting(meeting.as_ref()),
    ))
}

/// Closes a topic: it leaves the market (its host or an organizer).
#[utoipa::path(post, path = "/api/v1/topics/{tid}/close", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = TopicView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn close_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<TopicView>, AppError> {
    Ok(axum::Json(TopicView::from(
        &topics::set_open(&state, &me, path_id(&tid, "topic")?, false).await?,
    )))
}

/// Reopens a closed topic (its host or an organizer).
#[utoipa::path(post, path = "/api/v1/topics/{tid}/reopen", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = TopicView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reopen_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<TopicView>, AppError> {
    Ok(axum::Json(TopicView::from(
        &topics::set_open(&state, &me, path_id(&tid, "topic")?, true).await?,
    )))
}

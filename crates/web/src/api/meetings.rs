//! Requests to meet and meetings: request with proposed times, accept into a spot, decline,
//! withdraw, cancel, list, and download as iCalendar.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MeetingId, RequestId, TopicId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::json::ApiJson;
use super::views::{MeetingList, MeetingView, RequestList, RequestView};
use super::{ApiQuery, path_id};
use crate::access;
use crate::app::proposals::Proposal;
use crate::app::{meetings, requests, seats};
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RequestInput {
    /// One to three start times (RFC 3339); each lasts the topic's duration.
    #[schema(example = json!(["2026-05-12T10:30:00Z"]))]
    pub proposed_times: Vec<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// Asks to meet on a one-on-one topic at one of up to three times. Every time must lie in the
/// future, within the community's hours, within both people's availability, and clear of
/// their meetings.
#[utoipa::path(post, path = "/api/v1/topics/{tid}/requests", tag = "meetings",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    request_body = RequestInput,
    responses(
        (status = 201, body = RequestView),
        (status = 404, body = Problem),
        (status = 409, description = "`outside_hours`, `not_available`, `person_busy`, `already_requested`, `own_topic`, `topic_closed`, `group_topic`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_request(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
    ApiJson(input): ApiJson<RequestInput>,
) -> Result<impl IntoResponse, AppError> {
    let topic: TopicId = path_id(&tid, "topic")?;
    let proposal = Proposal::parse(&input.proposed_times, input.message.as_deref())?;
    let request = requests::request(&state, &me, topic, &proposal).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(RequestView::new(&request, state.clock.now())),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptInput {
    /// One of the request's proposed times.
    pub start: String,
}

/// Accepts a request at one of its proposed times: the meeting is confirmed and placed in the
/// smallest free spot that fits, or a video room, atomically.
#[utoipa::path(post, path = "/api/v1/requests/{rid}/accept", tag = "meetings",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "request id")),
    request_body = AcceptInput,
    responses(
        (status = 201, body = MeetingView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`already_decided`, `person_busy`, `no_spot_free`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn accept_request(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
    ApiJson(input): ApiJson<AcceptInput>,
) -> Result<impl IntoResponse, AppError> {
    let start = DateTime::parse_from_rfc3339(input.start.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| AppError::invalid("start", "invalid-instant-example"))?;
    let id: RequestId = path_id(&rid, "request")?;
    let meeting = requests::accept(&state, &me, id, start).await?;
    Ok((StatusCode::CREATED, axum::Json(MeetingView::from(&meeting))))
}

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct ReplyInput {
    pub message: Option<String>,
}

/// Declines a request, with an optional message.
#[utoipa::path(post, path = "/api/v1/requests/{rid}/decline", tag = "meetings",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "request id")),
    request_body = ReplyInput,
    responses((status = 200, body = RequestView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn decline_request(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
    ApiJson(input): ApiJson<ReplyInput>,
) -> Result<axum::Json<RequestView>, AppError> {
    let id: RequestId = path_id(&rid, "request")?;
    let r = requests::decline(&state, &me, id, input.message.as_deref()).await?;
    Ok(axum::Json(RequestView::new(&r, state.clock.now())))
}

/// Takes back a pending request the caller sent.
#[utoipa::path(post, path = "/api/v1/requests/{rid}/withdraw", tag = "meetings",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "request id")),
    responses((status = 200, body = RequestView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn withdraw_request(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
) -> Result<axum::Json<RequestView>, AppError> {
    let id: RequestId = path_id(&rid, "request")?;
    let r = requests::withdraw(&state, &me, id).await?;
    Ok(axum::Json(RequestView::new(&r, state.clock.now())))
}

/// The requests the caller sent and received, newest first.
#[utoipa::path(get, path = "/api/v1/me/requests", tag = "meetings",
    security(("bearer" = [])),
    responses((status = 200, body = RequestList), (status = 401, body = Problem)))]
pub async fn my_requests(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<axum::Json<RequestList>, AppError> {
    let mut items = Vec::new();
    for (community, _) in state.store.communities_of(me.user.id).await? {
        if let Some((member, _)) = state.store.membership(community.id, me.user.id).await? {
            items.extend(state.store.requests_of(member, 200).await?);
        }
    }
    items.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    Ok(axum::Json(RequestList {
        items: items
            .iter()
            .map(|r| RequestView::new(r, state.clock.now()))
            .collect(),
        next_cursor: None,
    }))
}

/// A meeting (its participants and organizers).
#[utoipa::path(get, path = "/api/v1/meetings/{mid}", tag = "meetings",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    responses((status = 200, body = MeetingView), (status = 404, body = Problem)))]
pub async fn get_meeting(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
) -> Result<axum::Json<MeetingView>, AppError> {
    let id: MeetingId = path_id(&mid, "meeting")?;
    let (meeting, _) = access::visible_meeting(&state.store, id, me.user.id).await?;
    Ok(axum::Json(MeetingView::from(&meeting)))
}

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct CancelInput {
    pub reason: Option<String>,
}

/// Cancels a meeting (either participant, or an organizer). Everyone's calendar shows it
/// cancelled.
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/cancel", tag = "meetings",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = CancelInput,
    responses((status = 200, body = MeetingView), (status = 404, body = Problem), (status = 409, description = "`already_cancelled`", body = Problem)))]
pub async fn cancel_meeting(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(input): ApiJson<CancelInput>,
) -> Result<axum::Json<MeetingView>, AppError> {
    let id: MeetingId = path_id(&mid, "meeting")?;
    let meeting = meetings::cancel(&state, &me, id, input.reason.as_deref()).await?;
    Ok(axum::Json(MeetingView::from(&meeting)))
}

/// Takes a seat in the group meeting of a topic with a fixed time.
#[utoipa::path(post, path = "/api/v1/topics/{tid}/seats", tag = "meetings",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses(
        (status = 201, body = MeetingView),
        (status = 404, body = Problem),
        (status = 409, description = "`meeting_full`, `person_busy`, `already_seated`, `no_seats`, `meeting_started`", body = Problem),
    ))]
pub async fn create_seat(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let topic: TopicId = path_id(&tid, "topic")?;
    let meeting = seats::take(&state, &me, topic).await?;
    Ok((StatusCode::CREATED, axum::Json(MeetingView::from(&meeting))))
}

/// Gives up the caller's seat in a topic's group meeting.
#[utoipa::path(delete, path = "/api/v1/topics/{tid}/seats/me", tag = "meetings",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = MeetingView), (status = 404, body = Problem), (status = 409, description = "`not_seated`", body = Problem)))]
pub async fn delete_seat(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<MeetingView>, AppError> {
    let topic: TopicId = path_id(&tid, "topic")?;
    Ok(axum::Json(MeetingView::from(
        &seats::leave(&state, &me, topic).await?,
    )))
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct MeetingsQuery {
    /// Only meetings of this community.
    pub community: Option<String>,
}

/// The caller's meetings, by start time.
#[utoipa::path(get, path = "/api/v1/me/meetings", tag = "meetings",
    security(("bearer" = [])),
    params(MeetingsQuery),
    responses((status = 200, body = MeetingList), (status = 401, body = Problem)))]
pub async fn my_meetings(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<MeetingsQuery>,
) -> Result<axum::Json<MeetingList>, AppError> {
    let community = match q.community.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<CommunityId>()
                .map_err(|_| AppError::invalid("community", "invalid-id"))?,
        ),
        None => None,
    };
    let meetings = state.store.meetings_of_user(me.user.id, community).await?;
    Ok(axum::Json(MeetingList {
        items: meetings.iter().map(MeetingView::from).collect(),
        next_cursor: None,
    }))
}

/// The meeting as an iCalendar file (RFC 5545).
#[utoipa::path(get, path = "/api/v1/meetings/{mid}/ics", tag = "meetings",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem)))]
pub async fn meeting_ics(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let id: MeetingId = path_id(&mid, "meeting")?;
    let (meeting, m) = access::visible_meeting(&state.store, id, me.user.id).await?;
    let lang = crate::notify::member_lang(me.user.language.as_deref(), Some(&m.community));
    let host = crate::ics::host_of(&state.config.public_url);
    let link = format!(
        "{}/c/{}/meetings",
        state.config.public_url, meeting.community_id
    );
    let body = crate::ics::calendar([(&meeting, link)], &host, "peerlearn", lang);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"meeting-{}.ics\"", meeting.id),
            ),
        ],
        body,
    ))
}

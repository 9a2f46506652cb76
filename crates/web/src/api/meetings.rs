//! Requests to meet and meetings: request with proposed times, accept into a spot, decline,
//! withdraw, cancel, list, and download as iCalendar.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MeetingId, MemberId, RequestId, TimeRange, TopicFormat};
use peerlearn_store::{Meeting, NewRequest, Request};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::json::ApiJson;
use super::proposals::checked_times;
use super::topics::visible_topic;
use super::views::{MeetingList, MeetingView, RequestList, RequestView};
use super::{ApiQuery, path_id};
use crate::access;
use crate::auth::{CurrentUser, new_secret};
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

pub(crate) fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::Conflict {
        code,
        message: message.into(),
    }
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
    let request = request_meeting(&state, &me, &tid, input).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(RequestView::new(&request, state.clock.now())),
    ))
}

/// Checks and sends a request to meet (shared by the API and the topic page).
pub(crate) async fn request_meeting(
    state: &AppState,
    me: &CurrentUser,
    tid: &str,
    input: RequestInput,
) -> Result<Request, AppError> {
    let (topic, m, _) = visible_topic(state, me.user.id, tid).await?;
    let now = state.clock.now();
    if topic.host == m.member {
        return Err(conflict("own_topic", "this is your own topic"));
    }
    if !topic.open {
        return Err(conflict("topic_closed", "this topic is closed"));
    }
    if topic.format == TopicFormat::Group {
        return Err(conflict(
            "group_topic",
            "group topics take seats, not requests",
        ));
    }
    let message = input.message.unwrap_or_default();
    let times = checked_times(
        state,
        &m.community,
        &topic,
        [("you are", m.member), ("the host is", topic.host)],
        &input.proposed_times,
        &message,
    )
    .await?;
    Ok(state
        .store
        .create_request(
            &NewRequest {
                community: topic.community_id,
                topic: topic.id,
                requester: m.member,
                decider: topic.host,
                times,
                message,
            },
            now,
        )
        .await?)
}

/// `host_full` when `member` has a daily cap and already has that many meetings on the
/// community's local day of `start`.
pub(crate) async fn check_daily_cap(
    state: &AppState,
    community: &peerlearn_store::Community,
    member: peerlearn_domain::MemberId,
    start: DateTime<Utc>,
) -> Result<(), AppError> {
    let contact = state.store.member_contact(community.id, member).await?;
    let Some(cap) = contact.daily_cap else {
        return Ok(());
    };
    let tz = community.calendar.timezone.tz();
    let day = community.calendar.local_date(start);
    let midnight = |d: chrono::NaiveDate| {
        use chrono::TimeZone;
        tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    let (Some(from), Some(to)) = (midnight(day), day.succ_opt().and_then(midnight)) else {
        return Ok(());
    };
    let Ok(range) = TimeRange::new(from, to) else {
        return Ok(());
    };
    if state.store.meetings_in(member, &range).await? >= i64::from(cap) {
        return Err(conflict(
            "host_full",
            format!(
                "{} takes at most {cap} meetings a day and is full on {}; choose another day",
                contact.name,
                day.format("%a %-d %b")
            ),
        ));
    }
    Ok(())
}

/// A fresh, unguessable video link for one meeting.
pub(crate) fn video_room(state: &AppState) -> String {
    format!("{}{}", state.config.video_base_url, &new_secret()[..20])
}

/// A request the caller takes part in, with the caller's member id in its community.
pub(crate) async fn own_request(
    state: &AppState,
    me: &CurrentUser,
    rid: &str,
) -> Result<(Request, MemberId), AppError> {
    let id: RequestId = path_id(rid, "request")?;
    let request = state.store.request(id).await?;
    let membership = state
        .store
        .membership(request.community_id, me.user.id)
        .await?;
    match membership {
        Some((member, _)) if member == request.decider || member == request.requester => {
            Ok((request, member))
        }
        _ => Err(AppError::NotFound("request")),
    }
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
        .map_err(|_| AppError::invalid("start", "is not an RFC 3339 time"))?;
    let meeting = accept(&state, &me, &rid, start).await?;
    Ok((StatusCode::CREATED, axum::Json(MeetingView::from(&meeting))))
}

/// Accepts a request at `start` (shared by the API and the meetings page).
pub(crate) async fn accept(
    state: &AppState,
    me: &CurrentUser,
    rid: &str,
    start: DateTime<Utc>,
) -> Result<Meeting, AppError> {
    let (request, caller) = own_request(state, me, rid).await?;
    if caller != request.awaiting {
        return Err(AppError::Forbidden(
            "this request is waiting for the other person's answer",
        ));
    }
    if !request.times.iter().any(|t| t.start() == start) {
        return Err(AppError::invalid(
            "start",
            "must be one of the proposed times",
        ));
    }
    if start <= state.clock.now() {
        return Err(conflict(
            "time_passed",
            "that time has passed; ask for a new request",
        ));
    }
    let community = state.store.community(request.community_id).await?;
    check_daily_cap(state, &community, request.decider, start).await?;
    let meeting = state
        .store
        .accept_request(request.id, start, &video_room(state), state.clock.now())
        .await?;
    metrics::counter!("bookings_total", "kind" => "request").increment(1);
    Ok(meeting)
}

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct ReplyInput {
    pub message: Option<String>,
}

fn reply_text(input: &ReplyInput) -> Result<String, AppError> {
    let text = input.message.clone().unwrap_or_default();
    if text.chars().count() > 1000 {
        return Err(AppError::invalid(
            "message",
            "must be at most 1000 characters",
        ));
    }
    Ok(text)
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
    let r = decline(&state, &me, &rid, &input).await?;
    Ok(axum::Json(RequestView::new(&r, state.clock.now())))
}

/// Declines a request (shared by the API and the meetings page).
pub(crate) async fn decline(
    state: &AppState,
    me: &CurrentUser,
    rid: &str,
    input: &ReplyInput,
) -> Result<Request, AppError> {
    let (request, caller) = own_request(state, me, rid).await?;
    if caller != request.awaiting {
        return Err(AppError::Forbidden(
            "this request is waiting for the other person's answer",
        ));
    }
    let text = reply_text(input)?;
    Ok(state
        .store
        .decline_request(request.id, caller, &text, state.clock.now())
        .await?)
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
    let r = withdraw(&state, &me, &rid).await?;
    Ok(axum::Json(RequestView::new(&r, state.clock.now())))
}

/// Withdraws a request (shared by the API and the meetings page).
pub(crate) async fn withdraw(
    state: &AppState,
    me: &CurrentUser,
    rid: &str,
) -> Result<Request, AppError> {
    let (request, caller) = own_request(state, me, rid).await?;
    if caller != request.requester {
        return Err(AppError::Forbidden(
            "only the person who sent a request can withdraw it",
        ));
    }
    Ok(state
        .store
        .withdraw_request(request.id, state.clock.now())
        .await?)
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

/// A meeting the caller can see: its participants and the community's organizers.
pub(crate) async fn visible_meeting(
    state: &AppState,
    me: &CurrentUser,
    mid: &str,
) -> Result<(Meeting, access::AsMember), AppError> {
    let id: MeetingId = path_id(mid, "meeting")?;
    let meeting = state.store.meeting(id).await?;
    let m = access::as_member(&state.store, meeting.community_id, me.user.id)
        .await
        .map_err(|e| e.hidden_as("meeting"))?;
    if !meeting.is_participant(m.member) && !m.role.can_organize() {
        return Err(AppError::NotFound("meeting"));
    }
    Ok((meeting, m))
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
    let (meeting, _) = visible_meeting(&state, &me, &mid).await?;
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
    Ok(axum::Json(MeetingView::from(
        &cancel(&state, &me, &mid, input.reason).await?,
    )))
}

/// Cancels a meeting (shared by the API and the meetings page). In a group meeting, a
/// participant who is not the host gives up their seat; the host cancels it for everyone.
pub(crate) async fn cancel(
    state: &AppState,
    me: &CurrentUser,
    mid: &str,
    reason: Option<String>,
) -> Result<Meeting, AppError> {
    let (meeting, m) = visible_meeting(state, me, mid).await?;
    let reason = reply_text(&ReplyInput { message: reason })?;
    let is_host = meeting
        .participants
        .iter()
        .any(|p| p.member == m.member && p.host);
    if meeting.capacity > 2 && meeting.is_participant(m.member) && !is_host {
        return Ok(state
            .store
            .leave_seat(meeting.id, m.member, state.clock.now())
            .await?);
    }
    Ok(state
        .store
        .cancel_meeting(meeting.id, m.member, &reason, state.clock.now())
        .await?)
}

/// The meeting of a fixed-time group topic the caller can see.
pub(crate) async fn group_meeting(
    state: &AppState,
    me: &CurrentUser,
    tid: &str,
) -> Result<(Meeting, access::AsMember), AppError> {
    let (topic, m, _) = visible_topic(state, me.user.id, tid).await?;
    let meeting =
        state.store.topic_meeting(topic.id).await?.ok_or_else(|| {
            conflict("no_seats", "only group topics with a fixed time have seats")
        })?;
    Ok((meeting, m))
}

/// Takes a seat (shared by the API and the topic page).
pub(crate) async fn take_seat(
    state: &AppState,
    me: &CurrentUser,
    tid: &str,
) -> Result<Meeting, AppError> {
    let (meeting, m) = group_meeting(state, me, tid).await?;
    if meeting.time.start() <= state.clock.now() {
        return Err(conflict(
            "meeting_started",
            "this meeting has already started",
        ));
    }
    let seated = state
        .store
        .take_seat(meeting.id, m.member, state.clock.now())
        .await?;
    metrics::counter!("bookings_total", "kind" => "seat").increment(1);
    Ok(seated)
}

/// Gives up a seat (shared by the API and the topic page).
pub(crate) async fn leave_seat(
    state: &AppState,
    me: &CurrentUser,
    tid: &str,
) -> Result<Meeting, AppError> {
    let (meeting, m) = group_meeting(state, me, tid).await?;
    Ok(state
        .store
        .leave_seat(meeting.id, m.member, state.clock.now())
        .await?)
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
    let meeting = take_seat(&state, &me, &tid).await?;
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
    Ok(axum::Json(MeetingView::from(
        &leave_seat(&state, &me, &tid).await?,
    )))
}

#[derive(Debug, Deserialize, IntoParams, Default)]
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
                .map_err(|_| AppError::invalid("community", "is not a community id"))?,
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
    let (meeting, _) = visible_meeting(&state, &me, &mid).await?;
    let host = crate::ics::host_of(&state.config.public_url);
    let link = format!(
        "{}/c/{}/meetings",
        state.config.public_url, meeting.community_id
    );
    let body = crate::ics::calendar([(&meeting, link)], &host, "peerlearn");
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

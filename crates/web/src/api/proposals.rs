//! Proposed times: the checks every proposed time passes before a request (or a
//! counter-proposal) is sent, and the counter-proposal itself — the side a request waits for
//! proposes other times instead of accepting or declining.

use axum::extract::{Path, State};
use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{InvalidInput, MemberId, TimeRange};
use peerlearn_store::{Community, Request, Topic};
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::ApiJson;
use super::meetings::{check_daily_cap, conflict, own_request};
use super::views::RequestView;
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// At most this many times per request or counter-proposal.
const MAX_TIMES: usize = 3;
/// At most this many characters in a message.
const MAX_MESSAGE: usize = 1000;

/// Parses and checks proposed start times for `topic` between the two `people` (each with how
/// a message names them, e.g. "you are"). Each time must be well formed, in the future, not
/// overlap another proposed time, lie within the community's hours and both people's
/// availability, be clear of both people's meetings, and leave the host under their daily cap.
/// Malformed input is a 422 naming every bad field; the first conflict is a 409 with its code.
pub(crate) async fn checked_times(
    state: &AppState,
    community: &Community,
    topic: &Topic,
    people: [(&str, MemberId); 2],
    raw: &[String],
    message: &str,
) -> Result<Vec<TimeRange>, AppError> {
    let now = state.clock.now();
    let mut errors = InvalidInput::default();
    if message.chars().count() > MAX_MESSAGE {
        errors.push(
            "message",
            format!("must be at most {MAX_MESSAGE} characters"),
        );
    }
    if raw.is_empty() || raw.len() > MAX_TIMES {
        errors.push("proposed_times", "propose one to three times");
    }
    let minutes = Duration::minutes(i64::from(topic.duration_minutes));
    let mut times: Vec<TimeRange> = Vec::new();
    for (i, text) in raw.iter().enumerate().take(MAX_TIMES) {
        let field = format!("proposed_times[{i}]");
        let Ok(start) = DateTime::parse_from_rfc3339(text.trim()) else {
            errors.push(
                &field,
                format!("\"{text}\" is not an RFC 3339 time like 2026-05-12T10:30:00Z"),
            );
            continue;
        };
        let start = start.with_timezone(&Utc);
        let Ok(range) = TimeRange::new(start, start + minutes) else {
            errors.push(&field, "is not a valid meeting time");
            continue;
        };
        if start <= now {
            errors.push(&field, "must be in the future");
        } else if times.iter().any(|r| r.overlaps(&range)) {
            errors.push(&field, "overlaps another proposed time");
        } else {
            times.push(range);
        }
    }
    errors.into_result()?;
    for (i, range) in times.iter().enumerate() {
        let field = format!("proposed_times[{i}]");
        if let Err(e) = community.calendar.check_within_hours(&field, range) {
            return Err(conflict("outside_hours", format!("{field} {}", e.message)));
        }
        for (who, member) in people {
            if !state.store.is_available(member, range).await? {
                return Err(conflict(
                    "not_available",
                    format!("{field}: {who} not available then"),
                ));
            }
            if state.store.is_busy(member, range).await? {
                return Err(conflict(
                    "person_busy",
                    format!("{field}: {who} already in a meeting then"),
                ));
            }
        }
        check_daily_cap(state, community, topic.host, range.start()).await?;
    }
    Ok(times)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposeInput {
    /// One to three other start times (RFC 3339); each lasts the topic's duration.
    #[schema(example = json!(["2026-05-13T14:00:00Z"]))]
    pub proposed_times: Vec<String>,
    /// Why these times, shown to the other person.
    #[serde(default)]
    pub message: Option<String>,
}

/// Proposes other times for a pending request instead of accepting or declining it. Only the
/// side the request waits for may do so (at first the person asked); the times replace the
/// request's, pass the same checks as a new request's, and the request then waits for the
/// other side, who is told and may accept one, decline, or propose again.
#[utoipa::path(post, path = "/api/v1/requests/{rid}/propose", tag = "meetings",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "request id")),
    request_body = ProposeInput,
    responses(
        (status = 200, body = RequestView),
        (status = 403, description = "the request waits for the other side", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`already_decided`, `not_your_turn`, `outside_hours`, `not_available`, `person_busy`, `host_full`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn propose_times(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
    ApiJson(input): ApiJson<ProposeInput>,
) -> Result<axum::Json<RequestView>, AppError> {
    let request = propose(&state, &me, &rid, &input).await?;
    Ok(axum::Json(RequestView::new(&request, state.clock.now())))
}

/// Proposes other times (shared by the API and the meetings page).
pub(crate) async fn propose(
    state: &AppState,
    me: &CurrentUser,
    rid: &str,
    input: &ProposeInput,
) -> Result<Request, AppError> {
    let (request, caller) = own_request(state, me, rid).await?;
    if request.status != peerlearn_store::RequestStatus::Pending {
        return Err(conflict(
            "already_decided",
            "this request was already answered or withdrawn",
        ));
    }
    if caller != request.awaiting {
        return Err(AppError::Forbidden(
            "this request is waiting for the other person's answer",
        ));
    }
    let topic = state.store.topic(request.topic_id).await?;
    let community = state.store.community(request.community_id).await?;
    let message = input.message.clone().unwrap_or_default();
    let (me_word, other_word) = ("you are", "they are");
    let times = checked_times(
        state,
        &community,
        &topic,
        [(me_word, caller), (other_word, request.other_side(caller))],
        &input.proposed_times,
        &message,
    )
    .await?;
    Ok(state
        .store
        .propose_times(request.id, caller, &times, &message, state.clock.now())
        .await?)
}

//! Requests to meet: ask at up to three times, and the answers — accept one time (the meeting
//! is placed in a spot or a video room), decline, propose other times, or withdraw.

use chrono::{DateTime, Utc};
use peerlearn_domain::{RequestId, TopicFormat, TopicId};
use peerlearn_store::{Meeting, NewRequest, Request, RequestStatus};

use super::proposals::{Proposal, check_daily_cap, checked_times};
use super::{conflict, reply_text};
use crate::access;
use crate::auth::{CurrentUser, new_secret};
use crate::error::AppError;
use crate::state::AppState;

/// A fresh, unguessable video link for one meeting.
pub fn video_room(state: &AppState) -> String {
    format!("{}{}", state.config.video_base_url, &new_secret()[..20])
}

/// Asks to meet on a one-on-one topic at one of up to three times, each in the future, within
/// the community's hours, within both people's availability and clear of their meetings.
pub async fn request(
    state: &AppState,
    me: &CurrentUser,
    topic: TopicId,
    proposal: &Proposal,
) -> Result<Request, AppError> {
    let (topic, m, _) = access::visible_topic(&state.store, topic, me.user.id).await?;
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
    let times = checked_times(
        state,
        &m.community,
        &topic,
        [("you", m.member), ("host", topic.host)],
        proposal,
    )
    .await?;
    let new = NewRequest {
        community: topic.community_id,
        topic: topic.id,
        requester: m.member,
        decider: topic.host,
        times,
        message: proposal.message.clone(),
    };
    Ok(state.store.create_request(&new, state.clock.now()).await?)
}

/// Accepts a request at one of its proposed times: the meeting is confirmed and placed in the
/// smallest free spot that fits, or a video room, atomically.
pub async fn accept(
    state: &AppState,
    me: &CurrentUser,
    id: RequestId,
    start: DateTime<Utc>,
) -> Result<Meeting, AppError> {
    let (request, caller) = access::own_request(&state.store, id, me.user.id).await?;
    if caller != request.awaiting {
        return Err(waiting_for_the_other_side());
    }
    if !request.times.iter().any(|t| t.start() == start) {
        return Err(AppError::invalid("start", "invalid-not-proposed"));
    }
    if start <= state.clock.now() {
        return Err(conflict(
            "time_passed",
            "that time has passed; ask for a new request",
        ));
    }
    let community = state.store.community(request.community_id).await?;
    check_daily_cap(state, &community, request.decider, "start", start).await?;
    let meeting = state
        .store
        .accept_request(request.id, start, &video_room(state), state.clock.now())
        .await?;
    metrics::counter!("bookings_total", "kind" => "request").increment(1);
    Ok(meeting)
}

/// Declines a request, with an optional message.
pub async fn decline(
    state: &AppState,
    me: &CurrentUser,
    id: RequestId,
    message: Option<&str>,
) -> Result<Request, AppError> {
    let (request, caller) = access::own_request(&state.store, id, me.user.id).await?;
    if caller != request.awaiting {
        return Err(waiting_for_the_other_side());
    }
    let text = reply_text(message)?;
    Ok(state
        .store
        .decline_request(request.id, caller, &text, state.clock.now())
        .await?)
}

/// Proposes other times for a pending request instead of accepting or declining it. Only the
/// side the request waits for may; the times pass the same checks as a new request's, replace
/// the request's, and the request then waits for the other side.
pub async fn propose(
    state: &AppState,
    me: &CurrentUser,
    id: RequestId,
    proposal: &Proposal,
) -> Result<Request, AppError> {
    let (request, caller) = access::own_request(&state.store, id, me.user.id).await?;
    if request.status != RequestStatus::Pending {
        return Err(conflict(
            "already_decided",
            "this request was already answered or withdrawn",
        ));
    }
    if caller != request.awaiting {
        return Err(waiting_for_the_other_side());
    }
    let topic = state.store.topic(request.topic_id).await?;
    let community = state.store.community(request.community_id).await?;
    let times = checked_times(
        state,
        &community,
        &topic,
        [("you", caller), ("they", request.other_side(caller))],
        proposal,
    )
    .await?;
    Ok(state
        .store
        .propose_times(
            request.id,
            caller,
            &times,
            &proposal.message,
            state.clock.now(),
        )
        .await?)
}

/// Takes back a pending request the caller sent.
pub async fn withdraw(
    state: &AppState,
    me: &CurrentUser,
    id: RequestId,
) -> Result<Request, AppError> {
    let (request, caller) = access::own_request(&state.store, id, me.user.id).await?;
    if caller != request.requester {
        return Err(AppError::Forbidden("forbidden-only-requester-withdraws"));
    }
    Ok(state
        .store
        .withdraw_request(request.id, state.clock.now())
        .await?)
}

fn waiting_for_the_other_side() -> AppError {
    AppError::Forbidden("forbidden-not-your-turn")
}

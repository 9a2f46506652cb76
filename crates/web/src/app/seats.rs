//! Seats of fixed-time group topics: take one, give it up, wait on the waitlist of a full
//! group; and a host turning requests for one time into one group meeting.

use chrono::{DateTime, Utc};
use peerlearn_domain::TopicId;
use peerlearn_store::{Meeting, WaitlistPlace};

use super::conflict;
use super::requests::video_room;
use crate::access::{self, AsMember};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The meeting of a fixed-time group topic the caller can see.
pub async fn group_of(
    state: &AppState,
    me: &CurrentUser,
    topic: TopicId,
) -> Result<(Meeting, AsMember), AppError> {
    let (topic, m, _) = access::visible_topic(&state.store, topic, me.user.id).await?;
    let meeting =
        state.store.topic_meeting(topic.id).await?.ok_or_else(|| {
            conflict("no_seats", "only group topics with a fixed time have seats")
        })?;
    Ok((meeting, m))
}

fn not_started(state: &AppState, meeting: &Meeting) -> Result<(), AppError> {
    if meeting.time.start() <= state.clock.now() {
        return Err(conflict(
            "meeting_started",
            "this meeting has already started",
        ));
    }
    Ok(())
}

/// Takes a seat in a group that has not started.
pub async fn take(state: &AppState, me: &CurrentUser, topic: TopicId) -> Result<Meeting, AppError> {
    let (meeting, m) = group_of(state, me, topic).await?;
    not_started(state, &meeting)?;
    let seated = state
        .store
        .take_seat(meeting.id, m.member, state.clock.now())
        .await?;
    metrics::counter!("bookings_total", "kind" => "seat").increment(1);
    Ok(seated)
}

/// Gives up the caller's seat; the first waitlisted member still free takes it.
pub async fn leave(
    state: &AppState,
    me: &CurrentUser,
    topic: TopicId,
) -> Result<Meeting, AppError> {
    let (meeting, m) = group_of(state, me, topic).await?;
    Ok(state
        .store
        .leave_seat(meeting.id, m.member, state.clock.now())
        .await?)
}

/// Joins the waitlist of a full group that has not started.
pub async fn join_waitlist(
    state: &AppState,
    me: &CurrentUser,
    topic: TopicId,
) -> Result<WaitlistPlace, AppError> {
    let (meeting, m) = group_of(state, me, topic).await?;
    not_started(state, &meeting)?;
    Ok(state
        .store
        .join_waitlist(meeting.id, m.member, state.clock.now())
        .await?)
}

/// Leaves the waitlist.
pub async fn leave_waitlist(
    state: &AppState,
    me: &CurrentUser,
    topic: TopicId,
) -> Result<(), AppError> {
    let (meeting, m) = group_of(state, me, topic).await?;
    Ok(state.store.leave_waitlist(meeting.id, m.member).await?)
}

/// The host of a topic turns the pending requests for one time into one group meeting.
pub async fn group_from_requests(
    state: &AppState,
    me: &CurrentUser,
    topic: TopicId,
    start: DateTime<Utc>,
) -> Result<Meeting, AppError> {
    let found = state.store.topic(topic).await?;
    let m = access::as_member(&state.store, found.community_id, me.user.id)
        .await
        .map_err(|e| e.hidden_as("topic"))?;
    if found.host != m.member {
        return Err(AppError::NotFound("topic"));
    }
    if start <= state.clock.now() {
        return Err(AppError::invalid("start", "invalid-in-past"));
    }
    let (meeting, _) = state
        .store
        .group_requests(
            topic,
            m.member,
            start,
            &video_room(state),
            state.clock.now(),
        )
        .await?;
    metrics::counter!("bookings_total", "kind" => "group").increment(1);
    Ok(meeting)
}

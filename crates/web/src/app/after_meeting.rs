//! After the meeting: checking in (a button, or the spot's QR code), someone to join when a
//! partner does not come, and giving feedback.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    CheckInClosed, CheckInMethod, Feedback, MemberId, Tag, TopicId, TopicKind, check_in_open,
    check_in_time, feedback_open,
};
use peerlearn_store::{FeedbackRecord, Meeting, Topic, TopicFilter};

use super::conflict;
use crate::error::AppError;
use crate::state::AppState;

/// Checks a participant in to a meeting, from 10 minutes before its start until its end
/// (again is harmless: the first check-in stands). `tapped` is when they tapped "Check in" on
/// a phone with no connection, for a check-in sent once the connection returned: it counts
/// from then when that lies within the window and not ahead of the server's clock
/// ([`check_in_time`]), also when it arrives after the end, unless the end has already
/// recorded them as missing. Answers when they checked in.
pub async fn check_in(
    state: &AppState,
    meeting: &Meeting,
    member: MemberId,
    method: CheckInMethod,
    tapped: Option<DateTime<Utc>>,
) -> Result<DateTime<Utc>, AppError> {
    let participant = meeting
        .participants
        .iter()
        .any(|p| p.member == member && p.confirmed);
    if !participant || !meeting.confirmed {
        return Err(conflict(
            "not_a_participant",
            "only the meeting's participants check in",
        ));
    }
    let now = state.clock.now();
    let at = check_in_time(&meeting.time, tapped, now);
    check_in_open(&meeting.time, at).map_err(AppError::from)?;
    if at < now && check_in_open(&meeting.time, now).is_err() {
        let missing = state
            .store
            .attendance(meeting.id)
            .await?
            .iter()
            .any(|a| a.member == member && a.no_show);
        if missing {
            return Err(CheckInClosed::Over.into());
        }
    }
    Ok(state.store.check_in(meeting.id, member, method, at).await?)
}

/// Stores a participant's feedback, once: when the meeting has ended, or once they have
/// checked in and it has started. With consent, what they learned becomes a note.
pub async fn give_feedback(
    state: &AppState,
    meeting: &Meeting,
    member: MemberId,
    feedback: &Feedback,
) -> Result<FeedbackRecord, AppError> {
    if !meeting.is_participant(member) || !meeting.confirmed {
        return Err(conflict(
            "not_a_participant",
            "only the meeting's participants give feedback",
        ));
    }
    let now = state.clock.now();
    let checked_in = state
        .store
        .attendance(meeting.id)
        .await?
        .iter()
        .any(|a| a.member == member && a.checked_in_at.is_some());
    if !feedback_open(&meeting.time, now, checked_in) {
        return Err(conflict(
            "meeting_not_over",
            "feedback opens when the meeting ends (or once you have checked in and it has started)",
        ));
    }
    Ok(state
        .store
        .save_feedback(meeting.id, member, feedback, now)
        .await?)
}

/// Someone to join instead of waiting for a partner who has not come.
pub enum StandBy {
    /// A group starting around now with a free seat.
    Group(Meeting),
    /// An open offer on one of the meeting's topic tags, from another host.
    Offer(Topic),
}

/// Groups starting around `now` with a free seat, then open offers on the meeting's topic tags
/// from other hosts than the meeting's and the member: at most six.
pub async fn stand_by(
    state: &AppState,
    meeting: &Meeting,
    member: MemberId,
    now: DateTime<Utc>,
) -> Result<Vec<StandBy>, AppError> {
    let mut out: Vec<StandBy> = state
        .store
        .groups_with_seats(
            meeting.community_id,
            member,
            now - Duration::minutes(10),
            now + Duration::minutes(15),
        )
        .await?
        .into_iter()
        .map(StandBy::Group)
        .collect();
    let topic = state.store.topic(meeting.topic_id).await?;
    let host = meeting
        .participants
        .iter()
        .find(|p| p.host)
        .map(|p| p.member);
    let mut offered: Vec<TopicId> = Vec::new();
    for tag in topic.tags.iter().take(3) {
        let similar = state
            .store
            .topics(
                meeting.community_id,
                &TopicFilter {
                    tag: Tag::parse("tag", tag).ok(),
                    kind: Some(TopicKind::Offer),
                    limit: 5,
                    ..TopicFilter::default()
                },
            )
            .await?;
        for t in &similar.items {
            let grouped = out
                .iter()
                .any(|s| matches!(s, StandBy::Group(g) if g.topic_id == t.id));
            if t.id == topic.id
                || Some(t.host) == host
                || t.host == member
                || grouped
                || offered.contains(&t.id)
            {
                continue;
            }
            offered.push(t.id);
            out.push(StandBy::Offer(t.clone()));
        }
    }
    out.truncate(6);
    Ok(out)
}

//! After the meeting: checking in (a button, or the spot's QR code) and giving feedback.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CheckInMethod, Feedback, MemberId, check_in_open, feedback_open};
use peerlearn_store::{FeedbackRecord, Meeting};

use super::conflict;
use crate::error::AppError;
use crate::state::AppState;

/// Checks a participant in to a meeting, from 10 minutes before its start until its end
/// (again is harmless). Answers when they checked in.
pub async fn check_in(
    state: &AppState,
    meeting: &Meeting,
    member: MemberId,
    method: CheckInMethod,
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
    check_in_open(&meeting.time, now).map_err(AppError::from)?;
    Ok(state
        .store
        .check_in(meeting.id, member, method, now)
        .await?)
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

//! Cancelling a meeting, or giving up one's seat in a group.

use peerlearn_domain::MeetingId;
use peerlearn_store::Meeting;

use super::reply_text;
use crate::access;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// Cancels a meeting (either participant, or an organizer), with an optional reason;
/// everyone's calendar shows it cancelled. In a group, a participant who is not the host
/// gives up their seat instead; the host cancels it for everyone.
pub async fn cancel(
    state: &AppState,
    me: &CurrentUser,
    id: MeetingId,
    reason: Option<&str>,
) -> Result<Meeting, AppError> {
    let (meeting, m) = access::visible_meeting(&state.store, id, me.user.id).await?;
    let reason = reply_text(reason)?;
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

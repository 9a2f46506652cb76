//! The message offering a free member a free seat in a group session starting soon, with
//! the way to take it (the topic's seats). Nothing is said when, by the time it is composed,
//! the session was cancelled or filled, or the member already has a seat in it.

use peerlearn_domain::MeetingId;
use peerlearn_store::{Community, Job, StoreError};

use super::compose::still_there;
use super::message::{Message, Recipients};
use crate::state::AppState;

pub async fn compose(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let Some(member) = job.actor else {
        return Ok(Vec::new());
    };
    let Some(meeting) = still_there(store.meeting(MeetingId(job.subject)).await)? else {
        return Ok(Vec::new());
    };
    let (taken, seats) = meeting.participant_seats();
    if !meeting.confirmed || taken >= seats || meeting.is_participant(member) {
        return Ok(Vec::new());
    }
    let recipients = Recipients::load(store, community, [member]).await?;
    let to = recipients.get(member)?;
    let args = [
        ("topic", meeting.topic_title.as_str().into()),
        ("when", to.when(meeting.time.start()).into()),
        ("place", to.place(&meeting).into()),
        ("left", (seats - taken).into()),
    ];
    let path = format!("/c/{}/topics/{}#seats", community.id, meeting.topic_id);
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to.clone(),
        "seat_offered",
        to.t("notification-seat-offered-title", &args),
        to.t("notification-seat-offered-body", &args),
        &path,
    )])
}

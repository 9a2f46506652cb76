//! Jobs after a meeting starts and ends: offering a stand-by to a member whose partner has not
//! checked in, asking for feedback, recording no-shows (and pausing recommendations after
//! repeated ones), passing thanks to hosts, the 30-day check-back, and inviting members who
//! can share a much-wanted tag to host a group. They run on the outbox like every
//! notification, so each runs once across server processes.

use peerlearn_domain::{MeetingId, MemberId, TopicId};
use peerlearn_store::{Community, EventEffect, FeedbackRecord, Job, JobKind, Meeting, StoreError};

use super::compose::{Composed, still_there};
use super::message::{Message, Recipient, place, when};
use crate::state::AppState;

/// This many members wanting a tag make its sharers an invitation to host a group.
pub const DEMAND_THRESHOLD: i64 = 3;

/// The messages and effects of an after-meeting job.
pub(super) async fn compose(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Composed, StoreError> {
    if job.kind == JobKind::DemandCheck {
        return demand(state, job, community).await;
    }
    let store = &state.store;
    let meeting = match still_there(store.meeting(MeetingId(job.subject)).await)? {
        Some(m) if m.confirmed => m,
        _ => return Ok(Composed::default()),
    };
    match job.kind {
        JobKind::CheckInDue => stand_by(state, community, &meeting).await.map(Into::into),
        JobKind::MeetingEnded => ended(state, community, &meeting).await,
        JobKind::ThanksReceived => thanks(state, job, community, &meeting)
            .await
            .map(Into::into),
        JobKind::CheckBack => check_back(state, job, community, &meeting)
            .await
            .map(Into::into),
        _ => Ok(Composed::default()),
    }
}

fn meeting_link(meeting: &Meeting) -> String {
    format!("/c/{}/meetings/{}", meeting.community_id, meeting.id)
}

/// Five minutes into a one-on-one: if one partner is there and the other is not, the waiting
/// one is offered a stand-by (the meeting page lists similar topics and groups starting now),
/// and the missing one is told they are expected.
async fn stand_by(
    state: &AppState,
    community: &Community,
    meeting: &Meeting,
) -> Result<Vec<Message>, StoreError> {
    let mut out = Vec::new();
    if meeting.capacity > 2 {
        return Ok(out);
    }
    let attendance = state.store.attendance(meeting.id).await?;
    let here: Vec<_> = attendance
        .iter()
        .filter(|a| a.checked_in_at.is_some())
        .collect();
    let missing: Vec<_> = attendance
        .iter()
        .filter(|a| a.checked_in_at.is_none())
        .collect();
    if here.len() != 1 || missing.len() != 1 {
        return Ok(out);
    }
    let name_of = |m: MemberId| {
        meeting
            .participants
            .iter()
            .find(|p| p.member == m)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "Your partner".into())
    };
    let base = &state.config.public_url;
    let tz = community.calendar.timezone.tz();
    let waiting = Recipient::of(&state.store, meeting.community_id, here[0].member).await?;
    out.push(Message::new(
        community,
        base,
        waiting,
        "stand_by",
        format!("{} has not checked in yet", name_of(missing[0].member)),
        format!(
            "\"{}\" started at {}. While you wait, you can take a stand-by: a similar topic or a free seat in a group starting now.",
            meeting.topic_title,
            when(meeting, tz)
        ),
        &format!("{}#stand-by", meeting_link(meeting)),
    ));
    let late = Recipient::of(&state.store, meeting.community_id, missing[0].member).await?;
    out.push(Message::new(
        community,
        base,
        late,
        "partner_waiting",
        format!("{} is waiting for you", name_of(here[0].member)),
        format!(
            "\"{}\" started at {} — {}. Check in when you arrive, or cancel so they can meet someone else.",
            meeting.topic_title,
            when(meeting, tz),
            place(meeting)
        ),
        &meeting_link(meeting),
    ));
    Ok(out)
}

/// The meeting has ended: no-shows are recorded (pausing recommendations after repeated
/// ones) when the event completes, and everyone who was there is asked for feedback.
async fn ended(
    state: &AppState,
    community: &Community,
    meeting: &Meeting,
) -> Result<Composed, StoreError> {
    let store = &state.store;
    let due = store.no_shows_due(meeting.id, state.clock.now()).await?;
    let attendance = store.attendance(meeting.id).await?;
    let base = &state.config.public_url;
    let mut out = Composed::default();
    for a in attendance
        .iter()
        .filter(|a| !a.no_show && !due.missing.contains(&a.member))
    {
        if store.feedback(meeting.id, a.member).await?.is_some() {
            continue;
        }
        let to = Recipient::of(store, meeting.community_id, a.member).await?;
        out.messages.push(Message::new(
            community,
            base,
            to,
            "feedback_asked",
            format!("How was \"{}\"?", meeting.topic_title),
            "One thing you learned, one thing you will try: it takes a minute, and with your consent what you learned joins the community's knowledge base.".into(),
            &format!("{}#feedback", meeting_link(meeting)),
        ));
    }
    for member in &due.pausing {
        let to = Recipient::of(store, meeting.community_id, *member).await?;
        out.messages.push(Message::new(
            community,
            base,
            to,
            "recommendations_paused",
            "We paused your recommendations".into(),
            "You missed a few meetings recently, so we stopped suggesting you to others for now. Rejoin with one click whenever you are ready.".into(),
            &format!("/c/{}/ledger", meeting.community_id),
        ));
    }
    if !due.missing.is_empty() {
        out.effects.push(EventEffect::NoShows(due));
    }
    Ok(out)
}

/// The feedback of the participant an event is about, if they gave any.
async fn feedback_of_actor(
    state: &AppState,
    job: &Job,
    meeting: &Meeting,
) -> Result<Option<(MemberId, FeedbackRecord)>, StoreError> {
    let Some(actor) = job.actor else {
        return Ok(None);
    };
    let feedback = state.store.feedback(meeting.id, actor).await?;
    Ok(feedback.map(|f| (actor, f)))
}

/// A participant thanked the host: the host hears it.
async fn thanks(
    state: &AppState,
    job: &Job,
    community: &Community,
    meeting: &Meeting,
) -> Result<Vec<Message>, StoreError> {
    let Some((actor, feedback)) = feedback_of_actor(state, job, meeting).await? else {
        return Ok(Vec::new());
    };
    let Some(host) = meeting
        .participants
        .iter()
        .find(|p| p.host && p.member != actor)
    else {
        return Ok(Vec::new());
    };
    let from = meeting
        .participants
        .iter()
        .find(|p| p.member == actor)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "A participant".into());
    let to = Recipient::of(&state.store, meeting.community_id, host.member).await?;
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to,
        "thanks",
        format!("{from} thanked you"),
        format!("For \"{}\": {}", meeting.topic_title, feedback.thanks),
        &format!("/c/{}/ledger", meeting.community_id),
    )])
}

/// Some days later: did you try what you said you would?
async fn check_back(
    state: &AppState,
    job: &Job,
    community: &Community,
    meeting: &Meeting,
) -> Result<Vec<Message>, StoreError> {
    let Some((actor, feedback)) = feedback_of_actor(state, job, meeting).await? else {
        return Ok(Vec::new());
    };
    if feedback.tried.is_some() || feedback.will_try.is_empty() {
        return Ok(Vec::new());
    }
    let to = Recipient::of(&state.store, meeting.community_id, actor).await?;
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to,
        "check_back",
        "Did you try it?".into(),
        format!(
            "After \"{}\" you planned to try: {}",
            meeting.topic_title, feedback.will_try
        ),
        &format!("{}#check-back", meeting_link(meeting)),
    )])
}

/// An ask was posted: when enough members want one of its tags, those who can share it are
/// invited (once per tag) to host a group.
async fn demand(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Composed, StoreError> {
    let store = &state.store;
    let invitees = store
        .demand_invitees(community.id, TopicId(job.subject), DEMAND_THRESHOLD)
        .await?;
    let mut out = Composed::default();
    let mut invited = Vec::new();
    for (member, tag, wanted) in invitees {
        let to = Recipient::of(store, community.id, member).await?;
        out.messages.push(Message::new(
            community,
            &state.config.public_url,
            to,
            "host_invitation",
            format!("{wanted} people want to learn {tag}"),
            format!(
                "You can share {tag}, and {wanted} members of {} want to learn it. One group session could help them all: post a group offer with a time.",
                community.name
            ),
            &format!("/c/{}/demand", community.id),
        ));
        invited.push((member, tag));
    }
    if !invited.is_empty() {
        out.effects.push(EventEffect::DemandInvitations(invited));
    }
    Ok(out)
}

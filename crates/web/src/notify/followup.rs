//! Jobs after a meeting starts and ends: offering a stand-by to a member whose partner has not
//! checked in, asking for feedback, recording no-shows (and pausing recommendations after
//! repeated ones), passing thanks to hosts, the 30-day check-back, and inviting members who
//! can share a much-wanted tag to host a group. They run on the outbox like every
//! notification, so each runs once across server processes.

use peerlearn_domain::{MeetingId, MemberId, TopicId};
use peerlearn_store::{Community, EventEffect, FeedbackRecord, Job, JobKind, Meeting, StoreError};

use super::compose::{Composed, still_there};
use super::message::{Message, Recipients};
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
    let (waiting, late) = (here[0].member, missing[0].member);
    let recipients = Recipients::load(&state.store, community, [waiting, late]).await?;
    // A participant's name, or "Your partner" in the recipient's language.
    let name_of = |m: MemberId, to: &super::Recipient| {
        meeting
            .participants
            .iter()
            .find(|p| p.member == m)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| to.t("notification-your-partner", &[]))
    };
    let base = &state.config.public_url;
    let start = meeting.time.start();
    let to = recipients.get(waiting)?;
    out.push(Message::new(
        community,
        base,
        to.clone(),
        "stand_by",
        to.t(
            "notification-stand-by-title",
            &[("name", name_of(late, &to).into())],
        ),
        to.t(
            "notification-stand-by-body",
            &[
                ("topic", meeting.topic_title.as_str().into()),
                ("when", to.when(start).into()),
            ],
        ),
        &format!("{}#stand-by", meeting_link(meeting)),
    ));
    let to = recipients.get(late)?;
    let name = ("name", name_of(waiting, &to).into());
    out.push(Message::new(
        community,
        base,
        to.clone(),
        "partner_waiting",
        to.t(
            "notification-partner-waiting-title",
            std::slice::from_ref(&name),
        ),
        to.t(
            "notification-partner-waiting-body",
            &[
                name,
                ("topic", meeting.topic_title.as_str().into()),
                ("when", to.when(start).into()),
                ("place", to.place(meeting).into()),
            ],
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
    let mut asked = Vec::new();
    for a in attendance
        .iter()
        .filter(|a| !a.no_show && !due.missing.contains(&a.member))
    {
        if store.feedback(meeting.id, a.member).await?.is_none() {
            asked.push(a.member);
        }
    }
    let recipients =
        Recipients::load(store, community, asked.iter().chain(&due.pausing).copied()).await?;
    for member in &asked {
        let to = recipients.get(*member)?;
        out.messages.push(Message::new(
            community,
            base,
            to.clone(),
            "feedback_asked",
            to.t(
                "notification-feedback-asked-title",
                &[("topic", meeting.topic_title.as_str().into())],
            ),
            to.t("notification-feedback-asked-body", &[]),
            &format!("{}#feedback", meeting_link(meeting)),
        ));
    }
    for member in &due.pausing {
        let to = recipients.get(*member)?;
        out.messages.push(Message::new(
            community,
            base,
            to.clone(),
            "recommendations_paused",
            to.t("notification-recommendations-paused-title", &[]),
            to.t("notification-recommendations-paused-body", &[]),
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
    let to = Recipients::load(&state.store, community, [host.member])
        .await?
        .get(host.member)?;
    let from = meeting
        .participants
        .iter()
        .find(|p| p.member == actor)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| to.t("notification-a-participant", &[]));
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to.clone(),
        "thanks",
        to.t("notification-thanks-title", &[("name", from.into())]),
        to.t(
            "notification-thanks-body",
            &[
                ("topic", meeting.topic_title.as_str().into()),
                ("thanks", feedback.thanks.as_str().into()),
            ],
        ),
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
    let to = Recipients::load(&state.store, community, [actor])
        .await?
        .get(actor)?;
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to.clone(),
        "check_back",
        to.t("notification-check-back-title", &[]),
        to.t(
            "notification-check-back-body",
            &[
                ("topic", meeting.topic_title.as_str().into()),
                ("plan", feedback.will_try.as_str().into()),
            ],
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
    let recipients =
        Recipients::load(store, community, invitees.iter().map(|(m, _, _)| *m)).await?;
    let labels = store.tag_labels(community.id).await?;
    for (member, tag, wanted) in invitees {
        let to = recipients.get(member)?;
        let args = [
            ("tag", labels.show(tag.as_str()).to_string().into()),
            ("count", wanted.into()),
            ("community", community.name.as_str().into()),
        ];
        out.messages.push(Message::new(
            community,
            &state.config.public_url,
            to.clone(),
            "host_invitation",
            to.t("notification-host-invitation-title", &args),
            to.t("notification-host-invitation-body", &args),
            &format!("/c/{}/demand", community.id),
        ));
        invited.push((member, tag));
    }
    if !invited.is_empty() {
        out.effects.push(EventEffect::DemandInvitations(invited));
    }
    Ok(out)
}

//! What free members hear about "meet now": a meeting proposed to them, the other side's
//! acceptance, a decline or expiry (they are back among the free), and the booked meeting
//! with its invitation.

use peerlearn_domain::{MeetingId, MemberId, NowProposalId};
use peerlearn_store::{Community, Job, JobKind, StoreError};

use super::compose::still_there;
use super::message::{Message, Recipients};
use crate::state::AppState;

pub async fn compose(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let base = state.config.public_url.as_str();
    let now_path = format!("/c/{}/now", community.id);
    if job.kind == JobKind::NowBooked {
        let Some(meeting) = still_there(store.meeting(MeetingId(job.subject)).await)? else {
            return Ok(Vec::new());
        };
        if !meeting.confirmed {
            return Ok(Vec::new());
        }
        let people: Vec<MemberId> = meeting.participants.iter().map(|p| p.member).collect();
        let recipients = Recipients::load(store, community, people.iter().copied()).await?;
        let path = format!("/c/{}/meetings/{}", community.id, meeting.id);
        let mut out = Vec::new();
        for p in &meeting.participants {
            let to = recipients.get(p.member)?;
            let other = meeting
                .participants
                .iter()
                .find(|o| o.member != p.member)
                .map_or_else(|| to.t("notification-someone", &[]), |o| o.name.clone());
            let body = to.t(
                "notification-now-booked-body",
                &[
                    ("name", other.as_str().into()),
                    ("topic", meeting.topic_title.as_str().into()),
                    ("when", to.when(meeting.time.start()).into()),
                    ("place", to.place(&meeting).into()),
                ],
            );
            let title = to.t(
                "notification-now-booked-title",
                &[("name", other.as_str().into())],
            );
            let host = crate::ics::host_of(base);
            let m = Message::new(
                community,
                base,
                to.clone(),
                "now_booked",
                title,
                body,
                &path,
            );
            let ics =
                crate::ics::calendar([(&meeting, m.link.clone())], &host, "peerlearn", to.lang);
            out.push(m.with_ics(ics));
        }
        return Ok(out);
    }
    let id = NowProposalId(job.subject);
    let Some(p) = still_there(store.now_proposal(community.id, id).await)? else {
        return Ok(Vec::new());
    };
    // Proposed: both hear. Accepted or declined: the other side hears. Expired: both.
    let told: Vec<MemberId> = match job.actor {
        Some(actor) => vec![p.other(actor).0],
        None => vec![p.host, p.guest],
    };
    // A re-pairing: the one whose partner has not come is told differently.
    let waiting = match p.replaces {
        Some(meeting) => still_there(store.meeting(meeting).await)?.and_then(|m| {
            [p.host, p.guest]
                .into_iter()
                .find(|w| m.participants.iter().any(|x| x.member == *w))
        }),
        None => None,
    };
    let recipients = Recipients::load(store, community, told.iter().copied()).await?;
    told.iter()
        .map(|member| {
            let to = recipients.get(*member)?;
            let (_, other) = p.other(*member);
            let place = match (&p.spot, p.mode) {
                (Some((_, spot)), peerlearn_domain::MeetingMode::InPerson) => {
                    to.t("now-at-spot", &[("spot", spot.as_str().into())])
                }
                (_, peerlearn_domain::MeetingMode::Virtual) => to.t("now-by-video", &[]),
                _ => to.t("now-at-the-lounge", &[]),
            };
            let repair = if waiting == Some(*member) {
                Some(true)
            } else {
                waiting.map(|_| false)
            };
            let args = [
                ("name", other.into()),
                ("topic", p.topic_title.as_str().into()),
                ("when", to.when(p.time.start()).into()),
                ("place", place.into()),
            ];
            let (kind, title, body) = match (job.kind, job.actor, repair) {
                // Offered someone instead of one's absent partner.
                (JobKind::NowProposed, _, Some(true)) => (
                    "repair_offered",
                    "notification-repair-offered-title",
                    "notification-repair-offered-body",
                ),
                // Asked to meet someone whose partner has not come.
                (JobKind::NowProposed, _, Some(false)) => (
                    "now_proposed",
                    "notification-repair-asked-title",
                    "notification-repair-asked-body",
                ),
                (JobKind::NowDeclined, Some(_), Some(true)) => (
                    "now_declined",
                    "notification-now-declined-title",
                    "notification-repair-declined-body",
                ),
                (JobKind::NowDeclined, None, Some(true)) => (
                    "now_expired",
                    "notification-now-expired-title",
                    "notification-repair-expired-body",
                ),
                (JobKind::NowProposed, _, None) => (
                    "now_proposed",
                    "notification-now-proposed-title",
                    "notification-now-proposed-body",
                ),
                (JobKind::NowAccepted, ..) => (
                    "now_accepted",
                    "notification-now-accepted-title",
                    "notification-now-accepted-body",
                ),
                (_, Some(_), _) => (
                    "now_declined",
                    "notification-now-declined-title",
                    "notification-now-declined-body",
                ),
                (_, None, _) => (
                    "now_expired",
                    "notification-now-expired-title",
                    "notification-now-expired-body",
                ),
            };
            Ok(Message::new(
                community,
                base,
                to.clone(),
                kind,
                to.t(title, &args),
                to.t(body, &args),
                &now_path,
            ))
        })
        .collect()
}

//! A member's agenda in one community: the requests waiting for their answer, the ones they
//! sent, the ones answered, their meetings to come and past, and the times several requests on
//! one of their topics share (one click makes those a group).

use chrono::{DateTime, Utc};
use peerlearn_domain::{MemberId, TopicId, check_in_open};
use peerlearn_store::{Meeting, Request, RequestStatus};

use crate::access::AsMember;
use crate::error::AppError;
use crate::state::AppState;

/// How many answered requests the agenda keeps (the newest).
const ANSWERED: usize = 20;

pub struct Agenda {
    /// Pending requests waiting for the member's answer: requests to them, and their own
    /// requests the other side answered with other times.
    pub waiting: Vec<Request>,
    /// Pending requests waiting for the other side.
    pub sent: Vec<Request>,
    /// The newest requests no longer pending (accepted, declined, withdrawn, expired).
    pub answered: Vec<Request>,
    /// Meetings not over yet, soonest first (cancelled ones included).
    pub upcoming: Vec<Meeting>,
    /// Meetings over, the latest first.
    pub past: Vec<Meeting>,
    /// Times that two or more waiting requests on one topic proposed, the most asked first.
    pub shared_times: Vec<SharedTime>,
    /// The member has checked in to their next meeting.
    pub checked_in_next: bool,
}

/// A time several people asked for on one topic.
pub struct SharedTime {
    pub topic_id: TopicId,
    pub topic_title: String,
    pub start: DateTime<Utc>,
    /// How many waiting requests proposed it.
    pub requests: usize,
}

impl Agenda {
    /// The member's next meeting that still takes place.
    pub fn next(&self) -> Option<&Meeting> {
        self.upcoming.iter().find(|g| g.confirmed)
    }
}

/// Reads `m`'s agenda as of now.
pub async fn agenda(state: &AppState, m: &AsMember) -> Result<Agenda, AppError> {
    let now = state.clock.now();
    let requests = state.store.requests_of(m.member, 200).await?;
    let meetings = state
        .store
        .meetings_of(m.member, Some(m.community.id))
        .await?;
    let mut agenda = sort(m.member, requests, meetings, now);
    if let Some(next) = agenda
        .next()
        .filter(|g| check_in_open(&g.time, now).is_ok())
    {
        agenda.checked_in_next = state
            .store
            .attendance(next.id)
            .await?
            .iter()
            .any(|a| a.member == m.member && a.checked_in_at.is_some());
    }
    Ok(agenda)
}

fn sort(
    member: MemberId,
    requests: Vec<Request>,
    meetings: Vec<Meeting>,
    now: DateTime<Utc>,
) -> Agenda {
    let mut waiting = Vec::new();
    let mut sent = Vec::new();
    let mut answered = Vec::new();
    for r in requests {
        if r.status_at(now) != RequestStatus::Pending {
            if answered.len() < ANSWERED {
                answered.push(r);
            }
        } else if r.awaiting == member {
            waiting.push(r);
        } else {
            sent.push(r);
        }
    }
    let shared_times = shared_times(member, &waiting, now);
    let (mut past, upcoming): (Vec<_>, Vec<_>) =
        meetings.into_iter().partition(|g| g.time.end() <= now);
    past.reverse();
    Agenda {
        waiting,
        sent,
        answered,
        upcoming,
        past,
        shared_times,
        checked_in_next: false,
    }
}

/// The future times two or more requests to `member` (not their counter-proposals) share on
/// one topic.
fn shared_times(member: MemberId, waiting: &[Request], now: DateTime<Utc>) -> Vec<SharedTime> {
    let mut out: Vec<SharedTime> = Vec::new();
    for r in waiting.iter().filter(|r| r.decider == member) {
        for start in r.times.iter().map(|t| t.start()).filter(|s| *s > now) {
            match out
                .iter_mut()
                .find(|g| g.topic_id == r.topic_id && g.start == start)
            {
                Some(g) => g.requests += 1,
                None => out.push(SharedTime {
                    topic_id: r.topic_id,
                    topic_title: r.topic_title.clone(),
                    start,
                    requests: 1,
                }),
            }
        }
    }
    out.retain(|g| g.requests >= 2);
    out.sort_by(|a, b| b.requests.cmp(&a.requests).then(a.start.cmp(&b.start)));
    out
}

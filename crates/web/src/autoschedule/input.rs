//! Everything a proposal reads, loaded in a fixed number of queries however many requests
//! are pending.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use peerlearn_domain::{MemberId, TimeRange, TopicId};
use peerlearn_store::{Community, Meeting, Request, Spot, Store, StoreError, Topic};

use super::ScheduleError;

/// At most this many pending requests go into one proposal.
const MAX_REQUESTS: i64 = 20_000;

/// The community's pending requests and what placing them depends on.
pub struct Inputs {
    /// Oldest first.
    pub requests: Vec<Request>,
    /// The topic of every request.
    pub topics: HashMap<TopicId, Topic>,
    /// The availability of everyone in a request, by member.
    pub availability: BTreeMap<MemberId, Vec<TimeRange>>,
    /// Meetings from now on: their people and spots are taken then.
    pub meetings: Vec<Meeting>,
    pub spots: Vec<Spot>,
}

impl Inputs {
    /// The community's pending requests, oldest first.
    pub async fn pending(store: &Store, community: &Community) -> Result<Vec<Request>, StoreError> {
        store.pending_requests(community.id, MAX_REQUESTS).await
    }

    /// Loads the rest for `requests`. Every request's topic and people are there (a topic or
    /// member gone since the requests were read is not found).
    pub async fn load(
        store: &Store,
        community: &Community,
        requests: Vec<Request>,
        now: DateTime<Utc>,
    ) -> Result<Self, ScheduleError> {
        let ids: Vec<_> = requests.iter().map(|r| r.id).collect();
        let topics = store.request_topics(community.id, &ids).await?;
        let people: Vec<MemberId> = requests
            .iter()
            .flat_map(|r| [r.requester, r.decider])
            .collect();
        let availability = store.members_availability(community.id, &people).await?;
        for r in &requests {
            if !topics.contains_key(&r.topic_id) {
                return Err(StoreError::NotFound("topic").into());
            }
            if !availability.contains_key(&r.requester) || !availability.contains_key(&r.decider) {
                return Err(StoreError::NotFound("member").into());
            }
        }
        Ok(Self {
            meetings: store.upcoming_meetings(community.id, now).await?,
            spots: store.spots(community.id).await?,
            requests,
            topics,
            availability,
        })
    }

    /// The topic of `request`.
    pub fn topic(&self, request: &Request) -> &Topic {
        &self.topics[&request.topic_id]
    }

    /// When each member is already in a confirmed meeting.
    pub fn busy(&self) -> HashMap<MemberId, Vec<TimeRange>> {
        let mut busy: HashMap<MemberId, Vec<TimeRange>> = HashMap::new();
        for meeting in &self.meetings {
            for p in meeting.participants.iter().filter(|p| p.confirmed) {
                busy.entry(p.member).or_default().push(meeting.time);
            }
        }
        busy
    }
}

//! Recommendations for members: one in-memory matching index per community, built from the
//! store on first use and cached in the app state.
//!
//! Freshness:
//! - Changes made through this process (a topic posted, closed or reopened; a profile,
//!   availability or dismissal changed) update the cached index at once and incrementally, so
//!   a new topic is recommendable on the next request.
//! - Every read compares a cheap fingerprint of the community (open topics, newest topic,
//!   members, meetings, dismissals) with the one the index was built at: another server
//!   process sharing the database changed something, so the index is rebuilt from the store.
//! - Profile edits made by other processes are not in the fingerprint; every index is also
//!   rebuilt after [`MAX_AGE`] (which also moves the horizon past slots that have started).
//!
//! Fair exposure is rationed across the community: at build time the batch allocation fills
//! every member's list within capacity-proportional host budgets, and its ledger pushes
//! over-exposed hosts down in the per-request lists.

mod build;
mod lists;
pub mod reason;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, TopicId};
use peerlearn_engine::matching::{
    Exposure, Index, ListKind, MatchConfig, Recommender, Scratch, recommend_all,
};
use peerlearn_store::{Community, MatchingFingerprint, Store, StoreError, Topic};
use tokio::sync::RwLock;

pub use build::Slots;
pub use lists::{PersonItem, RecItem, Scores};

/// The longest a community's index is used before it is rebuilt from the store.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// Entries of each list a member can ask for.
pub const MAX_LIST: usize = 20;

/// One community's index and what it was built from.
struct Cached {
    index: Index,
    exposure: Exposure,
    slots: Slots,
    fingerprint: MatchingFingerprint,
    built_at: Instant,
    /// Topics per host, for capacity changes.
    host_topics: HashMap<MemberId, Vec<TopicId>>,
    /// Requests each member can still take today.
    requests_left: HashMap<MemberId, u32>,
}

type Slot = Arc<RwLock<Option<Cached>>>;

/// The recommendation service (cheap to clone).
#[derive(Clone)]
pub struct Recommendations {
    config: Arc<MatchConfig>,
    communities: Arc<Mutex<HashMap<CommunityId, Slot>>>,
}

impl std::fmt::Debug for Recommendations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recommendations").finish_non_exhaustive()
    }
}

impl Default for Recommendations {
    fn default() -> Self {
        let config = MatchConfig {
            list_len: MAX_LIST,
            ..MatchConfig::default()
        };
        Self {
            config: Arc::new(config),
            communities: Arc::default(),
        }
    }
}

/// A member's lists.
#[derive(Debug, Clone, Default)]
pub struct MemberLists {
    pub for_you: Vec<RecItem>,
    pub could_help: Vec<RecItem>,
    pub people: Vec<PersonItem>,
    pub swap_partners: Vec<PersonItem>,
}

/// Which lists to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Topics(ListKind),
    SwapPartners,
    All,
}

fn build_cached(
    community: &Community,
    data: peerlearn_store::MatchingData,
    fingerprint: MatchingFingerprint,
    now: DateTime<Utc>,
    config: &MatchConfig,
) -> Cached {
    let slots = Slots::new(community, now);
    let members: Vec<_> = data
        .members
        .iter()
        .map(|m| build::member(m, &slots))
        .collect();
    let requests_left: HashMap<MemberId, u32> = data
        .members
        .iter()
        .map(|m| (m.id, build::requests_left(m)))
        .collect();
    let mut host_topics: HashMap<MemberId, Vec<TopicId>> = HashMap::new();
    let topics: Vec<_> = data
        .topics
        .iter()
        .filter_map(|t| {
            host_topics.entry(t.host).or_default().push(t.id);
            build::topic(t, requests_left.get(&t.host).copied().unwrap_or(0), &slots)
        })
        .collect();
    metrics::counter!("recommendation_index_builds_total").increment(1);
    let index = Index::build(
        slots.horizon.clone(),
        slots.today,
        &members,
        &topics,
        config,
    );
    let exposure = recommend_all(&index, config, ListKind::ForYou, 1).exposure;
    Cached {
        index,
        exposure,
        slots,
        fingerprint,
        built_at: Instant::now(),
        host_topics,
        requests_left,
    }
}

impl Recommendations {
    fn slot(&self, community: CommunityId) -> Slot {
        let mut map = self
            .communities
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.entry(community).or_default().clone()
    }

    fn cached_slot(&self, community: CommunityId) -> Option<Slot> {
        self.communities
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&community)
            .cloned()
    }

    /// `member`'s lists, from a fresh enough index (rebuilt from the store when stale).
    pub async fn lists(
        &self,
        store: &Store,
        community: &Community,
        member: MemberId,
        want: Want,
        now: DateTime<Utc>,
    ) -> Result<MemberLists, StoreError> {
        let slot = self.slot(community.id);
        let fingerprint = store.matching_fingerprint(community.id).await?;
        let fresh = |c: &Option<Cached>| {
            c.as_ref()
                .is_some_and(|c| c.fingerprint == fingerprint && c.built_at.elapsed() < MAX_AGE)
        };
        {
            let guard = slot.read().await;
            if fresh(&guard) {
                return Ok(self.compute(guard.as_ref(), member, want));
            }
        }
        let mut guard = slot.write().await;
        if !fresh(&guard) {
            let data = store
                .matching_data(
                    community.id,
                    None,
                    now,
                    &Slots::new(community, now).today_range,
                )
                .await?;
            let config = self.config.clone();
            let community = community.clone();
            let built = tokio::task::spawn_blocking(move || {
                build_cached(&community, data, fingerprint, now, &config)
            })
            .await
            .map_err(|e| StoreError::Corrupt(format!("building the matching index: {e}")))?;
            *guard = Some(built);
        }
        Ok(self.compute(guard.as_ref(), member, want))
    }

    fn compute(&self, cached: Option<&Cached>, member: MemberId, want: Want) -> MemberLists {
        let Some(c) = cached else {
            return MemberLists::default();
        };
        let recommender = Recommender::new(&c.index, &self.config);
        let mut scratch = Scratch::default();
        let id = member.to_string();
        let topics = |kind: ListKind, scratch: &mut Scratch| {
            let list = recommender.list(&id, kind, Some(&c.exposure), scratch);
            lists::topic_items(&c.index, &c.slots, &id, list)
        };
        let mut out = MemberLists::default();
        if matches!(want, Want::Topics(ListKind::ForYou) | Want::All) {
            out.for_you = topics(ListKind::ForYou, &mut scratch);
        }
        if matches!(want, Want::Topics(ListKind::CouldHelp) | Want::All) {
            out.could_help = topics(ListKind::CouldHelp, &mut scratch);
        }
        if matches!(want, Want::SwapPartners | Want::All) {
            out.swap_partners = lists::swap_items(&c.index, &self.config, &c.slots, &id);
        }
        if want == Want::All {
            out.people = lists::people_items(&c.index, &self.config, &c.slots, &id);
        }
        out
    }

    /// A topic was posted, closed or reopened in this process: the cached index (if any)
    /// takes it at once.
    pub async fn topic_changed(&self, store: &Store, topic: &Topic, now: DateTime<Utc>) {
        let Some(slot) = self.cached_slot(topic.community_id) else {
            return;
        };
        let mut guard = slot.write().await;
        let Some(c) = guard.as_mut() else {
            return;
        };
        let id = topic.id.to_string();
        let host_left = c.requests_left.get(&topic.host).copied();
        let engine_topic = match host_left {
            Some(left) => build::topic(topic, left, &c.slots),
            None => match store
                .matching_data(
                    topic.community_id,
                    Some(topic.host),
                    now,
                    &c.slots.today_range,
                )
                .await
            {
                Ok(data) => data.members.first().and_then(|m| {
                    let left = build::requests_left(m);
                    c.requests_left.insert(m.id, left);
                    build::topic(topic, left, &c.slots)
                }),
                Err(e) => {
                    tracing::warn!(error = %e, "matching index update failed; rebuilding later");
                    *guard = None;
                    return;
                }
            },
        };
        let topics = c.host_topics.entry(topic.host).or_default();
        topics.retain(|t| *t != topic.id);
        match engine_topic {
            Some(t) if topic.open => {
                c.index.upsert_topic(&t);
                topics.push(topic.id);
            }
            _ => {
                c.index.remove_topic(&id);
            }
        }
        Self::refingerprint(store, topic.community_id, &mut guard).await;
    }

    /// A member's profile, availability or dismissals changed in this process.
    pub async fn member_changed(
        &self,
        store: &Store,
        community: CommunityId,
        member: MemberId,
        now: DateTime<Utc>,
    ) {
        let Some(slot) = self.cached_slot(community) else {
            return;
        };
        let mut guard = slot.write().await;
        let Some(c) = guard.as_mut() else {
            return;
        };
        let data = store
            .matching_data(community, Some(member), now, &c.slots.today_range)
            .await;
        match data {
            Ok(data) => {
                if let Some(m) = data.members.first() {
                    c.index.upsert_member(&build::member(m, &c.slots));
                    let left = build::requests_left(m);
                    c.requests_left.insert(member, left);
                    for t in c.host_topics.get(&member).into_iter().flatten() {
                        c.index.set_requests_left(&t.to_string(), left);
                    }
                }
                Self::refingerprint(store, community, &mut guard).await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "matching index update failed; rebuilding later");
                *guard = None;
            }
        }
    }

    /// After an update made here, the index is as fresh as the store: take its fingerprint
    /// (a change another process made meanwhile is caught when the index expires).
    async fn refingerprint(store: &Store, community: CommunityId, cached: &mut Option<Cached>) {
        match store.matching_fingerprint(community).await {
            Ok(f) => {
                if let Some(c) = cached.as_mut() {
                    c.fingerprint = f;
                }
            }
            Err(_) => *cached = None,
        }
    }
}

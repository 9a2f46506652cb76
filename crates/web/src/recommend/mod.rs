//! Recommendations for members: one in-memory matching index per community, built from the
//! store on first use and cached in the app state.
//!
//! Freshness:
//! - Changes made through this process (a topic posted, closed or reopened; a profile,
//!   availability or dismissal changed) update the cached index at once and incrementally, so
//!   a new topic is recommendable on the next request.
//! - A cheap fingerprint of the community (open topics, newest topic, members, meetings,
//!   dismissals) is compared with the one the index was last brought up to, whenever this
//!   process has committed a write since the last comparison ([`Store::writes`]) and at
//!   least every [`CHECK_TTL`] (for writes of other processes sharing the database).
//! - When only meetings changed or members joined, the members of the meetings changed since
//!   (and the new members) are read again and updated in place; anything else rebuilds the
//!   index from the store.
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

/// The longest a fingerprint comparison is trusted while this process writes nothing: how late
/// another process's change can be seen.
pub const CHECK_TTL: Duration = Duration::from_secs(1);

/// How old an index gets before [`keep_warm`] rebuilds it in the background, so that no
/// request waits for a rebuild at [`MAX_AGE`].
const REBUILD_AFTER: Duration = Duration::from_secs(45);

/// How many communities' indexes are built at start (the largest first).
const WARM_AT_START: i64 = 20;

/// Beyond this many members changed since the last comparison, the index is rebuilt rather
/// than updated member by member.
const MAX_REFRESHED: usize = 256;

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
    /// When the fingerprint was last compared with the store's, and [`Store::writes`] then.
    checked_at: Instant,
    checked_writes: u64,
}

impl Cached {
    /// Whether the index can be used without asking the store: young enough, compared with
    /// the store moments ago, and this process has committed nothing since.
    fn trusted(&self, writes: u64) -> bool {
        self.checked_writes == writes
            && self.checked_at.elapsed() < CHECK_TTL
            && self.built_at.elapsed() < MAX_AGE
    }

    fn checked(&mut self, fingerprint: MatchingFingerprint, writes: u64) {
        self.fingerprint = fingerprint;
        self.checked_at = Instant::now();
        self.checked_writes = writes;
    }

    /// Reads `member` again (profile, free times, people met, meetings today) and updates the
    /// index in place.
    async fn refresh_member(
        &mut self,
        store: &Store,
        community: CommunityId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let data = store
            .matching_data(community, Some(member), now, &self.slots.today_range)
            .await?;
        if let Some(m) = data.members.first() {
            self.index.upsert_member(&build::member(m, &self.slots));
            let left = build::requests_left(m);
            self.requests_left.insert(member, left);
            for t in self.host_topics.get(&member).into_iter().flatten() {
                self.index.set_requests_left(&t.to_string(), left);
            }
        }
        Ok(())
    }

    /// Brings the index up to `to` in place when only meetings changed and members joined:
    /// `false` when that is not what happened (or too much changed), for a rebuild.
    async fn catch_up(
        &mut self,
        store: &Store,
        community: CommunityId,
        to: &MatchingFingerprint,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        if self.fingerprint.structure != to.structure {
            return Ok(false);
        }
        let Some(joined) = self.fingerprint.members_joined_before(to) else {
            return Ok(false);
        };
        let newest = self.fingerprint.newest_member();
        let changed = store
            .members_changed_since(community, self.fingerprint.meetings_changed_at(), newest)
            .await?;
        let new = changed.iter().filter(|m| m.0 > newest.0).count();
        if i64::try_from(new).ok() != Some(joined) || changed.len() > MAX_REFRESHED {
            return Ok(false);
        }
        for member in changed {
            self.refresh_member(store, community, member, now).await?;
        }
        metrics::counter!("recommendation_index_updates_total").increment(1);
        Ok(true)
    }
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
    writes: u64,
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
        checked_at: Instant::now(),
        checked_writes: writes,
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

    /// Builds `community`'s index from the store without holding it up, then puts it in place.
    /// Changes this process commits meanwhile are caught by the next read's comparison.
    pub async fn rebuild(
        &self,
        store: &Store,
        community: &Community,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let writes = store.writes();
        let fingerprint = store.matching_fingerprint(community.id).await?;
        let built = self
            .build(store, community, fingerprint, writes, now)
            .await?;
        *self.slot(community.id).write().await = Some(built);
        Ok(())
    }

    /// A whole index of `community` from the store, built off the async threads;
    /// `fingerprint` and `writes` were read before its data.
    async fn build(
        &self,
        store: &Store,
        community: &Community,
        fingerprint: MatchingFingerprint,
        writes: u64,
        now: DateTime<Utc>,
    ) -> Result<Cached, StoreError> {
        let data = store
            .matching_data(
                community.id,
                None,
                now,
                &Slots::new(community, now).today_range,
            )
            .await?;
        let config = self.config.clone();
        let owned = community.clone();
        tokio::task::spawn_blocking(move || {
            build_cached(&owned, data, fingerprint, writes, now, &config)
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("building the matching index: {e}")))
    }

    /// The communities whose cached index is older than `age`.
    fn older_than(&self, age: Duration) -> Vec<CommunityId> {
        let slots: Vec<(CommunityId, Slot)> = self
            .communities
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|(id, slot)| (*id, slot.clone()))
            .collect();
        slots
            .into_iter()
            .filter(|(_, slot)| {
                slot.try_read()
                    .is_ok_and(|c| c.as_ref().is_some_and(|c| c.built_at.elapsed() >= age))
            })
            .map(|(id, _)| id)
            .collect()
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
        {
            let guard = slot.read().await;
            if guard.as_ref().is_some_and(|c| c.trusted(store.writes())) {
                return Ok(self.compute(guard.as_ref(), member, want));
            }
        }
        let mut guard = slot.write().await;
        // Read before the fingerprint: a write committed after it is compared next time.
        let writes = store.writes();
        if guard.as_ref().is_some_and(|c| c.trusted(writes)) {
            return Ok(self.compute(guard.as_ref(), member, want));
        }
        let fingerprint = store.matching_fingerprint(community.id).await?;
        if let Some(c) = guard.as_mut().filter(|c| c.built_at.elapsed() < MAX_AGE)
            && (c.fingerprint == fingerprint
                || c.catch_up(store, community.id, &fingerprint, now).await?)
        {
            c.checked(fingerprint, writes);
            return Ok(self.compute(guard.as_ref(), member, want));
        }
        *guard = Some(
            self.build(store, community, fingerprint, writes, now)
                .await?,
        );
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
        Self::refingerprint(store, topic.community_id, &mut guard, now).await;
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
        match c.refresh_member(store, community, member, now).await {
            Ok(()) => Self::refingerprint(store, community, &mut guard, now).await,
            Err(e) => {
                tracing::warn!(error = %e, "matching index update failed; rebuilding later");
                *guard = None;
            }
        }
    }

    /// After an update made here, the index holds it: take the store's fingerprint, and
    /// catch up with meetings changed and members joined since the last comparison (another
    /// process's other changes are caught when the index expires).
    async fn refingerprint(
        store: &Store,
        community: CommunityId,
        cached: &mut Option<Cached>,
        now: DateTime<Utc>,
    ) {
        let writes = store.writes();
        let Some(c) = cached.as_mut() else {
            return;
        };
        let caught_up = async {
            let f = store.matching_fingerprint(community).await?;
            c.fingerprint.structure = f.structure;
            let ok = c.fingerprint == f || c.catch_up(store, community, &f, now).await?;
            if ok {
                c.checked(f, writes);
            }
            Ok::<bool, StoreError>(ok)
        }
        .await;
        if !matches!(caught_up, Ok(true)) {
            *cached = None;
        }
    }
}

/// Builds the indexes of the largest communities at start, then rebuilds every cached index
/// before it expires, off the request path: no request waits for a whole community's index
/// (except one for a community nobody asked about since start).
pub async fn keep_warm(state: crate::state::AppState) {
    let recs = &state.recommendations;
    match state.store.largest_communities(WARM_AT_START).await {
        Ok(communities) => {
            for community in communities {
                if let Err(e) = recs
                    .rebuild(&state.store, &community, state.clock.now())
                    .await
                {
                    tracing::warn!(error = %e, community = community.id.0, "could not build recommendations");
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not list communities to warm up"),
    }
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tick.tick().await;
        for id in recs.older_than(REBUILD_AFTER) {
            let result = match state.store.community(id).await {
                Ok(community) => {
                    recs.rebuild(&state.store, &community, state.clock.now())
                        .await
                }
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                tracing::warn!(error = %e, community = id.0, "could not rebuild recommendations");
            }
        }
    }
}

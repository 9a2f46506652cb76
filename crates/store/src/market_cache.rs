//! A short-lived, in-process cache of the topic market: pages of topics for a filter, the
//! market's most used tags, the tags members most often give their profiles (the community
//! home's "popular tags"), and which hosts have topics hidden by a moderator.
//!
//! At an event most people look at the same market: the newest topics, a handful of searches
//! and tags. The answer is the same for every member who is not a moderator and hosts no hidden
//! topic, so it is computed once and served to all of them for at most
//! [`TTL`](crate::cache::TTL). Filters that depend on who is asking or on the clock ("only
//! times I am free", a day's availability) and moderators' views always ask the database.
//!
//! Every write through this [`Store`](crate::Store) that can change what the market lists (a
//! topic posted, closed or reopened, a question turned into a topic, a topic hidden or shown
//! again, a host's team changed) empties the cache once it is committed and bumps a generation:
//! a page read from the database before that is not kept after it, so a process always reads
//! its own writes. Another process sharing the database may list a change up to the TTL late.
//!
//! When an entry expires under load, one request reads it again from the database while the
//! others asking for the same thing wait for that answer (a lock per shard of keys), rather than
//! all of them querying at once.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::cache::{Entry, Generation, Generational, fresh, keep};
use crate::records::{Page, TagCount};
use crate::records::{Topic, TopicFilter};

/// What a cacheable market filter asks for; the viewer is not part of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    community: i64,
    q: Option<String>,
    tag: Option<String>,
    kind: Option<&'static str>,
    format: Option<&'static str>,
    mode: Option<&'static str>,
    host: Option<i64>,
    soonest: bool,
    include_closed: bool,
    offset: i64,
    limit: i64,
}

impl PageKey {
    /// The key of a filter whose answer is the same for every viewer who hosts no hidden
    /// topic, or `None` when it depends on the viewer or the clock.
    pub(crate) fn of(community: i64, filter: &TopicFilter) -> Option<Self> {
        if filter.moderator || filter.free_for.is_some() || filter.day.is_some() {
            return None;
        }
        Some(Self {
            community,
            q: filter.q.clone(),
            tag: filter.tag.as_ref().map(|t| t.as_str().to_string()),
            kind: filter.kind.map(|k| k.as_str()),
            format: filter.format.map(|f| f.as_str()),
            mode: filter.mode.map(|m| m.as_str()),
            host: filter.host.map(|h| h.0),
            soonest: filter.soonest,
            include_closed: filter.include_closed,
            offset: filter.offset,
            limit: filter.limit,
        })
    }
}

#[derive(Debug, Default)]
struct Maps {
    pages: HashMap<PageKey, Entry<Arc<Page<Topic>>>>,
    /// By (community, limit).
    tags: HashMap<(i64, i64), Entry<Arc<Vec<TagCount>>>>,
    /// Members' profile tags, by (community, limit).
    member_tags: HashMap<(i64, i64), Entry<Arc<Vec<TagCount>>>>,
    /// By community: members who host a hidden topic (they see it in their market).
    hidden_hosts: HashMap<i64, Entry<Arc<HashSet<i64>>>>,
}

/// Shards of the fill locks.
const FILL_SHARDS: usize = 32;

#[derive(Default)]
pub(crate) struct MarketCache {
    maps: Generational<Maps>,
    /// Held while an entry of the shard is read from the database.
    fills: [tokio::sync::Mutex<()>; FILL_SHARDS],
}

impl std::fmt::Debug for MarketCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let maps = self.maps.read();
        f.debug_struct("MarketCache")
            .field("pages", &maps.pages.len())
            .field("tags", &maps.tags.len())
            .field("member_tags", &maps.member_tags.len())
            .field("hidden_hosts", &maps.hidden_hosts.len())
            .finish()
    }
}

impl MarketCache {
    /// Call before reading from the database what will be kept.
    pub(crate) fn generation(&self) -> Generation {
        self.maps.generation()
    }

    /// Waits until no other request is reading an entry of `key`'s shard from the database;
    /// hold the guard while reading it, then look in the cache again before the database.
    pub(crate) async fn fill(&self, key: &impl Hash) -> tokio::sync::MutexGuard<'_, ()> {
        let mut hasher = std::hash::DefaultHasher::new();
        key.hash(&mut hasher);
        self.fills[hasher.finish() as usize % FILL_SHARDS]
            .lock()
            .await
    }

    pub(crate) fn page(&self, key: &PageKey) -> Option<Arc<Page<Topic>>> {
        fresh(self.maps.read().pages.get(key))
    }

    pub(crate) fn keep_page(&self, read: Generation, key: PageKey, page: Arc<Page<Topic>>) {
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.pages, key, page);
        }
    }

    pub(crate) fn tags(&self, community: i64, limit: i64) -> Option<Arc<Vec<TagCount>>> {
        fresh(self.maps.read().tags.get(&(community, limit)))
    }

    pub(crate) fn keep_tags(
        &self,
        read: Generation,
        community: i64,
        limit: i64,
        tags: Arc<Vec<TagCount>>,
    ) {
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.tags, (community, limit), tags);
        }
    }

    pub(crate) fn member_tags(&self, community: i64, limit: i64) -> Option<Arc<Vec<TagCount>>> {
        fresh(self.maps.read().member_tags.get(&(community, limit)))
    }

    pub(crate) fn keep_member_tags(
        &self,
        read: Generation,
        community: i64,
        limit: i64,
        tags: Arc<Vec<TagCount>>,
    ) {
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.member_tags, (community, limit), tags);
        }
    }

    pub(crate) fn hidden_hosts(&self, community: i64) -> Option<Arc<HashSet<i64>>> {
        fresh(self.maps.read().hidden_hosts.get(&community))
    }

    pub(crate) fn keep_hidden_hosts(
        &self,
        read: Generation,
        community: i64,
        hosts: Arc<HashSet<i64>>,
    ) {
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.hidden_hosts, community, hosts);
        }
    }

    /// Forgets everything: called after every committed write that can change a market.
    pub(crate) fn forget(&self) {
        self.maps.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use peerlearn_domain::MemberId;

    fn filter() -> TopicFilter {
        TopicFilter {
            q: Some("rust".into()),
            viewer: Some(MemberId(3)),
            limit: 50,
            ..TopicFilter::default()
        }
    }

    #[test]
    fn keys_leave_out_the_viewer_and_refuse_personal_filters() {
        let other_viewer = TopicFilter {
            viewer: Some(MemberId(4)),
            ..filter()
        };
        assert_eq!(PageKey::of(1, &filter()), PageKey::of(1, &other_viewer));
        assert_ne!(PageKey::of(1, &filter()), PageKey::of(2, &filter()));
        let moderator = TopicFilter {
            moderator: true,
            ..filter()
        };
        assert_eq!(PageKey::of(1, &moderator), None);
        let free = TopicFilter {
            free_for: Some((MemberId(3), chrono::Utc::now())),
            ..filter()
        };
        assert_eq!(PageKey::of(1, &free), None);
    }

    #[test]
    fn a_page_read_before_a_write_is_not_kept_after_it() {
        let cache = MarketCache::default();
        let key = PageKey::of(1, &filter()).expect("cacheable");
        let page = Arc::new(Page {
            items: Vec::new(),
            next_cursor: None,
        });
        let read = cache.generation();
        cache.forget();
        cache.keep_page(read, key.clone(), page.clone());
        assert!(cache.page(&key).is_none());
        cache.keep_page(cache.generation(), key.clone(), page);
        assert!(cache.page(&key).is_some());
        cache.forget();
        assert!(cache.page(&key).is_none());
    }
}

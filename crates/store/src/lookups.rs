//! A short-lived, in-process cache of the lookups nearly every request makes before its real
//! work: who owns a token, a community's settings, and a user's membership in it.
//!
//! Entries live at most [`TTL`]. Every write through this [`Store`](crate::Store) to the rows
//! they come from (communities, members, tokens) empties the cache once it is committed, and
//! bumps a generation: an answer read from the database before that is not kept after it, so
//! one process always reads its own writes. Another process sharing the database may see a change up to [`TTL`]
//! late: a signed-out token, a changed role or the community's new hours work for at most that
//! long there. Only positive answers are kept: "no such token" and "not a member" always ask the
//! database, so signing in or joining is never answered from a stale miss.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use peerlearn_domain::{MemberId, Role};

use crate::records::Community;
use crate::users::TokenOwner;

/// How long an entry may be served.
pub const TTL: Duration = Duration::from_secs(1);
/// Entries per map before it is emptied (a bound on memory, far above a busy process's needs).
const MAX_ENTRIES: usize = 50_000;

#[derive(Debug)]
pub(crate) struct Entry<T> {
    value: T,
    at: Instant,
}

#[derive(Debug, Default)]
struct Maps {
    /// By token hash: the owner and when the token expires.
    tokens: HashMap<String, Entry<(TokenOwner, DateTime<Utc>)>>,
    communities: HashMap<i64, Entry<Community>>,
    /// By (community, user).
    memberships: HashMap<(i64, i64), Entry<(MemberId, Role)>>,
}

#[derive(Default)]
pub(crate) struct Lookups {
    maps: RwLock<Maps>,
    /// Bumped by every [`Lookups::forget`].
    generation: AtomicU64,
}

/// The cache's generation when a database read began: what that read found may be kept only if
/// nothing was written since.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Generation(pub(crate) u64);

/// Sizes only: the entries hold token hashes and accounts, which do not belong in logs.
impl std::fmt::Debug for Lookups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let maps = self.read();
        f.debug_struct("Lookups")
            .field("tokens", &maps.tokens.len())
            .field("communities", &maps.communities.len())
            .field("memberships", &maps.memberships.len())
            .finish()
    }
}

pub(crate) fn fresh<T: Clone>(entry: Option<&Entry<T>>) -> Option<T> {
    entry
        .filter(|e| e.at.elapsed() < TTL)
        .map(|e| e.value.clone())
}

pub(crate) fn keep<K: std::hash::Hash + Eq, T>(map: &mut HashMap<K, Entry<T>>, key: K, value: T) {
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(
        key,
        Entry {
            value,
            at: Instant::now(),
        },
    );
}

impl Lookups {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Maps> {
        self.maps
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Maps> {
        self.maps
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Call before reading from the database what will be kept.
    pub fn generation(&self) -> Generation {
        Generation(self.generation.load(Ordering::Acquire))
    }

    /// The write guard, if nothing was forgotten since `read`.
    fn write_since(&self, read: Generation) -> Option<std::sync::RwLockWriteGuard<'_, Maps>> {
        let maps = self.write();
        (self.generation.load(Ordering::Acquire) == read.0).then_some(maps)
    }

    /// The owner of a token that has not expired by `now`.
    pub fn token(&self, hash: &str, now: DateTime<Utc>) -> Option<TokenOwner> {
        fresh(self.read().tokens.get(hash))
            .filter(|(_, expires_at)| *expires_at > now)
            .map(|(owner, _)| owner)
    }

    pub fn keep_token(
        &self,
        read: Generation,
        hash: &str,
        owner: TokenOwner,
        expires_at: DateTime<Utc>,
    ) {
        if let Some(mut maps) = self.write_since(read) {
            keep(&mut maps.tokens, hash.to_string(), (owner, expires_at));
        }
    }

    pub fn community(&self, id: i64) -> Option<Community> {
        fresh(self.read().communities.get(&id))
    }

    pub fn keep_community(&self, read: Generation, community: Community) {
        if let Some(mut maps) = self.write_since(read) {
            keep(&mut maps.communities, community.id.0, community);
        }
    }

    pub fn membership(&self, community: i64, user: i64) -> Option<(MemberId, Role)> {
        fresh(self.read().memberships.get(&(community, user)))
    }

    pub fn keep_membership(
        &self,
        read: Generation,
        community: i64,
        user: i64,
        membership: (MemberId, Role),
    ) {
        if let Some(mut maps) = self.write_since(read) {
            keep(&mut maps.memberships, (community, user), membership);
        }
    }

    /// Forgets everything: called after every committed write to communities, members or
    /// tokens.
    pub fn forget(&self) {
        let mut maps = self.write();
        self.generation.fetch_add(1, Ordering::AcqRel);
        maps.tokens.clear();
        maps.communities.clear();
        maps.memberships.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{TokenKind, User};
    use peerlearn_domain::UserId;

    fn owner() -> TokenOwner {
        TokenOwner {
            user: User {
                id: UserId(7),
                email: "a@example.org".into(),
                display_name: "A".into(),
                created_at: Utc::now(),
            },
            kind: TokenKind::Api,
        }
    }

    #[test]
    fn tokens_are_served_until_they_expire_or_are_forgotten() {
        let lookups = Lookups::default();
        let now = Utc::now();
        assert!(lookups.token("h", now).is_none());
        lookups.keep_token(
            lookups.generation(),
            "h",
            owner(),
            now + chrono::Duration::hours(1),
        );
        assert_eq!(lookups.token("h", now).map(|o| o.user.id), Some(UserId(7)));
        // Expired by the app's clock: not served, whatever the cache's age.
        assert!(
            lookups
                .token("h", now + chrono::Duration::hours(2))
                .is_none()
        );
        lookups.forget();
        assert!(lookups.token("h", now).is_none());
    }

    #[test]
    fn memberships_are_kept_per_community_and_user() {
        let lookups = Lookups::default();
        lookups.keep_membership(lookups.generation(), 1, 2, (MemberId(3), Role::Member));
        assert_eq!(lookups.membership(1, 2), Some((MemberId(3), Role::Member)));
        assert_eq!(lookups.membership(2, 1), None);
        lookups.forget();
        assert_eq!(lookups.membership(1, 2), None);
    }

    #[test]
    fn an_answer_read_before_a_write_is_not_kept_after_it() {
        let lookups = Lookups::default();
        let before = lookups.generation();
        lookups.forget();
        lookups.keep_membership(before, 1, 2, (MemberId(3), Role::Organizer));
        assert_eq!(lookups.membership(1, 2), None);
    }
}

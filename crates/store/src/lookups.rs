//! A short-lived, in-process cache of the lookups nearly every request makes before its real
//! work: who owns a token, a community's settings, and a user's membership in it.
//!
//! Entries live at most [`TTL`](crate::cache::TTL). Every write through this [`Store`](crate::Store) to the rows
//! they come from (communities, members, tokens) empties the cache once it is committed, and
//! bumps a generation: an answer read from the database before that is not kept after it, so
//! one process always reads its own writes. Another process sharing the database may see a change up to the
//! TTL late: a signed-out token, a changed role or the community's new hours work for at most that
//! long there. Only positive answers are kept: "no such token" and "not a member" always ask the
//! database, so signing in or joining is never answered from a stale miss.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{MemberId, Role};

use crate::cache::{Entry, Generation, Generational, fresh, keep};
use crate::records::Community;
use crate::records::TokenOwner;

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
    maps: Generational<Maps>,
}

/// Sizes only: the entries hold token hashes and accounts, which do not belong in logs.
impl std::fmt::Debug for Lookups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let maps = self.maps.read();
        f.debug_struct("Lookups")
            .field("tokens", &maps.tokens.len())
            .field("communities", &maps.communities.len())
            .field("memberships", &maps.memberships.len())
            .finish()
    }
}

impl Lookups {
    /// Call before reading from the database what will be kept.
    pub fn generation(&self) -> Generation {
        self.maps.generation()
    }

    /// The owner of a token that has not expired by `now`.
    pub fn token(&self, hash: &str, now: DateTime<Utc>) -> Option<TokenOwner> {
        fresh(self.maps.read().tokens.get(hash))
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
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.tokens, hash.to_string(), (owner, expires_at));
        }
    }

    pub fn community(&self, id: i64) -> Option<Community> {
        fresh(self.maps.read().communities.get(&id))
    }

    pub fn keep_community(&self, read: Generation, community: Community) {
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.communities, community.id.0, community);
        }
    }

    pub fn membership(&self, community: i64, user: i64) -> Option<(MemberId, Role)> {
        fresh(self.maps.read().memberships.get(&(community, user)))
    }

    pub fn keep_membership(
        &self,
        read: Generation,
        community: i64,
        user: i64,
        membership: (MemberId, Role),
    ) {
        if let Some(mut maps) = self.maps.write_since(read) {
            keep(&mut maps.memberships, (community, user), membership);
        }
    }

    /// Forgets everything: called after every committed write to communities, members or
    /// tokens.
    pub fn forget(&self) {
        self.maps.forget();
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
                language: None,
                time_zone: None,
            },
            kind: TokenKind::Api,
            last_used_at: None,
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

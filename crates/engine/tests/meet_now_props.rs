//! Property tests for meet-now pairing: every pair is two different, compatible members who
//! never avoided each other, each member is in at most one pair, and the pair's meeting is
//! about a topic of one of the two that gives the guest something to learn.

use std::collections::HashSet;

use peerlearn_engine::matching::{
    OpenSession, PoolMember, PoolTopic, best_partner, pair_pool, seat_takers,
};
use proptest::prelude::*;

fn member() -> impl Strategy<Value = Raw> {
    // wants mask, offer-topic mask, ask-topic mask, video, team, language mask, avoid mask
    (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<bool>(),
        0u8..3,
        0u8..4,
        any::<u8>(),
    )
}

fn bits(mask: u8) -> Vec<u32> {
    (0u8..8)
        .filter(|b| mask & (1 << b) != 0)
        .map(u32::from)
        .collect()
}

type Raw = (u8, u8, u8, bool, u8, u8, u8);

fn pool_of(raw: &[Raw]) -> Vec<PoolMember> {
    raw.iter()
        .enumerate()
        .map(|(i, &(wants, offer, ask, video, team, languages, avoid))| {
            let id = i as i64;
            let mut topics = Vec::new();
            if offer != 0 {
                topics.push(PoolTopic {
                    id: 1000 + id,
                    ask: false,
                    tags: bits(offer & 0x0f),
                });
            }
            if ask != 0 {
                topics.push(PoolTopic {
                    id: 2000 + id,
                    ask: true,
                    tags: bits(ask & 0x0f),
                });
            }
            PoolMember {
                id,
                video,
                team: (team > 0).then_some(u32::from(team)),
                languages: bits(languages),
                wants: bits(wants & 0x0f),
                offers: bits(offer & 0x0f),
                topics,
                hosted_today: u32::from(avoid % 3),
                avoid: bits(avoid).into_iter().map(i64::from).collect(),
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn pairs_are_valid(raw in prop::collection::vec(member(), 0..24)) {
        let pool = pool_of(&raw);
        let pairs = pair_pool(&pool);
        let mut seen = HashSet::new();
        for p in &pairs {
            prop_assert_ne!(p.host, p.guest);
            prop_assert!(seen.insert(p.host), "{} paired twice", p.host);
            prop_assert!(seen.insert(p.guest), "{} paired twice", p.guest);
            let host = &pool[p.host as usize];
            let guest = &pool[p.guest as usize];
            prop_assert_eq!(host.video, guest.video);
            prop_assert!(!host.avoid.contains(&guest.id) && !guest.avoid.contains(&host.id));
            prop_assert!(
                host.languages.is_empty()
                    || guest.languages.is_empty()
                    || host.languages.iter().any(|l| guest.languages.contains(l))
            );
            // The topic is the host's offer the guest wants, or the guest's ask the host offers.
            let offered = host.topics.iter().any(|t| {
                t.id == p.topic && !t.ask && t.tags.iter().any(|x| guest.wants.contains(x))
            });
            let asked = guest.topics.iter().any(|t| {
                t.id == p.topic && t.ask && t.tags.iter().any(|x| host.offers.contains(x))
            });
            prop_assert!(offered || asked, "{p:?}");
            prop_assert!(p.weight > 0.0);
        }
    }

    /// Re-pairing offers a member someone from the list who is not them, is compatible and
    /// was never avoided, and no pair the pool pairing could form with them weighs more.
    #[test]
    fn the_best_partner_is_valid_and_best(raw in prop::collection::vec(member(), 1..24)) {
        let pool = pool_of(&raw);
        let (waiting, candidates) = (&pool[0], &pool[1..]);
        let best = best_partner(waiting, candidates);
        let alone = pair_pool(&pool);
        let with_waiting = alone.iter().filter(|p| p.host == 0 || p.guest == 0);
        if let Some(b) = best {
            let other = if b.host == 0 { b.guest } else { b.host };
            prop_assert!(b.host == 0 || b.guest == 0);
            prop_assert_ne!(other, 0);
            let o = &pool[other as usize];
            prop_assert_eq!(o.video, waiting.video);
            prop_assert!(!o.avoid.contains(&0) && !waiting.avoid.contains(&other));
            for p in with_waiting {
                prop_assert!(p.weight <= b.weight, "{p:?} beats {b:?}");
            }
        } else {
            prop_assert_eq!(with_waiting.count(), 0);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Offering free seats: never more than the seats, nobody twice, never the host or someone
    /// inside, always the session's mode, a shared language, no quarrel with the host, and an
    /// interest in the session; and while seats remain, nobody who qualifies is left out.
    #[test]
    fn seat_offers_are_valid_and_best(
        raw in prop::collection::vec(member(), 1..24),
        tags in any::<u8>(),
        inside in any::<u8>(),
        seats in 0usize..6,
    ) {
        let pool = pool_of(&raw);
        let session = OpenSession {
            host: pool[0].clone(),
            tags: bits(tags & 0x0f),
            inside: bits(inside).into_iter().map(i64::from).collect(),
        };
        let chosen = seat_takers(&session, &pool, seats);
        prop_assert!(chosen.len() <= seats);
        let unique: HashSet<i64> = chosen.iter().copied().collect();
        prop_assert_eq!(unique.len(), chosen.len());
        let host = &pool[0];
        let eligible = |m: &PoolMember| {
            m.id != host.id
                && m.video == host.video
                && !session.inside.contains(&m.id)
                && (m.languages.is_empty()
                    || host.languages.is_empty()
                    || m.languages.iter().any(|l| host.languages.contains(l)))
                && !m.avoid.contains(&host.id)
                && !host.avoid.contains(&m.id)
                && m.wants.iter().any(|t| session.tags.contains(t))
        };
        for id in &chosen {
            prop_assert!(eligible(&pool[*id as usize]), "{id} offered");
        }
        let left_out = pool.iter().filter(|m| eligible(m) && !unique.contains(&m.id));
        if chosen.len() < seats {
            prop_assert_eq!(left_out.count(), 0);
        }
    }
}

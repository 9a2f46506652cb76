//! Empty seats offered: which free members to offer a free seat in a group session that
//! starts soon.
//!
//! A free member is a candidate when they meet the way the session does (lounge or video),
//! share a language with its host (or either names none), neither they nor the host avoid the
//! other, they are not in the session already, and they want to learn something it is about.
//! Candidates are ranked by the share of the session's tags covered by what they want to
//! learn (as meet-now pairing weighs a topic), plus a bonus for a team other than the host's
//! (bridging); ties go to the one listed first.

use super::meet_now::{PoolMember, overlap};

/// Weight of the bonus for a member of another team than the host's.
const BRIDGING: f32 = 0.3;

/// A group session with free seats, as ranking its candidates needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpenSession {
    /// The host: their mode, team, languages and avoided members.
    pub host: PoolMember,
    /// What the session is about.
    pub tags: Vec<u32>,
    /// Members already seated or offered a seat.
    pub inside: Vec<i64>,
}

/// Up to `seats` members of `free` to offer a seat in `session`, best first.
pub fn seat_takers(session: &OpenSession, free: &[PoolMember], seats: usize) -> Vec<i64> {
    let mut tags = session.tags.clone();
    tags.sort_unstable();
    tags.dedup();
    let host = &session.host;
    let mut ranked: Vec<(f32, usize, i64)> = free
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.id != host.id
                && m.video == host.video
                && !session.inside.contains(&m.id)
                && (m.languages.is_empty()
                    || host.languages.is_empty()
                    || m.languages.iter().any(|l| host.languages.contains(l)))
                && !m.avoid.contains(&host.id)
                && !host.avoid.contains(&m.id)
        })
        .filter_map(|(i, m)| {
            let mut wants = m.wants.clone();
            wants.sort_unstable();
            wants.dedup();
            let relevance = overlap(&wants, &tags);
            (relevance > 0.0).then(|| {
                let bridging = match (m.team, host.team) {
                    (Some(a), Some(b)) if a != b => BRIDGING,
                    _ => 0.0,
                };
                (relevance + bridging, i, m.id)
            })
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<i64> = Vec::with_capacity(seats.min(ranked.len()));
    for (_, _, id) in ranked {
        if out.len() == seats {
            break;
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanting(id: i64, wants: &[u32]) -> PoolMember {
        PoolMember {
            id,
            wants: wants.to_vec(),
            ..PoolMember::default()
        }
    }

    fn session(tags: &[u32]) -> OpenSession {
        OpenSession {
            host: PoolMember {
                id: 100,
                ..PoolMember::default()
            },
            tags: tags.to_vec(),
            inside: Vec::new(),
        }
    }

    #[test]
    fn the_closest_interests_come_first_and_no_match_is_never_offered() {
        let s = session(&[1, 2]);
        let free = [
            wanting(1, &[9]),
            wanting(2, &[1, 5, 6]),
            wanting(3, &[1, 2]),
        ];
        assert_eq!(seat_takers(&s, &free, 5), vec![3, 2]);
        assert_eq!(seat_takers(&s, &free, 1), vec![3]);
        assert!(seat_takers(&s, &free, 0).is_empty());
    }

    #[test]
    fn the_host_those_inside_other_modes_languages_and_quarrels_are_left_out() {
        let mut s = session(&[1]);
        s.host.languages = vec![1];
        s.inside = vec![2];
        let host_too = wanting(100, &[1]);
        let seated = wanting(2, &[1]);
        let by_video = PoolMember {
            video: true,
            ..wanting(3, &[1])
        };
        let german = PoolMember {
            languages: vec![2],
            ..wanting(4, &[1])
        };
        let avoiding = PoolMember {
            avoid: vec![100],
            ..wanting(5, &[1])
        };
        let avoided = wanting(6, &[1]);
        s.host.avoid = vec![6];
        let welcome = wanting(7, &[1]);
        let free = [
            host_too, seated, by_video, german, avoiding, avoided, welcome,
        ];
        assert_eq!(seat_takers(&s, &free, 10), vec![7]);
    }

    #[test]
    fn another_team_than_the_hosts_is_preferred_on_equal_interest() {
        let mut s = session(&[1]);
        s.host.team = Some(1);
        let same = PoolMember {
            team: Some(1),
            ..wanting(1, &[1])
        };
        let other = PoolMember {
            team: Some(2),
            ..wanting(2, &[1])
        };
        assert_eq!(seat_takers(&s, &[same, other], 1), vec![2]);
    }
}

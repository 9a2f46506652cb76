//! "Meet now": pairing the members who said they are free right now, one-on-one, at once.
//!
//! A pair meets about one topic of one of the two: an offer topic of `b` that `a` wants to
//! learn (then `b` hosts), or an ask topic of `b` that `a` can teach (then `a` hosts). The
//! weight of a pair is the relevance of its best meeting, plus half of what the other
//! direction gives (reciprocity), a bonus when the two are of different teams (bridging), and
//! a bonus that shrinks with what the host already hosted today (fair to hosts). Pairs are
//! never formed with oneself, across modes (lounge and video), without a shared language, or
//! with someone either side dismissed or already declined.
//!
//! Candidates come from inverted lists (tag → members with an offer or ask topic on it), so the
//! work follows the matches, not the square of the pool; a quick count of matched interests
//! keeps each member's [`CANDIDATES`] most promising, which are weighed in full; each member
//! keeps their [`EDGES_PER_MEMBER`] best edges, and [`max_weight_matching`] picks the pairs.

use std::collections::HashMap;

use super::pairing::{Edge, max_weight_matching};

/// Each member contributes this many best edges to the matching.
pub const EDGES_PER_MEMBER: usize = 12;
/// Each member's candidates weighed in full: those who match the most of their interests.
pub const CANDIDATES: usize = 96;

/// Weight of the bonus for a pair of people of different teams.
const BRIDGING: f32 = 0.3;
/// Weight of the fairness bonus for a host who hosted nothing today.
const FAIRNESS: f32 = 0.2;
/// Share of the other direction's relevance added to a pair's weight.
const RECIPROCITY: f32 = 0.5;

/// One topic a free member posted.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolTopic {
    pub id: i64,
    /// An ask ("I want to learn") rather than an offer.
    pub ask: bool,
    pub tags: Vec<u32>,
}

/// A member in the meet-now pool, with what pairing needs to know.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PoolMember {
    pub id: i64,
    /// At the lounge (in person) or by video: only the same mode pairs.
    pub video: bool,
    /// Their team, if any (`None` never bridges).
    pub team: Option<u32>,
    /// Languages they speak; empty means any.
    pub languages: Vec<u32>,
    /// Tags they want to learn (profile and ask topics).
    pub wants: Vec<u32>,
    /// Tags they can share (profile and offer topics).
    pub offers: Vec<u32>,
    pub topics: Vec<PoolTopic>,
    /// Meetings they hosted today.
    pub hosted_today: u32,
    /// Members never to be paired with them (dismissed, declined): either side's list counts.
    pub avoid: Vec<i64>,
}

/// A pair to propose: who hosts, who joins, about which topic, and how good it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NowPair {
    pub host: i64,
    pub guest: i64,
    pub topic: i64,
    pub weight: f32,
}

/// Share of `topic` covered by `interests` (both sorted): `|∩| / √(|interests|·|topic|)`.
pub(super) fn overlap(interests: &[u32], topic: &[u32]) -> f32 {
    if interests.is_empty() || topic.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0u32);
    while i < interests.len() && j < topic.len() {
        match interests[i].cmp(&topic[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f32 / ((interests.len() * topic.len()) as f32).sqrt()
}

/// The best meeting of `a` and `b` in which `a` learns: (relevance, host, topic).
fn best_for(a: &PoolMember, b: &PoolMember) -> Option<(f32, i64, i64)> {
    let mut best: Option<(f32, i64, i64)> = None;
    let mut consider = |score: f32, host: i64, topic: i64| {
        if score > 0.0 && best.is_none_or(|(s, _, t)| score > s || (score == s && topic < t)) {
            best = Some((score, host, topic));
        }
    };
    // b teaches what a wants, on b's offer topics.
    for t in b.topics.iter().filter(|t| !t.ask) {
        consider(overlap(&a.wants, &t.tags), b.id, t.id);
    }
    // a asked to learn something b offers: b hosts on a's ask topic.
    for t in a.topics.iter().filter(|t| t.ask) {
        consider(overlap(&b.offers, &t.tags), b.id, t.id);
    }
    best
}

fn compatible(a: &PoolMember, b: &PoolMember) -> bool {
    a.id != b.id
        && a.video == b.video
        && (a.languages.is_empty()
            || b.languages.is_empty()
            || a.languages.iter().any(|l| b.languages.contains(l)))
        && !a.avoid.contains(&b.id)
        && !b.avoid.contains(&a.id)
}

/// The pair `a`–`b` at its best meeting, if they have one.
fn pair_of(a: &PoolMember, b: &PoolMember) -> Option<NowPair> {
    let ab = best_for(a, b);
    let ba = best_for(b, a);
    let (main, other) = match (ab, ba) {
        (Some(x), Some(y)) if y.0 > x.0 => (y, x.0),
        (Some(x), y) => (x, y.map_or(0.0, |y| y.0)),
        (None, Some(y)) => (y, 0.0),
        (None, None) => return None,
    };
    let (relevance, host, topic) = main;
    let guest = if host == a.id { b.id } else { a.id };
    let hosted = if host == a.id {
        a.hosted_today
    } else {
        b.hosted_today
    };
    let bridging = match (a.team, b.team) {
        (Some(x), Some(y)) if x != y => BRIDGING,
        _ => 0.0,
    };
    Some(NowPair {
        host,
        guest,
        topic,
        weight: relevance + RECIPROCITY * other + bridging + FAIRNESS / (1.0 + hosted as f32),
    })
}

/// `m` with its lists sorted and without repeats, as [`overlap`] needs them.
fn normalized(m: &PoolMember) -> PoolMember {
    let mut m = m.clone();
    for list in [&mut m.wants, &mut m.offers, &mut m.languages] {
        list.sort_unstable();
        list.dedup();
    }
    for t in &mut m.topics {
        t.tags.sort_unstable();
        t.tags.dedup();
    }
    m
}

/// The best partner for `member` among `candidates` (re-pairing a member whose partner has
/// not come): the pair of greatest weight, under the same rules as [`pair_pool`]; ties go
/// to the candidate listed first.
pub fn best_partner(member: &PoolMember, candidates: &[PoolMember]) -> Option<NowPair> {
    let member = normalized(member);
    candidates
        .iter()
        .map(normalized)
        .filter(|c| compatible(&member, c))
        // On a tie of relevance the host is the first side: weigh both orders.
        .filter_map(|c| {
            let (x, y) = (pair_of(&member, &c), pair_of(&c, &member));
            match (x, y) {
                (Some(x), Some(y)) if y.weight > x.weight => Some(y),
                (x, y) => x.or(y),
            }
        })
        .fold(None, |best: Option<NowPair>, p| match best {
            Some(b) if b.weight >= p.weight => Some(b),
            _ => Some(p),
        })
}

/// Pairs the pool: each member at most once, by approximate maximum total weight. The answer
/// is sorted by weight, best first.
pub fn pair_pool(pool: &[PoolMember]) -> Vec<NowPair> {
    let members: Vec<PoolMember> = pool.iter().map(normalized).collect();
    // Who might meet whom: a wants a tag of b's offer topic, or b offers a tag of a's ask.
    let mut offer_topic_members: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut ask_topic_members: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for t in &m.topics {
            let lists = if t.ask {
                &mut ask_topic_members
            } else {
                &mut offer_topic_members
            };
            for &tag in &t.tags {
                let list = lists.entry(tag).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
    }
    let mut graph: HashMap<(u32, u32), NowPair> = HashMap::new();
    // Per member: a quick score for everyone sharing a tag in the right direction (how many
    // of the member's interests they match), so only the most promising are weighed in full.
    let mut quick: Vec<f32> = vec![0.0; members.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, a) in members.iter().enumerate() {
        for (tags, lists) in [
            (&a.wants, &offer_topic_members),
            (&a.offers, &ask_topic_members),
        ] {
            for tag in tags {
                for &j in lists.get(tag).into_iter().flatten() {
                    if quick[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    quick[j as usize] += 1.0;
                }
            }
        }
        touched.retain(|&j| j as usize != i);
        if touched.len() > CANDIDATES {
            touched.select_nth_unstable_by(CANDIDATES, |x, y| {
                quick[*y as usize]
                    .total_cmp(&quick[*x as usize])
                    .then(x.cmp(y))
            });
        }
        let mut edges: Vec<(u32, NowPair)> = touched
            .iter()
            .take(CANDIDATES)
            .filter(|&&j| compatible(a, &members[j as usize]))
            .filter_map(|&j| pair_of(a, &members[j as usize]).map(|p| (j, p)))
            .collect();
        for j in touched.drain(..) {
            quick[j as usize] = 0.0;
        }
        quick[i] = 0.0;
        edges.sort_by(|x, y| y.1.weight.total_cmp(&x.1.weight).then(x.0.cmp(&y.0)));
        edges.truncate(EDGES_PER_MEMBER);
        for (j, p) in edges {
            let key = ((i as u32).min(j), (i as u32).max(j));
            graph.insert(key, p);
        }
    }
    let mut edges: Vec<Edge> = graph
        .iter()
        .map(|(&(u, v), p)| Edge {
            u,
            v,
            w: f64::from(p.weight),
        })
        .collect();
    edges.sort_by_key(|e| (e.u, e.v));
    let mate = max_weight_matching(members.len(), &edges);
    let mut out: Vec<NowPair> = mate
        .iter()
        .enumerate()
        .filter_map(|(u, m)| {
            let (u, v) = (u as u32, (*m)?);
            if u < v {
                graph.get(&(u, v)).copied()
            } else {
                None
            }
        })
        .collect();
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.host.cmp(&b.host)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, wants: &[u32], offers: &[(i64, &[u32])]) -> PoolMember {
        PoolMember {
            id,
            wants: wants.to_vec(),
            offers: offers.iter().flat_map(|(_, t)| t.iter().copied()).collect(),
            topics: offers
                .iter()
                .map(|(id, tags)| PoolTopic {
                    id: *id,
                    ask: false,
                    tags: tags.to_vec(),
                })
                .collect(),
            ..PoolMember::default()
        }
    }

    #[test]
    fn the_one_who_offers_what_the_other_wants_hosts() {
        let pool = [member(1, &[7], &[]), member(2, &[], &[(20, &[7, 8])])];
        let pairs = pair_pool(&pool);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].host, pairs[0].guest, pairs[0].topic), (2, 1, 20));
    }

    #[test]
    fn the_best_partner_is_the_closest_match_never_oneself_or_an_avoided_one() {
        let mut waiting = member(1, &[7, 8], &[]);
        let near = member(2, &[], &[(20, &[7, 8])]);
        let far = member(3, &[], &[(30, &[7, 9, 10, 11])]);
        let myself = member(1, &[], &[(40, &[7, 8])]);
        let video = PoolMember {
            video: true,
            ..member(4, &[], &[(50, &[7, 8])])
        };
        let pool = [far.clone(), myself, video, near.clone()];
        let best = best_partner(&waiting, &pool).expect("a partner");
        assert_eq!((best.host, best.guest, best.topic), (2, 1, 20));
        waiting.avoid.push(2);
        let best = best_partner(&waiting, &pool).expect("another partner");
        assert_eq!((best.host, best.guest, best.topic), (3, 1, 30));
        assert_eq!(best_partner(&waiting, &[near]), None);
    }

    #[test]
    fn an_ask_is_hosted_by_the_one_who_can_teach_it() {
        let mut asker = member(1, &[], &[]);
        asker.topics.push(PoolTopic {
            id: 11,
            ask: true,
            tags: vec![5],
        });
        let teacher = PoolMember {
            id: 2,
            offers: vec![5],
            ..PoolMember::default()
        };
        let pairs = pair_pool(&[asker, teacher]);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].host, pairs[0].guest, pairs[0].topic), (2, 1, 11));
    }

    #[test]
    fn dismissed_declined_other_modes_and_languages_never_pair() {
        let a = member(1, &[7], &[]);
        let b = member(2, &[], &[(20, &[7])]);
        let mut avoided = a.clone();
        avoided.avoid.push(2);
        assert!(pair_pool(&[avoided, b.clone()]).is_empty());
        let mut by_video = b.clone();
        by_video.video = true;
        assert!(pair_pool(&[a.clone(), by_video]).is_empty());
        let mut french = a.clone();
        french.languages = vec![1];
        let mut german = b.clone();
        german.languages = vec![2];
        assert!(pair_pool(&[french, german]).is_empty());
        // Nobody pairs with themselves, even when they want what they offer.
        let narcissus = member(3, &[7], &[(30, &[7])]);
        assert!(pair_pool(&[narcissus]).is_empty());
    }

    #[test]
    fn a_host_who_hosted_less_today_is_preferred() {
        let learner = member(1, &[7], &[]);
        let mut busy = member(2, &[], &[(20, &[7])]);
        busy.hosted_today = 5;
        let fresh = member(3, &[], &[(30, &[7])]);
        let pairs = pair_pool(&[learner, busy, fresh]);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].host, 3);
    }
}

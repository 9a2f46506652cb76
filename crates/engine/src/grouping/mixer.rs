//! Mixer rounds: groups of about `k` for several rounds, no pair meeting twice, maximum shared
//! interest.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use super::design::affine_rounds;
use super::interest::{InterestMatrix, improve_interest};
use super::normalise_tag;
use super::search::{MeetCounts, Rounds, drop_conflicting_rounds, minimise_conflicts};
use super::sizes::group_sizes;

/// A member taking part in a mixer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MixerMember {
    pub id: String,
    /// Tags the member can share.
    pub offers: Vec<String>,
    /// Tags the member wants to learn.
    pub wants: Vec<String>,
}

/// Mixer settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MixerConfig {
    /// Target group size `k`; when the member count is not a multiple, see [`group_sizes`].
    pub group_size: usize,
    /// Rounds wanted.
    pub rounds: usize,
    /// Seed for the randomised search (results are deterministic for a seed).
    pub seed: u64,
    /// Iteration budget of the conflict-minimising search.
    pub search_iterations: u64,
}

impl Default for MixerConfig {
    fn default() -> Self {
        Self {
            group_size: 4,
            rounds: 3,
            seed: 1,
            search_iterations: 20_000,
        }
    }
}

/// One round: groups of member indices (into the input slice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub groups: Vec<Vec<usize>>,
}

/// The result. `rounds.len()` may be below `requested_rounds` when no schedule without repeated
/// pairs was found (or none exists: see `round_bound`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MixerPlan {
    pub rounds: Vec<Round>,
    pub requested_rounds: usize,
    /// An upper bound on the number of rounds without repeats for these group sizes.
    pub round_bound: usize,
    /// Sum over rounds of the interest shared by members of the same group.
    pub shared_interest: f64,
}

/// Shared interest of two members: tags both want, plus (counted double) tags one wants and the
/// other offers.
pub fn pair_interest(a: &MixerMember, b: &MixerMember) -> f64 {
    let set =
        |tags: &[String]| -> HashSet<String> { tags.iter().map(|t| normalise_tag(t)).collect() };
    let (a_offers, a_wants) = (set(&a.offers), set(&a.wants));
    let (b_offers, b_wants) = (set(&b.offers), set(&b.wants));
    let both_want = a_wants.intersection(&b_wants).count();
    let complementary =
        a_wants.intersection(&b_offers).count() + b_wants.intersection(&a_offers).count();
    (both_want + 2 * complementary) as f64
}

/// Plans mixer rounds for `members`.
pub fn mixer_rounds(members: &[MixerMember], config: &MixerConfig) -> MixerPlan {
    let n = members.len();
    let k = config.group_size.max(2);
    let sizes = group_sizes(n, k);
    let smallest = sizes.iter().copied().min().unwrap_or(0);
    let round_bound = if n < 2 {
        0
    } else if smallest < 2 || sizes.len() == 1 {
        1
    } else {
        (n - 1) / (smallest - 1)
    };
    let wanted = config.rounds.min(round_bound);
    let rounds = if wanted == 0 {
        Vec::new()
    } else {
        conflict_free_rounds(n, k, &sizes, wanted, config)
    };
    let interest = InterestMatrix::new(n, |a, b| pair_interest(&members[a], &members[b]));
    let rounds = improve_interest(n, rounds, &interest);
    debug_assert_eq!(MeetCounts::from_rounds(n, &rounds).conflicts(), 0);
    MixerPlan {
        shared_interest: interest.total(&rounds),
        rounds: rounds.into_iter().map(|groups| Round { groups }).collect(),
        requested_rounds: config.rounds,
        round_bound,
    }
}

fn conflict_free_rounds(
    n: usize,
    k: usize,
    sizes: &[usize],
    wanted: usize,
    config: &MixerConfig,
) -> Rounds {
    let equal_sizes = sizes.iter().all(|&s| s == k);
    let design = if equal_sizes {
        affine_rounds(n, k, wanted, config.seed)
    } else {
        None
    };
    let mut rng = StdRng::seed_from_u64(config.seed);
    let mut start = design.clone().unwrap_or_default();
    if start.len() >= wanted {
        start.truncate(wanted);
        return start;
    }
    // First try all rounds at once; if that fails, grow one round at a time from the best
    // conflict-free schedule so far and keep the longest one found.
    let mut all = start.clone();
    greedy_extend(n, sizes, &mut all, wanted, &mut rng);
    let (searched, conflicts) = minimise_conflicts(n, all, config.search_iterations, config.seed);
    if conflicts == 0 {
        return searched;
    }
    let mut best = drop_conflicting_rounds(n, searched);
    if best.len() < start.len() {
        best = start;
    }
    let mut current = best.clone();
    while current.len() < wanted {
        let mut next = current.clone();
        greedy_extend(n, sizes, &mut next, current.len() + 1, &mut rng);
        let seed = config.seed.wrapping_add(next.len() as u64);
        let (searched, conflicts) = minimise_conflicts(n, next, config.search_iterations, seed);
        if conflicts > 0 {
            break;
        }
        current = searched;
    }
    if current.len() > best.len() {
        current
    } else {
        best
    }
}

/// Adds rounds one at a time; each member joins the open group where they have met the fewest
/// members before.
fn greedy_extend(n: usize, sizes: &[usize], rounds: &mut Rounds, wanted: usize, rng: &mut StdRng) {
    let mut counts = MeetCounts::from_rounds(n, rounds);
    while rounds.len() < wanted {
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(rng);
        let mut groups: Vec<Vec<usize>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
        for member in order {
            let best = groups
                .iter()
                .enumerate()
                .filter(|(g, group)| group.len() < sizes[*g])
                .min_by_key(|(_, group)| {
                    let met = group.iter().filter(|&&x| counts.get(member, x) > 0).count();
                    (met, group.len())
                })
                .map(|(g, _)| g)
                .unwrap_or(0);
            groups[best].push(member);
        }
        for group in &groups {
            counts.add_group(group, 1);
        }
        rounds.push(groups);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(n: usize) -> Vec<MixerMember> {
        (0..n)
            .map(|i| MixerMember {
                id: format!("m{i}"),
                offers: vec![format!("t{}", i % 5)],
                wants: vec![format!("t{}", (i + 1) % 5)],
            })
            .collect()
    }

    #[test]
    fn thirty_two_members_in_fours_get_nine_rounds() {
        let config = MixerConfig {
            group_size: 4,
            rounds: 9,
            ..MixerConfig::default()
        };
        let plan = mixer_rounds(&members(32), &config);
        assert_eq!(plan.rounds.len(), 9);
        let all: Rounds = plan.rounds.iter().map(|r| r.groups.clone()).collect();
        assert_eq!(MeetCounts::from_rounds(32, &all).conflicts(), 0);
        assert_eq!(plan.round_bound, 10);
    }

    #[test]
    fn thirty_two_members_in_fours_reach_the_bound_of_ten_rounds() {
        let config = MixerConfig {
            group_size: 4,
            rounds: 10,
            ..MixerConfig::default()
        };
        let plan = mixer_rounds(&members(32), &config);
        assert_eq!(plan.rounds.len(), 10);
        let all: Rounds = plan.rounds.iter().map(|r| r.groups.clone()).collect();
        assert_eq!(MeetCounts::from_rounds(32, &all).conflicts(), 0);
    }

    #[test]
    fn complementary_members_share_groups() {
        let config = MixerConfig {
            group_size: 4,
            rounds: 2,
            ..MixerConfig::default()
        };
        let people = members(20);
        let plan = mixer_rounds(&people, &config);
        let unrelated = MixerMember::default();
        let baseline: f64 = (0..2)
            .map(|_| pair_interest(&unrelated, &unrelated))
            .sum::<f64>();
        assert!(plan.shared_interest > baseline);
    }

    #[test]
    fn interest_counts_complementary_tags_double() {
        let a = MixerMember {
            id: "a".into(),
            offers: vec!["Rust".into()],
            wants: vec!["Go".into(), "SQL".into()],
        };
        let b = MixerMember {
            id: "b".into(),
            offers: vec!["go ".into()],
            wants: vec!["sql".into()],
        };
        assert_eq!(pair_interest(&a, &b), 3.0);
    }
}

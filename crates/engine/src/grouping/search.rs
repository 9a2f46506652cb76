//! Conflict-minimising tabu search for mixer rounds (after Dotú and Van Hentenryck's local
//! search for the social golfer problem).
//!
//! State: every round is a partition of the members into groups of the given sizes. Cost: the
//! number of repeated meetings, `Σ_{pairs} max(0, meetings − 1)`. Move: swap two members of
//! different groups in one round, where at least one of them is in a repeated pair; the best
//! non-tabu swap is taken (a tabu swap is allowed when it beats the best cost seen). After a
//! long stall the search perturbs the state with random swaps. The budget is a number of
//! iterations, so runs are deterministic for a seed.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// Rounds as groups of member indices.
pub type Rounds = Vec<Vec<Vec<usize>>>;

/// Pairwise meeting counts for `n` members.
#[derive(Clone)]
pub struct MeetCounts {
    n: usize,
    counts: Vec<u16>,
}

impl MeetCounts {
    pub fn new(n: usize) -> Self {
        Self {
            n,
            counts: vec![0; n * n],
        }
    }

    pub fn from_rounds(n: usize, rounds: &Rounds) -> Self {
        let mut counts = Self::new(n);
        for group in rounds.iter().flatten() {
            counts.add_group(group, 1);
        }
        counts
    }

    pub fn get(&self, a: usize, b: usize) -> u16 {
        self.counts[a * self.n + b]
    }

    pub fn add_pair(&mut self, a: usize, b: usize, up: bool) {
        for (x, y) in [(a, b), (b, a)] {
            let cell = &mut self.counts[x * self.n + y];
            *cell = if up { *cell + 1 } else { *cell - 1 };
        }
    }

    pub fn add_group(&mut self, group: &[usize], times: u16) {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                for _ in 0..times {
                    self.add_pair(a, b, true);
                }
            }
        }
    }

    /// Number of repeated meetings.
    pub fn conflicts(&self) -> usize {
        let mut total = 0;
        for a in 0..self.n {
            for b in a + 1..self.n {
                total += usize::from(self.get(a, b).saturating_sub(1));
            }
        }
        total
    }
}

/// Random rounds for the given group sizes.
pub fn random_rounds(n: usize, sizes: &[usize], rounds: usize, rng: &mut StdRng) -> Rounds {
    (0..rounds)
        .map(|_| {
            let mut order: Vec<usize> = (0..n).collect();
            order.shuffle(rng);
            let mut rest = order.as_slice();
            sizes
                .iter()
                .map(|&size| {
                    let (group, tail) = rest.split_at(size);
                    rest = tail;
                    group.to_vec()
                })
                .collect()
        })
        .collect()
}

/// Searches for rounds with no repeated pair, starting from `start`. Returns the best state found
/// and its number of repeated meetings (0 when successful).
pub fn minimise_conflicts(n: usize, start: Rounds, iterations: u64, seed: u64) -> (Rounds, usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut rounds = start;
    let mut counts = MeetCounts::from_rounds(n, &rounds);
    let mut cost = counts.conflicts() as i64;
    let mut best = (rounds.clone(), cost);
    let rounds_len = rounds.len();
    // tabu[r][member] = iteration until which the member may not move in round r.
    let mut tabu = vec![vec![0u64; n]; rounds_len];
    let mut stall = 0u64;
    let mut iteration = 0u64;
    while iteration < iterations && best.1 > 0 {
        iteration += 1;
        let mut chosen: Option<(i64, usize, usize, usize, usize, usize)> = None;
        let mut ties = 0u32;
        for r in 0..rounds_len {
            let round = &rounds[r];
            for (g1, group1) in round.iter().enumerate() {
                for (i1, &a) in group1.iter().enumerate() {
                    if !group1.iter().any(|&x| x != a && counts.get(a, x) > 1) {
                        continue;
                    }
                    for (g2, group2) in round.iter().enumerate() {
                        if g2 == g1 {
                            continue;
                        }
                        for (i2, &b) in group2.iter().enumerate() {
                            let delta = swap_delta(&counts, group1, a, group2, b);
                            let is_tabu = tabu[r][a] > iteration || tabu[r][b] > iteration;
                            if is_tabu && cost + delta >= best.1 {
                                continue;
                            }
                            let better = match chosen {
                                None => true,
                                Some((d, ..)) if delta < d => {
                                    ties = 0;
                                    true
                                }
                                Some((d, ..)) if delta == d => {
                                    ties += 1;
                                    rng.random_range(0..=ties) == 0
                                }
                                _ => false,
                            };
                            if better {
                                chosen = Some((delta, r, g1, i1, g2, i2));
                            }
                        }
                    }
                }
            }
        }
        let Some((delta, r, g1, i1, g2, i2)) = chosen else {
            break;
        };
        apply_swap(&mut rounds, &mut counts, r, (g1, i1), (g2, i2));
        cost += delta;
        let tenure = 10 + rng.random_range(0..10);
        tabu[r][rounds[r][g1][i1]] = iteration + tenure;
        tabu[r][rounds[r][g2][i2]] = iteration + tenure;
        if cost < best.1 {
            best = (rounds.clone(), cost);
            stall = 0;
        } else {
            stall += 1;
        }
        if stall > 2000 {
            stall = 0;
            rounds = best.0.clone();
            for _ in 0..(n / 4).max(2) {
                let r = rng.random_range(0..rounds_len);
                let groups = rounds[r].len();
                if groups < 2 {
                    continue;
                }
                let g1 = rng.random_range(0..groups);
                let g2 = (g1 + rng.random_range(1..groups)) % groups;
                let i1 = rng.random_range(0..rounds[r][g1].len());
                let i2 = rng.random_range(0..rounds[r][g2].len());
                let a = rounds[r][g1][i1];
                let b = rounds[r][g2][i2];
                rounds[r][g1][i1] = b;
                rounds[r][g2][i2] = a;
            }
            counts = MeetCounts::from_rounds(n, &rounds);
            cost = counts.conflicts() as i64;
        }
    }
    let conflicts = usize::try_from(best.1).unwrap_or(0);
    (best.0, conflicts)
}

/// Change in repeated meetings when `a` (in `group1`) and `b` (in `group2`) swap groups.
fn swap_delta(counts: &MeetCounts, group1: &[usize], a: usize, group2: &[usize], b: usize) -> i64 {
    let mut delta = 0i64;
    for &x in group1 {
        if x != a {
            // a leaves x, b joins x.
            delta -= i64::from(counts.get(a, x) > 1);
            delta += i64::from(counts.get(b, x) >= 1);
        }
    }
    for &y in group2 {
        if y != b {
            delta -= i64::from(counts.get(b, y) > 1);
            delta += i64::from(counts.get(a, y) >= 1);
        }
    }
    delta
}

fn apply_swap(
    rounds: &mut Rounds,
    counts: &mut MeetCounts,
    r: usize,
    (g1, i1): (usize, usize),
    (g2, i2): (usize, usize),
) {
    let a = rounds[r][g1][i1];
    let b = rounds[r][g2][i2];
    for &x in &rounds[r][g1] {
        if x != a {
            counts.add_pair(a, x, false);
            counts.add_pair(b, x, true);
        }
    }
    for &y in &rounds[r][g2] {
        if y != b {
            counts.add_pair(b, y, false);
            counts.add_pair(a, y, true);
        }
    }
    rounds[r][g1][i1] = b;
    rounds[r][g2][i2] = a;
}

/// Drops rounds, most conflicting first, until no pair meets twice. Keeps round order.
pub fn drop_conflicting_rounds(n: usize, mut rounds: Rounds) -> Rounds {
    loop {
        let counts = MeetCounts::from_rounds(n, &rounds);
        let round_conflicts: Vec<usize> = rounds
            .iter()
            .map(|round| {
                round
                    .iter()
                    .map(|group| {
                        let mut c = 0;
                        for (i, &a) in group.iter().enumerate() {
                            for &b in &group[i + 1..] {
                                c += usize::from(counts.get(a, b) > 1);
                            }
                        }
                        c
                    })
                    .sum()
            })
            .collect();
        let Some((worst, &c)) = round_conflicts
            .iter()
            .enumerate()
            .max_by_key(|&(i, c)| (*c, usize::MAX - i))
        else {
            return rounds;
        };
        if c == 0 {
            return rounds;
        }
        rounds.remove(worst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grouping::sizes::group_sizes;

    #[test]
    fn finds_conflict_free_rounds_for_small_cases() {
        for (n, k, r) in [(12, 3, 4), (20, 4, 5), (30, 5, 5), (18, 3, 6)] {
            let sizes = group_sizes(n, k);
            let mut rng = StdRng::seed_from_u64(3);
            let start = random_rounds(n, &sizes, r, &mut rng);
            let (rounds, conflicts) = minimise_conflicts(n, start, 50_000, 11);
            assert_eq!(conflicts, 0, "n={n} k={k} r={r}");
            assert_eq!(MeetCounts::from_rounds(n, &rounds).conflicts(), 0);
        }
    }

    #[test]
    fn dropping_rounds_removes_all_repeats() {
        let n = 8;
        let rounds = vec![
            vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]],
            vec![vec![0, 1, 4, 5], vec![2, 3, 6, 7]],
            vec![vec![0, 4, 1, 6], vec![2, 5, 3, 7]],
        ];
        let kept = drop_conflicting_rounds(n, rounds);
        assert_eq!(MeetCounts::from_rounds(n, &kept).conflicts(), 0);
        assert!(!kept.is_empty());
    }
}

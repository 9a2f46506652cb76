//! Placing members on a conflict-free schedule so that groups share as much interest as possible.
//!
//! Two moves, both keeping "no pair twice":
//! - *relabel*: exchange two members everywhere in the schedule (the pair structure is unchanged,
//!   only who sits where);
//! - *in-round swap*: exchange two members between groups of one round when neither then meets
//!   anybody for a second time.
//!
//! Hill climbing with first improvement until no move helps.

use super::search::{MeetCounts, Rounds};

/// Symmetric pairwise interest, `n × n`.
pub struct InterestMatrix {
    n: usize,
    values: Vec<f64>,
}

impl InterestMatrix {
    pub fn new(n: usize, value: impl Fn(usize, usize) -> f64) -> Self {
        let mut values = vec![0.0; n * n];
        for a in 0..n {
            for b in a + 1..n {
                let v = value(a, b);
                values[a * n + b] = v;
                values[b * n + a] = v;
            }
        }
        Self { n, values }
    }

    pub fn get(&self, a: usize, b: usize) -> f64 {
        self.values[a * self.n + b]
    }

    /// Total interest of the pairs that share a group, summed over rounds.
    pub fn total(&self, rounds: &Rounds) -> f64 {
        let mut total = 0.0;
        for group in rounds.iter().flatten() {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    total += self.get(a, b);
                }
            }
        }
        total
    }

    /// Interest `member` has with a group, not counting `except`.
    fn with_group(&self, member: usize, group: &[usize], except: usize) -> f64 {
        group
            .iter()
            .filter(|&&x| x != except && x != member)
            .map(|&x| self.get(member, x))
            .sum()
    }
}

/// Improves shared interest without creating repeated meetings. Returns the improved rounds.
pub fn improve_interest(n: usize, mut rounds: Rounds, interest: &InterestMatrix) -> Rounds {
    // position[r][member] = (group, slot)
    let mut position = positions(n, &rounds);
    let mut improved = true;
    let mut passes = 0;
    while improved && passes < 50 {
        improved = false;
        passes += 1;
        for a in 0..n {
            for b in a + 1..n {
                let delta = relabel_delta(&rounds, &position, interest, a, b);
                if delta > 1e-9 {
                    relabel(&mut rounds, &mut position, a, b);
                    improved = true;
                }
            }
        }
        let mut counts = MeetCounts::from_rounds(n, &rounds);
        for r in 0..rounds.len() {
            for a in 0..n {
                for b in a + 1..n {
                    let (ga, ia) = position[r][a];
                    let (gb, ib) = position[r][b];
                    if ga == gb {
                        continue;
                    }
                    let group_a = &rounds[r][ga];
                    let group_b = &rounds[r][gb];
                    let repeats = group_a.iter().any(|&x| x != a && counts.get(b, x) > 0)
                        || group_b.iter().any(|&y| y != b && counts.get(a, y) > 0);
                    if repeats {
                        continue;
                    }
                    let delta = interest.with_group(b, group_a, a)
                        + interest.with_group(a, group_b, b)
                        - interest.with_group(a, group_a, a)
                        - interest.with_group(b, group_b, b);
                    if delta > 1e-9 {
                        for &x in &rounds[r][ga] {
                            if x != a {
                                counts_move(&mut counts, a, b, x);
                            }
                        }
                        for &y in &rounds[r][gb] {
                            if y != b {
                                counts_move(&mut counts, b, a, y);
                            }
                        }
                        rounds[r][ga][ia] = b;
                        rounds[r][gb][ib] = a;
                        position[r][a] = (gb, ib);
                        position[r][b] = (ga, ia);
                        improved = true;
                    }
                }
            }
        }
    }
    rounds
}

/// `from` leaves `x`'s group and `to` joins it.
fn counts_move(counts: &mut MeetCounts, from: usize, to: usize, x: usize) {
    counts.add_pair(from, x, false);
    counts.add_pair(to, x, true);
}

fn positions(n: usize, rounds: &Rounds) -> Vec<Vec<(usize, usize)>> {
    rounds
        .iter()
        .map(|round| {
            let mut pos = vec![(usize::MAX, usize::MAX); n];
            for (g, group) in round.iter().enumerate() {
                for (i, &member) in group.iter().enumerate() {
                    pos[member] = (g, i);
                }
            }
            pos
        })
        .collect()
}

fn relabel_delta(
    rounds: &Rounds,
    position: &[Vec<(usize, usize)>],
    interest: &InterestMatrix,
    a: usize,
    b: usize,
) -> f64 {
    let mut delta = 0.0;
    for (r, round) in rounds.iter().enumerate() {
        let (ga, _) = position[r][a];
        let (gb, _) = position[r][b];
        if ga == gb {
            continue;
        }
        delta += interest.with_group(b, &round[ga], a) - interest.with_group(a, &round[ga], a);
        delta += interest.with_group(a, &round[gb], b) - interest.with_group(b, &round[gb], b);
    }
    delta
}

fn relabel(rounds: &mut Rounds, position: &mut [Vec<(usize, usize)>], a: usize, b: usize) {
    for (r, round) in rounds.iter_mut().enumerate() {
        let (ga, ia) = position[r][a];
        let (gb, ib) = position[r][b];
        round[ga][ia] = b;
        round[gb][ib] = a;
        position[r][a] = (gb, ib);
        position[r][b] = (ga, ia);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relabelling_puts_like_minded_members_together() {
        // One round, two groups of two: 0 and 2 share interest, so do 1 and 3.
        let rounds = vec![vec![vec![0, 1], vec![2, 3]]];
        let interest = InterestMatrix::new(4, |a, b| if a % 2 == b % 2 { 1.0 } else { 0.0 });
        assert_eq!(interest.total(&rounds), 0.0);
        let better = improve_interest(4, rounds, &interest);
        assert_eq!(interest.total(&better), 2.0);
    }

    #[test]
    fn never_creates_repeats() {
        let rounds = vec![vec![vec![0, 1], vec![2, 3]], vec![vec![0, 2], vec![1, 3]]];
        let interest = InterestMatrix::new(4, |a, b| if a + b == 3 { 5.0 } else { 0.0 });
        let better = improve_interest(4, rounds, &interest);
        assert_eq!(MeetCounts::from_rounds(4, &better).conflicts(), 0);
        assert!(interest.total(&better) >= 5.0);
    }
}

//! Constructive mixer designs from finite geometry.
//!
//! When the member count is `n = p^d` and the group size is `k = p^m` for a prime `p`, label the
//! members with the vectors of `GF(p)^d`. For an `m`-dimensional subspace `U`, the cosets
//! `x + U` split the members into `n / k` groups of `k`. Two members `x ≠ y` share a group exactly
//! when `x − y ∈ U`, so rounds built from subspaces that meet only in the zero vector never bring
//! a pair together twice (a *partial spread*). For `n = k²` a full spread gives the affine plane
//! (`k + 1` rounds, every pair meets exactly once); for 32 members in groups of 4 the largest
//! partial line spread of `PG(4, 2)` has 9 lines, so 9 rounds.
//!
//! The spread is found by randomised greedy construction with restarts (deterministic for a
//! seed), which reaches the known maxima for the community sizes we meet in practice.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// `(p, d, m)` with `n = p^d`, `k = p^m`, `1 ≤ m < d`, when both are powers of one prime.
pub fn prime_power_shape(n: usize, k: usize) -> Option<(usize, u32, u32)> {
    if k < 2 || n <= k {
        return None;
    }
    let p = smallest_prime_factor(k);
    let m = exact_log(k, p)?;
    let d = exact_log(n, p)?;
    (m < d).then_some((p, d, m))
}

fn smallest_prime_factor(x: usize) -> usize {
    (2..=x)
        .find(|f| f * f > x || x.is_multiple_of(*f))
        .map(|f| if f * f > x { x } else { f })
        .unwrap_or(x)
}

fn exact_log(x: usize, base: usize) -> Option<u32> {
    let mut value = 1usize;
    let mut exponent = 0u32;
    while value < x {
        value = value.checked_mul(base)?;
        exponent += 1;
    }
    (value == x).then_some(exponent)
}

/// Vectors of `GF(p)^d` encoded as integers in base `p`.
struct Space {
    p: usize,
    d: u32,
}

impl Space {
    fn size(&self) -> usize {
        self.p.pow(self.d)
    }

    fn add(&self, a: usize, b: usize) -> usize {
        self.combine(a, b, 1)
    }

    /// `a + c·b` digit-wise modulo `p`.
    fn combine(&self, mut a: usize, mut b: usize, c: usize) -> usize {
        let mut out = 0;
        let mut place = 1;
        for _ in 0..self.d {
            let digit = (a % self.p + c * (b % self.p)) % self.p;
            out += digit * place;
            place *= self.p;
            a /= self.p;
            b /= self.p;
        }
        out
    }

    /// All elements of the span of `span` extended by `v` (span given as its element list).
    fn extend(&self, span: &[usize], v: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(span.len() * self.p);
        for c in 0..self.p {
            for &s in span {
                out.push(self.combine(s, v, c));
            }
        }
        out
    }
}

/// Up to `wanted` rounds for `n = p^d` members in groups of `k = p^m`, or `None` when `n`, `k`
/// are not of that shape. Each round lists groups of member indices.
pub fn affine_rounds(n: usize, k: usize, wanted: usize, seed: u64) -> Option<Vec<Vec<Vec<usize>>>> {
    let (p, d, m) = prime_power_shape(n, k)?;
    let space = Space { p, d };
    let mut rng = StdRng::seed_from_u64(seed);
    let upper = (n - 1) / (k - 1);
    let target = wanted.min(upper);
    let mut best: Vec<Vec<usize>> = Vec::new();
    for _ in 0..4000 {
        let spread = greedy_spread(&space, m, target, &mut rng);
        if spread.len() > best.len() {
            best = spread;
        }
        if best.len() >= target {
            break;
        }
    }
    Some(
        best.iter()
            .map(|subspace| cosets(&space, subspace))
            .collect(),
    )
}

/// One randomised greedy partial spread of `m`-dimensional subspaces (as element lists).
fn greedy_spread(space: &Space, m: u32, target: usize, rng: &mut StdRng) -> Vec<Vec<usize>> {
    let size = space.size();
    let mut covered = vec![false; size];
    covered[0] = true;
    let mut spread = Vec::new();
    let mut order: Vec<usize> = (1..size).collect();
    while spread.len() < target {
        order.shuffle(rng);
        match grow_subspace(space, m, &covered, &order, rng) {
            Some(subspace) => {
                for &v in &subspace {
                    covered[v] = true;
                }
                spread.push(subspace);
            }
            None => break,
        }
    }
    spread
}

/// Builds an `m`-dimensional subspace whose nonzero vectors are all uncovered, basis vector by
/// basis vector, trying candidates in the given (shuffled) order.
fn grow_subspace(
    space: &Space,
    m: u32,
    covered: &[bool],
    order: &[usize],
    rng: &mut StdRng,
) -> Option<Vec<usize>> {
    let mut span = vec![0usize];
    let start = rng.random_range(0..order.len());
    for _ in 0..m {
        let next = (0..order.len())
            .map(|i| order[(start + i) % order.len()])
            .filter(|&v| !covered[v] && !span.contains(&v))
            .map(|v| space.extend(&span, v))
            .find(|extended| extended.iter().all(|&x| x == 0 || !covered[x]))?;
        span = next;
    }
    Some(span)
}

/// The cosets `x + U` of a subspace, each as a sorted group.
fn cosets(space: &Space, subspace: &[usize]) -> Vec<Vec<usize>> {
    let size = space.size();
    let mut seen = vec![false; size];
    let mut groups = Vec::with_capacity(size / subspace.len());
    for x in 0..size {
        if seen[x] {
            continue;
        }
        let mut group: Vec<usize> = subspace.iter().map(|&u| space.add(x, u)).collect();
        group.sort_unstable();
        for &member in &group {
            seen[member] = true;
        }
        groups.push(group);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_valid(n: usize, k: usize, rounds: &[Vec<Vec<usize>>]) {
        let mut met = HashSet::new();
        for round in rounds {
            let mut seen = vec![false; n];
            for group in round {
                assert_eq!(group.len(), k);
                for (i, &a) in group.iter().enumerate() {
                    assert!(!seen[a]);
                    seen[a] = true;
                    for &b in &group[i + 1..] {
                        assert!(met.insert((a.min(b), a.max(b))), "pair {a},{b} met twice");
                    }
                }
            }
            assert!(seen.iter().all(|&s| s));
        }
    }

    #[test]
    fn recognises_prime_power_shapes() {
        assert_eq!(prime_power_shape(32, 4), Some((2, 5, 2)));
        assert_eq!(prime_power_shape(9, 3), Some((3, 2, 1)));
        assert_eq!(prime_power_shape(30, 4), None);
        assert_eq!(prime_power_shape(27, 9), Some((3, 3, 2)));
        assert_eq!(prime_power_shape(36, 6), None);
    }

    #[test]
    fn thirty_two_in_fours_reaches_nine_rounds() {
        let rounds = affine_rounds(32, 4, 10, 7).expect("32 = 2^5, 4 = 2^2");
        assert_eq!(rounds.len(), 9);
        assert_valid(32, 4, &rounds);
    }

    #[test]
    fn affine_planes_are_complete() {
        for (n, k) in [(9, 3), (16, 4), (25, 5), (49, 7)] {
            let rounds = affine_rounds(n, k, k + 1, 1).expect("prime power square");
            assert_eq!(rounds.len(), k + 1, "n={n} k={k}");
            assert_valid(n, k, &rounds);
        }
    }
}

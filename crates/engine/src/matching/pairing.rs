//! Global one-on-one pairing: per round, a maximum-weight matching on the mutual-benefit graph,
//! with no pair repeated across rounds and nobody paired with someone they already met.
//!
//! Edge weight between `a` and `b`: what `a` learns from `b` plus what `b` learns from `a`, plus
//! the bridging bonus. Each member contributes their `edges_per_member` best edges (sparse graph).
//!
//! Matching: greedy by descending weight (a ½-approximation of the maximum weight matching),
//! then local search over short augmentations until none improves: add an edge `(u, v)`, drop
//! the edges at `u` and `v`, and re-match each freed vertex to its best free neighbour, when
//! that raises the total. Every move raises the weight, so the search ends; the ½ guarantee of
//! greedy is kept. Each round also reports the dual upper bound `½ Σ_v max_{e∋v} w(e)`, so the
//! achieved share of the optimum is known (at least weight / bound).

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use super::index::Index;
use super::model::MatchConfig;
use super::swap::partner_edges;

/// One pairing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// The member who teaches more (hosts the meeting).
    pub host: String,
    pub guest: String,
    pub weight: f32,
    /// What the guest learns from the host.
    pub guest_learns: f32,
    /// What the host learns from the guest.
    pub host_learns: f32,
    pub first_shared_slot: u32,
}

/// One round of pairs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairingRound {
    pub pairs: Vec<Pair>,
    pub weight: f64,
    /// Upper bound on the best matching's weight in this round's graph.
    pub upper_bound: f64,
}

/// A weighted undirected edge between dense vertex ids.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub u: u32,
    pub v: u32,
    pub w: f64,
}

/// Approximate maximum-weight matching (see the module docs). Returns `mate` per vertex.
pub fn max_weight_matching(n: usize, edges: &[Edge]) -> Vec<Option<u32>> {
    let mut adjacency: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
    for e in edges {
        adjacency[e.u as usize].push((e.v, e.w));
        adjacency[e.v as usize].push((e.u, e.w));
    }
    for list in &mut adjacency {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    let weight_of = |a: u32, b: u32| -> f64 {
        adjacency[a as usize]
            .iter()
            .find(|&&(x, _)| x == b)
            .map_or(0.0, |&(_, w)| w)
    };
    let mut mate: Vec<Option<u32>> = vec![None; n];
    let mut order: Vec<&Edge> = edges.iter().collect();
    order.sort_by(|a, b| b.w.total_cmp(&a.w).then((a.u, a.v).cmp(&(b.u, b.v))));
    for e in order {
        if mate[e.u as usize].is_none() && mate[e.v as usize].is_none() && e.u != e.v {
            mate[e.u as usize] = Some(e.v);
            mate[e.v as usize] = Some(e.u);
        }
    }
    // Best free neighbour of x, ignoring `avoid`.
    let best_free = |mate: &[Option<u32>], x: u32, avoid: &[u32]| -> Option<(u32, f64)> {
        adjacency[x as usize]
            .iter()
            .find(|&&(y, _)| mate[y as usize].is_none() && !avoid.contains(&y))
            .copied()
    };
    for _pass in 0..50 {
        let mut improved = false;
        for e in edges {
            let (u, v) = (e.u, e.v);
            if mate[u as usize] == Some(v) || u == v {
                continue;
            }
            let mu = mate[u as usize];
            let mv = mate[v as usize];
            let lost = mu.map_or(0.0, |x| weight_of(u, x)) + mv.map_or(0.0, |x| weight_of(v, x));
            // Apply in place, logging previous mates, and undo when it does not pay.
            let mut log: Vec<(u32, Option<u32>)> = Vec::with_capacity(8);
            let mut set = |mate: &mut Vec<Option<u32>>, x: u32, m: Option<u32>| {
                log.push((x, mate[x as usize]));
                mate[x as usize] = m;
            };
            for x in [mu, mv].into_iter().flatten() {
                set(&mut mate, x, None);
            }
            set(&mut mate, u, Some(v));
            set(&mut mate, v, Some(u));
            let mut regained = 0.0;
            for x in [mu, mv].into_iter().flatten() {
                if mate[x as usize].is_some() {
                    continue;
                }
                if let Some((y, w)) = best_free(&mate, x, &[u, v]) {
                    set(&mut mate, x, Some(y));
                    set(&mut mate, y, Some(x));
                    regained += w;
                }
            }
            if e.w + regained > lost + 1e-9 {
                improved = true;
            } else {
                for &(x, previous) in log.iter().rev() {
                    mate[x as usize] = previous;
                }
            }
        }
        if !improved {
            break;
        }
    }
    mate
}

/// `½ Σ_v max_{e∋v} w(e)`: no matching weighs more.
pub fn dual_bound(n: usize, edges: &[Edge]) -> f64 {
    let mut best = vec![0.0f64; n];
    for e in edges {
        best[e.u as usize] = best[e.u as usize].max(e.w);
        best[e.v as usize] = best[e.v as usize].max(e.w);
    }
    best.iter().sum::<f64>() / 2.0
}

/// Pairs the whole community for `rounds` rounds.
pub fn pair_rounds(
    index: &Index,
    config: &MatchConfig,
    rounds: usize,
    edges_per_member: usize,
) -> Vec<PairingRound> {
    let n = index.members.len();
    // (a, b) with a < b → (weight, a learns, b learns, first slot)
    let mut graph: HashMap<(u32, u32), (f64, f32, f32, u32)> = HashMap::new();
    for member in 0..n as u32 {
        if !index.members[member as usize].live {
            continue;
        }
        let mut edges = partner_edges(index, member, false, true);
        let weight = |e: &super::swap::PartnerEdge| {
            let bridging = 0.5 * f32::from(u8::from(e.other_team)) + 0.5;
            f64::from(e.learn + e.teach + config.weights.bridging * bridging)
        };
        edges.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.other.cmp(&b.other)));
        edges.truncate(edges_per_member);
        for e in &edges {
            let key = (member.min(e.other), member.max(e.other));
            let (a_learns, b_learns) = if member < e.other {
                (e.learn, e.teach)
            } else {
                (e.teach, e.learn)
            };
            graph.insert(key, (weight(e), a_learns, b_learns, e.first_slot));
        }
    }
    let mut used: HashSet<(u32, u32)> = HashSet::new();
    let mut out = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let mut edges: Vec<Edge> = graph
            .iter()
            .filter(|(key, _)| !used.contains(key))
            .map(|(&(u, v), &(w, ..))| Edge { u, v, w })
            .collect();
        edges.sort_by_key(|e| (e.u, e.v));
        if edges.is_empty() {
            break;
        }
        let mate = max_weight_matching(n, &edges);
        let mut pairs = Vec::new();
        let mut total = 0.0;
        for (a, m) in mate.iter().enumerate() {
            let Some(b) = *m else { continue };
            let a = a as u32;
            if a > b {
                continue;
            }
            used.insert((a, b));
            let (w, a_learns, b_learns, slot) = graph[&(a, b)];
            total += w;
            // The one who teaches more hosts.
            let (host, guest, guest_learns, host_learns) = if a_learns >= b_learns {
                (b, a, a_learns, b_learns)
            } else {
                (a, b, b_learns, a_learns)
            };
            pairs.push(Pair {
                host: index.member(host).id.clone(),
                guest: index.member(guest).id.clone(),
                weight: w as f32,
                guest_learns,
                host_learns,
                first_shared_slot: slot,
            });
        }
        out.push(PairingRound {
            pairs,
            weight: total,
            upper_bound: dual_bound(n, &edges),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(edges: &[Edge], mate: &[Option<u32>]) -> f64 {
        edges
            .iter()
            .filter(|e| mate[e.u as usize] == Some(e.v))
            .map(|e| e.w)
            .sum()
    }

    /// Exact optimum by recursion over vertices (tiny graphs only).
    fn exact(n: usize, edges: &[Edge]) -> f64 {
        fn go(v: usize, n: usize, used: &mut Vec<bool>, w: &[Vec<f64>]) -> f64 {
            if v >= n {
                return 0.0;
            }
            if used[v] {
                return go(v + 1, n, used, w);
            }
            let mut best = go(v + 1, n, used, w);
            used[v] = true;
            for u in v + 1..n {
                if !used[u] && w[v][u] > 0.0 {
                    used[u] = true;
                    best = best.max(w[v][u] + go(v + 1, n, used, w));
                    used[u] = false;
                }
            }
            used[v] = false;
            best
        }
        let mut w = vec![vec![0.0; n]; n];
        for e in edges {
            w[e.u as usize][e.v as usize] = e.w;
            w[e.v as usize][e.u as usize] = e.w;
        }
        go(0, n, &mut vec![false; n], &w)
    }

    #[test]
    fn local_search_beats_greedy_on_the_classic_path() {
        // Path a-b-c-d with weights 2, 3, 2: greedy takes b-c (3), the optimum a-b + c-d (4).
        let edges = vec![
            Edge { u: 0, v: 1, w: 2.0 },
            Edge { u: 1, v: 2, w: 3.0 },
            Edge { u: 2, v: 3, w: 2.0 },
        ];
        let mate = max_weight_matching(4, &edges);
        assert_eq!(weight(&edges, &mate), 4.0);
        assert!(dual_bound(4, &edges) >= 4.0);
    }

    #[test]
    fn matching_is_valid_and_near_optimal_on_small_graphs() {
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for _ in 0..40 {
            let n = 4 + (next() % 7) as usize;
            let mut edges = Vec::new();
            for u in 0..n as u32 {
                for v in u + 1..n as u32 {
                    if next() % 3 != 0 {
                        edges.push(Edge {
                            u,
                            v,
                            w: f64::from(1 + next() % 20),
                        });
                    }
                }
            }
            let mate = max_weight_matching(n, &edges);
            for (a, m) in mate.iter().enumerate() {
                if let Some(b) = m {
                    assert_eq!(mate[*b as usize], Some(a as u32));
                }
            }
            let got = weight(&edges, &mate);
            let best = exact(n, &edges);
            assert!(got >= 0.5 * best - 1e-9, "got {got}, best {best}");
            assert!(got <= dual_bound(n, &edges) + 1e-9);
        }
    }
}

//! Lists for every member at once, with fair exposure rationed across the whole community.
//!
//! 1. Score every member's candidates (in parallel; each thread has its own [`Scratch`]) and
//!    keep the best `2 × list_len`.
//! 2. Allocate globally: all (member, candidate) pairs in descending score; a pair is accepted
//!    when the member's list has room, the host is below `max_per_host` in that list, and the
//!    host is within their exposure budget (capacity-proportional, see [`Exposure`]). Slots a
//!    member can fill with high-distance matches are held for them (the bridging share).
//! 3. Members whose lists are still short are filled from their remaining candidates, budget or
//!    not, so nobody loses feasible recommendations to fairness.
//! 4. Each list is ordered with [`assemble`].

use super::candidates::{Scored, Scratch, score_top};
use super::exposure::Exposure;
use super::index::Index;
use super::lists::{ListKind, Recommendation, assemble, to_recommendation};
use super::model::MatchConfig;

/// Every live member's list.
#[derive(Debug)]
pub struct BatchLists {
    /// Member indices, parallel to `lists`.
    pub members: Vec<u32>,
    /// Picked candidates with the "reserved for bridging" flag, best first.
    pub lists: Vec<Vec<(Scored, bool)>>,
    /// How often each host appears, and their budgets.
    pub exposure: Exposure,
    /// Σ relevance of the lists without exposure rationing (for comparison).
    pub unconstrained_relevance: f64,
    /// Σ relevance of the fair lists.
    pub relevance: f64,
}

impl BatchLists {
    /// One member's list in the public form (empty for members not in the batch).
    pub fn list_for(&self, index: &Index, kind: ListKind, member_id: &str) -> Vec<Recommendation> {
        let Some(member) = index.member_index(member_id) else {
            return Vec::new();
        };
        self.members
            .iter()
            .position(|&m| m == member)
            .map(|i| {
                self.lists[i]
                    .iter()
                    .map(|picked| to_recommendation(index, kind, picked))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Candidates (best first, at most `keep`) for each member, computed on `threads` threads.
pub fn all_candidates(
    index: &Index,
    config: &MatchConfig,
    kind: ListKind,
    members: &[u32],
    keep: usize,
    threads: usize,
) -> Vec<Vec<Scored>> {
    let len = config.list_len;
    let threads = threads.max(1);
    // Members with the same first interests one after another: their postings and topic data
    // stay in cache.
    let mut order: Vec<usize> = (0..members.len()).collect();
    let side = |m: u32| {
        let rec = index.member(m);
        match kind {
            ListKind::ForYou => rec.wants.clone(),
            ListKind::CouldHelp => rec.offers.clone(),
        }
    };
    let keys: Vec<Vec<u32>> = members.iter().map(|&m| side(m)).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let sorted: Vec<u32> = order.iter().map(|&i| members[i]).collect();
    let chunk = sorted.len().div_ceil(threads).max(1);
    let mut out: Vec<Vec<Scored>> = Vec::with_capacity(members.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = sorted
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    part.iter()
                        .map(|&m| {
                            let mut c = score_top(
                                index,
                                config,
                                m,
                                kind.topic_kind(),
                                &mut scratch,
                                keep + len / 2,
                            );
                            c.truncate(keep);
                            c.shrink_to_fit();
                            c
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            out.extend(handle.join().unwrap_or_default());
        }
    });
    // Back to the caller's order.
    let mut result: Vec<Vec<Scored>> = vec![Vec::new(); members.len()];
    for (candidates, &i) in out.into_iter().zip(&order) {
        result[i] = candidates;
    }
    result
}

/// Lists for every live member with exposure rationed across the community.
pub fn recommend_all(
    index: &Index,
    config: &MatchConfig,
    kind: ListKind,
    threads: usize,
) -> BatchLists {
    let members: Vec<u32> = (0..index.members.len() as u32)
        .filter(|&m| index.members[m as usize].live)
        .collect();
    let len = config.list_len;
    let keep = config.batch_candidates.max(len);
    let candidates = all_candidates(index, config, kind, &members, keep, threads);
    let relevance_of = |list: &[(Scored, bool)]| -> f64 {
        list.iter()
            .map(|(s, _)| f64::from(s.breakdown.relevance))
            .sum()
    };
    let unconstrained_relevance: f64 = candidates
        .iter()
        .map(|c| relevance_of(&assemble(c, config)))
        .sum();

    let reserve = (config.bridging_share * len as f32).round() as usize;
    let held: Vec<usize> = candidates
        .iter()
        .map(|c| {
            let best = c
                .iter()
                .map(|s| s.breakdown.relevance)
                .fold(0.0f32, f32::max);
            c.iter()
                .filter(|s| {
                    s.high_distance()
                        && s.breakdown.relevance >= config.bridging_min_relevance * best
                })
                .count()
                .min(reserve)
        })
        .collect();

    let mut exposure = Exposure::for_index(index, config);
    let mut accepted: Vec<Vec<Scored>> = vec![Vec::with_capacity(len); members.len()];
    let mut bridging_taken = vec![0usize; members.len()];
    let mut taken: Vec<Vec<bool>> = candidates.iter().map(|c| vec![false; c.len()]).collect();
    let mut order: Vec<(f32, u32, u16)> = candidates
        .iter()
        .enumerate()
        .flat_map(|(m, c)| {
            c.iter()
                .enumerate()
                .map(move |(i, s)| (s.breakdown.total, m as u32, i as u16))
        })
        .collect();
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let host_ok = |list: &[Scored], host: u32| {
        list.iter().filter(|s| s.host == host).count() < config.max_per_host.max(1)
    };
    for &(_, m, i) in &order {
        let (m, i) = (m as usize, i as usize);
        let s = &candidates[m][i];
        let list = &accepted[m];
        if list.len() >= len || !host_ok(list, s.host) || !exposure.has_room(s.host) {
            continue;
        }
        let bridging = s.high_distance();
        let other = list.len() - bridging_taken[m];
        if !bridging && other >= len - (held[m] - bridging_taken[m].min(held[m])).min(len) {
            continue;
        }
        if bridging {
            bridging_taken[m] += 1;
        }
        exposure.record(s.host);
        accepted[m].push(*s);
        taken[m][i] = true;
    }
    for (m, list) in accepted.iter_mut().enumerate() {
        for (i, s) in candidates[m].iter().enumerate() {
            if list.len() >= len {
                break;
            }
            if !taken[m][i] && host_ok(list, s.host) {
                exposure.record(s.host);
                list.push(*s);
                taken[m][i] = true;
            }
        }
    }
    let lists: Vec<Vec<(Scored, bool)>> = accepted
        .into_iter()
        .map(|mut list| {
            for s in &mut list {
                s.breakdown.exposure = exposure.factor(s.host, config.fairness);
            }
            list.sort_by(|a, b| b.breakdown.total.total_cmp(&a.breakdown.total));
            assemble(&list, config)
        })
        .collect();
    let relevance = lists.iter().map(|l| relevance_of(l)).sum();
    BatchLists {
        members,
        lists,
        exposure,
        unconstrained_relevance,
        relevance,
    }
}

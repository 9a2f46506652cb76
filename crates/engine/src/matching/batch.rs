//! Lists for every member at once, with fair exposure rationed across the whole community.
//!
//! 1. Score every member's candidates (in parallel; each thread has its own [`Scratch`]) and
//!    keep the best `batch_candidates`.
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
    /// Member indices in ascending order, parallel to `lists`.
    pub members: Vec<u32>,
    /// Picked candidates with the "reserved for bridging" flag, best first.
    pub lists: Vec<Vec<(Scored, bool)>>,
    /// How often each host appears, and their budgets.
    pub exposure: Exposure,
    /// Σ relevance of the lists without exposure rationing (for comparison).
    pub unconstrained_relevance: f64,
    /// Σ relevance of the fair lists.
    pub relevance: f64,
    /// Wall-clock time of each phase.
    pub phases: Phases,
}

/// Wall-clock time of the batch's phases.
#[derive(Debug, Clone, Copy, Default)]
pub struct Phases {
    /// Scoring every member's candidates (parallel).
    pub scoring: std::time::Duration,
    /// Sorting all pairs by score and the global allocation (mostly serial).
    pub allocation: std::time::Duration,
    /// Filling short lists and ordering each list (parallel).
    pub lists: std::time::Duration,
}

impl BatchLists {
    /// One member's list in the public form (empty for members not in the batch).
    pub fn list_for(&self, index: &Index, kind: ListKind, member_id: &str) -> Vec<Recommendation> {
        let Some(member) = index.member_index(member_id) else {
            return Vec::new();
        };
        self.members
            .binary_search(&member)
            .ok()
            .map(|i| {
                self.lists[i]
                    .iter()
                    .map(|picked| to_recommendation(index, kind, picked))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// `f` over `items` on `threads` scoped threads, in order.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    if threads <= 1 || items.len() <= chunk {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    let mut out = Vec::with_capacity(items.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    out
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
    let side = |m: u32| -> &[u32] {
        let rec = index.member(m);
        match kind {
            ListKind::ForYou => &rec.wants,
            ListKind::CouldHelp => &rec.offers,
        }
    };
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| side(members[a]).cmp(side(members[b])).then(a.cmp(&b)));
    // Small interleaved blocks rather than one half per thread: both threads walk the same
    // interests at the same time (shared cache) and finish together.
    const BLOCK: usize = 64;
    let blocks: Vec<&[usize]> = order.chunks(BLOCK).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut result: Vec<Vec<Scored>> = vec![Vec::new(); members.len()];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (blocks, next) = (&blocks, &next);
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    let mut done: Vec<(usize, Vec<Scored>)> = Vec::new();
                    loop {
                        let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(block) = blocks.get(b) else {
                            break;
                        };
                        for &i in block.iter() {
                            let mut c = score_top(
                                index,
                                config,
                                members[i],
                                kind.topic_kind(),
                                &mut scratch,
                                keep + len / 2,
                            );
                            c.truncate(keep);
                            done.push((i, c));
                        }
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(done) => {
                    for (i, c) in done {
                        result[i] = c;
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    result
}

/// Sort key of a score: ascending key = descending score (`total_cmp` order).
fn descending_key(score: f32) -> u32 {
    let bits = score.to_bits();
    let ordered = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 0x8000_0000
    };
    !ordered
}

/// A pair's sort entry: descending score key, member, host with the bridging flag, and the
/// candidate's position in the member's list, 32 bits each from the top.
fn pair_entry(s: &Scored, member: u32, position: u32) -> u128 {
    u128::from(descending_key(s.breakdown.total)) << 96
        | u128::from(member) << 64
        | u128::from(s.host << 1 | u32::from(s.high_distance())) << 32
        | u128::from(position)
}

/// Stable LSD radix sort of `items` by their upper 32 bits (8 bits per pass; passes where every
/// item has the same digit are skipped).
fn radix_sort_high(items: &mut Vec<u128>) {
    let mut buffer = vec![0u128; items.len()];
    for pass in 0..4 {
        let shift = 96 + 8 * pass;
        let mut counts = [0usize; 256];
        for &x in items.iter() {
            counts[(x >> shift) as usize & 0xff] += 1;
        }
        if counts.contains(&items.len()) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(&counts) {
            *slot = sum;
            sum += c;
        }
        for &x in items.iter() {
            let digit = (x >> shift) as usize & 0xff;
            buffer[next[digit]] = x;
            next[digit] += 1;
        }
        std::mem::swap(items, &mut buffer);
    }
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
    let started = std::time::Instant::now();
    let candidates = all_candidates(index, config, kind, &members, keep, threads);
    let mut phases = Phases {
        scoring: started.elapsed(),
        ..Phases::default()
    };
    let relevance_of = |list: &[(Scored, bool)]| -> f64 {
        list.iter()
            .map(|(s, _)| f64::from(s.breakdown.relevance))
            .sum()
    };
    let reserve = (config.bridging_share * len as f32).round() as usize;
    // Per member: relevance of the unrationed list, and how many slots to hold for bridging.
    let per_member: Vec<(f64, usize)> = parallel_map(&candidates, threads, |c| {
        let best = c
            .iter()
            .map(|s| s.breakdown.relevance)
            .fold(0.0f32, f32::max);
        let held = c
            .iter()
            .filter(|s| {
                s.high_distance() && s.breakdown.relevance >= config.bridging_min_relevance * best
            })
            .count()
            .min(reserve);
        (relevance_of(&assemble(c, config)), held)
    });
    let unconstrained_relevance: f64 = per_member.iter().map(|p| p.0).sum();

    // All (member, candidate) pairs as one flat array of 16-byte entries, built on all threads
    // and sorted by descending score; ties stay in member and candidate order. Each entry holds
    // all the allocation reads (score key, member, host, bridging flag, position in the
    // member's list), so walking pairs in score order reads memory front to back.
    let mut offsets: Vec<usize> = Vec::with_capacity(candidates.len() + 1);
    offsets.push(0);
    for c in &candidates {
        offsets.push(offsets[offsets.len() - 1] + c.len());
    }
    let mut order: Vec<u128> = vec![0; offsets[candidates.len()]];
    {
        let chunk = candidates.len().div_ceil(threads.max(1)).max(1);
        let mut rest: &mut [u128] = &mut order;
        std::thread::scope(|scope| {
            for (part, start) in candidates.chunks(chunk).zip((0..).step_by(chunk)) {
                let size = offsets[start + part.len()] - offsets[start];
                let (mine, later) = std::mem::take(&mut rest).split_at_mut(size);
                rest = later;
                scope.spawn(move || {
                    let mut out = mine.iter_mut();
                    for (m, c) in part.iter().enumerate() {
                        let m = (start + m) as u32;
                        for (position, s) in c.iter().enumerate() {
                            if let Some(slot) = out.next() {
                                *slot = pair_entry(s, m, position as u32);
                            }
                        }
                    }
                });
            }
        });
    }
    radix_sort_high(&mut order);

    let mut exposure = Exposure::for_index(index, config);
    let max_per_host = config.max_per_host.max(1);
    // Per member: list length so far, bridging entries taken, bridging slots held.
    let mut fill: Vec<[u16; 3]> = per_member
        .iter()
        .map(|&(_, held)| [0, 0, u16::try_from(held).unwrap_or(u16::MAX)])
        .collect();
    // Per member: the hosts of the list so far (`len` slots each).
    let mut hosts: Vec<u32> = vec![0; members.len() * len];
    let mut taken = vec![false; order.len()];
    let len_short = u16::try_from(len).unwrap_or(u16::MAX);
    for &entry in &order {
        let m = (entry >> 64) as u32 as usize;
        let pair = (entry >> 32) as u32;
        let [count, bridging_taken, held] = fill[m];
        if count >= len_short {
            continue;
        }
        let host = pair >> 1;
        let bridging = pair & 1 == 1;
        let list = &hosts[m * len..m * len + usize::from(count)];
        if list.iter().filter(|&&h| h == host).count() >= max_per_host || !exposure.has_room(host) {
            continue;
        }
        let other = count - bridging_taken;
        if !bridging
            && usize::from(other) >= len - usize::from(held - bridging_taken.min(held)).min(len)
        {
            continue;
        }
        exposure.record(host);
        hosts[m * len + usize::from(count)] = host;
        fill[m] = [count + 1, bridging_taken + u16::from(bridging), held];
        taken[offsets[m] + entry as u32 as usize] = true;
    }
    drop(order);
    phases.allocation = started.elapsed() - phases.scoring;
    drop(hosts);
    // Accepted pairs in each member's own (descending) order, which is the order they were
    // accepted in; then lists still short are filled from the remaining candidates.
    let host_ok =
        |list: &[Scored], host: u32| list.iter().filter(|s| s.host == host).count() < max_per_host;
    // Per member, on all threads: (list, how many entries came from the allocation).
    let indices: Vec<usize> = (0..candidates.len()).collect();
    let accepted: Vec<(Vec<Scored>, usize)> = parallel_map(&indices, threads, |&m| {
        let c = &candidates[m];
        let taken = &taken[offsets[m]..offsets[m + 1]];
        let mut list: Vec<Scored> = Vec::with_capacity(len);
        list.extend(
            c.iter()
                .zip(taken)
                .filter(|(_, taken)| **taken)
                .map(|(s, _)| *s),
        );
        let allocated = list.len();
        for (s, _) in c.iter().zip(taken).filter(|(_, taken)| !**taken) {
            if list.len() >= len {
                break;
            }
            if host_ok(&list, s.host) {
                list.push(*s);
            }
        }
        (list, allocated)
    });
    drop(candidates);
    // Filled entries count towards exposure too (the allocation recorded its own).
    for (list, allocated) in &accepted {
        for s in &list[*allocated..] {
            exposure.record(s.host);
        }
    }
    let exposure_ref = &exposure;
    let lists: Vec<Vec<(Scored, bool)>> = parallel_map(&accepted, threads, |(list, _)| {
        let mut list = list.clone();
        for s in &mut list {
            s.breakdown.exposure = exposure_ref.factor(s.host, config.fairness);
        }
        list.sort_by(|a, b| b.breakdown.total.total_cmp(&a.breakdown.total));
        assemble(&list, config)
    });
    let relevance = lists.iter().map(|l| relevance_of(l)).sum();
    phases.lists = started.elapsed() - phases.scoring - phases.allocation;
    BatchLists {
        members,
        lists,
        exposure,
        unconstrained_relevance,
        relevance,
        phases,
    }
}

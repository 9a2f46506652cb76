//! Ranking a query's touched topics by promise: relevance from the accumulators plus what
//! reciprocity, bridging and freshness could add at most, read from compact per-topic data
//! ([`super::hot`]). Infeasible topics (closed, own, no shared language or free time) are
//! dropped here.
//!
//! When only the `keep` most promising topics are wanted (the batch), most topics are judged
//! without their compact record: from relevance plus reciprocity (which the query knows for
//! every touched topic from the index's fingerprint bits). The topics highest on that count are
//! ranked first; the `keep`-th best promise among them is a floor for the `keep`-th best of
//! all; a topic whose relevance and reciprocity plus the largest bridging and freshness bonus
//! stays under that floor cannot be among the best `keep`, and is never ranked.
//!
//! The loops avoid branches on the data (which way a topic goes is not predictable): values are
//! chosen by bit masks, and each candidate is written at the end of its output list, which only
//! grows when it passes.

use super::accumulate::{FRESH_TABLE_DAYS, Scratch};
use super::index::Index;
use super::model::{MatchConfig, Weights};

/// Buckets of relevance plus reciprocity for choosing the topics ranked first.
const BUCKETS: usize = 64;
/// One topic in this many is counted to place the buckets.
const SAMPLE: usize = 8;
/// Relative room for rounding when a promise is bounded from its first terms.
const ROUNDING: f32 = 1e-6;

/// `value` when `yes`, else zero, chosen by a bit mask rather than a branch.
#[inline]
fn pick(yes: bool, value: f32) -> f32 {
    f32::from_bits(value.to_bits() & u32::from(yes).wrapping_neg())
}

/// What a topic's promise needs about the member.
struct Member<'a> {
    index: &'a Index,
    member: u32,
    team: u32,
    languages: u64,
    /// Fingerprint of the member's direct tags on the reciprocal side.
    my_side: u64,
    avail_mask: u64,
    avail_need: u64,
    weights: &'a Weights,
    fresh_by_age: &'a [f32],
}

impl Member<'_> {
    /// The promise of a topic of this relevance, and whether the topic is feasible.
    #[inline]
    fn promise(&self, t: u32, relevance: f32) -> (f32, bool) {
        let w = self.weights;
        let hot = &self.index.topic_hot[t as usize];
        // Cheap feasibility checks; full scoring repeats them exactly.
        let languages_clash =
            (self.languages != 0) & (hot.languages != 0) & (self.languages & hot.languages == 0);
        let feasible = hot.open
            & hot.host_live
            & (hot.host != self.member)
            & !languages_clash
            & ((hot.avail0 & self.avail_mask) | self.avail_need != 0);
        let reciprocal = hot.counter & self.my_side != 0;
        let other_team = hot.team != self.team;
        let age = self.index.today.saturating_sub(hot.posted_day) as usize;
        let promise = relevance
            + pick(reciprocal, w.reciprocity)
            + w.bridging * if other_team { 1.0 } else { 0.5 }
            // Older than the table: its last entry still bounds the freshness from above.
            + w.freshness * self.fresh_by_age[age.min(FRESH_TABLE_DAYS - 1)];
        (promise, feasible)
    }

    /// The most the bridging and freshness terms of [`Self::promise`] can add.
    fn bonus_bound(&self) -> f32 {
        let w = self.weights;
        let fresh = self
            .fresh_by_age
            .iter()
            .map(|&f| w.freshness * f)
            .fold(f32::NEG_INFINITY, f32::max);
        (w.bridging * 1.0).max(w.bridging * 0.5) + fresh
    }

    /// Appends (promise, topic) to `ranked` for the feasible topics at `positions`.
    fn rank_into(
        &self,
        touched: &[u32],
        relevance: &[f32],
        positions: &[u32],
        ranked: &mut Vec<(f32, u32)>,
    ) {
        let mut len = ranked.len();
        ranked.resize(len + positions.len(), (0.0, 0));
        for &k in positions {
            let t = touched[k as usize];
            let (promise, feasible) = self.promise(t, relevance[k as usize]);
            ranked[len] = (promise, t);
            len += usize::from(feasible);
        }
        ranked.truncate(len);
    }
}

/// Positions `k` of `values` where `keep(value)`, into `out`.
fn select(values: &[f32], out: &mut Vec<u32>, keep: impl Fn(f32) -> bool) {
    out.clear();
    out.resize(values.len(), 0);
    let mut len = 0;
    for (k, &v) in values.iter().enumerate() {
        out[len] = k as u32;
        len += usize::from(keep(v));
    }
    out.truncate(len);
}

/// Fills `scratch.ranked` with (promise, topic) for the feasible touched topics of relevance
/// at least `min_relevance`; with `keep`, only with those that can be among the `keep` of
/// highest promise (ties broken by topic index), which are all there.
pub(crate) fn rank(
    index: &Index,
    config: &MatchConfig,
    member: u32,
    my_side: u64,
    scratch: &mut Scratch,
    keep: Option<usize>,
) {
    let w = &config.weights;
    let mine = index.member_hot[member as usize];
    let one_word = index.horizon.num_slots() <= 64;
    let ctx = Member {
        index,
        member,
        team: mine.team,
        languages: mine.languages,
        my_side,
        // Availability is checked on the first 64 slots only when they are the whole horizon.
        avail_mask: if one_word { mine.avail0 } else { u64::MAX },
        avail_need: if one_word { 0 } else { u64::MAX },
        weights: w,
        fresh_by_age: &scratch.fresh_by_age,
    };
    let saturation = config.text_saturation;
    let min_relevance = config.min_relevance;
    // Relevance, and relevance plus reciprocity (the first two terms of the promise, summed
    // the same way) or minus infinity for topics not relevant enough.
    let n = scratch.touched.len();
    let (relevance, partial) = (&mut scratch.relevance, &mut scratch.partial);
    relevance.clear();
    relevance.resize(n, 0.0);
    partial.clear();
    partial.resize(n, 0.0);
    let inputs = scratch.bm25[..n]
        .iter()
        .zip(&scratch.direct_miss[..n])
        .zip(&scratch.related_miss[..n])
        .zip(&scratch.reciprocal[..n]);
    let outputs = relevance.iter_mut().zip(partial.iter_mut());
    for ((((&bm25, &direct_miss), &related_miss), &reciprocal), (r, p)) in inputs.zip(outputs) {
        // The text signal of `signals::text_signal`.
        let text = pick(bm25 > 0.0, bm25 / (bm25 + saturation));
        let relevance =
            w.tags * (1.0 - direct_miss) + w.related * (1.0 - related_miss) + w.text * text;
        let sum = relevance + pick(reciprocal != 0, w.reciprocity);
        *r = relevance;
        *p = if relevance >= min_relevance {
            sum
        } else {
            f32::NEG_INFINITY
        };
    }
    let (touched, positions, ranked) = (
        &scratch.touched,
        &mut scratch.positions,
        &mut scratch.ranked,
    );
    ranked.clear();
    let Some(keep) = keep.filter(|&k| k > 0) else {
        select(partial, positions, |p| p > f32::NEG_INFINITY);
        ctx.rank_into(touched, relevance, positions, ranked);
        return;
    };
    // The topics highest on relevance plus reciprocity first, about twice `keep` (counted on
    // every `SAMPLE`-th topic): the `keep`-th best promise among them is a floor for the
    // `keep`-th best of all (or none, when fewer are feasible).
    let scale = BUCKETS as f32 / (w.tags + w.related + w.text + w.reciprocity).max(1e-6);
    let mut counts = [0usize; BUCKETS];
    for &p in partial.iter().step_by(SAMPLE) {
        counts[((p * scale).max(0.0) as usize).min(BUCKETS - 1)] += SAMPLE;
    }
    let mut first = BUCKETS;
    let mut taken = 0;
    while first > 0 && taken < 2 * keep {
        first -= 1;
        taken += counts[first];
    }
    let high = if first == 0 {
        f32::NEG_INFINITY
    } else {
        first as f32 / scale
    };
    select(partial, positions, |p| {
        (p > f32::NEG_INFINITY) & (p >= high)
    });
    ctx.rank_into(touched, relevance, positions, ranked);
    if high == f32::NEG_INFINITY {
        return;
    }
    let floor = if ranked.len() >= keep {
        let promises = &mut scratch.totals;
        promises.clear();
        promises.extend(ranked.iter().map(|r| r.0));
        promises.select_nth_unstable_by(keep - 1, |a, b| b.total_cmp(a));
        promises[keep - 1]
    } else {
        f32::NEG_INFINITY
    };
    // The rest: those that could reach the floor. The promise adds the bridging and freshness
    // terms to `p` in two roundings, each off by at most 2⁻²⁴ of the sum: `ROUNDING` covers
    // both with room to spare.
    let bonus = ctx.bonus_bound();
    let reach = |p: f32| p + bonus + ROUNDING * (1.0 + p.abs() + bonus.abs()) >= floor;
    select(partial, positions, |p| {
        (p > f32::NEG_INFINITY) & (p < high) & reach(p)
    });
    ctx.rank_into(touched, relevance, positions, ranked);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::accumulate::{Search, accumulate};
    use crate::matching::index::fingerprint;
    use crate::matching::model::TopicKind;
    use crate::matching::signals::expand;
    use crate::matching::synthetic::{CommunitySpec, SkillTable, generate};

    /// The `keep` best of `ranked` by promise, ties by topic index.
    fn best(ranked: &[(f32, u32)], keep: usize) -> Vec<(u32, u32)> {
        let mut all: Vec<(f32, u32)> = ranked.to_vec();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        all.iter()
            .take(keep)
            .map(|&(p, t)| (p.to_bits(), t))
            .collect()
    }

    #[test]
    fn ranking_only_the_best_keeps_the_same_best() {
        let table = SkillTable::made_up(300, 60, 7);
        let spec = CommunitySpec {
            members: 600,
            topics_per_member: 1.5,
            ..CommunitySpec::default()
        };
        let community = generate(&table, &spec);
        let config = MatchConfig::default();
        let index = community.index(&config);
        let mut scratch = Scratch::default();
        let (mut pruned, mut all) = (0, 0);
        for member in 0..index.members.len() as u32 {
            for (kind, keep) in [
                (TopicKind::Offer, 5),
                (TopicKind::Offer, 30),
                (TopicKind::Ask, 8),
            ] {
                let rec = index.member(member);
                let (own, other) = match kind {
                    TopicKind::Offer => (&rec.wants, &rec.offers),
                    TopicKind::Ask => (&rec.offers, &rec.wants),
                };
                let interests = expand(&index, own);
                let search = Search {
                    member,
                    kind,
                    interests: &interests,
                    my_side: fingerprint(other),
                    exhaustive: false,
                };
                accumulate(&index, &config, &search, &mut scratch);
                rank(&index, &config, member, search.my_side, &mut scratch, None);
                let expected = best(&scratch.ranked, keep);
                all += scratch.ranked.len();
                accumulate(&index, &config, &search, &mut scratch);
                rank(
                    &index,
                    &config,
                    member,
                    search.my_side,
                    &mut scratch,
                    Some(keep),
                );
                assert_eq!(best(&scratch.ranked, keep), expected, "member {member}");
                pruned += scratch.ranked.len();
            }
        }
        // The skipping path ran: fewer topics were ranked.
        assert!(pruned < all, "ranked {pruned} of {all}");
    }

    #[test]
    fn fingerprint_bits_follow_hosts_who_change_their_profile() {
        let table = SkillTable::made_up(200, 40, 3);
        let spec = CommunitySpec {
            members: 200,
            ..CommunitySpec::default()
        };
        let mut community = generate(&table, &spec);
        let config = MatchConfig::default();
        let mut index = community.index(&config);
        for member in community.members.iter_mut().take(50) {
            std::mem::swap(&mut member.wants, &mut member.offers);
            index.upsert_member(member);
        }
        for (t, hot) in index.topic_hot.iter().enumerate() {
            for b in 0..64 {
                let filed = index.counter_bits.meets(t / 64, 1 << b) >> (t % 64) & 1;
                assert_eq!(filed, hot.counter >> b & 1, "topic {t}, bit {b}");
            }
        }
    }
}

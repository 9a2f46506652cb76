//! The first step of a query: walking the member's inverted postings (tags, related tags, BM25
//! text) into per-topic accumulators.
//!
//! Direct tags, strong rare related tags and rare terms bring in candidates ("touch" topics);
//! common related tags and common terms only refine the accumulators of topics already touched.
//! The touched topics are found first, as a bit set, and listed in index order; each gets a
//! slot in short arrays of accumulators (one array per signal, in touched order), and the
//! generating postings are then added without a check per posting.

use super::index::{Index, Posting, kind_slot};
use super::model::{MatchConfig, TopicKind};
use super::signals::{Interest, TAG_CREDIT};

/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of profile words relative to the words of the member's own tags.
const PROFILE_WEIGHT: f32 = 0.3;
/// Days of freshness kept in [`Scratch`]'s table.
pub(crate) const FRESH_TABLE_DAYS: usize = 64;

/// Reusable per-thread buffers sized to the index: a query allocates little once warm.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The touched topics, in index order.
    pub(crate) touched: Vec<u32>,
    /// One bit per topic, set for the topics in `touched`: small enough to stay in the
    /// fastest cache while the refining pass walks long postings.
    touched_bits: Vec<u64>,
    /// Per topic: its position in `touched` (meaningful for touched topics only).
    slot_of: Vec<u32>,
    /// Accumulators by position in `touched`: BM25, and the products of the misses of direct
    /// and of related tags.
    pub(crate) bm25: Vec<f32>,
    pub(crate) direct_miss: Vec<f32>,
    pub(crate) related_miss: Vec<f32>,
    /// By position in `touched`: 1 when the host's counter fingerprint meets the member's.
    pub(crate) reciprocal: Vec<u8>,
    /// Relevance by position in `touched`.
    pub(crate) relevance: Vec<f32>,
    /// Relevance plus reciprocity by position in `touched`.
    pub(crate) partial: Vec<f32>,
    /// Positions in `touched`, a working list.
    pub(crate) positions: Vec<u32>,
    pub(crate) ranked: Vec<(f32, u32)>,
    pub(crate) totals: Vec<f32>,
    /// Freshness by age in days, for `fresh_half_life`.
    pub(crate) fresh_by_age: Vec<f32>,
    fresh_half_life: f32,
}

impl Scratch {
    fn reset(&mut self, topics: usize, config: &MatchConfig) {
        if self.slot_of.len() < topics {
            self.slot_of.resize(topics, 0);
        }
        let words = topics.div_ceil(64);
        if self.touched_bits.len() < words {
            self.touched_bits.resize(words, 0);
        }
        self.touched_bits.fill(0);
        self.touched.clear();
        let half_life = config.freshness_half_life_days.max(0.1);
        if self.fresh_by_age.is_empty() || self.fresh_half_life != half_life {
            self.fresh_half_life = half_life;
            self.fresh_by_age = (0..FRESH_TABLE_DAYS)
                .map(|age| 0.5f32.powf(age as f32 / half_life))
                .collect();
        }
    }

    /// Sets the bits of `topics`.
    fn mark(&mut self, topics: impl Iterator<Item = u32>) {
        let bits = &mut self.touched_bits;
        for t in topics {
            bits[t as usize / 64] |= 1 << (t % 64);
        }
    }

    /// Lists the marked topics in index order, each with fresh accumulators and whether its
    /// host's counter fingerprint meets `my_side`.
    fn collect_touched(&mut self, index: &Index, my_side: u64) {
        let n: usize = self
            .touched_bits
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum();
        self.touched.clear();
        self.touched.resize(n, 0);
        self.reciprocal.clear();
        self.reciprocal.resize(n, 0);
        let mut k = 0;
        for (w, &word) in self.touched_bits.iter().enumerate() {
            if word == 0 {
                continue;
            }
            let reciprocal = index.counter_bits.meets(w, my_side);
            let mut rest = word;
            while rest != 0 {
                let bit = rest.trailing_zeros();
                let t = w * 64 + bit as usize;
                self.slot_of[t] = k as u32;
                self.touched[k] = t as u32;
                self.reciprocal[k] = (reciprocal >> bit & 1) as u8;
                k += 1;
                rest &= rest - 1;
            }
        }
        let n = self.touched.len();
        for (values, start) in [
            (&mut self.bm25, 0.0),
            (&mut self.direct_miss, 1.0),
            (&mut self.related_miss, 1.0),
        ] {
            values.clear();
            values.resize(n, start);
        }
    }

    /// BM25 of a touched topic.
    pub(crate) fn bm25_of(&self, topic: u32) -> f32 {
        self.bm25[self.slot_of[topic as usize] as usize]
    }
}

/// One posting list a query walks, with what each of its postings adds.
#[derive(Clone, Copy)]
enum Walk<'a> {
    /// A direct tag: multiplies `direct_miss` by the miss.
    Direct(&'a [u32], f32),
    /// A related tag: multiplies `related_miss` by the miss.
    Related(&'a [u32], f32),
    /// A term: adds BM25 with the query weight and the term's idf.
    Text(&'a [Posting], f32, f32),
}

impl Walk<'_> {
    fn topics(&self) -> impl Iterator<Item = u32> + '_ {
        let (tags, text): (&[u32], &[Posting]) = match *self {
            Walk::Direct(list, _) | Walk::Related(list, _) => (list, &[]),
            Walk::Text(list, _, _) => (&[], list),
        };
        tags.iter().copied().chain(text.iter().map(|p| p.topic))
    }

    /// Adds this list's postings to the accumulators of the topics `keep` accepts.
    fn apply(&self, scratch: &mut Scratch, avg_len: f32, keep: impl Fn(&[u64], u32) -> bool) {
        let Scratch {
            touched_bits: bits,
            slot_of,
            bm25,
            direct_miss,
            related_miss,
            ..
        } = scratch;
        match *self {
            Walk::Direct(list, miss) => {
                for &t in list.iter().filter(|&&t| keep(bits, t)) {
                    direct_miss[slot_of[t as usize] as usize] *= miss;
                }
            }
            Walk::Related(list, miss) => {
                for &t in list.iter().filter(|&&t| keep(bits, t)) {
                    related_miss[slot_of[t as usize] as usize] *= miss;
                }
            }
            Walk::Text(list, weight, idf) => {
                for posting in list.iter().filter(|p| keep(bits, p.topic)) {
                    let tf = f32::from(posting.tf);
                    let norm = K1 * (1.0 - B + B * f32::from(posting.len) / avg_len);
                    bm25[slot_of[posting.topic as usize] as usize] +=
                        weight * idf * tf * (K1 + 1.0) / (tf + norm);
                }
            }
        }
    }
}

/// Query terms: words of the member's own tags (weight 1) and profile words (lower weight).
fn query_terms(index: &Index, member: u32, kind: TopicKind) -> Vec<(u32, f32)> {
    let rec = index.member(member);
    let own = match kind {
        TopicKind::Offer => &rec.wants,
        TopicKind::Ask => &rec.offers,
    };
    let mut terms: Vec<(u32, f32)> = Vec::new();
    for &tag in own {
        for &term in &index.tag_terms[tag as usize] {
            terms.push((term, 1.0));
        }
    }
    for &(term, count) in &rec.profile_terms {
        terms.push((term, PROFILE_WEIGHT * f32::from(count)));
    }
    terms.sort_by_key(|t| t.0);
    let mut merged: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
    for (term, weight) in terms {
        match merged.last_mut() {
            Some((last, w)) if *last == term => *w += weight,
            _ => merged.push((term, weight)),
        }
    }
    merged
}

/// What one query walks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Search<'a> {
    pub member: u32,
    /// The kind of topics searched.
    pub kind: TopicKind,
    /// The member's interests on the side searched.
    pub interests: &'a [Interest],
    /// Fingerprint of the member's direct tags on the reciprocal side.
    pub my_side: u64,
    /// Every topic of the kind is a candidate (the brute-force baseline).
    pub exhaustive: bool,
}

/// Fills `scratch` for one query: the touched topics, their accumulators, and whether their
/// hosts' counter fingerprints meet the member's.
pub(crate) fn accumulate(
    index: &Index,
    config: &MatchConfig,
    search: &Search,
    scratch: &mut Scratch,
) {
    let Search {
        member,
        kind,
        interests,
        my_side,
        exhaustive,
    } = *search;
    let postings = &index.postings[kind_slot(kind)];
    scratch.reset(index.topics.len(), config);
    let live = postings.live.max(1) as f32;
    let avg_len = postings.avg_len();
    let generating_limit = (config.generating_df_share * live).max(200.0) as usize;
    let w = &config.weights;
    // Generating lists first, then refining lists; each group in interest order, then term
    // order, so that every accumulator sums its postings in one fixed order.
    let mut generating: Vec<Walk> = Vec::new();
    let mut refining: Vec<Walk> = Vec::new();
    for interest in interests {
        let Some(list) = postings.tag_topics.get(interest.tag as usize) else {
            continue;
        };
        let direct = interest.weight >= 1.0;
        // A related tag alone must be able to reach `min_relevance` to bring in topics.
        let strong = w.related * TAG_CREDIT * interest.weight >= config.min_relevance;
        let miss = 1.0 - TAG_CREDIT * interest.weight;
        let walk = if direct {
            Walk::Direct(list, miss)
        } else {
            Walk::Related(list, miss)
        };
        if direct || (strong && list.len() <= generating_limit) {
            generating.push(walk);
        } else {
            refining.push(walk);
        }
    }
    for (term, weight) in query_terms(index, member, kind) {
        let Some(list) = postings.term_topics.get(term as usize) else {
            continue;
        };
        if list.is_empty() || (list.len() as f32) > config.text_max_df_share * live.max(20.0) {
            continue;
        }
        let df = list.len() as f32;
        let idf = (1.0 + (live - df + 0.5).max(0.0) / (df + 0.5)).ln();
        let walk = Walk::Text(list, weight, idf);
        if list.len() <= generating_limit {
            generating.push(walk);
        } else {
            refining.push(walk);
        }
    }
    if exhaustive {
        let all = index.topics.iter().enumerate();
        scratch.mark(all.filter(|(_, t)| t.kind == kind).map(|(i, _)| i as u32));
    }
    for walk in &generating {
        scratch.mark(walk.topics());
    }
    scratch.collect_touched(index, my_side);
    for walk in &generating {
        walk.apply(scratch, avg_len, |_, _| true);
    }
    let touched = |bits: &[u64], t: u32| bits[t as usize / 64] & (1 << (t % 64)) != 0;
    for walk in &refining {
        walk.apply(scratch, avg_len, touched);
    }
}

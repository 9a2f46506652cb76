//! Candidate generation and scoring for one member: inverted postings (tags, related tags,
//! BM25 text) give candidate topics; each is checked for feasibility and scored per signal.

use serde::{Deserialize, Serialize};

use super::exposure::Exposure;
use super::index::{Index, MemberRec, fingerprint, kind_slot};
use super::model::{MatchConfig, TopicKind};
use super::signals::{
    Interest, TAG_CREDIT, bridging, dismissal, expand, freshness, languages_ok, reciprocity,
    tag_match, text_signal,
};

/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of profile words relative to the words of the member's own tags.
const PROFILE_WEIGHT: f32 = 0.3;
/// Days of freshness kept in [`Scratch`]'s table.
const FRESH_TABLE_DAYS: usize = 64;

/// The score of one recommendation, signal by signal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Direct tag overlap, `[0, 1]`.
    pub tags: f32,
    /// Related-tag overlap, `[0, 1]`.
    pub related: f32,
    /// Text (BM25, saturated), `[0, 1]`.
    pub text: f32,
    /// Weighted sum of the three above, `[0, 1]`.
    pub relevance: f32,
    /// The host wants what the member offers (or, for asks, offers what they want), `[0, 1]`.
    pub reciprocity: f32,
    /// Other team (½) and never met (½), `[0, 1]`.
    pub bridging: f32,
    /// Newness of the topic, `[0, 1]`.
    pub freshness: f32,
    /// Multiplier from dismissals, `(0, 1]`.
    pub dismissal: f32,
    /// Multiplier from fair exposure, `(0, 1]`.
    pub exposure: f32,
    /// `(relevance + w·reciprocity + w·bridging + w·freshness) × dismissal × exposure`.
    pub total: f32,
}

/// A scored, feasible candidate with what its reason needs.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub topic: u32,
    pub host: u32,
    pub breakdown: Breakdown,
    pub first_slot: u32,
    pub direct_tag: Option<u32>,
    pub related_pair: Option<(u32, u32)>,
    pub reciprocal_tag: Option<u32>,
    pub other_team: bool,
    pub new_contact: bool,
}

impl Scored {
    /// High distance: another team and never met.
    pub fn high_distance(&self) -> bool {
        self.other_team && self.new_contact
    }
}

/// Per-topic accumulators of one query, 12 bytes (whether a topic was touched is in
/// [`Scratch::touched_bits`]).
#[derive(Debug, Clone, Copy)]
struct Acc {
    bm25: f32,
    direct_miss: f32,
    related_miss: f32,
}

impl Default for Acc {
    fn default() -> Self {
        Self {
            bm25: 0.0,
            direct_miss: 1.0,
            related_miss: 1.0,
        }
    }
}

/// Reusable per-thread buffers sized to the index: a query allocates nothing once warm.
#[derive(Debug, Default)]
pub struct Scratch {
    acc: Vec<Acc>,
    touched: Vec<u32>,
    /// One bit per topic, set for the topics in `touched`: small enough to stay in the
    /// fastest cache while the refining pass walks long postings.
    touched_bits: Vec<u64>,
    ranked: Vec<(f32, u32)>,
    totals: Vec<f32>,
    /// Freshness by age in days, for `fresh_half_life`.
    fresh_by_age: Vec<f32>,
    fresh_half_life: f32,
}

impl Scratch {
    fn reset(&mut self, topics: usize, config: &MatchConfig) {
        if self.acc.len() < topics {
            self.acc.resize(topics, Acc::default());
        }
        let words = topics.div_ceil(64);
        if self.touched_bits.len() < words {
            self.touched_bits.resize(words, 0);
        }
        for &t in &self.touched {
            self.touched_bits[t as usize / 64] = 0;
        }
        self.touched.clear();
        let half_life = config.freshness_half_life_days.max(0.1);
        if self.fresh_by_age.is_empty() || self.fresh_half_life != half_life {
            self.fresh_half_life = half_life;
            self.fresh_by_age = (0..FRESH_TABLE_DAYS)
                .map(|age| 0.5f32.powf(age as f32 / half_life))
                .collect();
        }
    }

    fn touch(&mut self, topic: u32) -> &mut Acc {
        let (word, bit) = (topic as usize / 64, 1u64 << (topic % 64));
        let acc = &mut self.acc[topic as usize];
        if self.touched_bits[word] & bit == 0 {
            *acc = Acc::default();
            self.touched.push(topic);
            self.touched_bits[word] |= bit;
        }
        acc
    }

    /// The accumulator of a topic already touched by this query.
    fn touched_acc(&mut self, topic: u32) -> Option<&mut Acc> {
        if self.touched_bits[topic as usize / 64] & (1 << (topic % 64)) == 0 {
            return None;
        }
        Some(&mut self.acc[topic as usize])
    }
}

/// What scoring one topic for one member needs.
struct Query<'a> {
    index: &'a Index,
    config: &'a MatchConfig,
    member: u32,
    me: &'a MemberRec,
    kind: TopicKind,
    interests: &'a [Interest],
    counter: &'a [Interest],
    exposure: Option<&'a Exposure>,
    my_row: &'a [u64],
}

impl Query<'_> {
    /// All signals for one topic, or `None` when it is not feasible or not relevant.
    fn score_one(&self, topic_index: u32, bm25: f32) -> Option<Scored> {
        let (index, config, me) = (self.index, self.config, self.me);
        let w = &config.weights;
        let topic = index.topic(topic_index);
        if !topic.live
            || topic.host == self.member
            || (self.kind == TopicKind::Offer && topic.requests_left == 0)
        {
            return None;
        }
        let host = index.member(topic.host);
        if !host.live || !languages_ok(me, host, topic) {
            return None;
        }
        let topic_row = index.topic_row(topic_index);
        if !self.my_row.iter().zip(topic_row).any(|(a, b)| a & b != 0) {
            return None;
        }
        let m = tag_match(self.interests, &topic.tags);
        let text = text_signal(bm25, config);
        let relevance = w.tags * m.direct + w.related * m.related + w.text * text;
        if relevance < config.min_relevance {
            return None;
        }
        let other_side = match self.kind {
            TopicKind::Offer => &host.wants,
            TopicKind::Ask => &host.offers,
        };
        let (reciprocity, reciprocal_tag) = reciprocity(self.counter, other_side);
        let (bridging, other_team, new_contact) = bridging(me, self.member, topic.host, host);
        let freshness = freshness(index.today, topic, config);
        let dismissal = dismissal(me, topic, config);
        let exposure = self
            .exposure
            .map_or(1.0, |e| e.factor(topic.host, config.fairness));
        let total = (relevance
            + w.reciprocity * reciprocity
            + w.bridging * bridging
            + w.freshness * freshness)
            * dismissal
            * exposure;
        Some(Scored {
            topic: topic_index,
            host: topic.host,
            breakdown: Breakdown {
                tags: m.direct,
                related: m.related,
                text,
                relevance,
                reciprocity,
                bridging,
                freshness,
                dismissal,
                exposure,
                total,
            },
            first_slot: 0,
            direct_tag: m.direct_tag,
            related_pair: m.related_pair,
            reciprocal_tag,
            other_team,
            new_contact,
        })
    }
}

/// Which side of the member's profile drives a list.
fn sides(index: &Index, member: u32, kind: TopicKind) -> (Vec<Interest>, Vec<Interest>) {
    let rec = index.member(member);
    match kind {
        // Learn: topics offering what the member wants; reciprocity on what they offer.
        TopicKind::Offer => (expand(index, &rec.wants), expand(index, &rec.offers)),
        // Help: asks about what the member offers; reciprocity on what they want.
        TopicKind::Ask => (expand(index, &rec.offers), expand(index, &rec.wants)),
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

/// Scores the feasible candidates of `member` for a list of `kind` topics, best first, at most
/// `config.candidate_pool`.
pub fn score_candidates(
    index: &Index,
    config: &MatchConfig,
    member: u32,
    kind: TopicKind,
    exposure: Option<&Exposure>,
    scratch: &mut Scratch,
) -> Vec<Scored> {
    let full = config.candidate_pool.max(config.list_len);
    score(
        index,
        config,
        member,
        kind,
        exposure,
        scratch,
        Depth::Top { full, extend: true },
    )
}

/// Like [`score_candidates`] with `full` topics fully scored (the batch needs fewer).
pub fn score_top(
    index: &Index,
    config: &MatchConfig,
    member: u32,
    kind: TopicKind,
    scratch: &mut Scratch,
    full: usize,
) -> Vec<Scored> {
    score(
        index,
        config,
        member,
        kind,
        None,
        scratch,
        Depth::Top {
            full,
            extend: false,
        },
    )
}

/// The brute-force baseline: scores every topic of the kind instead of the candidates from the
/// postings. Slower; differs from [`score_candidates`] only where pruning (common terms and
/// related tags refine but do not generate; reciprocity through related tags is not in the
/// promise bound) drops a topic.
pub fn score_exhaustive(
    index: &Index,
    config: &MatchConfig,
    member: u32,
    kind: TopicKind,
    scratch: &mut Scratch,
) -> Vec<Scored> {
    score(
        index,
        config,
        member,
        kind,
        None,
        scratch,
        Depth::Everything,
    )
}

/// How many candidates get full scoring.
#[derive(Debug, Clone, Copy)]
enum Depth {
    /// Every topic (the brute-force baseline).
    Everything,
    /// The `full` most promising; with `extend`, more until the top is exact.
    Top { full: usize, extend: bool },
}

fn score(
    index: &Index,
    config: &MatchConfig,
    member: u32,
    kind: TopicKind,
    exposure: Option<&Exposure>,
    scratch: &mut Scratch,
    depth: Depth,
) -> Vec<Scored> {
    let (full, extend) = match depth {
        Depth::Everything => (None, false),
        Depth::Top { full, extend } => (Some(full), extend),
    };
    let exhaustive = full.is_none();
    let postings = &index.postings[kind_slot(kind)];
    scratch.reset(index.topics.len(), config);
    let (interests, counter) = sides(index, member, kind);
    if exhaustive {
        for (t, topic) in index.topics.iter().enumerate() {
            if topic.kind == kind {
                scratch.touch(t as u32);
            }
        }
    }
    let live = postings.live.max(1) as f32;
    let avg_len = postings.avg_len();
    let generating_limit = (config.generating_df_share * live).max(200.0) as usize;
    let terms: Vec<(u32, f32)> = query_terms(index, member, kind)
        .into_iter()
        .filter(|&(term, _)| {
            postings.term_topics.get(term as usize).is_some_and(|l| {
                !l.is_empty() && (l.len() as f32) <= config.text_max_df_share * live.max(20.0)
            })
        })
        .collect();
    let w = &config.weights;
    // Pass 0: direct tags, rare related tags and rare terms bring in candidates; pass 1: common
    // related tags and common terms only refine the scores of candidates already found.
    for pass in 0..2 {
        let generating = pass == 0;
        for interest in &interests {
            let Some(list) = postings.tag_topics.get(interest.tag as usize) else {
                continue;
            };
            let direct = interest.weight >= 1.0;
            // A related tag alone must be able to reach `min_relevance` to bring in topics.
            let strong = w.related * TAG_CREDIT * interest.weight >= config.min_relevance;
            if generating != (direct || (strong && list.len() <= generating_limit)) {
                continue;
            }
            let miss = 1.0 - TAG_CREDIT * interest.weight;
            for &topic in list {
                let acc = if generating {
                    scratch.touch(topic)
                } else {
                    match scratch.touched_acc(topic) {
                        Some(acc) => acc,
                        None => continue,
                    }
                };
                if direct {
                    acc.direct_miss *= miss;
                } else {
                    acc.related_miss *= miss;
                }
            }
        }
        for &(term, weight) in &terms {
            let list = &postings.term_topics[term as usize];
            if generating != (list.len() <= generating_limit) {
                continue;
            }
            let df = list.len() as f32;
            let idf = (1.0 + (live - df + 0.5).max(0.0) / (df + 0.5)).ln();
            for posting in list {
                let acc = if generating {
                    scratch.touch(posting.topic)
                } else {
                    match scratch.touched_acc(posting.topic) {
                        Some(acc) => acc,
                        None => continue,
                    }
                };
                let tf = f32::from(posting.tf);
                let norm = K1 * (1.0 - B + B * f32::from(posting.len) / avg_len);
                acc.bm25 += weight * idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
    }

    // Relevance from the accumulators alone, plus what reciprocity, bridging and freshness
    // could add at most ("promise", an upper bound of the total).
    let mine = index.member_hot[member as usize];
    // Reciprocity is possible when the host's fingerprint on the other side meets the member's.
    // Direct tags only: reciprocity through related tags (small) is left out of the promise.
    let my_side = counter
        .iter()
        .filter(|i| i.weight >= 1.0)
        .fold(0u64, |bits, i| bits | fingerprint(&[i.tag]));
    let one_word = index.horizon.num_slots() <= 64;
    // Availability is checked on the first 64 slots only when they are the whole horizon.
    let avail_mask = if one_word { mine.avail0 } else { u64::MAX };
    let avail_need = if one_word { 0 } else { u64::MAX };
    let languages = mine.languages;
    let min_relevance = config.min_relevance;
    let mut ranked = std::mem::take(&mut scratch.ranked);
    ranked.clear();
    for &t in &scratch.touched {
        let i = t as usize;
        let acc = scratch.acc[i];
        let relevance = w.tags * (1.0 - acc.direct_miss)
            + w.related * (1.0 - acc.related_miss)
            + w.text * text_signal(acc.bm25, config);
        if relevance < min_relevance {
            continue;
        }
        let hot = &index.topic_hot[i];
        // Cheap feasibility checks; score_one repeats them exactly.
        let languages_clash =
            languages != 0 && hot.languages != 0 && languages & hot.languages == 0;
        if !(hot.open && hot.host_live)
            || hot.host == member
            || languages_clash
            || (hot.avail0 & avail_mask) | avail_need == 0
        {
            continue;
        }
        let reciprocal = hot.counter & my_side != 0;
        let other_team = hot.team != mine.team;
        let age = index.today.saturating_sub(hot.posted_day) as usize;
        let promise = relevance
            + if reciprocal { w.reciprocity } else { 0.0 }
            + w.bridging * if other_team { 1.0 } else { 0.5 }
            // Older than the table: its last entry still bounds the freshness from above.
            + w.freshness * scratch.fresh_by_age[age.min(FRESH_TABLE_DAYS - 1)];
        ranked.push((promise, t));
    }
    // Full scoring in chunks of `full`, best promise first, until no unscored topic can beat
    // the `target`-th best total found (threshold algorithm: exact top `target`).
    let target = full.map_or(usize::MAX, |f| {
        f.min(config.list_len * 2).max(config.list_len)
    });
    let chunk = full.unwrap_or(usize::MAX).max(1);
    let by_promise = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let ctx = Query {
        index,
        config,
        member,
        me: index.member(member),
        kind,
        interests: &interests,
        counter: &counter,
        exposure,
        my_row: index.member_slots.row(member as usize),
    };
    let my_row = ctx.my_row;
    let mut scored: Vec<Scored> = Vec::with_capacity(ranked.len().min(chunk));
    let mut rest: &mut [(f32, u32)] = &mut ranked;
    loop {
        let take = chunk.min(rest.len());
        if take < rest.len() {
            rest.select_nth_unstable_by(take, by_promise);
        }
        let (now, later) = std::mem::take(&mut rest).split_at_mut(take);
        for &(_, topic_index) in now.iter() {
            let bm25 = scratch.acc[topic_index as usize].bm25;
            if let Some(s) = ctx.score_one(topic_index, bm25) {
                scored.push(s);
            }
        }
        rest = later;
        if rest.is_empty() || !extend {
            break;
        }
        let next = rest.iter().map(|r| r.0).fold(f32::MIN, f32::max);
        if scored.len() >= target {
            let totals = &mut scratch.totals;
            totals.clear();
            totals.extend(scored.iter().map(|s| s.breakdown.total));
            totals.select_nth_unstable_by(target - 1, |a, b| b.total_cmp(a));
            if next <= totals[target - 1] {
                break;
            }
        }
    }
    scratch.ranked = ranked;
    let by_total = |a: &Scored, b: &Scored| {
        b.breakdown
            .total
            .total_cmp(&a.breakdown.total)
            .then(a.topic.cmp(&b.topic))
    };
    let pool = config.candidate_pool.max(config.list_len);
    if scored.len() > pool {
        scored.select_nth_unstable_by(pool, by_total);
        scored.truncate(pool);
    }
    scored.sort_by(by_total);
    // Exact meeting-length check for the pool.
    let slot_minutes = index.horizon.slot_minutes.max(1);
    scored.retain_mut(|s| {
        let topic = index.topic(s.topic);
        let need = topic.format.minutes().div_ceil(slot_minutes);
        match index.shared_run(my_row, index.topic_row(s.topic), need) {
            Some(slot) => {
                s.first_slot = slot;
                true
            }
            None => false,
        }
    });
    scored
}

//! Candidate generation and scoring for one member: inverted postings (tags, related tags,
//! BM25 text) give candidate topics; each is checked for feasibility and scored per signal.

use serde::{Deserialize, Serialize};

pub use super::accumulate::Scratch;
use super::accumulate::{Search, accumulate};
use super::exposure::Exposure;
use super::index::{Index, MemberRec, fingerprint};
use super::model::{MatchConfig, TopicKind};
use super::promise::rank;
use super::signals::{
    Interest, bridging, dismissal, expand, freshness, languages_ok, reciprocity, tag_match,
    text_signal,
};

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

/// Reads what scoring `topics` in full will read (their records, their hosts' records and the
/// lists these point to), all topics side by side: each read is likely a cache miss, and
/// misses issued together overlap instead of waiting one after another.
fn warm(index: &Index, topics: &[(f32, u32)]) {
    let mut sink = 0usize;
    for &(_, t) in topics {
        let topic = &index.topics[t as usize];
        let host = &index.members[index.topic_hot[t as usize].host as usize];
        // Every field scoring reads, wherever the compiler placed it in the records.
        sink ^= usize::from(topic.live)
            ^ topic.tags.len()
            ^ topic.id.len()
            ^ topic.requests_left as usize
            ^ topic.language.map_or(0, |l| l as usize)
            ^ usize::from(topic.own_slots)
            ^ topic.posted_day as usize
            ^ usize::from(host.live)
            ^ host.team as usize
            ^ host.languages.len()
            ^ host.wants.len()
            ^ host.offers.len()
            ^ host.met.len();
    }
    for &(_, t) in topics {
        let topic = &index.topics[t as usize];
        let host = &index.members[topic.host as usize];
        let first = |list: &[u32]| list.first().map_or(0, |&x| x as usize);
        sink ^= first(&topic.tags)
            ^ first(&host.wants)
            ^ first(&host.offers)
            ^ first(&host.met)
            ^ first(&host.languages)
            ^ index.topic_row(t).first().map_or(0, |&x| x as usize);
    }
    std::hint::black_box(sink);
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
    let (interests, counter) = sides(index, member, kind);
    // Reciprocity is possible when the host's fingerprint on the other side meets the member's.
    // Direct tags only: reciprocity through related tags (small) is left out of the promise.
    let my_side = counter
        .iter()
        .filter(|i| i.weight >= 1.0)
        .fold(0u64, |bits, i| bits | fingerprint(&[i.tag]));
    let search = Search {
        member,
        kind,
        interests: &interests,
        my_side,
        exhaustive,
    };
    accumulate(index, config, &search, scratch);

    // Relevance from the accumulators alone, plus what reciprocity, bridging and freshness
    // could add at most ("promise", an upper bound of the total). Without `extend`, only the
    // first chunk is scored: topics that cannot be in it need not be ranked.
    let keep = if extend { None } else { full };
    rank(index, config, member, my_side, scratch, keep);
    let mut ranked = std::mem::take(&mut scratch.ranked);
    // Full scoring in chunks of `full`, best promise first, until no unscored topic can beat
    // the `target`-th best total found (threshold algorithm: exact top `target`).
    let target = full.map_or(usize::MAX, |f| {
        f.min(config.list_len * 2).max(config.list_len)
    });
    let chunk = full.unwrap_or(usize::MAX).max(1);
    let by_promise = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    let my_row = index.member_slots.row(member as usize);
    let ctx = Query {
        index,
        config,
        member,
        me: index.member(member),
        kind,
        interests: &interests,
        counter: &counter,
        exposure,
        my_row,
    };
    let mut scored: Vec<Scored> = Vec::with_capacity(ranked.len().min(chunk));
    let mut rest: &mut [(f32, u32)] = &mut ranked;
    loop {
        let take = chunk.min(rest.len());
        if take < rest.len() {
            rest.select_nth_unstable_by(take, by_promise);
        }
        let (now, later) = std::mem::take(&mut rest).split_at_mut(take);
        warm(index, now);
        for &(_, topic_index) in now.iter() {
            let bm25 = scratch.bm25_of(topic_index);
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

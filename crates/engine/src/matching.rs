//! Recommendations: whom and what to meet, with reasons; and global one-on-one pairing.
//!
//! Flow: build an [`Index`] from members and topics (incremental: [`Index::upsert_topic`] makes a
//! new topic recommendable at once); ask a [`Recommender`] for a member's [`ListKind::ForYou`]
//! or [`ListKind::CouldHelp`] list, or [`swap_partners`]; or compute every member's lists at
//! once with fair exposure rationed across the community ([`recommend_all`]). Global pairing
//! ([`pair_rounds`]) matches the whole community one-on-one per round and converts pairs into
//! scheduler requests ([`pairs_to_requests`]).
//!
//! Signals (each in every [`Breakdown`]): relevance (direct tags, related tags, BM25 text with
//! stemming), reciprocity, bridging, fair exposure, freshness and dismissals; feasibility
//! (shared free time for the meeting's length, a shared language, host capacity left) filters.
//! Each list keeps at most `max_per_host` topics per host and reserves `bridging_share` for
//! high-distance matches.
//!
//! Query path ([`candidates`]): direct tags, strong rare related tags and rare words generate
//! candidates from inverted postings; common words and weak related tags only refine scores
//! ([`accumulate`]). Candidates are ranked by relevance plus an upper bound of what the other
//! signals can add, read from compact per-topic data ([`hot`], [`promise`]); the most promising
//! are scored in full, in chunks, until no unscored candidate can enter the top (a threshold
//! algorithm). The batch scores a fixed number in full, and skips ranking the candidates that
//! cannot be among them. The brute-force baseline ([`candidates::score_exhaustive`]) scores
//! every topic.
//!
//! [`synthetic`] generates communities with planted truth from a skill table (O*NET in the
//! examples) for evaluation, benchmarks and demos.

pub mod accumulate;
pub mod batch;
pub mod candidates;
pub mod exposure;
pub mod hot;
pub mod index;
pub mod interner;
pub mod lists;
pub mod meet_now;
pub mod model;
pub mod open_seats;
pub mod pairing;
pub mod promise;
pub mod reason;
pub mod related;
pub mod requests;
pub mod signals;
pub mod slots;
pub mod swap;
pub mod synthetic;
pub mod text;

pub use batch::{BatchLists, recommend_all};
pub use candidates::{Breakdown, Scratch};
pub use exposure::{Exposure, gini};
pub use index::Index;
pub use lists::{ListKind, Recommendation, Recommender};
pub use meet_now::{NowPair, PoolMember, PoolTopic, best_partner, pair_pool};
pub use model::{
    Day, Horizon, MatchConfig, Member, SlotRange, Topic, TopicFormat, TopicKind, Weights,
};
pub use open_seats::{OpenSession, seat_takers};
pub use pairing::{Pair, PairingRound, pair_rounds};
pub use reason::{ReasonPart, render_reason};
pub use requests::{SchedRequest, pairs_to_requests};
pub use swap::{SwapPartner, swap_partners};

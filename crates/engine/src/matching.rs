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

pub mod batch;
pub mod candidates;
pub mod exposure;
pub mod index;
pub mod lists;
pub mod model;
pub mod pairing;
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
pub use model::{
    Day, Horizon, MatchConfig, Member, SlotRange, Topic, TopicFormat, TopicKind, Weights,
};
pub use pairing::{Pair, PairingRound, pair_rounds};
pub use reason::{ReasonPart, render_reason};
pub use requests::{SchedRequest, pairs_to_requests};
pub use swap::{SwapPartner, swap_partners};

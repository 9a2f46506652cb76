//! Per-member lists: "For you" (offers to learn from) and "You could help" (asks the member can
//! answer), with diversity (at most `max_per_host` per host) and a share reserved for bridging.

use serde::{Deserialize, Serialize};

use super::candidates::{Breakdown, Scored, Scratch, score_candidates};
use super::exposure::Exposure;
use super::index::Index;
use super::model::{MatchConfig, TopicKind};
use super::reason::ReasonPart;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Offers matching what the member wants to learn.
    ForYou,
    /// Asks matching what the member can share.
    CouldHelp,
}

impl ListKind {
    pub fn topic_kind(self) -> TopicKind {
        match self {
            Self::ForYou => TopicKind::Offer,
            Self::CouldHelp => TopicKind::Ask,
        }
    }
}

/// One recommended topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub topic_id: String,
    pub topic_title: String,
    pub host_id: String,
    pub host_name: String,
    pub score: Breakdown,
    /// Render with [`super::render_reason`].
    pub reason: Vec<ReasonPart>,
    /// First slot where both are free for the meeting's length.
    pub first_shared_slot: u32,
    /// Placed in the share reserved for high-distance matches.
    pub bridging: bool,
}

/// Picks the list from candidates sorted best first: first the reserved bridging share (another
/// team, never met, relevance at least `bridging_min_relevance` of the best), then the rest by
/// score; at most `max_per_host` per host; returned best first with the reserved flag.
pub fn assemble(candidates: &[Scored], config: &MatchConfig) -> Vec<(Scored, bool)> {
    let len = config.list_len;
    let best_relevance = candidates
        .iter()
        .map(|s| s.breakdown.relevance)
        .fold(0.0f32, f32::max);
    let reserve = (config.bridging_share * len as f32).round() as usize;
    let mut picked: Vec<(Scored, bool)> = Vec::with_capacity(len);
    let mut taken = vec![false; candidates.len()];
    let host_room = |picked: &[(Scored, bool)], host: u32| {
        picked.iter().filter(|(s, _)| s.host == host).count() < config.max_per_host.max(1)
    };
    for (i, s) in candidates.iter().enumerate() {
        if picked.len() >= reserve.min(len) {
            break;
        }
        if s.high_distance()
            && s.breakdown.relevance >= config.bridging_min_relevance * best_relevance
            && host_room(&picked, s.host)
        {
            picked.push((*s, true));
            taken[i] = true;
        }
    }
    for (i, s) in candidates.iter().enumerate() {
        if picked.len() >= len {
            break;
        }
        if !taken[i] && host_room(&picked, s.host) {
            picked.push((*s, false));
            taken[i] = true;
        }
    }
    picked.sort_by(|a, b| {
        b.0.breakdown
            .total
            .total_cmp(&a.0.breakdown.total)
            .then(a.0.topic.cmp(&b.0.topic))
    });
    picked
}

/// The reason parts of a scored candidate.
pub fn reason_parts(index: &Index, kind: ListKind, s: &Scored) -> Vec<ReasonPart> {
    let host = index.member(s.host).name.clone();
    let mut parts = Vec::new();
    match kind {
        ListKind::ForYou => {
            if let Some(tag) = s.direct_tag {
                parts.push(ReasonPart::YouWant {
                    tag: index.tag_label(tag).to_string(),
                });
                parts.push(ReasonPart::HostOffers { host: host.clone() });
            } else if let Some((yours, theirs)) = s.related_pair {
                parts.push(ReasonPart::Related {
                    yours: index.tag_label(yours).to_string(),
                    theirs: index.tag_label(theirs).to_string(),
                });
                parts.push(ReasonPart::HostOffers { host: host.clone() });
            } else {
                parts.push(ReasonPart::ProfileMatch);
            }
            if let Some(tag) = s.reciprocal_tag {
                parts.push(ReasonPart::HostWantsYours {
                    host: host.clone(),
                    tag: index.tag_label(tag).to_string(),
                });
            }
        }
        ListKind::CouldHelp => {
            match (s.direct_tag, s.related_pair) {
                (Some(tag), _) => parts.push(ReasonPart::YouOffer {
                    tag: index.tag_label(tag).to_string(),
                }),
                (None, Some((yours, _))) => parts.push(ReasonPart::YouOffer {
                    tag: index.tag_label(yours).to_string(),
                }),
                (None, None) => parts.push(ReasonPart::ProfileMatch),
            }
            parts.push(ReasonPart::HostAsks { host: host.clone() });
            if let Some(tag) = s.reciprocal_tag {
                parts.push(ReasonPart::HostCanTeach {
                    host: host.clone(),
                    tag: index.tag_label(tag).to_string(),
                });
            }
        }
    }
    if s.other_team {
        parts.push(ReasonPart::OtherTeam { host: host.clone() });
    }
    if s.new_contact && !s.other_team {
        parts.push(ReasonPart::NewContact { host });
    }
    parts.push(ReasonPart::BothFree {
        when: index.horizon.slot_label(s.first_slot),
    });
    if s.breakdown.freshness >= 0.99 {
        parts.push(ReasonPart::NewTopic);
    }
    parts
}

/// Turns a picked candidate into the public form.
pub fn to_recommendation(
    index: &Index,
    kind: ListKind,
    (s, bridging): &(Scored, bool),
) -> Recommendation {
    let topic = index.topic(s.topic);
    let host = index.member(s.host);
    Recommendation {
        topic_id: topic.id.clone(),
        topic_title: topic.title.clone(),
        host_id: host.id.clone(),
        host_name: host.name.clone(),
        score: s.breakdown,
        reason: reason_parts(index, kind, s),
        first_shared_slot: s.first_slot,
        bridging: *bridging,
    }
}

/// Answers per-member queries against an index.
pub struct Recommender<'a> {
    pub index: &'a Index,
    pub config: &'a MatchConfig,
}

impl<'a> Recommender<'a> {
    pub fn new(index: &'a Index, config: &'a MatchConfig) -> Self {
        Self { index, config }
    }

    /// A member's list. With `exposure`, over-exposed hosts are pushed down (pass the
    /// community's running ledger and [`Exposure::record`] what was shown). Unknown members get
    /// an empty list.
    pub fn list(
        &self,
        member_id: &str,
        kind: ListKind,
        exposure: Option<&Exposure>,
        scratch: &mut Scratch,
    ) -> Vec<Recommendation> {
        self.picked(member_id, kind, exposure, scratch)
            .iter()
            .map(|p| to_recommendation(self.index, kind, p))
            .collect()
    }

    /// The picked candidates (internal form, for batch use and evaluation).
    pub fn picked(
        &self,
        member_id: &str,
        kind: ListKind,
        exposure: Option<&Exposure>,
        scratch: &mut Scratch,
    ) -> Vec<(Scored, bool)> {
        let Some(member) = self.index.member_index(member_id) else {
            return Vec::new();
        };
        let candidates = score_candidates(
            self.index,
            self.config,
            member,
            kind.topic_kind(),
            exposure,
            scratch,
        );
        assemble(&candidates, self.config)
    }
}

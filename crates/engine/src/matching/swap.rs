//! Member-to-member benefit: "Swap partners" (each can teach the other something) and the
//! edges of the global pairing graph.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::index::{Index, MemberRec};
use super::model::MatchConfig;
use super::reason::ReasonPart;
use super::signals::{Interest, expand, tag_match};

/// What two members could give each other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PartnerEdge {
    pub other: u32,
    /// What the member learns from `other`, `[0, 1]`.
    pub learn: f32,
    /// What `other` learns from the member, `[0, 1]`.
    pub teach: f32,
    pub learn_tag: Option<u32>,
    pub teach_tag: Option<u32>,
    pub other_team: bool,
    pub new_contact: bool,
    pub first_slot: u32,
}

fn combined(interests: &[Interest], tags: &[u32]) -> (f32, Option<u32>) {
    let m = tag_match(interests, tags);
    (
        1.0 - (1.0 - m.direct) * (1.0 - m.related),
        m.direct_tag.or(m.related_pair.map(|(_, t)| t)),
    )
}

fn share_language(a: &MemberRec, b: &MemberRec) -> bool {
    a.languages.is_empty()
        || b.languages.is_empty()
        || a.languages
            .iter()
            .any(|l| b.languages.binary_search(l).is_ok())
}

/// Feasible partners of `member` with any benefit in either direction (`mutual`: in both).
/// Partners never met only when `new_only`.
pub fn partner_edges(index: &Index, member: u32, mutual: bool, new_only: bool) -> Vec<PartnerEdge> {
    let me = index.member(member);
    let wants = expand(index, &me.wants);
    let offers = expand(index, &me.offers);
    let mut seen: HashMap<u32, ()> = HashMap::new();
    for interest in &wants {
        if let Some(list) = index.offer_members.get(interest.tag as usize) {
            for &o in list {
                seen.insert(o, ());
            }
        }
    }
    for interest in &offers {
        if let Some(list) = index.want_members.get(interest.tag as usize) {
            for &o in list {
                seen.insert(o, ());
            }
        }
    }
    let need = 30u32.div_ceil(index.horizon.slot_minutes.max(1));
    let my_row = index.member_slots.row(member as usize);
    let mut edges: Vec<PartnerEdge> = Vec::new();
    let mut others: Vec<u32> = seen.into_keys().collect();
    others.sort_unstable();
    for other in others {
        let them = index.member(other);
        if other == member || !them.live || !share_language(me, them) {
            continue;
        }
        // Met, as recorded by either of the two.
        let new_contact =
            me.met.binary_search(&other).is_err() && them.met.binary_search(&member).is_err();
        if new_only && !new_contact {
            continue;
        }
        let (learn, learn_tag) = combined(&wants, &them.offers);
        let (teach, teach_tag) = combined(&offers, &them.wants);
        let useful = if mutual {
            learn > 0.0 && teach > 0.0
        } else {
            learn > 0.0 || teach > 0.0
        };
        if !useful {
            continue;
        }
        let Some(first_slot) =
            index.shared_run(my_row, index.member_slots.row(other as usize), need)
        else {
            continue;
        };
        edges.push(PartnerEdge {
            other,
            learn,
            teach,
            learn_tag,
            teach_tag,
            other_team: me.team != them.team,
            new_contact,
            first_slot,
        });
    }
    edges
}

/// A reciprocal partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwapPartner {
    pub member_id: String,
    pub name: String,
    /// `√(learn · teach)` plus the bridging bonus.
    pub score: f32,
    pub learn: f32,
    pub teach: f32,
    pub first_shared_slot: u32,
    pub reason: Vec<ReasonPart>,
}

/// Members who can teach `member_id` something and want to learn something they offer, best
/// first, at most `limit`.
pub fn swap_partners(
    index: &Index,
    config: &MatchConfig,
    member_id: &str,
    limit: usize,
) -> Vec<SwapPartner> {
    let Some(member) = index.member_index(member_id) else {
        return Vec::new();
    };
    let mut edges = partner_edges(index, member, true, false);
    let score = |e: &PartnerEdge| {
        let bridging =
            0.5 * f32::from(u8::from(e.other_team)) + 0.5 * f32::from(u8::from(e.new_contact));
        (e.learn * e.teach).sqrt() + config.weights.bridging * bridging
    };
    edges.sort_by(|a, b| score(b).total_cmp(&score(a)).then(a.other.cmp(&b.other)));
    edges.truncate(limit);
    edges
        .iter()
        .map(|e| {
            let them = index.member(e.other);
            let mut reason = Vec::new();
            if let Some(tag) = e.learn_tag {
                reason.push(ReasonPart::HostCanTeach {
                    host: them.name.clone(),
                    tag: index.tag_label(tag).to_string(),
                });
            }
            if let Some(tag) = e.teach_tag {
                reason.push(ReasonPart::HostWantsYours {
                    host: them.name.clone(),
                    tag: index.tag_label(tag).to_string(),
                });
            }
            if e.other_team {
                reason.push(ReasonPart::OtherTeam {
                    host: them.name.clone(),
                });
            }
            reason.push(ReasonPart::BothFree {
                when: index.horizon.slot_label(e.first_slot),
            });
            SwapPartner {
                member_id: them.id.clone(),
                name: them.name.clone(),
                score: score(e),
                learn: e.learn,
                teach: e.teach,
                first_shared_slot: e.first_slot,
                reason,
            }
        })
        .collect()
}

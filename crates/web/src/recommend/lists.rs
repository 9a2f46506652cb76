//! The engine's lists in the web's form: the reason's parts (worded by [`super::reason`] in the
//! viewer's language), the score breakdown, the first time both are free; dismissed topics and
//! hosts are left out.

use chrono::{DateTime, Utc};
use peerlearn_engine::matching::index::MemberRec;
use peerlearn_engine::matching::swap::partner_edges;
use peerlearn_engine::matching::{
    Breakdown, Index, MatchConfig, ReasonPart, Recommendation, swap_partners,
};

use super::build::Slots;

/// The score of a recommended topic, signal by signal (each in `[0, 1]`; `dismissal` and
/// `exposure` are multipliers in `(0, 1]`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Scores {
    pub total: f32,
    /// Tag overlap, related tags and text together.
    pub relevance: f32,
    pub tags: f32,
    pub related: f32,
    pub text: f32,
    /// The host wants what the member offers.
    pub reciprocity: f32,
    /// Another team and never met.
    pub bridging: f32,
    /// Pushes down hosts already shown more than their free capacity warrants.
    pub exposure: f32,
    pub freshness: f32,
    pub dismissal: f32,
}

impl From<Breakdown> for Scores {
    fn from(b: Breakdown) -> Self {
        Self {
            total: b.total,
            relevance: b.relevance,
            tags: b.tags,
            related: b.related,
            text: b.text,
            reciprocity: b.reciprocity,
            bridging: b.bridging,
            exposure: b.exposure,
            freshness: b.freshness,
            dismissal: b.dismissal,
        }
    }
}

/// A recommended topic.
#[derive(Debug, Clone)]
pub struct RecItem {
    pub topic_id: String,
    pub title: String,
    pub host_id: String,
    pub host_name: String,
    pub scores: Scores,
    /// Why, part by part; a `BothFree` part stands for `first_free`.
    pub reason: Vec<ReasonPart>,
    /// The first time both are free for the meeting (feasibility).
    pub first_free: Option<DateTime<Utc>>,
    /// In the share reserved for people on other teams one has not met.
    pub bridging: bool,
}

/// A recommended person.
#[derive(Debug, Clone)]
pub struct PersonItem {
    pub member_id: String,
    pub name: String,
    pub score: f32,
    /// What the member could learn from them, `[0, 1]`.
    pub learn: f32,
    /// What they could learn from the member, `[0, 1]`.
    pub teach: f32,
    /// Why, part by part; a `BothFree` part stands for `first_free`.
    pub reason: Vec<ReasonPart>,
    pub first_free: Option<DateTime<Utc>>,
}

fn me<'a>(index: &'a Index, member: &str) -> Option<(u32, &'a MemberRec)> {
    index.member_index(member).map(|m| (m, index.member(m)))
}

fn host_dismissed(index: &Index, me: &MemberRec, host: &str) -> bool {
    index
        .member_index(host)
        .is_some_and(|h| me.dismissed_hosts.binary_search(&h).is_ok())
}

pub fn topic_items(
    index: &Index,
    slots: &Slots,
    member: &str,
    list: Vec<Recommendation>,
) -> Vec<RecItem> {
    let Some((_, rec)) = me(index, member) else {
        return Vec::new();
    };
    list.into_iter()
        .filter(|r| {
            rec.dismissed_topics.binary_search(&r.topic_id).is_err()
                && !host_dismissed(index, rec, &r.host_id)
        })
        .map(|r| RecItem {
            reason: r.reason,
            scores: r.score.into(),
            first_free: slots.start_of(r.first_shared_slot),
            topic_id: r.topic_id,
            title: r.topic_title,
            host_id: r.host_id,
            host_name: r.host_name,
            bridging: r.bridging,
        })
        .collect()
}

/// Reciprocal partners: each can teach the other something.
pub fn swap_items(
    index: &Index,
    config: &MatchConfig,
    slots: &Slots,
    member: &str,
) -> Vec<PersonItem> {
    let Some((_, rec)) = me(index, member) else {
        return Vec::new();
    };
    swap_partners(index, config, member, super::MAX_LIST * 2)
        .into_iter()
        .filter(|p| !host_dismissed(index, rec, &p.member_id))
        .take(super::MAX_LIST)
        .map(|p| PersonItem {
            reason: p.reason,
            first_free: slots.start_of(p.first_shared_slot),
            member_id: p.member_id,
            name: p.name,
            score: p.score,
            learn: p.learn,
            teach: p.teach,
        })
        .collect()
}

/// People to learn from: they offer what the member wants (reciprocity and bridging add).
pub fn people_items(
    index: &Index,
    config: &MatchConfig,
    slots: &Slots,
    member: &str,
) -> Vec<PersonItem> {
    let Some((m, rec)) = me(index, member) else {
        return Vec::new();
    };
    let weights = &config.weights;
    let mut edges: Vec<_> = partner_edges(index, m, false, false)
        .into_iter()
        .filter(|e| e.learn > 0.0 && rec.dismissed_hosts.binary_search(&e.other).is_err())
        .map(|e| {
            let bridging =
                0.5 * f32::from(u8::from(e.other_team)) + 0.5 * f32::from(u8::from(e.new_contact));
            let score = e.learn + weights.reciprocity * e.teach + weights.bridging * bridging;
            (score, e)
        })
        .collect();
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.other.cmp(&b.1.other)));
    edges
        .into_iter()
        .take(super::MAX_LIST)
        .map(|(score, e)| {
            let them = index.member(e.other);
            let mut parts = Vec::new();
            if let Some(tag) = e.learn_tag {
                parts.push(ReasonPart::HostCanTeach {
                    host: them.name.clone(),
                    tag: index.tag_label(tag).to_string(),
                });
            }
            if let (Some(tag), true) = (e.teach_tag, e.teach > 0.0) {
                parts.push(ReasonPart::HostWantsYours {
                    host: them.name.clone(),
                    tag: index.tag_label(tag).to_string(),
                });
            }
            if e.other_team {
                parts.push(ReasonPart::OtherTeam {
                    host: them.name.clone(),
                });
            }
            if e.new_contact && !e.other_team {
                parts.push(ReasonPart::NewContact {
                    host: them.name.clone(),
                });
            }
            parts.push(ReasonPart::BothFree {
                when: index.horizon.slot_label(e.first_slot),
            });
            PersonItem {
                member_id: them.id.clone(),
                name: them.name.clone(),
                score,
                learn: e.learn,
                teach: e.teach,
                reason: parts,
                first_free: slots.start_of(e.first_slot),
            }
        })
        .collect()
}

//! Input types: members, topics, the community horizon, and settings.

use serde::{Deserialize, Serialize};

/// A half-open range of slot indices `[start, end)`, as in `p2p-sched/1`.
pub type SlotRange = (u32, u32);

/// One day (or session) of the community's horizon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Day {
    /// Short label shown to members, e.g. "Tue".
    pub label: String,
    pub start_slot: u32,
    pub end_slot: u32,
    /// Minutes after midnight at which `start_slot` begins.
    pub first_minute: u32,
}

/// The time the community can meet in, cut into slots.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Horizon {
    pub slot_minutes: u32,
    pub days: Vec<Day>,
}

impl Horizon {
    /// One day of `slots` slots of `slot_minutes` starting at `first_minute`.
    pub fn single_day(label: &str, slots: u32, slot_minutes: u32, first_minute: u32) -> Self {
        Self {
            slot_minutes,
            days: vec![Day {
                label: label.to_string(),
                start_slot: 0,
                end_slot: slots,
                first_minute,
            }],
        }
    }

    /// Number of slots (one past the last slot of any day).
    pub fn num_slots(&self) -> u32 {
        self.days.iter().map(|d| d.end_slot).max().unwrap_or(0)
    }

    /// Human label of a slot, e.g. "Tue 10:30".
    pub fn slot_label(&self, slot: u32) -> String {
        match self
            .days
            .iter()
            .find(|d| (d.start_slot..d.end_slot).contains(&slot))
        {
            Some(day) => {
                let minute = day.first_minute + (slot - day.start_slot) * self.slot_minutes;
                format!("{} {}:{:02}", day.label, minute / 60, minute % 60)
            }
            None => format!("slot {slot}"),
        }
    }
}

/// A community member as the matching engine sees them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    /// Display name used in reasons.
    pub name: String,
    pub team: String,
    pub languages: Vec<String>,
    /// Tags the member can share.
    pub offers: Vec<String>,
    /// Tags the member wants to learn.
    pub wants: Vec<String>,
    /// Headline and bio.
    pub profile: String,
    pub availability: Vec<SlotRange>,
    /// Ids of members they have already met.
    pub met: Vec<String>,
    pub dismissed_topics: Vec<String>,
    pub dismissed_hosts: Vec<String>,
}

/// Whether a topic offers knowledge or asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicKind {
    Offer,
    Ask,
}

/// Meeting format of a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicFormat {
    OneOnOne,
    Group { capacity: u32 },
}

impl TopicFormat {
    /// Typical meeting length.
    pub fn minutes(self) -> u32 {
        match self {
            Self::OneOnOne => 30,
            Self::Group { .. } => 45,
        }
    }
}

/// A topic posted by a member.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    /// Member id of the host.
    pub host: String,
    pub kind: TopicKind,
    pub tags: Vec<String>,
    pub title: String,
    pub description: String,
    pub format: TopicFormat,
    /// Language the meeting is held in; `None`: any language host and guest share.
    pub language: Option<String>,
    /// Requests the host can still take per day (their free capacity).
    pub requests_left: u32,
    /// When the topic can be met; `None`: the host's availability.
    pub availability: Option<Vec<SlotRange>>,
    /// Day index the topic was posted on (for freshness).
    pub posted_day: u32,
}

/// Weights of the signals in the total score.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Weights {
    /// Within relevance: direct tag overlap.
    pub tags: f32,
    /// Within relevance: related tags (co-occurring across profiles).
    pub related: f32,
    /// Within relevance: text (BM25 over title, description and tags).
    pub text: f32,
    pub reciprocity: f32,
    pub bridging: f32,
    pub freshness: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            tags: 0.55,
            related: 0.15,
            text: 0.30,
            reciprocity: 0.35,
            bridging: 0.15,
            freshness: 0.05,
        }
    }
}

/// Settings of the recommender.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MatchConfig {
    pub weights: Weights,
    /// Entries per list.
    pub list_len: usize,
    /// Share of each list reserved for high-distance matches (other team, never met) with good
    /// relevance.
    pub bridging_share: f32,
    /// "Good relevance" for the reserved share: at least this fraction of the list's best.
    pub bridging_min_relevance: f32,
    /// At most this many topics from one host in one list.
    pub max_per_host: usize,
    /// Score multiplier for a topic the member dismissed.
    pub dismissed_topic_factor: f32,
    /// Score multiplier for topics of a host the member dismissed.
    pub dismissed_host_factor: f32,
    /// How strongly over-exposed hosts are pushed down (0 = off).
    pub fairness: f32,
    /// Exposure budgets are `slack ×` the capacity-proportional share.
    pub exposure_slack: f32,
    /// Candidates fully scored per query.
    pub candidate_pool: usize,
    /// Candidates per member the batch allocation chooses from (a multiple of `list_len`).
    pub batch_candidates: usize,
    /// Topics below this relevance are not recommended.
    pub min_relevance: f32,
    /// Related tags kept per tag.
    pub related_per_tag: usize,
    /// Related tags below this co-occurrence similarity are ignored.
    pub related_min_similarity: f32,
    /// Terms in more than this share of topics carry too little information to scan.
    pub text_max_df_share: f32,
    /// Related tags and terms in more than this share of topics refine the scores of topics
    /// found otherwise but do not bring in new candidates (they would touch most of the index).
    pub generating_df_share: f32,
    /// BM25 score at which the text signal reaches one half.
    pub text_saturation: f32,
    pub freshness_half_life_days: f32,
}

impl Default for MatchConfig {
    fn default() -> Self {
        Self {
            weights: Weights::default(),
            list_len: 20,
            bridging_share: 0.3,
            bridging_min_relevance: 0.5,
            max_per_host: 2,
            dismissed_topic_factor: 0.1,
            dismissed_host_factor: 0.4,
            fairness: 1.0,
            exposure_slack: 1.2,
            candidate_pool: 300,
            batch_candidates: 80,
            min_relevance: 0.05,
            related_per_tag: 8,
            related_min_similarity: 0.15,
            text_max_df_share: 0.1,
            generating_df_share: 0.005,
            text_saturation: 8.0,
            freshness_half_life_days: 3.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_labels_use_day_and_clock_time() {
        let horizon = Horizon {
            slot_minutes: 30,
            days: vec![
                Day {
                    label: "Mon".into(),
                    start_slot: 0,
                    end_slot: 16,
                    first_minute: 9 * 60,
                },
                Day {
                    label: "Tue".into(),
                    start_slot: 16,
                    end_slot: 32,
                    first_minute: 9 * 60,
                },
            ],
        };
        assert_eq!(horizon.slot_label(19), "Tue 10:30");
        assert_eq!(horizon.slot_label(0), "Mon 9:00");
        assert_eq!(horizon.num_slots(), 32);
        assert_eq!(horizon.slot_label(40), "slot 40");
    }
}

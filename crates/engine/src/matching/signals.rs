//! The per-pair signals, each a number in `[0, 1]` (multipliers in `(0, 1]`).

use super::index::{Index, MemberRec, TopicRec};
use super::model::MatchConfig;

/// Credit of one directly matching tag; several combine as `1 − Π(1 − credit·weight)`.
pub const TAG_CREDIT: f32 = 0.8;

/// A tag the member is interested in, directly (`weight == 1`) or through a related tag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interest {
    pub tag: u32,
    pub weight: f32,
    /// The member's own tag this interest comes from.
    pub source: u32,
}

/// The member's tags plus their related tags at partial weight, sorted by tag.
pub fn expand(index: &Index, own: &[u32]) -> Vec<Interest> {
    let mut out: Vec<Interest> = own
        .iter()
        .map(|&tag| Interest {
            tag,
            weight: 1.0,
            source: tag,
        })
        .collect();
    for &source in own {
        for &(tag, similarity) in index.related_of(source) {
            out.push(Interest {
                tag,
                weight: 0.5 * similarity,
                source,
            });
        }
    }
    out.sort_by(|a, b| a.tag.cmp(&b.tag).then(b.weight.total_cmp(&a.weight)));
    out.dedup_by_key(|i| i.tag);
    out
}

fn lookup(interests: &[Interest], tag: u32) -> Option<&Interest> {
    interests
        .binary_search_by_key(&tag, |i| i.tag)
        .ok()
        .map(|i| &interests[i])
}

/// Direct and related tag matches of `tags` against `interests`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TagMatch {
    /// `1 − 0.2^direct`.
    pub direct: f32,
    /// Related matches among tags not matched directly.
    pub related: f32,
    /// First directly matched tag.
    pub direct_tag: Option<u32>,
    /// Strongest related match: (member's tag, matched tag).
    pub related_pair: Option<(u32, u32)>,
}

pub fn tag_match(interests: &[Interest], tags: &[u32]) -> TagMatch {
    let mut miss_direct = 1.0f32;
    let mut miss_related = 1.0f32;
    let mut out = TagMatch::default();
    let mut best_related = 0.0f32;
    for &tag in tags {
        let Some(interest) = lookup(interests, tag) else {
            continue;
        };
        if interest.weight >= 1.0 {
            miss_direct *= 1.0 - TAG_CREDIT;
            out.direct_tag.get_or_insert(tag);
        } else {
            miss_related *= 1.0 - TAG_CREDIT * interest.weight;
            if interest.weight > best_related {
                best_related = interest.weight;
                out.related_pair = Some((interest.source, tag));
            }
        }
    }
    out.direct = 1.0 - miss_direct;
    out.related = 1.0 - miss_related;
    out
}

/// Reciprocity: the other side's tags (e.g. what the host wants) against the member's
/// interests on the other side (e.g. what the member offers, expanded). Direct and related
/// matches combined. Returns the score and the first directly matched tag.
pub fn reciprocity(counter: &[Interest], other_tags: &[u32]) -> (f32, Option<u32>) {
    let m = tag_match(counter, other_tags);
    let score = 1.0 - (1.0 - m.direct) * (1.0 - m.related);
    (score, m.direct_tag.or(m.related_pair.map(|(_, t)| t)))
}

/// Text signal from a BM25 score: `bm25 / (bm25 + saturation)`.
pub fn text_signal(bm25: f32, config: &MatchConfig) -> f32 {
    if bm25 <= 0.0 {
        0.0
    } else {
        bm25 / (bm25 + config.text_saturation)
    }
}

/// Bridging: half for another team, half for never having met (as recorded by either).
pub fn bridging(
    member: &MemberRec,
    member_index: u32,
    host_index: u32,
    host: &MemberRec,
) -> (f32, bool, bool) {
    let other_team = member.team != host.team;
    let new_contact = member.met.binary_search(&host_index).is_err()
        && host.met.binary_search(&member_index).is_err();
    let score = 0.5 * f32::from(u8::from(other_team)) + 0.5 * f32::from(u8::from(new_contact));
    (score, other_team, new_contact)
}

/// Freshness: halves every `freshness_half_life_days`.
pub fn freshness(today: u32, topic: &TopicRec, config: &MatchConfig) -> f32 {
    let age = today.saturating_sub(topic.posted_day) as f32;
    0.5f32.powf(age / config.freshness_half_life_days.max(0.1))
}

/// Language compatibility: the topic's language if set, else any language both speak. A side
/// that lists no languages is treated as compatible.
pub fn languages_ok(member: &MemberRec, host: &MemberRec, topic: &TopicRec) -> bool {
    match topic.language {
        Some(language) => {
            member.languages.is_empty() || member.languages.binary_search(&language).is_ok()
        }
        None => {
            member.languages.is_empty()
                || host.languages.is_empty()
                || member
                    .languages
                    .iter()
                    .any(|l| host.languages.binary_search(l).is_ok())
        }
    }
}

/// Multiplier for dismissed topics and hosts.
pub fn dismissal(member: &MemberRec, topic: &TopicRec, config: &MatchConfig) -> f32 {
    let mut factor = 1.0;
    if member.dismissed_topics.binary_search(&topic.id).is_ok() {
        factor *= config.dismissed_topic_factor;
    }
    if member.dismissed_hosts.binary_search(&topic.host).is_ok() {
        factor *= config.dismissed_host_factor;
    }
    factor
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::model::{TopicFormat, TopicKind};

    fn interests(direct: &[u32], related: &[(u32, f32, u32)]) -> Vec<Interest> {
        let mut v: Vec<Interest> = direct
            .iter()
            .map(|&tag| Interest {
                tag,
                weight: 1.0,
                source: tag,
            })
            .chain(related.iter().map(|&(tag, weight, source)| Interest {
                tag,
                weight,
                source,
            }))
            .collect();
        v.sort_by_key(|i| i.tag);
        v
    }

    fn topic(id: &str, host: u32, posted_day: u32) -> TopicRec {
        TopicRec {
            id: id.into(),
            host,
            kind: TopicKind::Offer,
            live: true,
            tags: vec![],
            title: String::new(),
            format: TopicFormat::OneOnOne,
            language: None,
            requests_left: 1,
            own_slots: false,
            posted_day,
            doc_len: 0,
        }
    }

    #[test]
    fn relevance_tags_direct_beats_related_and_more_is_better() {
        let wants = interests(&[1, 2], &[(7, 0.4, 1)]);
        let one = tag_match(&wants, &[1, 5]);
        let two = tag_match(&wants, &[1, 2]);
        let related = tag_match(&wants, &[7]);
        assert!((one.direct - 0.8).abs() < 1e-6);
        assert!(two.direct > one.direct);
        assert_eq!(related.direct, 0.0);
        assert!(related.related > 0.0 && related.related < one.direct);
        assert_eq!(related.related_pair, Some((1, 7)));
        assert_eq!(one.direct_tag, Some(1));
    }

    #[test]
    fn reciprocity_rewards_host_wanting_what_member_offers() {
        let offers = interests(&[3], &[]);
        assert!((reciprocity(&offers, &[3, 9]).0 - 0.8).abs() < 1e-6);
        assert_eq!(reciprocity(&offers, &[9]).0, 0.0);
        assert_eq!(reciprocity(&offers, &[3]).1, Some(3));
    }

    #[test]
    fn bridging_counts_team_and_new_contact() {
        let member = MemberRec {
            team: 0,
            met: vec![5],
            ..MemberRec::default()
        };
        let same_team = MemberRec {
            team: 0,
            ..MemberRec::default()
        };
        let other_team = MemberRec {
            team: 1,
            ..MemberRec::default()
        };
        assert_eq!(bridging(&member, 0, 5, &same_team).0, 0.0);
        assert_eq!(bridging(&member, 0, 6, &same_team).0, 0.5);
        assert_eq!(bridging(&member, 0, 6, &other_team), (1.0, true, true));
        let remembers = MemberRec {
            team: 1,
            met: vec![0],
            ..MemberRec::default()
        };
        assert_eq!(bridging(&member, 0, 7, &remembers), (0.5, true, false));
    }

    #[test]
    fn text_signal_saturates() {
        let config = MatchConfig::default();
        assert_eq!(text_signal(0.0, &config), 0.0);
        assert!((text_signal(config.text_saturation, &config) - 0.5).abs() < 1e-6);
        assert!(text_signal(100.0, &config) < 1.0);
    }

    #[test]
    fn freshness_halves_with_age() {
        let config = MatchConfig::default();
        assert_eq!(freshness(10, &topic("t", 0, 10), &config), 1.0);
        let aged = freshness(13, &topic("t", 0, 10), &config);
        assert!((aged - 0.5).abs() < 1e-6);
    }

    #[test]
    fn languages_must_be_shared() {
        let member = MemberRec {
            languages: vec![0],
            ..MemberRec::default()
        };
        let host = MemberRec {
            languages: vec![1],
            ..MemberRec::default()
        };
        let mut t = topic("t", 0, 0);
        assert!(!languages_ok(&member, &host, &t));
        t.language = Some(0);
        assert!(languages_ok(&member, &host, &t));
    }

    #[test]
    fn dismissals_lower_topics_and_hosts() {
        let config = MatchConfig::default();
        let member = MemberRec {
            dismissed_topics: vec!["t1".into()],
            dismissed_hosts: vec![4],
            ..MemberRec::default()
        };
        assert_eq!(dismissal(&member, &topic("t0", 0, 0), &config), 1.0);
        assert_eq!(
            dismissal(&member, &topic("t1", 0, 0), &config),
            config.dismissed_topic_factor
        );
        assert_eq!(
            dismissal(&member, &topic("t2", 4, 0), &config),
            config.dismissed_host_factor
        );
    }
}

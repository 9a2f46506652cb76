//! Property tests: every list the recommender returns respects its invariants.

use peerlearn_engine::matching::{
    Horizon, Index, ListKind, MatchConfig, Member, Recommender, Scratch, Topic, TopicFormat,
    TopicKind, pair_rounds, recommend_all,
};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

const TAGS: [&str; 8] = ["rust", "sql", "go", "ux", "ml", "k8s", "excel", "kafka"];

fn tags(mask: u8) -> Vec<String> {
    TAGS.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, t)| t.to_string())
        .collect()
}

#[derive(Debug, Clone)]
struct Spec {
    members: Vec<(u8, u8, u8, u8, u8, bool)>,
    topics: Vec<(usize, u8, bool, u8, u8)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(
            (
                any::<u8>(),
                any::<u8>(),
                0u8..3,
                0u8..12,
                1u8..6,
                any::<bool>(),
            ),
            2..25,
        ),
        prop::collection::vec((0usize..25, 1u8..255, any::<bool>(), 0u8..3, 0u8..8), 0..40),
    )
        .prop_map(|(members, topics)| Spec { members, topics })
}

fn build(spec: &Spec, config: &MatchConfig) -> (Index, Vec<Member>, Vec<Topic>) {
    let members: Vec<Member> = spec
        .members
        .iter()
        .enumerate()
        .map(|(i, &(o, w, team, start, len, german))| Member {
            id: format!("m{i}"),
            name: format!("M{i}"),
            team: format!("t{team}"),
            languages: if german {
                vec!["de".into()]
            } else {
                vec!["en".into()]
            },
            offers: tags(o),
            wants: tags(w),
            profile: format!("I like {}", tags(w).join(" ")),
            availability: vec![(u32::from(start), u32::from(start + len))],
            met: if i > 0 {
                vec![format!("m{}", i - 1)]
            } else {
                vec![]
            },
            ..Member::default()
        })
        .collect();
    let topics: Vec<Topic> = spec
        .topics
        .iter()
        .enumerate()
        .map(|(i, &(host, mask, ask, left, day))| Topic {
            id: format!("t{i}"),
            host: format!("m{}", host % members.len()),
            kind: if ask {
                TopicKind::Ask
            } else {
                TopicKind::Offer
            },
            tags: tags(mask),
            title: tags(mask).join(" and "),
            description: String::new(),
            format: TopicFormat::OneOnOne,
            language: None,
            requests_left: u32::from(left),
            availability: None,
            posted_day: u32::from(day),
        })
        .collect();
    let horizon = Horizon::single_day("Mon", 16, 30, 9 * 60);
    let index = Index::build(horizon, 7, &members, &topics, config);
    (index, members, topics)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn lists_respect_their_invariants(spec in spec()) {
        let config = MatchConfig { list_len: 6, ..MatchConfig::default() };
        let (index, members, topics) = build(&spec, &config);
        let by_id: HashMap<&str, &Member> = members.iter().map(|m| (m.id.as_str(), m)).collect();
        let topic_by_id: HashMap<&str, &Topic> = topics.iter().map(|t| (t.id.as_str(), t)).collect();
        let recommender = Recommender::new(&index, &config);
        let mut scratch = Scratch::default();
        for member in &members {
            for kind in [ListKind::ForYou, ListKind::CouldHelp] {
                let list = recommender.list(&member.id, kind, None, &mut scratch);
                prop_assert!(list.len() <= config.list_len);
                let mut per_host: HashMap<&str, usize> = HashMap::new();
                let mut seen = HashSet::new();
                for r in &list {
                    prop_assert!(seen.insert(r.topic_id.clone()), "topic twice");
                    prop_assert_ne!(&r.host_id, &member.id);
                    *per_host.entry(r.host_id.as_str()).or_default() += 1;
                    let topic = topic_by_id[r.topic_id.as_str()];
                    prop_assert_eq!(topic.kind, kind.topic_kind());
                    if kind == ListKind::ForYou {
                        prop_assert!(topic.requests_left > 0);
                    }
                    let host = by_id[r.host_id.as_str()];
                    prop_assert!(host.languages.iter().any(|l| member.languages.contains(l)));
                    let free = |m: &Member, s: u32| m.availability.iter().any(|&(a, b)| a <= s && s < b);
                    prop_assert!(free(member, r.first_shared_slot) && free(host, r.first_shared_slot));
                    let b = r.score;
                    for v in [b.tags, b.related, b.text, b.relevance, b.reciprocity, b.bridging, b.freshness] {
                        prop_assert!((0.0..=1.0).contains(&v));
                    }
                    prop_assert!(b.relevance >= config.min_relevance);
                    prop_assert!(!r.reason.is_empty());
                }
                prop_assert!(per_host.values().all(|&n| n <= config.max_per_host));
                prop_assert!(list.windows(2).all(|w| w[0].score.total >= w[1].score.total));
            }
        }
        let batch = recommend_all(&index, &config, ListKind::ForYou, 2);
        for list in &batch.lists {
            prop_assert!(list.len() <= config.list_len);
            let mut per_host: HashMap<u32, usize> = HashMap::new();
            for (s, _) in list {
                *per_host.entry(s.host).or_default() += 1;
            }
            prop_assert!(per_host.values().all(|&n| n <= config.max_per_host));
        }
    }

    #[test]
    fn pairing_rounds_are_matchings_without_repeats(spec in spec(), rounds in 1usize..4) {
        let config = MatchConfig::default();
        let (index, members, _) = build(&spec, &config);
        let met: HashSet<(String, String)> = members
            .iter()
            .flat_map(|m| m.met.iter().map(move |o| (m.id.clone(), o.clone())))
            .collect();
        let plan = pair_rounds(&index, &config, rounds, 8);
        let mut pairs_seen = HashSet::new();
        for round in &plan {
            let mut busy = HashSet::new();
            for p in &round.pairs {
                prop_assert!(busy.insert(p.host.clone()) && busy.insert(p.guest.clone()));
                let key = if p.host < p.guest { (p.host.clone(), p.guest.clone()) } else { (p.guest.clone(), p.host.clone()) };
                prop_assert!(pairs_seen.insert(key.clone()));
                prop_assert!(!met.contains(&key) && !met.contains(&(key.1.clone(), key.0.clone())));
            }
            prop_assert!(round.weight <= round.upper_bound + 1e-6);
        }
    }
}

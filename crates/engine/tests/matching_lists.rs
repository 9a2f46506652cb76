//! End-to-end behaviour of the recommender on small hand-made communities.

use peerlearn_engine::matching::{
    Day, Horizon, Index, ListKind, MatchConfig, Member, Recommender, Scratch, Topic, TopicFormat,
    TopicKind, pair_rounds, pairs_to_requests, recommend_all, render_reason, swap_partners,
};
use std::collections::HashSet;

fn horizon() -> Horizon {
    Horizon {
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
    }
}

fn member(id: &str, team: &str, offers: &[&str], wants: &[&str]) -> Member {
    Member {
        id: id.into(),
        name: id[..1].to_uppercase() + &id[1..],
        team: team.into(),
        languages: vec!["en".into()],
        offers: offers.iter().map(|s| s.to_string()).collect(),
        wants: wants.iter().map(|s| s.to_string()).collect(),
        profile: String::new(),
        availability: vec![(0, 32)],
        ..Member::default()
    }
}

fn offer(id: &str, host: &str, tags: &[&str], title: &str) -> Topic {
    Topic {
        id: id.into(),
        host: host.into(),
        kind: TopicKind::Offer,
        tags: tags.iter().map(|s| s.to_string()).collect(),
        title: title.into(),
        description: String::new(),
        format: TopicFormat::OneOnOne,
        language: None,
        requests_left: 3,
        availability: None,
        posted_day: 0,
    }
}

fn list(index: &Index, config: &MatchConfig, who: &str, kind: ListKind) -> Vec<String> {
    Recommender::new(index, config)
        .list(who, kind, None, &mut Scratch::default())
        .into_iter()
        .map(|r| r.topic_id)
        .collect()
}

#[test]
fn reason_is_built_from_real_signals() {
    let mut bo = member("bo", "platform", &["Go"], &["Kubernetes"]);
    bo.availability = vec![(19, 21)];
    let ana = member("ana", "data", &["Kubernetes"], &[]);
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &[bo, ana],
        &[offer("k8s", "ana", &["Kubernetes"], "Kubernetes from zero")],
        &config,
    );
    let recs = Recommender::new(&index, &config).list(
        "bo",
        ListKind::ForYou,
        None,
        &mut Scratch::default(),
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(
        render_reason(&recs[0].reason),
        "You want to learn Kubernetes; Ana offers it; Ana is on another team; you are both free Tue 10:30; it is new"
    );
    assert!(recs[0].score.tags > 0.0 && recs[0].score.text > 0.0);
    assert_eq!(recs[0].score.bridging, 1.0);
}

#[test]
fn infeasible_topics_are_not_recommended() {
    let mut bo = member("bo", "a", &[], &["rust"]);
    bo.availability = vec![(0, 4)];
    let mut late = member("late", "b", &["rust"], &[]);
    late.availability = vec![(10, 12)];
    let mut french = member("fr", "b", &["rust"], &[]);
    french.languages = vec!["fr".into()];
    let full = member("full", "b", &["rust"], &[]);
    let ok = member("ok", "b", &["rust"], &[]);
    let mut topics = vec![
        offer("t-late", "late", &["rust"], "Rust"),
        offer("t-fr", "fr", &["rust"], "Rust"),
        offer("t-full", "full", &["rust"], "Rust"),
        offer("t-ok", "ok", &["rust"], "Rust"),
    ];
    topics[2].requests_left = 0;
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &[bo, late, french, full, ok],
        &topics,
        &config,
    );
    assert_eq!(list(&index, &config, "bo", ListKind::ForYou), vec!["t-ok"]);
}

#[test]
fn a_new_topic_is_recommendable_without_a_rebuild() {
    let config = MatchConfig::default();
    let mut index = Index::build(
        horizon(),
        0,
        &[
            member("bo", "a", &[], &["sql"]),
            member("cy", "b", &["sql"], &[]),
        ],
        &[],
        &config,
    );
    assert!(list(&index, &config, "bo", ListKind::ForYou).is_empty());
    index.upsert_topic(&offer("sql-1", "cy", &["SQL"], "Window functions in SQL"));
    assert_eq!(list(&index, &config, "bo", ListKind::ForYou), vec!["sql-1"]);
    assert!(index.remove_topic("sql-1"));
    assert!(list(&index, &config, "bo", ListKind::ForYou).is_empty());
}

#[test]
fn text_and_stemming_find_topics_without_tags() {
    let mut bo = member("bo", "a", &[], &[]);
    bo.profile = "I am deploying containers and want to understand scheduling".into();
    let mut topic = offer("t", "cy", &[], "How container deployment works");
    topic.description = "Schedulers, pods and rollouts.".into();
    // Other topics give the text statistics a realistic document frequency.
    let mut topics: Vec<Topic> = (0..30)
        .map(|i| {
            offer(
                &format!("o{i}"),
                "cy",
                &[],
                &format!("Watercolour painting part {i}"),
            )
        })
        .collect();
    topics.push(topic);
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &[bo, member("cy", "b", &[], &[])],
        &topics,
        &config,
    );
    let recs = Recommender::new(&index, &config).list(
        "bo",
        ListKind::ForYou,
        None,
        &mut Scratch::default(),
    );
    assert_eq!(recs.len(), 1);
    assert!(recs[0].score.text > 0.0);
    assert_eq!(recs[0].score.tags, 0.0);
}

#[test]
fn related_tags_count_as_partial_matches() {
    // Many profiles list docker and kubernetes together.
    let mut members: Vec<Member> = (0..10)
        .map(|i| member(&format!("p{i}"), "x", &["docker", "kubernetes"], &[]))
        .collect();
    members.push(member("bo", "a", &[], &["docker"]));
    members.push(member("cy", "b", &["kubernetes"], &[]));
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &members,
        &[offer("k", "cy", &["kubernetes"], "K8s")],
        &config,
    );
    let recs = Recommender::new(&index, &config).list(
        "bo",
        ListKind::ForYou,
        None,
        &mut Scratch::default(),
    );
    assert_eq!(recs.len(), 1);
    assert!(recs[0].score.related > 0.0);
    assert_eq!(recs[0].score.tags, 0.0);
    assert!(
        render_reason(&recs[0].reason)
            .starts_with("You want to learn docker, which goes with kubernetes")
    );
}

#[test]
fn reciprocity_and_bridging_break_ties() {
    let bo = member("bo", "a", &["go"], &["sql"]);
    let same = member("same", "a", &["sql"], &[]);
    let other = member("other", "b", &["sql"], &[]);
    let keen = member("keen", "a", &["sql"], &["go"]);
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &[bo, same, other, keen],
        &[
            offer("t-same", "same", &["sql"], "SQL"),
            offer("t-other", "other", &["sql"], "SQL"),
            offer("t-keen", "keen", &["sql"], "SQL"),
        ],
        &config,
    );
    let order = list(&index, &config, "bo", ListKind::ForYou);
    assert_eq!(order[0], "t-keen", "reciprocity first: {order:?}");
    assert_eq!(
        order[2], "t-same",
        "same team and no reciprocity last: {order:?}"
    );
}

#[test]
fn dismissals_lower_topics_and_hosts() {
    let mut bo = member("bo", "a", &[], &["sql"]);
    let config = MatchConfig::default();
    let members = |bo: &Member| {
        vec![
            bo.clone(),
            member("x", "b", &["sql"], &[]),
            member("y", "b", &["sql"], &[]),
        ]
    };
    let topics = [
        offer("tx", "x", &["sql"], "SQL"),
        offer("ty", "y", &["sql"], "SQL"),
    ];
    let index = Index::build(horizon(), 0, &members(&bo), &topics, &config);
    assert_eq!(list(&index, &config, "bo", ListKind::ForYou)[0], "tx");
    bo.dismissed_topics = vec!["tx".into()];
    let index = Index::build(horizon(), 0, &members(&bo), &topics, &config);
    assert_eq!(
        list(&index, &config, "bo", ListKind::ForYou),
        vec!["ty", "tx"]
    );
    bo.dismissed_topics.clear();
    bo.dismissed_hosts = vec!["x".into()];
    let index = Index::build(horizon(), 0, &members(&bo), &topics, &config);
    assert_eq!(list(&index, &config, "bo", ListKind::ForYou)[0], "ty");
}

#[test]
fn one_host_fills_at_most_two_places() {
    let config = MatchConfig::default();
    let topics: Vec<Topic> = (0..5)
        .map(|i| offer(&format!("t{i}"), "prolific", &["sql"], "SQL"))
        .chain([offer("u", "other", &["sql"], "SQL")])
        .collect();
    let index = Index::build(
        horizon(),
        0,
        &[
            member("bo", "a", &[], &["sql"]),
            member("prolific", "b", &["sql"], &[]),
            member("other", "c", &["sql"], &[]),
        ],
        &topics,
        &config,
    );
    let recs = list(&index, &config, "bo", ListKind::ForYou);
    assert_eq!(recs.len(), 3);
    assert!(recs.contains(&"u".to_string()));
}

#[test]
fn bridging_share_is_reserved_when_relevant_enough() {
    let config = MatchConfig {
        list_len: 10,
        ..MatchConfig::default()
    };
    // Same-team hosts score higher (reciprocity), other-team hosts are slightly less relevant.
    let mut members = vec![member("bo", "a", &["go"], &["sql"])];
    let mut topics = Vec::new();
    for i in 0..12 {
        members.push(member(&format!("s{i}"), "a", &["sql"], &["go"]));
        topics.push(offer(&format!("ts{i}"), &format!("s{i}"), &["sql"], "SQL"));
    }
    for i in 0..5 {
        members.push(member(&format!("o{i}"), "b", &["sql"], &[]));
        topics.push(offer(&format!("to{i}"), &format!("o{i}"), &["sql"], "SQL"));
    }
    let index = Index::build(horizon(), 0, &members, &topics, &config);
    let recs = Recommender::new(&index, &config).list(
        "bo",
        ListKind::ForYou,
        None,
        &mut Scratch::default(),
    );
    assert_eq!(recs.len(), 10);
    let bridging = recs.iter().filter(|r| r.bridging).count();
    assert_eq!(bridging, 3);
    assert!(recs.iter().filter(|r| r.host_id.starts_with('o')).count() >= 3);
}

#[test]
fn could_help_lists_asks_matching_what_i_offer() {
    let mut ask = offer(
        "ask",
        "cy",
        &["carbon accounting"],
        "Who can explain carbon accounting?",
    );
    ask.kind = TopicKind::Ask;
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &[
            member("bo", "a", &["Carbon Accounting"], &[]),
            member("cy", "b", &[], &[]),
        ],
        &[ask, offer("other", "cy", &["carbon accounting"], "x")],
        &config,
    );
    let recs = Recommender::new(&index, &config).list(
        "bo",
        ListKind::CouldHelp,
        None,
        &mut Scratch::default(),
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].topic_id, "ask");
    assert!(
        render_reason(&recs[0].reason)
            .starts_with("You can share Carbon Accounting; Cy asks for it")
    );
}

#[test]
fn swap_partners_are_reciprocal() {
    let config = MatchConfig::default();
    let index = Index::build(
        horizon(),
        0,
        &[
            member("bo", "a", &["go"], &["sql"]),
            member("cy", "b", &["sql"], &["go"]),
            member("di", "b", &["sql"], &[]),
        ],
        &[],
        &config,
    );
    let swaps = swap_partners(&index, &config, "bo", 10);
    assert_eq!(swaps.len(), 1);
    assert_eq!(swaps[0].member_id, "cy");
    assert!(swaps[0].learn > 0.0 && swaps[0].teach > 0.0);
}

#[test]
fn pairing_rounds_never_repeat_and_give_one_partner_per_round() {
    let config = MatchConfig::default();
    let tags = ["a", "b", "c", "d"];
    let mut members: Vec<Member> = (0..12)
        .map(|i| {
            member(
                &format!("m{i}"),
                &format!("t{}", i % 3),
                &[tags[i % 4]],
                &[tags[(i + 1) % 4], tags[(i + 2) % 4]],
            )
        })
        .collect();
    members[0].met = vec!["m1".into()];
    let index = Index::build(horizon(), 0, &members, &[], &config);
    let rounds = pair_rounds(&index, &config, 3, 10);
    assert!(!rounds.is_empty());
    let mut seen_pairs = HashSet::new();
    for round in &rounds {
        let mut in_round = HashSet::new();
        assert!(round.weight <= round.upper_bound + 1e-6);
        for pair in &round.pairs {
            assert!(in_round.insert(pair.host.clone()) && in_round.insert(pair.guest.clone()));
            let key = if pair.host < pair.guest {
                (pair.host.clone(), pair.guest.clone())
            } else {
                (pair.guest.clone(), pair.host.clone())
            };
            assert_ne!(key, ("m0".to_string(), "m1".to_string()), "already met");
            assert!(seen_pairs.insert(key), "pair repeated across rounds");
        }
    }
    let requests = pairs_to_requests(&rounds, 30, None);
    assert_eq!(
        requests.len(),
        rounds.iter().map(|r| r.pairs.len()).sum::<usize>()
    );
    assert!(
        requests
            .iter()
            .all(|r| (1..=5).contains(&r.weight) && r.participants.len() == 2)
    );
}

#[test]
fn batch_rations_a_popular_host() {
    // Everybody wants sql; one host has great reciprocity with everyone, three others do not.
    let config = MatchConfig {
        list_len: 2,
        max_per_host: 1,
        ..MatchConfig::default()
    };
    let mut members = vec![member("star", "s", &["sql"], &["go"])];
    let mut topics = vec![offer("t-star", "star", &["sql"], "SQL")];
    for i in 0..3 {
        members.push(member(&format!("h{i}"), "h", &["sql"], &[]));
        topics.push(offer(&format!("t-h{i}"), &format!("h{i}"), &["sql"], "SQL"));
    }
    for i in 0..20 {
        members.push(member(&format!("m{i}"), "m", &["go"], &["sql"]));
    }
    let index = Index::build(horizon(), 0, &members, &topics, &config);
    let batch = recommend_all(&index, &config, ListKind::ForYou, 2);
    let star = index.member_index("star").expect("indexed");
    let shown_star = batch.exposure.shown[star as usize] as f32;
    assert!(shown_star <= batch.exposure.budget[star as usize].ceil());
    // Unconstrained, the star would be in all 20 learners' lists.
    assert!(shown_star < 20.0);
    assert!(batch.lists.iter().all(|l| l.len() <= 2));
    let m0 = batch.list_for(&index, ListKind::ForYou, "m0");
    assert!(!m0.is_empty() && m0.len() <= 2);
    assert!(m0.iter().all(|r| !render_reason(&r.reason).is_empty()));
    assert!(
        batch
            .list_for(&index, ListKind::ForYou, "nobody")
            .is_empty()
    );
}

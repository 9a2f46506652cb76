//! Recommender benchmarks at a size criterion can repeat (10,000 members × 5,000 topics):
//! indexed per-member query against the brute-force baseline (score every topic), incremental
//! insertion, and batch lists for everyone. The 100,000 × 50,000 case is in the
//! `matching_scale` example.
//!
//! Uses the O*NET skill table from `shared/data` when present (CC BY 4.0, USDOL/ETA; modified:
//! sampled into synthetic profiles), else a made-up vocabulary.

use criterion::{Criterion, criterion_group, criterion_main};
use peerlearn_engine::matching::candidates::{score_candidates, score_exhaustive};
use peerlearn_engine::matching::lists::assemble;
use peerlearn_engine::matching::synthetic::{CommunitySpec, SkillTable, generate, parse_onet};
use peerlearn_engine::matching::{
    Index, ListKind, MatchConfig, Scratch, Topic, TopicFormat, TopicKind, recommend_all,
};
use std::hint::black_box;
use std::time::Instant;

/// The allocator of the `peerlearn` binary, which runs the batch in production.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MEMBERS: usize = 10_000;
const TOPICS: usize = 5_000;

fn table() -> SkillTable {
    let path = format!(
        "{}/../../../shared/data/onet_technology_skills.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read_to_string(path) {
        Ok(tsv) => parse_onet(&tsv),
        Err(_) => SkillTable::made_up(8000, 900, 1),
    }
}

fn index(config: &MatchConfig) -> Index {
    let spec = CommunitySpec {
        members: MEMBERS,
        topics_per_member: TOPICS as f64 / MEMBERS as f64,
        ..CommunitySpec::default()
    };
    let community = generate(&table(), &spec);
    community.index(config)
}

fn bench(c: &mut Criterion) {
    let config = MatchConfig::default();
    let mut index = index(&config);
    let members: Vec<u32> = (0..200u32)
        .filter_map(|i| index.member_index(&format!("m{}", (i as usize * 7919) % MEMBERS)))
        .collect();
    let mut scratch = Scratch::default();

    // One-off comparison printed for the record.
    let started = Instant::now();
    for &m in &members {
        black_box(assemble(
            &score_candidates(&index, &config, m, TopicKind::Offer, None, &mut scratch),
            &config,
        ));
    }
    let indexed = started.elapsed();
    let started = Instant::now();
    for &m in &members {
        black_box(assemble(
            &score_exhaustive(&index, &config, m, TopicKind::Offer, &mut scratch),
            &config,
        ));
    }
    let brute = started.elapsed();
    println!(
        "{MEMBERS} members × {TOPICS} topics: indexed {:.1?}/query, brute force {:.1?}/query, speed-up {:.1}x",
        indexed / members.len() as u32,
        brute / members.len() as u32,
        brute.as_secs_f64() / indexed.as_secs_f64().max(1e-12)
    );

    let mut group = c.benchmark_group("matching");
    let mut next = 0usize;
    group.bench_function("query_indexed", |b| {
        b.iter(|| {
            next = (next + 1) % members.len();
            let m = members[next];
            assemble(
                &score_candidates(&index, &config, m, TopicKind::Offer, None, &mut scratch),
                &config,
            )
        })
    });
    group.bench_function("query_brute_force", |b| {
        b.iter(|| {
            next = (next + 1) % members.len();
            let m = members[next];
            assemble(
                &score_exhaustive(&index, &config, m, TopicKind::Offer, &mut scratch),
                &config,
            )
        })
    });
    let mut counter = 0u64;
    group.bench_function("insert_topic", |b| {
        b.iter(|| {
            counter += 1;
            index.upsert_topic(&Topic {
                id: format!("bench-{}", counter % 1000),
                host: "m1".into(),
                kind: TopicKind::Offer,
                tags: vec!["SQL".into(), "Python".into()],
                title: "Window functions in SQL".into(),
                description: "From GROUP BY to window frames.".into(),
                format: TopicFormat::OneOnOne,
                language: None,
                requests_left: 2,
                availability: None,
                posted_day: 7,
            })
        })
    });
    group.sample_size(10);
    group.bench_function("batch_all_members_2_threads", |b| {
        b.iter(|| recommend_all(&index, &config, ListKind::ForYou, 2))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

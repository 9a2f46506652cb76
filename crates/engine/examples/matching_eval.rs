//! Evaluates the recommender on a generated community with planted truth.
//!
//! Reads the O*NET "Technology Skills" table (the skill vocabulary; each occupation is a
//! realistic profile) and reports recall@10 of planted partners, the Gini of host exposure,
//! relevance kept under fair exposure, the cross-team share and coverage.
//!
//! ```text
//! cargo run --release -p peerlearn-engine --example matching_eval -- [--members 2000] [--seed 1] [--planted-tags 2] [--tsv PATH]
//! ```
//!
//! This product includes information from the O*NET Database by the U.S. Department of Labor,
//! Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET®
//! is a trademark of USDOL/ETA. The data is modified: sampled into synthetic profiles.

use peerlearn_engine::matching::batch::BatchLists;
use peerlearn_engine::matching::synthetic::{CommunitySpec, generate, parse_onet};
use peerlearn_engine::matching::{
    Index, ListKind, MatchConfig, Weights, gini, pair_rounds, recommend_all, swap_partners,
};
use std::collections::HashSet;
use std::time::Instant;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn default_tsv() -> String {
    format!(
        "{}/../../../shared/data/onet_technology_skills.tsv",
        env!("CARGO_MANIFEST_DIR")
    )
}

struct Figures {
    recall_at_10: f64,
    gini_per_capacity: f64,
    gini_raw: f64,
    cross_team: f64,
    coverage: f64,
    relevance: f64,
    hosts_seen: f64,
}

fn figures(index: &Index, batch: &BatchLists, planted: &[(u32, u32)]) -> Figures {
    let position: std::collections::HashMap<u32, usize> = batch
        .members
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i))
        .collect();
    let mut hits = 0usize;
    let mut total = 0usize;
    for &(a, b) in planted {
        for (learner, host) in [(a, b), (b, a)] {
            let Some(&i) = position.get(&learner) else {
                continue;
            };
            total += 1;
            if batch.lists[i].iter().take(10).any(|(s, _)| s.host == host) {
                hits += 1;
            }
        }
    }
    let hosts: Vec<u32> = (0..index.member_count() as u32)
        .filter(|&h| index.host_capacity(h) > 0)
        .collect();
    let shown = |h: u32| f64::from(batch.exposure.shown.get(h as usize).copied().unwrap_or(0));
    let per_capacity: Vec<f64> = hosts
        .iter()
        .map(|&h| shown(h) / f64::from(index.host_capacity(h)))
        .collect();
    let raw: Vec<f64> = hosts.iter().map(|&h| shown(h)).collect();
    let entries: usize = batch.lists.iter().map(Vec::len).sum();
    let cross = batch
        .lists
        .iter()
        .flatten()
        .filter(|(s, _)| s.other_team)
        .count();
    let covered = batch.lists.iter().filter(|l| l.len() >= 10).count();
    Figures {
        recall_at_10: hits as f64 / total.max(1) as f64,
        gini_per_capacity: gini(&per_capacity),
        gini_raw: gini(&raw),
        cross_team: cross as f64 / entries.max(1) as f64,
        coverage: covered as f64 / batch.lists.len().max(1) as f64,
        relevance: batch.relevance,
        hosts_seen: raw.iter().filter(|&&v| v > 0.0).count() as f64 / raw.len().max(1) as f64,
    }
}

fn print_row(name: &str, f: &Figures, relevance_base: f64) {
    println!(
        "{name:<28} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
        f.recall_at_10,
        f.gini_per_capacity,
        f.gini_raw,
        f.relevance / relevance_base,
        f.cross_team,
        f.coverage,
        f.hosts_seen
    );
}

fn main() {
    let members: usize = arg("--members")
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seed: u64 = arg("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let planted_tags: usize = arg("--planted-tags")
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let path = arg("--tsv").unwrap_or_else(default_tsv);
    let tsv = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let table = parse_onet(&tsv);
    let spec = CommunitySpec {
        members,
        seed,
        planted_tags,
        ..CommunitySpec::default()
    };
    let community = generate(&table, &spec);
    println!(
        "community: {} members, {} topics, {} planted pairs, {} skills, {} occupations",
        community.members.len(),
        community.topics.len(),
        community.planted.len(),
        table.skills.len(),
        table.occupations.len()
    );
    let mut config = MatchConfig::default();
    if let Some(slack) = arg("--slack").and_then(|v| v.parse().ok()) {
        config.exposure_slack = slack;
    }
    if let Some(keep) = arg("--keep").and_then(|v| v.parse().ok()) {
        config.batch_candidates = keep;
    }
    let started = Instant::now();
    let index = community.index(&config);
    println!("index built in {:.2?}", started.elapsed());
    let planted: Vec<(u32, u32)> = community
        .planted
        .iter()
        .filter_map(|&(a, b)| {
            Some((
                index.member_index(&format!("m{a}"))?,
                index.member_index(&format!("m{b}"))?,
            ))
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(2));

    let unconstrained_config = MatchConfig {
        exposure_slack: 1e9,
        ..config.clone()
    };
    let started = Instant::now();
    let unconstrained = recommend_all(&index, &unconstrained_config, ListKind::ForYou, threads);
    let t_unconstrained = started.elapsed();
    let started = Instant::now();
    let fair = recommend_all(&index, &config, ListKind::ForYou, threads);
    let t_fair = started.elapsed();
    let tags_only_config = MatchConfig {
        weights: Weights {
            tags: 1.0,
            related: 0.0,
            text: 0.0,
            reciprocity: 0.0,
            bridging: 0.0,
            freshness: 0.0,
        },
        exposure_slack: 1e9,
        ..config.clone()
    };
    let tags_only = recommend_all(&index, &tags_only_config, ListKind::ForYou, threads);
    let base = unconstrained.relevance.max(1e-9);
    println!(
        "\n{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "\"For you\" lists (top 20)",
        "recall@10",
        "gini/cap",
        "gini raw",
        "relevance",
        "x-team",
        "coverage",
        "hosts seen"
    );
    print_row(
        "tag overlap only",
        &figures(&index, &tags_only, &planted),
        base,
    );
    print_row(
        "all signals, no rationing",
        &figures(&index, &unconstrained, &planted),
        base,
    );
    print_row(
        "all signals, fair exposure",
        &figures(&index, &fair, &planted),
        base,
    );
    println!(
        "(gini/cap: Gini of appearances per unit of free capacity over hosts; relevance: share of the unrationed lists' total relevance;\n coverage: members with at least 10 feasible recommendations; hosts seen: hosts with capacity shown at least once)"
    );
    println!(
        "batch time: {:.2?} unrationed, {:.2?} fair ({threads} threads)",
        t_unconstrained, t_fair
    );

    let help = recommend_all(&index, &config, ListKind::CouldHelp, threads);
    let help_covered = help.lists.iter().filter(|l| !l.is_empty()).count();
    println!(
        "\"You could help\": {:.3} of members get at least one ask they can answer",
        help_covered as f64 / help.lists.len().max(1) as f64
    );

    let mut swap_hits = 0;
    for &(a, b) in &planted {
        let id_a = &index.member(a).id;
        let id_b = index.member(b).id.clone();
        if swap_partners(&index, &config, id_a, 10)
            .iter()
            .any(|s| s.member_id == id_b)
        {
            swap_hits += 1;
        }
    }
    println!(
        "swap partners: planted partner in top 10 for {:.3} of planted members",
        f64::from(swap_hits) / planted.len().max(1) as f64
    );

    let started = Instant::now();
    let rounds = pair_rounds(&index, &config, 3, 15);
    let t_pairing = started.elapsed();
    let planted_set: HashSet<(String, String)> = planted
        .iter()
        .map(|&(a, b)| {
            let (x, y) = (index.member(a).id.clone(), index.member(b).id.clone());
            if x < y { (x, y) } else { (y, x) }
        })
        .collect();
    for (r, round) in rounds.iter().enumerate() {
        let found = round
            .pairs
            .iter()
            .filter(|p| {
                let key = if p.host < p.guest {
                    (p.host.clone(), p.guest.clone())
                } else {
                    (p.guest.clone(), p.host.clone())
                };
                planted_set.contains(&key)
            })
            .count();
        println!(
            "pairing round {}: {} pairs, weight {:.1} ≥ {:.3} of the dual bound {:.1}; planted pairs matched: {}/{}",
            r + 1,
            round.pairs.len(),
            round.weight,
            round.weight / round.upper_bound.max(1e-9),
            round.upper_bound,
            found,
            planted_set.len()
        );
    }
    println!("pairing: {:.2?} for 3 rounds", t_pairing);
}

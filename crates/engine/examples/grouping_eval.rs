//! Mixer rounds and circles on generated communities: rounds reached against the bound, shared
//! interest against a random grouping, circle sizes and how many learners found a circle.
//!
//! ```text
//! cargo run --release -p peerlearn-engine --example grouping_eval -- [--tsv PATH]
//! ```
//!
//! Profiles use the O*NET "Technology Skills" table when present: this product includes
//! information from the O*NET Database by the U.S. Department of Labor, Employment and Training
//! Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of
//! USDOL/ETA. The data is modified: sampled into synthetic profiles.

use peerlearn_engine::grouping::mixer::pair_interest;
use peerlearn_engine::grouping::{
    CircleConfig, CircleMember, MixerConfig, MixerMember, form_circles, mixer_rounds,
};
use peerlearn_engine::matching::synthetic::{CommunitySpec, SkillTable, generate, parse_onet};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .iter()
        .position(|a| a == "--tsv")
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| {
            format!(
                "{}/../../../shared/data/onet_technology_skills.tsv",
                env!("CARGO_MANIFEST_DIR")
            )
        });
    let table = std::fs::read_to_string(&path)
        .map(|t| parse_onet(&t))
        .unwrap_or_else(|_| SkillTable::made_up(2000, 300, 1));

    println!("mixer (groups of k, R rounds wanted; no pair meets twice)");
    println!(
        "{:>5} {:>3} {:>3} {:>7} {:>6} {:>10} {:>10} {:>9}",
        "N", "k", "R", "rounds", "bound", "interest", "random", "time"
    );
    for (n, k, r, members) in [
        (32, 4, 10, 200),
        (32, 4, 9, 200),
        (16, 4, 5, 200),
        (30, 5, 6, 200),
        (34, 4, 8, 200),
        (60, 6, 5, 200),
        (200, 5, 6, 400),
    ] {
        let community = generate(
            &table,
            &CommunitySpec {
                members,
                seed: n as u64,
                ..CommunitySpec::default()
            },
        );
        let people: Vec<MixerMember> = community.members[..n]
            .iter()
            .map(|m| MixerMember {
                id: m.id.clone(),
                offers: m.offers.clone(),
                wants: m.wants.clone(),
            })
            .collect();
        let config = MixerConfig {
            group_size: k,
            rounds: r,
            ..MixerConfig::default()
        };
        let started = Instant::now();
        let plan = mixer_rounds(&people, &config);
        let elapsed = started.elapsed();
        // Expected interest of random groups with the same shape: mean pair interest × pairs.
        let mut total = 0.0;
        let mut pairs = 0.0;
        for a in 0..n {
            for b in a + 1..n {
                total += pair_interest(&people[a], &people[b]);
                pairs += 1.0;
            }
        }
        let pairs_met: usize = plan
            .rounds
            .iter()
            .flat_map(|round| round.groups.iter())
            .map(|g| g.len() * (g.len() - 1) / 2)
            .sum();
        println!(
            "{n:>5} {k:>3} {r:>3} {:>7} {:>6} {:>10.0} {:>10.0} {:>9.2?}",
            plan.rounds.len(),
            plan.round_bound,
            plan.shared_interest,
            total / pairs * pairs_met as f64,
            elapsed
        );
    }

    let community = generate(
        &table,
        &CommunitySpec {
            members: 2000,
            ..CommunitySpec::default()
        },
    );
    let members: Vec<CircleMember> = community
        .members
        .iter()
        .map(|m| CircleMember {
            id: m.id.clone(),
            team: m.team.clone(),
            offers: m.offers.clone(),
            wants: m.wants.clone(),
        })
        .collect();
    let started = Instant::now();
    let plan = form_circles(&members, &CircleConfig::default());
    let elapsed = started.elapsed();
    let placed: usize = plan.circles.iter().map(|c| c.size()).sum();
    let mut sizes = [0usize; 9];
    for c in &plan.circles {
        sizes[c.size().min(8)] += 1;
    }
    println!(
        "\ncircles for 2000 members: {} circles, {} members placed, {} learners without a circle, sizes 4..8: {:?}, {:.2?}",
        plan.circles.len(),
        placed,
        plan.unplaced.len(),
        &sizes[4..],
        elapsed
    );
}

//! Meet-now pairing at event scale: pairs a pool of free members (default 2,000) drawn from
//! the O*NET technology skills, and prints the time (median and worst of the runs), the pairs
//! and the share of the pool paired.
//!
//! `cargo run --release -p peerlearn-engine --example meet_now_bench -- [POOL] [RUNS] [SKILLS]`

use std::time::Instant;

use peerlearn_engine::matching::{PoolMember, PoolTopic, pair_pool};

/// A small deterministic generator (no dependency for a benchmark's dice).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A tag id, skewed: popular skills come up far more often than rare ones.
    fn tag(&mut self, tags: u32) -> u32 {
        let u = (self.next() % 10_000) as f64 / 10_000.0;
        ((u * u * u) * f64::from(tags)) as u32
    }
}

fn pool(size: usize, tags: u32, seed: u64) -> Vec<PoolMember> {
    let mut d = Dice(seed);
    (0..size)
        .map(|i| {
            let id = i as i64;
            let mut pick =
                |n: u64| -> Vec<u32> { (0..1 + d.next() % n).map(|_| d.tag(tags)).collect() };
            let wants = pick(4);
            let offers = pick(4);
            let mut topics = vec![PoolTopic {
                id: id * 10,
                ask: false,
                tags: offers.clone(),
            }];
            if i % 3 == 0 {
                topics.push(PoolTopic {
                    id: id * 10 + 1,
                    ask: true,
                    tags: pick(2),
                });
            }
            PoolMember {
                id,
                video: i % 5 == 0,
                team: Some((i % 25) as u32),
                languages: vec![(i % 3) as u32],
                wants,
                offers,
                topics,
                hosted_today: (i % 4) as u32,
                avoid: if i > 0 && i % 7 == 0 {
                    vec![id - 1]
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let size: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(21);
    // Distinct skills: 600 by default (a broad event); 40 makes a dense, hub-heavy pool.
    let tags: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(600);
    let mut times = Vec::with_capacity(runs);
    let mut paired = 0;
    for run in 0..runs {
        let members = pool(size, tags, 7 + run as u64);
        let start = Instant::now();
        let pairs = pair_pool(&members);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        paired = pairs.len() * 2;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "meet-now pairing, pool {size}, {tags} skills, {runs} runs: median {:.1} ms, worst {:.1} ms; last run paired {paired} of {size} ({:.0} %)",
        times[times.len() / 2],
        times[times.len() - 1],
        100.0 * paired as f64 / size as f64
    );
}

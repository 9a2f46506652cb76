//! How often the scheduling engine reaches CP-SAT's objective within a time limit: many runs
//! of each instance (seeds `0..RUNS`) in one process, counted per instance.
//!
//! ```text
//! cargo run --release -p peerlearn-engine --example schedule_hits -- \
//!     --refs FILE [--refs FILE]... --time-limit S [--runs N] [--threads N] INSTANCE.json...
//! ```
//!
//! Under small limits single runs say little: whether a run reaches the optimum depends on
//! where the time limit cuts the bound's steps and on the seed. This is what to compare builds
//! and settings with (interleave them: the machine's speed drifts). The target of an instance
//! is the CP-SAT objective that a `--refs` file (JSONL, as `reference.jsonl`) gives for its
//! name; instances without one are skipped. Runs in one process are warmer than fresh ones
//! (`schedule_bench` starts cold), so they reach targets a little more often.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use peerlearn_engine::schedule::{SolveOptions, parse_instance, solve};

/// The allocator of the `peerlearn` binary, whose `schedule` command runs the same solve.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut targets: HashMap<String, u64> = HashMap::new();
    let mut files = Vec::new();
    let mut limit = None;
    let mut runs = 100u64;
    let mut threads = 1usize;
    let mut i = 0;
    while i < args.len() {
        let value = || args.get(i + 1).unwrap_or_else(|| usage(&args[i]));
        match args[i].as_str() {
            "--refs" => read_targets(value(), &mut targets),
            "--time-limit" => {
                limit = Some(
                    value()
                        .parse::<f64>()
                        .unwrap_or_else(|_| usage("--time-limit")),
                )
            }
            "--runs" => runs = value().parse().unwrap_or_else(|_| usage("--runs")),
            "--threads" => threads = value().parse().unwrap_or_else(|_| usage("--threads")),
            file => {
                files.push(file.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let Some(limit) = limit else {
        usage("--time-limit")
    };
    if files.is_empty() {
        usage("INSTANCE.json");
    }
    let (mut hits, mut total) = (0, 0);
    for file in &files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        let inst = parse_instance(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let Some(&target) = targets.get(&inst.name) else {
            println!("{file}: no reference for {}, skipped", inst.name);
            continue;
        };
        let mut reached = 0;
        let mut finals: BTreeMap<u64, u64> = BTreeMap::new();
        for seed in 0..runs {
            let options = SolveOptions {
                time_limit: Duration::from_secs_f64(limit),
                seed,
                threads,
                ..SolveOptions::default()
            };
            let res = solve(&inst, &options, &mut |_| {});
            reached += u64::from(res.objective >= target);
            *finals.entry(res.objective).or_default() += 1;
        }
        println!(
            "{}: target {target}, reached in {reached} of {runs} runs; final objectives {finals:?}",
            inst.name
        );
        hits += reached;
        total += runs;
    }
    println!("all: {hits} of {total}");
}

fn read_targets(path: &str, out: &mut HashMap<String, u64>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("reference line");
        if v["solver"] == "ortools-cpsat"
            && let (Some(name), Some(obj)) = (v["instance"].as_str(), v["objective"].as_u64())
        {
            out.insert(name.to_string(), obj);
        }
    }
}

fn usage(what: &str) -> ! {
    eprintln!(
        "missing or bad {what}\nusage: schedule_hits --refs FILE --time-limit S [--runs N] [--threads N] INSTANCE.json..."
    );
    std::process::exit(2)
}

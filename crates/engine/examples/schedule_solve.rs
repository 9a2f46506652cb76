//! Solves one `p2p-sched/1` instance and writes the `p2p-sched-solution/1` file: the same
//! calls the `peerlearn schedule` command makes, for measuring end to end.
//!
//! ```text
//! cargo run --release -p peerlearn-engine --example schedule_solve -- \
//!     INSTANCE.json -o SOLUTION.json [--time-limit S] [--seed N] [--threads N] [--max-moves N] [--report-only]
//! ```
//!
//! Progress goes to stderr; exit status 2 on a malformed instance.

use std::time::{Duration, Instant};

use peerlearn_engine::schedule::{Fairness, SolveOptions, parse_instance, solve, validate};

/// The allocator of the `peerlearn` binary, whose `schedule` command runs the same solve.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let Some(input) = args.first().filter(|a| !a.starts_with('-')) else {
        eprintln!(
            "usage: schedule_solve INSTANCE.json -o SOLUTION.json [--time-limit S] [--seed N] [--threads N] [--max-moves N]"
        );
        std::process::exit(2);
    };
    let started = Instant::now();
    let text = std::fs::read_to_string(input).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(2);
    });
    let instance = parse_instance(&text).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(2);
    });
    let parsed = started.elapsed();
    let options = SolveOptions {
        time_limit: Duration::from_secs_f64(
            value("--time-limit").map_or(10.0, |v| v.parse().expect("--time-limit")),
        ),
        seed: value("--seed").map_or(0, |v| v.parse().expect("--seed")),
        threads: value("--threads").map_or(1, |v| v.parse().expect("--threads")),
        fairness: if args.iter().any(|a| a == "--report-only") {
            Fairness::ReportOnly
        } else {
            Fairness::Lexicographic
        },
        max_moves: value("--max-moves").map(|v| v.parse().expect("--max-moves")),
        ..SolveOptions::default()
    };
    let mut last_print = Duration::ZERO;
    let result = solve(&instance, &options, &mut |p| {
        if p.elapsed >= last_print + Duration::from_millis(500) || p.elapsed < last_print {
            last_print = p.elapsed;
            eprintln!(
                "{:>8.3}s {:?}: objective {} bound {} unserved {}",
                p.elapsed.as_secs_f64(),
                p.phase,
                p.objective,
                p.bound.map_or("-".to_string(), |b| b.to_string()),
                p.unserved
            );
        }
    });
    let json = result.solution.to_json();
    match value("-o") {
        Some(out) => std::fs::write(&out, json).expect("write solution"),
        None => println!("{json}"),
    }
    let report = validate(&instance, &result.solution);
    eprintln!(
        "parse {:.3}s, solve {:.3}s, total {:.3}s; objective {} bound {} gap {:.2}%; {}; greedy {}; moves {}; bound steps {}; unserved {}/{}; gini {:.4}; valid {}",
        parsed.as_secs_f64(),
        result.stats.seconds,
        started.elapsed().as_secs_f64(),
        result.objective,
        result.bound.map_or("-".to_string(), |b| b.to_string()),
        result.gap().map_or(f64::NAN, |g| g * 100.0),
        serde_json::to_string(&result.status).unwrap_or_default(),
        result.stats.greedy_objective,
        result.stats.moves,
        result.stats.bound_iterations,
        result.fairness.people_with_requests_unserved,
        result.fairness.people_with_requests,
        result.fairness.meetings_per_person_gini,
        report.ok(),
    );
}

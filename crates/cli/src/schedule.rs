//! `peerlearn schedule`: place a whole event's meeting requests (a `p2p-sched/1` instance)
//! into times and spots, and write the `p2p-sched-solution/1` file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, ValueEnum};
use peerlearn_engine::schedule::{Fairness, SolveOptions, parse_instance, solve};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FairnessArg {
    /// Maximise total weight, then serve as many people who asked as possible.
    Lexicographic,
    /// Maximise total weight only; fairness is still reported.
    ReportOnly,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The instance to solve (`p2p-sched/1` JSON).
    pub instance: PathBuf,

    /// Where to write the solution (`p2p-sched-solution/1` JSON); `-` for standard output.
    #[arg(short, long)]
    pub output: PathBuf,

    /// Wall-clock budget in seconds; a valid schedule exists at every moment.
    #[arg(long, default_value_t = 10.0)]
    pub time_limit: f64,

    /// Seed of the search (the same seed and threads give the same trajectory).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,

    /// Independent searches in parallel; the best one wins.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,

    /// How fairness between people counts.
    #[arg(long, value_enum, default_value = "lexicographic")]
    pub fairness: FairnessArg,

    /// Stop each search after this many moves, so results do not depend on machine speed.
    #[arg(long)]
    pub max_moves: Option<u64>,
}

/// Solves; exit code 2 when the instance cannot be read or is inconsistent.
pub fn run(args: ScheduleArgs) -> anyhow::Result<ExitCode> {
    let path = args.instance.display().to_string();
    let text = match std::fs::read_to_string(&args.instance) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let instance = match parse_instance(&text) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        eprintln!("error: --time-limit must be a positive number of seconds");
        return Ok(ExitCode::from(2));
    }
    let options = SolveOptions {
        time_limit: Duration::from_secs_f64(args.time_limit),
        seed: args.seed,
        threads: args.threads.max(1),
        fairness: match args.fairness {
            FairnessArg::Lexicographic => Fairness::Lexicographic,
            FairnessArg::ReportOnly => Fairness::ReportOnly,
        },
        max_moves: args.max_moves,
        ..SolveOptions::default()
    };
    let mut last = Duration::ZERO;
    let result = solve(&instance, &options, &mut |p| {
        // Runs under a second stay quiet; longer ones report twice a second at most.
        if p.elapsed >= Duration::from_secs(1) && p.elapsed >= last + Duration::from_millis(500) {
            last = p.elapsed;
            eprintln!(
                "{:>7.1}s {:<9} weight {:>8}  bound {:>8}  people without a meeting {}",
                p.elapsed.as_secs_f64(),
                format!("{:?}", p.phase).to_lowercase(),
                p.objective,
                p.bound.map_or("-".to_string(), |b| b.to_string()),
                p.unserved
            );
        }
    });
    let json = result.solution.to_json();
    if args.output.as_os_str() == "-" {
        println!("{json}");
    } else {
        std::fs::write(&args.output, json)
            .with_context(|| format!("could not write {}", args.output.display()))?;
    }
    let f = &result.fairness;
    eprintln!(
        "scheduled {} of {} requests, weight {}{} in {}; {} of {} people who asked got no meeting; Gini {:.3}",
        result.stats.scheduled,
        result.stats.requests,
        result.objective,
        match (result.bound, result.gap()) {
            (Some(b), Some(g)) => format!(" (bound {b}, gap {:.2}%)", g * 100.0),
            _ => String::new(),
        },
        seconds(result.stats.seconds),
        f.people_with_requests_unserved,
        f.people_with_requests,
        f.meetings_per_person_gini,
    );
    Ok(ExitCode::SUCCESS)
}

/// A solve time as people read it: milliseconds under a tenth of a second.
fn seconds(s: f64) -> String {
    if s < 0.1 {
        format!("{:.2} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

#[cfg(test)]
mod tests {
    use super::seconds;

    #[test]
    fn short_solve_times_read_in_milliseconds() {
        assert_eq!(seconds(0.001634), "1.63 ms");
        assert_eq!(seconds(0.25), "0.25 s");
        assert_eq!(seconds(27.31), "27.31 s");
    }
}

//! Runs the scheduling engine on every public benchmark instance and compares with the CP-SAT
//! reference results (`reference.jsonl`).
//!
//! ```text
//! cargo run --release -p peerlearn-engine --example schedule_bench -- \
//!     [--time-limit S] [--dir BENCH_DIR] [--instances DIR] [--refs FILE]... [--seed N]
//!     [--threads N] [--out DIR] [--python]
//! ```
//!
//! Without `--time-limit` each instance gets 1 % of CP-SAT's time on the public instance of its
//! size (same name up to `-seedN`), at most 2 s, so instances generated with other seeds get
//! the same budget as the public one; they are compared with CP-SAT where `--refs` has a
//! result for them, else with our own bound only. Solutions are written to `--out` (default: a temporary folder) and checked with the
//! Rust validator; with `--python` also with `python3 BENCH_DIR/validate.py INSTANCE SOLUTION`.
//! `BENCH_DIR` defaults to `bench/scheduling` or the shared benchmark folder next to the
//! workspace; it holds `reference.jsonl`, `validate.py` and, unless `--instances` names another
//! folder, `instances/`. `--refs` adds more CP-SAT results (same JSONL format).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use peerlearn_engine::schedule::{SolveOptions, parse_instance, solve, validate};

/// The allocator of the `peerlearn` binary, whose `schedule` command runs the same solve.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Reference {
    objective: u64,
    seconds: f64,
    best_known: u64,
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn bench_dir(args: &[String]) -> PathBuf {
    if let Some(d) = arg(args, "--dir") {
        return PathBuf::from(d);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        PathBuf::from("bench/scheduling"),
        manifest.join("../../bench/scheduling"),
        manifest.join("../../../shared/bench/scheduling"),
    ];
    candidates
        .into_iter()
        .find(|p| p.join("reference.jsonl").exists())
        .expect("benchmark folder not found; pass --dir")
}

/// The instance name without its trailing `-seedN`: instances of the same size share it.
fn family(name: &str) -> &str {
    match name.rfind("-seed") {
        Some(i) if name[i + 5..].chars().all(|c| c.is_ascii_digit()) => &name[..i],
        _ => name,
    }
}

fn read_references(path: &Path, out: &mut HashMap<String, Reference>) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("reference line");
        let name = v["instance"].as_str().unwrap_or_default().to_string();
        let obj = v["objective"].as_u64().unwrap_or(0);
        let e = out.entry(name).or_insert(Reference {
            objective: 0,
            seconds: 0.0,
            best_known: 0,
        });
        e.best_known = e.best_known.max(obj);
        if v["solver"] == "ortools-cpsat" {
            e.objective = obj;
            e.seconds = v["solve_s"].as_f64().unwrap_or(0.0);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = bench_dir(&args);
    let mut refs: HashMap<String, Reference> = HashMap::new();
    read_references(&dir.join("reference.jsonl"), &mut refs);
    // CP-SAT's time on the public instance of each size, for instances that have no result
    // of their own.
    let family_seconds: HashMap<String, f64> = refs
        .iter()
        .filter(|(_, r)| r.seconds > 0.0)
        .map(|(name, r)| (family(name).to_string(), r.seconds))
        .collect();
    for (i, a) in args.iter().enumerate() {
        if a == "--refs" {
            let file = args.get(i + 1).expect("--refs FILE");
            read_references(Path::new(file), &mut refs);
        }
    }
    let instances_dir =
        arg(&args, "--instances").map_or_else(|| dir.join("instances"), PathBuf::from);
    let fixed_limit = arg(&args, "--time-limit").map(|s| s.parse::<f64>().expect("--time-limit"));
    let seed = arg(&args, "--seed").map_or(0, |s| s.parse().expect("--seed"));
    let threads = arg(&args, "--threads").map_or(1, |s| s.parse().expect("--threads"));
    let python = args.iter().any(|a| a == "--python");
    let out = arg(&args, "--out").map_or_else(
        || std::env::temp_dir().join("peerlearn-schedule-bench"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&out).expect("output folder");

    let mut files: Vec<PathBuf> = std::fs::read_dir(&instances_dir)
        .expect("instances folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));

    println!(
        "{:<36} {:>7} {:>7} {:>6} {:>9} {:>9} {:>9} {:>8} {:>7} {:>6} {:>5}",
        "instance",
        "cpsat",
        "ours",
        "ratio",
        "cpsat_s",
        "ours_s",
        "speedup",
        "limit_s",
        "bound",
        "gap%",
        "valid"
    );
    let mut all_ok = true;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("instance");
        let inst = match parse_instance(&text) {
            Ok(i) => i,
            Err(e) => {
                println!("{}: {e}", path.display());
                all_ok = false;
                continue;
            }
        };
        // A reference with no objective (CP-SAT found nothing in its time) is no reference.
        let r = refs.get(&inst.name).filter(|r| r.objective > 0);
        let cp_seconds = family_seconds
            .get(family(&inst.name))
            .copied()
            .or(r.map(|r| r.seconds));
        let limit = fixed_limit.unwrap_or_else(|| cp_seconds.map_or(2.0, |s| (s * 0.01).min(2.0)));
        let target = r.map_or(u64::MAX, |r| r.objective);
        let mut reached: Option<f64> = None;
        let options = SolveOptions {
            time_limit: Duration::from_secs_f64(limit),
            seed,
            threads,
            fairness: if args.iter().any(|a| a == "--no-fairness") {
                peerlearn_engine::schedule::Fairness::ReportOnly
            } else {
                peerlearn_engine::schedule::Fairness::Lexicographic
            },
            ..SolveOptions::default()
        };
        let res = solve(&inst, &options, &mut |p| {
            if reached.is_none() && p.objective >= target {
                reached = Some(p.elapsed.as_secs_f64());
            }
        });
        let report = validate(&inst, &res.solution);
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let sol_path = out.join(format!("{stem}.solution.json"));
        std::fs::write(&sol_path, res.solution.to_json()).expect("write solution");
        let mut valid = report.ok();
        if python {
            let status = Command::new("python3")
                .arg(dir.join("validate.py"))
                .arg(&path)
                .arg(&sol_path)
                .output()
                .expect("python3");
            let py: serde_json::Value =
                serde_json::from_slice(&status.stdout).unwrap_or(serde_json::Value::Null);
            let agree = status.status.success()
                && py["objective"].as_u64() == Some(report.objective)
                && py["people_with_requests_unserved"].as_u64()
                    == Some(report.people_with_requests_unserved as u64);
            if !agree {
                eprintln!(
                    "  python validator disagrees or failed on {}: {}{}",
                    path.display(),
                    String::from_utf8_lossy(&status.stdout),
                    String::from_utf8_lossy(&status.stderr)
                );
            }
            valid &= agree;
        }
        all_ok &= valid;
        // Our time: when the CP-SAT objective was first reached, else when the final one was.
        let ours_s = reached.unwrap_or(res.stats.seconds_to_best);
        let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
        println!(
            "{:<36} {:>7} {:>7} {:>6} {:>9} {:>9.4} {:>9} {:>8.3} {:>7} {:>6.2} {:>5}",
            inst.name,
            dash(r.map(|r| r.objective.to_string())),
            res.objective,
            dash(r.map(|r| format!("{:.3}", res.objective as f64 / r.objective as f64))),
            dash(r.map(|r| format!("{:.3}", r.seconds))),
            ours_s,
            dash(r.map(|r| format!("{:.0}x", r.seconds / ours_s.max(1e-6)))),
            limit,
            res.bound.map_or("-".into(), |b| b.to_string()),
            res.gap().map_or(f64::NAN, |g| g * 100.0),
            if valid { "yes" } else { "NO" },
        );
        eprintln!(
            "  {}: reached cpsat: {}; best known {}; greedy {}; moves {}; bound iters {}; unserved {}/{}; gini {:.4}; solution {}",
            stem,
            reached.map_or("no".into(), |t| format!("{t:.4}s")),
            r.map_or(0, |r| r.best_known),
            res.stats.greedy_objective,
            res.stats.moves,
            res.stats.bound_iterations,
            res.fairness.people_with_requests_unserved,
            res.fairness.people_with_requests,
            res.fairness.meetings_per_person_gini,
            sol_path.display()
        );
    }
    if !all_ok {
        std::process::exit(1);
    }
}

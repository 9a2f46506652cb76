//! Property tests: on random small instances every solution the engine returns passes the
//! validator, claims the right objective, keeps fixed meetings, stays under the upper bound,
//! leaves out no request that would still fit, and is reproducible for a given seed and move
//! budget.

use std::time::Duration;

use peerlearn_engine::schedule::{
    Assignment, Fairness, SolveOptions, Status, parse_instance, solve, validate,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn interval(s: u32) -> impl Strategy<Value = [u32; 2]> {
    (0..s)
        .prop_flat_map(move |a| (Just(a), a + 1..=s))
        .prop_map(|(a, b)| [a, b])
}

fn instance() -> impl Strategy<Value = Value> {
    (4u32..10, 2usize..8, 1usize..4, 1usize..14)
        .prop_flat_map(|(s, np, ns, nr)| {
            let days = prop_oneof![Just(json!([[0, s]])), Just(json!([[0, s / 2], [s / 2, s]]))];
            let people = prop::collection::vec(
                (
                    prop::option::of(prop::collection::vec(interval(s), 1..3)),
                    prop::option::of(1u32..4),
                    0u32..3,
                ),
                np,
            );
            let spots = prop::collection::vec(
                (
                    prop::bool::weighted(0.3),
                    1u32..5,
                    prop::option::of(interval(s)),
                ),
                ns,
            );
            let requests = prop::collection::vec(
                (
                    prop::collection::btree_set(0..np, 1..4.min(np + 1)),
                    1u32..3,
                    1u32..6,
                    0u8..3,
                    prop::option::of(interval(s)),
                    prop::option::of((0..s, prop::option::of(0..ns))),
                ),
                nr,
            );
            (Just(s), days, people, spots, requests)
        })
        .prop_map(|(s, days, people, spots, requests)| {
            let people: Vec<Value> = people
                .into_iter()
                .enumerate()
                .map(|(i, (av, cap, org))| {
                    let mut p = json!({"id": format!("p{i}"), "org": format!("o{org}")});
                    if let Some(av) = av {
                        p["available"] = json!(av);
                    }
                    if let Some(c) = cap {
                        p["max_meetings"] = json!(c);
                    }
                    p
                })
                .collect();
            let spots: Vec<Value> = spots
                .into_iter()
                .enumerate()
                .map(|(i, (virt, cap, av))| {
                    let mut sp = json!({"id": format!("s{i}"),
                    "kind": if virt { "virtual" } else { "table" }, "capacity": cap});
                    if let Some(av) = av {
                        sp["available"] = json!([av]);
                    }
                    sp
                })
                .collect();
            let requests: Vec<Value> = requests
            .into_iter()
            .enumerate()
            .map(|(i, (mem, dur, w, mode, win, fixed))| {
                let parts: Vec<String> = mem.iter().map(|m| format!("p{m}")).collect();
                let mode = ["in_person", "virtual", "any"][mode as usize];
                let mut r = json!({"id": format!("r{i}"), "host": parts[0], "participants": parts,
                    "duration": dur, "weight": w, "mode": mode});
                if let Some(win) = win {
                    r["window"] = json!(win);
                }
                // Only a few fixed requests, so that most instances parse.
                if let Some((t, sp)) = fixed
                    && i % 5 == 0
                {
                    r["fixed"] = match sp {
                        Some(k) => json!({"start": t, "spot": format!("s{k}")}),
                        None => json!({"start": t}),
                    };
                }
                r
            })
            .collect();
            json!({"format": "p2p-sched/1", "name": "prop",
            "horizon": {"num_slots": s, "days": days},
            "people": people, "spots": spots, "requests": requests})
        })
}

fn options(seed: u64, threads: usize, fairness: Fairness) -> SolveOptions {
    SolveOptions {
        time_limit: Duration::from_secs(30),
        seed,
        threads,
        fairness,
        bound: true,
        max_moves: Some(3_000),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn solutions_are_valid(v in instance(), seed in 0u64..4, threads in 1usize..3, fair in any::<bool>()) {
        let text = v.to_string();
        // Random fixed requests may clash; those instances are rightly rejected (and
        // proptest fails if it has to reject too many).
        let parsed = parse_instance(&text);
        prop_assume!(parsed.is_ok());
        let inst = parsed.unwrap();
        let fairness = if fair { Fairness::Lexicographic } else { Fairness::ReportOnly };
        let res = solve(&inst, &options(seed, threads, fairness), &mut |_| {});
        prop_assert_ne!(res.status, Status::Infeasible);
        let report = validate(&inst, &res.solution);
        prop_assert!(report.valid, "{:?}", report.violations);
        prop_assert_eq!(report.objective, res.objective);
        prop_assert_eq!(res.solution.objective, res.objective);
        prop_assert_eq!(report.people_with_requests_unserved as u32,
            res.fairness.people_with_requests_unserved);
        let bound = res.bound.expect("bound requested");
        prop_assert!(bound >= res.objective);
        prop_assert!(bound <= report.weight_total);
        // No request left out fits anywhere as the schedule stands (by the validator's rules).
        for rq in &inst.requests {
            if res.solution.assignments.iter().any(|a| a.request == rq.id) {
                continue;
            }
            for start in 0..inst.horizon.num_slots {
                for spot in &inst.spots {
                    let mut more = res.solution.clone();
                    more.assignments.push(Assignment {
                        request: rq.id.clone(),
                        start,
                        spot: spot.id.clone(),
                    });
                    let fits = validate(&inst, &more).valid;
                    prop_assert!(!fits, "{} fits at {} in {}", rq.id, start, spot.id);
                }
            }
        }
    }

    #[test]
    fn same_seed_same_solution(v in instance(), seed in 0u64..4) {
        let Ok(inst) = parse_instance(&v.to_string()) else { return Ok(()) };
        let a = solve(&inst, &options(seed, 2, Fairness::Lexicographic), &mut |_| {});
        let b = solve(&inst, &options(seed, 2, Fairness::Lexicographic), &mut |_| {});
        prop_assert_eq!(a.solution.assignments, b.solution.assignments);
    }

    #[test]
    fn garbage_never_panics(s in "\\PC{0,64}") {
        let _ = parse_instance(&s);
    }
}

#[test]
fn parse_errors_name_the_path() {
    let bad = r#"{"format":"p2p-sched/1","name":"x","horizon":{"num_slots":4},
        "people":[{"id":"a"}],"spots":[],"requests":[{"id":"r","participants":["a"],"weight":"heavy"}]}"#;
    let err = parse_instance(bad).unwrap_err();
    assert_eq!(err.path(), "requests[0].weight");
    assert!(err.to_string().starts_with("requests[0].weight: "), "{err}");

    let unknown = bad.replace(r#""weight":"heavy""#, r#""window":[1,3],"host":"b""#);
    let err = parse_instance(&unknown).unwrap_err();
    assert_eq!(err.path(), "requests[0].host");
    assert!(err.to_string().contains("\"b\""), "{err}");
}

#[test]
fn finds_the_optimum_of_a_small_conflict() {
    // One table, two slots: the heavy meeting and one light one fit; the bound proves it.
    let text = json!({"format": "p2p-sched/1", "name": "small",
    "horizon": {"num_slots": 2},
    "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "spots": [{"id": "t", "kind": "table", "capacity": 3}],
    "requests": [
        {"id": "r0", "participants": ["a", "b"], "weight": 1, "duration": 2},
        {"id": "r1", "participants": ["a", "c"], "weight": 3},
        {"id": "r2", "participants": ["b", "c"], "weight": 2}
    ]})
    .to_string();
    let inst = parse_instance(&text).unwrap();
    let res = solve(&inst, &options(0, 1, Fairness::ReportOnly), &mut |_| {});
    assert_eq!(res.objective, 5);
    assert_eq!(res.bound, Some(5));
    assert_eq!(res.status, Status::Optimal);
    assert!(validate(&inst, &res.solution).ok());
}

#[test]
fn a_few_milliseconds_are_solved_on_one_thread() {
    let text = json!({"format": "p2p-sched/1", "name": "solo",
    "horizon": {"num_slots": 2},
    "people": [{"id": "a"}, {"id": "b"}],
    "spots": [{"id": "t", "kind": "table", "capacity": 2}],
    "requests": [{"id": "r0", "participants": ["a", "b"], "weight": 2}]})
    .to_string();
    let inst = parse_instance(&text).unwrap();
    let run = |time_limit: Duration, max_moves: Option<u64>| {
        let options = SolveOptions {
            time_limit,
            threads: 4,
            max_moves,
            ..SolveOptions::default()
        };
        let res = solve(&inst, &options, &mut |_| {});
        assert_eq!(res.objective, 2);
        (res.stats.threads, res.solution.solver["threads"].clone())
    };
    // Starting threads costs more than such a limit gives.
    assert_eq!(run(Duration::from_millis(5), None), (1, json!(1)));
    // A move budget keeps the threads asked for: its runs do not depend on the limit.
    assert_eq!(run(Duration::from_millis(5), Some(100)), (4, json!(4)));
    assert_eq!(run(Duration::from_millis(200), None), (4, json!(4)));
}

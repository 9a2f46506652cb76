//! Instances and checks shared by the scheduling modules' unit tests.

use super::model::parse_instance;
use super::problem::{NONE, Problem};
use super::search::Rng;
use super::state::State;

/// The problem of an instance written as JSON.
pub(super) fn problem(v: serde_json::Value) -> Problem {
    Problem::new(&parse_instance(&v.to_string()).unwrap())
}

/// People a, b and c, one table for two, `slots` slots.
pub(super) fn one_table(slots: u32, requests: serde_json::Value) -> Problem {
    problem(
        serde_json::json!({"format": "p2p-sched/1", "name": "one table",
        "horizon": {"num_slots": slots},
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2}],
        "requests": requests}),
    )
}

/// `people` people with caps of 1–4 meetings, `requests` random pairs of them (weights 1–4,
/// one or two slots, any mode), a table for two and a virtual room for four open from slot 1
/// to the one before last.
pub(super) fn random_problem(rng: &mut Rng, people: usize, requests: usize, slots: u32) -> Problem {
    let people_json: Vec<_> = (0..people)
        .map(|i| {
            let cap = 1 + rng.below(4);
            serde_json::json!({"id": format!("p{i}"), "max_meetings": cap})
        })
        .collect();
    let requests: Vec<_> = (0..requests)
        .map(|i| {
            let a = rng.below(people);
            let b = (a + 1 + rng.below(people - 1)) % people;
            let mode = ["in_person", "virtual", "any"][rng.below(3)];
            serde_json::json!({"id": format!("r{i}"), "participants": [format!("p{a}"),
                format!("p{b}")], "weight": 1 + rng.below(4),
                "duration": 1 + rng.below(2), "mode": mode})
        })
        .collect();
    problem(
        serde_json::json!({"format": "p2p-sched/1", "name": "random",
        "horizon": {"num_slots": slots},
        "people": people_json,
        "spots": [{"id": "t", "kind": "table", "capacity": 2},
            {"id": "v", "kind": "virtual", "capacity": 4, "available": [[1, slots - 1]]}],
        "requests": requests}),
    )
}

/// Makes `moves` (`(request, start, class)`, start [`NONE`] to take it out) on `st`, checking
/// that each placement is allowed once the movers are out.
pub(super) fn apply(st: &mut State, moves: &[(u32, u32, u32)]) {
    for &(q, _, _) in moves {
        if st.is_scheduled(q) {
            st.remove(q);
        }
    }
    for &(q, t, c) in moves {
        if t == NONE {
            continue;
        }
        assert!(st.can_place(q, t, c), "{q} at ({t}, {c})");
        st.place(q, t, c);
    }
}

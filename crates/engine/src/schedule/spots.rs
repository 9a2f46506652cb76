//! From spot classes back to concrete spots, and from a schedule to a solution document.
//!
//! Within one class every spot has the same opening hours, so assigning meetings to spots is
//! colouring an interval graph: sweeping slots in order and giving each starting meeting any
//! spot that is free never needs more spots than the largest number of overlapping meetings.

use super::model::{Assignment, Instance};
use super::problem::Problem;

/// Concrete spot index for each `(request, start, class)`; the output is parallel to `chosen`.
///
/// Panics if some class holds more overlapping meetings than it has spots (the solver never
/// produces that).
pub fn assign_spots(problem: &Problem, chosen: &[(u32, u32, u32)]) -> Vec<u32> {
    let s = problem.s;
    let mut out = vec![u32::MAX; chosen.len()];
    // Per class, meetings grouped by start slot.
    let mut by_class: Vec<Vec<Vec<usize>>> = vec![Vec::new(); problem.classes.len()];
    for (i, &(_, t, c)) in chosen.iter().enumerate() {
        let v = &mut by_class[c as usize];
        if v.is_empty() {
            v.resize(s, Vec::new());
        }
        v[t as usize].push(i);
    }
    for (c, starts) in by_class.iter().enumerate() {
        if starts.is_empty() {
            continue;
        }
        let mut free: Vec<u32> = problem.classes[c].spots.iter().rev().copied().collect();
        let mut release: Vec<Vec<u32>> = vec![Vec::new(); s + 1];
        for t in 0..s {
            free.append(&mut release[t]);
            for &i in &starts[t] {
                let (r, _, _) = chosen[i];
                let spot = free
                    .pop()
                    .expect("class overloaded: more meetings than spots");
                out[i] = spot;
                let end = t + problem.reqs[r as usize].dur as usize;
                release[end.min(s)].push(spot);
            }
        }
    }
    out
}

/// Assignments in request order, with concrete spots.
pub fn assignments(
    inst: &Instance,
    problem: &Problem,
    chosen: &[(u32, u32, u32)],
) -> Vec<Assignment> {
    let spots = assign_spots(problem, chosen);
    let mut v: Vec<(u32, Assignment)> = chosen
        .iter()
        .zip(spots)
        .map(|(&(r, t, _), sp)| {
            (
                r,
                Assignment {
                    request: inst.requests[r as usize].id.clone(),
                    start: t,
                    spot: inst.spots[sp as usize].id.clone(),
                },
            )
        })
        .collect();
    v.sort_by_key(|x| x.0);
    v.into_iter().map(|x| x.1).collect()
}

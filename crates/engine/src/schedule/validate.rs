//! An independent checker for a solution against an instance. It follows
//! `bench/scheduling/validate.py` rule for rule (same checks, same order, same messages), and
//! works on the instance itself rather than the solver's indexed view, so it can catch the
//! solver's mistakes.

use std::collections::{HashMap, HashSet};

use super::model::{Instance, SOLUTION_FORMAT, Solution};

/// What the checker found, with the secondary metrics `validate.py` prints.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    pub valid: bool,
    /// Every violation, in the order `validate.py` finds them.
    pub violations: Vec<String>,
    /// Recomputed total weight of the scheduled requests.
    pub objective: u64,
    pub claimed_objective: u64,
    pub scheduled: usize,
    pub requests: usize,
    pub weight_total: u64,
    /// People who take part in at least one request but in no scheduled meeting.
    pub people_with_requests_unserved: usize,
    /// Gini coefficient of meetings per person, over people with at least one request.
    pub meetings_per_person_gini: f64,
    pub max_meetings_one_person: u32,
    /// Share of scheduled meetings whose participants come from two or more orgs.
    pub cross_org_share: f64,
}

impl Report {
    /// Valid and the claimed objective matches (`validate.py`'s exit status 0).
    pub fn ok(&self) -> bool {
        self.valid && self.objective == self.claimed_objective
    }
}

/// Gini coefficient of non-negative counts (0 for an empty or all-zero list).
pub fn gini(xs: &[u32]) -> f64 {
    let mut v: Vec<u64> = xs.iter().map(|&x| x as u64).collect();
    v.sort_unstable();
    let n = v.len() as f64;
    let tot: u64 = v.iter().sum();
    if v.is_empty() || tot == 0 {
        return 0.0;
    }
    let cum: u64 = v.iter().enumerate().map(|(i, &x)| (i as u64 + 1) * x).sum();
    (2.0 * cum as f64) / (n * tot as f64) - (n + 1.0) / n
}

fn mask(intervals: Option<&Vec<[u32; 2]>>, s: usize) -> Vec<bool> {
    let mut m = vec![intervals.is_none(); s];
    for iv in intervals.into_iter().flatten() {
        for x in m
            .iter_mut()
            .take((iv[1] as usize).min(s))
            .skip(iv[0] as usize)
        {
            *x = true;
        }
    }
    m
}

/// Checks `sol` against `inst` (which should have passed [`super::model::parse_instance`]).
pub fn validate(inst: &Instance, sol: &Solution) -> Report {
    let s = inst.horizon.num_slots as usize;
    let days = match &inst.horizon.days {
        Some(d) if !d.is_empty() => d.clone(),
        _ => vec![[0, s as u32]],
    };
    let mut day_of: Vec<Option<usize>> = vec![None; s];
    for (d, iv) in days.iter().enumerate() {
        for x in day_of
            .iter_mut()
            .take((iv[1] as usize).min(s))
            .skip(iv[0] as usize)
        {
            *x = Some(d);
        }
    }
    let pidx: HashMap<&str, usize> = inst
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let sidx: HashMap<&str, usize> = inst
        .spots
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let ridx: HashMap<&str, usize> = inst
        .requests
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let pavail: Vec<Vec<bool>> = inst
        .people
        .iter()
        .map(|p| mask(p.available.as_ref(), s))
        .collect();
    let savail: Vec<Vec<bool>> = inst
        .spots
        .iter()
        .map(|p| mask(p.available.as_ref(), s))
        .collect();
    let members: Vec<Vec<usize>> = inst
        .requests
        .iter()
        .map(|r| r.participants.iter().map(|p| pidx[p.as_str()]).collect())
        .collect();
    let start_ok = |r: usize, t: usize| -> bool {
        let req = &inst.requests[r];
        let d = req.duration as usize;
        if t + d > s {
            return false;
        }
        if let Some(w) = req.window
            && (t < w[0] as usize || t + d > w[1] as usize)
        {
            return false;
        }
        let Some(day) = day_of[t] else { return false };
        if (t..t + d).any(|x| day_of[x] != Some(day)) {
            return false;
        }
        members[r].iter().all(|&p| (t..t + d).all(|x| pavail[p][x]))
    };

    let mut errs = Vec::new();
    if sol.format != SOLUTION_FORMAT {
        errs.push(format!("solution format {:?}", sol.format));
    }
    let mut seen: HashSet<usize> = HashSet::new();
    let mut person_slot: HashMap<(usize, usize), &str> = HashMap::new();
    let mut spot_slot: HashMap<(usize, usize), &str> = HashMap::new();
    let mut nmeet = vec![0u32; inst.people.len()];
    let mut obj = 0u64;
    let mut cross_org = 0usize;
    for a in &sol.assignments {
        let (rid, t, sid) = (a.request.as_str(), a.start as usize, a.spot.as_str());
        let Some(&r) = ridx.get(rid) else {
            errs.push(format!("unknown request {rid}"));
            continue;
        };
        let Some(&k) = sidx.get(sid) else {
            errs.push(format!("unknown spot {sid}"));
            continue;
        };
        if !seen.insert(r) {
            errs.push(format!("{rid} scheduled twice"));
            continue;
        }
        let req = &inst.requests[r];
        let d = req.duration as usize;
        if !start_ok(r, t) {
            errs.push(format!(
                "{rid}: start {t} violates availability/window/day/horizon"
            ));
        }
        let sp = &inst.spots[k];
        if (sp.capacity as usize) < members[r].len() {
            errs.push(format!("{rid}: spot {sid} too small"));
        }
        if !req.mode.fits(sp.is_virtual()) {
            errs.push(format!(
                "{rid}: mode {} vs spot kind {}",
                req.mode.as_str(),
                sp.kind
            ));
        }
        if !(t..(t + d).min(s)).all(|x| savail[k][x]) {
            errs.push(format!("{rid}: spot {sid} unavailable"));
        }
        if let Some(fx) = &req.fixed
            && (fx.start as usize != t || fx.spot.as_deref().is_some_and(|f| f != sid))
        {
            errs.push(format!("{rid}: fixed assignment changed"));
        }
        for x in t..t + d {
            if let Some(prev) = spot_slot.insert((k, x), rid) {
                errs.push(format!("spot {sid} double-booked at {x}: {prev} & {rid}"));
            }
            for &p in &members[r] {
                if person_slot.insert((p, x), rid).is_some() {
                    errs.push(format!("person {} double-booked at {x}", inst.people[p].id));
                }
            }
        }
        for &p in &members[r] {
            nmeet[p] += 1;
        }
        obj += req.weight as u64;
        let orgs: HashSet<&str> = members[r]
            .iter()
            .map(|&p| inst.people[p].org.as_str())
            .collect();
        cross_org += usize::from(orgs.len() > 1);
    }
    for (p, &n) in nmeet.iter().enumerate() {
        if let Some(cap) = inst.people[p].max_meetings
            && n > cap
        {
            errs.push(format!(
                "person {} has {n} > max_meetings {cap}",
                inst.people[p].id
            ));
        }
    }
    for (r, req) in inst.requests.iter().enumerate() {
        if req.fixed.is_some() && !seen.contains(&r) {
            errs.push(format!("fixed request {} not scheduled", req.id));
        }
    }
    let mut requested = vec![false; inst.people.len()];
    for m in &members {
        for &p in m {
            requested[p] = true;
        }
    }
    let involved: Vec<u32> = (0..inst.people.len())
        .filter(|&p| requested[p])
        .map(|p| nmeet[p])
        .collect();
    Report {
        valid: errs.is_empty(),
        violations: errs,
        objective: obj,
        claimed_objective: sol.objective,
        scheduled: seen.len(),
        requests: inst.requests.len(),
        weight_total: inst.requests.iter().map(|r| r.weight as u64).sum(),
        people_with_requests_unserved: involved.iter().filter(|&&n| n == 0).count(),
        meetings_per_person_gini: gini(&involved),
        max_meetings_one_person: nmeet.iter().copied().max().unwrap_or(0),
        cross_org_share: cross_org as f64 / seen.len().max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::model::{Assignment, Status, parse_instance};

    fn inst() -> Instance {
        parse_instance(
            &serde_json::json!({
                "format": "p2p-sched/1", "name": "t",
                "horizon": {"num_slots": 4, "days": [[0, 2], [2, 4]]},
                "people": [{"id": "a", "org": "x", "max_meetings": 1},
                           {"id": "b", "org": "y", "available": [[0, 3]]},
                           {"id": "c", "org": "x"}],
                "spots": [{"id": "t", "kind": "table", "capacity": 2},
                          {"id": "v", "kind": "virtual", "capacity": 6, "available": [[0, 2]]}],
                "requests": [
                    {"id": "r0", "participants": ["a", "b"], "weight": 3},
                    {"id": "r1", "participants": ["b", "c"], "weight": 2, "duration": 2},
                    {"id": "r2", "participants": ["a", "c"], "weight": 1, "mode": "virtual"}
                ]
            })
            .to_string(),
        )
        .unwrap()
    }

    fn sol(a: &[(&str, u32, &str)], objective: u64) -> Solution {
        Solution {
            format: SOLUTION_FORMAT.into(),
            instance: "t".into(),
            solver: serde_json::Value::Null,
            status: Status::Heuristic,
            objective,
            bound: None,
            wall_seconds: None,
            assignments: a
                .iter()
                .map(|&(r, t, s)| Assignment {
                    request: r.into(),
                    start: t,
                    spot: s.into(),
                })
                .collect(),
        }
    }

    #[test]
    fn accepts_a_valid_schedule() {
        let rep = validate(&inst(), &sol(&[("r0", 2, "t"), ("r1", 0, "t")], 5));
        assert!(rep.ok(), "{rep:?}");
        assert_eq!(rep.people_with_requests_unserved, 0);
        assert_eq!(rep.cross_org_share, 1.0);
    }

    #[test]
    fn finds_each_kind_of_violation() {
        let i = inst();
        let one = |a: &[(&str, u32, &str)]| validate(&i, &sol(a, 0)).violations;
        assert_eq!(one(&[("rX", 0, "t")]), vec!["unknown request rX"]);
        assert_eq!(one(&[("r0", 0, "zz")]), vec!["unknown spot zz"]);
        assert!(
            one(&[("r1", 1, "t")])[0].contains("violates"),
            "crosses a day"
        );
        assert!(one(&[("r1", 2, "v")]).iter().any(|e| e.contains("mode")));
        assert!(
            one(&[("r2", 2, "v")])
                .iter()
                .any(|e| e.contains("unavailable"))
        );
        assert!(
            one(&[("r0", 0, "t"), ("r1", 0, "t")])
                .iter()
                .any(|e| e.contains("double-booked"))
        );
        assert!(
            one(&[("r0", 0, "t"), ("r2", 1, "v")])
                .iter()
                .any(|e| e.contains("max_meetings"))
        );
        assert!(
            one(&[("r0", 0, "t"), ("r0", 1, "t")])
                .iter()
                .any(|e| e.contains("twice"))
        );
        let rep = validate(&i, &sol(&[("r0", 0, "t")], 4));
        assert!(rep.valid && !rep.ok(), "objective mismatch");
    }

    #[test]
    fn gini_matches_the_python_formula() {
        assert_eq!(gini(&[]), 0.0);
        assert_eq!(gini(&[2, 2, 2]), 0.0);
        assert!((gini(&[0, 0, 3]) - 2.0 / 3.0).abs() < 1e-12);
    }
}

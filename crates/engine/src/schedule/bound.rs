//! An upper bound on the best possible total weight, by Lagrangian relaxation.
//!
//! The exact model (the one `cpsat_baseline.py` solves) picks at most one `(start, class)`
//! option per request subject to: each person in at most one meeting per slot, each class
//! holding at most its number of spots per slot, each person within `max_meetings`. Moving
//! those three families into the objective with multipliers `λ ≥ 0` leaves one tiny problem
//! per request (take its best option if its reduced weight is positive), and
//!
//! `L(λ) = Σ_r max(0, best reduced weight of r) + Σ λ · right-hand sides`
//!
//! is an upper bound for every `λ ≥ 0`. Because each per-request problem has integral
//! optima, the best `L` equals the LP-relaxation bound (what `lp_bound.py` computes with an LP
//! solver); subgradient steps (Polyak's rule, aiming at the best known schedule) approach it
//! without an LP solver, in time linear in the number of options per step. The objective is an
//! integer, so the bound reported is `⌊L⌋`.

use std::collections::HashMap;
use std::time::Instant;

use super::problem::Problem;
use super::state::State;

pub struct BoundResult {
    /// `⌊min L(λ)⌋` over the multipliers tried, never more than the total weight.
    pub bound: u64,
    pub iterations: u32,
}

/// Runs subgradient optimisation until `deadline`, `max_iter` steps, or the bound meets
/// `lower` (the weight of a known schedule).
pub fn lagrangian_bound(
    p: &Problem,
    start: &State,
    deadline: Instant,
    max_iter: u32,
) -> BoundResult {
    let lower = start.weight;
    let s = p.s;
    let n = p.n_reqs();
    let total = p.total_weight();
    let nc = p.classes.len();
    // Distinct (group, duration) pairs share the class part of the reduced weight.
    let mut gd_of: HashMap<(u32, u32), u32> = HashMap::new();
    let mut gds: Vec<(u32, u32)> = Vec::new();
    let req_gd: Vec<u32> = p
        .reqs
        .iter()
        .map(|rq| {
            *gd_of.entry((rq.group, rq.dur)).or_insert_with(|| {
                gds.push((rq.group, rq.dur));
                (gds.len() - 1) as u32
            })
        })
        .collect();
    // Only people with more requests than their cap need a cap multiplier.
    let capped: Vec<bool> = (0..p.n_people)
        .map(|m| (p.pcap[m] as usize) < p.person_reqs[m].len())
        .collect();

    let mut lam = vec![0f64; p.n_people * s];
    // Start class prices from the schedule at hand: a full class-slot is worth about the
    // cheapest weight per slot among its meetings.
    let init: f64 = std::env::var("SCHED_BINIT").ok().and_then(|v| v.parse().ok()).unwrap_or(0.5);
    let mut nu = vec![0f64; nc * s];
    for c in 0..nc {
        let size = p.classes[c].size() as usize;
        for x in 0..s {
            let occ = start.class_occupants(c as u32, x as u32);
            if size > 0 && occ.len() >= size {
                let m = occ
                    .iter()
                    .map(|&q| p.reqs[q as usize].weight as f64 / p.reqs[q as usize].dur as f64)
                    .fold(f64::INFINITY, f64::min);
                nu[c * s + x] = init * m;
            }
        }
    }
    let mut mu = vec![0f64; p.n_people];
    let mut use_p = vec![0u32; p.n_people * s];
    let mut use_c = vec![0u32; nc * s];
    let mut use_m = vec![0u32; p.n_people];
    let mut cmin = vec![0f64; gds.len() * s];
    let mut carg = vec![u32::MAX; gds.len() * s];
    let mut choice: Vec<(u32, u32)> = vec![(u32::MAX, 0); n];

    let mut best = total as f64;
    let mut theta: f64 = std::env::var("SCHED_BTHETA").ok().and_then(|v| v.parse().ok()).unwrap_or(1.0);
    let patience: u32 = std::env::var("SCHED_BPAT").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    let mut since_improve = 0;
    let mut iterations = 0;
    let target = lower as f64;
    while iterations < max_iter {
        if iterations % 4 == 0 && Instant::now() >= deadline {
            break;
        }
        iterations += 1;
        // Class part: cheapest open class per (group, duration, start).
        for (k, &(g, d)) in gds.iter().enumerate() {
            for t in 0..s {
                let (mut bv, mut ba) = (f64::INFINITY, u32::MAX);
                if t + d as usize <= s {
                    for &c in &p.groups[g as usize] {
                        if !p.class_open(c, t as u32, d) {
                            continue;
                        }
                        let v: f64 = nu[c as usize * s + t..c as usize * s + t + d as usize]
                            .iter()
                            .sum();
                        if v < bv {
                            bv = v;
                            ba = c;
                        }
                    }
                }
                cmin[k * s + t] = bv;
                carg[k * s + t] = ba;
            }
        }
        let mut l = 0f64;
        for (r, rq) in p.reqs.iter().enumerate() {
            let r32 = r as u32;
            let d = rq.dur as usize;
            let k = req_gd[r] as usize;
            let mem = p.members(r32);
            let base = rq.weight as f64 - mem.iter().map(|&m| mu[m as usize]).sum::<f64>();
            let mut bv = f64::NEG_INFINITY;
            let mut bt = u32::MAX;
            let mut bc = 0;
            let forced = rq.fixed;
            for &t in p.starts(r32) {
                let t = t as usize;
                if let Some((ft, _)) = forced
                    && ft as usize != t
                {
                    continue;
                }
                let (cv, ca) = match forced {
                    Some((_, Some(pc))) => (
                        nu[pc as usize * s + t..pc as usize * s + t + d]
                            .iter()
                            .sum(),
                        pc,
                    ),
                    _ => (cmin[k * s + t], carg[k * s + t]),
                };
                if ca == u32::MAX {
                    continue;
                }
                let mut v = base - cv;
                for &m in mem {
                    v -= lam[m as usize * s + t..m as usize * s + t + d]
                        .iter()
                        .sum::<f64>();
                }
                if v > bv {
                    bv = v;
                    bt = t as u32;
                    bc = ca;
                }
            }
            if bt != u32::MAX && (bv > 0.0 || forced.is_some()) {
                l += bv;
                choice[r] = (bt, bc);
            } else {
                choice[r] = (u32::MAX, 0);
            }
        }
        l += lam.iter().sum::<f64>();
        for c in 0..nc {
            let size = p.classes[c].size() as f64;
            l += nu[c * s..(c + 1) * s].iter().sum::<f64>() * size;
        }
        for m in 0..p.n_people {
            if capped[m] {
                l += mu[m] * p.pcap[m] as f64;
            }
        }
        if std::env::var("SCHED_BDEBUG").is_ok() && iterations % 10 == 0 {
            eprintln!("it {iterations} L {l:.2} best {best:.2} theta {theta}");
        }
        if l < best - 1e-9 {
            best = l;
            since_improve = 0;
        } else {
            since_improve += 1;
            if since_improve >= patience {
                theta *= 0.5;
                since_improve = 0;
            }
        }
        if best.floor() <= target + 1e-9 || theta < 1e-4 {
            break;
        }
        // Subgradient.
        use_p.iter_mut().for_each(|x| *x = 0);
        use_c.iter_mut().for_each(|x| *x = 0);
        use_m.iter_mut().for_each(|x| *x = 0);
        for (r, &(t, c)) in choice.iter().enumerate() {
            if t == u32::MAX {
                continue;
            }
            let d = p.reqs[r].dur as usize;
            let t = t as usize;
            for &m in p.members(r as u32) {
                use_m[m as usize] += 1;
                for x in t..t + d {
                    use_p[m as usize * s + x] += 1;
                }
            }
            for x in t..t + d {
                use_c[c as usize * s + x] += 1;
            }
        }
        let mut norm = 0f64;
        let grad = |lamv: f64, g: f64| if lamv <= 0.0 && g < 0.0 { 0.0 } else { g };
        for i in 0..lam.len() {
            let g = grad(lam[i], use_p[i] as f64 - 1.0);
            norm += g * g;
        }
        for c in 0..nc {
            let size = p.classes[c].size() as f64;
            for x in 0..s {
                let i = c * s + x;
                let g = grad(nu[i], use_c[i] as f64 - size);
                norm += g * g;
            }
        }
        for m in 0..p.n_people {
            if capped[m] {
                let g = grad(mu[m], use_m[m] as f64 - p.pcap[m] as f64);
                norm += g * g;
            }
        }
        if norm <= 0.0 {
            // The relaxed choice is feasible and complementary: the bound is exact.
            break;
        }
        let step = theta * (l - target).max(1.0) / norm;
        for i in 0..lam.len() {
            lam[i] = (lam[i] + step * (use_p[i] as f64 - 1.0)).max(0.0);
        }
        for c in 0..nc {
            let size = p.classes[c].size() as f64;
            for x in 0..s {
                let i = c * s + x;
                nu[i] = (nu[i] + step * (use_c[i] as f64 - size)).max(0.0);
            }
        }
        for m in 0..p.n_people {
            if capped[m] {
                mu[m] = (mu[m] + step * (use_m[m] as f64 - p.pcap[m] as f64)).max(0.0);
            }
        }
    }
    BoundResult {
        bound: ((best + 1e-4).floor().max(0.0) as u64).min(total),
        iterations,
    }
}

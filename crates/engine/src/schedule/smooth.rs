//! The second phase of the upper bound: accelerated gradient descent on a *smoothed* dual.
//!
//! `L(λ)` (see [`super::bound`]) is piecewise linear: each request contributes the largest of
//! its options' reduced weights (or 0). Sign-adaptive steps get near its minimum quickly but
//! then circle it, a few tenths of a percent above the LP value. Replacing each request's
//! maximum by a soft maximum at temperature `τ`,
//!
//! `f_τ(λ) = Σ_r τ·ln(e^0 + Σ_o e^{v_ro/τ}) + Σ λ·rhs`, with `v_ro` the reduced weight of option `o`,
//!
//! gives a convex function with a Lipschitz gradient (`rhs − expected usage`, the usage of
//! the fractional choice that picks option `o` with probability ∝ `e^{v_ro/τ}`) that lies
//! within `τ·ln(options + 1)` per request above `L`. Nesterov's accelerated projected
//! gradient (FISTA, with backtracking on the step and an adaptive restart when `f` rises)
//! converges on it at the `1/k²` rate that a non-smooth method cannot reach, and `τ` is
//! lowered in stages so that the minimiser approaches `L`'s. Every point visited is also
//! evaluated exactly, so every bound reported is a true `L(λ)`: the smoothing only steers.
//!
//! Class-slot multipliers carry the demand of hundreds of requests, person-slot ones of a
//! handful, so one step length cannot suit both: each multiplier's step is scaled by
//! `1/rhs` (a diagonal metric, used consistently in the backtracking test). Without it the
//! phase made no progress at all on 100,000 requests.
//!
//! On the public instances this closes the distance from the sign-adaptive phase's bound to
//! the LP bound (the 400-request instance: 754 → 748.6, LP 748.25; 5,000 requests: 8,084,
//! LP 8,079.5).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use super::bound::{Relaxation, floor_bound, prefix};
use super::prices::PriceBoard;

/// Scratch for one evaluation: the fractional usage of every constraint.
pub(super) struct Eval {
    /// `f_τ` at the point.
    pub smooth: f64,
    /// `L` at the point (a valid upper bound).
    pub exact: f64,
    pub usage: Vec<f64>,
    /// Per request: its best reduced weight (`-∞` with no option).
    pub profit: Vec<f32>,
}

impl Eval {
    pub fn new(n: usize, reqs: usize) -> Eval {
        Eval {
            smooth: 0.0,
            exact: 0.0,
            usage: vec![0.0; n],
            profit: vec![f32::NEG_INFINITY; reqs],
        }
    }
}

/// Per-evaluation work buffers.
pub(super) struct Buffers {
    lam_pre: Vec<f64>,
    nu_pre: Vec<f64>,
    /// Per (group, duration) and start: the cheapest open class's cost, and
    /// `Σ_c e^{-(cost_c - cheapest)/τ}` over the open classes (0 when none is open).
    cmin: Vec<f64>,
    cshare: Vec<f64>,
    /// Per (group, duration) and start: the probability mass of all requests there.
    gd_mass: Vec<f64>,
    /// Per start of the current request: reduced weight at the cheapest class, then its
    /// probability.
    vals: Vec<f64>,
}

impl Relaxation<'_> {
    pub(super) fn buffers(&self) -> Buffers {
        let s = self.p.s;
        let k = self.gds.len() * s;
        Buffers {
            lam_pre: vec![0.0; self.p.n_people * (s + 1)],
            nu_pre: vec![0.0; self.p.classes.len() * (s + 1)],
            cmin: vec![0.0; k],
            cshare: vec![0.0; k],
            gd_mass: vec![0.0; k],
            vals: vec![0.0; s],
        }
    }

    /// `f_τ(y)` and `L(y)`, with the expected usage under the soft choice.
    ///
    /// An option's reduced weight splits into a request part (weight, caps, people's time
    /// at the start) and a class part shared by all requests of one (group, duration): the
    /// soft maximum over classes is therefore computed once per (group, duration, start),
    /// and each request only weighs its starts.
    pub(super) fn smoothed(&self, y: &[f64], tau: f64, buf: &mut Buffers, out: &mut Eval) {
        let p = self.p;
        let s = p.s;
        let inv = 1.0 / tau;
        // exp of x ≤ 0, skipping what is too small to matter.
        let soft = |x: f64| if x < -36.0 { 0.0 } else { x.exp() };
        let (lam, rest) = y.split_at(self.n_ps);
        let (nu, mu) = rest.split_at(self.n_cs);
        prefix(lam, s, &mut buf.lam_pre);
        prefix(nu, s, &mut buf.nu_pre);
        let nu_span = |pre: &[f64], c: usize, t: usize, d: usize| {
            pre[c * (s + 1) + t + d] - pre[c * (s + 1) + t]
        };
        for (k, &(_, d)) in self.gds.iter().enumerate() {
            let d = d as usize;
            for t in 0..s {
                let (mut lo, mut sum) = (f64::INFINITY, 0.0);
                let open = self.open_classes(k, t);
                for &c in open {
                    lo = lo.min(nu_span(&buf.nu_pre, c as usize, t, d));
                }
                for &c in open {
                    sum += soft((lo - nu_span(&buf.nu_pre, c as usize, t, d)) * inv);
                }
                buf.cmin[k * s + t] = lo;
                buf.cshare[k * s + t] = sum;
                buf.gd_mass[k * s + t] = 0.0;
            }
        }
        let usage = &mut out.usage;
        usage.iter_mut().for_each(|u| *u = 0.0);
        let (mut smooth, mut exact) = (0f64, 0f64);
        for (r, rq) in p.reqs.iter().enumerate() {
            let r32 = r as u32;
            let d = rq.dur as usize;
            let k = self.req_gd[r] as usize;
            let mem = p.members(r32);
            let base = self.base(r, mu);
            let pinned = match rq.fixed {
                Some((_, Some(c))) => Some(c as usize),
                _ => None,
            };
            // Reduced weight at the cheapest class of each start (−∞: not an option).
            let mut best = f64::NEG_INFINITY;
            buf.vals.iter_mut().for_each(|v| *v = f64::NEG_INFINITY);
            for &t in p.starts(r32) {
                let t = t as usize;
                if rq.fixed.is_some_and(|(ft, _)| ft as usize != t) {
                    continue;
                }
                let class = match pinned {
                    Some(c) => nu_span(&buf.nu_pre, c, t, d),
                    None => buf.cmin[k * s + t],
                };
                if !class.is_finite() {
                    continue;
                }
                let people: f64 = mem
                    .iter()
                    .map(|&m| {
                        let row = m as usize * (s + 1);
                        buf.lam_pre[row + t + d] - buf.lam_pre[row + t]
                    })
                    .sum();
                let v = base - people - class;
                buf.vals[t] = v;
                best = best.max(v);
            }
            out.profit[r] = best as f32;
            if !best.is_finite() {
                continue;
            }
            let forced = rq.fixed.is_some();
            if forced || best > 0.0 {
                exact += best;
            }
            // Soft maximum over the options and, unless the request is fixed, "not scheduled".
            let top = if forced { best } else { best.max(0.0) };
            let mut sum = if forced { 0.0 } else { soft(-top * inv) };
            for (t, v) in buf.vals.iter_mut().enumerate() {
                if v.is_finite() {
                    let share = if pinned.is_some() {
                        1.0
                    } else {
                        buf.cshare[k * s + t]
                    };
                    *v = soft((*v - top) * inv) * share;
                    sum += *v;
                } else {
                    *v = 0.0;
                }
            }
            smooth += top + tau * sum.ln();
            let mut total = 0f64;
            for (t, &e) in buf.vals.iter().enumerate() {
                if e == 0.0 {
                    continue;
                }
                let q = e / sum;
                total += q;
                match pinned {
                    Some(c) => {
                        let row = self.n_ps + c * s + t;
                        usage[row..row + d].iter_mut().for_each(|u| *u += q);
                    }
                    None => buf.gd_mass[k * s + t] += q,
                }
                for &m in mem {
                    let row = m as usize * s + t;
                    usage[row..row + d].iter_mut().for_each(|u| *u += q);
                }
            }
            for &m in mem {
                usage[self.n_ps + self.n_cs + m as usize] += total;
            }
        }
        // Spread each (group, duration, start)'s mass over its classes.
        for (k, &(_, d)) in self.gds.iter().enumerate() {
            let d = d as usize;
            for t in 0..s {
                let mass = buf.gd_mass[k * s + t];
                if mass == 0.0 {
                    continue;
                }
                let (lo, sum) = (buf.cmin[k * s + t], buf.cshare[k * s + t]);
                for &c in self.open_classes(k, t) {
                    let q = mass * soft((lo - nu_span(&buf.nu_pre, c as usize, t, d)) * inv) / sum;
                    let row = self.n_ps + c as usize * s + t;
                    usage[row..row + d].iter_mut().for_each(|u| *u += q);
                }
            }
        }
        let fixed_part: f64 = y
            .iter()
            .zip(&self.rhs)
            .filter(|&(&v, _)| v != 0.0)
            .map(|(&v, &b)| v * b)
            .sum();
        out.smooth = smooth + fixed_part;
        out.exact = exact + fixed_part;
    }
}

/// Where the smoothed phase stops and what it reports.
pub(super) struct Limits<'a> {
    pub deadline: Instant,
    pub max_iter: u32,
    pub best_known: &'a AtomicU64,
    pub publish: &'a AtomicU64,
    pub total: u64,
    /// Where to share the prices (multipliers and reduced weights) at the best point.
    pub prices: Option<&'a PriceBoard>,
    /// Stop once the temperature is at its floor and the integer bound has not improved for
    /// [`SETTLED`] iterations (the bound has converged as far as it usefully will).
    pub settle: bool,
}

/// See [`Limits::settle`].
const SETTLED: u32 = 100;

/// How often (in iterations) improved reduced weights are shared with the search.
const SHARE_EVERY: u32 = 25;

/// Accelerated projected gradient on `f_τ` from `y`, lowering `τ` in stages. Returns the
/// least `L` seen (at least `best`, the least seen before) and the iterations taken.
pub(super) fn accelerate(
    rel: &Relaxation,
    y: &mut Vec<f64>,
    mut best: f64,
    limits: &Limits,
) -> (f64, u32) {
    // Temperatures relative to the mean weight: smooth enough to move, sharp enough at the end.
    let scale = rel.p.total_weight() as f64 / rel.p.n_reqs().max(1) as f64;
    let mut tau = 0.02 * scale;
    let tau_floor = 0.001 * scale;
    const STAGE: u32 = 50;
    let n = y.len();
    let mut buf = rel.buffers();
    let reqs = rel.p.n_reqs();
    let mut at_z = Eval::new(n, reqs);
    let mut at_next = Eval::new(n, reqs);
    // Reduced weights at the best multipliers, and whether they changed since last shared.
    let mut profit = vec![f32::NEG_INFINITY; reqs];
    let n_slots = rel.n_ps + rel.n_cs;
    let mut slot_price = vec![0f32; n_slots];
    let mut unshared = false;
    // The integer bound and the iteration it last improved.
    let mut last_floor = floor_bound(best, limits.total);
    let mut last_gain = 0;
    let mut z = y.clone();
    let mut next = vec![0f64; n];
    let mut momentum = 1f64;
    let mut step = 0.05f64;
    let mut f_y = f64::INFINITY;
    let mut iterations = 0;
    let record = |at: &Eval,
                  y: &[f64],
                  best: &mut f64,
                  profit: &mut Vec<f32>,
                  slot_price: &mut Vec<f32>,
                  unshared: &mut bool| {
        if at.exact < *best {
            *best = at.exact;
            limits
                .publish
                .fetch_min(floor_bound(at.exact, limits.total), Ordering::Relaxed);
            if limits.prices.is_some() {
                profit.copy_from_slice(&at.profit);
                for (dst, &src) in slot_price.iter_mut().zip(&y[..n_slots]) {
                    *dst = src as f32;
                }
                *unshared = true;
            }
        }
    };
    while iterations < limits.max_iter {
        let floor = floor_bound(best, limits.total);
        if floor < last_floor {
            (last_floor, last_gain) = (floor, iterations);
        }
        if limits.settle && tau <= tau_floor && iterations - last_gain >= SETTLED {
            break;
        }
        if Instant::now() >= limits.deadline
            || best.floor() <= limits.best_known.load(Ordering::Relaxed) as f64 + 1e-9
        {
            break;
        }
        iterations += 1;
        if unshared
            && iterations % SHARE_EVERY == 0
            && let Some(board) = limits.prices
        {
            board.publish(profit.clone(), slot_price.clone(), None);
            unshared = false;
        }
        rel.smoothed(&z, tau, &mut buf, &mut at_z);
        record(
            &at_z,
            &z,
            &mut best,
            &mut profit,
            &mut slot_price,
            &mut unshared,
        );
        // Backtracking: shrink the step until the quadratic model bounds f_τ at the new point.
        loop {
            let mut lin = 0f64;
            let mut dist = 0f64;
            for i in 0..n {
                let b = rel.rhs[i];
                if !b.is_finite() {
                    next[i] = 0.0;
                    continue;
                }
                // Descend along −∇f_τ = usage − rhs, scaled per multiplier by 1/rhs (a
                // diagonal metric: a class with 40 spots would otherwise dictate a step
                // far too small for one person's slot), then project onto λ ≥ 0.
                next[i] = (z[i] + step * (at_z.usage[i] - b) / b).max(0.0);
                let dz = next[i] - z[i];
                lin += (b - at_z.usage[i]) * dz;
                dist += dz * dz * b;
            }
            rel.smoothed(&next, tau, &mut buf, &mut at_next);
            record(
                &at_next,
                &next,
                &mut best,
                &mut profit,
                &mut slot_price,
                &mut unshared,
            );
            if at_next.smooth <= at_z.smooth + lin + dist / (2.0 * step) + 1e-9 || step < 1e-9 {
                break;
            }
            step *= 0.5;
        }
        // Momentum, restarted whenever f_τ rose.
        let mut new_momentum = (1.0 + (1.0 + 4.0 * momentum * momentum).sqrt()) / 2.0;
        let beta = if at_next.smooth > f_y {
            new_momentum = 1.0;
            0.0
        } else {
            (momentum - 1.0) / new_momentum
        };
        for i in 0..n {
            z[i] = (next[i] + beta * (next[i] - y[i])).max(0.0);
        }
        std::mem::swap(y, &mut next);
        f_y = at_next.smooth;
        momentum = new_momentum;
        step *= 1.1;
        if iterations % STAGE == 0 && tau > tau_floor {
            tau = (tau * 0.6).max(tau_floor);
            // f_τ changed: the old values are not comparable.
            f_y = f64::INFINITY;
            momentum = 1.0;
        }
    }
    if unshared && let Some(board) = limits.prices {
        board.publish(profit, slot_price, None);
    }
    (best, iterations)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::schedule::model::parse_instance;
    use crate::schedule::problem::Problem;
    use crate::schedule::search::Rng;

    /// Eight requests over two days, with caps, availability, fixed meetings and every mode.
    pub(in crate::schedule) fn problem() -> Problem {
        let text = serde_json::json!({"format": "p2p-sched/1", "name": "smooth",
        "horizon": {"num_slots": 6, "days": [[0, 3], [3, 6]]},
        "people": [{"id": "a", "max_meetings": 2}, {"id": "b", "available": [[1, 6]]},
            {"id": "c"}, {"id": "d", "max_meetings": 2}, {"id": "e", "max_meetings": 1}],
        "spots": [{"id": "t2", "kind": "table", "capacity": 2},
            {"id": "t4", "kind": "table", "capacity": 4, "available": [[0, 5]]},
            {"id": "v", "kind": "virtual", "capacity": 6}],
        "requests": [
            {"id": "r0", "participants": ["a", "b"], "weight": 3, "duration": 2},
            {"id": "r1", "participants": ["a", "c", "d"], "weight": 2, "mode": "any"},
            {"id": "r2", "participants": ["b", "c"], "weight": 5, "mode": "virtual"},
            {"id": "r3", "participants": ["a", "d"], "weight": 1, "fixed": {"start": 4, "spot": "t2"}},
            {"id": "r4", "participants": ["c", "d"], "weight": 4, "fixed": {"start": 0}},
            {"id": "r5", "participants": ["a", "b", "c"], "weight": 2, "duration": 2},
            {"id": "r6", "participants": ["b", "e"], "weight": 3},
            {"id": "r7", "participants": ["c", "e"], "weight": 2}
        ]})
        .to_string();
        Problem::new(&parse_instance(&text).unwrap())
    }

    pub(in crate::schedule) fn random_point(rel: &Relaxation, rng: &mut Rng) -> Vec<f64> {
        rel.rhs
            .iter()
            .map(|b| {
                if b.is_finite() && rng.below(3) > 0 {
                    2.0 * rng.unit()
                } else {
                    0.0
                }
            })
            .collect()
    }

    #[test]
    fn exact_part_is_the_lagrangian_and_the_smoothing_stays_close_above_it() {
        let p = problem();
        let mut rel = Relaxation::new(&p);
        let mut buf = rel.buffers();
        let n = rel.rhs.len();
        let (mut out, mut usage, mut used) = (Eval::new(n, p.n_reqs()), vec![0.0; n], vec![]);
        let mut rng = Rng::new(7);
        for _ in 0..50 {
            let y = random_point(&rel, &mut rng);
            let l = rel.evaluate(&y, &mut usage, &mut used);
            // Reusing the buffers clears exactly what the previous call set.
            let (mut fresh, mut fresh_used) = (vec![0.0; n], vec![]);
            assert_eq!(rel.evaluate(&y, &mut fresh, &mut fresh_used), l);
            assert_eq!(usage, fresh);
            let mut listed: Vec<usize> = used.iter().map(|&i| i as usize).collect();
            listed.sort_unstable();
            let nonzero: Vec<usize> = (0..n).filter(|&i| usage[i] != 0.0).collect();
            assert_eq!(listed, nonzero);
            for tau in [0.5, 0.05, 0.001] {
                rel.smoothed(&y, tau, &mut buf, &mut out);
                assert!((out.exact - l).abs() < 1e-9, "{} vs {l}", out.exact);
                // Each request adds at most τ·ln(options + 1) (6 slots × 3 classes + 1).
                let slack = tau * (19f64).ln() * p.n_reqs() as f64;
                assert!(out.smooth >= l - 1e-9 && out.smooth <= l + slack + 1e-9);
            }
        }
    }

    #[test]
    fn usage_is_the_gradient_of_the_smoothed_dual() {
        let p = problem();
        let rel = Relaxation::new(&p);
        let mut buf = rel.buffers();
        let n = rel.rhs.len();
        let (mut at, mut moved) = (Eval::new(n, p.n_reqs()), Eval::new(n, p.n_reqs()));
        let mut rng = Rng::new(11);
        let tau = 0.3;
        for _ in 0..10 {
            let mut y = random_point(&rel, &mut rng);
            y.iter_mut().zip(&rel.rhs).for_each(|(v, b)| {
                if b.is_finite() {
                    *v += 0.1;
                }
            });
            rel.smoothed(&y, tau, &mut buf, &mut at);
            for i in (0..n).filter(|&i| rel.rhs[i].is_finite()) {
                let h = 1e-6;
                let mut z = y.clone();
                z[i] += h;
                rel.smoothed(&z, tau, &mut buf, &mut moved);
                let numeric = (moved.smooth - at.smooth) / h;
                let analytic = rel.rhs[i] - at.usage[i];
                assert!(
                    (numeric - analytic).abs() < 1e-3,
                    "multiplier {i}: {numeric} vs {analytic}"
                );
            }
        }
    }
}

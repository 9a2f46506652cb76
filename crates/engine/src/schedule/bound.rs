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
//! solver). Without an LP solver, two phases approach it, each step linear in the number of
//! options: sign-adaptive steps per multiplier ([`super::rprop`]) get close fast, then
//! accelerated gradient on a smoothed `L` ([`super::smooth`]) closes the rest. The objective is
//! an integer, so the bound reported is `⌊L⌋`.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

use super::prices::PriceBoard;
use super::problem::Problem;
use super::rprop::{Outcome, Rprop};
use super::smooth;

/// Sign-adaptive steps before the smoothed phase takes over.
const WARM_UP: u32 = 100;

pub struct BoundResult {
    /// `⌊min L(λ)⌋` over the multipliers tried, never more than the total weight.
    pub bound: u64,
    pub iterations: u32,
}

/// The relaxation: multipliers `y` laid out as person-slot, class-slot, then person-cap.
pub(super) struct Relaxation<'a> {
    pub(super) p: &'a Problem,
    /// Distinct (group, duration) pairs share the class part of the reduced weight.
    pub(super) gds: Vec<(u32, u32)>,
    pub(super) req_gd: Vec<u32>,
    /// Right-hand side per multiplier; `INFINITY` for caps that cannot bind.
    pub(super) rhs: Vec<f64>,
    pub(super) n_ps: usize,
    pub(super) n_cs: usize,
    /// Per (group, duration) and start: the classes of the group open for the whole meeting,
    /// as ranges of `open` (see [`Relaxation::open_classes`]).
    open: Vec<u32>,
    open_off: Vec<u32>,
    cmin: Vec<f64>,
    carg: Vec<u32>,
    /// Row-wise prefix sums of the person-slot and class-slot multipliers (`s + 1` per row),
    /// so that a meeting's price over its slots is one difference.
    lam_pre: Vec<f64>,
    nu_pre: Vec<f64>,
    /// Per request: its best reduced weight at the last point evaluated, and the start the
    /// relaxed choice took (`u32::MAX`: left out).
    pub(super) profit: Vec<f32>,
    pub(super) choice: Vec<u32>,
}

impl<'a> Relaxation<'a> {
    pub(super) fn new(p: &'a Problem) -> Self {
        let s = p.s;
        let mut gd_of: HashMap<(u32, u32), u32> = HashMap::new();
        let mut gds: Vec<(u32, u32)> = Vec::new();
        let req_gd = p
            .reqs
            .iter()
            .map(|rq| {
                *gd_of.entry((rq.group, rq.dur)).or_insert_with(|| {
                    gds.push((rq.group, rq.dur));
                    (gds.len() - 1) as u32
                })
            })
            .collect();
        let n_ps = p.n_people * s;
        let n_cs = p.classes.len() * s;
        let mut rhs = vec![1.0; n_ps];
        for c in &p.classes {
            rhs.extend(std::iter::repeat_n(c.size() as f64, s));
        }
        for m in 0..p.n_people {
            // Only people with more requests than their cap need a cap multiplier.
            rhs.push(if (p.pcap[m] as usize) < p.person_reqs[m].len() {
                p.pcap[m] as f64
            } else {
                f64::INFINITY
            });
        }
        let k = gds.len() * s;
        let mut open = Vec::new();
        let mut open_off = vec![0u32];
        for &(g, d) in &gds {
            for t in 0..s as u32 {
                if t + d <= s as u32 {
                    open.extend(
                        p.groups[g as usize]
                            .iter()
                            .filter(|&&c| p.class_open(c, t, d)),
                    );
                }
                open_off.push(open.len() as u32);
            }
        }
        Relaxation {
            p,
            gds,
            req_gd,
            rhs,
            n_ps,
            n_cs,
            open,
            open_off,
            cmin: vec![0.0; k],
            carg: vec![u32::MAX; k],
            lam_pre: vec![0.0; p.n_people * (s + 1)],
            nu_pre: vec![0.0; p.classes.len() * (s + 1)],
            profit: vec![f32::NEG_INFINITY; p.n_reqs()],
            choice: vec![u32::MAX; p.n_reqs()],
        }
    }

    /// The classes of (group, duration) number `k` open for a meeting starting at `t`.
    #[inline]
    pub(super) fn open_classes(&self, k: usize, t: usize) -> &[u32] {
        let i = k * self.p.s + t;
        &self.open[self.open_off[i] as usize..self.open_off[i + 1] as usize]
    }

    /// The part of request `r`'s reduced weight that does not depend on the option: its weight
    /// less its participants' cap prices `mu`.
    pub(super) fn base(&self, r: usize, mu: &[f64]) -> f64 {
        let members = self.p.members(r as u32);
        self.p.reqs[r].weight as f64 - members.iter().map(|&m| mu[m as usize]).sum::<f64>()
    }

    /// `L(y)`, and the usage of each constraint by the relaxed choice, in `usage`, whose
    /// nonzero entries are listed in `used`. Both must come from the previous call (or be
    /// all zeros and empty): only the entries listed are cleared.
    pub(super) fn evaluate(&mut self, y: &[f64], usage: &mut [f64], used: &mut Vec<u32>) -> f64 {
        let p = self.p;
        let s = p.s;
        let (lam, rest) = y.split_at(self.n_ps);
        let (nu, mu) = rest.split_at(self.n_cs);
        let s1 = s + 1;
        prefix(lam, s, &mut self.lam_pre);
        prefix(nu, s, &mut self.nu_pre);
        for (k, &(_, d)) in self.gds.iter().enumerate() {
            let d = d as usize;
            for t in 0..s {
                let (mut bv, mut ba) = (f64::INFINITY, u32::MAX);
                for &c in self.open_classes(k, t) {
                    let row = c as usize * s1;
                    let v = self.nu_pre[row + t + d] - self.nu_pre[row + t];
                    if v < bv {
                        bv = v;
                        ba = c;
                    }
                }
                self.cmin[k * s + t] = bv;
                self.carg[k * s + t] = ba;
            }
        }
        for &i in used.iter() {
            usage[i as usize] = 0.0;
        }
        used.clear();
        let mut count = |usage: &mut [f64], i: usize| {
            if usage[i] == 0.0 {
                used.push(i as u32);
            }
            usage[i] += 1.0;
        };
        let mut l = 0f64;
        for (r, rq) in p.reqs.iter().enumerate() {
            let r32 = r as u32;
            let d = rq.dur as usize;
            let k = self.req_gd[r] as usize;
            let mem = p.members(r32);
            let base = self.base(r, mu);
            let mut bv = f64::NEG_INFINITY;
            let mut bt = usize::MAX;
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
                        self.nu_pre[pc as usize * s1 + t + d] - self.nu_pre[pc as usize * s1 + t],
                        pc,
                    ),
                    _ => (self.cmin[k * s + t], self.carg[k * s + t]),
                };
                if ca == u32::MAX {
                    continue;
                }
                let mut v = base - cv;
                for &m in mem {
                    let row = m as usize * s1;
                    v -= self.lam_pre[row + t + d] - self.lam_pre[row + t];
                }
                if v > bv {
                    bv = v;
                    bt = t;
                    bc = ca;
                }
            }
            self.profit[r] = bv as f32;
            self.choice[r] = u32::MAX;
            if bt != usize::MAX && (bv > 0.0 || forced.is_some()) {
                self.choice[r] = bt as u32;
                l += bv;
                for &m in mem {
                    count(usage, self.n_ps + self.n_cs + m as usize);
                    for x in bt..bt + d {
                        count(usage, m as usize * s + x);
                    }
                }
                for x in bt..bt + d {
                    count(usage, self.n_ps + bc as usize * s + x);
                }
            }
        }
        // Person-slot and class-slot right-hand sides are finite: no test needed (adding 0 leaves
        // the sum as it is). Caps that cannot bind have an infinite one and a zero multiplier.
        let finite = self.n_ps + self.n_cs;
        for (&v, &b) in y[..finite].iter().zip(&self.rhs[..finite]) {
            l += v * b;
        }
        for (&v, &b) in y[finite..].iter().zip(&self.rhs[finite..]) {
            if v != 0.0 {
                l += v * b;
            }
        }
        l
    }
}

/// Minimises `L`: first by sign-adaptive steps on each multiplier ([`Rprop`]), then after
/// [`WARM_UP`] of them by accelerated gradient on a smoothed `L` ([`smooth`]) from the
/// multipliers reached (the 400-request instance: 753.7 after the first phase, 748.6 after
/// 300 more steps, LP 748.25). Every `L` seen is a valid bound; the least is kept.
///
/// Stops at `deadline`, after `max_iter` steps of either phase, or when the bound meets
/// `best_known` (the weight of the best schedule found so far, which may grow while this
/// runs). Every improved bound is stored into `publish`; the multipliers and reduced weights
/// at the best point go to `prices` every few steps, from the first phase on (see
/// [`super::prices`]). With `settle: Some(at)`, it also stops once the
/// smoothed phase has converged (see [`smooth::Limits::settle`]), and it stops at `at` if the
/// first phase is still running then: the time is too short for the second phase to pay, and
/// the caller has better use for the thread.
pub fn lagrangian_bound(
    p: &Problem,
    deadline: Instant,
    max_iter: u32,
    best_known: &AtomicU64,
    publish: &AtomicU64,
    prices: Option<&PriceBoard>,
    settle: Option<Instant>,
) -> BoundResult {
    let total = p.total_weight();
    let mut first = Rprop::new(p, prices.is_some());
    // The first phase ends the work: optimality proven, or no time for the second phase.
    let mut done = false;
    while first.iterations < max_iter.min(WARM_UP) {
        if first.iterations.is_multiple_of(4) {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            if settle.is_some_and(|at| now >= at) {
                done = true;
                break;
            }
        }
        if first.step(best_known, publish, prices) != Outcome::Going {
            done = true;
            break;
        }
    }
    first.share(prices);
    let Rprop {
        rel,
        mut y,
        mut best,
        mut iterations,
        ..
    } = first;
    if !done && iterations < max_iter {
        let limits = smooth::Limits {
            deadline,
            max_iter: max_iter - iterations,
            best_known,
            publish,
            total,
            prices,
            settle: settle.is_some(),
        };
        let (b, more) = smooth::accelerate(&rel, &mut y, best, &limits);
        best = b;
        iterations += more;
    }
    BoundResult {
        bound: floor_bound(best, total),
        iterations,
    }
}

/// Row-wise prefix sums of `v` (rows of `s`) into `pre` (rows of `s + 1`, starting at 0).
pub(super) fn prefix(v: &[f64], s: usize, pre: &mut [f64]) {
    for (row, chunk) in v.chunks(s).enumerate() {
        let out = &mut pre[row * (s + 1)..(row + 1) * (s + 1)];
        out[0] = 0.0;
        for (i, &x) in chunk.iter().enumerate() {
            out[i + 1] = out[i] + x;
        }
    }
}

/// The integer bound implied by `L`: objective values are integers.
pub(super) fn floor_bound(l: f64, total: u64) -> u64 {
    if l.is_finite() {
        ((l + 1e-4).floor().max(0.0) as u64).min(total)
    } else {
        total
    }
}

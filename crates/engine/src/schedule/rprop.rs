//! The bound's first phase: sign-adaptive steps on each multiplier (Rprop applied to the
//! dual). Every price moves by its own step, up while its constraint is over-used by the
//! relaxed choice and down while under-used (never below 0); the step grows by 20 % while the
//! direction holds and halves when it flips. Unlike one global subgradient step, this is
//! insensitive to how many constraints there are and how differently scaled they are, which
//! gets within about 1 % of the LP value in a hundred steps even on 100,000 requests; but then
//! it circles the minimum (the 400-request instance stayed at 753.7 after 2,000 steps, LP
//! 748.25), and the smoothed phase ([`super::smooth`]) takes over.
//!
//! The phase is a value that takes one step at a time, so that under the tightest time limits
//! the search can run between its steps (see [`super::solver`]).

use std::sync::atomic::{AtomicU64, Ordering};

use super::bound::{Relaxation, floor_bound};
use super::prices::PriceBoard;
use super::problem::Problem;

const FIRST_STEP: f32 = 0.5;
const MAX_STEP: f32 = 5.0;

/// How often (in steps) improved prices are shared with the search.
const SHARE_EVERY: u32 = 8;

pub(super) struct Rprop<'a> {
    pub(super) rel: Relaxation<'a>,
    /// The multipliers, laid out as in [`Relaxation`].
    pub(super) y: Vec<f64>,
    step: Vec<f32>,
    /// `last[i]` is the sign of row `i` in the step `last_at[i]`; before that step it was 0.
    /// Only rows in use or with a positive multiplier can move (the others have no sign), so
    /// only those are visited: on the public instances about a third of the rows.
    last: Vec<i8>,
    last_at: Vec<u32>,
    usage: Vec<f64>,
    used: Vec<u32>,
    positive: Vec<u32>,
    visit: Vec<(u32, bool)>,
    /// The least `L` seen.
    pub(super) best: f64,
    pub(super) iterations: u32,
    total: u64,
    /// Reduced weights and person/class-slot multipliers at the best point, not yet shared.
    snapshot: Option<(Vec<f32>, Vec<f32>)>,
    /// How often the relaxed choice placed each request at each start (see
    /// [`super::prices`]).
    placed: StartCounts,
}

/// What a step found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Keep going.
    Going,
    /// The bound meets the best schedule known: nothing more to prove.
    Met,
    /// No multiplier moved: the relaxed choice is feasible and complementary, and `L` is the
    /// LP optimum.
    Converged,
}

impl<'a> Rprop<'a> {
    /// Starts from all multipliers at 0. With `shares`, it counts where the relaxed choice
    /// places requests, for [`PriceBoard`].
    pub(super) fn new(p: &'a Problem, shares: bool) -> Rprop<'a> {
        let rel = Relaxation::new(p);
        let n = rel.rhs.len();
        Rprop {
            rel,
            y: vec![0.0; n],
            step: vec![FIRST_STEP; n],
            last: vec![0; n],
            last_at: vec![0; n],
            usage: vec![0.0; n],
            used: Vec::new(),
            positive: Vec::new(),
            visit: Vec::new(),
            best: f64::INFINITY,
            iterations: 0,
            total: p.total_weight(),
            snapshot: None,
            placed: StartCounts::new(p, shares),
        }
    }

    /// One step: evaluates `L` at the current multipliers (every improved bound goes into
    /// `publish`, and every few steps the prices at the best point go to `prices`), then moves
    /// them.
    pub(super) fn step(
        &mut self,
        best_known: &AtomicU64,
        publish: &AtomicU64,
        prices: Option<&PriceBoard>,
    ) -> Outcome {
        if self.iterations.is_multiple_of(SHARE_EVERY) {
            self.share(prices);
        }
        let l = self.rel.evaluate(&self.y, &mut self.usage, &mut self.used);
        self.iterations += 1;
        self.placed.add(&self.rel.choice, self.rel.p.s);
        if l < self.best {
            self.best = l;
            publish.fetch_min(floor_bound(l, self.total), Ordering::Relaxed);
            if prices.is_some() {
                let finite = self.rel.n_ps + self.rel.n_cs;
                let slot = self.y[..finite].iter().map(|&v| v as f32).collect();
                self.snapshot = Some((self.rel.profit.clone(), slot));
            }
        }
        if self.best.floor() <= best_known.load(Ordering::Relaxed) as f64 + 1e-9 {
            return Outcome::Met;
        }
        if self.move_multipliers() {
            Outcome::Going
        } else {
            Outcome::Converged
        }
    }

    /// Shares the prices at the best point, if they changed since last shared.
    pub(super) fn share(&mut self, prices: Option<&PriceBoard>) {
        if let (Some(board), Some((profit, slot))) = (prices, self.snapshot.take()) {
            board.publish(profit, slot, Some(self.placed.shares()));
        }
    }

    /// Moves every multiplier whose constraint is over- or under-used; whether any moved.
    fn move_multipliers(&mut self) -> bool {
        let it = self.iterations;
        self.visit.clear();
        for &i in self.used.iter().chain(&self.positive) {
            // `last_at` doubles as the visited mark of this step; whether the row was visited
            // in the previous step is kept with it.
            let at = &mut self.last_at[i as usize];
            if *at != it {
                self.visit.push((i, *at + 1 == it));
                *at = it;
            }
        }
        self.positive.clear();
        let mut moved = false;
        for &(i, visited_before) in &self.visit {
            let i = i as usize;
            let b = self.rel.rhs[i];
            if !b.is_finite() {
                continue;
            }
            let g = self.usage[i] - b;
            let y = &mut self.y[i];
            let sign: i8 = if g > 0.0 {
                1
            } else if g < 0.0 && *y > 0.0 {
                -1
            } else {
                0
            };
            let before = if visited_before { self.last[i] } else { 0 };
            if sign == 0 {
                self.last[i] = 0;
            } else {
                let step = &mut self.step[i];
                if sign == -before {
                    *step *= 0.5;
                } else if sign == before {
                    *step = (*step * 1.2).min(MAX_STEP);
                }
                self.last[i] = sign;
                *y = (*y + sign as f64 * *step as f64).max(0.0);
                moved = true;
            }
            if *y > 0.0 {
                self.positive.push(i as u32);
            }
        }
        moved
    }
}

/// Per request and start: in how many steps the relaxed choice placed the request there.
struct StartCounts {
    count: Vec<u32>,
    steps: u32,
}

impl StartCounts {
    /// Counts only when `wanted` (someone will read the shares).
    fn new(p: &Problem, wanted: bool) -> StartCounts {
        StartCounts {
            count: if wanted {
                vec![0; p.n_reqs() * p.s]
            } else {
                Vec::new()
            },
            steps: 0,
        }
    }

    fn add(&mut self, choice: &[u32], s: usize) {
        if self.count.is_empty() {
            return;
        }
        self.steps += 1;
        for (r, &t) in choice.iter().enumerate() {
            if t != u32::MAX {
                self.count[r * s + t as usize] += 1;
            }
        }
    }

    /// Per request and start, the share of the steps so far.
    fn shares(&self) -> Vec<f32> {
        let n = self.steps.max(1) as f32;
        self.count.iter().map(|&c| c as f32 / n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::smooth::tests::problem;

    /// The first phase as it was written before it visited only the rows that can move: every
    /// row, every step.
    fn dense_steps(rel: &mut Relaxation, steps: usize) -> (Vec<f64>, f64) {
        let n = rel.rhs.len();
        let (mut y, mut step, mut last) = (vec![0f64; n], vec![FIRST_STEP; n], vec![0i8; n]);
        let (mut usage, mut used) = (vec![0f64; n], Vec::new());
        let mut best = f64::INFINITY;
        for _ in 0..steps {
            best = best.min(rel.evaluate(&y, &mut usage, &mut used));
            for i in 0..n {
                let b = rel.rhs[i];
                if !b.is_finite() {
                    continue;
                }
                let g = usage[i] - b;
                let sign: i8 = if g > 0.0 {
                    1
                } else if g < 0.0 && y[i] > 0.0 {
                    -1
                } else {
                    0
                };
                if sign == 0 {
                    last[i] = 0;
                    continue;
                }
                if sign == -last[i] {
                    step[i] *= 0.5;
                } else if sign == last[i] {
                    step[i] = (step[i] * 1.2).min(MAX_STEP);
                }
                last[i] = sign;
                y[i] = (y[i] + sign as f64 * step[i] as f64).max(0.0);
            }
        }
        (y, best)
    }

    #[test]
    fn visiting_only_rows_that_can_move_changes_nothing() {
        let p = problem();
        let mut rel = Relaxation::new(&p);
        let (best_known, publish) = (AtomicU64::new(0), AtomicU64::new(u64::MAX));
        let mut first = Rprop::new(&p, false);
        for steps in 1..=40 {
            assert_eq!(first.step(&best_known, &publish, None), Outcome::Going);
            let (y, best) = dense_steps(&mut rel, steps);
            assert_eq!(first.y, y, "after {steps} steps");
            assert_eq!(first.best, best);
        }
        assert_eq!(
            publish.load(Ordering::Relaxed),
            floor_bound(first.best, p.total_weight())
        );
    }

    #[test]
    fn shares_prices_with_where_it_placed_requests() {
        let p = problem();
        let board = PriceBoard::default();
        let (best_known, publish) = (AtomicU64::new(0), AtomicU64::new(u64::MAX));
        let mut first = Rprop::new(&p, true);
        for _ in 0..5 {
            first.step(&best_known, &publish, Some(&board));
        }
        first.share(Some(&board));
        let prices = board.latest().expect("shared");
        assert_eq!(prices.profit.len(), p.n_reqs());
        assert_eq!(prices.start_share.len(), p.n_reqs() * p.s);
        for r in 0..p.n_reqs() {
            let total: f32 = prices.start_share[r * p.s..(r + 1) * p.s].iter().sum();
            assert!((0.0..=1.0 + 1e-6).contains(&total), "request {r}: {total}");
        }
        // Met: the best schedule known equals the bound.
        let met = AtomicU64::new(p.total_weight());
        assert_eq!(first.step(&met, &publish, None), Outcome::Met);
    }
}

//! Improvement by local search under simulated annealing.
//!
//! Most moves insert an unscheduled request by ejecting the meetings in its way (see
//! [`super::eject`]). A move is kept when it does not lose weight (fairness breaks ties when
//! asked) or, with a probability that falls as the run goes on, when it loses a little.
//! Rejected moves are undone from a journal, so the schedule is valid after every move. The
//! other moves, ruin and recreate, insertion by repacking and rounds of re-seating, live in
//! [`super::ruin`], [`super::repack`] and [`super::rounds`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use super::prices::{self, PriceBoard, Prices};
use super::problem::NONE;
use super::repack::Repack;
use super::reseat::Reseat;
use super::rounds::{RESEAT_EVERY, RESEAT_IDLE_ROUNDS, RESEAT_SHARE, TESTS_PER_MOVE};
use super::state::{State, unpack};

/// A small, portable, seedable generator (SplitMix64): the same seed gives the same run on
/// every platform.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// When to stop and how to score.
pub struct Limits<'a> {
    pub deadline: Instant,
    /// Stop after this many moves (for reproducible runs independent of speed).
    pub max_moves: Option<u64>,
    /// A proven upper bound (possibly improving while the search runs): stop on reaching it.
    pub bound: &'a AtomicU64,
    /// Where to publish the best weight found (read by the bound computation).
    pub best: &'a AtomicU64,
    /// Prefer fewer people left with no meeting among equal-weight schedules.
    pub fairness: bool,
    /// Share of moves (per mille) that are ruin-and-recreate rather than one insertion.
    pub ruin_permille: usize,
    /// Where the bound shares its prices: the search then inserts only requests in focus,
    /// prefers those with the better reduced weight, and places meetings where they are
    /// cheapest (see [`super::prices`]).
    pub prices: Option<&'a PriceBoard>,
}

/// The best schedule seen, kept up to date cheaply: only requests changed since the last
/// snapshot are copied.
struct Best {
    at: Vec<u32>,
    score: (u64, i64),
    dirty: Vec<u32>,
    is_dirty: Vec<bool>,
}

pub struct Search<'a> {
    pub st: State<'a>,
    pub(super) rng: Rng,
    pub(super) journal: Vec<(u32, u32)>,
    best: Best,
    pub(super) fairness: bool,
    pub moves: u64,
    pub accepted: u64,
    /// Scratch: requests to eject in the move being evaluated, and in the best one found
    /// (see [`Search::plan_insert`]).
    pub(super) eject: Vec<u32>,
    pub(super) planned: Vec<u32>,
    /// Scratch: ejected meetings to put back, with their depth in the chain.
    pub(super) queue: Vec<(u32, u32)>,
    /// Scratch for ruin and recreate: the meetings removed, and the candidates in the order
    /// they are tried.
    pub(super) ruined: Vec<u32>,
    pub(super) keyed: Vec<(f64, u32)>,
    pub(super) cand: Vec<u32>,
    pub(super) locks: Vec<u32>,
    pub(super) lock_gen: u32,
    /// How many times an ejected meeting may itself eject cheaper ones.
    pub chain_depth: u32,
    /// How many waiting requests a ruin-and-recreate move samples as candidates (twice as
    /// many in total).
    pub ruin_sample: usize,
    /// At most this many meetings are cleared when ruining around one waiting request.
    pub ruin_people_cap: usize,
    /// Share (per mille) of re-insertions in ruin-and-recreate that take a random free option
    /// (start and first fitting class) rather than the preferred one.
    pub random_permille: usize,
    /// Share (per mille) of moves that, when the schedule is as good as the best, try to add
    /// a waiting request by repacking (see [`super::repack`]), and the steps each may take.
    pub repack_permille: usize,
    pub repack_steps: u32,
    pub(super) repack: Repack,
    /// After every this many moves without a new best, from a best schedule, a round of
    /// re-seating (see [`super::rounds`]) tries to add each waiting request (0: never).
    pub reseat_every: u64,
    /// Share of the search's time (or, with a move budget, of its moves) that rounds of
    /// re-seating may take.
    pub reseat_share: f64,
    pub(super) reseat: Reseat,
    /// Per request: 1 + [`Search::accepted`] when re-seating it last came to nothing for good
    /// (the schedule has changed since when the count differs).
    pub(super) reseat_failed: Vec<u64>,
    pub(super) reseat_cands: Vec<(u32, u32, u32)>,
    /// 1 + [`Search::accepted`] when a round's swaps last came to nothing for good.
    pub(super) reseat_swaps_failed: u64,
    /// Per request: as [`Search::reseat_failed`], for re-seating through the spots where
    /// the relaxation puts it.
    pub(super) reseat_near_failed: Vec<u64>,
    /// Rounds in a row in which every waiting request had too many meetings around it; at
    /// [`RESEAT_IDLE_ROUNDS`] the search stops holding rounds.
    pub(super) reseat_idle: u32,
    /// Moves without a new best after which the search goes back to the best.
    pub restart_after: u64,
    /// Generation-stamped marks for de-duplicating candidate lists.
    pub(super) marks: Vec<u32>,
    pub(super) mark_gen: u32,
    /// Requests the search may insert (all until the bound shares its prices), and the
    /// price generation they come from.
    pub(super) focus: Vec<bool>,
    focus_gen: u32,
    /// The newest prices, for choosing which request to insert and where a meeting goes.
    pub(super) prices: Option<Arc<Prices>>,
}

/// Outcome of the search loop.
pub struct SearchStats {
    pub moves: u64,
    pub accepted: u64,
}

impl<'a> Search<'a> {
    pub fn new(st: State<'a>, seed: u64, fairness: bool) -> Search<'a> {
        let n = st.at.len();
        let score = Self::score_of(&st, fairness);
        Search {
            best: Best {
                at: st.at.clone(),
                score,
                dirty: Vec::new(),
                is_dirty: vec![false; n],
            },
            st,
            rng: Rng::new(seed),
            journal: Vec::new(),
            fairness,
            moves: 0,
            accepted: 0,
            eject: Vec::new(),
            planned: Vec::new(),
            queue: Vec::new(),
            ruined: Vec::new(),
            keyed: Vec::new(),
            cand: Vec::new(),
            locks: vec![0; n],
            lock_gen: 0,
            chain_depth: 2,
            ruin_sample: 48,
            ruin_people_cap: 12,
            random_permille: 0,
            repack_permille: 100,
            repack_steps: 100,
            repack: Repack::default(),
            reseat_every: RESEAT_EVERY,
            reseat_share: RESEAT_SHARE,
            reseat: Reseat::default(),
            reseat_failed: vec![0; n],
            reseat_cands: Vec::new(),
            reseat_swaps_failed: 0,
            reseat_near_failed: vec![0; n],
            reseat_idle: 0,
            restart_after: u64::MAX,
            marks: vec![0; n],
            mark_gen: 0,
            focus: vec![true; n],
            focus_gen: 0,
            prices: None,
        }
    }

    /// Whether moves may insert `r`.
    #[inline]
    pub(super) fn in_focus(&self, r: u32) -> bool {
        self.focus[r as usize]
    }

    /// Takes the newest prices from `board`, if they changed.
    fn refocus(&mut self, board: &PriceBoard) {
        let generation = board.generation();
        if generation == self.focus_gen {
            return;
        }
        self.focus_gen = generation;
        if let Some(latest) = board.latest() {
            self.focus = prices::focus(self.st.problem, &latest.profit);
            self.prices = Some(latest);
        }
    }

    pub(super) fn score_of(st: &State, fairness: bool) -> (u64, i64) {
        (st.weight, if fairness { -(st.zeros as i64) } else { 0 })
    }

    pub fn best_weight(&self) -> u64 {
        self.best.score.0
    }

    pub fn best_score(&self) -> (u64, i64) {
        self.best.score
    }

    /// The best schedule as `at` (see [`State::at`]).
    pub fn best_at(&self) -> &[u32] {
        &self.best.at
    }

    fn mark(&mut self, r: u32) {
        if !self.best.is_dirty[r as usize] {
            self.best.is_dirty[r as usize] = true;
            self.best.dirty.push(r);
        }
    }

    pub(super) fn do_place(&mut self, r: u32, t: u32, c: u32) {
        self.journal.push((r, NONE));
        self.st.place(r, t, c);
        self.mark(r);
    }

    pub(super) fn do_remove(&mut self, r: u32) {
        self.journal.push((r, self.st.at[r as usize]));
        self.st.remove(r);
        self.mark(r);
    }

    pub(super) fn rollback(&mut self) {
        while let Some((r, old)) = self.journal.pop() {
            if old == NONE {
                self.st.remove(r);
            } else {
                let (t, c) = unpack(old);
                self.st.place(r, t, c);
            }
        }
    }

    fn save_best(&mut self) {
        self.best.score = Self::score_of(&self.st, self.fairness);
        for &r in &self.best.dirty {
            self.best.at[r as usize] = self.st.at[r as usize];
            self.best.is_dirty[r as usize] = false;
        }
        self.best.dirty.clear();
    }

    /// A random unscheduled request, in focus if a few draws find one.
    fn draw(&mut self) -> u32 {
        let n = self.st.unscheduled.len();
        let mut r = self.st.unscheduled[self.rng.below(n)];
        for _ in 0..8 {
            if self.in_focus(r) {
                break;
            }
            r = self.st.unscheduled[self.rng.below(n)];
        }
        r
    }

    /// Picks an unscheduled request in focus if possible, the better of two draws: by reduced
    /// weight once there are prices, by weight per slot before.
    pub(super) fn pick(&mut self) -> Option<u32> {
        if self.st.unscheduled.is_empty() {
            return None;
        }
        let p = self.st.problem;
        let a = self.draw();
        let b = self.draw();
        // With prices, the one with the better reduced weight: the one the LP wants more.
        if let Some(pr) = &self.prices {
            return Some(if pr.profit[b as usize] > pr.profit[a as usize] {
                b
            } else {
                a
            });
        }
        let wa = p.reqs[a as usize].weight * 2 / p.reqs[a as usize].dur;
        let wb = p.reqs[b as usize].weight * 2 / p.reqs[b as usize].dur;
        Some(if wb > wa { b } else { a })
    }

    /// Runs until a limit is hit. `on_best` is called on each new best `(weight, zeros)`.
    pub fn run(
        &mut self,
        limits: &Limits,
        t0: f64,
        t1: f64,
        on_best: &mut dyn FnMut(&Search),
    ) -> SearchStats {
        let start = Instant::now();
        let total = limits
            .deadline
            .saturating_duration_since(start)
            .as_secs_f64()
            .max(1e-9);
        let mut temperature = t0;
        let mut last_improve = 0u64;
        // Moves without a new best after which the next round of re-seating is due.
        let mut next_round = self.reseat_every;
        // Time (or option tests, with a move budget) spent re-seating.
        let (mut reseat_seconds, mut reseat_tests) = (0f64, 0u64);
        loop {
            if let Some(m) = limits.max_moves
                && self.moves >= m
            {
                break;
            }
            if self.moves.is_multiple_of(8) {
                if let Some(board) = limits.prices {
                    self.refocus(board);
                }
                let now = Instant::now();
                if now >= limits.deadline
                    || self.best.score.0 >= limits.bound.load(Ordering::Relaxed)
                {
                    break;
                }
                let frac = match limits.max_moves {
                    Some(m) => self.moves as f64 / m as f64,
                    None => (now - start).as_secs_f64() / total,
                };
                temperature = t0 * (t1 / t0).powf(frac.min(1.0));
            }
            self.moves += 1;
            let roll = self.rng.below(1000);
            let stalled = self.moves - 1 - last_improve;
            let reseat_due = self.reseat_every > 0
                && self.reseat_idle < RESEAT_IDLE_ROUNDS
                && stalled >= next_round
                && match limits.max_moves {
                    // Runs with a move budget must not depend on the machine's speed.
                    Some(_) => {
                        reseat_tests as f64
                            <= self.reseat_share * TESTS_PER_MOVE * self.moves as f64
                    }
                    None => reseat_seconds <= self.reseat_share * start.elapsed().as_secs_f64(),
                };
            let kept = if reseat_due {
                next_round = stalled + self.reseat_every;
                // Rounds start from a best schedule: the annealing may have walked below it.
                if self.st.weight < self.best.score.0 {
                    self.restore_best();
                }
                self.reseat.deadline = Some(limits.deadline);
                let t = Instant::now();
                let (added, tests) = self.reseat_round();
                reseat_seconds += t.elapsed().as_secs_f64();
                reseat_tests += tests;
                added
            } else if roll < limits.ruin_permille {
                self.ruin_recreate(temperature)
            } else if roll < limits.ruin_permille + self.repack_permille
                && self.st.weight >= self.best.score.0
            {
                // From a best schedule, any insertion is a new best.
                self.repack_insert()
            } else {
                let Some(r) = self.pick() else { break };
                !p_starts_empty(&self.st, r) && self.step(r, temperature)
            };
            if kept {
                self.accepted += 1;
                let score = Self::score_of(&self.st, self.fairness);
                if score > self.best.score {
                    self.save_best();
                    limits.best.fetch_max(score.0, Ordering::Relaxed);
                    last_improve = self.moves;
                    next_round = self.reseat_every;
                    on_best(self);
                }
            }
            // Long stagnation far below the best: restart from the best.
            if self.moves - last_improve > self.restart_after && self.st.weight < self.best.score.0
            {
                self.restore_best();
                last_improve = self.moves;
                next_round = self.reseat_every;
            }
        }
        self.restore_best();
        SearchStats {
            moves: self.moves,
            accepted: self.accepted,
        }
    }

    /// Returns the working schedule to the best one.
    pub fn restore_best(&mut self) {
        let dirty = std::mem::take(&mut self.best.dirty);
        for &r in &dirty {
            if self.st.is_scheduled(r) {
                self.st.remove(r);
            }
        }
        for &r in &dirty {
            let a = self.best.at[r as usize];
            if a != NONE {
                let (t, c) = unpack(a);
                self.st.place(r, t, c);
            }
            self.best.is_dirty[r as usize] = false;
        }
    }
}

fn p_starts_empty(st: &State, r: u32) -> bool {
    st.problem.starts(r).is_empty()
}

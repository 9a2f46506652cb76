//! The depth-first search of a re-seating over the options listed by `prepare`: counting each
//! meeting's fitting options by class and start masks, failing a node as soon as some person
//! has too few free slots left, within a budget of option tests and time.

use super::{CLOCK_EVERY, Reseat};
use crate::schedule::problem::NONE;
use crate::schedule::state::State;

impl Reseat {
    /// Whether the search must stop: out of tests, or of time.
    fn give_up(&mut self) -> bool {
        if !self.stopped {
            if self.tests > self.max_tests {
                self.stopped = true;
            } else if self.tests >= self.next_clock {
                self.next_clock = self.tests.saturating_add(CLOCK_EVERY);
                self.stopped = self.past_deadline();
            }
        }
        self.stopped
    }

    /// Meeting `v`'s fitting options, counted, and the slots they cover together: per class,
    /// the allowed starts `t` whose slots `t..t + d` are all free, a few word operations
    /// rather than a test per option (counted as one test per option all the same).
    #[inline]
    fn fitting(&mut self, busy: u64, v: usize) -> (u32, u64) {
        self.tests += self.opt_off[v + 1] - self.opt_off[v];
        let d = self.durs[v];
        let (mut n, mut reach) = (0, 0u64);
        for &(c, allowed) in
            &self.class_starts[self.class_off[v] as usize..self.class_off[v + 1] as usize]
        {
            let free = !(busy | self.full[c as usize]);
            let mut starts = allowed & free;
            for k in 1..d {
                starts &= free >> k;
            }
            n += starts.count_ones();
            let mut covered = starts;
            for k in 1..d {
                covered |= starts << k;
            }
            reach |= covered;
        }
        (n, reach)
    }

    /// The busy slots of meeting `v`'s people.
    #[inline]
    fn busy_of(&self, st: &State, v: usize) -> u64 {
        st.problem
            .members(self.vars[v])
            .iter()
            .fold(0, |u, &m| u | self.busy[m as usize])
    }

    /// Whether option `o` fits, given the busy slots of its meeting's people.
    #[inline]
    fn fits(&mut self, busy: u64, o: usize) -> bool {
        self.tests += 1;
        (busy | self.full[self.opts[o].1 as usize]) & self.masks[o] == 0
    }

    fn set(&mut self, st: &State, v: usize, o: usize, on: bool) {
        let p = st.problem;
        let r = self.vars[v];
        let (t, c) = self.opts[o];
        let mask = self.masks[o];
        for &m in p.members(r) {
            if on {
                self.busy[m as usize] |= mask;
            } else {
                self.busy[m as usize] &= !mask;
            }
        }
        let s = p.s;
        let by = if on { -1 } else { 1 };
        for x in t..t + p.reqs[r as usize].dur {
            let room = &mut self.room[c as usize * s + x as usize];
            *room += by;
            if *room <= 0 {
                self.full[c as usize] |= 1 << x;
            } else {
                self.full[c as usize] &= !(1 << x);
            }
        }
        self.choice[v] = if on { o as u32 - self.opt_off[v] } else { NONE };
    }

    /// Depth-first search, the meeting with the fewest fitting options first. A node fails
    /// when a meeting has no fitting option left, or when a person's meetings still to place
    /// need more slots than their fitting options cover together. That second test is what
    /// makes proving "cannot go in" cheap: on a stuck schedule of a generated 50-request
    /// instance, proving it for four waiting requests took 27,000, 82,000, 1.1 million and
    /// 2.1 million option tests without it, and 400–700 each with it.
    pub(super) fn search(&mut self, st: &State) -> bool {
        if self.give_up() {
            return false;
        }
        let p = st.problem;
        let mut pick = None;
        let mut fewest = u32::MAX;
        for &m in &self.people {
            self.need[m as usize] = 0;
            self.open[m as usize] = 0;
        }
        for v in 0..self.vars.len() {
            if self.choice[v] != NONE {
                continue;
            }
            let (n, reach) = self.fitting(self.busy_of(st, v), v);
            if n == 0 {
                return false;
            }
            let r = self.vars[v];
            for &m in p.members(r) {
                self.need[m as usize] += p.reqs[r as usize].dur;
                self.open[m as usize] |= reach;
            }
            if n < fewest {
                fewest = n;
                pick = Some(v);
            }
        }
        // Each person's meetings still to place need that many distinct slots.
        if self
            .people
            .iter()
            .any(|&m| self.open[m as usize].count_ones() < self.need[m as usize])
        {
            return false;
        }
        let Some(v) = pick else {
            return true;
        };
        let (lo, hi) = (self.opt_off[v] as usize, self.opt_off[v + 1] as usize);
        for o in lo..hi {
            if !self.fits(self.busy_of(st, v), o) {
                continue;
            }
            self.set(st, v, o, true);
            if self.search(st) {
                return true;
            }
            self.set(st, v, o, false);
            if self.stopped {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::greedy;
    use crate::schedule::search::Rng;
    use crate::schedule::testkit::{problem, random_problem};

    #[test]
    fn proves_at_once_that_a_person_has_too_few_slots() {
        // a meets b and c in the only two slots; a third meeting of a's cannot go in, with
        // tables to spare. Counting a's slots proves it in one look at each option (two
        // each), before anything is placed.
        let p = problem(
            serde_json::json!({"format": "p2p-sched/1", "name": "too few slots",
            "horizon": {"num_slots": 2},
            "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
            "spots": [{"id": "t", "kind": "table", "capacity": 2},
                {"id": "u", "kind": "table", "capacity": 2},
                {"id": "v", "kind": "table", "capacity": 2}],
            "requests": [
                {"id": "r0", "participants": ["a", "b"], "weight": 1},
                {"id": "r1", "participants": ["a", "c"], "weight": 1},
                {"id": "r2", "participants": ["a", "d"], "weight": 1}
            ]}),
        );
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        st.place(1, 1, 0);
        let mut rs = Reseat::default();
        assert_eq!(rs.insert(&st, 2, &mut Rng::new(1)), None);
        assert!(rs.settled());
        assert_eq!(rs.tests(), 6);
    }

    #[test]
    fn counts_by_class_and_start_masks_as_testing_each_option_does() {
        let mut compared = 0;
        for seed in 0..80u64 {
            let mut rng = Rng::new(seed);
            let p = random_problem(&mut rng, 6, 12, 6);
            let mut st = State::new(&p);
            greedy::fill(&mut st, &greedy::order(&p, None), None);
            let mut rs = Reseat::default();
            for r in 0..p.n_reqs() as u32 {
                // Whatever the call leaves placed is a state to count on, too.
                rs.insert(&st, r, &mut rng);
                if rs.too_large() || rs.opt_off.len() != rs.vars.len() + 1 {
                    continue;
                }
                for v in 0..rs.vars.len() {
                    let busy = rs.busy_of(&st, v);
                    let (lo, hi) = (rs.opt_off[v] as usize, rs.opt_off[v + 1] as usize);
                    let (mut n, mut reach) = (0, 0u64);
                    for o in lo..hi {
                        if rs.fits(busy, o) {
                            n += 1;
                            reach |= rs.masks[o];
                        }
                    }
                    assert_eq!(rs.fitting(busy, v), (n, reach), "seed {seed}, request {r}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 400, "{compared}");
    }
}

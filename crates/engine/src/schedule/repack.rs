//! Insertion by repacking: add one waiting request to the schedule by moving scheduled
//! meetings to other times and spots, taking out at most a lighter weight than it adds.
//!
//! Near the optimum, the best schedules often hold the same requests as a good one plus one
//! more, packed differently: on the public 50-request instance, most runs that end at 98 hold
//! all 37 meetings of the only schedule of weight 99 but one, and placing that one means
//! moving five or six others. Insertion with ejection reaches such a packing only through a
//! series of moves that each lose weight. This move looks for it directly, as a constraint
//! problem: the new meeting goes where it clashes least, then, while anything clashes, a
//! meeting in a clash moves to where it clashes least (now and then anywhere, at random), and
//! a meeting that moved stays put for a few steps (min-conflicts with a short tabu memory and
//! a random walk). A meeting in a clash may also be taken out instead, now and then, while the
//! weight taken out stays below the weight added: the schedule still gains. That reaches
//! schedules that differ from the current one by a swap as well as a repacking (on one
//! generated instance, the nearest better schedule took one meeting out, added two and moved
//! eleven). The schedule itself is not touched: the caller gets the moves to make.

use super::problem::NONE;
use super::search::{Rng, Search};
use super::state::{State, pack, unpack};

/// How many steps a meeting that moved stays where it went.
const TENURE: u32 = 6;

/// Share (per mille) of steps that move the meeting anywhere, not where it clashes least.
const WALK_PERMILLE: usize = 200;

/// Share (per mille) of steps that take the meeting out, when its weight fits in what may
/// still be taken out. Nine generated 50-request instances at 1.66 ms, in-process runs of 200
/// each: 1,362–1,456 optimal runs of 1,800 against 1,319–1,337 with none; 150 and 500 no
/// better.
const DROP_PERMILLE: usize = 300;

/// Scratch space, reused between calls. Everything is an overlay on the schedule, reset at
/// the end of each call, so a call costs the steps it takes, not the size of the schedule.
#[derive(Default)]
pub struct Repack {
    /// Per person-slot, then per class-slot: meetings added (or, if negative, taken away)
    /// while repacking.
    delta: Vec<i32>,
    touched: Vec<u32>,
    /// Cells over capacity, possibly repeated or no longer over (checked when drawn).
    hot: Vec<u32>,
    /// Packed `(start, class)` per request while repacking (`NONE`: not scheduled), valid
    /// where `at_call` holds the current call's number.
    at: Vec<u32>,
    at_call: Vec<u32>,
    call: u32,
    /// Per request: the step (counted over all calls) from which it may move again.
    frozen: Vec<u64>,
    clock: u64,
    /// Requests moved in this call (and the one added).
    moved: Vec<u32>,
    occupants: Vec<u32>,
    options: Vec<(u32, u32, u32)>,
}

impl Repack {
    /// Moves `(request, start, class)` that add `add` to `st`, taking out meetings of total
    /// weight at most `drop_budget`, if found within `max_steps`: first the meetings that move
    /// or go (those with start [`NONE`]), then `add`.
    pub fn insert(
        &mut self,
        st: &State,
        add: u32,
        max_steps: u32,
        drop_budget: u32,
        rng: &mut Rng,
    ) -> Option<Vec<(u32, u32, u32)>> {
        let p = st.problem;
        if st.is_scheduled(add)
            || p.reqs[add as usize].fixed.is_some()
            || p.starts(add).is_empty()
            || p.members(add)
                .iter()
                .any(|&m| st.nmeet[m as usize] >= p.pcap[m as usize])
        {
            return None;
        }
        let cells = (p.n_people + p.classes.len()) * p.s;
        if self.delta.len() != cells || self.at.len() != st.at.len() {
            self.delta = vec![0; cells];
            self.at = vec![NONE; st.at.len()];
            self.at_call = vec![0; st.at.len()];
            self.frozen = vec![0; st.at.len()];
        }
        self.call = self.call.wrapping_add(1);
        if self.call == 0 {
            self.at_call.iter_mut().for_each(|c| *c = 0);
            self.call = 1;
        }
        self.hot.clear();
        self.moved.clear();
        let found = self.search(st, add, max_steps, drop_budget, rng);
        for &cell in &self.touched {
            self.delta[cell as usize] = 0;
        }
        self.touched.clear();
        // Steps of later calls come after every step of this one.
        self.clock += u64::from(max_steps) + u64::from(TENURE) + 1;
        if !found {
            return None;
        }
        let mut moves: Vec<(u32, u32, u32)> = Vec::with_capacity(self.moved.len());
        for &r in &self.moved {
            let a = self.at[r as usize];
            if r != add && a != st.at[r as usize] {
                if a == NONE {
                    moves.push((r, NONE, NONE));
                } else {
                    let (t, c) = unpack(a);
                    moves.push((r, t, c));
                }
            }
        }
        let (t, c) = unpack(self.at[add as usize]);
        moves.push((add, t, c));
        Some(moves)
    }

    /// The repacking itself: whether it ended with nothing clashing.
    fn search(
        &mut self,
        st: &State,
        add: u32,
        max_steps: u32,
        drop_budget: u32,
        rng: &mut Rng,
    ) -> bool {
        let p = st.problem;
        let mut budget = drop_budget;
        let mut clashes = self.place(st, add, false, rng);
        let mut step = 0;
        while clashes > 0 {
            if step == max_steps {
                return false;
            }
            step += 1;
            let now = self.clock + u64::from(step);
            let Some(r) = self.draw_clashing(st, now, rng) else {
                return false;
            };
            clashes -= self.unplace(st, r);
            let w = p.reqs[r as usize].weight;
            if r != add && w <= budget && rng.below(1000) < DROP_PERMILLE {
                budget -= w;
                continue;
            }
            let walk = rng.below(1000) < WALK_PERMILLE;
            clashes += self.place(st, r, walk, rng);
            self.frozen[r as usize] = now + u64::from(TENURE);
        }
        true
    }

    fn at(&self, st: &State, r: u32) -> u32 {
        if self.at_call[r as usize] == self.call {
            self.at[r as usize]
        } else {
            st.at[r as usize]
        }
    }

    /// Moves `r` to `a` (packed); the first move of a call lists it in `moved`.
    fn set_at(&mut self, r: u32, a: u32) {
        if self.at_call[r as usize] != self.call {
            self.at_call[r as usize] = self.call;
            self.moved.push(r);
        }
        self.at[r as usize] = a;
    }

    /// Meetings in person-slot `cell`.
    #[inline]
    fn person_load(&self, st: &State, cell: usize) -> i32 {
        i32::from(st.pocc[cell] != NONE) + self.delta[cell]
    }

    /// Meetings in class `c` at slot `x`, and its number of spots.
    #[inline]
    fn class_load(&self, st: &State, c: u32, x: u32) -> (i32, i32) {
        let p = st.problem;
        let cell = (p.n_people + c as usize) * p.s + x as usize;
        (
            st.class_load(c, x) as i32 + self.delta[cell],
            p.classes[c as usize].size() as i32,
        )
    }

    /// Meetings in a person-slot or class-slot cell, and how many fit there.
    fn load(&self, st: &State, cell: usize) -> (i32, i32) {
        let p = st.problem;
        let n_ps = p.n_people * p.s;
        if cell < n_ps {
            (self.person_load(st, cell), 1)
        } else {
            let (c, x) = ((cell - n_ps) / p.s, (cell - n_ps) % p.s);
            self.class_load(st, c as u32, x as u32)
        }
    }

    fn add_load(&mut self, cell: usize, v: i32) {
        if self.delta[cell] == 0 {
            self.touched.push(cell as u32);
        }
        self.delta[cell] += v;
    }

    /// A movable meeting in a clash, at random: one not frozen if the clash has one.
    fn draw_clashing(&mut self, st: &State, now: u64, rng: &mut Rng) -> Option<u32> {
        let p = st.problem;
        let s = p.s;
        let n_ps = p.n_people * s;
        while !self.hot.is_empty() {
            let i = rng.below(self.hot.len());
            let cell = self.hot[i] as usize;
            let (load, cap) = self.load(st, cell);
            if load <= cap {
                self.hot.swap_remove(i);
                continue;
            }
            let x = (cell % s) as u32;
            self.occupants.clear();
            // Who is there now: for a person-slot, among all the person's requests; for a
            // class-slot, among those there in the schedule and those moved since.
            let (there, moved_in, class): (&[u32], &[u32], Option<u32>) = if cell < n_ps {
                (&p.person_reqs[cell / s], &[], None)
            } else {
                let c = ((cell - n_ps) / s) as u32;
                (st.class_occupants(c, x), &self.moved, Some(c))
            };
            for &q in there.iter().chain(moved_in) {
                let a = self.at(st, q);
                if a == NONE || p.reqs[q as usize].fixed.is_some() || self.occupants.contains(&q) {
                    continue;
                }
                let (t, c) = unpack(a);
                let covers = t <= x && x < t + p.reqs[q as usize].dur;
                if covers && class.is_none_or(|k| k == c) {
                    self.occupants.push(q);
                }
            }
            let free = self
                .occupants
                .iter()
                .filter(|&&q| self.frozen[q as usize] <= now)
                .count();
            if free > 0 {
                let k = rng.below(free);
                return self
                    .occupants
                    .iter()
                    .copied()
                    .filter(|&q| self.frozen[q as usize] <= now)
                    .nth(k);
            }
            // Fixed meetings never clash among themselves, so a clash has a movable one.
            return (!self.occupants.is_empty())
                .then(|| self.occupants[rng.below(self.occupants.len())]);
        }
        None
    }

    /// Takes `r` out; returns the clashes that removes.
    fn unplace(&mut self, st: &State, r: u32) -> i64 {
        let p = st.problem;
        let s = p.s;
        let (t, c) = unpack(self.at(st, r));
        let d = p.reqs[r as usize].dur;
        let class_row = (p.n_people + c as usize) * s;
        let mut gone = 0;
        for x in t..t + d {
            for &m in p.members(r) {
                let cell = m as usize * s + x as usize;
                gone += i64::from(self.person_load(st, cell) > 1);
                self.add_load(cell, -1);
            }
            let (load, cap) = self.class_load(st, c, x);
            gone += i64::from(load > cap);
            self.add_load(class_row + x as usize, -1);
        }
        self.set_at(r, NONE);
        gone
    }

    /// Puts `r` where it adds the fewest clashes (ties at random), or with `walk` at any of
    /// its options; returns the clashes it adds.
    fn place(&mut self, st: &State, r: u32, walk: bool, rng: &mut Rng) -> i64 {
        let p = st.problem;
        let s = p.s;
        let d = p.reqs[r as usize].dur;
        let mut best = u32::MAX;
        self.options.clear();
        for &t in p.starts(r) {
            let t = t as u32;
            let mut people = 0;
            for x in t..t + d {
                for &m in p.members(r) {
                    people += u32::from(self.person_load(st, m as usize * s + x as usize) > 0);
                }
            }
            if people > best && !walk {
                continue;
            }
            for &c in p.classes_of(r) {
                if !p.class_open(c, t, d) {
                    continue;
                }
                let room = (t..t + d)
                    .filter(|&x| {
                        let (load, cap) = self.class_load(st, c, x);
                        load >= cap
                    })
                    .count() as u32;
                let v = people + room;
                if !walk && v < best {
                    best = v;
                    self.options.clear();
                }
                if walk || v == best {
                    self.options.push((t, c, v));
                }
            }
        }
        let (t, c, v) = self.options[rng.below(self.options.len())];
        let class_row = (p.n_people + c as usize) * s;
        for x in t..t + d {
            for &m in p.members(r) {
                let cell = m as usize * s + x as usize;
                self.add_load(cell, 1);
                if self.person_load(st, cell) > 1 {
                    self.hot.push(cell as u32);
                }
            }
            self.add_load(class_row + x as usize, 1);
            let (load, cap) = self.class_load(st, c, x);
            if load > cap {
                self.hot.push((class_row + x as usize) as u32);
            }
        }
        self.set_at(r, pack(t, c));
        i64::from(v)
    }
}

impl Search<'_> {
    /// One repacking move: a waiting request in focus is added by moving others and taking
    /// out lighter ones (see the module). Returns whether it was (the weight then grew).
    pub(super) fn repack_insert(&mut self) -> bool {
        let Some(r) = self.pick_to_add() else {
            return false;
        };
        let budget = self.st.problem.reqs[r as usize].weight.saturating_sub(1);
        match self
            .repack
            .insert(&self.st, r, self.repack_steps, budget, &mut self.rng)
        {
            Some(moves) => {
                self.apply(&moves);
                true
            }
            None => false,
        }
    }

    /// Of three waiting requests drawn, the one that clashes least where it could go.
    pub(super) fn pick_to_add(&mut self) -> Option<u32> {
        let mut r = self.pick()?;
        let mut least = least_clash(&self.st, r);
        for _ in 0..2 {
            let Some(q) = self.pick() else { break };
            let v = least_clash(&self.st, q);
            if v < least {
                (r, least) = (q, v);
            }
        }
        (least != u32::MAX).then_some(r)
    }

    /// Makes `moves` (`(request, start, class)`, start [`NONE`] to take the request out),
    /// kept: not to be undone.
    pub(super) fn apply(&mut self, moves: &[(u32, u32, u32)]) {
        self.journal.clear();
        for &(q, _, _) in moves {
            if self.st.is_scheduled(q) {
                self.do_remove(q);
            }
        }
        for &(q, t, c) in moves {
            if t != NONE {
                self.do_place(q, t, c);
            }
        }
        self.journal.clear();
    }
}

/// The fewest clashes `r` meets where it could go now (`u32::MAX` if it cannot be added).
pub(super) fn least_clash(st: &State, r: u32) -> u32 {
    let p = st.problem;
    let s = p.s;
    if st.is_scheduled(r)
        || p.reqs[r as usize].fixed.is_some()
        || p.members(r)
            .iter()
            .any(|&m| st.nmeet[m as usize] >= p.pcap[m as usize])
    {
        return u32::MAX;
    }
    let d = p.reqs[r as usize].dur;
    let mut best = u32::MAX;
    for &t in p.starts(r) {
        let t = t as u32;
        let mut people = 0;
        for x in t..t + d {
            for &m in p.members(r) {
                people += u32::from(st.pocc[m as usize * s + x as usize] != NONE);
            }
        }
        for &c in p.classes_of(r) {
            if p.class_open(c, t, d) {
                let size = p.classes[c as usize].size();
                let room = (t..t + d).filter(|&x| st.class_load(c, x) >= size).count() as u32;
                best = best.min(people + room);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::greedy;
    use crate::schedule::testkit::{apply, one_table, problem, random_problem};

    #[test]
    fn moves_a_meeting_to_make_room() {
        // Two slots: r1 can only be at slot 0, where r0 is.
        let p = one_table(
            2,
            serde_json::json!([
                {"id": "r0", "participants": ["a", "b"], "weight": 1},
                {"id": "r1", "participants": ["a", "c"], "weight": 1, "window": [0, 1]}
            ]),
        );
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut rp = Repack::default();
        let moves = rp
            .insert(&st, 1, 100, 0, &mut Rng::new(1))
            .expect("room by moving r0");
        assert_eq!(moves, vec![(0, 1, 0), (1, 0, 0)]);
        apply(&mut st, &moves);
        assert_eq!(st.weight, 2);
    }

    #[test]
    fn finds_nothing_where_nothing_fits_and_starts_clean_next_time() {
        // r0 is fixed at slot 0 and r1 needs slot 0 with the same person; a's cap keeps r2
        // out; r3 fits once r4 moves.
        let p = problem(serde_json::json!({"format": "p2p-sched/1", "name": "none",
        "horizon": {"num_slots": 2},
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c", "max_meetings": 1}, {"id": "d"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2},
            {"id": "u", "kind": "table", "capacity": 2}],
        "requests": [
            {"id": "r0", "participants": ["a", "b"], "weight": 1, "fixed": {"start": 0}},
            {"id": "r1", "participants": ["a", "d"], "weight": 1, "window": [0, 1]},
            {"id": "r2", "participants": ["c", "d"], "weight": 1},
            {"id": "r3", "participants": ["b", "d"], "weight": 1, "window": [1, 2]},
            {"id": "r4", "participants": ["c", "b"], "weight": 1}
        ]}));
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        st.place(4, 1, 0);
        let mut rp = Repack::default();
        let mut rng = Rng::new(7);
        assert_eq!(rp.insert(&st, 1, 100, 0, &mut rng), None);
        assert_eq!(
            rp.insert(&st, 2, 100, 0, &mut rng),
            None,
            "c is at their cap"
        );
        assert_eq!(
            rp.insert(&st, 4, 100, 0, &mut rng),
            None,
            "already scheduled"
        );
        // b is busy at slot 1 with r4, which can only go back to slot 0 if b were free
        // there: b is in the fixed r0. So r3 cannot be added either.
        assert_eq!(rp.insert(&st, 3, 100, 0, &mut rng), None);
        st.remove(4);
        let moves = rp
            .insert(&st, 3, 100, 0, &mut rng)
            .expect("b and d are free at slot 1");
        assert_eq!(moves.len(), 1);
        apply(&mut st, &moves);
    }

    #[test]
    fn takes_out_only_meetings_lighter_than_the_one_it_adds() {
        // One slot: r0 is there; r1 and r2 need the same slot and person a.
        let p = one_table(
            1,
            serde_json::json!([
                {"id": "r0", "participants": ["a", "b"], "weight": 2},
                {"id": "r1", "participants": ["a", "c"], "weight": 3},
                {"id": "r2", "participants": ["a", "c"], "weight": 2}
            ]),
        );
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut rp = Repack::default();
        let mut rng = Rng::new(3);
        assert_eq!(rp.insert(&st, 1, 100, 0, &mut rng), None, "nothing may go");
        assert_eq!(
            rp.insert(&st, 2, 100, 1, &mut rng),
            None,
            "r0 is not lighter"
        );
        let moves = rp
            .insert(&st, 1, 100, 2, &mut rng)
            .expect("r0 makes way for the heavier r1");
        assert_eq!(moves, vec![(0, NONE, NONE), (1, 0, 0)]);
        apply(&mut st, &moves);
        assert_eq!(st.weight, 3);
    }

    #[test]
    fn every_insertion_it_finds_keeps_the_schedule_valid() {
        let mut found = 0;
        for seed in 0..60u64 {
            let mut rng = Rng::new(seed);
            let p = random_problem(&mut rng, 6, 14, 5);
            let mut st = State::new(&p);
            greedy::fill(&mut st, &greedy::order(&p, None), None);
            let mut rp = Repack::default();
            for r in 0..p.n_reqs() as u32 {
                let before = st.weight;
                let w = p.reqs[r as usize].weight;
                // Half the time with every meeting kept, half with lighter ones allowed out.
                let budget = if seed % 2 == 0 { 0 } else { w - 1 };
                if let Some(moves) = rp.insert(&st, r, 200, budget, &mut rng) {
                    found += 1;
                    assert_eq!(moves.last().map(|m| m.0), Some(r));
                    let out: u64 = moves
                        .iter()
                        .filter(|m| m.1 == NONE)
                        .map(|m| u64::from(p.reqs[m.0 as usize].weight))
                        .sum();
                    assert!(out <= u64::from(budget));
                    apply(&mut st, &moves);
                    assert_eq!(st.weight, before + u64::from(w) - out);
                }
            }
        }
        assert!(found > 0, "no insertion found in any instance");
    }
}

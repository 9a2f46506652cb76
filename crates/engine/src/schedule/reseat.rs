//! Insertion by an exact sub-problem: add one waiting request by re-seating the meetings
//! around it, searched completely (within a budget) rather than at random.
//!
//! Near the optimum, a better schedule often holds every meeting of the current one plus one
//! more, with some meetings of the same people moved. On a generated 50-request instance,
//! runs that stopped at 112 were six to eight changes from a schedule of 113 (CP-SAT, asked
//! for the nearest one), every change a meeting of the waiting request's people or of people
//! who meet them; the min-conflicts search of [`super::repack`] needed about a thousand steps
//! to find one. This move frees every scheduled meeting within two hops of the waiting
//! request's people (when there are at most [`Reseat::max_meetings`]; otherwise it does
//! nothing) and places them and the new one again by depth-first search over their options,
//! the meeting with the fewest fitting options first and each one's current place first, so
//! the first complete placement found changes little. The rest of the schedule stays. On
//! that instance's stuck schedule the search takes 36,000 option tests (about 0.1 ms) to
//! find the 113; on the public instance's, 5,000 to find the 99. Most calls find nothing:
//! a count of each person's free slots against what their meetings still need proves that
//! in a few hundred tests (see [`Reseat::search`]).
//!
//! It can also take given meetings out while it adds several requests ([`Reseat::swap`]).
//! The search calls it in rounds, when it stalls (see [`super::rounds`]). Horizons of more
//! than 64 slots are not handled (the move then does nothing): each person's busy slots are
//! one machine word, and an option fits when `(busy | full) & slots == 0`, a few nanoseconds.
//! Counting a meeting's fitting options at a node takes a few word operations per class
//! rather than a test per option: its allowed starts in the class, ANDed with the starts whose
//! slots are all free (1.5 ns an option on the 50-request instances, against 2.8).
//!
//! The files, one step each: this one holds [`Reseat`] with its scratch space and the entry
//! points ([`Reseat::insert`], [`Reseat::insert_near`], [`Reseat::swap`]); `gather` chooses
//! the sub-problem, the meetings within two hops; `prepare` frees them and lists their options
//! as slot masks and as allowed starts per class; `dfs` is the depth-first search over those
//! options, with its per-person count of free slots and its budget of tests and time.

use std::time::Instant;

use super::problem::NONE;
use super::search::Rng;
use super::state::{State, pack};

mod dfs;
mod gather;
mod prepare;

/// Option tests between looks at the clock (a few microseconds).
const CLOCK_EVERY: u32 = 2048;

/// The longest horizon handled, in slots.
const MAX_SLOTS: usize = 64;

/// The most meetings re-seated with the new one. Within two hops of a waiting request's people
/// lie 20–37 meetings on the 50-request instances (the whole schedule holds 33–40), and the
/// schedules that runs got stuck in were one re-seating of 20–30 of them away from a better
/// one; on 400 requests and more, two hops reach past 40 and the move stays out of the way.
const MAX_MEETINGS: usize = 40;

/// Option tests one call may spend (a test is two AND operations; this is about 1 ms). The
/// traps met on the 50-request instances took 5,000–40,000 to get out of. On the nine at
/// 1.66 ms, fresh processes, 900 runs a round, runs within the limit: 300,000 reached the
/// optimum in 770–800, 120,000 in 768–794, 60,000 in 779–797 (with the clock unchecked,
/// 300,000 had been ahead: 836–845 against 802–835 and 807–813). That was before the
/// per-person slot count of [`Reseat::search`], which proves most failures in under 1,000;
/// since then, calls that start small and grow (16,000 tests, then four times as many) lost
/// to one call of the full budget: 1,673 runs of 1,800 that reached the optimum against
/// 1,691.
const MAX_TESTS: u32 = 300_000;

/// Scratch space, reused between calls.
pub struct Reseat {
    /// When more scheduled meetings than this lie within two hops, nothing is tried.
    pub max_meetings: usize,
    /// Option tests one call may spend before it gives up.
    pub max_tests: u32,
    /// A call gives up at this time, too (checked every [`CLOCK_EVERY`] tests).
    pub deadline: Option<Instant>,
    /// The meetings of the sub-problem, those added first.
    vars: Vec<u32>,
    /// Each meeting's options `(start, class)`, its current one first, from `opt_off[v]`.
    opts: Vec<(u32, u32)>,
    opt_off: Vec<u32>,
    /// Per meeting of the sub-problem: the index of its option, or `NONE` while unplaced.
    choice: Vec<u32>,
    /// Per person: busy slots outside the sub-problem plus those placed so far.
    busy: Vec<u64>,
    people: Vec<u32>,
    /// Per option: its slots as a bit mask.
    masks: Vec<u64>,
    /// Per class-slot: spots left; per class: the slots with none left.
    room: Vec<i32>,
    full: Vec<u64>,
    /// Call stamps: request `r` is in the sub-problem when `in_sub[r] == call`; person `m` was
    /// reached when `seen[m] == call`.
    in_sub: Vec<u32>,
    seen: Vec<u32>,
    call: u32,
    tests: u32,
    /// The last call ran out of tests or time; when to look at the clock next.
    stopped: bool,
    next_clock: u32,
    /// Whether the last call's neighbourhood held every meeting within two hops.
    complete: bool,
    /// Meetings freed with their neighbourhood besides the added ones' (see
    /// [`Reseat::insert_near`]).
    near: Vec<u32>,
    /// Per meeting of the sub-problem: its options as allowed starts per class (from
    /// `class_off[v]`), and its duration.
    class_starts: Vec<(u32, u64)>,
    class_off: Vec<u32>,
    durs: Vec<u32>,
    /// Per person, at a node of the search: the slots their meetings still to place need,
    /// and those the fitting options of those meetings cover.
    need: Vec<u32>,
    open: Vec<u64>,
}

impl Default for Reseat {
    fn default() -> Self {
        Reseat {
            max_meetings: MAX_MEETINGS,
            max_tests: MAX_TESTS,
            vars: Vec::new(),
            opts: Vec::new(),
            opt_off: Vec::new(),
            choice: Vec::new(),
            busy: Vec::new(),
            people: Vec::new(),
            masks: Vec::new(),
            room: Vec::new(),
            full: Vec::new(),
            in_sub: Vec::new(),
            seen: Vec::new(),
            call: 0,
            tests: 0,
            stopped: false,
            next_clock: 0,
            complete: false,
            deadline: None,
            near: Vec::new(),
            class_starts: Vec::new(),
            class_off: Vec::new(),
            durs: Vec::new(),
            need: Vec::new(),
            open: Vec::new(),
        }
    }
}

impl Reseat {
    /// Moves `(request, start, class)` that add `add` to `st` by re-seating meetings near it,
    /// if found: first the meetings that move, then `add`.
    pub fn insert(&mut self, st: &State, add: u32, rng: &mut Rng) -> Option<Vec<(u32, u32, u32)>> {
        self.swap(st, &[add], &[], rng)
    }

    /// Like [`Reseat::insert`], but the scheduled meetings `near` are freed too, with those
    /// within two hops of their people: for chains through spots, where what is in the way
    /// holds the room rather than the people (on the public 50-request instance, runs stuck at
    /// 98 needed a meeting moved out of the spot class and slot where the last one goes, and
    /// four more moved after it, none of them the new meeting's people's).
    pub fn insert_near(
        &mut self,
        st: &State,
        add: u32,
        near: &[u32],
        rng: &mut Rng,
    ) -> Option<Vec<(u32, u32, u32)>> {
        self.near.clear();
        self.near.extend_from_slice(near);
        let found = self.swap(st, &[add], &[], rng);
        self.near.clear();
        found
    }

    /// Moves that take the meetings `drops` out of `st` and add the requests `adds`, re-seating
    /// the meetings near the added ones, if found: first the meetings taken out (start
    /// [`NONE`]), then those that move, then `adds`.
    pub fn swap(
        &mut self,
        st: &State,
        adds: &[u32],
        drops: &[u32],
        rng: &mut Rng,
    ) -> Option<Vec<(u32, u32, u32)>> {
        let p = st.problem;
        self.tests = 0;
        self.stopped = false;
        self.next_clock = CLOCK_EVERY;
        self.complete = true;
        self.vars.clear();
        let fits_caps = |m: u32| {
            let gone = drops.iter().filter(|&&d| p.members(d).contains(&m)).count();
            let come = adds.iter().filter(|&&a| p.members(a).contains(&m)).count();
            st.nmeet[m as usize] as usize + come <= p.pcap[m as usize] as usize + gone
        };
        if p.s > MAX_SLOTS
            || adds.is_empty()
            || adds.iter().any(|&a| {
                st.is_scheduled(a)
                    || p.reqs[a as usize].fixed.is_some()
                    || p.starts(a).is_empty()
                    || !p.members(a).iter().all(|&m| fits_caps(m))
            })
            || drops
                .iter()
                .any(|&d| !st.is_scheduled(d) || p.reqs[d as usize].fixed.is_some())
        {
            return None;
        }
        if self.in_sub.len() != st.at.len() || self.busy.len() != p.n_people {
            self.in_sub = vec![0; st.at.len()];
            self.seen = vec![0; p.n_people];
            self.busy = vec![0; p.n_people];
            self.need = vec![0; p.n_people];
            self.open = vec![0; p.n_people];
            self.room = vec![0; p.classes.len() * p.s];
            self.full = vec![0; p.classes.len()];
        }
        self.call = self.call.wrapping_add(1);
        if self.call == 0 {
            self.in_sub.iter_mut().for_each(|c| *c = 0);
            self.seen.iter_mut().for_each(|c| *c = 0);
            self.call = 1;
        }
        self.gather(st, adds, drops, rng);
        if !self.complete {
            return None;
        }
        self.prepare(st, drops, rng);
        if !self.search(st) {
            return None;
        }
        let mut moves: Vec<(u32, u32, u32)> = drops.iter().map(|&d| (d, NONE, NONE)).collect();
        for (v, &r) in self.vars.iter().enumerate().skip(adds.len()) {
            let (t, c) = self.opts[(self.opt_off[v] + self.choice[v]) as usize];
            if st.at[r as usize] != pack(t, c) {
                moves.push((r, t, c));
            }
        }
        for (v, &r) in adds.iter().enumerate() {
            let (t, c) = self.opts[(self.opt_off[v] + self.choice[v]) as usize];
            moves.push((r, t, c));
        }
        Some(moves)
    }

    /// Whether the last call that found nothing would find nothing again on the same
    /// schedule: it searched every re-seating of the meetings within two hops, or they were
    /// too many to try.
    pub fn settled(&self) -> bool {
        !self.complete || !self.stopped
    }

    /// Whether the deadline has passed.
    pub fn past_deadline(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// Option tests the last call spent.
    pub fn tests(&self) -> u32 {
        self.tests
    }

    /// Whether the last call found too many meetings around to try anything.
    pub fn too_large(&self) -> bool {
        !self.complete
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::greedy;
    use crate::schedule::testkit::{apply, problem, random_problem};

    /// Whether the unscheduled `reqs` can all be placed on `st`, by trying everything.
    fn placeable(st: &mut State, reqs: &[u32]) -> bool {
        let Some((&r, rest)) = reqs.split_first() else {
            return true;
        };
        let p = st.problem;
        let d = p.reqs[r as usize].dur;
        for &t in p.starts(r) {
            for &c in p.classes_of(r) {
                let t = u32::from(t);
                if p.class_open(c, t, d) && st.can_place(r, t, c) {
                    st.place(r, t, c);
                    let ok = placeable(st, rest);
                    st.remove(r);
                    if ok {
                        return true;
                    }
                }
            }
        }
        false
    }

    #[test]
    fn moves_meetings_to_make_room() {
        // One table, two slots: r1 can only be at slot 0, where r0 is; r2 is b's other
        // meeting, in the way of r0 at slot 1 until it moves to slot 2.
        let p = problem(
            serde_json::json!({"format": "p2p-sched/1", "name": "one table",
            "horizon": {"num_slots": 3},
            "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
            "spots": [{"id": "t", "kind": "table", "capacity": 2}],
            "requests": [
                {"id": "r0", "participants": ["a", "b"], "weight": 1, "window": [0, 2]},
                {"id": "r1", "participants": ["a", "c"], "weight": 1, "window": [0, 1]},
                {"id": "r2", "participants": ["b", "d"], "weight": 1}
            ]}),
        );
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        st.place(2, 1, 0);
        let mut rs = Reseat::default();
        let moves = rs
            .insert(&st, 1, &mut Rng::new(1))
            .expect("room by moving r2, then r0");
        assert_eq!(moves, vec![(0, 1, 0), (2, 2, 0), (1, 0, 0)]);
        apply(&mut st, &moves);
        assert_eq!(st.weight, 3);
        // Nothing more to add, and the call says so for good.
        assert_eq!(rs.insert(&st, 1, &mut Rng::new(1)), None);
    }

    #[test]
    fn finds_a_reseating_exactly_when_one_exists() {
        let (mut found, mut none, mut swaps) = (0, 0, 0);
        for seed in 0..80u64 {
            let mut rng = Rng::new(seed);
            let p = random_problem(&mut rng, 5, 9, 4);
            let mut st = State::new(&p);
            greedy::fill(&mut st, &greedy::order(&p, None), None);
            let mut rs = Reseat::default();
            for r in 0..p.n_reqs() as u32 {
                let before = st.weight;
                let moves = rs.insert(&st, r, &mut rng);
                if st.is_scheduled(r) || p.starts(r).is_empty() {
                    assert_eq!(moves, None);
                    continue;
                }
                if p.members(r)
                    .iter()
                    .any(|&m| st.nmeet[m as usize] >= p.pcap[m as usize])
                {
                    assert_eq!(moves, None, "a participant is at their cap");
                    continue;
                }
                // What an exhaustive search says of the same meetings.
                let mut freed = st.clone();
                for &q in &rs.vars[1..] {
                    freed.remove(q);
                }
                let exists = placeable(&mut freed, &rs.vars);
                let vars = rs.vars.clone();
                assert!(rs.settled());
                assert_eq!(moves.is_some(), exists, "seed {seed}, request {r}");
                // And a swap: r with the next waiting request, for a meeting of r's people.
                let other = (r + 1..p.n_reqs() as u32).find(|&q| !st.is_scheduled(q));
                let out = p.members(r).iter().find_map(|&m| {
                    p.person_reqs[m as usize]
                        .iter()
                        .copied()
                        .find(|&q| st.is_scheduled(q))
                });
                if let (Some(b), Some(d)) = (other, out) {
                    let swapped = rs.swap(&st, &[r, b], &[d], &mut rng);
                    if !rs.too_large() && rs.settled() && !rs.vars.is_empty() {
                        let mut freed = st.clone();
                        freed.remove(d);
                        for &q in &rs.vars[2..] {
                            freed.remove(q);
                        }
                        assert_eq!(
                            swapped.is_some(),
                            placeable(&mut freed, &rs.vars),
                            "seed {seed}: {r} and {b} for {d}"
                        );
                        swaps += usize::from(swapped.is_some());
                    }
                    if let Some(moves) = swapped {
                        assert_eq!(moves[0], (d, NONE, NONE));
                        let mut after = st.clone();
                        apply(&mut after, &moves);
                        assert!(after.is_scheduled(r) && after.is_scheduled(b));
                    }
                }
                if let Some(moves) = moves {
                    found += 1;
                    assert_eq!(moves.last().map(|m| m.0), Some(r));
                    assert!(moves.iter().all(|m| vars.contains(&m.0)));
                    apply(&mut st, &moves);
                    assert_eq!(st.weight, before + u64::from(p.reqs[r as usize].weight));
                } else {
                    none += 1;
                }
            }
        }
        assert!(found > 0 && none > 0, "found {found}, none {none}");
        assert!(swaps > 0, "no swap found in any instance");
    }

    #[test]
    fn through_the_spots_finds_a_reseating_exactly_when_one_exists() {
        // The meetings at slot 1 of the table are freed besides those around the new one.
        let (mut found, mut none) = (0, 0);
        for seed in 0..80u64 {
            let mut rng = Rng::new(seed);
            let p = random_problem(&mut rng, 5, 9, 4);
            let mut st = State::new(&p);
            greedy::fill(&mut st, &greedy::order(&p, None), None);
            let near = st.class_occupants(0, 1).to_vec();
            let mut rs = Reseat::default();
            for r in 0..p.n_reqs() as u32 {
                let moves = rs.insert_near(&st, r, &near, &mut rng);
                if rs.vars.first() != Some(&r) || rs.too_large() {
                    assert_eq!(moves, None);
                    continue;
                }
                assert!(near.iter().all(|q| rs.vars.contains(q)));
                let mut freed = st.clone();
                for &q in &rs.vars[1..] {
                    freed.remove(q);
                }
                let exists = placeable(&mut freed, &rs.vars);
                assert!(rs.settled());
                assert_eq!(moves.is_some(), exists, "seed {seed}, request {r}");
                if let Some(moves) = moves {
                    found += 1;
                    let mut after = st.clone();
                    apply(&mut after, &moves);
                    assert!(after.is_scheduled(r));
                } else {
                    none += 1;
                }
            }
        }
        assert!(found > 0 && none > 0, "found {found}, none {none}");
    }
}

//! Rounds of re-seating: how the search uses [`super::reseat`] to get out of the schedules it
//! gets stuck in.
//!
//! After [`RESEAT_EVERY`] moves without a new best, the search goes back to its best schedule
//! if the annealing has walked below it (rounds used to wait for a move that ended at the best
//! weight, and on some runs none came before the deadline), and a round first places every
//! waiting request that fits as the schedule stands, even one the prices keep the other moves
//! from inserting (on a generated instance, runs stopped at 110 of 111 with a meeting of weight
//! 1 that fitted freely). Otherwise it tries every waiting request that could go in, the least
//! clashing first, until one is added by re-seating the meetings around it. What is in the way
//! may hold the room rather than the people: on the public instance, runs stuck at 98 needed
//! the last meeting placed where a meeting of four other people sat, and that one moved on, and
//! four more after it. So the round then tries the waiting requests the relaxed choices placed
//! in at least half of their steps, the most placed first, freeing also the meetings in their
//! classes at the start where the relaxation placed each most (and those around them). Near the
//! optimum the better schedule often also takes a meeting out for two lighter ones, or for one
//! heavier one: if nothing could be added, the round tries such swaps, guided by the bound's
//! relaxation (see [`super::prices`]): what comes in is a waiting request the relaxed choices
//! placed in at least half of their steps (the optimum of every 50-request instance we solved
//! lies in the LP solution's support), alone or with another waiting request; what goes out is
//! a lighter meeting in its way (of its people, or in its classes where the relaxation put it),
//! the one the relaxation kept least first. On a generated instance where runs stopped at 96 of
//! 98, CP-SAT's nearest better schedule took out a meeting of weight 4 (relaxed share 0.08) for
//! two of 3 and 2 (shares 1.0), and moved four others.
//!
//! A request or a swap that came to nothing is not tried again until the schedule changes,
//! rounds take at most [`RESEAT_SHARE`] of the search's time and stop at its deadline, and a
//! search whose waiting requests all have too many meetings around them (large instances) stops
//! holding rounds.

use super::greedy::best_free_option;
use super::problem::NONE;
use super::repack::least_clash;
use super::search::Search;

/// Moves without a new best between rounds of re-seating. Nine 50-request instances at
/// 1.66 ms, fresh processes, 450 runs a round (an early build whose rounds did not look at the
/// clock): after 80 moves, 391–407 reached the optimum (four rounds); after 40, 397–400;
/// after 120 or 160, 396–403; without re-seating, 361–379. Counting only runs within the
/// limit, with rounds that stop at the deadline, 900 runs a round: after 80 moves, 808–811;
/// after 20, 40 or 120, 800–806, 791–809 and 761–782. With rounds that go back to the best
/// schedule, in one process, 1,800 runs: after 80 moves, 1,630–1,636 reached the optimum;
/// after 40, 20 or 10, 1,608–1,613, 1,579–1,584 and 1,547 (the instances that need long
/// climbs lose the moves); with every change of 24 November, 1,749–1,762 after 80, 1,730–1,741
/// after 40 and 1,725 after 20, or 1,726–1,741 with the first round after 20 or 40 moves and
/// the later ones after 80.
pub(super) const RESEAT_EVERY: u64 = 80;

/// Share of the search's time rounds of re-seating may take (0.5 and no limit were no better
/// on the 50-request instances).
pub(super) const RESEAT_SHARE: f64 = 0.3;

/// Rounds of re-seating that find nothing small enough to search, in a row, after which a
/// search holds no more (on 400 requests and more, two hops reach past the limit).
pub(super) const RESEAT_IDLE_ROUNDS: u32 = 3;

/// Option tests of re-seating taken to cost as much as one move, where a move budget makes the
/// share of [`RESEAT_SHARE`] count in moves (2–5 ns a test, about 3 µs a move on the
/// 50-request instances).
pub(super) const TESTS_PER_MOVE: f64 = 1000.0;

/// The start a request's row of start shares holds most (the last of equals).
fn top_start(row: &[f32]) -> u32 {
    (0..row.len())
        .max_by(|&x, &y| row[x].total_cmp(&row[y]))
        .unwrap_or(0) as u32
}

impl Search<'_> {
    /// Places what fits freely; if nothing does, tries to add each waiting request in focus
    /// that could go in, the least clashing first, by re-seating, then through the spots
    /// ([`Search::reseat_near`]), then the swaps of [`Search::reseat_swaps`], until something
    /// is added, twice one call's test budget is spent, or the deadline passes. Returns whether the weight grew, and the option tests
    /// spent.
    pub(super) fn reseat_round(&mut self) -> (bool, u64) {
        if self.fill_free() {
            return (true, 0);
        }
        let version = self.accepted + 1;
        let mut cands = std::mem::take(&mut self.reseat_cands);
        cands.clear();
        for &r in &self.st.unscheduled {
            if self.in_focus(r) && self.reseat_failed[r as usize] != version {
                let clash = least_clash(&self.st, r);
                if clash != u32::MAX {
                    cands.push((clash, self.rng.below(1 << 16) as u32, r));
                }
            }
        }
        cands.sort_unstable();
        let mut added = false;
        let mut spent = 0;
        // Calls whose neighbourhood was small enough to search.
        let mut searched = 0;
        for &(_, _, r) in &cands {
            if spent > 2 * self.reseat.max_tests || self.reseat.past_deadline() {
                break;
            }
            let found = self.reseat.insert(&self.st, r, &mut self.rng);
            spent += self.reseat.tests();
            searched += u32::from(!self.reseat.too_large());
            match found {
                Some(moves) => {
                    self.apply(&moves);
                    added = true;
                    break;
                }
                None => {
                    if self.reseat.settled() {
                        self.reseat_failed[r as usize] = version;
                    }
                }
            }
        }
        if searched > 0 {
            self.reseat_idle = 0;
        } else if !cands.is_empty() {
            // Every waiting request has too many meetings around it (a large instance).
            self.reseat_idle += 1;
        }
        self.reseat_cands = cands;
        // Then through the spots where the relaxation places the waiting requests.
        if !added && self.reseat_idle == 0 && spent <= 2 * self.reseat.max_tests {
            let (found, tests) = self.reseat_near(version, 2 * self.reseat.max_tests - spent);
            spent += tests;
            added = found;
        }
        // Swaps too, unless the neighbourhoods are all too large (or were, when every request
        // here was already tried on this schedule).
        if !added
            && self.reseat_idle == 0
            && spent <= 2 * self.reseat.max_tests
            && self.reseat_swaps_failed != version
        {
            let (found, tests) = self.reseat_swaps();
            spent += tests;
            added = found;
            if !found && tests <= 2 * self.reseat.max_tests && !self.reseat.past_deadline() {
                self.reseat_swaps_failed = version;
            }
        }
        (added, u64::from(spent))
    }

    /// Tries to add each waiting request the relaxation placed in at least half of its steps,
    /// by re-seating the meetings in its classes at the start where the relaxation placed it
    /// most, with those around them and around it, the request placed most first; until one
    /// is added, `budget` tests are spent, or the deadline passes. Returns whether one was
    /// added, and the option tests spent.
    fn reseat_near(&mut self, version: u64, budget: u32) -> (bool, u32) {
        let Some(prices) = self.prices.clone() else {
            return (false, 0);
        };
        let p = self.st.problem;
        if prices.start_share.is_empty() {
            return (false, 0);
        }
        let mut cands: Vec<(f32, u32, u32)> = Vec::new();
        for &r in &self.st.unscheduled {
            if !self.in_focus(r)
                || p.reqs[r as usize].fixed.is_some()
                || self.reseat_near_failed[r as usize] == version
            {
                continue;
            }
            let Some(row) = prices.start_shares(p, r) else {
                continue;
            };
            let total: f32 = row.iter().sum();
            if total < 0.5 {
                continue;
            }
            cands.push((total, r, top_start(row)));
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0));
        let mut spent = 0;
        let mut near: Vec<u32> = Vec::new();
        for &(_, r, top) in &cands {
            if spent > budget || self.reseat.past_deadline() {
                break;
            }
            near.clear();
            self.occupants_from(r, top, &mut near);
            near.sort_unstable();
            near.dedup();
            if near.is_empty() {
                continue;
            }
            let found = self.reseat.insert_near(&self.st, r, &near, &mut self.rng);
            spent += self.reseat.tests();
            match found {
                Some(moves) => {
                    self.apply(&moves);
                    return (true, spent);
                }
                None if self.reseat.settled() => self.reseat_near_failed[r as usize] = version,
                None => {}
            }
        }
        (false, spent)
    }

    /// Adds to `out` the meetings in `r`'s classes over the slots a meeting of `r` starting at
    /// `t` would take (with repeats).
    fn occupants_from(&self, r: u32, t: u32, out: &mut Vec<u32>) {
        let p = self.st.problem;
        for &c in p.classes_of(r) {
            for x in t..(t + p.reqs[r as usize].dur).min(p.s as u32) {
                out.extend_from_slice(self.st.class_occupants(c, x));
            }
        }
    }

    /// Places every waiting request that fits as the schedule stands, in focus or not (the
    /// other moves insert only requests in focus). Returns whether any was placed.
    fn fill_free(&mut self) -> bool {
        let p = self.st.problem;
        let mut added = false;
        let mut i = 0;
        while i < self.st.unscheduled.len() {
            let r = self.st.unscheduled[i];
            let free = p.reqs[r as usize]
                .fixed
                .is_none()
                .then(|| best_free_option(&self.st, r, self.prices.as_deref()))
                .flatten();
            match free {
                // Placing takes `r` out of the list: the same position holds another now.
                Some((t, c)) => {
                    self.do_place(r, t, c);
                    added = true;
                }
                None => i += 1,
            }
        }
        self.journal.clear();
        added
    }

    /// Swaps that the bound's relaxation suggests, best first: a waiting request that the
    /// relaxed choices placed in at least half of their steps comes in, alone or with another
    /// waiting request, for a lighter meeting in the way (one of its people's, or one in its
    /// classes at the start where the relaxation placed it most). Swaps are ranked by how much
    /// more the relaxation placed what comes in than what goes out.
    /// Returns whether one was made, and the option tests spent.
    fn reseat_swaps(&mut self) -> (bool, u32) {
        let Some(prices) = self.prices.clone() else {
            return (false, 0);
        };
        let p = self.st.problem;
        if prices.start_share.is_empty() {
            return (false, 0);
        }
        let share = |r: u32| -> f32 { prices.start_shares(p, r).map_or(0.0, |x| x.iter().sum()) };
        let shares_person = |a: u32, b: u32| p.members(a).iter().any(|m| p.members(b).contains(m));
        let waiting: Vec<(f32, u32)> = self
            .st
            .unscheduled
            .iter()
            .filter(|&&r| self.in_focus(r) && p.reqs[r as usize].fixed.is_none())
            .map(|&r| (share(r), r))
            .collect();
        // (score, add, second add or NONE, meeting out)
        let mut swaps: Vec<(f32, u32, u32, u32)> = Vec::new();
        let mut in_way: Vec<u32> = Vec::new();
        for &(xa, a) in waiting.iter().filter(|w| w.0 >= 0.5) {
            let wa = p.reqs[a as usize].weight;
            // In the way: meetings of a's people, and those in a's classes where the
            // relaxation placed it most often.
            in_way.clear();
            for &m in p.members(a) {
                in_way.extend_from_slice(&p.person_reqs[m as usize]);
            }
            let row = prices.start_shares(p, a).unwrap_or_default();
            self.occupants_from(a, top_start(row), &mut in_way);
            in_way.sort_unstable();
            in_way.dedup();
            for &d in &in_way {
                if !self.st.is_scheduled(d) || p.reqs[d as usize].fixed.is_some() {
                    continue;
                }
                let (xd, wd) = (share(d), p.reqs[d as usize].weight);
                if wd < wa {
                    swaps.push((xa - xd, a, NONE, d));
                }
                for &(xb, b) in &waiting {
                    if b != a
                        && wd < wa + p.reqs[b as usize].weight
                        && (shares_person(b, d) || shares_person(b, a))
                    {
                        swaps.push((xa + xb - xd - 1.0, a, b, d));
                    }
                }
            }
        }
        swaps.sort_by(|x, y| y.0.total_cmp(&x.0));
        let mut spent = 0;
        for &(_, a, b, d) in &swaps {
            if spent > 2 * self.reseat.max_tests || self.reseat.past_deadline() {
                break;
            }
            let found = if b == NONE {
                self.reseat.swap(&self.st, &[a], &[d], &mut self.rng)
            } else {
                self.reseat.swap(&self.st, &[a, b], &[d], &mut self.rng)
            };
            spent += self.reseat.tests();
            if let Some(moves) = found {
                self.apply(&moves);
                return (true, spent);
            }
        }
        (false, spent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::state::State;
    use crate::schedule::testkit::{one_table, problem};

    /// Gives the search prices whose relaxed choices placed request `r` at start `t` in the
    /// share `start_share[r * s + t]` of their steps (and nothing else).
    fn relaxation_placed(search: &mut Search, start_share: Vec<f32>) {
        let n = search.st.at.len();
        search.prices = Some(std::sync::Arc::new(crate::schedule::prices::Prices {
            profit: vec![0.0; n],
            slot: Vec::new(),
            start_share: std::sync::Arc::new(start_share),
        }));
    }

    #[test]
    fn a_round_adds_what_fits_and_does_not_retry_what_cannot() {
        // One table, one slot: r0 is there, r1 and r2 need it too (r2 also needs a, busy).
        let p = problem(serde_json::json!({"format": "p2p-sched/1", "name": "full",
        "horizon": {"num_slots": 2},
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2}],
        "requests": [
            {"id": "r0", "participants": ["a", "b"], "weight": 1},
            {"id": "r1", "participants": ["c", "d"], "weight": 1, "window": [0, 1]},
            {"id": "r2", "participants": ["a", "c"], "weight": 1, "window": [0, 1]}
        ]}));
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut search = Search::new(st, 1, false);
        let (added, tests) = search.reseat_round();
        assert!(added, "r0 moves to slot 1 and one of r1, r2 takes slot 0");
        assert!(tests > 0);
        search.accepted += 1;
        // The last one cannot go in: tried once, then not again on the same schedule.
        let (added, tests) = search.reseat_round();
        assert!(!added);
        assert!(tests > 0);
        assert_eq!(search.reseat_round(), (false, 0));
        assert_eq!(search.st.weight, 2);
    }

    #[test]
    fn a_round_first_places_what_fits_even_out_of_focus() {
        let p = one_table(
            2,
            serde_json::json!([
                {"id": "r0", "participants": ["a", "b"], "weight": 3},
                {"id": "r1", "participants": ["a", "c"], "weight": 1}
            ]),
        );
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut search = Search::new(st, 1, false);
        // The prices would leave r1 alone: no other move inserts it.
        search.focus[1] = false;
        assert_eq!(search.reseat_round(), (true, 0));
        assert!(search.st.is_scheduled(1));
        assert_eq!(search.st.weight, 4);
    }

    #[test]
    fn a_round_moves_a_meeting_out_of_the_spot_the_relaxation_wants() {
        // One table, two slots: r1 (a and b) can only meet at slot 0, where r0 (c and d)
        // holds the table; r0 could as well meet at slot 1. No meeting of a's or b's is in
        // the way, so only re-seating through the spot adds r1.
        let p = problem(serde_json::json!({"format": "p2p-sched/1", "name": "spot",
        "horizon": {"num_slots": 2},
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2}],
        "requests": [
            {"id": "r0", "participants": ["c", "d"], "weight": 1},
            {"id": "r1", "participants": ["a", "b"], "weight": 1, "window": [0, 1]}
        ]}));
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut search = Search::new(st, 1, false);
        assert!(
            !search.reseat_round().0,
            "nothing in r1's people's way to move"
        );
        search.accepted += 1;
        // The relaxation put r1 at slot 0 in every step.
        relaxation_placed(&mut search, vec![0.0, 1.0, 1.0, 0.0]);
        assert!(search.reseat_round().0);
        assert_eq!(search.st.weight, 2);
        assert_eq!(search.st.at[0], crate::schedule::state::pack(1, 0));
        assert_eq!(search.st.at[1], crate::schedule::state::pack(0, 0));
    }

    #[test]
    fn a_round_swaps_one_meeting_for_two_the_relaxation_wants() {
        // One slot, two tables: r0 keeps a and b busy; r1 and r2 need one each.
        let p = problem(serde_json::json!({"format": "p2p-sched/1", "name": "swap",
        "horizon": {"num_slots": 1},
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2},
            {"id": "u", "kind": "table", "capacity": 2}],
        "requests": [
            {"id": "r0", "participants": ["a", "b"], "weight": 3},
            {"id": "r1", "participants": ["a", "c"], "weight": 2},
            {"id": "r2", "participants": ["b", "d"], "weight": 2}
        ]}));
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut search = Search::new(st, 1, false);
        // Without the relaxation's word, nothing is swapped.
        assert!(!search.reseat_round().0);
        assert_eq!(search.st.weight, 3);
        search.accepted += 1;
        relaxation_placed(&mut search, vec![0.0, 1.0, 1.0]);
        let (added, _) = search.reseat_round();
        assert!(added);
        assert_eq!(search.st.weight, 4);
        assert!(!search.st.is_scheduled(0));
    }
}

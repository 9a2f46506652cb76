//! The mutable schedule the solver works on: who sits where and when, with O(duration ×
//! participants) checks and updates.
//!
//! Availability and occupancy are flat per-slot arrays (`person × slot → request`,
//! `class × slot → count` plus the occupants), which for the short horizons of peer-learning
//! events (tens of slots) beats interval trees and is as compact as a bitset that also has to
//! say *who* is in the way. For horizons of up to 256 slots each person also has a bitmask of
//! busy slots, so that "are all participants free at this start?" over every start of a
//! request costs one OR of the participants' masks and then O(1) per start.

use super::problem::{NONE, Problem};

#[derive(Clone)]
pub struct State<'a> {
    pub problem: &'a Problem,
    /// Per request: `NONE`, or `start << 16 | class`.
    pub at: Vec<u32>,
    /// `person * S + slot` → request occupying it, or `NONE`.
    pub pocc: Vec<u32>,
    /// Scheduled meetings per person.
    pub nmeet: Vec<u32>,
    /// `class * S + slot` → requests using a spot of that class at that slot.
    pub cocc: Vec<Vec<u32>>,
    /// Total weight of scheduled requests.
    pub weight: u64,
    /// People with at least one request and no scheduled meeting.
    pub zeros: u32,
    /// Per request and occupied slot (offset by [`State::cpos_off`]): its index in the
    /// class-slot occupant list, for O(1) removal.
    cpos: Vec<u32>,
    cpos_off: Vec<u32>,
    /// Unscheduled requests, with each one's position for O(1) removal.
    pub unscheduled: Vec<u32>,
    upos: Vec<u32>,
    /// With horizons of at most [`MASK_SLOTS`] slots: per person, [`MASK_WORDS`] words with
    /// bit `x` set while the person has a meeting at slot `x` (empty otherwise). Lets
    /// [`PeopleFree`] test a start in O(1) instead of O(participants × duration).
    busy: Vec<u64>,
}

const MASK_WORDS: usize = 4;
const MASK_SLOTS: usize = 64 * MASK_WORDS;

/// Whether a request's participants are free, for many starts: built once per request by
/// [`State::people_check`].
pub struct PeopleFree {
    /// Some participant is at `max_meetings`: no start is free.
    capped: bool,
    /// The participants' busy slots together, when masks are kept.
    union: Option<[u64; MASK_WORDS]>,
}

impl PeopleFree {
    /// Same answer as [`State::people_free`].
    #[inline]
    pub fn free(&self, st: &State, r: u32, t: u32) -> bool {
        if self.capped {
            return false;
        }
        let d = st.problem.reqs[r as usize].dur;
        match &self.union {
            Some(u) if d <= 64 => {
                let (w, b) = ((t / 64) as usize, t % 64);
                let pair = u[w] as u128 | (u.get(w + 1).copied().unwrap_or(0) as u128) << 64;
                (pair >> b) & ((1u128 << d) - 1) == 0
            }
            _ => st.people_free(r, t),
        }
    }
}

#[inline]
pub fn pack(t: u32, c: u32) -> u32 {
    (t << 16) | c
}

#[inline]
pub fn unpack(a: u32) -> (u32, u32) {
    (a >> 16, a & 0xffff)
}

impl<'a> State<'a> {
    pub fn new(problem: &'a Problem) -> State<'a> {
        let s = problem.s;
        let n = problem.n_reqs();
        let mut cpos_off = Vec::with_capacity(n + 1);
        let mut acc = 0u32;
        cpos_off.push(0);
        for r in &problem.reqs {
            acc += r.dur;
            cpos_off.push(acc);
        }
        State {
            cpos: vec![0; acc as usize],
            cpos_off,
            problem,
            at: vec![NONE; n],
            pocc: vec![NONE; problem.n_people * s],
            nmeet: vec![0; problem.n_people],
            cocc: vec![Vec::new(); problem.classes.len() * s],
            weight: 0,
            zeros: problem.involved() as u32,
            unscheduled: (0..n as u32).collect(),
            upos: (0..n as u32).collect(),
            busy: if s <= MASK_SLOTS {
                vec![0; problem.n_people * MASK_WORDS]
            } else {
                Vec::new()
            },
        }
    }

    /// Prepares [`PeopleFree`] tests for `r`.
    #[inline]
    pub fn people_check(&self, r: u32) -> PeopleFree {
        let p = self.problem;
        let mem = p.members(r);
        let capped = mem
            .iter()
            .any(|&m| self.nmeet[m as usize] >= p.pcap[m as usize]);
        let union = (!self.busy.is_empty()).then(|| {
            let mut u = [0u64; MASK_WORDS];
            for &m in mem {
                let row = &self.busy[m as usize * MASK_WORDS..(m as usize + 1) * MASK_WORDS];
                for (a, &b) in u.iter_mut().zip(row) {
                    *a |= b;
                }
            }
            u
        });
        PeopleFree { capped, union }
    }

    #[inline]
    fn mark_busy(&mut self, m: u32, x: u32, on: bool) {
        if self.busy.is_empty() {
            return;
        }
        let word = &mut self.busy[m as usize * MASK_WORDS + (x / 64) as usize];
        if on {
            *word |= 1 << (x % 64);
        } else {
            *word &= !(1 << (x % 64));
        }
    }

    #[inline]
    pub fn is_scheduled(&self, r: u32) -> bool {
        self.at[r as usize] != NONE
    }

    #[inline]
    pub fn class_load(&self, c: u32, slot: u32) -> u32 {
        self.cocc[c as usize * self.problem.s + slot as usize].len() as u32
    }

    #[inline]
    pub fn class_occupants(&self, c: u32, slot: u32) -> &[u32] {
        &self.cocc[c as usize * self.problem.s + slot as usize]
    }

    #[inline]
    pub fn person_at(&self, p: u32, slot: u32) -> u32 {
        self.pocc[p as usize * self.problem.s + slot as usize]
    }

    /// Whether every participant of `r` is free during `[t, t+d)` and under their cap.
    #[inline]
    pub fn people_free(&self, r: u32, t: u32) -> bool {
        let p = self.problem;
        let d = p.reqs[r as usize].dur;
        p.members(r).iter().all(|&m| {
            self.nmeet[m as usize] < p.pcap[m as usize]
                && (t..t + d).all(|x| self.person_at(m, x) == NONE)
        })
    }

    /// Whether class `c` has a free spot during `[t, t+d)` (class opening is not checked).
    #[inline]
    pub fn class_free(&self, c: u32, t: u32, d: u32) -> bool {
        let size = self.problem.classes[c as usize].size();
        (t..t + d).all(|x| self.class_load(c, x) < size)
    }

    /// Whether `r` can be placed at `(t, c)` without moving anything.
    pub fn can_place(&self, r: u32, t: u32, c: u32) -> bool {
        let d = self.problem.reqs[r as usize].dur;
        !self.is_scheduled(r)
            && self.problem.class_open(c, t, d)
            && self.class_free(c, t, d)
            && self.people_free(r, t)
    }

    pub fn place(&mut self, r: u32, t: u32, c: u32) {
        debug_assert!(self.can_place(r, t, c));
        let p = self.problem;
        let s = p.s;
        let d = p.reqs[r as usize].dur;
        self.at[r as usize] = pack(t, c);
        for &m in p.members(r) {
            for x in t..t + d {
                self.pocc[m as usize * s + x as usize] = r;
                self.mark_busy(m, x, true);
            }
            if self.nmeet[m as usize] == 0 {
                self.zeros -= 1;
            }
            self.nmeet[m as usize] += 1;
        }
        let off = self.cpos_off[r as usize];
        for x in t..t + d {
            let v = &mut self.cocc[c as usize * s + x as usize];
            self.cpos[(off + x - t) as usize] = v.len() as u32;
            v.push(r);
        }
        self.weight += p.reqs[r as usize].weight as u64;
        let i = self.upos[r as usize] as usize;
        let last = *self.unscheduled.last().unwrap();
        self.unscheduled.swap_remove(i);
        if last != r {
            self.upos[last as usize] = i as u32;
        }
        self.upos[r as usize] = NONE;
    }

    pub fn remove(&mut self, r: u32) {
        let p = self.problem;
        let s = p.s;
        let (t, c) = unpack(self.at[r as usize]);
        let d = p.reqs[r as usize].dur;
        self.at[r as usize] = NONE;
        for &m in p.members(r) {
            for x in t..t + d {
                self.pocc[m as usize * s + x as usize] = NONE;
                self.mark_busy(m, x, false);
            }
            self.nmeet[m as usize] -= 1;
            if self.nmeet[m as usize] == 0 {
                self.zeros += 1;
            }
        }
        let off = self.cpos_off[r as usize];
        for x in t..t + d {
            let v = &mut self.cocc[c as usize * s + x as usize];
            let i = self.cpos[(off + x - t) as usize] as usize;
            debug_assert_eq!(v[i], r);
            v.swap_remove(i);
            if let Some(&q) = v.get(i) {
                let (tq, _) = unpack(self.at[q as usize]);
                self.cpos[(self.cpos_off[q as usize] + x - tq) as usize] = i as u32;
            }
        }
        self.weight -= p.reqs[r as usize].weight as u64;
        self.upos[r as usize] = self.unscheduled.len() as u32;
        self.unscheduled.push(r);
    }

    /// The scheduled requests with their `(start, class)`.
    pub fn chosen(&self) -> Vec<(u32, u32, u32)> {
        self.at
            .iter()
            .enumerate()
            .filter(|&(_, &a)| a != NONE)
            .map(|(r, &a)| {
                let (t, c) = unpack(a);
                (r as u32, t, c)
            })
            .collect()
    }

    /// Resets to the given assignment (requests not listed are unscheduled).
    pub fn load(&mut self, chosen: &[(u32, u32, u32)]) {
        for r in 0..self.at.len() as u32 {
            if self.is_scheduled(r) {
                self.remove(r);
            }
        }
        for &(r, t, c) in chosen {
            self.place(r, t, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::greedy::random_free_option;
    use crate::schedule::model::parse_instance;
    use crate::schedule::search::Rng;

    fn problem(slots: u32) -> Problem {
        let people: Vec<_> = (0..8)
            .map(|i| {
                let mut p = serde_json::json!({"id": format!("p{i}")});
                if i % 3 == 0 {
                    p["max_meetings"] = serde_json::json!(2);
                }
                p
            })
            .collect();
        let requests: Vec<_> = (0..40)
            .map(|i| {
                serde_json::json!({"id": format!("r{i}"),
                    "participants": [format!("p{}", i % 8), format!("p{}", (i * 3 + 1) % 8)],
                    "duration": 1 + i % 3, "weight": 1})
            })
            .filter(|r| r["participants"][0] != r["participants"][1])
            .collect();
        let text = serde_json::json!({"format": "p2p-sched/1", "name": "masks",
            "horizon": {"num_slots": slots}, "people": people,
            "spots": [{"id": "t", "kind": "table", "capacity": 2},
                {"id": "u", "kind": "table", "capacity": 2}],
            "requests": requests})
        .to_string();
        Problem::new(&parse_instance(&text).unwrap())
    }

    /// The mask test agrees with the slot-by-slot one through placements and removals, on a
    /// horizon that fits the masks (and spans words) and on one that does not.
    #[test]
    fn people_check_agrees_with_people_free() {
        for slots in [70, 300] {
            let p = problem(slots);
            let mut st = State::new(&p);
            let mut rng = Rng::new(slots as u64);
            for round in 0..400 {
                let r = rng.below(p.n_reqs()) as u32;
                if st.is_scheduled(r) {
                    if round % 3 == 0 {
                        st.remove(r);
                    }
                } else if let Some((t, c)) = random_free_option(&st, r, &mut |n| rng.below(n)) {
                    st.place(r, t, c);
                }
                for q in 0..p.n_reqs() as u32 {
                    let check = st.people_check(q);
                    for &t in p.starts(q) {
                        assert_eq!(check.free(&st, q, t as u32), st.people_free(q, t as u32));
                    }
                }
            }
            assert!(st.chosen().len() > 5);
        }
    }
}

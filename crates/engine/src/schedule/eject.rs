//! Insertion with ejection, the search's most frequent move.
//!
//! Take an unscheduled request, find the `(start, class)` where placing it costs the least
//! weight of meetings that are in the way (people busy, people at `max_meetings`, class full),
//! eject those, place it, then try to put every ejected meeting back somewhere free and to
//! fill the room they left with other unscheduled requests of the same people. An ejected
//! meeting that fits nowhere free may itself eject cheaper ones, up to
//! [`Search::chain_depth`] times. [`Search::run`] keeps the move or undoes it from the journal.

use super::greedy::best_free_option;
use super::problem::NONE;
use super::search::Search;
use super::state::unpack;

impl Search<'_> {
    /// The cheapest non-fixed occupant of class `c` at `slot` that is not already ejected,
    /// preferring one that also covers `other` (a second full slot). Long occupant lists are
    /// sampled from a random offset.
    fn cheapest_in_class(&mut self, c: u32, slot: u32, other: Option<u32>) -> Option<u32> {
        let p = self.st.problem;
        let occ = self.st.class_occupants(c, slot);
        let n = occ.len();
        if n == 0 {
            return None;
        }
        let scan = n.min(24);
        let off = if n > scan { self.rng.below(n) } else { 0 };
        let mut best: Option<(u64, u32)> = None;
        for i in 0..scan {
            let q = occ[(off + i) % n];
            if p.reqs[q as usize].fixed.is_some() || self.is_locked(q) || self.eject.contains(&q) {
                continue;
            }
            let mut key = p.reqs[q as usize].weight as u64 * 4;
            if let Some(o) = other {
                let (t, _) = unpack(self.st.at[q as usize]);
                let covers = t <= o && o < t + p.reqs[q as usize].dur;
                if !covers {
                    key += 2;
                }
            }
            if best.is_none_or(|b| key < b.0) {
                best = Some((key, q));
            }
        }
        best.map(|b| b.1)
    }

    /// The cheapest non-fixed scheduled meeting of person `m` that is not already ejected.
    fn cheapest_of_person(&self, m: u32) -> Option<u32> {
        let p = self.st.problem;
        p.person_reqs[m as usize]
            .iter()
            .copied()
            .filter(|&q| {
                self.st.is_scheduled(q)
                    && p.reqs[q as usize].fixed.is_none()
                    && !self.is_locked(q)
                    && !self.eject.contains(&q)
            })
            .min_by_key(|&q| p.reqs[q as usize].weight)
    }

    fn new_locks(&mut self) {
        self.lock_gen = self.lock_gen.wrapping_add(1);
        if self.lock_gen == 0 {
            self.locks.iter_mut().for_each(|m| *m = 0);
            self.lock_gen = 1;
        }
    }

    fn lock(&mut self, r: u32) {
        self.locks[r as usize] = self.lock_gen;
    }

    /// Placed earlier in the current move: not to be ejected again by it.
    fn is_locked(&self, r: u32) -> bool {
        self.locks[r as usize] == self.lock_gen
    }

    fn ejected_weight(&self, from: usize) -> u64 {
        let p = self.st.problem;
        self.eject[from..]
            .iter()
            .map(|&q| p.reqs[q as usize].weight as u64)
            .sum()
    }

    /// Cheapest way to make room for `r`: `(cost, t, c)`, with the meetings to eject left in
    /// `self.planned`.
    fn plan_insert(&mut self, r: u32, limit: u64) -> Option<(u64, u32, u32)> {
        let p = self.st.problem;
        let d = p.reqs[r as usize].dur;
        let mut best: Option<(u64, u32, u32)> = None;
        let mut ties = 0usize;
        'starts: for &t in p.starts(r) {
            let t = t as u32;
            self.eject.clear();
            // People busy during the meeting.
            for &m in p.members(r) {
                for x in t..t + d {
                    let q = self.st.person_at(m, x);
                    if q != NONE && !self.eject.contains(&q) {
                        if p.reqs[q as usize].fixed.is_some() || self.is_locked(q) {
                            continue 'starts;
                        }
                        self.eject.push(q);
                    }
                }
            }
            // People at their cap.
            for &m in p.members(r) {
                let cap = p.pcap[m as usize];
                if cap == u32::MAX {
                    continue;
                }
                let freed = self
                    .eject
                    .iter()
                    .filter(|&&q| p.members(q).contains(&m))
                    .count() as u32;
                if self.st.nmeet[m as usize] - freed >= cap {
                    match self.cheapest_of_person(m) {
                        Some(q) => self.eject.push(q),
                        None => continue 'starts,
                    }
                }
            }
            let base = self.ejected_weight(0);
            let bound = best.as_ref().map_or(limit, |b| b.0.min(limit));
            if base > bound {
                continue;
            }
            let n_base = self.eject.len();
            for &c in p.classes_of(r) {
                if !p.class_open(c, t, d) {
                    continue;
                }
                self.eject.truncate(n_base);
                let size = p.classes[c as usize].size();
                let mut feasible = true;
                for x in t..t + d {
                    let freed = self.eject[..]
                        .iter()
                        .filter(|&&q| {
                            let (tq, cq) = unpack(self.st.at[q as usize]);
                            cq == c && tq <= x && x < tq + p.reqs[q as usize].dur
                        })
                        .count() as u32;
                    if self.st.class_load(c, x) - freed >= size {
                        let other = if x + 1 < t + d { Some(x + 1) } else { None };
                        match self.cheapest_in_class(c, x, other) {
                            Some(q) => self.eject.push(q),
                            None => {
                                feasible = false;
                                break;
                            }
                        }
                    }
                }
                if !feasible {
                    continue;
                }
                let cost = base + self.ejected_weight(n_base);
                let better = match &best {
                    None => cost <= limit,
                    Some(b) => {
                        if cost < b.0 {
                            ties = 1;
                            true
                        } else if cost == b.0 {
                            ties += 1;
                            self.rng.below(ties) == 0
                        } else {
                            false
                        }
                    }
                };
                if better {
                    if best.is_none() {
                        ties = 1;
                    }
                    best = Some((cost, t, c));
                    self.planned.clear();
                    self.planned.extend_from_slice(&self.eject);
                }
            }
        }
        best
    }

    /// Tries to place the requests in `cand` (weight first) where they fit freely.
    fn refill(&mut self) {
        let p = self.st.problem;
        let mut cand = std::mem::take(&mut self.cand);
        cand.sort_by_key(|&q| std::cmp::Reverse(p.reqs[q as usize].weight));
        for &q in &cand {
            if self.st.is_scheduled(q) || !self.in_focus(q) {
                continue;
            }
            if let Some((t, c)) = best_free_option(&self.st, q, self.prices.as_deref()) {
                self.do_place(q, t, c);
            }
        }
        cand.clear();
        self.cand = cand;
    }

    /// One move with request `r`. Returns whether it was kept.
    pub fn step(&mut self, r: u32, temperature: f64) -> bool {
        let p = self.st.problem;
        let w = p.reqs[r as usize].weight as u64;
        // Allow losing a little: the largest loss worth trying at this temperature.
        let slack = (-temperature * self.rng.unit().max(1e-12).ln()).floor() as u64;
        self.new_locks();
        let Some((_, t, c)) = self.plan_insert(r, w + slack) else {
            return false;
        };
        let before = Self::score_of(&self.st, self.fairness);
        self.journal.clear();
        let mut queue = std::mem::take(&mut self.queue);
        queue.clear();
        for i in 0..self.planned.len() {
            let q = self.planned[i];
            self.do_remove(q);
            queue.push((q, 1));
        }
        self.do_place(r, t, c);
        // Put the ejected back (each may in turn eject cheaper meetings), then try other
        // requests of the people they involve.
        self.new_locks();
        self.lock(r);
        let mut i = 0;
        while i < queue.len() {
            let (q, depth) = queue[i];
            i += 1;
            if self.st.is_scheduled(q) {
                continue;
            }
            if let Some((t, c)) = best_free_option(&self.st, q, self.prices.as_deref()) {
                self.do_place(q, t, c);
                self.lock(q);
                continue;
            }
            let wq = p.reqs[q as usize].weight as u64;
            if depth < self.chain_depth
                && wq > 1
                && let Some((_, t, c)) = self.plan_insert(q, wq - 1)
            {
                for i in 0..self.planned.len() {
                    let q2 = self.planned[i];
                    self.do_remove(q2);
                    queue.push((q2, depth + 1));
                }
                self.do_place(q, t, c);
                self.lock(q);
            }
        }
        'people: for &(q, _) in &queue {
            if self.st.is_scheduled(q) {
                continue;
            }
            for &m in p.members(q) {
                for &r2 in &p.person_reqs[m as usize] {
                    if self.cand.len() >= 32 {
                        break 'people;
                    }
                    if !self.st.is_scheduled(r2) && self.in_focus(r2) {
                        self.cand.push(r2);
                    }
                }
            }
        }
        self.queue = queue;
        self.refill();
        let after = Self::score_of(&self.st, self.fairness);
        // Metropolis-style: a loss is kept when it is within the random slack drawn above
        // (a fairness loss at equal weight counts as one unit).
        let keep = after >= before || (before.0.saturating_sub(after.0)).max(1) <= slack;
        if !keep {
            self.rollback();
        }
        self.journal.clear();
        keep
    }
}

//! The second move of the search: ruin and recreate. Clear a small region of the schedule
//! (one spot class over a few slots, or all meetings of the people of one waiting request) and
//! refill it greedily, in a randomly perturbed weight order, from the removed meetings and the
//! waiting requests that could use the room. It rearranges many meetings at once, which
//! single insertions reach only through long chains of losing steps.

use std::cmp::Ordering;

use super::greedy::{best_free_option, random_free_option};
use super::search::Search;

impl Search<'_> {
    fn new_marks(&mut self) {
        self.mark_gen = self.mark_gen.wrapping_add(1);
        if self.mark_gen == 0 {
            self.marks.iter_mut().for_each(|m| *m = 0);
            self.mark_gen = 1;
        }
    }

    fn add_cand(&mut self, r: u32) {
        if self.marks[r as usize] != self.mark_gen {
            self.marks[r as usize] = self.mark_gen;
            self.cand.push(r);
        }
    }

    /// One ruin-and-recreate move. Returns whether it was kept.
    pub(super) fn ruin_recreate(&mut self, temperature: f64) -> bool {
        let mut removed = std::mem::take(&mut self.ruined);
        let mut keyed = std::mem::take(&mut self.keyed);
        removed.clear();
        keyed.clear();
        let kept = self.ruin_recreate_with(temperature, &mut removed, &mut keyed);
        self.ruined = removed;
        self.keyed = keyed;
        kept
    }

    /// [`Search::ruin_recreate`] with scratch lists for the removed meetings and the
    /// candidates in order.
    fn ruin_recreate_with(
        &mut self,
        temperature: f64,
        removed: &mut Vec<u32>,
        keyed: &mut Vec<(f64, u32)>,
    ) -> bool {
        let p = self.st.problem;
        let s = p.s as u32;
        let slack = (-temperature * self.rng.unit().max(1e-12).ln()).floor() as u64;
        let before = Self::score_of(&self.st, self.fairness);
        self.journal.clear();
        self.cand.clear();
        self.new_marks();
        // The waiting request the ruin was built around, placed first when it fits.
        let mut focus = None;
        if self.rng.below(2) == 0 {
            // One class over a few slots.
            let c = self.rng.below(p.classes.len()) as u32;
            if p.class_reqs[c as usize].is_empty() {
                return false;
            }
            let a = self.rng.below(s as usize) as u32;
            let len = 1 + self.rng.below(3) as u32;
            // A class of many spots holds dozens of meetings over those slots: the candidates'
            // marks tell which are listed already (each becomes a candidate anyway).
            for x in a..(a + len).min(s) {
                for &q in self.st.class_occupants(c, x) {
                    if p.reqs[q as usize].fixed.is_none() && self.marks[q as usize] != self.mark_gen
                    {
                        self.marks[q as usize] = self.mark_gen;
                        self.cand.push(q);
                        removed.push(q);
                    }
                }
            }
            // Waiting requests that could use the class: a sample of them.
            let list = &p.class_reqs[c as usize];
            let n = list.len();
            let take = n.min(self.ruin_sample);
            let off = self.rng.below(n);
            for i in 0..take {
                let r = list[(off + i) % n];
                if !self.st.is_scheduled(r) && self.in_focus(r) {
                    self.add_cand(r);
                }
            }
        } else {
            // The people of one waiting request.
            let Some(r) = self.pick() else { return false };
            focus = Some(r);
            self.add_cand(r);
            for &m in p.members(r) {
                for &q in &p.person_reqs[m as usize] {
                    if self.st.is_scheduled(q)
                        && p.reqs[q as usize].fixed.is_none()
                        && !removed.contains(&q)
                        && removed.len() < self.ruin_people_cap
                    {
                        removed.push(q);
                    }
                }
            }
        }
        if removed.is_empty() {
            return false;
        }
        for &q in removed.iter() {
            self.do_remove(q);
            self.add_cand(q);
        }
        let room = 2 * self.ruin_sample;
        'people: for &q in removed.iter() {
            for &m in p.members(q) {
                for &r2 in &p.person_reqs[m as usize] {
                    if self.cand.len() >= room {
                        break 'people;
                    }
                    if !self.st.is_scheduled(r2) && self.in_focus(r2) {
                        self.add_cand(r2);
                    }
                }
            }
        }
        if let Some(r) = focus
            && self.rng.below(2) == 0
            && !p.starts(r).is_empty()
            && let Some((t, c)) = best_free_option(&self.st, r, self.prices.as_deref())
        {
            self.do_place(r, t, c);
        }
        let cand = std::mem::take(&mut self.cand);
        keyed.extend(cand.iter().map(|&r| {
            let rq = &p.reqs[r as usize];
            let noise = 0.6 + 0.8 * self.rng.unit();
            (rq.weight as f64 * noise / (rq.dur as f64).sqrt(), r)
        }));
        self.cand = cand;
        keyed.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(Ordering::Equal));
        for &(_, r) in keyed.iter() {
            if self.st.is_scheduled(r) || p.starts(r).is_empty() {
                continue;
            }
            let opt = if self.rng.below(1000) < self.random_permille {
                let rng = &mut self.rng;
                random_free_option(&self.st, r, &mut |n| rng.below(n))
            } else {
                best_free_option(&self.st, r, self.prices.as_deref())
            };
            if let Some((t, c)) = opt {
                self.do_place(r, t, c);
            }
        }
        self.cand.clear();
        let after = Self::score_of(&self.st, self.fairness);
        let unchanged = self
            .journal
            .iter()
            .all(|&(r, old)| old != u32::MAX && self.st.at[r as usize] == old);
        let keep =
            !unchanged && (after >= before || before.0.saturating_sub(after.0).max(1) <= slack);
        if !keep {
            self.rollback();
        }
        self.journal.clear();
        keep
    }
}

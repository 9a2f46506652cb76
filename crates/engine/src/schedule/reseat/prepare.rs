//! Setting up the search of a re-seating: the sub-problem's meetings freed (people's busy slots
//! and class loads without them) and each one's options listed, as slot masks and as allowed
//! starts per class.

use super::Reseat;
use crate::schedule::problem::NONE;
use crate::schedule::search::Rng;
use crate::schedule::state::{State, pack, unpack};

#[inline]
fn span(t: u32, d: u32) -> u64 {
    let ones = if d >= 64 { u64::MAX } else { (1u64 << d) - 1 };
    ones << t
}

impl Reseat {
    /// Frees the sub-problem's meetings (busy slots and class loads without them) and lists
    /// each one's options, its current one first.
    pub(super) fn prepare(&mut self, st: &State, drops: &[u32], rng: &mut Rng) {
        let p = st.problem;
        let s = p.s;
        for (c, class) in p.classes.iter().enumerate() {
            for x in 0..s {
                self.room[c * s + x] =
                    class.size() as i32 - st.class_load(c as u32, x as u32) as i32;
            }
        }
        for &m in &self.people {
            let row = &st.pocc[m as usize * s..(m as usize + 1) * s];
            let mut mask = 0u64;
            for (x, &q) in row.iter().enumerate() {
                if q != NONE && self.in_sub[q as usize] != self.call {
                    mask |= 1 << x;
                }
            }
            self.busy[m as usize] = mask;
        }
        for &r in drops.iter().chain(&self.vars) {
            if st.is_scheduled(r) {
                let (t, c) = unpack(st.at[r as usize]);
                for x in t..t + p.reqs[r as usize].dur {
                    self.room[c as usize * s + x as usize] += 1;
                }
            }
        }
        for c in 0..p.classes.len() {
            self.full[c] = (0..s)
                .filter(|&x| self.room[c * s + x] <= 0)
                .fold(0, |m, x| m | 1 << x);
        }
        self.opts.clear();
        self.masks.clear();
        self.opt_off.clear();
        self.class_starts.clear();
        self.class_off.clear();
        self.durs.clear();
        self.choice.clear();
        for v in 0..self.vars.len() {
            let r = self.vars[v];
            let d = p.reqs[r as usize].dur;
            self.opt_off.push(self.opts.len() as u32);
            self.choice.push(NONE);
            let a = st.at[r as usize];
            if a != NONE {
                self.opts.push(unpack(a));
            }
            let first = self.opts.len();
            for &t in p.starts(r) {
                let t = u32::from(t);
                for &c in p.classes_of(r) {
                    if p.class_open(c, t, d) && (a == NONE || pack(t, c) != a) {
                        self.opts.push((t, c));
                    }
                }
            }
            let n = self.opts.len() - first;
            if n > 1 {
                self.opts[first..].rotate_left(rng.below(n));
            }
            for &(t, _) in &self.opts[self.masks.len()..] {
                self.masks.push(span(t, d));
            }
            self.class_off.push(self.class_starts.len() as u32);
            self.durs.push(d);
            let from = self.class_starts.len();
            for &(t, c) in &self.opts[self.opt_off[v] as usize..] {
                match self.class_starts[from..].iter_mut().find(|cs| cs.0 == c) {
                    Some(cs) => cs.1 |= 1 << t,
                    None => self.class_starts.push((c, 1 << t)),
                }
            }
        }
        self.opt_off.push(self.opts.len() as u32);
        self.class_off.push(self.class_starts.len() as u32);
    }
}

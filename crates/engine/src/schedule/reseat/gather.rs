//! Choosing the sub-problem of a re-seating: the meetings to add, those freed beside them, and
//! the movable meetings within two hops of their people, as long as there are few enough.

use super::Reseat;
use crate::schedule::search::Rng;
use crate::schedule::state::State;

impl Reseat {
    /// Chooses the sub-problem: `adds`, then the movable meetings of their people, then of
    /// the people those meet, breadth first from a random place in each person's list.
    /// `drops` are marked as in it but not listed: they are neither kept nor placed.
    pub(super) fn gather(&mut self, st: &State, adds: &[u32], drops: &[u32], rng: &mut Rng) {
        let p = st.problem;
        self.vars.clear();
        self.people.clear();
        for &d in drops {
            self.in_sub[d as usize] = self.call;
        }
        for &a in adds {
            self.vars.push(a);
            self.in_sub[a as usize] = self.call;
            for &m in p.members(a) {
                self.reach(m);
            }
        }
        let near = std::mem::take(&mut self.near);
        for &q in &near {
            if self.in_sub[q as usize] != self.call
                && st.is_scheduled(q)
                && p.reqs[q as usize].fixed.is_none()
            {
                self.in_sub[q as usize] = self.call;
                self.vars.push(q);
                for &m in p.members(q) {
                    self.reach(m);
                }
            }
        }
        self.near = near;
        let mut next = 0;
        let mut hops_end = self.people.len();
        let mut hop = 0;
        while next < self.people.len() && self.complete {
            if next == hops_end {
                hop += 1;
                hops_end = self.people.len();
            }
            let m = self.people[next] as usize;
            next += 1;
            let list = &p.person_reqs[m];
            if list.is_empty() {
                continue;
            }
            let from = rng.below(list.len());
            for i in 0..list.len() {
                let r = list[(from + i) % list.len()];
                if self.in_sub[r as usize] == self.call
                    || !st.is_scheduled(r)
                    || p.reqs[r as usize].fixed.is_some()
                {
                    continue;
                }
                self.in_sub[r as usize] = self.call;
                self.vars.push(r);
                if hop < 1 {
                    for &q in p.members(r) {
                        self.reach(q);
                    }
                }
                if self.vars.len() - adds.len() > self.max_meetings {
                    self.complete = false;
                    break;
                }
            }
        }
        if !self.complete {
            return;
        }
        // Everyone whose busy slots matter: the members of every meeting in the sub-problem.
        for v in 0..self.vars.len() {
            for &m in p.members(self.vars[v]) {
                self.reach(m);
            }
        }
    }

    fn reach(&mut self, m: u32) {
        if self.seen[m as usize] != self.call {
            self.seen[m as usize] = self.call;
            self.people.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::testkit::one_table;

    #[test]
    fn tries_nothing_around_too_many_meetings() {
        let p = one_table(
            2,
            serde_json::json!([
                {"id": "r0", "participants": ["a", "b"], "weight": 1},
                {"id": "r1", "participants": ["a", "c"], "weight": 1}
            ]),
        );
        let mut st = State::new(&p);
        st.place(0, 0, 0);
        let mut rs = Reseat {
            max_meetings: 0,
            ..Reseat::default()
        };
        assert_eq!(rs.insert(&st, 1, &mut Rng::new(1)), None);
        assert!(
            rs.settled(),
            "too many meetings around: not worth another try"
        );
        rs.max_meetings = 1;
        assert!(rs.insert(&st, 1, &mut Rng::new(1)).is_some());
    }
}

//! An index-based view of an [`Instance`] for the solver: people, spots and requests become
//! integers, availability becomes per-slot flags, and spots are grouped into *classes*.
//!
//! Spots with the same virtual-ness, capacity and availability are interchangeable. Meetings
//! are intervals, and interval graphs are perfect, so "at most `n_c` meetings of class `c`
//! overlap any slot" is exactly the condition for a concrete spot assignment to exist
//! (see [`super::spots`]). The solver therefore counts per class and slot, never per spot.
//! A spot that a fixed request pins gets a class of its own, so the pin is kept.

use std::collections::HashMap;

use super::model::{Instance, Mode};
use super::state::State;

/// "No request" / "not scheduled" marker in index arrays.
pub const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub struct Class {
    pub is_virtual: bool,
    pub capacity: u32,
    /// `avail[s]`: every spot of the class is open at slot `s`.
    pub avail: Vec<bool>,
    /// Spot indices (into `Instance::spots`) of this class.
    pub spots: Vec<u32>,
}

impl Class {
    pub fn size(&self) -> u32 {
        self.spots.len() as u32
    }
}

#[derive(Debug, Clone)]
pub struct Req {
    pub dur: u32,
    pub weight: u32,
    /// Index into [`Problem::groups`]: the classes this request may use.
    pub group: u32,
    /// The fixed start and, when pinned, the fixed class.
    pub fixed: Option<(u32, Option<u32>)>,
}

#[derive(Debug, Clone)]
pub struct Problem {
    /// Number of slots.
    pub s: usize,
    pub n_people: usize,
    /// Per person: `max_meetings`, or `u32::MAX` when absent.
    pub pcap: Vec<u32>,
    pub classes: Vec<Class>,
    pub reqs: Vec<Req>,
    members: Vec<u32>,
    members_off: Vec<u32>,
    starts: Vec<u16>,
    starts_off: Vec<u32>,
    /// Compatible classes per (mode, size), smallest capacity first.
    pub groups: Vec<Vec<u32>>,
    /// Requests each person takes part in.
    pub person_reqs: Vec<Vec<u32>>,
    /// Requests that can use each class at some start.
    pub class_reqs: Vec<Vec<u32>>,
}

fn mask(intervals: Option<&Vec<[u32; 2]>>, s: usize) -> Vec<bool> {
    match intervals {
        None => vec![true; s],
        Some(ivs) => {
            let mut m = vec![false; s];
            for iv in ivs {
                for x in m
                    .iter_mut()
                    .take((iv[1] as usize).min(s))
                    .skip(iv[0] as usize)
                {
                    *x = true;
                }
            }
            m
        }
    }
}

impl Problem {
    /// Builds the view. The instance must have passed [`super::model::check_instance`]'s id checks.
    pub fn new(inst: &Instance) -> Problem {
        let s = inst.horizon.num_slots as usize;
        let days = match &inst.horizon.days {
            Some(d) if !d.is_empty() => d.clone(),
            _ => vec![[0, s as u32]],
        };
        let mut day_of = vec![u32::MAX; s];
        for (d, iv) in days.iter().enumerate() {
            for x in day_of
                .iter_mut()
                .take((iv[1] as usize).min(s))
                .skip(iv[0] as usize)
            {
                *x = d as u32;
            }
        }
        let pidx: HashMap<&str, u32> = inst
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let sidx: HashMap<&str, u32> = inst
            .spots
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let pavail: Vec<Vec<bool>> = inst
            .people
            .iter()
            .map(|p| mask(p.available.as_ref(), s))
            .collect();
        let pcap = inst
            .people
            .iter()
            .map(|p| p.max_meetings.unwrap_or(u32::MAX))
            .collect();

        // Spot classes; a pinned spot is a class of its own.
        let mut pinned = vec![false; inst.spots.len()];
        for r in &inst.requests {
            if let Some(f) = &r.fixed
                && let Some(sp) = &f.spot
            {
                pinned[sidx[sp.as_str()] as usize] = true;
            }
        }
        let mut key_to_class: HashMap<(bool, u32, Vec<bool>, u32), u32> = HashMap::new();
        let mut classes: Vec<Class> = Vec::new();
        let mut class_of_spot = Vec::with_capacity(inst.spots.len());
        for (i, sp) in inst.spots.iter().enumerate() {
            let avail = mask(sp.available.as_ref(), s);
            let tag = if pinned[i] { i as u32 } else { u32::MAX };
            let key = (sp.is_virtual(), sp.capacity, avail.clone(), tag);
            let c = *key_to_class.entry(key).or_insert_with(|| {
                classes.push(Class {
                    is_virtual: sp.is_virtual(),
                    capacity: sp.capacity,
                    avail,
                    spots: Vec::new(),
                });
                (classes.len() - 1) as u32
            });
            classes[c as usize].spots.push(i as u32);
            class_of_spot.push(c);
        }

        let mut group_of: HashMap<(Mode, usize), u32> = HashMap::new();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut reqs = Vec::with_capacity(inst.requests.len());
        let mut members = Vec::new();
        let mut members_off = vec![0u32];
        let mut starts = Vec::new();
        let mut starts_off = vec![0u32];
        let mut person_reqs = vec![Vec::new(); inst.people.len()];
        for (ri, r) in inst.requests.iter().enumerate() {
            let size = r.participants.len();
            let g = *group_of.entry((r.mode, size)).or_insert_with(|| {
                let mut cs: Vec<u32> = (0..classes.len() as u32)
                    .filter(|&c| {
                        let cl = &classes[c as usize];
                        cl.capacity as usize >= size && r.mode.fits(cl.is_virtual)
                    })
                    .collect();
                cs.sort_by_key(|&c| (classes[c as usize].capacity, c));
                groups.push(cs);
                (groups.len() - 1) as u32
            });
            let mem: Vec<u32> = r.participants.iter().map(|p| pidx[p.as_str()]).collect();
            for &p in &mem {
                person_reqs[p as usize].push(ri as u32);
            }
            let d = r.duration as usize;
            let (w0, w1) = match r.window {
                Some(w) => (w[0] as usize, w[1] as usize),
                None => (0, s),
            };
            for t in 0..s {
                if t + d > s || t < w0 || t + d > w1 {
                    continue;
                }
                let day = day_of[t];
                if day == u32::MAX || (t..t + d).any(|x| day_of[x] != day) {
                    continue;
                }
                if !mem
                    .iter()
                    .all(|&p| pavail[p as usize][t..t + d].iter().all(|&a| a))
                {
                    continue;
                }
                let any_class = groups[g as usize]
                    .iter()
                    .any(|&c| classes[c as usize].avail[t..t + d].iter().all(|&a| a));
                if any_class {
                    starts.push(t as u16);
                }
            }
            starts_off.push(starts.len() as u32);
            members.extend_from_slice(&mem);
            members_off.push(members.len() as u32);
            reqs.push(Req {
                dur: r.duration,
                weight: r.weight,
                group: g,
                fixed: r.fixed.as_ref().map(|f| {
                    (
                        f.start,
                        f.spot
                            .as_ref()
                            .map(|sp| class_of_spot[sidx[sp.as_str()] as usize]),
                    )
                }),
            });
        }
        // Which kind of spot is scarcer: demand (slots of requests that can use the kind,
        // "any" counted half on each side) over supply (spot-slots). Requests that may use
        // both kinds try the less pressed kind first; within a kind, the smallest capacity.
        let mut demand = [0f64; 2];
        let mut supply = [0f64; 2];
        for (ri, r) in inst.requests.iter().enumerate() {
            if starts_off[ri] == starts_off[ri + 1] {
                continue;
            }
            let d = r.duration as f64;
            match r.mode {
                Mode::InPerson => demand[0] += d,
                Mode::Virtual => demand[1] += d,
                Mode::Any => {
                    demand[0] += d / 2.0;
                    demand[1] += d / 2.0;
                }
            }
        }
        for cl in &classes {
            let open = cl.avail.iter().filter(|&&a| a).count() as f64;
            supply[usize::from(cl.is_virtual)] += open * cl.size() as f64;
        }
        let pressure = |k: usize| demand[k] / supply[k].max(1e-9);
        let first_kind_virtual = pressure(1) < pressure(0);
        for g in &mut groups {
            g.sort_by_key(|&c| {
                let cl = &classes[c as usize];
                (cl.is_virtual != first_kind_virtual, cl.capacity, c)
            });
        }
        let mut class_reqs = vec![Vec::new(); classes.len()];
        for (ri, rq) in reqs.iter().enumerate() {
            let st = &starts[starts_off[ri] as usize..starts_off[ri + 1] as usize];
            for &c in &groups[rq.group as usize] {
                let av = &classes[c as usize].avail;
                if st.iter().any(|&t| {
                    av[t as usize..(t as u32 + rq.dur) as usize]
                        .iter()
                        .all(|&a| a)
                }) {
                    class_reqs[c as usize].push(ri as u32);
                }
            }
        }
        Problem {
            s,
            n_people: inst.people.len(),
            pcap,
            classes,
            reqs,
            members,
            members_off,
            starts,
            starts_off,
            groups,
            person_reqs,
            class_reqs,
        }
    }

    pub fn n_reqs(&self) -> usize {
        self.reqs.len()
    }

    #[inline]
    pub fn members(&self, r: u32) -> &[u32] {
        &self.members
            [self.members_off[r as usize] as usize..self.members_off[r as usize + 1] as usize]
    }

    /// Feasible starts of `r` ignoring other meetings (window, day, participants' availability,
    /// and some compatible class open for the whole meeting).
    #[inline]
    pub fn starts(&self, r: u32) -> &[u16] {
        &self.starts[self.starts_off[r as usize] as usize..self.starts_off[r as usize + 1] as usize]
    }

    /// Classes `r` may use (capacity and mode), smallest capacity first.
    #[inline]
    pub fn classes_of(&self, r: u32) -> &[u32] {
        &self.groups[self.reqs[r as usize].group as usize]
    }

    /// Whether class `c` is open for `r` starting at `t`.
    #[inline]
    pub fn class_open(&self, c: u32, t: u32, d: u32) -> bool {
        self.classes[c as usize].avail[t as usize..(t + d) as usize]
            .iter()
            .all(|&a| a)
    }

    /// Requests that carry `fixed`, pinned ones first.
    pub fn fixed_order(&self) -> Vec<u32> {
        let mut v: Vec<u32> = (0..self.n_reqs() as u32)
            .filter(|&r| self.reqs[r as usize].fixed.is_some())
            .collect();
        v.sort_by_key(|&r| (self.reqs[r as usize].fixed.unwrap().1.is_none(), r));
        v
    }

    /// Total weight of all requests (a trivial upper bound).
    pub fn total_weight(&self) -> u64 {
        self.reqs.iter().map(|r| r.weight as u64).sum()
    }

    /// Number of people who take part in at least one request.
    pub fn involved(&self) -> usize {
        self.person_reqs.iter().filter(|v| !v.is_empty()).count()
    }
}

/// Places every fixed request into an empty schedule. Returns the offending request index and a
/// message when that is impossible.
pub fn place_fixed(state: &mut State) -> Result<(), (usize, String)> {
    let p = state.problem;
    for r in p.fixed_order() {
        let (t, pin) = p.reqs[r as usize].fixed.unwrap();
        let d = p.reqs[r as usize].dur;
        if !p.starts(r).contains(&(t as u16)) {
            return Err((
                r as usize,
                format!(
                    "fixed start {t} violates the horizon, a day break, the window or a participant's availability"
                ),
            ));
        }
        let candidates: Vec<u32> = match pin {
            Some(c) => {
                if !p.classes_of(r).contains(&c) || !p.class_open(c, t, d) {
                    return Err((
                        r as usize,
                        "the fixed spot is too small, of the wrong kind or closed at that time"
                            .into(),
                    ));
                }
                vec![c]
            }
            None => p
                .classes_of(r)
                .iter()
                .copied()
                .filter(|&c| p.class_open(c, t, d))
                .collect(),
        };
        if candidates.is_empty() {
            return Err((
                r as usize,
                "no compatible spot is open at the fixed start".into(),
            ));
        }
        let Some(&c) = candidates.iter().find(|&&c| state.can_place(r, t, c)) else {
            return Err((
                r as usize,
                "conflicts with another fixed request (person or spot double-booked, or max_meetings exceeded)".into(),
            ));
        };
        state.place(r, t, c);
    }
    Ok(())
}

/// Checks that all fixed requests fit together (used when parsing).
pub fn check_fixed(inst: &Instance) -> Result<(), (usize, String)> {
    if inst.requests.iter().all(|r| r.fixed.is_none()) {
        return Ok(());
    }
    let p = Problem::new(inst);
    let mut st = State::new(&p);
    place_fixed(&mut st)
}

//! What the bound tells the search. At multipliers near the LP optimum, a request's best
//! reduced weight says whether it can pay for the time and room it takes: one whose best
//! option loses more than a fraction of a typical weight is, in almost every good schedule,
//! left out (and one that loses more than the gap between the bound and the best schedule
//! provably is). The search stops spending moves on inserting those. And the multipliers
//! themselves price each person's and class's slots: of the options where a meeting fits
//! freely, the search takes the cheapest.
//!
//! Where the multipliers tie, which is most places (a person's slot that nobody contends for
//! costs nothing), they cannot tell the options of a meeting apart. The steps of the bound can:
//! at each, the relaxation places every request it takes at its cheapest start, and the share
//! of steps in which it placed a request at each start estimates the LP solution (the average
//! of the relaxed choices approaches it as the multipliers do). Options the LP uses are then
//! a little cheaper ([`START_PULL`]).
//!
//! The bound publishes the reduced weights and multipliers at its best point here from time to
//! time, from its first phase on, with those shares; each search picks up the newest between
//! moves.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::problem::Problem;

/// A request is in focus when its best reduced weight is at least `-FOCUS` times the mean
/// weight.
const FOCUS: f64 = 0.12;

/// How much cheaper (in units of weight) a start is when the relaxation always placed the
/// request there. Nine generated 50-request instances at 1.66 ms, in-process runs of 200
/// each: 1,485–1,528 optimal runs of 1,800 against 1,377–1,416 without; 1.0 no better.
const START_PULL: f32 = 0.5;

/// One publication.
pub struct Prices {
    /// Per request: its best reduced weight (`-∞` for a request with no option).
    pub profit: Vec<f32>,
    /// Per person-slot, then per class-slot (as in [`super::bound`]): the multiplier.
    pub slot: Vec<f32>,
    /// Per request and start slot (`r * s + t`): the share of the bound's steps whose relaxed
    /// choice placed `r` at `t`; empty when unknown.
    pub start_share: Arc<Vec<f32>>,
}

impl Prices {
    /// What a meeting of `r` starting at `t` costs in its people's time, the same in every
    /// class. An option `(t, c)` costs this plus [`Prices::room`].
    pub fn people(&self, p: &Problem, r: u32, t: u32) -> f32 {
        let s = p.s;
        let d = p.reqs[r as usize].dur as usize;
        let t = t as usize;
        p.members(r)
            .iter()
            .map(|&m| {
                self.slot[m as usize * s + t..m as usize * s + t + d]
                    .iter()
                    .sum::<f32>()
            })
            .sum()
    }

    /// How much cheaper a meeting of `r` starting at `t` is for being where the LP puts it.
    pub fn pull(&self, p: &Problem, r: u32, t: u32) -> f32 {
        self.start_share
            .get(r as usize * p.s + t as usize)
            .map_or(0.0, |&x| START_PULL * x)
    }

    /// Per start of `r`: the share of the bound's steps whose relaxed choice placed it there,
    /// when known.
    pub fn start_shares(&self, p: &Problem, r: u32) -> Option<&[f32]> {
        self.start_share
            .get(r as usize * p.s..(r as usize + 1) * p.s)
    }

    /// What a meeting of `r` starting at `t` costs in class `c`'s room.
    pub fn room(&self, p: &Problem, r: u32, t: u32, c: u32) -> f32 {
        let s = p.s;
        let d = p.reqs[r as usize].dur as usize;
        let row = (p.n_people + c as usize) * s + t as usize;
        self.slot[row..row + d].iter().sum()
    }
}

#[derive(Default)]
pub struct PriceBoard {
    generation: AtomicU32,
    profits: Mutex<Option<Arc<Prices>>>,
}

impl PriceBoard {
    /// Publishes new prices, with new start shares or (`None`) those published last.
    pub fn publish(&self, profit: Vec<f32>, slot: Vec<f32>, start_share: Option<Vec<f32>>) {
        let mut latest = self.profits.lock().unwrap_or_else(PoisonError::into_inner);
        let start_share = match start_share {
            Some(shares) => Arc::new(shares),
            None => latest
                .as_ref()
                .map_or_else(Arc::default, |l| Arc::clone(&l.start_share)),
        };
        *latest = Some(Arc::new(Prices {
            profit,
            slot,
            start_share,
        }));
        self.generation.fetch_add(1, Ordering::Release);
    }

    /// Changes with every publication; 0 before the first.
    pub fn generation(&self) -> u32 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn latest(&self) -> Option<Arc<Prices>> {
        self.profits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Per request: whether the search should try to insert it.
pub fn focus(p: &Problem, profits: &[f32]) -> Vec<bool> {
    let mean = p.total_weight() as f64 / p.n_reqs().max(1) as f64;
    let floor = -(FOCUS * mean) as f32;
    profits.iter().map(|&v| v >= floor).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::model::parse_instance;

    #[test]
    fn focus_leaves_out_requests_that_lose_more_than_a_share_of_the_mean_weight() {
        let text = serde_json::json!({"format": "p2p-sched/1", "name": "focus",
        "horizon": {"num_slots": 2},
        "people": [{"id": "a"}, {"id": "b"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2}],
        "requests": [
            {"id": "r0", "participants": ["a", "b"], "weight": 4},
            {"id": "r1", "participants": ["a", "b"], "weight": 1},
            {"id": "r2", "participants": ["a", "b"], "weight": 1}
        ]})
        .to_string();
        let p = Problem::new(&parse_instance(&text).unwrap());
        // Mean weight 2: the floor is -0.24.
        let mask = focus(&p, &[0.5, -0.2, -0.3]);
        assert_eq!(mask, vec![true, true, false]);
        assert_eq!(focus(&p, &[f32::NEG_INFINITY; 3]), vec![false; 3]);
    }

    #[test]
    fn an_option_costs_its_peoples_slots_and_its_classs_slots() {
        let text = serde_json::json!({"format": "p2p-sched/1", "name": "price",
        "horizon": {"num_slots": 3},
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "spots": [{"id": "t", "kind": "table", "capacity": 2},
            {"id": "v", "kind": "virtual", "capacity": 2}],
        "requests": [{"id": "r0", "participants": ["a", "c"], "duration": 2, "mode": "any"}]})
        .to_string();
        let p = Problem::new(&parse_instance(&text).unwrap());
        // Person-slots a0 a1 a2 b0 b1 b2 c0 c1 c2, then class-slots (class 0, then 1).
        let slot: Vec<f32> = (0..15).map(|i| i as f32).collect();
        let prices = Prices {
            profit: vec![0.0],
            slot,
            start_share: Arc::new(vec![0.0, 0.25, 0.75]),
        };
        let class = p.classes_of(0)[0];
        assert_eq!(prices.people(&p, 0, 1), (1.0 + 2.0) + (7.0 + 8.0));
        assert_eq!(
            prices.room(&p, 0, 1, class),
            10.0 + 11.0 + 6.0 * class as f32
        );
        // Placed at start 2 in three steps of four, at start 1 in the other.
        assert_eq!(prices.pull(&p, 0, 2), START_PULL * 0.75);
        assert_eq!(prices.pull(&p, 0, 0), 0.0);
    }

    #[test]
    fn the_board_hands_out_the_newest_prices() {
        let board = PriceBoard::default();
        assert_eq!(board.generation(), 0);
        assert!(board.latest().is_none());
        board.publish(vec![1.0], vec![], Some(vec![0.5, 0.5]));
        board.publish(vec![2.0, 3.0], vec![0.5], None);
        assert_eq!(board.generation(), 2);
        let latest = board.latest().unwrap();
        assert_eq!(latest.profit, vec![2.0, 3.0]);
        assert_eq!(*latest.start_share, vec![0.5, 0.5], "shares kept");
        board.publish(vec![2.0, 3.0], vec![0.5], Some(vec![1.0, 0.0]));
        assert_eq!(*board.latest().unwrap().start_share, vec![1.0, 0.0]);
    }
}

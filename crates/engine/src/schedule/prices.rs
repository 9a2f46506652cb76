//! What the bound tells the search. At multipliers near the LP optimum, a request's best
//! reduced weight says whether it can pay for the time and room it takes: one whose best
//! option loses more than a fraction of a typical weight is, in almost every good schedule,
//! left out (and one that loses more than the gap between the bound and the best schedule
//! provably is). The search stops spending moves on inserting those.
//!
//! The bound publishes the reduced weights at its best multipliers here from time to time;
//! each search picks up the newest between moves.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::problem::Problem;

/// A request is in focus when its best reduced weight is at least `-FOCUS` times the mean
/// weight.
const FOCUS: f64 = 0.12;

#[derive(Default)]
pub struct PriceBoard {
    generation: AtomicU32,
    profits: Mutex<Option<Arc<Vec<f32>>>>,
}

impl PriceBoard {
    /// Publishes each request's best reduced weight (`-∞` for a request with no option).
    pub fn publish(&self, profits: Vec<f32>) {
        *self.profits.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(profits));
        self.generation.fetch_add(1, Ordering::Release);
    }

    /// Changes with every publication; 0 before the first.
    pub fn generation(&self) -> u32 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn latest(&self) -> Option<Arc<Vec<f32>>> {
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
    fn the_board_hands_out_the_newest_prices() {
        let board = PriceBoard::default();
        assert_eq!(board.generation(), 0);
        assert!(board.latest().is_none());
        board.publish(vec![1.0]);
        board.publish(vec![2.0, 3.0]);
        assert_eq!(board.generation(), 2);
        assert_eq!(*board.latest().unwrap(), vec![2.0, 3.0]);
    }
}

//! Fair exposure: hosts are recommended in proportion to their free capacity, rationed across
//! all members' lists.
//!
//! Every host gets an exposure budget, `slack × (list entries in the whole community) ×
//! capacity / Σ capacity`. The ledger counts how often each host has been shown. Online queries
//! multiply a host's score by `1 / (1 + fairness · overuse)` where `overuse = max(0, shown /
//! budget − 1)`; the batch allocation treats budgets as caps (see [`super::batch`]).

use super::index::Index;
use super::model::{MatchConfig, TopicKind};

/// Exposure budgets and counts per host (indexed by member index).
#[derive(Debug, Clone, Default)]
pub struct Exposure {
    pub shown: Vec<u32>,
    pub budget: Vec<f32>,
}

impl Exposure {
    /// Budgets for a community where every live member gets a list of `config.list_len`.
    pub fn for_index(index: &Index, config: &MatchConfig) -> Self {
        let slots = index.member_count() as f32 * config.list_len as f32;
        let mut capacity = vec![0u32; index.members.len()];
        for topic in index
            .topics
            .iter()
            .filter(|t| t.live && t.kind == TopicKind::Offer)
        {
            let c = &mut capacity[topic.host as usize];
            *c = (*c).max(topic.requests_left);
        }
        let total: f32 = capacity.iter().map(|&c| c as f32).sum::<f32>().max(1.0);
        let budget = capacity
            .iter()
            .map(|&c| config.exposure_slack * slots * c as f32 / total)
            .collect();
        Self {
            shown: vec![0; index.members.len()],
            budget,
        }
    }

    /// Score multiplier for a host given the exposure so far.
    pub fn factor(&self, host: u32, fairness: f32) -> f32 {
        let shown = self.shown.get(host as usize).copied().unwrap_or(0) as f32;
        let budget = self.budget.get(host as usize).copied().unwrap_or(0.0);
        if fairness <= 0.0 {
            return 1.0;
        }
        let overuse = if budget <= 0.0 {
            shown
        } else {
            (shown / budget - 1.0).max(0.0)
        };
        1.0 / (1.0 + fairness * overuse)
    }

    /// Whether the host still has budget for one more appearance.
    pub fn has_room(&self, host: u32) -> bool {
        let shown = self.shown.get(host as usize).copied().unwrap_or(0) as f32;
        shown + 1.0
            <= self
                .budget
                .get(host as usize)
                .copied()
                .unwrap_or(0.0)
                .ceil()
    }

    /// Counts one appearance of `host` in a list.
    pub fn record(&mut self, host: u32) {
        if self.shown.len() <= host as usize {
            self.shown.resize(host as usize + 1, 0);
        }
        self.shown[host as usize] += 1;
    }
}

/// Gini coefficient of non-negative values (0 = perfectly even).
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len();
    let total: f64 = values.iter().sum();
    if n == 0 || total <= 0.0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, v)| (2.0 * (i as f64 + 1.0) - n as f64 - 1.0) * v)
        .sum();
    weighted / (n as f64 * total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_is_zero_for_equal_and_high_for_concentrated() {
        assert_eq!(gini(&[2.0, 2.0, 2.0]), 0.0);
        assert!((gini(&[0.0, 0.0, 0.0, 4.0]) - 0.75).abs() < 1e-9);
        assert_eq!(gini(&[]), 0.0);
    }

    #[test]
    fn over_budget_hosts_are_pushed_down() {
        let mut exposure = Exposure {
            shown: vec![0, 0],
            budget: vec![2.0, 2.0],
        };
        assert_eq!(exposure.factor(0, 1.0), 1.0);
        for _ in 0..4 {
            exposure.record(0);
        }
        assert!(exposure.factor(0, 1.0) < exposure.factor(1, 1.0));
        assert!(!exposure.has_room(0));
        assert!(exposure.has_room(1));
        assert_eq!(exposure.factor(0, 0.0), 1.0);
    }
}

//! Pairs as scheduler requests (`p2p-sched/1`): a plain struct with the format's field names,
//! from which the scheduler's own types can be built.

use serde::{Deserialize, Serialize};

use super::model::SlotRange;
use super::pairing::PairingRound;

/// One request in `p2p-sched/1` terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedRequest {
    pub id: String,
    pub host: String,
    /// Host first, then the guest.
    pub participants: Vec<String>,
    /// In slots.
    pub duration: u32,
    /// 1..=5, from the pair's weight relative to the heaviest pair.
    pub weight: u32,
    /// "in_person" | "virtual" | "any".
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<SlotRange>,
}

/// Requests for the pairs of all rounds. `windows[r]`, when given, confines round `r` to a
/// slot range; meetings last 30 minutes.
pub fn pairs_to_requests(
    rounds: &[PairingRound],
    slot_minutes: u32,
    windows: Option<&[SlotRange]>,
) -> Vec<SchedRequest> {
    let heaviest = rounds
        .iter()
        .flat_map(|r| r.pairs.iter().map(|p| p.weight))
        .fold(0.0f32, f32::max);
    let duration = 30u32.div_ceil(slot_minutes.max(1));
    let mut out = Vec::new();
    for (r, round) in rounds.iter().enumerate() {
        for (i, pair) in round.pairs.iter().enumerate() {
            let share = if heaviest > 0.0 {
                pair.weight / heaviest
            } else {
                0.0
            };
            out.push(SchedRequest {
                id: format!("pair-r{r}-{i}"),
                host: pair.host.clone(),
                participants: vec![pair.host.clone(), pair.guest.clone()],
                duration,
                weight: 1 + (4.0 * share).round().clamp(0.0, 4.0) as u32,
                mode: "any".to_string(),
                window: windows.and_then(|w| w.get(r).copied()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::pairing::Pair;

    #[test]
    fn converts_pairs_with_weight_buckets_and_windows() {
        let pair = |host: &str, guest: &str, weight: f32| Pair {
            host: host.into(),
            guest: guest.into(),
            weight,
            guest_learns: 0.5,
            host_learns: 0.5,
            first_shared_slot: 0,
        };
        let rounds = vec![
            PairingRound {
                pairs: vec![pair("a", "b", 2.0), pair("c", "d", 0.5)],
                weight: 2.5,
                upper_bound: 3.0,
            },
            PairingRound {
                pairs: vec![pair("a", "c", 1.0)],
                weight: 1.0,
                upper_bound: 1.0,
            },
        ];
        let requests = pairs_to_requests(&rounds, 30, Some(&[(0, 8), (8, 16)]));
        assert_eq!(requests.len(), 3);
        assert_eq!(requests[0].participants, vec!["a", "b"]);
        assert_eq!(requests[0].weight, 5);
        assert_eq!(requests[1].weight, 2);
        assert_eq!(requests[2].window, Some((8, 16)));
        assert_eq!(requests[0].duration, 1);
        let json = serde_json::to_value(&requests[0]).expect("serialisable");
        assert_eq!(json["window"], serde_json::json!([0, 8]));
        assert_eq!(json["mode"], "any");
    }
}

//! Availability as bit sets over the horizon's slots.

use super::model::{Horizon, SlotRange};

/// Slot bit sets of a fixed width, stored flat for many owners.
#[derive(Debug, Clone)]
pub struct SlotSets {
    words: usize,
    bits: Vec<u64>,
}

impl SlotSets {
    pub fn new(num_slots: u32) -> Self {
        Self {
            words: (num_slots as usize).div_ceil(64).max(1),
            bits: Vec::new(),
        }
    }

    /// Stores the set for `owner` (growing the table as needed), clipped to the horizon days.
    pub fn set(&mut self, owner: usize, ranges: &[SlotRange], horizon: &Horizon) {
        let needed = (owner + 1) * self.words;
        if self.bits.len() < needed {
            self.bits.resize(needed, 0);
        }
        let row = &mut self.bits[owner * self.words..needed];
        row.fill(0);
        for &(start, end) in ranges {
            for day in &horizon.days {
                let lo = start.max(day.start_slot);
                let hi = end.min(day.end_slot);
                for slot in lo..hi {
                    row[slot as usize / 64] |= 1 << (slot % 64);
                }
            }
        }
    }

    pub fn row(&self, owner: usize) -> &[u64] {
        let start = owner * self.words;
        self.bits.get(start..start + self.words).unwrap_or(&[])
    }
}

/// First slot starting `need` consecutive slots free in both `a` and `b`, inside one day.
pub fn first_shared_run(a: &[u64], b: &[u64], need: u32, horizon: &Horizon) -> Option<u32> {
    let free = |slot: u32| {
        let w = slot as usize / 64;
        w < a.len() && w < b.len() && (a[w] & b[w]) >> (slot % 64) & 1 == 1
    };
    for day in &horizon.days {
        let mut run = 0;
        for slot in day.start_slot..day.end_slot {
            if free(slot) {
                run += 1;
                if run >= need.max(1) {
                    return Some(slot + 1 - need.max(1));
                }
            } else {
                run = 0;
            }
        }
    }
    None
}

/// Where days begin, for [`first_shared_run_in`]: one bit per slot that starts a day. `None`
/// when days are not in slot order or overlap (then [`first_shared_run`] applies).
pub fn day_starts(horizon: &Horizon) -> Option<Vec<u64>> {
    let words = (horizon.num_slots() as usize).div_ceil(64).max(1);
    let mut starts = vec![0u64; words];
    let mut end = 0;
    for day in &horizon.days {
        if day.start_slot < end || day.end_slot < day.start_slot {
            return None;
        }
        end = day.end_slot;
        if day.start_slot < day.end_slot {
            starts[day.start_slot as usize / 64] |= 1 << (day.start_slot % 64);
        }
    }
    Some(starts)
}

/// [`first_shared_run`], bit-parallel: the same answer for rows clipped to the horizon's days
/// (as [`SlotSets::set`] stores them) when `starts` comes from [`day_starts`].
pub fn first_shared_run_in(a: &[u64], b: &[u64], need: u32, starts: &[u64]) -> Option<u32> {
    let need = need.max(1);
    if need > 64 {
        return long_run(a, b, need, starts);
    }
    let words = a.len().min(b.len()).min(starts.len());
    // Free in both and not the first slot of a day: a run may continue into such a slot.
    let goes_on = |w: usize| {
        if w < words {
            a[w] & b[w] & !starts[w]
        } else {
            0
        }
    };
    for w in 0..words {
        let mut run = a[w] & b[w];
        if run == 0 {
            continue;
        }
        let (here, next) = (goes_on(w), goes_on(w + 1));
        for k in 1..need {
            // Bit s of the shifted word: slot s + k continues the run.
            run &= (here >> k) | (next << (64 - k));
            if run == 0 {
                break;
            }
        }
        if run != 0 {
            return Some(w as u32 * 64 + run.trailing_zeros());
        }
    }
    None
}

/// Runs longer than a word, slot by slot (rare: a meeting longer than 64 slots).
fn long_run(a: &[u64], b: &[u64], need: u32, starts: &[u64]) -> Option<u32> {
    let bit = |row: &[u64], slot: u32| {
        row.get(slot as usize / 64)
            .is_some_and(|w| w >> (slot % 64) & 1 == 1)
    };
    let slots = a.len().min(b.len()) as u32 * 64;
    let mut run = 0;
    for slot in 0..slots {
        let free = bit(a, slot) && bit(b, slot);
        run = if !free {
            0
        } else if bit(starts, slot) {
            1
        } else {
            run + 1
        };
        if run >= need {
            return Some(slot + 1 - need);
        }
    }
    None
}

/// Number of slots free in both.
pub fn shared_slots(a: &[u64], b: &[u64]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn bit_parallel_runs_match_slot_by_slot(
            days in prop::collection::vec((0u32..3, 1u32..90), 1..5),
            a in prop::collection::vec((0u32..300, 0u32..40), 0..6),
            b in prop::collection::vec((0u32..300, 0u32..40), 0..6),
            need in prop_oneof![1u32..6, 60u32..70],
        ) {
            let mut start = 0;
            let horizon = Horizon {
                slot_minutes: 30,
                days: days
                    .iter()
                    .map(|&(gap, len)| {
                        start += gap;
                        let day = super::super::model::Day {
                            label: "D".into(),
                            start_slot: start,
                            end_slot: start + len,
                            first_minute: 0,
                        };
                        start += len;
                        day
                    })
                    .collect(),
            };
            let ranges = |r: &[(u32, u32)]| r.iter().map(|&(s, l)| (s, s + l)).collect::<Vec<_>>();
            let mut sets = SlotSets::new(horizon.num_slots());
            sets.set(0, &ranges(&a), &horizon);
            sets.set(1, &ranges(&b), &horizon);
            let starts = day_starts(&horizon).expect("days in order");
            prop_assert_eq!(
                first_shared_run_in(sets.row(0), sets.row(1), need, &starts),
                first_shared_run(sets.row(0), sets.row(1), need, &horizon)
            );
        }
    }

    #[test]
    fn finds_a_shared_run_within_one_day() {
        let horizon = Horizon {
            slot_minutes: 30,
            days: vec![
                super::super::model::Day {
                    label: "Mon".into(),
                    start_slot: 0,
                    end_slot: 8,
                    first_minute: 540,
                },
                super::super::model::Day {
                    label: "Tue".into(),
                    start_slot: 8,
                    end_slot: 16,
                    first_minute: 540,
                },
            ],
        };
        let mut sets = SlotSets::new(16);
        sets.set(0, &[(5, 10)], &horizon);
        sets.set(1, &[(0, 16)], &horizon);
        assert_eq!(
            first_shared_run(sets.row(0), sets.row(1), 1, &horizon),
            Some(5)
        );
        // Two slots: 7 and 8 cross the day boundary, so the first run is 8..10.
        sets.set(0, &[(7, 10)], &horizon);
        assert_eq!(
            first_shared_run(sets.row(0), sets.row(1), 2, &horizon),
            Some(8)
        );
        assert_eq!(shared_slots(sets.row(0), sets.row(1)), 3);
        let starts = day_starts(&horizon).expect("days in order");
        for need in 1..4 {
            assert_eq!(
                first_shared_run_in(sets.row(0), sets.row(1), need, &starts),
                first_shared_run(sets.row(0), sets.row(1), need, &horizon),
            );
        }
        sets.set(2, &[], &horizon);
        assert_eq!(
            first_shared_run(sets.row(0), sets.row(2), 1, &horizon),
            None
        );
    }
}

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

/// Number of slots free in both.
pub fn shared_slots(a: &[u64], b: &[u64]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        sets.set(2, &[], &horizon);
        assert_eq!(
            first_shared_run(sets.row(0), sets.row(2), 1, &horizon),
            None
        );
    }
}

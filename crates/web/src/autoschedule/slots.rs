//! The community's calendar as the engine sees it: half-hour slots from now on, grouped into
//! days, and runs of free slots as slot intervals.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::TimeRange;
use peerlearn_engine::schedule::{Horizon, Interval};
use peerlearn_store::Community;

/// How long one slot lasts.
pub const SLOT_MINUTES: i64 = 30;

/// The half-hour slots of the community's days that start after `now`.
pub struct Slots {
    /// When each slot starts, in order.
    starts: Vec<DateTime<Utc>>,
    /// Each day's slots, as a slot interval.
    days: Vec<Interval>,
}

impl Slots {
    pub fn after(community: &Community, now: DateTime<Utc>) -> Self {
        let mut starts = Vec::new();
        let mut days = Vec::new();
        for (_, day) in community.calendar.slots_after(now, SLOT_MINUTES) {
            let first = starts.len();
            starts.extend(day);
            days.push([index(first), index(starts.len())]);
        }
        Self { starts, days }
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// When slot `slot` starts.
    pub fn start(&self, slot: u32) -> DateTime<Utc> {
        self.starts[slot as usize]
    }

    /// Every slot, as one interval.
    pub fn all(&self) -> Interval {
        [0, index(self.starts.len())]
    }

    pub fn horizon(&self) -> Horizon {
        Horizon {
            slot_minutes: Some(SLOT_MINUTES as u32),
            num_slots: index(self.starts.len()),
            days: Some(self.days.clone()),
        }
    }

    /// The runs of slots whose time `free` accepts.
    pub fn free_runs(&self, free: impl Fn(&TimeRange) -> bool) -> Vec<Interval> {
        runs(self.starts.len(), |s| {
            let start = self.starts[s];
            TimeRange::new(start, start + Duration::minutes(SLOT_MINUTES))
                .is_ok_and(|slot| free(&slot))
        })
    }
}

/// A slot index as the engine counts them (the engine takes at most 32,768 slots, and says so
/// when given more).
fn index(slot: usize) -> u32 {
    u32::try_from(slot).unwrap_or(u32::MAX)
}

/// Runs of slot indices for which `free(slot)` holds, as half-open `[a, b)` intervals.
fn runs(count: usize, free: impl Fn(usize) -> bool) -> Vec<Interval> {
    let mut out: Vec<Interval> = Vec::new();
    for s in 0..count {
        if free(s) {
            let s = index(s);
            match out.last_mut() {
                Some(r) if r[1] == s => r[1] = s + 1,
                _ => out.push([s, s + 1]),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_slots() {
        assert_eq!(runs(6, |s| s != 2), vec![[0, 2], [3, 6]]);
        assert!(runs(3, |_| false).is_empty());
    }
}

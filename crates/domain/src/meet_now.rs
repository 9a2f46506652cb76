//! "Meet now": how long a member says they are free, and the times of the meetings proposed
//! to free members.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::error::Invalid;
use crate::time_range::TimeRange;

/// A member can say they are free for this many minutes at least…
pub const FREE_MIN_MINUTES: i64 = 15;
/// …and at most.
pub const FREE_MAX_MINUTES: i64 = 45;
/// A proposed meeting starts this many minutes after it is proposed (time to walk over).
pub const LEAD_MINUTES: i64 = 5;
/// A proposed meeting lasts at most this long…
pub const MEETING_MAX_MINUTES: i64 = 30;
/// …and at least this long (shorter windows are not paired).
pub const MEETING_MIN_MINUTES: i64 = 10;
/// A member whose one-on-one partner has not checked in this many minutes after the start is
/// offered another free member instead (re-pairing the stood-up).
pub const REPAIR_AFTER_MINUTES: i64 = 5;

/// How long a member is free from now: 15 to 45 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeFor(i64);

impl FreeFor {
    pub fn parse(field: &str, minutes: i64) -> Result<Self, Invalid> {
        if (FREE_MIN_MINUTES..=FREE_MAX_MINUTES).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(Invalid::new(field, "invalid-free-minutes")
                .arg("min", FREE_MIN_MINUTES)
                .arg("max", FREE_MAX_MINUTES))
        }
    }

    pub fn minutes(self) -> i64 {
        self.0
    }

    /// The window from `now` (whole minutes).
    pub fn window(self, now: DateTime<Utc>) -> TimeRange {
        let start = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
        TimeRange::new(start, start + Duration::minutes(self.0))
            .unwrap_or_else(|_| unreachable!("a positive number of minutes is a non-empty range"))
    }
}

/// The meeting proposed at `now` to two members free until `until_a` and `until_b`: it starts
/// [`LEAD_MINUTES`] from now (on the minute) and lasts until the first of them is no longer
/// free, at most [`MEETING_MAX_MINUTES`]; `None` when that leaves less than
/// [`MEETING_MIN_MINUTES`].
pub fn proposed_time(
    now: DateTime<Utc>,
    until_a: DateTime<Utc>,
    until_b: DateTime<Utc>,
) -> Option<TimeRange> {
    let start = (now + Duration::minutes(LEAD_MINUTES))
        .duration_trunc(Duration::minutes(1))
        .ok()?;
    let end = until_a
        .min(until_b)
        .min(start + Duration::minutes(MEETING_MAX_MINUTES));
    if end - start < Duration::minutes(MEETING_MIN_MINUTES) {
        return None;
    }
    TimeRange::new(start, end).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn free_for_fifteen_to_forty_five_minutes() {
        assert!(FreeFor::parse("minutes", 14).is_err());
        assert!(FreeFor::parse("minutes", 46).is_err());
        assert_eq!(FreeFor::parse("minutes", 30).unwrap().minutes(), 30);
    }

    #[test]
    fn a_proposal_starts_after_the_lead_and_ends_when_the_first_must_go() {
        let now = Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 30).unwrap();
        let t = proposed_time(
            now,
            now + Duration::minutes(20),
            now + Duration::minutes(45),
        )
        .unwrap();
        assert_eq!(
            t.start(),
            Utc.with_ymd_and_hms(2026, 5, 4, 10, 5, 0).unwrap()
        );
        assert_eq!(t.end(), now + Duration::minutes(20));
        let long = proposed_time(now, now + Duration::hours(2), now + Duration::hours(2)).unwrap();
        assert_eq!(
            long.end() - long.start(),
            Duration::minutes(MEETING_MAX_MINUTES)
        );
        assert!(
            proposed_time(now, now + Duration::minutes(12), now + Duration::hours(1)).is_none()
        );
    }
}

//! A half-open time range `[start, end)`.

use chrono::{DateTime, Utc};

use crate::error::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TimeRange {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, Invalid> {
        if end <= start {
            return Err(Invalid::new("end", "invalid-ends-before-it-starts"));
        }
        Ok(Self { start, end })
    }

    /// Parses RFC 3339 instants with an offset (`2026-05-12T10:30:00Z`).
    pub fn parse(field: &str, start: &str, end: &str) -> Result<Self, Invalid> {
        let parse = |raw: &str| {
            DateTime::parse_from_rfc3339(raw.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| Invalid::new(field, "invalid-instant").arg("value", raw.trim()))
        };
        Self::new(parse(start)?, parse(end)?).map_err(|e| e.for_field(field))
    }

    /// From Unix seconds, as stored.
    pub fn from_unix(start: i64, end: i64) -> Option<Self> {
        let start = DateTime::from_timestamp(start, 0)?;
        let end = DateTime::from_timestamp(end, 0)?;
        Self::new(start, end).ok()
    }

    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    pub fn overlaps(&self, other: &TimeRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &TimeRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// Sorts and merges overlapping or touching ranges.
    pub fn merge(mut ranges: Vec<TimeRange>) -> Vec<TimeRange> {
        ranges.sort();
        let mut out: Vec<TimeRange> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }
}

/// The first `limit` slots of `minutes` length, starting on `step`-minute boundaries after
/// `after`, that lie inside both `a` and `b` (each merged) and overlap none of `busy`.
pub fn common_free_slots(
    a: &[TimeRange],
    b: &[TimeRange],
    busy: &[TimeRange],
    minutes: i64,
    step: i64,
    after: DateTime<Utc>,
    limit: usize,
) -> Vec<TimeRange> {
    let mut out = Vec::new();
    let length = chrono::Duration::minutes(minutes);
    for x in TimeRange::merge(a.to_vec()) {
        for y in TimeRange::merge(b.to_vec()) {
            let (start, end) = (x.start.max(y.start), x.end.min(y.end));
            if end <= start {
                continue;
            }
            // Round up to the next step boundary.
            let secs = start.timestamp();
            let step_secs = step.max(1) * 60;
            let first = secs + (step_secs - secs.rem_euclid(step_secs)) % step_secs;
            let mut t = DateTime::from_timestamp(first, 0).unwrap_or(start);
            while t + length <= end {
                if let Ok(slot) = TimeRange::new(t, t + length)
                    && t > after
                    && !busy.iter().any(|b| b.overlaps(&slot))
                {
                    out.push(slot);
                }
                t += chrono::Duration::minutes(step.max(1));
            }
        }
    }
    out.sort();
    out.dedup();
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(a: i64, b: i64) -> TimeRange {
        TimeRange::from_unix(a, b).unwrap()
    }

    #[test]
    fn empty_and_inverted_ranges_are_rejected() {
        assert!(TimeRange::from_unix(10, 10).is_none());
        assert!(TimeRange::parse("w", "2026-05-12T10:00:00Z", "2026-05-12T09:00:00Z").is_err());
        assert!(TimeRange::parse("w", "tomorrow", "2026-05-12T09:00:00Z").is_err());
        assert_eq!(
            TimeRange::parse("w", "2026-05-12T10:00:00+01:00", "2026-05-12T10:30:00Z")
                .unwrap()
                .minutes(),
            90
        );
    }

    #[test]
    fn half_open_ranges_touching_do_not_overlap() {
        assert!(!r(0, 10).overlaps(&r(10, 20)));
        assert!(r(0, 11).overlaps(&r(10, 20)));
    }

    #[test]
    fn common_slots_respect_both_windows_and_busy_times() {
        let a = [r(0, 7200)];
        let b = [r(1800, 9000)];
        let busy = [r(3600, 5400)];
        let slots = common_free_slots(
            &a,
            &b,
            &busy,
            30,
            30,
            DateTime::from_timestamp(0, 0).unwrap(),
            10,
        );
        let starts: Vec<i64> = slots.iter().map(|s| s.start().timestamp()).collect();
        assert_eq!(starts, [1800, 5400]);
        let none = common_free_slots(
            &a,
            &[r(7000, 9000)],
            &[],
            30,
            30,
            DateTime::from_timestamp(0, 0).unwrap(),
            10,
        );
        assert!(none.is_empty());
    }

    proptest! {
        #[test]
        fn common_slots_are_inside_both_and_clear_of_busy(
            a in proptest::collection::vec((0i64..20, 1i64..8), 1..4),
            b in proptest::collection::vec((0i64..20, 1i64..8), 1..4),
            busy in proptest::collection::vec((0i64..20, 1i64..4), 0..3),
        ) {
            let to = |v: &Vec<(i64, i64)>| v.iter().map(|(s, d)| r(s * 1800, (s + d) * 1800)).collect::<Vec<_>>();
            let (a, b, busy) = (to(&a), to(&b), to(&busy));
            let slots = common_free_slots(&a, &b, &busy, 30, 30, DateTime::from_timestamp(-1, 0).unwrap(), 100);
            for s in &slots {
                prop_assert!(a.iter().any(|x| x.contains(s)) || TimeRange::merge(a.clone()).iter().any(|x| x.contains(s)));
                prop_assert!(TimeRange::merge(b.clone()).iter().any(|x| x.contains(s)));
                prop_assert!(!busy.iter().any(|x| x.overlaps(s)));
            }
        }

        #[test]
        fn merged_ranges_are_disjoint_and_cover_the_same_instants(
            raw in proptest::collection::vec((0i64..1000, 1i64..100), 0..20)
        ) {
            let ranges: Vec<TimeRange> = raw.iter().map(|(s, d)| r(*s, s + d)).collect();
            let merged = TimeRange::merge(ranges.clone());
            for w in merged.windows(2) {
                prop_assert!(w[0].end() < w[1].start());
            }
            for t in 0..1100i64 {
                let probe = r(t, t + 1);
                let before = ranges.iter().any(|x| x.contains(&probe));
                let after = merged.iter().any(|x| x.contains(&probe));
                prop_assert_eq!(before, after);
            }
        }
    }
}

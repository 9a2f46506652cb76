//! Keyed token buckets in memory: each key holds up to `capacity` tokens and earns one back
//! every `refill`, so a budget spent comes back with time instead of staying locked. Time is
//! the app's clock, so tests move it instead of sleeping.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Past this many keys, full buckets (nothing spent) are forgotten.
const PRUNE_AT: usize = 10_000;

#[derive(Debug)]
pub struct Buckets<K> {
    capacity: f64,
    /// Seconds to earn one token back.
    refill: f64,
    levels: Mutex<HashMap<K, Level>>,
}

#[derive(Debug, Clone, Copy)]
struct Level {
    tokens: f64,
    at: DateTime<Utc>,
}

impl<K: Hash + Eq + Clone> Buckets<K> {
    /// Up to `capacity` tokens per key (at least one), one earned back every `refill`.
    pub fn new(capacity: u32, refill: Duration) -> Self {
        Self {
            capacity: f64::from(capacity.max(1)),
            refill: (refill.num_milliseconds().max(1) as f64) / 1000.0,
            levels: Mutex::new(HashMap::new()),
        }
    }

    fn level(&self, level: Option<&Level>, now: DateTime<Utc>) -> f64 {
        match level {
            None => self.capacity,
            Some(l) => {
                let elapsed = (now - l.at).num_milliseconds().max(0) as f64 / 1000.0;
                (l.tokens + elapsed / self.refill).min(self.capacity)
            }
        }
    }

    /// Whole seconds until a token is there (at least 1).
    fn wait(&self, tokens: f64) -> u64 {
        (((1.0 - tokens) * self.refill).ceil() as u64).max(1)
    }

    /// `Err(seconds)` when `key` has no token left now; spends nothing.
    pub fn peek(&self, key: &K, now: DateTime<Utc>) -> Result<(), u64> {
        let levels = self.levels.lock().unwrap_or_else(|e| e.into_inner());
        let tokens = self.level(levels.get(key), now);
        if tokens >= 1.0 {
            Ok(())
        } else {
            Err(self.wait(tokens))
        }
    }

    /// Spends one token of `key`, or `Err(seconds to wait)` when there is none.
    pub fn take(&self, key: &K, now: DateTime<Utc>) -> Result<(), u64> {
        let mut levels = self.levels.lock().unwrap_or_else(|e| e.into_inner());
        let tokens = self.level(levels.get(key), now);
        if tokens < 1.0 {
            return Err(self.wait(tokens));
        }
        self.prune(&mut levels, now);
        levels.insert(
            key.clone(),
            Level {
                tokens: tokens - 1.0,
                at: now,
            },
        );
        Ok(())
    }

    /// Spends one token of `key` if there is one left (a failure already answered).
    pub fn charge(&self, key: &K, now: DateTime<Utc>) {
        let _ = self.take(key, now);
    }

    /// Gives `key` its whole budget back.
    pub fn reset(&self, key: &K) {
        let mut levels = self.levels.lock().unwrap_or_else(|e| e.into_inner());
        levels.remove(key);
    }

    fn prune(&self, levels: &mut HashMap<K, Level>, now: DateTime<Utc>) {
        if levels.len() >= PRUNE_AT {
            levels.retain(|_, l| self.level(Some(l), now) < self.capacity);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("a time")
    }

    #[test]
    fn a_spent_budget_comes_back_one_token_per_refill() {
        let b = Buckets::new(2, Duration::seconds(60));
        assert!(b.take(&"k", at(0)).is_ok());
        assert!(b.take(&"k", at(0)).is_ok());
        assert_eq!(b.take(&"k", at(0)), Err(60));
        assert_eq!(b.peek(&"k", at(30)), Err(30));
        assert!(b.take(&"other", at(30)).is_ok(), "keys are apart");
        assert!(b.take(&"k", at(60)).is_ok());
        assert_eq!(b.take(&"k", at(61)), Err(59));
        assert!(b.peek(&"k", at(10_000)).is_ok());
        b.take(&"k", at(10_000)).unwrap();
        b.take(&"k", at(10_000)).unwrap();
        assert!(
            b.take(&"k", at(10_000)).is_err(),
            "never more than the capacity"
        );
    }

    #[test]
    fn steady_requests_do_not_keep_the_bucket_empty_forever() {
        let b = Buckets::new(3, Duration::seconds(60));
        // One attempt every 5 s: after the burst most are refused, but one a minute passes.
        let passed = (0..120).filter(|i| b.take(&"k", at(i * 5)).is_ok()).count();
        assert_eq!(passed, 3 + 9);
    }

    #[test]
    fn charge_spends_and_reset_refills() {
        let b = Buckets::new(1, Duration::seconds(60));
        b.charge(&"k", at(0));
        b.charge(&"k", at(0));
        assert!(b.peek(&"k", at(1)).is_err());
        b.reset(&"k");
        assert!(b.peek(&"k", at(1)).is_ok());
    }
}

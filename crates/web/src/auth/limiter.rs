//! Sign-in rate limits, per account and per IP address (keyed GCRA limiters from `governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

#[derive(Debug)]
pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    /// `account` and `ip` attempts per minute (at least one each).
    pub fn new(account: u32, ip: u32) -> Self {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Self {
            per_account: RateLimiter::keyed(quota(account)),
            per_ip: RateLimiter::keyed(quota(ip)),
        }
    }

    /// Counts one attempt; `TooManyRequests` when either limit is exhausted.
    pub fn check(&self, email: &str, ip: Option<IpAddr>) -> Result<(), AppError> {
        let clock = DefaultClock::default();
        let wait = |not_until: governor::NotUntil<_>| AppError::TooManyRequests {
            retry_after: not_until.wait_time_from(clock.now()).as_secs().max(1),
        };
        if let Some(ip) = ip {
            self.per_ip.check_key(&ip).map_err(wait)?;
        }
        self.per_account
            .check_key(&email.trim().to_lowercase())
            .map_err(wait)?;
        self.per_account.retain_recent();
        self.per_ip.retain_recent();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_account_and_ip_has_its_own_budget() {
        let limiter = LoginLimiter::new(2, 3);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(limiter.check("a@x.org", Some(ip)).is_ok());
        assert!(limiter.check("A@x.org ", Some(ip)).is_ok());
        assert!(matches!(
            limiter.check("a@x.org", None),
            Err(AppError::TooManyRequests { .. })
        ));
        assert!(limiter.check("b@x.org", Some(ip)).is_ok());
        assert!(
            limiter.check("c@x.org", Some(ip)).is_err(),
            "the IP's budget is spent"
        );
        assert!(
            limiter
                .check("c@x.org", Some("10.0.0.2".parse().unwrap()))
                .is_ok()
        );
    }
}

//! Rate limits on the doors of an account: signing in, signing up and asking for a password
//! reset link, each a token bucket that refills with time (never a lockout).
//!
//! Signing in is limited per account *from one address* (only failures spend) and per address
//! (every attempt spends): someone guessing a password from their own address is slowed, but
//! cannot lock the owner out, who signs in from their own address as usual.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};

use super::bucket::Buckets;
use crate::config::Config;
use crate::error::AppError;

#[derive(Debug)]
pub struct LoginLimiter {
    /// Failed sign-ins per (account, address).
    per_account_ip: Buckets<(String, Option<IpAddr>)>,
    /// Sign-in attempts per address.
    per_ip: Buckets<IpAddr>,
    /// Sign-ups per address.
    signups: Buckets<IpAddr>,
    /// Password reset requests per address.
    resets_per_ip: Buckets<IpAddr>,
    /// Password reset emails per account (beyond it, none is sent; the answer is the same).
    resets_per_email: Buckets<String>,
}

fn too_many(retry_after: u64) -> AppError {
    AppError::TooManyRequests { retry_after }
}

fn account_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl LoginLimiter {
    pub fn new(config: &Config) -> Self {
        let per_minute = |n: u32| Duration::milliseconds(60_000 / i64::from(n.max(1)));
        Self {
            per_account_ip: Buckets::new(config.login_attempts_per_account, Duration::minutes(1)),
            per_ip: Buckets::new(
                config.login_attempts_per_ip,
                per_minute(config.login_attempts_per_ip),
            ),
            signups: Buckets::new(config.signups_per_ip, Duration::minutes(3)),
            resets_per_ip: Buckets::new(10, Duration::minutes(6)),
            resets_per_email: Buckets::new(3, Duration::minutes(20)),
        }
    }

    /// Before checking a password: `TooManyRequests` when this address tried too often, or
    /// failed too often for this account.
    pub fn before_sign_in(
        &self,
        email: &str,
        ip: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.per_account_ip
            .peek(&(account_key(email), ip), now)
            .map_err(too_many)?;
        if let Some(ip) = ip {
            self.per_ip.take(&ip, now).map_err(too_many)?;
        }
        Ok(())
    }

    /// A wrong password (or unknown email) for `email` from `ip`.
    pub fn failed_sign_in(&self, email: &str, ip: Option<IpAddr>, now: DateTime<Utc>) {
        self.per_account_ip.charge(&(account_key(email), ip), now);
    }

    /// A right password: the account's budget from this address is whole again.
    pub fn signed_in(&self, email: &str, ip: Option<IpAddr>) {
        self.per_account_ip.reset(&(account_key(email), ip));
    }

    /// One sign-up attempt from `ip`.
    pub fn sign_up(&self, ip: Option<IpAddr>, now: DateTime<Utc>) -> Result<(), AppError> {
        match ip {
            Some(ip) => self.signups.take(&ip, now).map_err(too_many),
            None => Ok(()),
        }
    }

    /// One request for a password reset link from `ip`: `TooManyRequests` past the address's
    /// budget; `Ok(false)` when the address may ask but this email had enough links for now.
    pub fn reset_request(
        &self,
        email: &str,
        ip: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        if let Some(ip) = ip {
            self.resets_per_ip.take(&ip, now).map_err(too_many)?;
        }
        Ok(self.resets_per_email.take(&account_key(email), now).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("a time")
    }

    fn limiter() -> LoginLimiter {
        LoginLimiter::new(&Config {
            login_attempts_per_account: 2,
            login_attempts_per_ip: 3,
            ..Config::default()
        })
    }

    #[test]
    fn failures_slow_one_address_but_not_the_owner_elsewhere() {
        let limiter = limiter();
        let attacker: IpAddr = "10.0.0.1".parse().unwrap();
        let owner: IpAddr = "10.0.0.2".parse().unwrap();
        for _ in 0..2 {
            limiter
                .before_sign_in("a@x.org", Some(attacker), at(0))
                .unwrap();
            limiter.failed_sign_in("A@x.org ", Some(attacker), at(0));
        }
        assert!(matches!(
            limiter.before_sign_in("a@x.org", Some(attacker), at(1)),
            Err(AppError::TooManyRequests { retry_after: 59 })
        ));
        assert!(
            limiter
                .before_sign_in("a@x.org", Some(owner), at(1))
                .is_ok()
        );
        assert!(
            limiter
                .before_sign_in("a@x.org", Some(attacker), at(60))
                .is_ok(),
            "a minute later one more try"
        );
    }

    #[test]
    fn every_attempt_spends_the_address_budget() {
        let limiter = limiter();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for email in ["a@x.org", "b@x.org", "c@x.org"] {
            limiter.before_sign_in(email, Some(ip), at(0)).unwrap();
        }
        assert!(limiter.before_sign_in("d@x.org", Some(ip), at(0)).is_err());
        assert!(limiter.before_sign_in("d@x.org", Some(ip), at(20)).is_ok());
    }

    #[test]
    fn a_right_password_gives_the_budget_back() {
        let limiter = limiter();
        limiter.failed_sign_in("a@x.org", None, at(0));
        limiter.failed_sign_in("a@x.org", None, at(0));
        assert!(limiter.before_sign_in("a@x.org", None, at(0)).is_err());
        limiter.signed_in("a@x.org", None);
        assert!(limiter.before_sign_in("a@x.org", None, at(0)).is_ok());
    }
}

//! Sending webhooks. The notification pipeline writes deliveries (`notify::Webhooks`); this
//! worker claims due ones with a lease (so each is sent by one server process at a time),
//! sends up to `concurrency` at once off every request path, each within a connect and a total
//! timeout, and records every attempt: delivered, retried with backoff
//! (`domain::retry_delay`), or given up, switching off an endpoint that keeps failing.

pub mod address;
mod send;
pub mod sign;

use chrono::{Duration, Utc};
use futures_util::StreamExt;
use peerlearn_domain::{FAILED_DELIVERIES_TO_DISABLE, FAILING_HOURS_TO_DISABLE, retry_delay};
use peerlearn_store::{Attempt, DueDelivery, RetryPolicy, StoreError};

pub use send::EXCERPT_BYTES;

use crate::state::AppState;

/// How long a claimed delivery is reserved for its worker (well over the total timeout).
const LEASE_SECONDS: i64 = 120;

/// Sends due deliveries until none is left; returns how many attempts were made. The server
/// calls this every second from [`worker`]; tests call it directly.
pub async fn run_due(state: &AppState) -> Result<usize, StoreError> {
    let settings = &state.config.webhooks;
    let width = settings.concurrency.max(1);
    let mut total = 0;
    loop {
        let due = state
            .store
            .claim_deliveries(
                state.clock.now(),
                Duration::seconds(LEASE_SECONDS),
                i64::try_from(width * 4).unwrap_or(32),
            )
            .await?;
        if due.is_empty() {
            return Ok(total);
        }
        total += due.len();
        let results: Vec<Result<(), StoreError>> = futures_util::stream::iter(due)
            .map(|d| deliver(state, d))
            .buffer_unordered(width)
            .collect()
            .await;
        for r in results {
            r?;
        }
    }
}

/// Runs the webhook worker until the process stops.
pub async fn worker(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = run_due(&state).await {
            tracing::warn!(error = %e, "webhooks could not be sent");
        }
    }
}

/// Signs, sends and records one attempt.
async fn deliver(state: &AppState, d: DueDelivery) -> Result<(), StoreError> {
    // Receivers compare the signed timestamp with their own clock, so it is the system's.
    let timestamp = Utc::now().timestamp();
    let attempt = match sign::signature(&d.secret, &d.message_id, timestamp, &d.body) {
        Some(signature) => {
            let out = send::Outgoing {
                url: &d.url,
                id: &d.message_id,
                timestamp,
                signature: &signature,
                body: &d.body,
            };
            send::send(&out, &state.config.webhooks).await
        }
        None => Attempt {
            error: "secret: the endpoint's secret is not valid".into(),
            ..Attempt::default()
        },
    };
    let now = state.clock.now();
    let policy = RetryPolicy {
        retry_at: retry_delay(d.attempt).map(|wait| now + wait),
        failing_since_before: now - Duration::hours(FAILING_HOURS_TO_DISABLE),
        failed_deliveries: FAILED_DELIVERIES_TO_DISABLE,
    };
    metrics::counter!(
        "webhook_attempts_total",
        "outcome" => if attempt.delivered { "delivered" } else { "failed" }
    )
    .increment(1);
    if !attempt.delivered {
        tracing::info!(
            delivery = d.id.0,
            endpoint = d.endpoint.0,
            attempt = d.attempt,
            status = ?attempt.response_status,
            error = %attempt.error,
            "webhook delivery failed"
        );
    }
    let disabled = state
        .store
        .record_attempt(&d, &attempt, &policy, now)
        .await?;
    if disabled {
        tracing::warn!(
            endpoint = d.endpoint.0,
            "webhook endpoint switched off after failing"
        );
    }
    Ok(())
}

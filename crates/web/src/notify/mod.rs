//! The one notification pipeline. A change people hear about records an outbox event in its
//! own transaction; the worker here claims due events, composes each one's messages from the
//! current state of the database (reading only), fans the messages out to every channel (the
//! in-app inbox, live updates, email, webhooks), and writes all an event produces — the channels' rows and the event's
//! own effects (no-shows, invitations to host) — in the one transaction that marks it done.
//! A failure before that commit leaves the event to be claimed again when its lease ends; it
//! then composes and writes the same again, so nothing is lost or sent twice.
//!
//! Each server process runs one worker; claims are leased (and skip rows held by another
//! worker on PostgreSQL), so every event runs once across processes.

mod channels;
mod compose;
mod followup;
mod meet_now;
mod message;
pub(crate) mod wake;
mod webhook_event;
mod webhook_notice;

use chrono::Duration;
use peerlearn_store::{CompletedEvent, Job, JobKind, StoreError};

pub use channels::{Channel, Event, Inbox, Live, Mail, Webhooks, channels};
pub use compose::{Composed, Facts, compose};
pub use followup::DEMAND_THRESHOLD;
pub use message::{Message, Recipient, Recipients, member_lang, place, when};

use crate::mailer::Email;
use crate::state::AppState;

/// How long a claimed job is reserved for its worker.
pub const LEASE_SECONDS: i64 = 120;

/// Claims up to 50 due events and email jobs for this worker.
pub async fn claim(state: &AppState) -> Result<Vec<Job>, StoreError> {
    state
        .store
        .claim_jobs(state.clock.now(), Duration::seconds(LEASE_SECONDS), 50)
        .await
}

/// Runs due jobs until none is left; returns how many ran. The server calls this every second;
/// tests call it directly.
pub async fn run_due(state: &AppState) -> Result<usize, StoreError> {
    let mut total = 0;
    loop {
        let jobs = claim(state).await?;
        if jobs.is_empty() {
            return Ok(total);
        }
        // The events of a claim complete together, in one transaction. An event that changes
        // more than messages completes at once, before the next is composed, so each event
        // composes from the state the ones before it left.
        let mut batch: Vec<(&Job, CompletedEvent)> = Vec::new();
        for job in &jobs {
            total += 1;
            if job.kind == JobKind::DataExport {
                if let Err(e) = crate::app::data_export::run(state, job).await {
                    failed(state, job, &e.to_string()).await?;
                }
                continue;
            }
            if job.kind == JobKind::Email {
                if let Err(e) = send(state, job).await {
                    failed(state, job, &e).await?;
                }
                continue;
            }
            match completion(state, job).await {
                Ok(done) if done.effects.is_empty() => batch.push((job, done)),
                Ok(done) => complete(state, vec![(job, done)]).await?,
                Err(e) => failed(state, job, &e).await?,
            }
        }
        complete(state, batch).await?;
    }
}

/// Runs the worker until the process stops.
pub async fn worker(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        // Every second (jobs due later, writes made outside a request), and as soon as a
        // request's write may have queued one (see `wake`).
        tokio::select! {
            _ = tick.tick() => {}
            () = state.jobs.notified() => {}
        }
        if let Err(e) = run_due(&state).await {
            tracing::warn!(error = %e, "background jobs could not run");
        }
    }
}

/// Composes an event and fans its messages out to every channel.
async fn completion(state: &AppState, job: &Job) -> Result<CompletedEvent, String> {
    let composed = compose(state, job).await.map_err(|e| e.to_string())?;
    let mut done = CompletedEvent {
        job: job.id,
        community: job.community,
        notifications: Vec::new(),
        emails: Vec::new(),
        live: Vec::new(),
        webhooks: Vec::new(),
        effects: composed.effects,
    };
    let event = Event {
        job,
        messages: &composed.messages,
        facts: &composed.facts,
        at: state.clock.now(),
    };
    for channel in channels(state) {
        channel.deliver(&event, &mut done)?;
    }
    Ok(done)
}

/// Completes events together; when that fails, one at a time, so that one bad event cannot
/// hold the others back.
async fn complete(state: &AppState, batch: Vec<(&Job, CompletedEvent)>) -> Result<(), StoreError> {
    if batch.is_empty() {
        return Ok(());
    }
    let events: Vec<CompletedEvent> = batch.iter().map(|(_, d)| d.clone()).collect();
    let Err(e) = state
        .store
        .complete_events(&events, state.clock.now())
        .await
    else {
        return Ok(());
    };
    if batch.len() == 1 {
        return failed(state, batch[0].0, &e.to_string()).await;
    }
    tracing::warn!(events = batch.len(), error = %e, "events could not be completed together");
    for (job, done) in batch {
        if let Err(e) = state
            .store
            .complete_events(&[done], state.clock.now())
            .await
        {
            failed(state, job, &e.to_string()).await?;
        }
    }
    Ok(())
}

/// Sends an email job and marks it done. Mail switched off after the job was written leaves
/// nothing to send.
async fn send(state: &AppState, job: &Job) -> Result<(), String> {
    let email: Email = serde_json::from_str(&job.payload).map_err(|e| format!("payload: {e}"))?;
    if let Some(m) = &state.mailer {
        if let Err(e) = m.send(&email).await {
            metrics::counter!("emails_failed_total").increment(1);
            return Err(e);
        }
        metrics::counter!("emails_sent_total").increment(1);
    }
    state
        .store
        .finish_job(job.id, state.clock.now())
        .await
        .map_err(|e| e.to_string())
}

async fn failed(state: &AppState, job: &Job, error: &str) -> Result<(), StoreError> {
    tracing::warn!(job = job.id, kind = job.kind.as_str(), attempt = job.attempts, error = %error, "job failed");
    state.store.fail_job(job, error, state.clock.now()).await
}

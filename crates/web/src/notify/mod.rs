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
mod seat_offer;
pub(crate) mod wake;
mod webhook_event;
mod webhook_notice;

use chrono::Duration;
use futures_util::StreamExt;
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

/// Events composed at once: composing only reads, from the reading pool.
const COMPOSING_AT_ONCE: usize = 8;

/// Whether composing `kind` may find changes to make besides messages (no-shows, invitations
/// to host): such an event is composed and completed alone, after the events before it, so
/// that each event composes from the state the ones before it left.
fn changes_more(kind: JobKind) -> bool {
    matches!(kind, JobKind::MeetingEnded | JobKind::DemandCheck)
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
        total += jobs.len();
        // The events of a claim are composed several at once and complete together, in one
        // transaction; an event that changes more than messages splits the claim.
        let mut batch: Vec<(&Job, CompletedEvent)> = Vec::new();
        let mut rest = jobs.as_slice();
        while let Some(first) = rest.first() {
            match first.kind {
                JobKind::DataExport => {
                    if let Err(e) = crate::app::data_export::run(state, first).await {
                        failed(state, first, &e.to_string()).await?;
                    }
                    rest = &rest[1..];
                }
                JobKind::Email => {
                    if let Err(e) = send(state, first).await {
                        failed(state, first, &e).await?;
                    }
                    rest = &rest[1..];
                }
                kind if changes_more(kind) => {
                    complete(state, std::mem::take(&mut batch)).await?;
                    match completion(state, first).await {
                        Ok(done) => complete(state, vec![(first, done)]).await?,
                        Err(e) => failed(state, first, &e).await?,
                    }
                    rest = &rest[1..];
                }
                _ => {
                    let n = rest
                        .iter()
                        .position(|j| {
                            changes_more(j.kind)
                                || matches!(j.kind, JobKind::DataExport | JobKind::Email)
                        })
                        .unwrap_or(rest.len());
                    let (run, after) = rest.split_at(n);
                    // Made first, then run: a stream that calls a closure per item would not be
                    // `Send` for every lifetime, as the server's task needs.
                    let composing: Vec<_> = run.iter().map(|job| completed(state, job)).collect();
                    let composed: Vec<_> = futures_util::stream::iter(composing)
                        .buffered(COMPOSING_AT_ONCE)
                        .collect()
                        .await;
                    for (job, result) in composed {
                        match result {
                            Ok(done) => batch.push((job, done)),
                            Err(e) => failed(state, job, &e).await?,
                        }
                    }
                    rest = after;
                }
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

/// [`completion`], with the job it is for.
async fn completed<'a>(
    state: &AppState,
    job: &'a Job,
) -> (&'a Job, Result<CompletedEvent, String>) {
    (job, completion(state, job).await)
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

//! Auto-scheduling a community: its pending requests become an instance for the scheduling
//! engine (people's availability and spots, minus the meetings already confirmed), the engine
//! places as many as it can, and the organizer confirms the proposal in one transaction.
//!
//! ```text
//! input (bulk reads) ─► instance (typed, with an IdMap) ─► engine ─► apply (back to ids)
//! ```

mod apply;
mod error;
mod input;
mod instance;
mod slots;

use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use peerlearn_domain::{RequestId, SpotId};
use peerlearn_engine::schedule::{SolveOptions, solve};
use peerlearn_store::{Community, Store};

pub use error::ScheduleError;
use input::Inputs;
use slots::Slots;

/// The two people of a request: the topic's host (who decides) and who asked.
#[derive(Debug, Clone)]
pub struct Pair {
    pub host: String,
    pub guest: String,
}

/// A request the engine placed.
#[derive(Debug, Clone)]
pub struct Placed {
    pub request: RequestId,
    pub topic: String,
    pub people: Pair,
    pub start: DateTime<Utc>,
    /// The table or room; `None` for a video meeting with a link of its own.
    pub spot: Option<SpotId>,
    pub spot_name: Option<String>,
    /// Met by video (in a video room of the community or with a link of its own).
    pub video: bool,
}

/// Why a request found no place (the likeliest reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// The community's calendar has no time left.
    NoTimeLeft,
    /// The two people have no free time in common.
    NoCommonTime,
    /// An in-person topic, and the community has no table or room.
    NoSpot,
    /// The times they share went to other meetings.
    TimesTaken,
}

/// A request left out, with the likeliest reason.
#[derive(Debug, Clone)]
pub struct LeftOut {
    pub topic: String,
    pub people: Pair,
    pub reason: LeftOutReason,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub placed: Vec<Placed>,
    pub left_out: Vec<LeftOut>,
    pub upper_bound: Option<u64>,
    pub seconds: f64,
}

/// Builds the instance, solves it within `seconds`, and maps the result back.
pub async fn propose(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
    seconds: f64,
) -> Result<Proposal, ScheduleError> {
    let slots = Slots::after(community, now);
    let requests = Inputs::pending(store, community).await?;
    if slots.is_empty() || requests.is_empty() {
        let reason = LeftOutReason::NoTimeLeft;
        return Ok(Proposal {
            placed: Vec::new(),
            left_out: requests
                .iter()
                .map(|r| apply::left_out(r, reason))
                .collect(),
            upper_bound: None,
            seconds: 0.0,
        });
    }
    let inputs = Inputs::load(store, community, requests, now).await?;
    let (instance, ids) = instance::build(community, &inputs, &slots)?;
    let options = SolveOptions {
        time_limit: StdDuration::from_secs_f64(seconds),
        ..SolveOptions::default()
    };
    // The engine is CPU-bound: it runs off the async executor.
    let (instance, result) = tokio::task::spawn_blocking(move || {
        let result = solve(&instance, &options, &mut |_| {});
        (instance, result)
    })
    .await?;
    Ok(apply::proposal(
        &inputs, &slots, &instance, &ids, &result, now,
    ))
}

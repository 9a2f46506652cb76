//! Auto-scheduling, for organizers: a schedule proposed for every pending request by the
//! scheduling engine (who is placed where and when, who is left out and why), and the
//! meetings the organizer keeps confirmed in one transaction (all or none; the requests must
//! be of the community). The page and the API both call these.

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingId, RequestId, SpotId};

use crate::access::AsMember;
use crate::autoschedule::Proposal;
use crate::error::AppError;
use crate::state::AppState;

/// How long the engine may search, in seconds.
const SEARCH_SECONDS: f64 = 2.0;

/// The most pending requests counted for the page.
const PENDING_SHOWN: i64 = 20_000;

/// How many requests wait for an answer in `m`'s community.
pub async fn pending(state: &AppState, m: &AsMember) -> Result<usize, AppError> {
    Ok(state
        .store
        .pending_requests(m.community.id, PENDING_SHOWN)
        .await?
        .len())
}

/// A schedule for every pending request of `m`'s community; nothing is written.
pub async fn propose(state: &AppState, m: &AsMember) -> Result<Proposal, AppError> {
    Ok(crate::autoschedule::propose(
        &state.store,
        &m.community,
        state.clock.now(),
        SEARCH_SECONDS,
    )
    .await?)
}

/// Confirms the meetings `items` (request, start, spot) of `m`'s community in one
/// transaction: every one, or none (the first refusal is answered).
pub async fn confirm(
    state: &AppState,
    m: &AsMember,
    items: &[(RequestId, DateTime<Utc>, Option<SpotId>)],
) -> Result<Vec<MeetingId>, AppError> {
    let room = format!(
        "{}{}",
        state.config.video_base_url,
        &crate::auth::new_secret()[..16]
    );
    Ok(state
        .store
        .accept_scheduled(m.community.id, items, &room, state.clock.now())
        .await?)
}

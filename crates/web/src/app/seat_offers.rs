//! Empty seats offered: the free seats of a group session starting within half an hour are
//! offered, live, first to waitlisted members who are free at its time, then to the free
//! members of the meet-now pool whose interests match it best (the engine's `seat_takers`:
//! same mode, a shared language, no quarrel with the host, something in it they want to
//! learn, another team than the host's preferred). Each member is offered a given session
//! once, and at most two offers per free seat are waiting at any time. An offer is a message
//! with the way to take the seat; taking it is the ordinary take-a-seat, under its checks.
//!
//! Offers are made whenever the pool is paired, and on the server's meet-now sweep.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, MemberId};
use peerlearn_engine::matching::{OpenSession, seat_takers};
use peerlearn_store::{Community, OpenSeats, PoolEntry};

use super::meet_now::{Words, engine_pool_in};
use crate::error::AppError;
use crate::state::AppState;

/// How soon a group session must start for its free seats to be offered.
pub const OFFER_WITHIN_MINUTES: i64 = 30;
/// Offers waiting for an answer, at most, per free seat.
const OFFERS_PER_SEAT: u32 = 2;

fn within() -> Duration {
    Duration::minutes(OFFER_WITHIN_MINUTES)
}

/// The communities with a group session starting soon that has a free seat.
pub async fn communities_with_open_seats(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Vec<CommunityId>, AppError> {
    Ok(state
        .store
        .communities_with_open_seats(now, within())
        .await?)
}

/// Offers the free seats of `community`'s group sessions starting soon to waitlisted members
/// free then and to the best matches in `pool`; answers how many offers were made.
pub async fn offer_open_seats(
    state: &AppState,
    community: &Community,
    pool: &[PoolEntry],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut made = 0;
    for session in state.store.open_seats(community.id, now, within()).await? {
        let room = (session.free * OFFERS_PER_SEAT).saturating_sub(session.pending) as usize;
        if room == 0 {
            continue;
        }
        let chosen = choose(state, &session, pool, room, now).await?;
        made += state
            .store
            .offer_seats(session.meeting, &chosen, now)
            .await?
            .len();
    }
    if made > 0 {
        metrics::counter!("seats_offered_total").increment(made as u64);
    }
    Ok(made)
}

/// Up to `room` members to offer a seat in `session`: waitlisted members first, in line,
/// then the best matches among the members of `pool` free when it starts.
async fn choose(
    state: &AppState,
    session: &OpenSeats,
    pool: &[PoolEntry],
    room: usize,
    now: DateTime<Utc>,
) -> Result<Vec<MemberId>, AppError> {
    let mut chosen: Vec<MemberId> = session
        .waitlisted
        .iter()
        .filter(|m| !session.inside.contains(m))
        .take(room)
        .copied()
        .collect();
    let free: Vec<PoolEntry> = pool
        .iter()
        .filter(|e| {
            e.mode == session.mode
                && e.until > session.time.start()
                && !chosen.contains(&e.member)
                && !session.inside.contains(&e.member)
        })
        .cloned()
        .collect();
    if chosen.len() == room || free.is_empty() {
        return Ok(chosen);
    }
    let host = state
        .store
        .pairing_entry(
            session.community,
            session.host,
            session.mode,
            session.time.end(),
            now,
        )
        .await?;
    // The host first: everyone's tags, teams and languages are numbered together.
    let mut people = Vec::with_capacity(free.len() + 1);
    people.push(host);
    people.extend(free);
    let mut words = Words::default();
    let tags = words.ids(&session.tags);
    let engine = engine_pool_in(&people, &mut words);
    let open = OpenSession {
        host: engine[0].clone(),
        tags,
        inside: session.inside.iter().map(|m| m.0).collect(),
    };
    let left = room - chosen.len();
    chosen.extend(
        seat_takers(&open, &engine[1..], left)
            .into_iter()
            .map(MemberId),
    );
    Ok(chosen)
}

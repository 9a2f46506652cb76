//! Re-pairing the stood-up: when one side of a one-on-one has checked in and the other has not
//! a few minutes after the start, the one waiting is offered, live, a free member of the
//! meet-now pool who matches their interests (the matching engine's `best_partner`, under the
//! meet-now rules), for a meeting at the same spot starting once the other has walked over.
//! It is an ordinary meet-now proposal that names the meeting it replaces: answered on the
//! meet-now page, and booked when both accept, after the meeting it replaces is cancelled in
//! the same transaction. A member who declines is not asked again for that meeting; when the
//! free member declines or the offer expires, another free member may be offered.
//!
//! Offers are made before the pool is paired (stood-up members go first), whenever the pool
//! changes and on the server's meet-now sweep.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, NowProposalId, TopicId, proposed_time};
use peerlearn_engine::matching::best_partner;
use peerlearn_store::{Community, NewNowProposal, PoolEntry, StoodUp};

use super::meet_now::engine_pool;
use crate::error::AppError;
use crate::state::AppState;

/// The communities where a one-on-one can be re-paired now.
pub async fn communities_to_repair(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Vec<CommunityId>, AppError> {
    let mut out: Vec<CommunityId> = state
        .store
        .stood_up(None, now)
        .await?
        .into_iter()
        .map(|s| s.community)
        .collect();
    out.dedup();
    Ok(out)
}

/// Offers each member of `community` whose partner has not come the best free member of
/// `pool` (who is taken out of it); answers the proposals made.
pub async fn offer_repairs(
    state: &AppState,
    community: &Community,
    pool: &mut Vec<PoolEntry>,
    now: DateTime<Utc>,
) -> Result<Vec<NowProposalId>, AppError> {
    let mut made = Vec::new();
    if pool.is_empty() {
        return Ok(made);
    }
    for stood in state.store.stood_up(Some(community.id), now).await? {
        if let Some((id, taken)) = offer(state, &stood, pool, now).await? {
            pool.retain(|e| e.member != taken);
            made.push(id);
        }
    }
    if !made.is_empty() {
        metrics::counter!("repairings_offered_total").increment(made.len() as u64);
    }
    Ok(made)
}

/// One offer to `stood.waiting`, if someone in `pool` suits them: the proposal and who was
/// taken from the pool.
async fn offer(
    state: &AppState,
    stood: &StoodUp,
    pool: &[PoolEntry],
    now: DateTime<Utc>,
) -> Result<Option<(NowProposalId, MemberId)>, AppError> {
    let store = &state.store;
    let waiting = store
        .pairing_entry(stood.community, stood.waiting, stood.mode, stood.ends, now)
        .await?;
    // The waiting member first, then the free members meeting the same way.
    let mut people = vec![waiting];
    people.extend(
        pool.iter()
            .filter(|e| e.mode == stood.mode && e.member != stood.waiting && e.member != stood.late)
            .cloned(),
    );
    if people.len() < 2 {
        return Ok(None);
    }
    let engine = engine_pool(&people);
    let Some(pair) = best_partner(&engine[0], &engine[1..]) else {
        return Ok(None);
    };
    let entry = |id: i64| people.iter().find(|e| e.member.0 == id);
    let (Some(host), Some(guest)) = (entry(pair.host), entry(pair.guest)) else {
        return Ok(None);
    };
    let Some(time) = proposed_time(now, host.until, guest.until) else {
        return Ok(None);
    };
    let free = if host.member == stood.waiting {
        guest.member
    } else {
        host.member
    };
    let offer = NewNowProposal {
        host: host.member,
        guest: guest.member,
        topic: TopicId(pair.topic),
        mode: stood.mode,
        time,
        expires_at: time.start(),
    };
    Ok(store
        .propose_repair(stood, &offer, now)
        .await?
        .map(|id| (id, free)))
}

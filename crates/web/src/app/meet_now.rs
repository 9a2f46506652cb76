//! "Meet now": a member says they are free for a while; peerlearn pairs free members at once
//! with the matching engine and proposes each pair a meeting starting in a few minutes; the
//! meeting is booked when both accept (or one accepts and the other auto-accepts).
//!
//! Pairing runs whenever the pool changes (someone joins, declines, leaves, or a proposal
//! expires: [`sweep`], run by the server every few seconds), over the members free and
//! unclaimed at that moment.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    FREE_MIN_MINUTES, FreeFor, Invalid, MeetingMode, NowProposalId, TimeRange, proposed_time,
};
use peerlearn_engine::matching::{PoolMember, PoolTopic, pair_pool};
use peerlearn_store::{
    Community, FreeEntry, NewNowProposal, NowAnswer, NowProposal, NowStatus, PoolEntry, StoreError,
};

use super::requests::video_room;
use crate::access::AsMember;
use crate::error::AppError;
use crate::state::AppState;

/// How often the server ends expired proposals and windows, and pairs again.
pub const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(15);

/// How a member wants to meet now: at the lounge, or by video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NowMode {
    Lounge,
    Video,
}

impl NowMode {
    pub fn parse(field: &str, raw: &str) -> Result<Self, Invalid> {
        match raw {
            "lounge" | "in_person" => Ok(Self::Lounge),
            "video" | "virtual" => Ok(Self::Video),
            _ => Err(Invalid::new(field, "invalid-now-mode")),
        }
    }

    fn meeting_mode(self) -> MeetingMode {
        match self {
            Self::Lounge => MeetingMode::InPerson,
            Self::Video => MeetingMode::Virtual,
        }
    }
}

/// What a member sees of meet-now: their place in the pool, their latest proposal since they
/// joined it (open, or how it ended), and how many are free.
#[derive(Debug, Clone)]
pub struct NowState {
    pub entry: Option<FreeEntry>,
    pub proposal: Option<NowProposal>,
    pub free: i64,
}

/// Puts `m` in the pool for `minutes` (within the community's hours: the window ends when
/// they do), then pairs the pool.
pub async fn go_free(
    state: &AppState,
    m: &AsMember,
    minutes: FreeFor,
    mode: NowMode,
    auto_accept: bool,
) -> Result<FreeEntry, AppError> {
    let now = state.clock.now();
    let window = minutes.window(now);
    let calendar = &m.community.calendar;
    // Free now means at least the shortest window lies within today's hours.
    let shortest = TimeRange::new(
        window.start(),
        window.start() + Duration::minutes(FREE_MIN_MINUTES),
    )?;
    calendar.check_within_hours("minutes", &shortest)?;
    let closing = calendar
        .hours_on(calendar.local_date(now))
        .map_or(window.end(), |h| h.end());
    let window = TimeRange::new(window.start(), window.end().min(closing))?;
    let entry = state
        .store
        .set_free(
            m.community.id,
            m.member,
            mode.meeting_mode(),
            auto_accept,
            window,
            now,
        )
        .await?;
    pair(state, &m.community, now).await?;
    Ok(entry)
}

/// Takes `m` out of the pool (declining an open proposal); `false` when they were not in it.
pub async fn leave(state: &AppState, m: &AsMember) -> Result<bool, AppError> {
    let now = state.clock.now();
    let left = state
        .store
        .leave_free(m.community.id, m.member, now)
        .await?;
    if left {
        pair(state, &m.community, now).await?;
    }
    Ok(left)
}

/// `m`'s meet-now state.
pub async fn view(state: &AppState, m: &AsMember) -> Result<NowState, AppError> {
    let now = state.clock.now();
    let store = &state.store;
    let entry = store
        .free_entry(m.community.id, m.member)
        .await?
        .filter(|e| e.until > now || e.proposal.is_some());
    // The latest proposal since they joined, or a booking made in the last minutes.
    let since = entry
        .as_ref()
        .map_or(now - Duration::minutes(15), |e| e.since);
    let proposal = store
        .latest_now_proposal(m.community.id, m.member, since)
        .await?
        .filter(|p| {
            entry.is_some()
                || p.status == NowStatus::Booked
                || (p.status == NowStatus::Open && p.replaces.is_some())
        });
    let free = store.free_now_count(m.community.id, now).await?;
    Ok(NowState {
        entry,
        proposal,
        free,
    })
}

/// `m` accepts or declines proposal `id`. A booking the database refuses (one of the two was
/// booked meanwhile, or no spot is free) ends the proposal, and both go back to the pool.
pub async fn answer(
    state: &AppState,
    m: &AsMember,
    id: NowProposalId,
    accept: bool,
) -> Result<NowAnswer, AppError> {
    let now = state.clock.now();
    let community = m.community.id;
    let answered = state
        .store
        .answer_now_proposal(community, id, m.member, accept, &video_room(state), now)
        .await;
    match answered {
        Ok(NowAnswer::Waiting) => Ok(NowAnswer::Waiting),
        Ok(other) => {
            pair(state, &m.community, now).await?;
            Ok(other)
        }
        Err(
            e @ StoreError::Conflict {
                code: "person_busy" | "no_spot_free" | "partner_arrived" | "meeting_cancelled",
                ..
            },
        ) => {
            state.store.fail_now_proposal(community, id, now).await?;
            pair(state, &m.community, now).await?;
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Ends expired proposals and windows, then pairs again the pools that changed, those where
/// someone's partner has not come and those with free seats to offer.
pub async fn sweep(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut communities = state.store.sweep_meet_now(now).await?;
    communities.extend(super::repairing::communities_to_repair(state, now).await?);
    communities.extend(super::seat_offers::communities_with_open_seats(state, now).await?);
    communities.sort_unstable();
    communities.dedup();
    for community in communities {
        let community = state.store.community(community).await?;
        pair(state, &community, now).await?;
    }
    Ok(())
}

/// Runs [`sweep`] every [`SWEEP_EVERY`], for the server's lifetime.
pub async fn keep_sweeping(state: AppState) {
    let mut tick = tokio::time::interval(SWEEP_EVERY);
    loop {
        tick.tick().await;
        if let Err(e) = sweep(&state).await {
            tracing::warn!(error = ?e, "meet-now sweep failed");
        }
        // What the sweep proposed or ended is told at once.
        state.jobs.notify_one();
    }
}

/// Interns strings as small numbers for the engine.
#[derive(Default)]
pub(super) struct Words(HashMap<String, u32>);

impl Words {
    fn id(&mut self, word: &str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(word.to_string()).or_insert(next)
    }

    pub(super) fn ids(&mut self, words: &[String]) -> Vec<u32> {
        words.iter().map(|w| self.id(w)).collect()
    }
}

/// The engine's view of the pool.
pub(super) fn engine_pool(pool: &[PoolEntry]) -> Vec<PoolMember> {
    engine_pool_in(pool, &mut Words::default())
}

/// The engine's view of the pool, its tags numbered by `tags` (so that other tags numbered
/// by it compare with theirs).
pub(super) fn engine_pool_in(pool: &[PoolEntry], tags: &mut Words) -> Vec<PoolMember> {
    let (mut teams, mut languages) = (Words::default(), Words::default());
    pool.iter()
        .map(|e| {
            let mut wants = tags.ids(&e.wants);
            let mut offers = tags.ids(&e.offers);
            let topics: Vec<PoolTopic> = e
                .topics
                .iter()
                .map(|t| PoolTopic {
                    id: t.id.0,
                    ask: t.ask,
                    tags: tags.ids(&t.tags),
                })
                .collect();
            // What one asks to learn is wanted; what one offers to share is offered.
            for t in &topics {
                if t.ask {
                    wants.extend(&t.tags);
                } else {
                    offers.extend(&t.tags);
                }
            }
            PoolMember {
                id: e.member.0,
                video: e.mode == MeetingMode::Virtual,
                team: (!e.team.trim().is_empty()).then(|| teams.id(e.team.trim())),
                languages: languages.ids(&e.languages),
                wants,
                offers,
                topics,
                hosted_today: e.hosted_today,
                avoid: e.avoid.iter().map(|m| m.0).collect(),
            }
        })
        .collect()
}

/// Pairs the unclaimed members of `community`'s pool and proposes each pair a meeting; pairs
/// who both auto-accept are booked at once.
pub async fn pair(
    state: &AppState,
    community: &Community,
    now: DateTime<Utc>,
) -> Result<Vec<NowProposalId>, AppError> {
    let mut pool = state.store.meet_now_pool(community.id, now).await?;
    // Members whose partner has not come go first.
    let mut proposed = super::repairing::offer_repairs(state, community, &mut pool, now).await?;
    // Free seats of group sessions starting soon are offered too; those offered one stay in
    // the pool (a seat is an offer, not a hold).
    super::seat_offers::offer_open_seats(state, community, &pool, now).await?;
    if pool.len() < 2 {
        return Ok(proposed);
    }
    let by_member: HashMap<i64, &PoolEntry> = pool.iter().map(|e| (e.member.0, e)).collect();
    let pairs = pair_pool(&engine_pool(&pool));
    let mut proposals = Vec::with_capacity(pairs.len());
    let mut both_auto = Vec::new();
    for p in pairs {
        let (Some(host), Some(guest)) = (by_member.get(&p.host), by_member.get(&p.guest)) else {
            continue;
        };
        let Some(time) = proposed_time(now, host.until, guest.until) else {
            continue;
        };
        if host.auto_accept && guest.auto_accept {
            both_auto.push(host.member);
        }
        proposals.push(NewNowProposal {
            host: host.member,
            guest: guest.member,
            topic: peerlearn_domain::TopicId(p.topic),
            mode: host.mode,
            time,
            expires_at: time.start(),
        });
    }
    let made = state
        .store
        .propose_now(community.id, &proposals, now)
        .await?;
    for (id, host) in &made {
        if !both_auto.contains(host) {
            continue;
        }
        let booked = state
            .store
            .answer_now_proposal(community.id, *id, *host, true, &video_room(state), now)
            .await;
        if let Err(StoreError::Conflict { .. }) = booked {
            state
                .store
                .fail_now_proposal(community.id, *id, now)
                .await?;
        } else {
            booked?;
        }
    }
    if !made.is_empty() {
        metrics::counter!("meet_now_proposals_total").increment(made.len() as u64);
    }
    proposed.extend(made.into_iter().map(|(id, _)| id));
    Ok(proposed)
}

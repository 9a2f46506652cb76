//! The engine's schedule read back into the community's terms: which request goes when and
//! where, and why each request left out was left out.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingMode, SpotKind, common_free_slots};
use peerlearn_engine::schedule::{Instance, SolveResult};
use peerlearn_store::Request;

use super::input::Inputs;
use super::instance::IdMap;
use super::slots::{SLOT_MINUTES, Slots};
use super::{LeftOut, LeftOutReason, Pair, Placed, Proposal};

/// The proposal the engine's `result` makes.
pub fn proposal(
    inputs: &Inputs,
    slots: &Slots,
    instance: &Instance,
    ids: &IdMap,
    result: &SolveResult,
    now: DateTime<Utc>,
) -> Proposal {
    let by_id: HashMap<_, &Request> = inputs.requests.iter().map(|r| (r.id, r)).collect();
    let mut placed = Vec::new();
    let mut done = HashSet::new();
    for p in instance.placements(&result.solution) {
        let r = by_id[&ids.requests[p.request]];
        let spot = ids.spots[p.spot];
        let room = spot.and_then(|id| inputs.spots.iter().find(|s| s.id == id));
        done.insert(r.id);
        placed.push(Placed {
            request: r.id,
            topic: r.topic_title.clone(),
            people: people(r),
            start: slots.start(p.start),
            spot,
            spot_name: room.map(|s| s.name.clone()),
            video: room.is_none_or(|s| s.kind == SpotKind::Virtual),
        });
    }
    placed.sort_by_key(|p| (p.start, p.request));
    let left_out = inputs
        .requests
        .iter()
        .filter(|r| !done.contains(&r.id))
        .map(|r| left_out(r, why_left_out(inputs, r, now)))
        .collect();
    Proposal {
        placed,
        left_out,
        upper_bound: result.bound,
        seconds: result.stats.seconds,
    }
}

/// The likeliest reason `request` found no place.
fn why_left_out(inputs: &Inputs, request: &Request, now: DateTime<Utc>) -> LeftOutReason {
    let topic = inputs.topic(request);
    let shared = common_free_slots(
        &inputs.availability[&request.requester],
        &inputs.availability[&request.decider],
        &[],
        i64::from(topic.duration_minutes),
        SLOT_MINUTES,
        now,
        1,
    );
    if shared.is_empty() {
        LeftOutReason::NoCommonTime
    } else if topic.mode == MeetingMode::InPerson
        && !inputs.spots.iter().any(|s| s.kind != SpotKind::Virtual)
    {
        LeftOutReason::NoSpot
    } else {
        LeftOutReason::TimesTaken
    }
}

/// `request` left out for `reason`.
pub fn left_out(request: &Request, reason: LeftOutReason) -> LeftOut {
    LeftOut {
        topic: request.topic_title.clone(),
        people: people(request),
        reason,
    }
}

/// The two people of `request`.
fn people(request: &Request) -> Pair {
    Pair {
        host: request.decider_name.clone(),
        guest: request.requester_name.clone(),
    }
}

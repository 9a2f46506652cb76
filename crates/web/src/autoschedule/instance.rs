//! The engine's instance for a community's pending requests, and which engine index stands
//! for which request, member and spot.

use std::collections::HashMap;

use peerlearn_domain::{MeetingMode, MemberId, RequestId, SpotId, SpotKind, TimeRange};
use peerlearn_engine::schedule::{Instance, InstanceBuilder, Mode, NewRequest};
use peerlearn_store::Community;

use super::ScheduleError;
use super::input::Inputs;
use super::slots::{SLOT_MINUTES, Slots};

/// Video rooms the engine is given when the community has no virtual spot: at most this many.
const MAX_VIDEO_ROOMS: usize = 10_000;

/// Engine indices to the community's ids: `requests[i]` is the engine's request `i`, and so on.
pub struct IdMap {
    pub requests: Vec<RequestId>,
    pub people: Vec<MemberId>,
    /// `None` for a video room that stands in for a link (no spot of the community).
    pub spots: Vec<Option<SpotId>>,
}

/// Builds the instance: people free in their availability minus their confirmed meetings,
/// spots open when no meeting holds them, one request of weight 1 per pending request.
pub fn build(
    community: &Community,
    inputs: &Inputs,
    slots: &Slots,
) -> Result<(Instance, IdMap), ScheduleError> {
    let mut b = InstanceBuilder::new(format!("community-{}", community.id), slots.horizon());
    let mut ids = IdMap {
        requests: Vec::with_capacity(inputs.requests.len()),
        people: Vec::with_capacity(inputs.availability.len()),
        spots: Vec::new(),
    };

    let busy = inputs.busy();
    let mut person = HashMap::new();
    for (&member, windows) in &inputs.availability {
        let taken = busy.get(&member).map_or(&[][..], Vec::as_slice);
        let available = slots.free_runs(|slot| {
            windows.iter().any(|w| w.contains(slot)) && !taken.iter().any(|t| t.overlaps(slot))
        });
        person.insert(member, b.person(available));
        ids.people.push(member);
    }

    for spot in &inputs.spots {
        let taken: Vec<TimeRange> = inputs
            .meetings
            .iter()
            .filter(|m| m.spot.as_ref().is_some_and(|s| s.id == spot.id))
            .map(|m| m.time)
            .collect();
        let available = slots.free_runs(|slot| !taken.iter().any(|t| t.overlaps(slot)));
        b.spot(spot.kind.as_str(), spot.capacity, available);
        ids.spots.push(Some(spot.id));
    }
    if !inputs.spots.iter().any(|s| s.kind == SpotKind::Virtual) {
        // Without a virtual spot, video meetings need no spot (links are unlimited): the
        // engine sees a video room for two for each meeting there could be.
        for _ in 0..inputs.requests.len().min(MAX_VIDEO_ROOMS) {
            b.spot(SpotKind::Virtual.as_str(), 2, vec![slots.all()]);
            ids.spots.push(None);
        }
    }

    for r in &inputs.requests {
        let topic = inputs.topic(r);
        let minutes = i64::from(topic.duration_minutes);
        let slots_long = (minutes + SLOT_MINUTES - 1) / SLOT_MINUTES;
        b.request(NewRequest {
            participants: vec![person[&r.decider], person[&r.requester]],
            host: Some(person[&r.decider]),
            duration: u32::try_from(slots_long).unwrap_or(u32::MAX),
            weight: 1,
            mode: mode(topic.mode),
        });
        ids.requests.push(r.id);
    }
    Ok((b.build()?, ids))
}

fn mode(mode: MeetingMode) -> Mode {
    match mode {
        MeetingMode::InPerson => Mode::InPerson,
        MeetingMode::Virtual => Mode::Virtual,
        MeetingMode::Either => Mode::Any,
    }
}

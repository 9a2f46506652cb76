//! Auto-scheduling a community: its pending requests become a `p2p-sched/1` instance (people's
//! availability and spots, minus the meetings already confirmed), the scheduling engine places
//! as many as it can, and the organizer confirms the proposal in one transaction.

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{MeetingMode, MemberId, RequestId, SpotId, SpotKind, TimeRange};
use peerlearn_engine::schedule::{SolveOptions, parse_instance, solve};
use peerlearn_store::{Community, Request, Store, StoreError};
use serde_json::json;

const SLOT_MINUTES: i64 = 30;

/// A request the engine placed.
#[derive(Debug, Clone)]
pub struct Placed {
    pub request: RequestId,
    pub topic: String,
    pub people: String,
    pub start: DateTime<Utc>,
    pub spot: Option<SpotId>,
    pub spot_name: String,
}

/// A request left out, with the likeliest reason.
#[derive(Debug, Clone)]
pub struct LeftOut {
    pub topic: String,
    pub people: String,
    pub reason: &'static str,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub placed: Vec<Placed>,
    pub left_out: Vec<LeftOut>,
    pub upper_bound: Option<u64>,
    pub seconds: f64,
}

/// The half-hour slots of the community's days that start after `now`.
fn slots(community: &Community, now: DateTime<Utc>) -> (Vec<DateTime<Utc>>, Vec<[usize; 2]>) {
    let mut starts = Vec::new();
    let mut days = Vec::new();
    for day in community.calendar.days(community.calendar.local_date(now)) {
        let Some(hours) = community.calendar.hours_on(day) else {
            continue;
        };
        let first = starts.len();
        let mut t = hours.start();
        while t + Duration::minutes(SLOT_MINUTES) <= hours.end() {
            if t > now {
                starts.push(t);
            }
            t += Duration::minutes(SLOT_MINUTES);
        }
        if starts.len() > first {
            days.push([first, starts.len()]);
        }
    }
    (starts, days)
}

/// Runs of slot indices for which `free(slot)` holds, as half-open `[a, b)` pairs.
fn runs(count: usize, free: impl Fn(usize) -> bool) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    for s in 0..count {
        if free(s) {
            match out.last_mut() {
                Some(r) if r[1] == s => r[1] = s + 1,
                _ => out.push([s, s + 1]),
            }
        }
    }
    out
}

fn mode_word(mode: MeetingMode) -> &'static str {
    match mode {
        MeetingMode::InPerson => "in_person",
        MeetingMode::Virtual => "virtual",
        MeetingMode::Either => "any",
    }
}

/// Builds the instance, solves it within `seconds`, and maps the result back.
pub async fn propose(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
    seconds: f64,
) -> Result<Proposal, StoreError> {
    let (starts, days) = slots(community, now);
    let slot_range =
        |s: usize| TimeRange::new(starts[s], starts[s] + Duration::minutes(SLOT_MINUTES)).ok();
    let requests: Vec<Request> = store.pending_requests(community.id, 20_000).await?;
    let meetings = store.upcoming_meetings(community.id, now).await?;
    let spots = store.spots(community.id).await?;

    // Who is in which request, and each topic's mode and length.
    let mut topics = HashMap::new();
    let mut members: HashMap<MemberId, (String, Vec<TimeRange>)> = HashMap::new();
    for r in &requests {
        if let std::collections::hash_map::Entry::Vacant(e) = topics.entry(r.topic_id) {
            e.insert(store.topic(r.topic_id).await?);
        }
        for m in [r.requester, r.decider] {
            if let std::collections::hash_map::Entry::Vacant(e) = members.entry(m) {
                let member = store.member(community.id, m).await?;
                e.insert((member.display_name, member.availability));
            }
        }
    }
    let busy = |member: MemberId| -> Vec<TimeRange> {
        meetings
            .iter()
            .filter(|g| {
                g.participants
                    .iter()
                    .any(|p| p.member == member && p.confirmed)
            })
            .map(|g| g.time)
            .collect()
    };
    let people: Vec<serde_json::Value> = members
        .iter()
        .map(|(id, (_, windows))| {
            let taken = busy(*id);
            let available = runs(starts.len(), |s| {
                slot_range(s).is_some_and(|slot| {
                    windows.iter().any(|w| w.contains(&slot))
                        && !taken.iter().any(|t| t.overlaps(&slot))
                })
            });
            json!({"id": format!("m{}", id.0), "available": available})
        })
        .collect();
    let spot_values: Vec<serde_json::Value> = spots
        .iter()
        .map(|s| {
            let taken: Vec<TimeRange> = meetings
                .iter()
                .filter(|g| g.spot.as_ref().is_some_and(|x| x.id == s.id))
                .map(|g| g.time)
                .collect();
            let available = runs(starts.len(), |i| {
                slot_range(i).is_some_and(|slot| !taken.iter().any(|t| t.overlaps(&slot)))
            });
            json!({
                "id": format!("s{}", s.id.0),
                "kind": if s.kind == SpotKind::Virtual { "virtual" } else { "table" },
                "capacity": s.capacity,
                "available": available,
            })
        })
        .collect();
    let has_virtual_spot = spots.iter().any(|s| s.kind == SpotKind::Virtual);
    let mut request_values = Vec::new();
    for r in &requests {
        let topic = &topics[&r.topic_id];
        let duration = (i64::from(topic.duration_minutes) + SLOT_MINUTES - 1) / SLOT_MINUTES;
        // Without a virtual spot, video meetings need no spot: the engine sees an unlimited
        // virtual room for them.
        let mode = if topic.mode == MeetingMode::Virtual && !has_virtual_spot {
            "virtual"
        } else {
            mode_word(topic.mode)
        };
        request_values.push(json!({
            "id": format!("r{}", r.id.0),
            "host": format!("m{}", r.decider.0),
            "participants": [format!("m{}", r.decider.0), format!("m{}", r.requester.0)],
            "duration": duration,
            "weight": 1,
            "mode": mode,
        }));
    }
    let mut all_spots = spot_values;
    if !has_virtual_spot {
        // Video links are unlimited: one virtual room per possible meeting is enough.
        for i in 0..requests.len().min(10_000) {
            all_spots.push(json!({"id": format!("video{i}"), "kind": "virtual", "capacity": 2, "available": [[0, starts.len()]]}));
        }
    }
    let instance = json!({
        "format": "p2p-sched/1",
        "name": format!("community-{}", community.id),
        "horizon": {"slot_minutes": SLOT_MINUTES, "num_slots": starts.len(), "days": days},
        "people": people,
        "spots": all_spots,
        "requests": request_values,
    });
    if starts.is_empty() || requests.is_empty() {
        return Ok(Proposal {
            placed: Vec::new(),
            left_out: left_out_all(&requests, "no time left in the community's calendar"),
            upper_bound: None,
            seconds: 0.0,
        });
    }
    let instance = parse_instance(&instance.to_string())
        .map_err(|e| StoreError::Corrupt(format!("schedule instance: {e}")))?;
    let options = SolveOptions {
        time_limit: StdDuration::from_secs_f64(seconds),
        ..SolveOptions::default()
    };
    // The engine is CPU-bound: it runs off the async executor.
    let result = tokio::task::spawn_blocking(move || solve(&instance, &options, &mut |_| {}))
        .await
        .map_err(|e| StoreError::Corrupt(format!("scheduling task: {e}")))?;
    let by_id: HashMap<String, &Request> = requests
        .iter()
        .map(|r| (format!("r{}", r.id.0), r))
        .collect();
    let mut placed = Vec::new();
    let mut done = std::collections::HashSet::new();
    for a in &result.solution.assignments {
        let Some(r) = by_id.get(&a.request) else {
            continue;
        };
        let spot = a
            .spot
            .strip_prefix('s')
            .and_then(|s| s.parse::<i64>().ok())
            .map(SpotId);
        done.insert(r.id);
        placed.push(Placed {
            request: r.id,
            topic: r.topic_title.clone(),
            people: format!("{} and {}", r.decider_name, r.requester_name),
            start: starts[a.start as usize],
            spot,
            spot_name: spot
                .and_then(|id| spots.iter().find(|s| s.id == id))
                .map_or_else(|| "video".to_string(), |s| s.name.clone()),
        });
    }
    placed.sort_by_key(|p| (p.start, p.request));
    let left_out = requests
        .iter()
        .filter(|r| !done.contains(&r.id))
        .map(|r| {
            let topic = &topics[&r.topic_id];
            let (a, b) = (&members[&r.requester].1, &members[&r.decider].1);
            let shared = peerlearn_domain::common_free_slots(
                a,
                b,
                &[],
                i64::from(topic.duration_minutes),
                SLOT_MINUTES,
                now,
                1,
            );
            let reason = if shared.is_empty() {
                "they have no free time in common"
            } else if topic.mode == MeetingMode::InPerson
                && !spots.iter().any(|s| s.kind != SpotKind::Virtual)
            {
                "the community has no table or room"
            } else {
                "the times they share went to other meetings"
            };
            LeftOut {
                topic: r.topic_title.clone(),
                people: format!("{} and {}", r.decider_name, r.requester_name),
                reason,
            }
        })
        .collect();
    Ok(Proposal {
        placed,
        left_out,
        upper_bound: result.bound,
        seconds: result.stats.seconds,
    })
}

fn left_out_all(requests: &[Request], reason: &'static str) -> Vec<LeftOut> {
    requests
        .iter()
        .map(|r| LeftOut {
            topic: r.topic_title.clone(),
            people: format!("{} and {}", r.decider_name, r.requester_name),
            reason,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_slots() {
        assert_eq!(runs(6, |s| s != 2), vec![[0, 2], [3, 6]]);
        assert!(runs(3, |_| false).is_empty());
    }
}

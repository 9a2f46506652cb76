//! Proposed times: parsed at the edge into a [`Proposal`], then checked against the topic,
//! the community's hours, both people's availability and meetings, and the host's daily cap.

use chrono::{DateTime, Duration, TimeZone, Utc};
use peerlearn_domain::{Invalid, InvalidInput, MemberId, TimeRange};
use peerlearn_store::{Community, Topic};

use super::MAX_MESSAGE;
use crate::error::AppError;
use crate::state::AppState;

/// At most this many times per request or counter-proposal.
pub const MAX_TIMES: usize = 3;

/// One to three proposed start times and a message, well formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub times: Vec<DateTime<Utc>>,
    pub message: String,
}

impl Proposal {
    /// Parses RFC 3339 times (the API's `proposed_times`) and a message; every malformed
    /// field is named.
    pub fn parse(raw: &[String], message: Option<&str>) -> Result<Self, InvalidInput> {
        let mut errors = InvalidInput::default();
        let mut times = Vec::new();
        for (i, text) in raw.iter().enumerate().take(MAX_TIMES) {
            match DateTime::parse_from_rfc3339(text.trim()) {
                Ok(t) => times.push(t.with_timezone(&Utc)),
                Err(_) => errors.add(
                    Invalid::new(format!("proposed_times[{i}]"), "invalid-instant")
                        .arg("value", text.trim()),
                ),
            }
        }
        if raw.len() > MAX_TIMES {
            errors.add(Invalid::new("proposed_times", "invalid-time-count").arg("max", MAX_TIMES));
        }
        let proposal = Self::new(times, message, &mut errors);
        errors.into_result()?;
        Ok(proposal)
    }

    /// A proposal of times already parsed (the pages' time slots).
    pub fn of(times: Vec<DateTime<Utc>>, message: Option<&str>) -> Result<Self, InvalidInput> {
        let mut errors = InvalidInput::default();
        let proposal = Self::new(times, message, &mut errors);
        errors.into_result()?;
        Ok(proposal)
    }

    fn new(times: Vec<DateTime<Utc>>, message: Option<&str>, errors: &mut InvalidInput) -> Self {
        let message = message.unwrap_or_default().to_string();
        let count = message.chars().count();
        if count > MAX_MESSAGE {
            errors.add(
                Invalid::new("message", "invalid-too-long")
                    .arg("max", MAX_MESSAGE)
                    .arg("count", count),
            );
        }
        if times.is_empty()
            && !errors
                .errors
                .iter()
                .any(|e| e.field.starts_with("proposed"))
        {
            errors.add(Invalid::new("proposed_times", "invalid-time-count").arg("max", MAX_TIMES));
        }
        Self { times, message }
    }
}

/// Checks proposed start times for `topic` between the two `people` (each with the word its
/// message selects on: `you` for the caller, `they` for the other person). Each time must be in the future and not overlap another
/// proposed time (422 naming every bad one), then lie within the community's hours and both
/// people's availability, be clear of both people's meetings, and leave the host under their
/// daily cap (the first conflict is a 409 with its code). Answers the times as ranges.
pub async fn checked_times(
    state: &AppState,
    community: &Community,
    topic: &Topic,
    people: [(&str, MemberId); 2],
    proposal: &Proposal,
) -> Result<Vec<TimeRange>, AppError> {
    let now = state.clock.now();
    let mut errors = InvalidInput::default();
    let minutes = Duration::minutes(i64::from(topic.duration_minutes));
    let mut times: Vec<TimeRange> = Vec::new();
    for (i, start) in proposal.times.iter().enumerate() {
        let field = format!("proposed_times[{i}]");
        let Ok(range) = TimeRange::new(*start, *start + minutes) else {
            errors.push(&field, "invalid-meeting-time");
            continue;
        };
        if *start <= now {
            errors.push(&field, "invalid-in-past");
        } else if times.iter().any(|r| r.overlaps(&range)) {
            errors.push(&field, "invalid-overlaps");
        } else {
            times.push(range);
        }
    }
    errors.into_result()?;
    for (i, range) in times.iter().enumerate() {
        let field = format!("proposed_times[{i}]");
        if let Err(e) = community.calendar.check_within_hours(&field, range) {
            return Err(AppError::conflict_about("outside_hours", e));
        }
        for (who, member) in people {
            if !state.store.is_available(member, range).await? {
                return Err(AppError::conflict_about(
                    "not_available",
                    Invalid::new(&field, "invalid-not-available").arg("who", who),
                ));
            }
            if state.store.is_busy(member, range).await? {
                return Err(AppError::conflict_about(
                    "person_busy",
                    Invalid::new(&field, "invalid-person-busy").arg("who", who),
                ));
            }
        }
        check_daily_cap(state, community, topic.host, &field, range.start()).await?;
    }
    Ok(times)
}

/// `host_full` (about `field`) when `member` has a daily cap and already has that many
/// meetings on the community's local day of `start`.
pub async fn check_daily_cap(
    state: &AppState,
    community: &Community,
    member: MemberId,
    field: &str,
    start: DateTime<Utc>,
) -> Result<(), AppError> {
    let contact = state.store.member_contact(community.id, member).await?;
    let Some(cap) = contact.daily_cap else {
        return Ok(());
    };
    let tz = community.calendar.timezone.tz();
    let day = community.calendar.local_date(start);
    let midnight = |d: chrono::NaiveDate| {
        tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    let (Some(from), Some(to)) = (midnight(day), day.succ_opt().and_then(midnight)) else {
        return Ok(());
    };
    let Ok(range) = TimeRange::new(from, to) else {
        return Ok(());
    };
    if state.store.meetings_in(member, &range).await? >= i64::from(cap) {
        return Err(AppError::conflict_about(
            "host_full",
            Invalid::new(field, "invalid-host-full")
                .arg("name", contact.name)
                .arg("cap", cap)
                .arg("day", day),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_malformed_field_is_named() {
        let raw = vec!["tomorrow".to_string(), "2026-05-12T10:30:00Z".into()];
        let e = Proposal::parse(&raw, Some(&"x".repeat(1001))).unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["proposed_times[0]", "message"]);
        let four = vec!["2026-05-12T10:30:00Z".to_string(); 4];
        assert!(Proposal::parse(&four, None).is_err());
        assert!(Proposal::parse(&[], None).is_err());
        let ok = Proposal::parse(&raw[1..], Some("hi")).unwrap();
        assert_eq!((ok.times.len(), ok.message.as_str()), (1, "hi"));
    }
}

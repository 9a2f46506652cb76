//! Proposed times: parsed at the edge into a [`Proposal`], then checked against the topic,
//! the community's hours, both people's availability and meetings, and the host's daily cap.

use chrono::{DateTime, Duration, TimeZone, Utc};
use peerlearn_domain::{InvalidInput, MemberId, TimeRange};
use peerlearn_store::{Community, Topic};

use super::{MAX_MESSAGE, conflict};
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
                Err(_) => errors.push(
                    format!("proposed_times[{i}]"),
                    format!("\"{text}\" is not an RFC 3339 time like 2026-05-12T10:30:00Z"),
                ),
            }
        }
        if raw.len() > MAX_TIMES {
            errors.push("proposed_times", "propose one to three times");
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
        if message.chars().count() > MAX_MESSAGE {
            errors.push(
                "message",
                format!("must be at most {MAX_MESSAGE} characters"),
            );
        }
        if times.is_empty()
            && !errors
                .errors
                .iter()
                .any(|e| e.field.starts_with("proposed"))
        {
            errors.push("proposed_times", "propose one to three times");
        }
        Self { times, message }
    }
}

/// Checks proposed start times for `topic` between the two `people` (each with how a message
/// names them, e.g. "you are"). Each time must be in the future and not overlap another
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
            errors.push(&field, "is not a valid meeting time");
            continue;
        };
        if *start <= now {
            errors.push(&field, "must be in the future");
        } else if times.iter().any(|r| r.overlaps(&range)) {
            errors.push(&field, "overlaps another proposed time");
        } else {
            times.push(range);
        }
    }
    errors.into_result()?;
    for (i, range) in times.iter().enumerate() {
        let field = format!("proposed_times[{i}]");
        if let Err(e) = community.calendar.check_within_hours(&field, range) {
            return Err(conflict("outside_hours", format!("{field} {}", e.message)));
        }
        for (who, member) in people {
            if !state.store.is_available(member, range).await? {
                return Err(conflict(
                    "not_available",
                    format!("{field}: {who} not available then"),
                ));
            }
            if state.store.is_busy(member, range).await? {
                return Err(conflict(
                    "person_busy",
                    format!("{field}: {who} already in a meeting then"),
                ));
            }
        }
        check_daily_cap(state, community, topic.host, range.start()).await?;
    }
    Ok(times)
}

/// `host_full` when `member` has a daily cap and already has that many meetings on the
/// community's local day of `start`.
pub async fn check_daily_cap(
    state: &AppState,
    community: &Community,
    member: MemberId,
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
        return Err(conflict(
            "host_full",
            format!(
                "{} takes at most {cap} meetings a day and is full on {}; choose another day",
                contact.name,
                day.format("%a %-d %b")
            ),
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

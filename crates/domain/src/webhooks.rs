//! Webhooks: the events an endpoint can subscribe to, and how failed deliveries are retried.

use std::fmt;

use chrono::Duration;

use crate::InvalidInput;

/// Something that happened in a community, as a webhook receiver names it (`meeting.confirmed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    RequestCreated,
    /// Accepted, declined, or answered with other times (`data.outcome` says which).
    RequestAnswered,
    MeetingConfirmed,
    MeetingMoved,
    MeetingCancelled,
    SeatTaken,
    SeatFreed,
    CheckedIn,
    FeedbackGiven,
    NoteShared,
    MemberJoined,
    /// A member left the community, or deleted their account.
    MemberLeft,
}

impl EventType {
    pub const ALL: [EventType; 12] = [
        Self::RequestCreated,
        Self::RequestAnswered,
        Self::MeetingConfirmed,
        Self::MeetingMoved,
        Self::MeetingCancelled,
        Self::SeatTaken,
        Self::SeatFreed,
        Self::CheckedIn,
        Self::FeedbackGiven,
        Self::NoteShared,
        Self::MemberJoined,
        Self::MemberLeft,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestCreated => "request.created",
            Self::RequestAnswered => "request.answered",
            Self::MeetingConfirmed => "meeting.confirmed",
            Self::MeetingMoved => "meeting.moved",
            Self::MeetingCancelled => "meeting.cancelled",
            Self::SeatTaken => "seat.taken",
            Self::SeatFreed => "seat.freed",
            Self::CheckedIn => "meeting.checked_in",
            Self::FeedbackGiven => "feedback.given",
            Self::NoteShared => "note.shared",
            Self::MemberJoined => "member.joined",
            Self::MemberLeft => "member.left",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The event types an endpoint receives: at least one, each once, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTypes(Vec<EventType>);

impl EventTypes {
    /// Reads the names a client sent (`field` names them in errors).
    pub fn parse<S: AsRef<str>>(field: &str, raw: &[S]) -> Result<Self, InvalidInput> {
        let mut out = Vec::new();
        for (i, name) in raw.iter().enumerate() {
            match EventType::parse(name.as_ref().trim()) {
                Some(t) => out.push(t),
                None => {
                    return Err(InvalidInput::one(
                        format!("{field}[{i}]"),
                        "invalid-event-type",
                    ));
                }
            }
        }
        out.sort();
        out.dedup();
        if out.is_empty() {
            return Err(InvalidInput::one(field, "invalid-event-types-empty"));
        }
        Ok(Self(out))
    }

    /// Reads the stored form (`" a b "`); unknown names are skipped.
    pub fn from_stored(stored: &str) -> Self {
        let mut out: Vec<EventType> = stored
            .split_whitespace()
            .filter_map(EventType::parse)
            .collect();
        out.sort();
        out.dedup();
        Self(out)
    }

    /// The stored form: names between spaces, so that `LIKE '% name %'` finds one.
    pub fn to_stored(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|t| t.as_str()).collect();
        format!(" {} ", names.join(" "))
    }

    pub fn contains(&self, t: EventType) -> bool {
        self.0.contains(&t)
    }

    pub fn iter(&self) -> impl Iterator<Item = EventType> + '_ {
        self.0.iter().copied()
    }
}

/// How many times a delivery is attempted before it is given up: the first try and six
/// retries, spread over about 17.5 hours.
pub const DELIVERY_ATTEMPTS: i64 = 7;

/// An endpoint is switched off when its deliveries have failed for this long without one
/// success in between…
pub const FAILING_HOURS_TO_DISABLE: i64 = 24;
/// …or when this many deliveries in a row were given up.
pub const FAILED_DELIVERIES_TO_DISABLE: i64 = 5;

/// How long to wait after failed attempt number `attempt` (1 for the first) before the next,
/// or `None` when that was the last: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h.
pub fn retry_delay(attempt: i64) -> Option<Duration> {
    Some(match attempt {
        ..=1 => Duration::seconds(5),
        2 => Duration::minutes(5),
        3 => Duration::minutes(30),
        4 => Duration::hours(2),
        5 => Duration::hours(5),
        6 => Duration::hours(10),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert_eq!(EventType::parse("meeting"), None);
    }

    #[test]
    fn event_types_are_a_set_that_is_not_empty() {
        let t = EventTypes::parse(
            "event_types",
            &["seat.taken", "request.created", "seat.taken"],
        )
        .unwrap();
        assert_eq!(t.to_stored(), " request.created seat.taken ");
        assert_eq!(EventTypes::from_stored(&t.to_stored()), t);
        let e = EventTypes::parse::<&str>("event_types", &[]).unwrap_err();
        assert_eq!(e.errors[0].field, "event_types");
        let e = EventTypes::parse("event_types", &["seat.taken", "nope"]).unwrap_err();
        assert_eq!(e.errors[0].field, "event_types[1]");
    }

    #[test]
    fn retries_back_off_for_most_of_a_day_then_stop() {
        let total: i64 = (1..DELIVERY_ATTEMPTS)
            .map(|a| retry_delay(a).unwrap().num_seconds())
            .sum();
        assert!(total > 12 * 3600 && total < 24 * 3600, "{total}");
        assert_eq!(retry_delay(DELIVERY_ATTEMPTS), None);
        for a in 1..DELIVERY_ATTEMPTS - 1 {
            assert!(retry_delay(a) < retry_delay(a + 1));
        }
    }
}

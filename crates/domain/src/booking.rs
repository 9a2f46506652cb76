//! The states of requests and meetings and the roles in a meeting, as stored and shown. The
//! schema's CHECK constraints allow exactly these words.

use crate::Invalid;

word_enum! {
    /// A meeting, or one person's place in it: confirmed, or cancelled.
    MeetingStatus { Confirmed = "confirmed", Cancelled = "cancelled" }
}

word_enum! {
    /// A person's part in a meeting: the topic's host, or a participant.
    ParticipantRole { Host = "host", Participant = "participant" }
}

word_enum! {
    /// Where a request to meet stands. `Expired` is never stored: it is a pending request
    /// whose proposed times have all passed.
    RequestStatus {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        Withdrawn = "withdrawn",
        Expired = "expired",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::parse("status", s.as_str()).unwrap(), *s);
        }
        for r in ParticipantRole::ALL {
            assert_eq!(ParticipantRole::parse("role", r.as_str()).unwrap(), *r);
        }
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse("status", s.as_str()).unwrap(), *s);
        }
        assert!(MeetingStatus::parse("status", "tentative").is_err());
    }
}

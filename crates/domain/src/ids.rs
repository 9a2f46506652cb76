//! Typed ids. Stored as 64-bit integers, shown to clients as strings.

use std::fmt;
use std::str::FromStr;

/// Text that is not an id in its one written form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnId;

impl fmt::Display for NotAnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an id")
    }
}

impl std::error::Error for NotAnId {}

/// Reads an id written the one way ids are written: decimal digits without a sign, spaces
/// or leading zeros (`7`, never `07`, `+7` or ` 7`), so one resource has one address.
pub fn parse_id(s: &str) -> Result<i64, NotAnId> {
    let canonical =
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
    if canonical {
        s.parse().map_err(|_| NotAnId)
    } else {
        Err(NotAnId)
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = NotAnId;
            fn from_str(s: &str) -> Result<Self, NotAnId> {
                parse_id(s).map($name)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A person's account, across communities.
    UserId
);
id_type!(
    /// A community (event or ongoing space).
    CommunityId
);
id_type!(
    /// A person's membership in one community.
    MemberId
);
id_type!(
    /// A table, room or virtual room of a community.
    SpotId
);
id_type!(
    /// Something a member offers to share or asks to learn.
    TopicId
);
id_type!(
    /// A request to meet on a topic.
    RequestId
);
id_type!(
    /// A confirmed learning conversation.
    MeetingId
);
id_type!(
    /// What someone learned, shared into the community's knowledge base.
    NoteId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_strings_to_clients() {
        assert_eq!(serde_json::to_string(&UserId(42)).unwrap(), "\"42\"");
        assert_eq!("17".parse::<CommunityId>().unwrap(), CommunityId(17));
        assert!("x17".parse::<CommunityId>().is_err());
    }

    #[test]
    fn an_id_has_one_written_form() {
        assert_eq!("0".parse::<TopicId>(), Ok(TopicId(0)));
        assert_eq!(
            "9223372036854775807".parse::<TopicId>(),
            Ok(TopicId(i64::MAX))
        );
        for bad in [
            "",
            "01",
            "00",
            "+1",
            "-1",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "１",
            "9223372036854775808",
        ] {
            assert_eq!(bad.parse::<TopicId>(), Err(NotAnId), "{bad:?}");
        }
    }
}
id_type!(
    /// A question asked in a community.
    QuestionId
);
id_type!(
    /// An answer to a question.
    AnswerId
);
id_type!(
    /// A member's report of content to the moderators.
    ReportId
);
id_type!(
    /// An endpoint an organizer registered to receive the community's events.
    WebhookId
);
id_type!(
    /// One event sent (or to send) to one webhook endpoint.
    DeliveryId
);
id_type!(
    /// A "meet now" pairing proposed to two free members.
    NowProposalId
);

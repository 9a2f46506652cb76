//! Typed ids. Stored as 64-bit integers, shown to clients as strings.

use std::fmt;
use std::str::FromStr;

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
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse::<i64>().map($name)
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

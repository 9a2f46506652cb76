//! Topics: what members offer to share or ask to learn, and how they want to meet.

use crate::error::Invalid;

word_enum!(
    /// `offer`: I can share this. `ask`: I want to learn this.
    TopicKind { Offer = "offer", Ask = "ask" }
);
word_enum!(
    /// A conversation between two people, or a small group.
    TopicFormat { OneOnOne = "one_on_one", Group = "group" }
);
word_enum!(
    /// Where the conversation can happen.
    MeetingMode { InPerson = "in_person", Virtual = "virtual", Either = "either" }
);

impl TopicKind {
    /// How the kind reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            TopicKind::Offer => "can share",
            TopicKind::Ask => "wants to learn",
        }
    }
}

impl TopicFormat {
    pub fn label(self) -> &'static str {
        match self {
            TopicFormat::OneOnOne => "one-on-one",
            TopicFormat::Group => "group",
        }
    }
}

impl MeetingMode {
    pub fn label(self) -> &'static str {
        match self {
            MeetingMode::InPerson => "in person",
            MeetingMode::Virtual => "by video",
            MeetingMode::Either => "in person or by video",
        }
    }
}

/// How long a meeting lasts, in minutes: one of the community's allowed durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Minutes(u32);

impl Minutes {
    /// The durations a community offers unless it says otherwise.
    pub const DEFAULT_ALLOWED: &'static [u32] = &[15, 30, 45, 60, 90];

    pub fn parse(field: &str, raw: i64, allowed: &[u32]) -> Result<Self, Invalid> {
        match u32::try_from(raw) {
            Ok(m) if allowed.contains(&m) => Ok(Self(m)),
            _ => Err(Invalid::new(field, "invalid-duration").arg(
                "choices",
                allowed
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        }
    }

    /// The default duration of a format: 30 minutes one-on-one, 45 for a group.
    pub fn default_for(format: TopicFormat) -> Self {
        match format {
            TopicFormat::OneOnOne => Self(30),
            TopicFormat::Group => Self(45),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// How many people a group topic takes besides its host: 2 up to the community's maximum.
pub fn parse_group_capacity(raw: Option<i64>, max: u32) -> Result<u32, Invalid> {
    let value = raw.unwrap_or(i64::from(max.min(4)));
    match u32::try_from(value) {
        Ok(c) if (2..=max).contains(&c) => Ok(c),
        _ => Err(Invalid::new("capacity", "invalid-group-size").arg("max", max)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_come_from_the_allowed_list() {
        assert_eq!(
            Minutes::parse("d", 30, Minutes::DEFAULT_ALLOWED)
                .unwrap()
                .get(),
            30
        );
        let err = Minutes::parse("duration_minutes", 20, &[30, 45]).unwrap_err();
        assert_eq!(err.id, "invalid-duration");
        assert_eq!(err.get("choices"), Some(&crate::Arg::from("30, 45")));
        assert!(Minutes::parse("d", -30, &[30]).is_err());
        assert_eq!(Minutes::default_for(TopicFormat::Group).get(), 45);
    }

    #[test]
    fn group_capacity_is_bounded_by_the_community() {
        assert_eq!(parse_group_capacity(None, 6).unwrap(), 4);
        assert_eq!(parse_group_capacity(None, 3).unwrap(), 3);
        assert_eq!(parse_group_capacity(Some(6), 6).unwrap(), 6);
        assert!(parse_group_capacity(Some(7), 6).is_err());
        assert!(parse_group_capacity(Some(1), 6).is_err());
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(TopicKind::parse("kind", "ask").unwrap(), TopicKind::Ask);
        assert!(TopicFormat::parse("format", "pair").is_err());
        assert_eq!(MeetingMode::Either.label(), "in person or by video");
    }
}

//! Mixer rounds: the settings of a preview, and what publishing them needs (when round 1
//! starts, how long rounds last, the break between them, a title and where groups meet).

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    BoundedText, CommunityCalendar, Invalid, InvalidInput, MeetingMode, Minutes, TimeRange,
};
use serde::Deserialize;
use utoipa::ToSchema;

/// How long a round can last, in minutes.
pub const ROUND_MINUTES: &[u32] = &[10, 15, 20, 25, 30, 45, 60];
/// The longest break between two rounds, in minutes.
pub const MAX_BREAK_MINUTES: i64 = 60;

/// Groups and rounds of a preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MixerSettings {
    /// People per group, 2 to 12.
    pub group_size: usize,
    /// Rounds wanted, 1 to 20.
    pub rounds: usize,
}

impl MixerSettings {
    /// Reads the two numbers, collecting their errors.
    pub fn parse(
        group_size: Option<i64>,
        rounds: Option<i64>,
        errors: &mut InvalidInput,
    ) -> Option<Self> {
        let number = |field: &str,
                      raw: Option<i64>,
                      min: i64,
                      max: i64,
                      errors: &mut InvalidInput| {
            match raw.filter(|n| (min..=max).contains(n)) {
                Some(n) => usize::try_from(n).ok(),
                None => {
                    errors.add(
                        Invalid::new(field, "invalid-number-between")
                            .arg("min", min)
                            .arg("max", max),
                    );
                    None
                }
            }
        };
        let group_size = number("group_size", group_size, 2, 12, errors);
        let rounds = number("rounds", rounds, 1, 20, errors);
        Some(Self {
            group_size: group_size?,
            rounds: rounds?,
        })
    }
}

/// Publish mixer rounds: the community's members in groups of about `group_size` for
/// `rounds` rounds (nobody meeting the same person twice), each group an ordinary meeting
/// its people are told about.
#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct MixerInput {
    /// People per group, 2 to 12 (default 4).
    #[schema(example = 4)]
    pub group_size: Option<i64>,
    /// Rounds wanted, 1 to 20 (default 3; fewer are published when no more are possible
    /// without anyone meeting twice).
    #[schema(example = 3)]
    pub rounds: Option<i64>,
    /// When round 1 starts (RFC 3339); every round must lie within the community's hours.
    #[schema(example = "2026-05-12T15:00:00Z")]
    pub starts_at: String,
    /// How long each round lasts: 10, 15, 20, 25, 30, 45 or 60 minutes (default 20).
    #[schema(example = 20)]
    pub round_minutes: Option<i64>,
    /// Minutes between two rounds, 0 to 60 (default 0).
    #[schema(example = 5)]
    pub break_minutes: Option<i64>,
    /// Names the groups' meetings ("Coffee mixer — round 1, group 2"); "Mixer" by default.
    #[schema(example = "Coffee mixer")]
    pub title: Option<String>,
    /// `in_person` (the default: every group needs a free table or room), `virtual` or
    /// `either` (a table or room when one is free, else a video link).
    #[schema(example = "in_person")]
    pub mode: Option<String>,
    /// The fingerprint of the rounds the organizer looked at on the Mixer page: when given and the
    /// rounds made now differ (members joined or changed their interests), nothing is
    /// published (409 `mixer_changed`).
    pub preview: Option<String>,
}

/// Mixer rounds to publish, parsed.
#[derive(Debug, Clone)]
pub struct MixerPublication {
    pub settings: MixerSettings,
    pub start: DateTime<Utc>,
    pub round: Minutes,
    /// Minutes between rounds.
    pub pause: i64,
    /// The organizer's title, if they gave one.
    pub title: Option<BoundedText>,
    pub mode: MeetingMode,
    pub preview: Option<String>,
}

impl MixerPublication {
    /// When round `index` (from 0) happens.
    pub fn round_time(&self, index: usize) -> Option<TimeRange> {
        let length = i64::from(self.round.get());
        let offset = i64::try_from(index).ok()? * (length + self.pause);
        let start = self.start + Duration::minutes(offset);
        TimeRange::new(start, start + Duration::minutes(length)).ok()
    }
}

impl MixerInput {
    /// Parses every field, collecting every error; round 1 must start in the future and lie
    /// within the community's hours (the later rounds are checked once they are planned).
    pub fn parse(
        &self,
        calendar: &CommunityCalendar,
        now: DateTime<Utc>,
    ) -> Result<MixerPublication, InvalidInput> {
        let mut errors = InvalidInput::default();
        let settings = MixerSettings::parse(
            Some(self.group_size.unwrap_or(4)),
            Some(self.rounds.unwrap_or(3)),
            &mut errors,
        );
        let round = errors.check(Minutes::parse(
            "round_minutes",
            self.round_minutes.unwrap_or(20),
            ROUND_MINUTES,
        ));
        let pause = self.break_minutes.unwrap_or(0);
        if !(0..=MAX_BREAK_MINUTES).contains(&pause) {
            errors.add(
                Invalid::new("break_minutes", "invalid-number-between")
                    .arg("min", 0_i64)
                    .arg("max", MAX_BREAK_MINUTES),
            );
        }
        let title = match self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(t) => errors.check(BoundedText::parse("title", t, 3, 100, false)),
            None => None,
        };
        let mode = match self
            .mode
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            Some(m) => errors.check(MeetingMode::parse("mode", m)),
            None => Some(MeetingMode::InPerson),
        };
        let raw = self.starts_at.trim();
        let start = if raw.is_empty() {
            errors.push("starts_at", "invalid-instant-example");
            None
        } else {
            match DateTime::parse_from_rfc3339(raw) {
                Ok(t) => Some(t.with_timezone(&Utc)),
                Err(_) => {
                    errors.add(Invalid::new("starts_at", "invalid-instant").arg("value", raw));
                    None
                }
            }
        };
        if let Some(start) = start {
            if start <= now {
                errors.push("starts_at", "invalid-in-past");
            } else if let Some(round) = round
                && let Ok(first) =
                    TimeRange::new(start, start + Duration::minutes(i64::from(round.get())))
            {
                errors.check(calendar.check_within_hours("starts_at", &first));
            }
        }
        match (settings, start, round, mode) {
            (Some(settings), Some(start), Some(round), Some(mode)) if errors.is_empty() => {
                Ok(MixerPublication {
                    settings,
                    start,
                    round,
                    pause,
                    title,
                    mode,
                    preview: self.preview.clone().filter(|p| !p.is_empty()),
                })
            }
            _ => Err(errors),
        }
    }
}

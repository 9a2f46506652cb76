//! After the meeting: when check-in is open, what feedback holds, and when a missing partner
//! counts as a no-show.

use chrono::{DateTime, Duration, Utc};

use crate::error::{Invalid, InvalidInput};
use crate::text::BoundedText;
use crate::time_range::TimeRange;

/// Check-in opens this many minutes before a meeting starts (and closes at its end).
pub const CHECK_IN_OPENS_MINUTES: i64 = 10;
/// A one-on-one partner who has not checked in this many minutes after the start is missing:
/// the waiting member is offered a stand-by.
pub const NO_SHOW_GRACE_MINUTES: i64 = 5;
/// This many no-shows within [`NO_SHOW_WINDOW_DAYS`] pause a member's recommendations.
pub const NO_SHOWS_TO_PAUSE: i64 = 2;
pub const NO_SHOW_WINDOW_DAYS: i64 = 60;
/// Days after the feedback that the "did you try it?" check-back is asked.
pub const CHECK_BACK_DAYS: i64 = 30;

word_enum!(
    /// How a member checked in: the button on the meeting page, or the spot's QR code.
    CheckInMethod { Button = "button", Qr = "qr" }
);

word_enum!(
    /// The answer to the check-back: did you try what you said you would?
    Tried { Yes = "yes", NotYet = "not_yet", No = "no" }
);

/// Whether check-in is open at `now` for a meeting at `time`.
pub fn check_in_open(time: &TimeRange, now: DateTime<Utc>) -> Result<(), CheckInClosed> {
    if now < time.start() - Duration::minutes(CHECK_IN_OPENS_MINUTES) {
        Err(CheckInClosed::TooEarly)
    } else if now >= time.end() {
        Err(CheckInClosed::Over)
    } else {
        Ok(())
    }
}

/// When a check-in counts from: the moment the member tapped "Check in" on a phone with no
/// connection (sent later with the saved check-in) when it lies within the meeting's check-in
/// window and not after `now`; otherwise `now`. Check [`check_in_open`] on the answer.
pub fn check_in_time(
    time: &TimeRange,
    tapped: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    match tapped {
        Some(t) if t <= now && check_in_open(time, t).is_ok() => t,
        _ => now,
    }
}

/// Why check-in is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInClosed {
    TooEarly,
    Over,
}

impl CheckInClosed {
    pub fn code(self) -> &'static str {
        match self {
            Self::TooEarly => "check_in_not_open",
            Self::Over => "meeting_over",
        }
    }

    pub fn message(self) -> String {
        match self {
            Self::TooEarly => {
                format!("check-in opens {CHECK_IN_OPENS_MINUTES} minutes before the meeting starts")
            }
            Self::Over => "the meeting is over; check-in is closed".into(),
        }
    }
}

/// Feedback is asked once the meeting has ended; a participant who checked in may give it as
/// soon as the conversation has started (people often write it walking away).
pub fn feedback_open(time: &TimeRange, now: DateTime<Utc>, checked_in: bool) -> bool {
    now >= time.end() || (checked_in && now >= time.start())
}

/// One participant's feedback, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// One thing I learned (may be empty).
    pub learned: String,
    /// One thing I will try (may be empty).
    pub will_try: String,
    /// Private 1–5 rating, seen by nobody else.
    pub rating: Option<u8>,
    /// A thank-you the host sees.
    pub thanks: String,
    /// Share "one thing I learned" (and the link) as a note in the knowledge base.
    pub share: bool,
    /// Show my name on the shared note.
    pub named: bool,
    /// An optional link shared with the note (http or https).
    pub link: String,
}

/// Raw feedback fields, as a form or JSON body gives them.
#[derive(Debug, Clone, Default)]
pub struct FeedbackInput<'a> {
    pub learned: &'a str,
    pub will_try: &'a str,
    pub rating: Option<i64>,
    pub thanks: &'a str,
    pub share: bool,
    pub named: bool,
    pub link: &'a str,
}

impl Feedback {
    pub fn parse(input: &FeedbackInput<'_>) -> Result<Self, InvalidInput> {
        let mut errors = InvalidInput::default();
        let text = |field: &str, raw: &str, max: usize| {
            BoundedText::parse(field, raw, 0, max, true).map(BoundedText::into_string)
        };
        let learned = errors.check(text("learned", input.learned, 1000));
        let will_try = errors.check(text("will_try", input.will_try, 1000));
        let thanks = errors.check(text("thanks", input.thanks, 1000));
        let rating = match input.rating {
            None => None,
            Some(r @ 1..=5) => Some(r as u8),
            Some(_) => {
                errors.add(
                    Invalid::new("rating", "invalid-between")
                        .arg("min", 1_i64)
                        .arg("max", 5_i64),
                );
                None
            }
        };
        let link = errors.check(parse_link(input.link));
        if let Some(l) = &learned
            && input.share
            && l.is_empty()
        {
            errors.push("learned", "invalid-share-needs-learned");
        }
        if let (Some(learned), Some(will_try), Some(thanks)) = (&learned, &will_try, &thanks)
            && learned.is_empty()
            && will_try.is_empty()
            && thanks.is_empty()
            && rating.is_none()
        {
            errors.push("learned", "invalid-feedback-empty");
        }
        errors.into_result()?;
        Ok(Self {
            learned: learned.unwrap_or_default(),
            will_try: will_try.unwrap_or_default(),
            rating,
            thanks: thanks.unwrap_or_default(),
            share: input.share,
            named: input.named && input.share,
            link: link.unwrap_or_default(),
        })
    }
}

/// An optional web link: empty, or an absolute http(s) URL without spaces.
fn parse_link(raw: &str) -> Result<String, Invalid> {
    let link = raw.trim();
    if link.is_empty() {
        return Ok(String::new());
    }
    let ok = (link.starts_with("https://") || link.starts_with("http://"))
        && link.len() <= 500
        && link.len() > "https://".len()
        && !link.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(link.to_string())
    } else {
        Err(Invalid::new("link", "invalid-link").arg("max", 500_i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + minutes * 60, 0).unwrap()
    }

    fn meeting() -> TimeRange {
        TimeRange::new(at(0), at(30)).unwrap()
    }

    #[test]
    fn check_in_opens_ten_minutes_early_and_closes_at_the_end() {
        assert_eq!(
            check_in_open(&meeting(), at(-11)),
            Err(CheckInClosed::TooEarly)
        );
        assert!(check_in_open(&meeting(), at(-10)).is_ok());
        assert!(check_in_open(&meeting(), at(29)).is_ok());
        assert_eq!(check_in_open(&meeting(), at(30)), Err(CheckInClosed::Over));
    }

    #[test]
    fn a_check_in_counts_from_the_tap_when_it_lies_in_the_window_and_is_not_ahead() {
        let m = meeting();
        assert_eq!(check_in_time(&m, None, at(5)), at(5));
        assert_eq!(check_in_time(&m, Some(at(3)), at(45)), at(3));
        assert_eq!(check_in_time(&m, Some(at(-10)), at(45)), at(-10));
        assert_eq!(check_in_time(&m, Some(at(-11)), at(45)), at(45));
        assert_eq!(check_in_time(&m, Some(at(30)), at(45)), at(45));
        assert_eq!(
            check_in_time(&m, Some(at(6)), at(5)),
            at(5),
            "not ahead of now"
        );
    }

    #[test]
    fn feedback_opens_at_the_end_or_once_checked_in_and_started() {
        assert!(!feedback_open(&meeting(), at(10), false));
        assert!(feedback_open(&meeting(), at(10), true));
        assert!(!feedback_open(&meeting(), at(-5), true));
        assert!(feedback_open(&meeting(), at(30), false));
    }

    fn input() -> FeedbackInput<'static> {
        FeedbackInput {
            learned: "  Property tests find edge cases  ",
            will_try: "",
            rating: Some(5),
            thanks: "",
            share: true,
            named: true,
            link: "",
        }
    }

    #[test]
    fn feedback_is_trimmed_and_kept() {
        let f = Feedback::parse(&input()).unwrap();
        assert_eq!(f.learned, "Property tests find edge cases");
        assert_eq!(f.rating, Some(5));
        assert!(f.share && f.named);
    }

    #[test]
    fn bad_feedback_names_every_field() {
        let bad = FeedbackInput {
            rating: Some(6),
            link: "javascript:alert(1)",
            ..input()
        };
        let err = Feedback::parse(&bad).unwrap_err();
        assert!(err.reason_for("rating").is_some());
        assert!(err.reason_for("link").is_some());
    }

    #[test]
    fn sharing_needs_something_learned_and_empty_feedback_is_refused() {
        let share_nothing = FeedbackInput {
            learned: " ",
            ..input()
        };
        assert!(
            Feedback::parse(&share_nothing)
                .unwrap_err()
                .reason_for("learned")
                .is_some()
        );
        let empty = FeedbackInput::default();
        assert!(Feedback::parse(&empty).is_err());
    }

    #[test]
    fn a_name_is_only_kept_on_a_shared_note() {
        let private = FeedbackInput {
            share: false,
            named: true,
            ..input()
        };
        assert!(!Feedback::parse(&private).unwrap().named);
    }
}

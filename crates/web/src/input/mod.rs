//! Input shapes shared by the JSON API and the HTML forms, and their parsing into domain
//! types. Every field error is collected, so a form can show all of them at once.

use peerlearn_domain::{
    BoundedText, Capacity, CommunityCalendar, CommunityKind, CommunityLanguage, DayHours,
    DisplayName, Email, EventDates, Invalid, InvalidInput, JoinPolicy, Languages, Password,
    ProfileText, SpotKind, TagList, TimeRange, Timezone,
};
use peerlearn_store::{NewCommunity, NewSpot, ProfileUpdate};
use serde::Deserialize;
use utoipa::ToSchema;

/// Sign up.
#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct SignupInput {
    #[schema(example = "ana@example.org")]
    pub email: String,
    #[schema(example = "correct horse battery")]
    pub password: String,
    #[schema(example = "Ana Lima")]
    pub display_name: String,
}

pub struct Signup {
    pub email: Email,
    pub password: Password,
    pub display_name: DisplayName,
}

impl SignupInput {
    pub fn parse(&self) -> Result<Signup, InvalidInput> {
        let mut errors = InvalidInput::default();
        let email = errors.check(Email::parse(&self.email));
        let password = errors.check(Password::parse(&self.password));
        let display_name = errors.check(DisplayName::parse(&self.display_name));
        match (email, password, display_name) {
            (Some(email), Some(password), Some(display_name)) if errors.is_empty() => Ok(Signup {
                email,
                password,
                display_name,
            }),
            _ => Err(errors),
        }
    }
}

/// Sign in (or create an API token).
#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct CredentialsInput {
    pub email: String,
    pub password: String,
}

/// A community's settings.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct CommunityInput {
    #[schema(example = "RustConf 2026")]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `event` (with dates) or `ongoing`.
    #[schema(example = "event")]
    pub kind: String,
    #[schema(example = "Europe/Lisbon")]
    pub timezone: String,
    #[schema(example = "2026-05-12")]
    pub starts_on: Option<String>,
    #[schema(example = "2026-05-13")]
    pub ends_on: Option<String>,
    #[schema(example = "09:00")]
    pub day_start: String,
    #[schema(example = "18:00")]
    pub day_end: String,
    /// `open` or `invite`.
    #[schema(example = "open")]
    pub join_policy: String,
    /// `en` or `fr`: the language of pages and messages for people whose own is not known.
    /// Left out: English for a new community, unchanged for an update.
    #[serde(default)]
    #[schema(example = "fr")]
    pub language: Option<String>,
}

impl CommunityInput {
    pub fn parse(&self) -> Result<NewCommunity, InvalidInput> {
        let mut errors = InvalidInput::default();
        let name = errors.check(BoundedText::parse("name", &self.name, 1, 120, false));
        let description = errors.check(BoundedText::parse(
            "description",
            &self.description,
            0,
            4000,
            true,
        ));
        let kind = errors.check(CommunityKind::parse("kind", &self.kind));
        let timezone = errors.check(Timezone::parse(&self.timezone));
        let hours = errors.check(DayHours::parse(&self.day_start, &self.day_end));
        let join_policy = errors.check(JoinPolicy::parse("join_policy", &self.join_policy));
        let language = match self.language.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => errors.check(CommunityLanguage::parse("language", raw)),
        };
        let nonempty = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let dates = match (kind, nonempty(&self.starts_on), nonempty(&self.ends_on)) {
            (Some(CommunityKind::Event), Some(s), Some(e)) => {
                errors.check(EventDates::parse(&s, &e))
            }
            (Some(CommunityKind::Event), s, _) => {
                let field = if s.is_none() { "starts_on" } else { "ends_on" };
                errors.push(field, "invalid-event-needs-dates");
                None
            }
            _ => None,
        };
        match (name, description, kind, timezone, hours, join_policy) {
            (
                Some(name),
                Some(description),
                Some(kind),
                Some(timezone),
                Some(hours),
                Some(join_policy),
            ) if errors.is_empty() => Ok(NewCommunity {
                name,
                description,
                kind,
                calendar: CommunityCalendar {
                    timezone,
                    hours,
                    dates,
                },
                join_policy,
                language,
            }),
            _ => Err(errors),
        }
    }
}

/// A member's profile in one community.
#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct ProfileInput {
    #[serde(default)]
    #[schema(example = "Data engineer who loves SQL")]
    pub headline: String,
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    #[schema(example = "Platform")]
    pub team: String,
    #[serde(default)]
    #[schema(example = json!(["English", "Português"]))]
    pub languages: Vec<String>,
    /// Tags the member can share.
    #[serde(default)]
    #[schema(example = json!(["postgresql", "rust"]))]
    pub offers: Vec<String>,
    /// Tags the member wants to learn.
    #[serde(default)]
    #[schema(example = json!(["kubernetes"]))]
    pub wants: Vec<String>,
    /// The most meetings the member takes in one day (1 to 20); absent or null: no cap.
    #[serde(default)]
    pub daily_cap: Option<i64>,
}

impl ProfileInput {
    pub fn parse(&self) -> Result<ProfileUpdate, InvalidInput> {
        let mut errors = InvalidInput::default();
        let text = errors.check(ProfileText::parse(&self.headline, &self.bio, &self.team));
        let languages = errors.check(Languages::parse(self.languages.iter().map(String::as_str)));
        let offers = errors.check(TagList::parse(
            "offers",
            self.offers.iter().map(String::as_str),
        ));
        let wants = errors.check(TagList::parse(
            "wants",
            self.wants.iter().map(String::as_str),
        ));
        let daily_cap = match self.daily_cap {
            None => None,
            Some(c) if (1..=20).contains(&c) => u32::try_from(c).ok(),
            Some(_) => {
                errors.add(Invalid::new("daily_cap", "invalid-daily-cap").arg("max", 20_u32));
                None
            }
        };
        match (text, languages, offers, wants) {
            (Some(text), Some(languages), Some(offers), Some(wants)) if errors.is_empty() => {
                Ok(ProfileUpdate {
                    text,
                    languages,
                    offers,
                    wants,
                    daily_cap,
                })
            }
            _ => Err(errors),
        }
    }
}

/// One availability window.
#[derive(Debug, Deserialize, ToSchema, Clone)]
pub struct WindowInput {
    #[schema(example = "2026-05-12T09:00:00Z")]
    pub start: String,
    #[schema(example = "2026-05-12T11:00:00Z")]
    pub end: String,
}

/// A member's availability: replaces all their windows.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AvailabilityInput {
    pub windows: Vec<WindowInput>,
}

/// At most this many windows per member.
pub const MAX_WINDOWS: usize = 400;

/// Parses windows, checks each against the community's hours and dates, and merges them.
pub fn parse_windows(
    calendar: &CommunityCalendar,
    windows: &[WindowInput],
) -> Result<Vec<TimeRange>, InvalidInput> {
    let mut errors = InvalidInput::default();
    if windows.len() > MAX_WINDOWS {
        errors.add(Invalid::new("windows", "invalid-too-many-windows").arg("max", MAX_WINDOWS));
        return Err(errors);
    }
    let mut ranges = Vec::with_capacity(windows.len());
    for (i, w) in windows.iter().enumerate() {
        let field = format!("windows[{i}]");
        if let Some(r) = errors.check(TimeRange::parse(&field, &w.start, &w.end))
            && errors
                .check(calendar.check_within_hours(&field, &r))
                .is_some()
        {
            ranges.push(r);
        }
    }
    errors.into_result()?;
    Ok(TimeRange::merge(ranges))
}

/// A spot.
#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct SpotInput {
    #[schema(example = "Table 3")]
    pub name: String,
    /// `table`, `room` or `virtual`.
    #[schema(example = "table")]
    pub kind: String,
    #[schema(example = 4)]
    pub capacity: i64,
}

impl SpotInput {
    pub fn parse(&self) -> Result<NewSpot, InvalidInput> {
        let mut errors = InvalidInput::default();
        let name = errors.check(BoundedText::parse("name", &self.name, 1, 80, false));
        let kind = errors.check(SpotKind::parse("kind", &self.kind));
        let capacity = errors.check(Capacity::parse("capacity", self.capacity));
        match (name, kind, capacity) {
            (Some(name), Some(kind), Some(capacity)) if errors.is_empty() => Ok(NewSpot {
                name,
                kind,
                capacity,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn community_input_reports_every_bad_field() {
        let input = CommunityInput {
            name: "".into(),
            kind: "event".into(),
            timezone: "Nowhere/City".into(),
            day_start: "18:00".into(),
            day_end: "09:00".into(),
            join_policy: "closed".into(),
            ..Default::default()
        };
        let err = input.parse().unwrap_err();
        let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["name", "timezone", "day_end", "join_policy", "starts_on"]
        );
    }

    #[test]
    fn ongoing_communities_need_no_dates() {
        let input = CommunityInput {
            name: "Guild".into(),
            kind: "ongoing".into(),
            timezone: "UTC".into(),
            day_start: "09:00".into(),
            day_end: "17:00".into(),
            join_policy: "invite".into(),
            ..Default::default()
        };
        let c = input.parse().unwrap();
        assert!(c.calendar.dates.is_none());
    }
}

/// A topic to post.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct TopicInput {
    /// `offer` (I can share) or `ask` (I want to learn).
    #[schema(example = "offer")]
    pub kind: String,
    #[schema(example = "Property-based testing in 30 minutes")]
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    #[schema(example = json!(["testing", "rust"]))]
    pub tags: Vec<String>,
    /// `one_on_one` or `group`.
    #[schema(example = "one_on_one")]
    pub format: String,
    /// Seats of a group (2 to the community's maximum); ignored for one-on-one.
    pub capacity: Option<i64>,
    /// `in_person`, `virtual` or `either`.
    #[schema(example = "either")]
    pub mode: String,
    /// One of the community's durations; default 30 (one-on-one) or 45 (group).
    pub duration_minutes: Option<i64>,
    /// A fixed time for a group topic (RFC 3339).
    pub starts_at: Option<String>,
}

impl TopicInput {
    pub fn parse(
        &self,
        community: &peerlearn_store::Community,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<peerlearn_store::NewTopic, InvalidInput> {
        use peerlearn_domain::{
            MeetingMode, Minutes, TopicFormat, TopicKind, parse_group_capacity,
        };
        let mut errors = InvalidInput::default();
        let kind = errors.check(TopicKind::parse("kind", &self.kind));
        let text = topic_text(&mut errors, &self.title, &self.description, &self.tags);
        let format = errors.check(TopicFormat::parse("format", &self.format));
        let mode = errors.check(MeetingMode::parse("mode", &self.mode));
        let capacity = match format {
            Some(TopicFormat::Group) => errors.check(parse_group_capacity(
                self.capacity,
                community.max_group_capacity,
            )),
            _ => Some(1),
        };
        let duration = format.and_then(|f| match self.duration_minutes {
            Some(d) => errors.check(Minutes::parse(
                "duration_minutes",
                d,
                Minutes::DEFAULT_ALLOWED,
            )),
            None => Some(Minutes::default_for(f)),
        });
        let starts_at = match self
            .starts_at
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(_) if format == Some(TopicFormat::OneOnOne) => {
                errors.push("starts_at", "invalid-fixed-time-one-on-one");
                None
            }
            Some(raw) => match chrono::DateTime::parse_from_rfc3339(raw) {
                Err(_) => {
                    errors.add(Invalid::new("starts_at", "invalid-instant").arg("value", raw));
                    None
                }
                Ok(t) => {
                    let start = t.with_timezone(&chrono::Utc);
                    if start <= now {
                        errors.push("starts_at", "invalid-in-past");
                    } else if let Some(d) = duration {
                        let end = start + chrono::Duration::minutes(i64::from(d.get()));
                        if let Ok(range) = TimeRange::new(start, end) {
                            errors
                                .check(community.calendar.check_within_hours("starts_at", &range));
                        }
                    }
                    Some(start)
                }
            },
        };
        match (kind, text, format, capacity, mode, duration) {
            (Some(kind), Some(text), Some(format), Some(capacity), Some(mode), Some(duration))
                if errors.is_empty() =>
            {
                Ok(peerlearn_store::NewTopic {
                    kind,
                    title: text.title,
                    description_html: text.description_html,
                    description: text.description,
                    tags: text.tags,
                    format,
                    capacity,
                    mode,
                    duration,
                    starts_at,
                })
            }
            _ => Err(errors),
        }
    }
}

/// What may change of a posted topic: its title, description and tags (the rest stays as
/// posted). They are checked as when posting.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct TopicEditInput {
    #[schema(example = "Property-based testing in 30 minutes")]
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// Replaces the topic's tags (at most 10).
    #[serde(default)]
    #[schema(example = json!(["testing", "rust"]))]
    pub tags: Vec<String>,
}

impl TopicEditInput {
    pub fn parse(&self) -> Result<peerlearn_store::TopicEdit, InvalidInput> {
        let mut errors = InvalidInput::default();
        match topic_text(&mut errors, &self.title, &self.description, &self.tags) {
            Some(text) if errors.is_empty() => Ok(text),
            _ => Err(errors),
        }
    }
}

/// The text of a topic, as posted or edited: a title of 3 to 140 characters, a Markdown
/// description of at most 8000 (rendered to safe HTML here, once) and at most 10 tags. Every
/// bad field is added to `errors`.
fn topic_text(
    errors: &mut InvalidInput,
    title: &str,
    description: &str,
    tags: &[String],
) -> Option<peerlearn_store::TopicEdit> {
    let title = errors.check(BoundedText::parse("title", title, 3, 140, false));
    let description = errors.check(BoundedText::parse(
        "description",
        description,
        0,
        8000,
        true,
    ));
    let tags = errors.check(TagList::parse("tags", tags.iter().map(String::as_str)));
    if tags.as_ref().is_some_and(|t| t.len() > 10) {
        errors.add(Invalid::new("tags", "invalid-tags-per-topic").arg("max", 10_u32));
        return None;
    }
    Some(peerlearn_store::TopicEdit {
        title: title?,
        description_html: crate::markdown::to_safe_html(description.as_ref()?.as_str()),
        description: description?,
        tags: tags?,
    })
}

/// Parses an id from the path; a malformed id is as unknown as a missing one.
pub fn path_id<T: std::str::FromStr>(
    raw: &str,
    what: &'static str,
) -> Result<T, crate::error::AppError> {
    raw.parse()
        .map_err(|_| crate::error::AppError::NotFound(what))
}

/// A check-in form. `at` is set only on a check-in the phone saved while it had no
/// connection and sends now: when she tapped "Check in", in seconds since 1970 (UTC).
#[derive(Debug, Deserialize, Default)]
pub struct CheckInFields {
    #[serde(default)]
    pub at: String,
}

impl CheckInFields {
    /// When she tapped, if the form says.
    pub fn tapped(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>, InvalidInput> {
        if self.at.is_empty() {
            return Ok(None);
        }
        self.at
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(Some)
            .ok_or_else(|| InvalidInput::one("at", "invalid-date-time"))
    }
}

#[derive(Debug, Deserialize, ToSchema, Default)]
/// Feedback on a meeting: one thing learned, one to try, a private rating and a thank-you.
pub struct FeedbackBody {
    /// One thing I learned.
    #[serde(default)]
    pub learned: String,
    /// One thing I will try (you are asked 30 days later whether you did).
    #[serde(default)]
    pub will_try: String,
    /// Private rating 1–5: nobody else sees it; organizers see only the average.
    #[serde(default)]
    pub rating: Option<i64>,
    /// A thank-you the host sees.
    #[serde(default)]
    pub thanks: String,
    /// Share "one thing I learned" as a note in the community's knowledge base.
    #[serde(default)]
    pub share: bool,
    /// Show my name on the shared note.
    #[serde(default)]
    pub named: bool,
    /// An optional link shared with the note.
    #[serde(default)]
    pub link: String,
}

impl FeedbackBody {
    /// The feedback, every bad field named.
    pub fn parse(&self) -> Result<peerlearn_domain::Feedback, InvalidInput> {
        peerlearn_domain::Feedback::parse(&peerlearn_domain::FeedbackInput {
            learned: &self.learned,
            will_try: &self.will_try,
            rating: self.rating,
            thanks: &self.thanks,
            share: self.share,
            named: self.named,
            link: &self.link,
        })
    }
}
pub mod mixer;
pub mod queries;
pub mod upload;
pub mod urlencoded;
pub mod webhooks;
